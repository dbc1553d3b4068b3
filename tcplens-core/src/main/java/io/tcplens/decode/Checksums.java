package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * Internet checksum verification (RFC 1071) for IPv4 headers and TCP, UDP and ICMPv6 with their
 * pseudo-headers (RFC 9293 section 3.1; RFC 8200 section 8.1). Computed on demand only: a bad
 * checksum is a note on the packet, never a reason to drop it (with checksum offload, packets
 * captured on the sending host normally carry a placeholder).
 */
public final class Checksums {
    /** tshark's {@code *.checksum.status} values. */
    public static final int BAD = 0;
    public static final int GOOD = 1;
    public static final int UNVERIFIED = 2;

    private Checksums() { }

    /** One's-complement sum of {@code length} bytes, folded to 16 bits later. */
    static long sum(ByteBuffer b, int at, int length, long sum) {
        int end = at + length;
        while (at + 1 < end) {
            sum += b.getShort(at) & 0xFFFF;
            at += 2;
        }
        if (at < end) {
            sum += (b.get(at) & 0xFF) << 8;
        }
        return sum;
    }

    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** GOOD, BAD, or UNVERIFIED when the header was not captured whole. */
    public static int ipv4Header(Packet p, int ip) {
        int length = p.headerLength(ip);
        if (!p.has(ip, 0, length) || length < Ipv4Header.MIN_LENGTH) {
            return UNVERIFIED;
        }
        return fold(sum(p.buffer(ip), p.start(ip), length, 0)) == 0xFFFF ? GOOD : BAD;
    }

    /**
     * Verifies a TCP, UDP or ICMPv6 checksum over the whole segment, or an ICMP checksum over
     * the message. UNVERIFIED when the segment was not captured whole (snaplen, or a quoted
     * datagram) or has no carrying IP layer; a UDP checksum of zero over IPv4 means "none".
     */
    public static int transport(Packet p, int layer) {
        int ip = -1;
        for (int i = layer - 1; i >= 0; i--) {
            if (p.layer(i).isIp()) {
                ip = i;
                break;
            }
        }
        int start = p.start(layer);
        int end = p.reportedEnd(layer);
        if (ip < 0 || end > p.capturedEnd(layer) || p.quoted(layer) || end - start < 4) {
            return UNVERIFIED;
        }
        ByteBuffer b = p.buffer(layer);
        Layer kind = p.layer(layer);
        int length = end - start;
        if (kind == Layer.UDP && (b.getShort(start + 6) & 0xFFFF) == 0 && p.layer(ip) == Layer.IPV4) {
            return UNVERIFIED;
        }
        long sum = 0;
        if (kind != Layer.ICMP) {
            int protocol = switch (kind) {
                case TCP -> PacketDecoder.IPPROTO_TCP;
                case UDP -> PacketDecoder.IPPROTO_UDP;
                default -> PacketDecoder.IPPROTO_ICMPV6;
            };
            ByteBuffer ib = p.buffer(ip);
            int ipStart = p.start(ip);
            if (p.layer(ip) == Layer.IPV4) {
                sum = sum(ib, ipStart + Ipv4Header.SOURCE, 8, sum);
            } else {
                sum = sum(ib, ipStart + Ipv6Header.SOURCE, 32, sum);
            }
            sum += protocol + length;
        }
        sum = sum(b, start, length, sum);
        return fold(sum) == 0xFFFF ? GOOD : BAD;
    }
}
