package io.tcplens.app;

/**
 * What one RESP segment shows, as Wireshark 4.0's RESP dissector shows it (packet-resp.c).
 *
 * @param request sent by the client (to the RESP port)
 * @param info    the Info column ("Request: SET key value", "Response: OK", "Response: Array(3)")
 * @param waiting the segment's first message needs later segments: the frame shows TCP and
 *                "[TCP segment of a reassembled PDU]" after RESP's words
 */
public record RespMessage(boolean request, String info, boolean waiting) { }
