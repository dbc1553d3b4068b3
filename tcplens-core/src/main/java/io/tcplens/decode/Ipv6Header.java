package io.tcplens.decode;

import java.nio.ByteBuffer;

/** Field offsets and accessors of an IPv6 header (RFC 8200, section 3) and its extension headers. */
public final class Ipv6Header {
    public static final int LENGTH = 40;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER = 6;
    public static final int HOP_LIMIT = 7;
    public static final int SOURCE = 8;
    public static final int DESTINATION = 24;
    public static final int ADDRESS_LENGTH = 16;

    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int DESTINATION_OPTIONS = 60;
    public static final int NO_NEXT_HEADER = 59;
    /** The fragment header is always 8 bytes (RFC 8200, section 4.5). */
    public static final int FRAGMENT_HEADER_LENGTH = 8;

    private Ipv6Header() { }

    public static int version(ByteBuffer b, int at) { return (b.get(at) & 0xF0) >>> 4; }

    public static int trafficClass(ByteBuffer b, int at) { return (b.getShort(at) >>> 4) & 0xFF; }

    public static int flowLabel(ByteBuffer b, int at) { return b.getInt(at) & 0xFFFFF; }

    public static int payloadLength(ByteBuffer b, int at) { return b.getShort(at + PAYLOAD_LENGTH) & 0xFFFF; }

    public static int nextHeader(ByteBuffer b, int at) { return b.get(at + NEXT_HEADER) & 0xFF; }

    public static int hopLimit(ByteBuffer b, int at) { return b.get(at + HOP_LIMIT) & 0xFF; }

    /** Length of a hop-by-hop, routing or destination options header: (Hdr Ext Len + 1) × 8. */
    public static int extensionLength(ByteBuffer b, int at) { return ((b.get(at + 1) & 0xFF) + 1) * 8; }

    /** Fragment header: offset in bytes. */
    public static int fragmentOffset(ByteBuffer b, int at) { return b.getShort(at + 2) & 0xFFF8; }

    public static boolean moreFragments(ByteBuffer b, int at) { return (b.get(at + 3) & 1) != 0; }

    public static int fragmentIdentification(ByteBuffer b, int at) { return b.getInt(at + 4); }
}
