package io.tcplens.analysis;

/** How a connection was opened, as its packets show it. */
public enum HandshakeKind {
    /** SYN, SYN-ACK, ACK with every acknowledgment number right (RFC 9293, section 3.5). */
    THREE_WAY,
    /** As THREE_WAY, but the third packet already carries data. */
    THREE_WAY_WITH_DATA,
    /** Both ends sent a SYN before seeing the other's (RFC 9293, section 3.5, figure 8). */
    SIMULTANEOUS_OPEN,
    /** The responder answered the SYN with its own SYN (no ACK) and the originator sent the SYN-ACK. */
    SPLIT_HANDSHAKE,
    /** The responder answered the SYN with a RST: nothing listens on the port. */
    REFUSED,
    /** Only SYNs: nobody answered (counting retransmitted SYNs). */
    NO_REPLY,
    /** A SYN and its SYN-ACK, but the originator never acknowledged the SYN-ACK. */
    NO_FINAL_ACK,
    /** A SYN-ACK for a SYN nobody here sent: backscatter of a spoofed flood, or a capture that missed the SYN. */
    SYN_ACK_ONLY,
    /** The SYN carries data (TCP Fast Open, RFC 7413). */
    SYN_WITH_DATA,
    /** An acknowledgment number that is not the ISN + 1 it must be. */
    INVALID,
    /** No SYN or SYN-ACK captured: the capture started after the connection opened. */
    NOT_SEEN;

    /** Computed once: every connection row asks for it. */
    private final String id = name().toLowerCase(java.util.Locale.ROOT);

    /** The name in JSON, CSV and filters ("three_way"). */
    public String id() {
        return id;
    }
}
