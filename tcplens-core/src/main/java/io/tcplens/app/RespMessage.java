package io.tcplens.app;

/**
 * What one RESP segment shows, as Wireshark 4.0's RESP dissector shows it (packet-resp.c).
 *
 * @param info    the Info column ("Request: SET key value", "Response: OK", "Response: Array(3)")
 * @param waiting the segment's first message needs later segments: the frame shows TCP and
 *                "[TCP segment of a reassembled PDU]" after RESP's words
 */
public record RespMessage(String info, boolean waiting) implements SegmentMessage {
    @Override
    public String column() { return waiting ? null : "RESP"; }

    /** Listed even while it waits: RESP read the segment before it asked for more. */
    @Override
    public String protocolName() { return "resp"; }

    @Override
    public String protocols() { return ""; }

    /** RESP's words stay before the marker while it waits. */
    @Override
    public AppFrame.Pdu pdu() { return waiting ? AppFrame.Pdu.STARTED : AppFrame.Pdu.NONE; }
}
