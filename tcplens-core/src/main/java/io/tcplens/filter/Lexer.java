package io.tcplens.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a display filter into tokens as Wireshark's scanner does: unquoted words run over
 * letters, digits and {@code _ . : - /} so that {@code 10.0.0.0/8}, {@code 00:1a:2b} and
 * {@code tcp.flags.syn} are each one word; strings take C escapes; brackets hold a slice.
 */
final class Lexer {
    /** Two- and three-character operators, longest first. */
    private static final String[] SYMBOLS = {
        "===", "!==", "==", "!=", "~=", "<=", ">=", "&&", "||", "^^",
        "(", ")", "{", "}", ",", "<", ">", "!", "&", "+", "*", "%",
    };

    private Lexer() { }

    static List<Token> tokens(String filter) throws FilterException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = filter.length();
        while (i < n) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || ((c == 'r' || c == 'R') && i + 1 < n && filter.charAt(i + 1) == '"')) {
                i = string(filter, i, out);
            } else if (c == '\'') {
                i = character(filter, i, out);
            } else if (c == '[') {
                int close = filter.indexOf(']', i);
                if (close < 0) {
                    throw new FilterException("Unexpected end of filter expression.", -1, 0, null);
                }
                out.add(new Token(Token.Kind.SLICE, filter.substring(i, close + 1), i, filter.substring(i + 1, close)));
                i = close + 1;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(filter.charAt(i))) {
                    i++;
                }
                String word = filter.substring(start, i);
                // A lone '-' or '/' between spaces is arithmetic, not part of a literal.
                Token.Kind kind = word.equals("-") || word.equals("/") ? Token.Kind.SYMBOL : Token.Kind.WORD;
                out.add(new Token(kind, word, start, null));
            } else {
                String symbol = null;
                for (String s : SYMBOLS) {
                    if (filter.startsWith(s, i)) {
                        symbol = s;
                        break;
                    }
                }
                if (symbol == null) {
                    throw new FilterException("\"" + c + "\" was unexpected in this context.", i, 1, null);
                }
                out.add(new Token(Token.Kind.SYMBOL, symbol, i, null));
                i += symbol.length();
            }
        }
        out.add(new Token(Token.Kind.END, "", n, null));
        return out;
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == ':' || c == '-' || c == '/';
    }

    /** A double-quoted string (or r"raw" string, no escapes); returns the offset after it. */
    private static int string(String filter, int start, List<Token> out) throws FilterException {
        boolean raw = filter.charAt(start) != '"';
        int i = start + (raw ? 2 : 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (i >= filter.length()) {
                // tshark marks the end of the filter, where the quote should be.
                throw new FilterException("The final quote was missing from a quoted string.", filter.length(), 1, null);
            }
            char c = filter.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && !raw) {
                i = escape(filter, i, bytes);
                continue;
            }
            if (c == '\\' && i + 1 < filter.length() && filter.charAt(i + 1) == '"') {
                bytes.write('\\');
                bytes.write('"');
                i += 2;
                continue;
            }
            int cp = filter.codePointAt(i);
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            bytes.write(utf8, 0, utf8.length);
            i += Character.charCount(cp);
        }
        out.add(new Token(Token.Kind.STRING, filter.substring(start, i + 1), start, bytes.toByteArray()));
        return i + 1;
    }

    /** A character constant: 'G', '\n', '\x47', '\107'. */
    private static int character(String filter, int start, List<Token> out) throws FilterException {
        int i = start + 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (i < filter.length() && filter.charAt(i) == '\\') {
            i = escape(filter, i, bytes);
        } else if (i < filter.length()) {
            bytes.write(filter.charAt(i) & 0xFF);
            i++;
        }
        if (i >= filter.length() || filter.charAt(i) != '\'' || bytes.size() != 1) {
            throw new FilterException("The final quote was missing from a quoted string.", start, 1, null);
        }
        out.add(new Token(Token.Kind.CHAR, filter.substring(start, i + 1), start, (long) (bytes.toByteArray()[0] & 0xFF)));
        return i + 1;
    }

    /** One backslash escape at {@code at}; returns the offset after it. */
    private static int escape(String filter, int at, ByteArrayOutputStream bytes) throws FilterException {
        if (at + 1 >= filter.length()) {
            throw new FilterException("The final quote was missing from a quoted string.", at, 1, null);
        }
        char e = filter.charAt(at + 1);
        switch (e) {
            case '\\', '"', '\'' -> bytes.write(e);
            case 'a' -> bytes.write(7);
            case 'b' -> bytes.write(8);
            case 'f' -> bytes.write(12);
            case 'n' -> bytes.write(10);
            case 'r' -> bytes.write(13);
            case 't' -> bytes.write(9);
            case 'v' -> bytes.write(11);
            case 'x' -> {
                int i = at + 2;
                int v = 0;
                int digits = 0;
                while (digits < 2 && i < filter.length() && Character.digit(filter.charAt(i), 16) >= 0) {
                    v = v * 16 + Character.digit(filter.charAt(i), 16);
                    i++;
                    digits++;
                }
                if (digits == 0) {
                    throw new FilterException("\\x is not a valid character escape sequence", at, 2, null);
                }
                bytes.write(v);
                return i;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int i = at + 1;
                    int v = 0;
                    int digits = 0;
                    while (digits < 3 && i < filter.length() && filter.charAt(i) >= '0' && filter.charAt(i) <= '7') {
                        v = v * 8 + (filter.charAt(i) - '0');
                        i++;
                        digits++;
                    }
                    bytes.write(v & 0xFF);
                    return i;
                }
                throw new FilterException("\\" + e + " is not a valid character escape sequence", at, 2, null);
            }
        }
        return at + 2;
    }
}
