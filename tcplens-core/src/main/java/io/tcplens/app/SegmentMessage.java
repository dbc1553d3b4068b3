package io.tcplens.app;

/**
 * What a segment reader's dissector shows for one frame (SMTP, IMAP, POP3, RESP, WHOIS): the
 * protocol column, the Info column, the frame's protocols, and whether it waits for later
 * segments. One frame shows at most one.
 */
public interface SegmentMessage {
    /** The protocol column ("SMTP", "IMAP/IMF", "RESP"), or null while the frame waits and shows TCP. */
    String column();

    /** The Info column's words, or null where the dissector wrote none and TCP's words stay. */
    String info();

    /** The protocol's name in frame.protocols ("smtp", "imap", ...), or null when the frame does not list it. */
    String protocolName();

    /** frame.protocols after that name, each with its leading ':' (":imf:mime_multipart:..."); "" for none. */
    String protocols();

    /**
     * Where the frame's payload went when the dissector asked for later segments: STARTED when its
     * words stay before "[TCP segment of a reassembled PDU]", CONTINUED when TCP's words do; NONE
     * when nothing waits.
     */
    AppFrame.Pdu pdu();

    /** The mail message (IMF) that ended in this frame, else null. */
    default ImfMessage imf() { return null; }
}
