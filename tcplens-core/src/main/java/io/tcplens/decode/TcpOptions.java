package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * Walks TCP options (RFC 9293, section 3.2) without allocating: {@link #next} returns the start
 * of the next option, or -1. Kinds 0 (end) and 1 (no-op) are one byte; the others carry a
 * length byte that counts the kind and length bytes too.
 */
public final class TcpOptions {
    private TcpOptions() { }

    /**
     * True when every option fits its stated length and the header. Runs on every TCP packet:
     * one plain loop, without {@link #next}'s repeated reads of the same bytes. IPv4 options have
     * the same layout (RFC 791 3.1) and are checked here too.
     */
    public static boolean valid(ByteBuffer b, int at, int end) {
        int o = at;
        while (o < end) {
            int kind = b.get(o) & 0xFF;
            if (kind == TcpHeader.OPT_END) {
                return true;
            }
            if (kind == TcpHeader.OPT_NOP) {
                o++;
                continue;
            }
            if (o + 1 >= end) {
                return false;
            }
            int length = b.get(o + 1) & 0xFF;
            if (length < 2 || o + length > end) {
                return false;
            }
            o += length;
        }
        return true;
    }

    /** Start of the first option, or -1 when there is none. */
    public static int first(ByteBuffer b, int at, int end) {
        return at < end ? at : -1;
    }

    /** Start of the option after the one at {@code at}, or -1 at the end or on a malformed length. */
    public static int next(ByteBuffer b, int at, int end) {
        int kind = b.get(at) & 0xFF;
        if (kind == TcpHeader.OPT_END) {
            return -1;
        }
        int step;
        if (kind == TcpHeader.OPT_NOP) {
            step = 1;
        } else {
            if (at + 1 >= end) {
                return -1;
            }
            step = b.get(at + 1) & 0xFF;
            if (step < 2) {
                return -1;
            }
        }
        int following = at + step;
        return following < end ? following : -1;
    }

    public static int kind(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    /** Total length of the option at {@code at} (1 for end and no-op). */
    public static int length(ByteBuffer b, int at, int end) {
        int kind = b.get(at) & 0xFF;
        if (kind == TcpHeader.OPT_END || kind == TcpHeader.OPT_NOP || at + 1 >= end) {
            return 1;
        }
        return b.get(at + 1) & 0xFF;
    }

    /**
     * True when the option at {@code at} (not end or no-op) says a length of at least 2 that fits
     * before {@code end}: Wireshark reads no option that does not, nor any after it
     * (packet-tcp.c, tcp_dissect_options).
     */
    public static boolean fits(ByteBuffer b, int at, int end) {
        if (at + 1 >= end) {
            return false;
        }
        int length = b.get(at + 1) & 0xFF;
        return length >= 2 && at + length <= end;
    }

    /** True when the option at {@code at} has {@code wanted} bytes and fits before {@code end}. */
    public static boolean complete(ByteBuffer b, int at, int end, int wanted) {
        return at + 1 < end && (b.get(at + 1) & 0xFF) == wanted && at + wanted <= end;
    }

    /**
     * How many options of this kind Wireshark's option loop reaches: options are read in order
     * until the end-of-list option or one whose length does not fit (packet-tcp.c,
     * tcp_dissect_options), so an option after a malformed one is never reached.
     */
    public static int reached(ByteBuffer b, int at, int end, int kind) {
        int n = 0;
        for (int o = first(b, at, end); o >= 0; o = next(b, o, end)) {
            int k = b.get(o) & 0xFF;
            if (k == TcpHeader.OPT_END || (k != TcpHeader.OPT_NOP && !fits(b, o, end))) {
                break;
            }
            if (k == kind) {
                n++;
            }
        }
        return n;
    }

    /** Set in {@link #mptcpOperations}'s answer when an MPTCP option was reached at all. */
    public static final int MPTCP_SEEN = 0x100;

    /**
     * The MPTCP operations (RFC 8684, section 3) the segment's options carry, as Wireshark's
     * MPTCP analysis records them (packet-tcp.c, mptcp_add_analysis_subtree): one bit per subtype
     * from MP_CAPABLE (0x01) to MP_FASTCLOSE (0x80), and {@link #MPTCP_SEEN}. An MPTCP option too
     * short to hold its subtype ends the reading (Wireshark's option dissector stops there).
     */
    public static int mptcpOperations(ByteBuffer b, int at, int end) {
        int operations = 0;
        for (int o = first(b, at, end); o >= 0; o = next(b, o, end)) {
            int k = b.get(o) & 0xFF;
            if (k == TcpHeader.OPT_END || (k != TcpHeader.OPT_NOP && !fits(b, o, end))) {
                break;
            }
            if (k == TcpHeader.OPT_MPTCP) {
                if ((b.get(o + 1) & 0xFF) < 3) {
                    break;
                }
                int subtype = (b.get(o + 2) & 0xFF) >> 4;
                operations |= MPTCP_SEEN | (subtype <= 7 ? 1 << subtype : 0);
            }
        }
        return operations;
    }

    /**
     * True when a Fast Open option (RFC 7413: kind 34, or the experimental kind with ExID 0xF989,
     * section 4.1.1) that Wireshark's option loop reaches carries a cookie, not just a request.
     */
    public static boolean fastOpenCookie(ByteBuffer b, int at, int end) {
        for (int o = first(b, at, end); o >= 0; o = next(b, o, end)) {
            int k = b.get(o) & 0xFF;
            if (k == TcpHeader.OPT_END || (k != TcpHeader.OPT_NOP && !fits(b, o, end))) {
                break;
            }
            int cookie = k == TcpHeader.OPT_NOP ? -1 : fastOpenCookieStart(b, o, end);
            if (cookie >= 0 && cookie < o + (b.get(o + 1) & 0xFF)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the cookie of the Fast Open option at {@code o} starts (its end is the option's end;
     * equal for a cookie request), or -1 when the option is no Fast Open option or its ExID lies
     * at or past {@code end}. The caller knows the option's length byte was captured.
     */
    public static int fastOpenCookieStart(ByteBuffer b, int o, int end) {
        int kind = b.get(o) & 0xFF;
        if (kind == TcpHeader.OPT_FAST_OPEN) {
            return o + 2;
        }
        return experimental(kind) && o + 4 <= end && (b.get(o + 1) & 0xFF) >= 4
                && (b.getShort(o + 2) & 0xFFFF) == TcpHeader.EXID_FAST_OPEN ? o + 4 : -1;
    }

    /** True for the experimental kinds (RFC 4727's 253 and 254), whose ExID follows the length (RFC 6994). */
    public static boolean experimental(int kind) {
        return kind == TcpHeader.OPT_EXPERIMENTAL || kind == TcpHeader.OPT_EXPERIMENTAL_FD;
    }

    /** Start of the first complete option of the given kind, or -1. */
    public static int find(ByteBuffer b, int at, int end, int kind) {
        for (int o = first(b, at, end); o >= 0; o = next(b, o, end)) {
            if ((b.get(o) & 0xFF) == kind) {
                return o;
            }
        }
        return -1;
    }
}
