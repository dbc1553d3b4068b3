package io.tcplens.app;

/**
 * What one WHOIS segment shows, as Wireshark 4.0's WHOIS dissector shows it (packet-whois.c).
 *
 * @param info    the Info column: "Query: example.com" or "Answer: example.com"
 * @param waiting the query or answer needs later segments (the answer: the server's FIN): the
 *                frame shows TCP and "[TCP segment of a reassembled PDU]" after these words
 */
public record WhoisMessage(String info, boolean waiting) implements SegmentMessage {
    @Override
    public String column() { return waiting ? null : "WHOIS"; }

    /** Not listed while it waits: WHOIS asks for more before it adds its tree. */
    @Override
    public String protocolName() { return waiting ? null : "whois"; }

    @Override
    public String protocols() { return ""; }

    /** WHOIS's words stay before the marker while it waits. */
    @Override
    public AppFrame.Pdu pdu() { return waiting ? AppFrame.Pdu.STARTED : AppFrame.Pdu.NONE; }
}
