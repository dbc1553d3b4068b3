package io.tcplens.analysis;

/** How a connection was closed, as its packets show it. */
public enum TeardownKind {
    /** FIN, ACK, FIN, ACK (RFC 9293, section 3.6, figure 12). */
    FOUR_WAY,
    /** FIN, then the other end's ACK and FIN merged in one FIN+ACK, then ACK. */
    THREE_PACKET,
    /** The FINs crossed: each was sent before its sender saw the other (RFC 9293, section 3.6, figure 13). */
    SIMULTANEOUS_CLOSE,
    /** One FIN only: the other end kept sending, or never closed within the capture. */
    HALF_CLOSED,
    /** Aborted by a RST without any FIN. */
    RESET,
    /** A FIN, then a RST ended it. */
    FIN_THEN_RESET,
    /** Still open when the capture ends. */
    NOT_SEEN;

    /** Computed once: every connection row asks for it. */
    private final String id = name().toLowerCase(java.util.Locale.ROOT);

    public String id() {
        return id;
    }
}
