package io.tcplens.flow;

/**
 * One TCP conversation as Wireshark numbers it ({@code tcp.stream}): a 5-tuple from its first
 * packet until a SYN with a new initial sequence number reuses the ports. Side 0 and side 1 are
 * the two directions in {@link FlowKey} order. Holds what the packet view needs (relative-number
 * bases, window scale, completeness); the connection engine attaches its own state.
 */
public final class TcpConversation {
    /** Wireshark's tcp.completeness bits. */
    public static final int COMPLETENESS_SYN = 1;
    public static final int COMPLETENESS_SYN_ACK = 2;
    public static final int COMPLETENESS_ACK = 4;
    public static final int COMPLETENESS_DATA = 8;
    public static final int COMPLETENESS_FIN = 16;
    public static final int COMPLETENESS_RST = 32;

    final FlowKey key;
    final long stream;
    final int[] base = new int[2];
    final boolean[] baseSet = new boolean[2];
    /** Shift announced in each side's SYN; SCALE_UNKNOWN before the SYN, SCALE_NOT_USED without the option. */
    final int[] announcedShift = {TcpSequenceNumbering.SCALE_UNKNOWN, TcpSequenceNumbering.SCALE_UNKNOWN};
    boolean accurateEcnRequested;
    boolean accurateEcn;
    int completeness;
    boolean seenAny;
    /** Began with a RST: Wireshark keeps no completeness for it. */
    boolean untracked;
    long lastSeenNanos;
    /** Sides that sent a FIN (bit 0: side 0, bit 1: side 1). */
    int finSides;
    boolean rstSeen;
    /** Set by the connection engine; null when only packets are listed. */
    Object engineState;
    /** Wireshark's sequence analysis of the conversation; null until analysed (see {@link SequenceAnalysis}). */
    SequenceAnalysis.State sequenceState;

    TcpConversation(FlowKey key, long stream) {
        this.key = key;
        this.stream = stream;
    }

    /** Forgets the relative-number bases: a SYN-ACK with a new ISN restarts them. */
    void restartNumbering() {
        baseSet[0] = false;
        baseSet[1] = false;
        // The window scales announced stay: the SYN-ACK replaces its sender's own, and the
        // other side's SYN still stands (as in Wireshark).
    }

    public long stream() { return stream; }

    public FlowKey key() { return key; }

    /** True once both ends sent a FIN, or a RST ended it: only stragglers can follow. */
    boolean closed() {
        return rstSeen || finSides == 3;
    }

    /** Wireshark's tcp.completeness as far as the packets seen so far go. */
    public int completeness() { return completeness; }
}
