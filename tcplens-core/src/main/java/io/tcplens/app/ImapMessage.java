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
public record ImapMessage(boolean request, String info, boolean waiting, ImfMessage imf) {
    /** The protocol column: IMAP, or IMAP/IMF where a fetched message ends. */
    public String column() { return imf != null ? "IMAP/IMF" : "IMAP"; }

    /** frame.protocols from IMAP on, each with its leading ':'. */
    public String protocols() { return imf != null ? imf.protocols() : ""; }
}
