package io.tcplens.field;

import io.tcplens.decode.AddressText;
import java.nio.ByteBuffer;

/** Values written the way tshark 4.0 writes them in {@code -T fields}. */
public final class Formats {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Formats() { }

    public static StringBuilder ipv4(StringBuilder out, int address) {
        return AddressText.ipv4(out, address);
    }

    /** RFC 5952 text form (see {@link AddressText#ipv6}). */
    public static StringBuilder ipv6(StringBuilder out, ByteBuffer b, int at) {
        return AddressText.ipv6(out, b, at);
    }

    public static StringBuilder mac(StringBuilder out, ByteBuffer b, int at) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            int v = b.get(at + i) & 0xFF;
            out.append(HEX[v >>> 4]).append(HEX[v & 0xF]);
        }
        return out;
    }

    /** "0x" and {@code digits} lower-case hex digits, as tshark prints BASE_HEX integers. */
    public static StringBuilder hex(StringBuilder out, long value, int digits) {
        out.append("0x");
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(int) ((value >>> shift) & 0xF)]);
        }
        return out;
    }

    /** Bytes as plain hex pairs, no separators, as tshark prints FT_BYTES in fields output. */
    public static StringBuilder bytes(StringBuilder out, ByteBuffer b, int at, int length) {
        for (int i = 0; i < length; i++) {
            int v = b.get(at + i) & 0xFF;
            out.append(HEX[v >>> 4]).append(HEX[v & 0xF]);
        }
        return out;
    }

    /**
     * A number given in billionths, as C's printf("%.15g") writes it, the way tshark prints an
     * FT_DOUBLE: 15 significant digits, no trailing zeros, and the exponent form ("1e-05",
     * "1.5e+20") when the exponent is below -4 or 15 and over.
     */
    public static StringBuilder double15(StringBuilder out, long billionths) {
        if (billionths == 0) {
            return out.append('0');
        }
        java.math.BigDecimal v = java.math.BigDecimal.valueOf(billionths, 9)
                .round(new java.math.MathContext(15, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent >= -4 && exponent < 15) {
            return out.append(v.toPlainString());
        }
        java.math.BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
        out.append(mantissa.toPlainString()).append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        return out.append(e < 10 ? "0" : "").append(e);
    }

    /** Seconds with {@code decimals} decimals, cut (not rounded); negative values keep their sign ("-0.000041000"). */
    public static StringBuilder seconds(StringBuilder out, long nanos, int decimals) {
        return seconds(out, Math.floorDiv(nanos, NANOS_PER_SECOND), (int) Math.floorMod(nanos, NANOS_PER_SECOND), decimals);
    }

    /**
     * A time as whole seconds rounded down and the nanoseconds after them, with {@code decimals}
     * digits cut (not rounded), and the sign in front ("-0.000041000" for -1 s and 999,959,000 ns).
     */
    public static StringBuilder seconds(StringBuilder out, long seconds, int nanos, int decimals) {
        if (seconds < 0) {
            out.append('-');
            if (nanos > 0) {
                seconds = -(seconds + 1);
                nanos = (int) (NANOS_PER_SECOND - nanos);
            } else {
                seconds = -seconds;
            }
        }
        int divisor = 1;
        for (int i = decimals; i < 9; i++) {
            divisor *= 10;
        }
        out.append(seconds);
        if (decimals > 0) {
            zeroPadded(out.append('.'), nanos / divisor, decimals);
        }
        return out;
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** A value of 0 or more in at least {@code digits} decimal digits, zeros in front. */
    private static StringBuilder zeroPadded(StringBuilder out, long value, int digits) {
        int width = 1;
        for (long limit = 10; width < digits && value >= limit; limit *= 10) {
            width++;
        }
        for (int i = width; i < digits; i++) {
            out.append('0');
        }
        return out.append(value);
    }

    /** Month names as C's %b writes them in the C locale (Wireshark's abs_time_to_str). */
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final java.time.format.DateTimeFormatter ZONE_NAME =
            java.time.format.DateTimeFormatter.ofPattern("zzz", java.util.Locale.ENGLISH);

    /**
     * A capture time (seconds since the epoch, nanoseconds within the second) as Wireshark shows
     * an absolute time in the local time zone:
     * "Nov 14, 2023 22:13:20.000000000 UTC" (strftime's "%b %e, %Y %H:%M:%S", nine decimals, the
     * zone's abbreviation). The zone is the JVM's, which follows TZ as tshark does; its
     * abbreviation is Java's (CLDR), which for a zone without a common one may differ from the C
     * library's (Java "BRT" where glibc writes "-03").
     */
    public static StringBuilder localDateTime(StringBuilder out, long epochSeconds, int nanos) {
        java.time.ZonedDateTime t = java.time.Instant.ofEpochSecond(epochSeconds, nanos).atZone(java.time.ZoneId.systemDefault());
        out.append(MONTHS[t.getMonthValue() - 1]).append(' ');
        if (t.getDayOfMonth() < 10) {
            out.append(' ');
        }
        out.append(t.getDayOfMonth()).append(", ").append(t.getYear()).append(' ');
        zeroPadded(out, t.getHour(), 2).append(':');
        zeroPadded(out, t.getMinute(), 2).append(':');
        zeroPadded(out, t.getSecond(), 2).append('.');
        return zeroPadded(out, t.getNano(), 9).append(' ').append(ZONE_NAME.format(t));
    }

    /**
     * Appends text from a capture made safe for a terminal: control characters, ESC and the C1
     * range included, become visible {@code \xNN} escapes, so no byte a stranger wrote can drive
     * the terminal or break a line.
     */
    public static StringBuilder safeText(StringBuilder out, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        return out;
    }
}
