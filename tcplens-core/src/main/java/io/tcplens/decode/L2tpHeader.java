package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * L2TP version 2's header (RFC 2661, section 3.1): 2 bytes of flags and version, the length when
 * its bit is set, the tunnel and session ids, Ns and Nr when the sequence bit is set, and the
 * offset size and its pad when the offset bit is set. Shared by the decoder, which skips it, the
 * fields, which show its parts, and the summary line of a control message.
 */
public final class L2tpHeader {
    public static final int CONTROL = 0x8000;
    public static final int LENGTH = 0x4000;
    public static final int SEQUENCE = 0x0800;
    public static final int OFFSET = 0x0200;
    public static final int VERSION = 0x000F;

    private L2tpHeader() { }

    /** Where the tunnel id starts (the session id follows it, then Ns and Nr): after the flags and the length. */
    public static int tunnelIdOffset(int flags) {
        return 2 + ((flags & LENGTH) != 0 ? 2 : 0);
    }

    /** Where the offset size starts, when the offset bit is set (the header's fixed parts end there otherwise). */
    public static int offsetSizeOffset(int flags) {
        return tunnelIdOffset(flags) + 4 + ((flags & SEQUENCE) != 0 ? 4 : 0);
    }

    /**
     * The whole header's length: its fixed parts, then the offset size and the pad it announces,
     * counted when the offset size lies before {@code end} (the captured bytes).
     */
    public static int headerLength(ByteBuffer b, int at, int end) {
        int flags = b.getShort(at) & 0xFFFF;
        int fixed = offsetSizeOffset(flags);
        if ((flags & OFFSET) == 0) {
            return fixed;
        }
        return fixed + 2 + (end - at >= fixed + 2 ? b.getShort(at + fixed) & 0xFFFF : 0);
    }
}
