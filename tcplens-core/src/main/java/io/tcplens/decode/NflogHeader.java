package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * Linux netfilter's log record (LINKTYPE_NFLOG): a 4-byte header (address family, version,
 * resource id), then attributes, each a length and a type in host byte order, read
 * little-endian as tshark reads them, and a value padded to 4 bytes. Shared by the decoder,
 * which looks for the payload, and the fields, which list every attribute.
 */
public final class NflogHeader {
    /** The record's header, and each attribute's length and type before its value. */
    public static final int HEADER = 4;
    public static final int ATTRIBUTE_HEADER = 4;
    /** The attribute types of the packet header (hardware protocol, hook) and of the packet itself. */
    public static final int PACKET_HEADER = 1;
    public static final int PAYLOAD = 9;

    private NflogHeader() { }

    /** The attribute's length, its own 4 bytes included (less than 4: not an attribute). */
    public static int attributeLength(ByteBuffer b, int attribute) {
        return Short.toUnsignedInt(Short.reverseBytes(b.getShort(attribute)));
    }

    /** The attribute's type, without the nested flag (bit 15). */
    public static int attributeType(ByteBuffer b, int attribute) {
        return Short.toUnsignedInt(Short.reverseBytes(b.getShort(attribute + 2))) & 0x7FFF;
    }

    /** Where the attribute after one of this length starts: values are padded to 4 bytes. */
    public static int next(int attribute, int length) {
        return attribute + ((length + 3) & ~3);
    }
}
