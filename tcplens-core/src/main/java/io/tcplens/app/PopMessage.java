package io.tcplens.app;

/**
 * What one POP3 segment shows, as Wireshark 4.0's POP dissector shows it (packet-pop.c).
 *
 * @param request   sent by the client (to the POP port)
 * @param info      the Info column ("C: USER bob", "S: +OK ready", "S: DATA fragment, 1460 bytes")
 * @param token     the first line's first word: the command, or the reply's +OK or -ERR; null for data
 * @param parameter the rest of the first line after that word, or null
 * @param imf       the message that ended in this segment (read as IMF), else null
 */
public record PopMessage(boolean request, String info, String token, String parameter, ImfMessage imf)
        implements SegmentMessage {
    /** The protocol column: POP, or POP/IMF where a message ends. */
    @Override
    public String column() { return imf != null ? "POP/IMF" : "POP"; }

    @Override
    public String protocolName() { return "pop"; }

    @Override
    public String protocols() { return imf != null ? imf.protocols() : ""; }

    @Override
    public AppFrame.Pdu pdu() { return AppFrame.Pdu.NONE; }
}
