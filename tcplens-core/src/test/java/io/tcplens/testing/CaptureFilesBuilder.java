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
}
