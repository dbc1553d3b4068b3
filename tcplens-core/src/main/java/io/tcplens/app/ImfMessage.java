package io.tcplens.app;

import io.tcplens.decode.DnsMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A mail message (RFC 5322, Internet Message Format) as Wireshark 4.0's IMF dissector reads the
 * bytes SMTP put together between DATA and its ending "." line (packet-imf.c): the header fields
 * up to the blank line, "from" and "subject" in the Info column, and the body handed on by its
 * Content-Type to the dissector of that media type, through MIME multipart's parts
 * (packet-multipart.c), each of which names its own type in the Info column.
 *
 * @param from      the From field's value as shown, or null
 * @param subject   the Subject field's value as shown, or null
 * @param info      the Info column's words
 * @param protocols frame.protocols from IMF on, each with its leading ':' (":imf:mime_multipart:data-text-lines")
 */
public record ImfMessage(String from, String subject, String info, String protocols) {
    /** Nested multiparts read at most (a crafted message could nest them without end). */
    static final int MAX_DEPTH = 16;

    /** Reads a message's first {@code length} bytes. */
    static ImfMessage read(byte[] b, int length) {
        StringBuilder info = new StringBuilder();
        StringBuilder protocols = new StringBuilder(":imf");
        String from = null;
        String subject = null;
        String contentType = null;
        String parameters = null;
        String transferEncoding = null;
        int start = 0;
        int end = 0;
        boolean[] last = {false};
        while (!last[0]) {
            int colon = MailLines.indexOf(b, start, length, ':');
            if (colon < 0) {
                break;
            }
            String key = ascii(b, start, colon - start).toLowerCase(Locale.ROOT);
            int valueStart = colon + 1;
            end = fieldEnd(b, valueStart, length, last);
            if (end < 0) {
                break;
            }
            int value = valueStart;
            while (value < end && isSpace(b[value])) {
                value++;
            }
            if (value == end) {
                value = valueStart;
            }
            // Wireshark shows the value without the field's closing CRLF (folded lines keep theirs).
            int shown = Math.max(0, end - value - 2);
            switch (key) {
                case "from", "subject" -> {
                    String text = MailLines.text(b, value, shown);
                    info.append(key).append(": ").append(text).append(", ");
                    if (key.equals("from")) {
                        from = text;
                    } else {
                        subject = text;
                    }
                }
                case "content-type" -> {
                    // dissect_imf_content_type: the type runs to the first ';' (without one, IMF
                    // takes no type at all), the parameters from there to the field's end.
                    int typeStart = valueStart;
                    while (typeStart < end && isSpace(b[typeStart])) {
                        typeStart++;
                    }
                    int semicolon = MailLines.indexOf(b, typeStart, end, ';');
                    if (semicolon >= 0) {
                        contentType = ascii(b, typeStart, semicolon - typeStart);
                        parameters = ascii(b, semicolon + 1, Math.max(0, end - semicolon - 3));
                    }
                }
                case "content-transfer-encoding" -> transferEncoding = ascii(b, value, shown);
                default -> { }
            }
            start = end;
        }
        if (last[0]) {
            end += 2;
        }
        if (end < 0) {
            end = 0;
        }
        if (contentType != null) {
            byte[] body = b;
            int bodyStart = end;
            int bodyLength = length - end;
            if (transferEncoding != null && transferEncoding.regionMatches(true, 0, "base64", 0, 6)) {
                body = base64(b, end, length - end);
                bodyStart = 0;
                bodyLength = body.length;
            }
            media(contentType, parameters, body, bodyStart, bodyLength, info, protocols, 0, false);
        } else {
            // No type: the message's lines themselves, each in the Info column.
            int at = end;
            while (at < length) {
                int next = MailLines.nextLine(b, at, length);
                if (info.length() > 0) {
                    info.append(", ");
                }
                // format_text_wsp: the line with its line end, each white space character a space.
                byte[] line = java.util.Arrays.copyOfRange(b, at, next);
                for (int i = 0; i < line.length; i++) {
                    if (line[i] >= 0x09 && line[i] <= 0x0D) {
                        line[i] = ' ';
                    }
                }
                info.append(DnsMessage.displayText(line, line.length));
                at = next;
            }
        }
        return new ImfMessage(from, subject, info.toString(), protocols.toString());
    }

    /**
     * Hands a body to the dissector Wireshark's media_type table has for its type: MIME multipart
     * for its seven multipart types, line-based text (which names the type in the Info column)
     * for the text types, JSON and XML for theirs; another type goes to "media", which names it
     * too, except in IMF's own body, where Wireshark only tries the table.
     *
     * @param inPart the body is a multipart's part (whose dissector falls back to media, and to
     *               data for application/octet-stream or a part without a type)
     */
    private static void media(String type, String parameters, byte[] b, int at, int length, StringBuilder info,
                              StringBuilder protocols, int depth, boolean inPart) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (HttpMessage.TEXT_LINES.contains(lower)) {
            // packet-text-media.c hands a body that begins with an XML declaration to XML.
            if (length > 38 && MailLines.startsIgnoringCase(b, at, length, "<?XML")) {
                protocols.append(":xml");
            } else {
                protocols.append(":data-text-lines");
                info.append(" (").append(shown(type)).append(')');
            }
            return;
        }
        if (MULTIPART.contains(lower)) {
            String boundary = parameters == null ? null : parameter(parameters, "boundary");
            if (boundary != null && depth < MAX_DEPTH) {
                protocols.append(":mime_multipart");
                multipart(boundary.getBytes(StandardCharsets.ISO_8859_1), b, at, length, info, protocols, depth + 1);
                return;
            }
        } else if (lower.equals("application/json") || lower.endsWith("+json")) {
            protocols.append(":json");
            return;
        } else if (lower.equals("text/xml") || lower.equals("application/xml") || lower.endsWith("+xml")) {
            protocols.append(":xml");
            return;
        }
        if (inPart) {
            protocols.append(":media");
            info.append(" (").append(shown(type)).append(')');
        }
    }

    /** The multipart types packet-multipart.c registers in the media_type table. */
    private static final java.util.Set<String> MULTIPART = java.util.Set.of("multipart/mixed", "multipart/related",
            "multipart/alternative", "multipart/form-data", "multipart/report", "multipart/signed", "multipart/encrypted");

    /**
     * The parts between "--boundary" lines (RFC 2046, section 5.1.1), up to "--boundary--": each
     * part's header fields to its blank line, then its body, handed on by its Content-Type.
     */
    private static void multipart(byte[] boundary, byte[] b, int at, int length, StringBuilder info,
                                  StringBuilder protocols, int depth) {
        int end = at + length;
        int line = at;
        // The preamble: lines up to the first delimiter.
        while (line < end && !delimiter(b, line, end, boundary)) {
            line = MailLines.nextLine(b, line, end);
        }
        while (line < end && delimiter(b, line, end, boundary) && !closing(b, line, end, boundary)) {
            int partStart = MailLines.nextLine(b, line, end);
            // The part runs to the CRLF before the next delimiter line.
            int next = partStart;
            while (next < end && !delimiter(b, next, end, boundary)) {
                next = MailLines.nextLine(b, next, end);
            }
            int partEnd = next;
            if (partEnd >= partStart + 2 && b[partEnd - 2] == '\r' && b[partEnd - 1] == '\n') {
                partEnd -= 2;
            } else if (partEnd > partStart && b[partEnd - 1] == '\n') {
                partEnd -= 1;
            }
            part(b, partStart, Math.max(partStart, partEnd), info, protocols, depth);
            if (next >= end) {
                break;
            }
            line = next;
        }
    }

    /** One part: its header fields (folded lines joined), a blank line, its body. */
    private static void part(byte[] b, int start, int end, StringBuilder info, StringBuilder protocols, int depth) {
        String type = null;
        String parameters = null;
        int line = start;
        StringBuilder field = new StringBuilder();
        java.util.List<String> fields = new java.util.ArrayList<>();
        while (line < end) {
            int next = MailLines.nextLine(b, line, end);
            int text = MailLines.lineLength(b, line, next);
            if (text == 0) {
                line = next;
                break;
            }
            String s = ascii(b, line, text);
            if ((s.charAt(0) == ' ' || s.charAt(0) == '\t') && field.length() > 0) {
                field.append(' ').append(s.strip());
            } else {
                if (field.length() > 0) {
                    fields.add(field.toString());
                }
                field.setLength(0);
                field.append(s);
            }
            line = next;
        }
        if (field.length() > 0) {
            fields.add(field.toString());
        }
        for (String f : fields) {
            int colon = f.indexOf(':');
            if (colon > 0 && f.substring(0, colon).strip().equalsIgnoreCase("content-type")) {
                String value = f.substring(colon + 1).strip();
                int semicolon = value.indexOf(';');
                type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
                parameters = semicolon < 0 ? null : value.substring(semicolon + 1);
            }
        }
        int bodyStart = Math.min(line, end);
        if (type == null || type.equals("application/octet-stream")) {
            protocols.append(":data");
            return;
        }
        media(type, parameters, b, bodyStart, end - bodyStart, info, protocols, depth, true);
    }

    /** A media type parameter's value (RFC 2045, section 5.1), unquoted; null when absent. */
    static String parameter(String parameters, String name) {
        for (String p : parameters.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.charAt(0) == '"') {
                    int close = v.indexOf('"', 1);
                    v = close > 0 ? v.substring(1, close) : v.substring(1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static boolean delimiter(byte[] b, int at, int end, byte[] boundary) {
        if (at + 2 + boundary.length > end || b[at] != '-' || b[at + 1] != '-') {
            return false;
        }
        for (int i = 0; i < boundary.length; i++) {
            if (b[at + 2 + i] != boundary[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean closing(byte[] b, int at, int end, byte[] boundary) {
        int after = at + 2 + boundary.length;
        return after + 2 <= end && b[after] == '-' && b[after + 1] == '-';
    }

    /**
     * Where a header field ends, as imf_find_field_end finds it: after the CRLF that no space or
     * tab continues; {@code last[0]} set when a blank line (or the end) follows. -1 without a CR.
     */
    private static int fieldEnd(byte[] b, int at, int max, boolean[] last) {
        while (at < max) {
            int cr = MailLines.indexOf(b, at, max, '\r');
            if (cr < 0) {
                return -1;
            }
            at = cr + 1;
            if (at < max && b[at] == '\n') {
                if (++at >= max) {
                    last[0] = true;
                    return at - 2;
                }
                byte c = b[at];
                if (c == '\r') {
                    if (at + 1 < max && b[at + 1] == '\n') {
                        last[0] = true;
                    }
                    return at;
                }
                if (c != ' ' && c != '\t') {
                    return at;
                }
            }
        }
        return -1;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == 0x0C;
    }

    private static String ascii(byte[] b, int at, int length) {
        return new String(b, at, Math.max(0, length), StandardCharsets.ISO_8859_1);
    }

    /** Base64 text decoded as Wireshark's base64_to_tvb does: characters outside the alphabet skipped. */
    private static byte[] base64(byte[] b, int at, int length) {
        StringBuilder clean = new StringBuilder(length);
        for (int i = at; i < at + length; i++) {
            char c = (char) (b[i] & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
                clean.append(c);
            }
        }
        if (clean.length() % 4 == 1) {
            // A lone last character holds no whole byte.
            clean.setLength(clean.length() - 1);
        }
        while (clean.length() % 4 != 0) {
            clean.append('=');
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A media type as the Info column shows it: control characters escaped. */
    private static String shown(String type) {
        byte[] bytes = type.getBytes(StandardCharsets.ISO_8859_1);
        return DnsMessage.displayText(bytes, bytes.length);
    }
}
