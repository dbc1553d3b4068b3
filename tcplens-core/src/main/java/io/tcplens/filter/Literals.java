package io.tcplens.filter;

import io.tcplens.field.FieldType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a literal into a constant of the type it is compared with, as Wireshark 4.0 does: an
 * unquoted word is read by the field's type (a number, an address with an optional prefix, a
 * byte string, a time), a quoted string only where strings make sense; failures carry
 * Wireshark's message and the literal's place.
 */
final class Literals {
    /** Names Wireshark accepts for IP protocol numbers ({@code ip.proto == TCP}). */
    private static final Map<String, Long> IP_PROTOCOLS = Map.ofEntries(
            Map.entry("ICMP", 1L), Map.entry("IGMP", 2L), Map.entry("IPIP", 4L), Map.entry("TCP", 6L),
            Map.entry("UDP", 17L), Map.entry("IPv6", 41L), Map.entry("GRE", 47L), Map.entry("ESP", 50L),
            Map.entry("AH", 51L), Map.entry("ICMPv6", 58L), Map.entry("SCTP", 132L));

    private Literals() { }

    /** Wireshark's description of a type, as in its conversion messages. */
    static String typeName(FieldType type) {
        return switch (type) {
            case PROTOCOL -> "Protocol";
            case NONE -> "Label";
            case UINT8 -> "Unsigned integer (1 byte)";
            case UINT16 -> "Unsigned integer (2 bytes)";
            case UINT24 -> "Unsigned integer (3 bytes)";
            case UINT32 -> "Unsigned integer (4 bytes)";
            case UINT64 -> "Unsigned integer (8 bytes)";
            case INT32 -> "Signed integer (4 bytes)";
            case BOOLEAN -> "Boolean";
            case IPV4 -> "IPv4 address";
            case IPV6 -> "IPv6 address";
            case ETHER -> "Ethernet or other MAC address";
            case BYTES -> "Byte sequence";
            case STRING -> "Character string";
            case RELATIVE_TIME -> "Time offset";
            case DOUBLE -> "Floating point (double-precision)";
            case ABSOLUTE_TIME -> "Date and time";
            case FRAMENUM -> "Frame number";
        };
    }

    /** True for types whose values are numbers (longs) rather than bytes. */
    static boolean numeric(FieldType type) {
        return switch (type) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, INT32, BOOLEAN, IPV4, RELATIVE_TIME, DOUBLE, ABSOLUTE_TIME, FRAMENUM -> true;
            case PROTOCOL, NONE, IPV6, ETHER, BYTES, STRING -> false;
        };
    }

    /**
     * Adds the literal, read as {@code type}, to {@code into}.
     *
     * @param fieldName the field it is compared with, for messages (may be null)
     */
    static void parse(Token token, FieldType type, String fieldName, Values into) throws FilterException {
        switch (token.kind()) {
            case STRING -> string(token, type, fieldName, into);
            case CHAR -> character(token, type, into);
            case WORD -> word(token, type, fieldName, into);
            default -> throw new FilterException("\"" + token.text() + "\" was unexpected in this context.", token);
        }
    }

    private static void string(Token token, FieldType type, String fieldName, Values into) throws FilterException {
        byte[] bytes = (byte[]) token.value();
        switch (type) {
            case STRING, BYTES, PROTOCOL -> into.bytes(bytes, 0, bytes.length);
            case ABSOLUTE_TIME -> into.number(AbsoluteTimes.parse(new String(bytes, StandardCharsets.UTF_8), token));
            case BOOLEAN -> throw notAmongValues(token, fieldName, new String(bytes, StandardCharsets.UTF_8));
            default -> throw new FilterException(typeName(type) + " cannot be converted from a string (\""
                    + new String(bytes, StandardCharsets.UTF_8) + "\").", token);
        }
    }

    private static void character(Token token, FieldType type, Values into) throws FilterException {
        long value = (Long) token.value();
        switch (type) {
            case STRING, BYTES, PROTOCOL -> into.bytes(new byte[] {(byte) value}, 0, 1);
            case UINT8, UINT16, UINT24, UINT32, UINT64, INT32, FRAMENUM -> into.number(value);
            case BOOLEAN -> into.number(value != 0 ? 1 : 0);
            default -> throw new FilterException(typeName(type) + " cannot be converted from a character constant.", token);
        }
    }

    private static void word(Token token, FieldType type, String fieldName, Values into) throws FilterException {
        String w = token.text();
        switch (type) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, INT32, FRAMENUM -> into.number(integer(token, type, fieldName));
            case BOOLEAN -> into.number(bool(token, fieldName));
            case RELATIVE_TIME -> into.number(time(token));
            case DOUBLE -> into.number(billionths(token));
            case ABSOLUTE_TIME -> into.number(AbsoluteTimes.parse(w, token));
            case IPV4 -> ipv4(token, into);
            case IPV6 -> ipv6(token, into);
            case ETHER -> {
                byte[] mac = byteString(w);
                if (mac == null) {
                    throw new FilterException("\"" + w + "\" is not a valid Ethernet address.", token);
                }
                if (mac.length != 6) {
                    throw new FilterException("\"" + w + "\" contains too " + (mac.length < 6 ? "few" : "many")
                            + " bytes to be a valid Ethernet address.", token);
                }
                into.bytes(mac, 0, 6);
            }
            case BYTES, PROTOCOL -> {
                byte[] bytes = byteString(w);
                if (bytes == null) {
                    throw new FilterException("\"" + w + "\" is not a valid byte string.", token);
                }
                into.bytes(bytes, 0, bytes.length);
            }
            case STRING -> {
                byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
                into.bytes(bytes, 0, bytes.length);
            }
        }
    }

    private static FilterException notAmongValues(Token token, String fieldName, String text) {
        return new FilterException("\"" + text + "\" cannot be found among the possible values for " + fieldName + ".", token);
    }

    /** An integer in C notation (decimal, 0x hex, 0 octal, 0b binary), checked against the type's range. */
    static long integer(Token token, FieldType type, String fieldName) throws FilterException {
        String w = token.text();
        if (fieldName != null && (fieldName.equals("ip.proto") || fieldName.equals("ipv6.nxt")) && IP_PROTOCOLS.containsKey(w)) {
            return IP_PROTOCOLS.get(w);
        }
        Long v = parseInteger(w);
        if (v == null) {
            throw new FilterException("\"" + w + "\" is not a valid number.", token);
        }
        long max = switch (type) {
            case UINT8 -> 0xFFL;
            case UINT16 -> 0xFFFFL;
            case UINT24 -> 0xFFFFFFL;
            case UINT32, FRAMENUM -> 0xFFFFFFFFL;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        if (v > max) {
            throw new FilterException("\"" + w + "\" too big for this field, maximum " + max + ".", token);
        }
        if (type == FieldType.INT32 && v < Integer.MIN_VALUE) {
            throw new FilterException("\"" + w + "\" too small for this field, minimum " + Integer.MIN_VALUE + ".", token);
        }
        return v;
    }

    /** A C integer literal with an optional sign, or null. */
    static Long parseInteger(String w) {
        boolean negative = w.startsWith("-");
        String s = negative || w.startsWith("+") ? w.substring(1) : w;
        int radix = 10;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 2 && (s.startsWith("0b") || s.startsWith("0B"))) {
            radix = 2;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), radix) < 0) {
                return null;
            }
        }
        try {
            long v = Long.parseUnsignedLong(s, radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long bool(Token token, String fieldName) throws FilterException {
        String w = token.text();
        switch (w) {
            case "True", "TRUE", "Set" -> {
                return 1;
            }
            case "False", "FALSE" -> {
                return 0;
            }
            default -> {
                Long v = parseInteger(w);
                if (v == null) {
                    throw notAmongValues(token, fieldName, w);
                }
                return v != 0 ? 1 : 0;
            }
        }
    }

    /** Seconds as a decimal number ("0.5", "1e-3", "2s"), in nanoseconds. */
    private static long time(Token token) throws FilterException {
        String w = token.text();
        String s = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
        if (w.endsWith("s") && s.indexOf('.') < 0) {
            // tshark 4.0 takes the unit after a fraction only ("1.0s" but not "1s").
            throw new FilterException("\"" + w + "\" is not a valid time.", token);
        }
        return billionths(s, "\"" + w + "\" is not a valid time.", token);
    }

    /** A double's literal ("10", "0.5", "1e-3"), in billionths as {@link FieldType#DOUBLE} keeps it. */
    private static long billionths(Token token) throws FilterException {
        return billionths(token.text(), "\"" + token.text() + "\" is not a valid floating-point number.", token);
    }

    /** A decimal number in billionths (a time's nanoseconds, a double's fixed point), rounded half to even; else the message. */
    private static long billionths(String number, String message, Token token) throws FilterException {
        try {
            return new BigDecimal(number).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new FilterException(message, token);
        }
    }

    private static void ipv4(Token token, Values into) throws FilterException {
        String w = token.text();
        int slash = w.indexOf('/');
        String address = slash < 0 ? w : w.substring(0, slash);
        long value = 0;
        String[] parts = address.split("\\.", -1);
        boolean ok = parts.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            String p = parts[i];
            ok = !p.isEmpty() && p.length() <= 3 && p.chars().allMatch(Character::isDigit) && Integer.parseInt(p) <= 255;
            value = (value << 8) | (ok ? Integer.parseInt(p) : 0);
        }
        if (!ok) {
            throw new FilterException("\"" + address + "\" is not a valid hostname or IPv4 address.", token);
        }
        into.number(value);
        if (slash >= 0) {
            String bits = w.substring(slash + 1);
            Long n = bits.chars().allMatch(Character::isDigit) && !bits.isEmpty() && bits.length() < 6 ? Long.parseLong(bits) : null;
            if (n == null) {
                throw new FilterException("\"" + bits + "\" is not a valid number of netmask bits.", token);
            }
            if (n > 32) {
                throw new FilterException("Netmask bits in a CIDR IPv4 address should be <= 32, not " + n, token);
            }
            into.prefixes[into.count - 1] = n.intValue();
        }
    }

    private static void ipv6(Token token, Values into) throws FilterException {
        String w = token.text();
        int slash = w.indexOf('/');
        String address = slash < 0 ? w : w.substring(0, slash);
        byte[] bytes = ipv6Bytes(address);
        if (bytes == null) {
            throw new FilterException("\"" + address + "\" is not a valid hostname or IPv6 address.", token);
        }
        into.bytes(bytes, 0, 16);
        if (slash >= 0) {
            String bits = w.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 5 || !bits.chars().allMatch(Character::isDigit)) {
                throw new FilterException("\"" + bits + "\" is not a valid prefix length.", token);
            }
            int n = Integer.parseInt(bits);
            if (n > 128) {
                throw new FilterException("Prefix in a IPv6 address should be <= 128, not " + n, token);
            }
            into.prefixes[into.count - 1] = n;
        }
    }

    /** RFC 4291 text form (with :: and a dotted IPv4 tail), or null; never a name lookup. */
    static byte[] ipv6Bytes(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    /** 16-bit groups of one side of "::" (a trailing dotted IPv4 counts as two). */
    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] g = part.split(":", -1);
        int extra = g[g.length - 1].contains(".") ? 1 : 0;
        int[] out = new int[g.length + extra];
        for (int i = 0; i < g.length; i++) {
            String x = g[i];
            if (i == g.length - 1 && extra == 1) {
                String[] q = x.split("\\.", -1);
                if (q.length != 4) {
                    return null;
                }
                int[] b = new int[4];
                for (int k = 0; k < 4; k++) {
                    if (q[k].isEmpty() || q[k].length() > 3 || !q[k].chars().allMatch(Character::isDigit)) {
                        return null;
                    }
                    b[k] = Integer.parseInt(q[k]);
                    if (b[k] > 255) {
                        return null;
                    }
                }
                out[i] = (b[0] << 8) | b[1];
                out[i + 1] = (b[2] << 8) | b[3];
                continue;
            }
            if (x.isEmpty() || x.length() > 4) {
                return null;
            }
            for (int k = 0; k < x.length(); k++) {
                if (Character.digit(x.charAt(k), 16) < 0) {
                    return null;
                }
            }
            out[i] = Integer.parseInt(x, 16);
        }
        return out;
    }

    /**
     * A byte string: hex pairs separated by ':', '-' or '.' (one separator throughout), a
     * single byte ("47"), or Cisco's dotted 16-bit groups ("0011.2233.4455"); null otherwise.
     */
    static byte[] byteString(String w) {
        if (w.isEmpty()) {
            return null;
        }
        if (w.length() <= 2) {
            return hexRun(w);
        }
        if ((w.startsWith("0x") || w.startsWith("0X")) && w.length() % 2 == 0) {
            return hexRun(w.substring(2));
        }
        char sep = 0;
        for (char c : new char[] {':', '-', '.'}) {
            if (w.indexOf(c) >= 0) {
                if (sep != 0) {
                    return null;
                }
                sep = c;
            }
        }
        if (sep == 0) {
            return null;
        }
        String[] parts = w.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        boolean cisco = sep == '.' && parts.length == 3 && parts[0].length() == 4;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String p : parts) {
            if (cisco ? p.length() != 4 : (p.isEmpty() || p.length() > 2)) {
                return null;
            }
            byte[] b = hexRun(cisco ? p : (p.length() == 1 ? "0" + p : p));
            if (b == null) {
                return null;
            }
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** An even run of hex digits ("0a", "0011"), or one digit; null otherwise. */
    private static byte[] hexRun(String s) {
        String h = s.length() % 2 == 1 ? "0" + s : s;
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(h.charAt(2 * i), 16);
            int lo = Character.digit(h.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** Is this word shaped like a field name (so an unknown one is reported as such)? */
    static boolean looksLikeName(String w) {
        if (w.isEmpty() || !Character.isLetter(w.charAt(0)) || w.indexOf(':') >= 0 || w.indexOf('/') >= 0) {
            return false;
        }
        return w.toLowerCase(Locale.ROOT).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
    }
}
