package io.tcplens.app;

/** The kinds of QUIC packet (RFC 9000, section 17), with the names Wireshark's Info column gives them. */
public enum QuicPacketType {
    INITIAL("Initial"),
    ZERO_RTT("0-RTT"),
    HANDSHAKE("Handshake"),
    RETRY("Retry"),
    VERSION_NEGOTIATION("Version Negotiation"),
    /** 1-RTT, the short header (RFC 9000, section 17.3). */
    SHORT("Protected Payload");

    private final String label;

    QuicPacketType(String label) {
        this.label = label;
    }

    /** Wireshark's word for it. */
    public String label() { return label; }

    /** The packet number space the type's packets count in (RFC 9000, section 12.3): Initial, Handshake, application data. */
    int space() {
        return switch (this) {
            case INITIAL -> 0;
            case HANDSHAKE -> 1;
            case ZERO_RTT, SHORT, RETRY, VERSION_NEGOTIATION -> 2;
        };
    }
}
