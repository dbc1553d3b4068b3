package io.tcplens.testing;

import java.nio.ByteOrder;

/** Writes pcap and pcapng files byte by byte, including the broken ones. */
public final class CaptureFilesBuilder {
    private CaptureFilesBuilder() { }

    /** A classic pcap file header. */
    public static Bytes pcap(ByteOrder order, boolean nanos, int snaplen, int linkType) {
        return new Bytes(order).u32(nanos ? 0xA1B23C4DL : 0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linkType);
    }

    public static Bytes pcapRecord(Bytes file, long seconds, long fraction, byte[] data, int originalLength) {
        return file.u32(seconds).u32(fraction).u32(data.length).u32(originalLength).raw(data);
    }

    /** A little-endian pcap of the frames on one link type, whole, one a second from 1,700,000,000 s. */
    public static byte[] pcapOf(int linkType, byte[]... frames) {
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, linkType);
        for (int i = 0; i < frames.length; i++) {
            pcapRecord(file, 1_700_000_000L + i, 0, frames[i], frames[i].length);
        }
        return file.toArray();
    }

    /** A pcapng block: type, total length, body padded to 4, total length again. */
    public static byte[] block(ByteOrder order, int type, byte[] body) {
        int padded = (body.length + 3) / 4 * 4;
        int total = 12 + padded;
        Bytes b = new Bytes(order).u32(type).u32(total).raw(body);
        b.zeros(padded - body.length);
        return b.u32(total).toArray();
    }

    public static byte[] sectionHeader(ByteOrder order, byte[] options) {
        return block(order, 0x0A0D0D0A, new Bytes(order).u32(0x1A2B3C4DL).u16(1).u16(0).u64(-1).raw(options).toArray());
    }

    public static byte[] interfaceDescription(ByteOrder order, int linkType, int snaplen, byte[] options) {
        return block(order, 1, new Bytes(order).u16(linkType).u16(0).u32(snaplen).raw(options).toArray());
    }

    public static byte[] enhancedPacket(ByteOrder order, int interfaceId, long timestamp, byte[] data,
                                        int originalLength, byte[] options) {
        Bytes b = new Bytes(order).u32(interfaceId).u32(timestamp >>> 32).u32(timestamp & 0xFFFFFFFFL)
                .u32(data.length).u32(originalLength).raw(data).pad4().raw(options);
        return block(order, 6, b.toArray());
    }

    /** One option: code, length, value padded to 4. */
    public static byte[] option(ByteOrder order, int code, byte[] value) {
        return new Bytes(order).u16(code).u16(value.length).raw(value).pad4().toArray();
    }

    public static byte[] endOfOptions(ByteOrder order) {
        return new Bytes(order).u16(0).u16(0).toArray();
    }

    /**
     * A pcapng file whose three TCP packets (SYN, SYN-ACK, ACK between 10.0.0.1:1000 and
     * 10.0.0.2:80) have blocks between them that carry no packet: a copyable custom block, a
     * non-copyable one, decryption secrets, a systemd journal entry, an unknown block and a sysdig
     * event. tshark 4.0 lists the custom blocks, the journal entry and the sysdig event as frames
     * (2, 4, 5 and 6), so the packets are its frames 1, 3 and 7.
     */
    public static byte[] pcapngWithFramesWithoutPackets() {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        return Bytes.concat(
                sectionHeader(le, new byte[0]),
                interfaceDescription(le, 1, 65535, new byte[0]),
                enhancedPacket(le, 0, 1, tcpFrame("10.0.0.1", "10.0.0.2", 1000, 80, 100, 0, 0x02), 54, new byte[0]),
                block(le, 0x00000BAD, new Bytes(le).u32(32473).hex("01020304").toArray()),
                enhancedPacket(le, 0, 2, tcpFrame("10.0.0.2", "10.0.0.1", 80, 1000, 500, 101, 0x12), 54, new byte[0]),
                block(le, 0x40000BAD, new Bytes(le).u32(32473).hex("05060708").toArray()),
                block(le, 0x0000000A, new Bytes(le).u32(0x544C534BL).u32(4).raw("abcd".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray()),
                block(le, 0x00000009, "__REALTIME_TIMESTAMP=1\nMESSAGE=x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                block(le, 0x12345678, new byte[8]),
                block(le, 0x00000204, new Bytes(le).u16(0).u64(1).u64(1000).u32(0).u16(0).u32(0).zeros(8).toArray()),
                enhancedPacket(le, 0, 3, tcpFrame("10.0.0.1", "10.0.0.2", 1000, 80, 101, 501, 0x10), 54, new byte[0]));
    }

    private static byte[] tcpFrame(String src, String dst, int srcPort, int dstPort, long seq, long ack, int flags) {
        return Frames.ethernet(0x0800, Frames.withTcpChecksum(Frames.ipv4(src, dst, 6,
                Frames.tcp(srcPort, dstPort, seq, ack, flags, 1000, new byte[0], new byte[0]))));
    }

    /**
     * A pcap of one FDDI frame (link type 10): frame control 0x50, destination 00:11:22:33:44:55
     * and source 66:55:44:33:22:11 as the bytes stand, LLC/SNAP, then a TCP SYN in IPv4.
     */
    public static byte[] fddiCapture() {
        byte[] frame = new Bytes().u8(0x50).hex("001122334455").hex("665544332211").hex("aaaa03000000").u16(0x0800)
                .raw(Frames.withTcpChecksum(Frames.ipv4("10.1.1.1", "10.1.1.2", 6,
                        Frames.tcp(40000, 80, 1, 0, 0x02, 8192, new byte[0], new byte[0])))).toArray();
        return pcapRecord(pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 10), 1_700_000_000L, 0, frame, frame.length).toArray();
    }

    /**
     * A pcap of two Ethernet frames with Cisco's VN-Tag (0x8926): the first to the host
     * (destination interface 5, source 7) carrying IPv4; the second with the pointer, looped and
     * version 1 bits (source 9) carrying an 802.1Q tag (VLAN 10) and IPv4. Both a TCP SYN.
     */
    public static byte[] vntagCapture() {
        byte[] ip = Frames.withTcpChecksum(Frames.ipv4("10.1.1.1", "10.1.1.2", 6,
                Frames.tcp(40000, 80, 1, 0, 0x02, 8192, new byte[0], new byte[0])));
        byte[] first = Frames.ethernet(0x8926, new Bytes().u32(0x80050007L).u16(0x0800).raw(ip).toArray());
        byte[] second = Frames.ethernet(0x8926, new Bytes().u32(0x40009009L).u16(0x8100).u16(10).u16(0x0800).raw(ip).toArray());
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        pcapRecord(file, 1_700_000_000L, 0, first, first.length);
        return pcapRecord(file, 1_700_000_000L, 1, second, second.length).toArray();
    }

    /**
     * A pcapng of an interface with a power-of-two time resolution (if_tsresol 0x88: 1/256 s)
     * holding a simple packet block, which has no timestamp, then two enhanced packet blocks:
     * a TCP SYN each (10.1.1.1:40000 to 10.1.1.2:80).
     */
    public static byte[] pcapngTimesCapture() {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        byte[] frame = Frames.ethernet(0x0800, Frames.withTcpChecksum(Frames.ipv4("10.1.1.1", "10.1.1.2", 6,
                Frames.tcp(40000, 80, 1, 0, 0x02, 8192, new byte[0], new byte[0]))));
        long base = 1_519_128_000L * 256;
        return Bytes.concat(
                sectionHeader(le, new byte[0]),
                interfaceDescription(le, 1, 65535, Bytes.concat(option(le, 9, new byte[] {(byte) 0x88}), endOfOptions(le))),
                block(le, 3, new Bytes(le).u32(frame.length).raw(frame).toArray()),
                enhancedPacket(le, 0, base + 50, frame, frame.length, new byte[0]),
                enhancedPacket(le, 0, base + 178, frame, frame.length, new byte[0]));
    }

    /**
     * A pcap of IPv4 packets whose transport is not decoded: GRE with protocol type 0x1234 and
     * with 0x8F00, a GRE keepalive (type 0, nothing after it), and the first and a later fragment
     * of a TCP segment.
     */
    public static byte[] undecodedIpCapture() {
        byte[][] datagrams = {
            Frames.ipv4("1.1.1.1", "2.2.2.2", 47, new Bytes().u16(0).u16(0x1234).zeros(20).toArray()),
            Frames.ipv4("1.1.1.1", "2.2.2.2", 47, new Bytes().u16(0).u16(0x8F00).zeros(20).toArray()),
            Frames.ipv4("1.1.1.1", "2.2.2.2", 47, new Bytes().u16(0).u16(0).toArray()),
            Frames.ipv4("1.1.1.1", "2.2.2.2", 6, 7, 0, true, new byte[16]),
            Frames.ipv4("1.1.1.1", "2.2.2.2", 6, 7, 80, false, new byte[16]),
        };
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < datagrams.length; i++) {
            byte[] frame = Frames.ethernet(0x0800, datagrams[i]);
            pcapRecord(file, 1_700_000_000L, i, frame, frame.length);
        }
        return file.toArray();
    }
}
