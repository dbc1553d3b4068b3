package io.tcplens.decode;

import java.nio.ByteBuffer;

/** IP addresses as text, the way inet_ntop and tshark write them; for every stage that prints one. */
public final class AddressText {
    private AddressText() { }

    public static StringBuilder ipv4(StringBuilder out, int address) {
        return out.append((address >>> 24) & 0xFF).append('.').append((address >>> 16) & 0xFF).append('.')
                .append((address >>> 8) & 0xFF).append('.').append(address & 0xFF);
    }

    /** RFC 5952 text form: lower case, longest run (two or more) of zero groups as "::", first run on ties. */
    public static StringBuilder ipv6(StringBuilder out, ByteBuffer b, int at) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = b.getShort(at + 2 * i) & 0xFFFF;
        }
        return ipv6(out, groups);
    }

    private static StringBuilder ipv6(StringBuilder out, int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        // IPv4-mapped and IPv4-compatible forms keep the dotted quad, as inet_ntop writes them.
        boolean mapped = bestStart == 0 && bestLength == 5 && groups[5] == 0xFFFF;
        boolean compatible = bestStart == 0 && bestLength == 6 && groups[6] != 0;
        if (mapped || compatible) {
            out.append(mapped ? "::ffff:" : "::");
            return ipv4(out, groups[6] << 16 | groups[7]);
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                out.append(':');
            }
            hex(out, groups[i]);
        }
        return out;
    }

    /**
     * A group's hex digits, lower case, without leading zeros: appended one by one rather than
     * through Integer.toHexString, a string per group (on the 10M-packet capture, about 20 MB
     * of garbage from the CSV rows' IPv6 addresses alone).
     */
    private static void hex(StringBuilder out, int group) {
        int shift = group > 0xFFF ? 12 : group > 0xFF ? 8 : group > 0xF ? 4 : 0;
        for (; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((group >>> shift) & 0xF, 16));
        }
    }

    /** A raw address (4 bytes IPv4, 16 bytes IPv6) as text. */
    public static String of(byte[] raw) {
        return append(new StringBuilder(raw.length == 4 ? 15 : 39), raw).toString();
    }

    /** Appends a raw address (4 bytes IPv4, 16 bytes IPv6) as text. */
    public static StringBuilder append(StringBuilder out, byte[] raw) {
        if (raw.length == 4) {
            return ipv4(out, (raw[0] & 0xFF) << 24 | (raw[1] & 0xFF) << 16 | (raw[2] & 0xFF) << 8 | (raw[3] & 0xFF));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (raw[2 * i] & 0xFF) << 8 | raw[2 * i + 1] & 0xFF;
        }
        return ipv6(out, groups);
    }

    /** Appends "address:port" for a raw address, an IPv6 address in brackets (RFC 3986, section 3.2.2). */
    public static StringBuilder appendEndpoint(StringBuilder out, byte[] raw, int port) {
        if (raw.length == 4) {
            return append(out, raw).append(':').append(port);
        }
        return append(out.append('['), raw).append("]:").append(port);
    }
}
