package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * The header a Juniper router puts before each packet it captures (JUNOS; libpcap's
 * LINKTYPE_JUNIPER_* link types): the magic number "MGC", a flags byte, and when the
 * extensions flag is set a 2-byte length of the extension TLVs that follow. When the flags say
 * the layer 2 header was stripped, a 4-byte protocol number in little-endian order comes next
 * (the values tshark 4.0's juniper.proto table uses). Shared by the decoder and the fields.
 */
public final class JuniperHeader {
    public static final int MAGIC = 0x4D4743;
    public static final int MAGIC_AND_FLAGS = 4;
    /** Flags: the layer 2 header was stripped; extension TLVs follow. */
    public static final int FLAG_NO_L2 = 0x02;
    public static final int FLAG_EXT = 0x80;
    /** Protocol numbers after a stripped layer 2 header. */
    public static final int PROTO_IP = 2;
    public static final int PROTO_MPLS_IP = 3;
    public static final int PROTO_IP6 = 6;
    public static final int PROTO_MPLS_IP6 = 7;
    public static final int PROTO_ETHER = 204;
    /** A number tshark reads as 4 unknown bytes, then IP. */
    public static final int PROTO_UNKNOWN_THEN_IP = 0xA248;

    private JuniperHeader() { }

    public static boolean hasMagic(ByteBuffer b, int at) {
        return (b.getInt(at) >>> 8) == MAGIC;
    }

    public static int flags(ByteBuffer b, int at) {
        return b.get(at + 3) & 0xFF;
    }

    public static boolean layer2Stripped(ByteBuffer b, int at) {
        return (flags(b, at) & FLAG_NO_L2) != 0;
    }

    /** The header's length (magic, flags, and the extensions when flagged); -1 when the captured bytes end before the extensions' length. */
    public static int headerLength(ByteBuffer b, int at, int end) {
        if ((flags(b, at) & FLAG_EXT) == 0) {
            return MAGIC_AND_FLAGS;
        }
        return at + 6 <= end ? 6 + (b.getShort(at + 4) & 0xFFFF) : -1;
    }

    /** The protocol number after a stripped layer 2 header, at {@code at} (stored little-endian). */
    public static int protocol(ByteBuffer b, int at) {
        return Integer.reverseBytes(b.getInt(at));
    }
}
