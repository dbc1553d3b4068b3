package io.tcplens.app;

import java.util.List;

/**
 * What one SMTP segment shows, as Wireshark 4.0's SMTP dissector shows it (packet-smtp.c).
 *
 * @param request     sent by the client (to the SMTP port)
 * @param info        the Info column's words ("C: EHLO GP", "S: 250 OK", "C: DATA fragment, 1460 bytes")
 * @param protocols   the protocols below SMTP in frame.protocols, each with its leading ':'
 *                    (":data-text-lines" for message data; ":imf:mime_multipart:..." for the
 *                    segment that ends a message)
 * @param requestLines the client's lines shown (each a command, or a line of an AUTH exchange); 0 for data
 * @param commands    per command line shown as a command: its command and its parameter (null when none)
 * @param responses   per response: its code and its text, one entry for each line of a multi-line reply
 * @param imf         the message that ended in this segment (the Internet Message Format read), else null
 */
public record SmtpMessage(boolean request, String info, String protocols, int requestLines, List<String[]> commands,
                          List<Response> responses, ImfMessage imf) implements SegmentMessage {
    /**
     * One response line's code and text. A multi-line reply's code is given once, on its first
     * line ({@code codeShown}); each line's text is given.
     */
    public record Response(int code, boolean codeShown, String parameter) { }

    /** The protocol column: SMTP, or SMTP/IMF where a message ends. */
    @Override
    public String column() { return imf != null ? "SMTP/IMF" : "SMTP"; }

    @Override
    public String protocolName() { return "smtp"; }

    @Override
    public AppFrame.Pdu pdu() { return AppFrame.Pdu.NONE; }
}
