package io.tcplens.flow;

import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.decode.TcpOptions;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-conversation facts needed to print a TCP packet as Wireshark does: the base of the
 * relative sequence numbers in each direction and the negotiated window scale. A deliberately
 * small table; the connection engine (flow/analysis) builds on the same key.
 *
 * <p>Bases follow Wireshark: a SYN's sequence number is the base of its direction (relative
 * seq 0); without a SYN, the first sequence number seen is relative 1 and the first
 * acknowledgment seen is relative 1 of the other direction.
 */
public final class TcpSequenceNumbering {
    /** Window scale not known: the handshake was not seen (Wireshark's -1). */
    public static final int SCALE_UNKNOWN = -1;
    /** Window scaling not used: a SYN without the option was seen (Wireshark's -2). */
    public static final int SCALE_NOT_USED = -2;
    /** Conversations tracked at most; the table is cleared when it fills (counted). */
    public static final int MAX_CONVERSATIONS = 1 << 20;

    private static final class Conversation {
        final int[] base = new int[2];
        final boolean[] baseSet = new boolean[2];
        /** Shift announced in each direction's SYN; SCALE_UNKNOWN before the SYN, SCALE_NOT_USED without the option. */
        final int[] announcedShift = {SCALE_UNKNOWN, SCALE_UNKNOWN};
        /** The SYN asked for Accurate ECN (AE, CWR and ECE all set). */
        boolean accurateEcnRequested;
        /** The SYN-ACK agreed to Accurate ECN (AE or CWR set; ECE alone is classic ECN). */
        boolean accurateEcn;
    }

    private final Map<FlowKey, Conversation> conversations = new HashMap<>();
    private final FlowKey probe = new FlowKey();
    private long cleared;

    // The results for the last packet given to observe().
    private boolean known;
    private long relativeSeq;
    private long relativeAck;
    private int windowShift;
    private boolean accurateEcn;

    /** Takes the packet's own TCP layer into account and computes its relative numbers. */
    public void observe(Packet packet) {
        int tcp = packet.tcp();
        known = false;
        if (tcp < 0 || !packet.has(tcp, 0, TcpHeader.MIN_LENGTH)) {
            return;
        }
        int direction = probe.load(packet, tcp);
        if (direction < 0) {
            return;
        }
        Conversation c = conversations.get(probe);
        if (c == null) {
            if (conversations.size() >= MAX_CONVERSATIONS) {
                conversations.clear();
                cleared++;
            }
            c = new Conversation();
            conversations.put(probe.copy(), c);
        }
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        int flags = TcpHeader.flags(b, at);
        int seq = TcpHeader.sequence(b, at);
        int ack = TcpHeader.acknowledgment(b, at);
        int reverse = 1 - direction;
        int eceBits = TcpHeader.AE | TcpHeader.CWR | TcpHeader.ECE;
        if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN) {
            c.accurateEcnRequested = (flags & eceBits) == eceBits;
        } else if ((flags & TcpHeader.SYN) != 0 && c.accurateEcnRequested) {
            // RFC 9768, section 3.1.1: the SYN-ACK's AE/CWR/ECE codepoint says which feedback the server chose.
            c.accurateEcn = (flags & (TcpHeader.AE | TcpHeader.CWR)) != 0;
        }
        accurateEcn = c.accurateEcn && (flags & TcpHeader.SYN) == 0;
        if ((flags & TcpHeader.SYN) != 0 && c.baseSet[direction] && seq != c.base[direction]) {
            // A SYN with a new initial sequence number: the ports were reused for a new
            // connection, whose numbers start over (Wireshark: "TCP Port numbers reused").
            c = new Conversation();
            conversations.put(probe.copy(), c);
        }
        if ((flags & TcpHeader.SYN) != 0) {
            if (!c.baseSet[direction]) {
                c.base[direction] = seq;
                c.baseSet[direction] = true;
            }
            int ws = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, at + packet.headerLength(tcp),
                    TcpHeader.OPT_WINDOW_SCALE);
            c.announcedShift[direction] = ws >= 0 && TcpOptions.complete(b, ws, at + packet.headerLength(tcp), 3)
                    ? Math.min(14, b.get(ws + 2) & 0xFF) : SCALE_NOT_USED;
        } else if (!c.baseSet[direction]) {
            c.base[direction] = seq - 1;
            c.baseSet[direction] = true;
        }
        if ((flags & TcpHeader.ACK) != 0 && !c.baseSet[reverse]) {
            c.base[reverse] = ack - 1;
            c.baseSet[reverse] = true;
        }
        relativeSeq = (seq - c.base[direction]) & 0xFFFFFFFFL;
        relativeAck = (flags & TcpHeader.ACK) != 0 ? (ack - c.base[reverse]) & 0xFFFFFFFFL : ack & 0xFFFFFFFFL;
        if ((flags & TcpHeader.SYN) != 0) {
            // RFC 7323, section 2.2: the window of a SYN segment is never scaled.
            windowShift = SCALE_NOT_USED;
        } else if (c.announcedShift[direction] == SCALE_NOT_USED || c.announcedShift[reverse] == SCALE_NOT_USED) {
            // RFC 7323, section 2.2: scaling is used only when both ends sent the option.
            windowShift = SCALE_NOT_USED;
        } else {
            // The sender's own shift, as soon as its SYN was seen: like Wireshark, it is applied
            // before the other end's SYN confirms it.
            windowShift = c.announcedShift[direction];
        }
        known = true;
    }

    /** True when the last packet observed had a TCP layer with a full header. */
    public boolean known() { return known; }

    public long relativeSeq() { return relativeSeq; }

    /** Relative acknowledgment number; the raw value when the ACK flag is not set. */
    public long relativeAck() { return relativeAck; }

    /** Shift for this packet's window, or {@link #SCALE_UNKNOWN} / {@link #SCALE_NOT_USED}. */
    public int windowShift() { return windowShift; }

    /**
     * True when the conversation negotiated Accurate ECN and this is not a SYN: its AE, CWR and
     * ECE bits are then the 3-bit ACE counter (RFC 9768, section 3.2.2), not flags.
     */
    public boolean accurateEcn() { return accurateEcn; }

    /** Times the table was full and started over. */
    public long cleared() { return cleared; }
}
