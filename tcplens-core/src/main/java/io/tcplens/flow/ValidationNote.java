package io.tcplens.flow;

/**
 * Handshake and teardown checks a segment can fail, with stable names ({@code tcplens.note}).
 * They are tcplens's own (Wireshark has no such notes); each says which rule of RFC 9293 (or
 * RFC 5961 for resets) the segment breaks. Set by {@link SequenceAnalysis}.
 */
public enum ValidationNote {
    /** RFC 9293, 3.10.7.3: a SYN-ACK must acknowledge the SYN, ack = ISN + 1. */
    SYNACK_WRONG_ACK("synack_wrong_ack", "SYN-ACK whose ack is not the SYN's ISN + 1"),
    /** RFC 9293, 3.10.7.4: the handshake's ACK must acknowledge the SYN-ACK, ack = server ISN + 1. */
    ACK_WRONG_ACK_IN_HANDSHAKE("ack_wrong_ack_in_handshake", "Third handshake packet whose ack is not the SYN-ACK's ISN + 1"),
    /** RFC 9293, 3.4 and RFC 7413: data on a SYN is held until the handshake ends (or is TCP Fast Open). */
    DATA_ON_SYN("data_on_syn", "SYN carrying data (TCP Fast Open, or a probe)"),
    /** RFC 9293, 3.10.7.4: in a synchronized state every segment carries ACK, and acks only what was sent. */
    FIN_INVALID_ACK("fin_invalid_ack", "FIN without the ACK flag, or acknowledging bytes the other side never sent"),
    /** RFC 9293, 3.10.7.4: a segment must start inside the receiver's window (RCV.NXT + RCV.WND). */
    SEGMENT_OUT_OF_WINDOW("segment_out_of_window", "Data starting beyond the receiver's advertised window"),
    /** RFC 5961, 3.2 and RFC 9293, 3.10.7.3: a RST outside the window (or not acking the SYN) is dropped: likely injected. */
    RST_OUT_OF_WINDOW("rst_out_of_window", "RST outside the receiver's window, or not acknowledging its SYN: a likely injected reset"),
    /** RFC 5961, 4.2 and RFC 9293, 3.10.7.4: a SYN on an established connection gets a challenge ACK. */
    SYN_ON_ESTABLISHED("syn_on_established", "SYN with the connection's ISN after the handshake completed");

    private final String name;
    private final String meaning;

    ValidationNote(String name, String meaning) {
        this.name = name;
        this.meaning = meaning;
    }

    /** The stable name, e.g. {@code rst_out_of_window}. */
    public String shortName() { return name; }

    public String meaning() { return meaning; }

    public int bit() { return 1 << ordinal(); }

    public boolean in(int notes) { return (notes & bit()) != 0; }
}
