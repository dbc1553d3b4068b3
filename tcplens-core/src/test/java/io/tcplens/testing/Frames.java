package io.tcplens.testing;

import java.nio.ByteBuffer;

/**
 * Builds real protocol bytes for decoder tests: Ethernet, IPv4, IPv6, TCP, UDP, ICMP, with
 * correct lengths and checksums unless a test breaks them on purpose.
 */
public final class Frames {
    public static final byte[] MAC_A = Bytes.fromHex("00:11:22:33:44:55");
    public static final byte[] MAC_B = Bytes.fromHex("66:77:88:99:aa:bb");

    private Frames() { }

    public static byte[] ethernet(int etherType, byte[] payload) {
        return new Bytes().raw(MAC_B).raw(MAC_A).u16(etherType).raw(payload).toArray();
    }

    public static byte[] vlan(int id, int etherType, byte[] payload) {
        return new Bytes().u16(id).u16(etherType).raw(payload).toArray();
    }

    /** An IPv4 header (no options) with a correct checksum, followed by the payload. */
    public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, 0x1234, 0, false, payload);
    }

    public static byte[] ipv4(String src, String dst, int protocol, int id, int fragmentOffset, boolean more,
                              byte[] payload) {
        Bytes b = new Bytes().u8(0x45).u8(0).u16(20 + payload.length).u16(id)
                .u16((more ? 0x2000 : 0) | (fragmentOffset / 8)).u8(64).u8(protocol).u16(0)
                .raw(ipv4Address(src)).raw(ipv4Address(dst));
        byte[] header = b.toArray();
        int sum = checksum(header, 0, header.length, 0);
        header[10] = (byte) (sum >>> 8);
        header[11] = (byte) sum;
        return Bytes.concat(header, payload);
    }

    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return new Bytes().u32(0x60000000L).u16(payload.length).u8(nextHeader).u8(64)
                .raw(ipv6Address(src)).raw(ipv6Address(dst)).raw(payload).toArray();
    }

    /** A TCP header with the given flags and options (padded to 4 bytes), then the payload; checksum left 0. */
    public static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] options,
                             byte[] payload) {
        int optionLength = (options.length + 3) / 4 * 4;
        int headerLength = 20 + optionLength;
        Bytes b = new Bytes().u16(srcPort).u16(dstPort).u32(seq).u32(ack)
                .u16(((headerLength / 4) << 12) | flags).u16(window).u16(0).u16(0).raw(options);
        b.zeros(optionLength - options.length);
        return b.raw(payload).toArray();
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return new Bytes().u16(srcPort).u16(dstPort).u16(8 + payload.length).u16(0).raw(payload).toArray();
    }

    /** Fills in the TCP checksum of an IPv4 datagram carrying TCP (header without options). */
    public static byte[] withTcpChecksum(byte[] ipDatagram) {
        byte[] d = ipDatagram.clone();
        int ihl = (d[0] & 0x0F) * 4;
        int length = d.length - ihl;
        int sum = checksum(d, 12, 8, 6 + length);
        sum = checksum(d, ihl, length, ~sum & 0xFFFF);
        d[ihl + 16] = (byte) (sum >>> 8);
        d[ihl + 17] = (byte) sum;
        return d;
    }

    /** One's-complement checksum (RFC 1071) of the bytes plus an initial partial sum; returns the complement. */
    public static int checksum(byte[] b, int at, int length, int initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((b[at + i] & 0xFF) << 8) | (b[at + i + 1] & 0xFF);
        }
        if (length % 2 == 1) {
            sum += (b[at + length - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    public static byte[] ipv4Address(String text) {
        String[] p = text.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }

    public static byte[] ipv6Address(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }
}
