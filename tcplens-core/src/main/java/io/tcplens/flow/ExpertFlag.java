package io.tcplens.flow;

/**
 * Wireshark's TCP expert flags ({@code tcp.analysis.*}), set by {@link SequenceAnalysis}. Each
 * has its field name, the marker tshark puts in the Info column, and a one-line meaning.
 * Declared in the order tshark prepends the markers, so the last one declared ends up first;
 * but {@link #REUSED_PORTS} comes after all others (PacketSummary says why).
 */
public enum ExpertFlag {
    RETRANSMISSION("retransmission", "[TCP Retransmission]",
            "Sends data (or a SYN or FIN) again: the sequence number does not advance"),
    FAST_RETRANSMISSION("fast_retransmission", "[TCP Fast Retransmission]",
            "A retransmission within 20 ms of the receiver's second or later duplicate ACK for it"),
    SPURIOUS_RETRANSMISSION("spurious_retransmission", "[TCP Spurious Retransmission]",
            "Resends data the receiver had already acknowledged"),
    OUT_OF_ORDER("out_of_order", "[TCP Out-Of-Order]",
            "Comes behind the highest sequence number sent, within an initial RTT (or 3 ms) of it"),
    REUSED_PORTS("reused_ports", "[TCP Port numbers reused]",
            "A SYN with a new initial sequence number on the ports of an earlier connection"),
    LOST_SEGMENT("lost_segment", "[TCP Previous segment not captured]",
            "Starts beyond the next expected sequence number: a segment before it was not captured"),
    ACK_LOST_SEGMENT("ack_lost_segment", "[TCP ACKed unseen segment]",
            "Acknowledges data the capture never showed"),
    WINDOW_UPDATE("window_update", "[TCP Window Update]",
            "An empty segment repeating seq and ack with a new window"),
    WINDOW_FULL("window_full", "[TCP Window Full]",
            "Data up to the very edge of the receiver's advertised window"),
    KEEP_ALIVE("keep_alive", "[TCP Keep-Alive]",
            "0 or 1 byte at one below the next sequence number, to provoke an ACK"),
    KEEP_ALIVE_ACK("keep_alive_ack", "[TCP Keep-Alive ACK]",
            "The ACK that answers a keep-alive"),
    ZERO_WINDOW("zero_window", "[TCP ZeroWindow]",
            "Advertises a window of 0: the receiver's buffer is full"),
    ZERO_WINDOW_PROBE("zero_window_probe", "[TCP ZeroWindowProbe]",
            "One byte at the next sequence number while the other side's window is 0"),
    ZERO_WINDOW_PROBE_ACK("zero_window_probe_ack", "[TCP ZeroWindowProbeAck]",
            "The ACK that answers a zero-window probe, window still 0"),
    DUPLICATE_ACK("duplicate_ack", "[TCP Dup ACK]",
            "Repeats the previous ACK, window and sequence number with no data");

    private final String name;
    private final String marker;
    private final String meaning;

    ExpertFlag(String name, String marker, String meaning) {
        this.name = name;
        this.marker = marker;
        this.meaning = meaning;
    }

    /** Bit of this flag in {@link SequenceAnalysis#flags()}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The field name, e.g. {@code tcp.analysis.retransmission}. */
    public String field() {
        return "tcp.analysis." + name;
    }

    /** The short name, e.g. {@code retransmission}. */
    public String shortName() {
        return name;
    }

    /**
     * True when Wireshark's TCP keeps the segment's payload from every dissector: a retransmission
     * (not a fast one, which it hands on again) or a spurious one. It shows "Retransmitted TCP
     * segment data" instead, so the frame's protocols end at tcp, with no data (packet-tcp.c,
     * desegment_tcp, on the flags of its sequence analysis).
     */
    public static boolean payloadKeptFromDissectors(int flags) {
        return RETRANSMISSION.in(flags) || SPURIOUS_RETRANSMISSION.in(flags);
    }

    /** What tshark shows in the Info column (the duplicate ACK's adds its frame and count). */
    public String marker() {
        return marker;
    }

    public String meaning() {
        return meaning;
    }

    public boolean in(int flags) {
        return (flags & bit()) != 0;
    }
}
