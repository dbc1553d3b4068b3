package io.tcplens.decode;

import java.nio.ByteBuffer;

/** Field offsets and accessors of an IPv4 header (RFC 791, section 3.1). */
public final class Ipv4Header {
    public static final int MIN_LENGTH = 20;
    public static final int VERSION_IHL = 0;
    public static final int DSFIELD = 1;
    public static final int TOTAL_LENGTH = 2;
    public static final int IDENTIFICATION = 4;
    public static final int FLAGS_FRAGMENT = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SOURCE = 12;
    public static final int DESTINATION = 16;

    public static final int FLAG_RESERVED = 0x8000;
    public static final int FLAG_DONT_FRAGMENT = 0x4000;
    public static final int FLAG_MORE_FRAGMENTS = 0x2000;

    private Ipv4Header() { }

    public static int version(ByteBuffer b, int at) { return (b.get(at) & 0xF0) >>> 4; }

    /** Header length in bytes (IHL × 4). */
    public static int headerLength(ByteBuffer b, int at) { return (b.get(at) & 0x0F) * 4; }

    public static int dsfield(ByteBuffer b, int at) { return b.get(at + DSFIELD) & 0xFF; }

    public static int totalLength(ByteBuffer b, int at) { return b.getShort(at + TOTAL_LENGTH) & 0xFFFF; }

    public static int identification(ByteBuffer b, int at) { return b.getShort(at + IDENTIFICATION) & 0xFFFF; }

    /** The three flag bits as tshark's {@code ip.flags}: reserved 0x4, DF 0x2, MF 0x1. */
    public static int flags(ByteBuffer b, int at) { return (b.get(at + FLAGS_FRAGMENT) & 0xE0) >>> 5; }

    public static boolean moreFragments(ByteBuffer b, int at) {
        return (b.getShort(at + FLAGS_FRAGMENT) & FLAG_MORE_FRAGMENTS) != 0;
    }

    /** Fragment offset in bytes. */
    public static int fragmentOffset(ByteBuffer b, int at) { return (b.getShort(at + FLAGS_FRAGMENT) & 0x1FFF) * 8; }

    public static int ttl(ByteBuffer b, int at) { return b.get(at + TTL) & 0xFF; }

    public static int protocol(ByteBuffer b, int at) { return b.get(at + PROTOCOL) & 0xFF; }

    public static int checksum(ByteBuffer b, int at) { return b.getShort(at + CHECKSUM) & 0xFFFF; }

    public static int source(ByteBuffer b, int at) { return b.getInt(at + SOURCE); }

    public static int destination(ByteBuffer b, int at) { return b.getInt(at + DESTINATION); }
}
