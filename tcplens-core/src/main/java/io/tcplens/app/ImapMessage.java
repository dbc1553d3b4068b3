package io.tcplens.app;

/**
 * What one IMAP segment shows, as Wireshark 4.0's IMAP dissector shows it (packet-imap.c).
 *
 * @param request   sent by the client (to the IMAP port)
 * @param info      the Info column ("Request: a1 CAPABILITY", "Response: a1 OK done"), or null
 *                  where the dissector wrote none and TCP's words stay
 * @param waiting   the dissector read the segment's first line, then asked for more before the
 *                  segment's first byte was used (a FETCH whose literal has not all come): the frame
 *                  shows TCP's words and "[TCP segment of a reassembled PDU]", though IMAP is in its
 *                  protocols
 * @param imf       the message a FETCH literal carried that ended here (read as IMF), else null
 */
public record ImapMessage(boolean request, String info, boolean waiting, ImfMessage imf) implements SegmentMessage {
    /** The protocol column: IMAP, or IMAP/IMF where a fetched message ends; TCP's while it waits. */
    @Override
    public String column() { return waiting ? null : imf != null ? "IMAP/IMF" : "IMAP"; }

    /** Listed even while it waits: IMAP read the first line before it asked for more. */
    @Override
    public String protocolName() { return "imap"; }

    @Override
    public String protocols() { return imf != null ? imf.protocols() : ""; }

    @Override
    public AppFrame.Pdu pdu() { return waiting ? AppFrame.Pdu.CONTINUED : AppFrame.Pdu.NONE; }
}
