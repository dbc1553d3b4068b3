package io.tcplens.analysis;

/** The connection states of RFC 9293, section 3.3.2, plus UNKNOWN where the capture cannot tell. */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK,
    TIME_WAIT, UNKNOWN;

    /** RFC 9293's spelling ("SYN-SENT", "TIME-WAIT"). */
    public String rfcName() {
        return name().replace('_', '-');
    }
}
