package io.tcplens.flow;

/**
 * One TCP conversation as Wireshark numbers it ({@code tcp.stream}): a 5-tuple from its first
 * packet until a SYN with a new initial sequence number reuses the ports. Side 0 and side 1 are
 * the two directions in {@link FlowKey} order. Holds what the packet view needs (relative-number
 * bases, window scale, completeness); the connection engine attaches its own state.
 */
public final class TcpConversation extends FlowEntry {
    /** Wireshark's tcp.completeness bits. */
    public static final int COMPLETENESS_SYN = 1;
    public static final int COMPLETENESS_SYN_ACK = 2;
    public static final int COMPLETENESS_ACK = 4;
    public static final int COMPLETENESS_DATA = 8;
    public static final int COMPLETENESS_FIN = 16;
    public static final int COMPLETENESS_RST = 32;

    /** VLAN ids of the key when keying is VLAN-aware, else -1. */
    final int vlan;
    final int innerVlan;
    final long stream;
    // Per side, in fields rather than arrays: a flood keeps a million conversations, and three
    // two-element arrays each would double their memory.
    /** Each side's relative-number base (its ISN), valid once baseSet. */
    private int base0;
    private int base1;
    /** Bit 0: side 0's base is set; bit 1: side 1's. */
    private byte basesSet;
    /** Shift announced in each side's SYN; SCALE_UNKNOWN before the SYN, SCALE_NOT_USED without the option. */
    private byte announcedShift0 = TcpSequenceNumbering.SCALE_UNKNOWN;
    private byte announcedShift1 = TcpSequenceNumbering.SCALE_UNKNOWN;
    boolean accurateEcnRequested;
    /** The side that sent the first SYN (without ACK), or -1. */
    byte synSide = -1;
    boolean accurateEcn;
    /** The completeness bits of every packet numbered (see {@link #completeness()} for what is reported). */
    int completeness;
    /** Packets that counted towards the completeness, up to 2. */
    byte packetsCounted;
    /**
     * The completeness tshark -2 shows on the conversation's first frame: what its first pass
     * counted, which is every bit but the first frame's own, a pure SYN's (and its data) aside
     * (see {@link #completeness()}).
     */
    int shownOnFirstFrame;
    long lastSeenNanos;
    /**
     * Capture time of the conversation's first packet, and of its latest one in capture order
     * (tcp.time_relative, tcp.time_delta): seconds and the nanoseconds within them, as a count of
     * nanoseconds in a long would end in 2262 (PacketRecord#epochNanos).
     */
    long firstSeconds;
    int firstNano;
    long previousSeconds;
    int previousNano;
    /**
     * The side that sent the conversation's first FIN, or -1: Wireshark's closing initiator,
     * whose FINs are tcp.connection.fin_active and the other side's fin_passive.
     */
    byte closingInitiator = -1;
    /** A SYN carried a Fast Open cookie and data (RFC 7413): a SYN-ACK acknowledging none of it ignored the data. */
    boolean fastOpenSynData;
    /** Sides that sent a FIN (bit 0: side 0, bit 1: side 1). */
    int finSides;
    boolean rstSeen;
    /** Set by the connection engine; null when only packets are listed. */
    Object engineState;
    /** Wireshark's sequence analysis of the conversation; null until analysed (see {@link SequenceAnalysis}). */
    SequenceAnalysis.State sequenceState;
    /** The application layer's state (reassembly and parsers); null until the conversation carries data. */
    private ApplicationState applicationState;

    TcpConversation(FlowKey key, long stream) {
        super(key);
        this.vlan = key.vlan();
        this.innerVlan = key.innerVlan();
        this.stream = stream;
    }

    /**
     * Forgets the side's relative-number base: its SYN-ACK with a new ISN becomes the new base.
     * The other side's base stays, so the SYN-ACK's own ack and the other side's later numbers
     * stay relative to the SYN they had (tshark 4.0, packet-tcp.c: a SYN-ACK whose sequence
     * number is not its direction's base sets that one base, "issue 16944"; checked on nDPI's
     * reasm_crash_anon.pcapng, frames 96-98).
     */
    void restartNumbering(int side) {
        basesSet &= (byte) ~(1 << side);
        // The window scales announced stay: the SYN-ACK replaces its sender's own, and the
        // other side's SYN still stands (as in Wireshark).
    }

    public long stream() { return stream; }

    /** Capture time of the conversation's first packet: seconds since the epoch, and {@link #firstNano}. */
    public long firstSeconds() { return firstSeconds; }

    /** The nanoseconds within {@link #firstSeconds}. */
    public int firstNano() { return firstNano; }

    /** The side (FlowKey order) that sent the first FIN, or -1. */
    public int closingInitiator() { return closingInitiator; }

    /** True once a SYN carried a Fast Open cookie and data. */
    public boolean fastOpenSynData() { return fastOpenSynData; }

    int base(int side) {
        return side == 0 ? base0 : base1;
    }

    boolean baseSet(int side) {
        return (basesSet & (1 << side)) != 0;
    }

    void base(int side, int isn) {
        if (side == 0) {
            base0 = isn;
        } else {
            base1 = isn;
        }
        basesSet |= 1 << side;
    }

    /**
     * The shift that applies to a side's (non-SYN) windows, as Wireshark's win_scale: the side's
     * own, {@link TcpSequenceNumbering#SCALE_UNKNOWN} before anything was announced,
     * {@link TcpSequenceNumbering#SCALE_NOT_USED} once a SYN or SYN-ACK without the option turned
     * scaling off (TcpSequenceNumbering#observe says when). Like Wireshark, the own shift applies
     * before the other end's SYN confirms it.
     */
    int announcedShift(int side) {
        return side == 0 ? announcedShift0 : announcedShift1;
    }

    void announcedShift(int side, int shift) {
        if (side == 0) {
            announcedShift0 = (byte) shift;
        } else {
            announcedShift1 = (byte) shift;
        }
    }


    /** True once both ends sent a FIN, or a RST ended it: only stragglers can follow. */
    boolean closed() {
        return rstSeen || finSides == 3;
    }

    /** The side (FlowKey order) that sent the first SYN: the originator; -1 when no SYN was seen. */
    public int synSide() { return synSide; }

    /** The application layer's state, set by that stage; null before. */
    public ApplicationState applicationState() { return applicationState; }

    public void applicationState(ApplicationState state) { applicationState = state; }

    /** The conversation is dropped: its application state gives back what it holds. */
    void releaseApplicationState() {
        if (applicationState != null) {
            applicationState.release();
            applicationState = null;
        }
    }

    /**
     * Wireshark's tcp.completeness as far as the packets seen so far go, as tshark -2 shows it on
     * the conversation's last frame. tshark 4.0 counts only a pure SYN (and its data) on the
     * frame that creates the conversation; the frame's other bits (a RST, say) are added when the
     * second pass sees it again, after it has shown its value (packet-tcp.c, "initialize or move
     * forward the conversation completeness"). So a conversation of one frame shows those first
     * bits alone: 0 for a lone RST, SYN-ACK or ACK, and SYN (with data) for a SYN that also
     * carries a RST (nDPI's ip_fragmented_garbage.pcap: 9, not 41).
     */
    public int completeness() {
        return packetsCounted == 1 ? shownOnFirstFrame : completeness;
    }

    /** The value tshark -2 shows on the conversation's first frame (see {@link #shownOnFirstFrame}). */
    public int completenessOnFirstFrame() {
        return shownOnFirstFrame;
    }

    /** True while the conversation has had one frame only: the packet just numbered created it. */
    public boolean onFirstFrame() {
        return packetsCounted == 1;
    }
}
