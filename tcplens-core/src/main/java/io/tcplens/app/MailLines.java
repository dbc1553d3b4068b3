package io.tcplens.app;

import io.tcplens.decode.DnsMessage;

/** Lines of the text mail protocols (SMTP, IMAP, IMF) found as Wireshark's tvb functions find them. */
final class MailLines {
    private MailLines() { }

    /** The index of the first CR or LF from {@code at}, or -1 (tvb_find_line_end's search). */
    static int lineEnd(byte[] b, int at, int end) {
        for (int i = at; i < end; i++) {
            if (b[i] == '\r' || b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The offset after a line end found at {@code eol}: CRLF, or a lone CR or LF. */
    static int next(byte[] b, int eol, int end) {
        return b[eol] == '\r' && eol + 1 < end && b[eol + 1] == '\n' ? eol + 2 : eol + 1;
    }

    /** The length of the line starting at {@code at}, without its line end (to {@code end} when it has none). */
    static int lineLength(byte[] b, int at, int end) {
        int eol = lineEnd(b, at, end);
        return eol < 0 ? end - at : eol - at;
    }

    /** Where the line after the one starting at {@code at} starts: past its CRLF, CR or LF, or {@code end}. */
    static int nextLine(byte[] b, int at, int end) {
        int eol = lineEnd(b, at, end);
        return eol < 0 ? end : next(b, eol, end);
    }

    /**
     * tvb_find_line_end with desegmentation: no line end from {@code at}, or a CR as the last
     * byte (an LF may follow in the next segment). The dissector then asks for more.
     */
    static boolean lineOpen(byte[] b, int at, int end) {
        int eol = lineEnd(b, at, end);
        return eol < 0 || (b[eol] == '\r' && eol + 1 >= end);
    }

    static int indexOf(byte[] b, int from, int end, char c) {
        for (int i = Math.max(0, from); i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes from {@code at} to {@code end} begin with {@code s}, case counting (strncmp). */
    static boolean starts(byte[] b, int at, int end, String s) {
        if (end - at < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes at {@code at} begin with {@code upper} (upper case), compared without case, within {@code length}. */
    static boolean startsIgnoringCase(byte[] b, int at, int length, String upper) {
        if (length < upper.length()) {
            return false;
        }
        for (int i = 0; i < upper.length(); i++) {
            if (Character.toUpperCase((char) (b[at + i] & 0xFF)) != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes as Wireshark shows a string it read with ENC_ASCII (tvb_get_string_enc) and printed
     * with %s: to the first NUL, each byte above 0x7F as U+FFFD, then escaped as format_text
     * escapes.
     */
    static String asciiString(byte[] b, int at, int length) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length);
        for (int i = at; i < at + length && i < b.length && b[i] != 0; i++) {
            if (b[i] < 0) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
            } else {
                out.write(b[i]);
            }
        }
        byte[] bytes = out.toByteArray();
        return DnsMessage.displayText(bytes, bytes.length);
    }

    /** Bytes as Wireshark's format_text shows them (C escapes for control characters), cut at the array's end. */
    static String text(byte[] b, int at, int length) {
        int n = Math.max(0, Math.min(length, b.length - at));
        return DnsMessage.displayText(java.util.Arrays.copyOfRange(b, at, at + n), n);
    }
}
