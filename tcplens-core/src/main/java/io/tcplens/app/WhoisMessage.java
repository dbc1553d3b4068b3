package io.tcplens.app;

/**
 * What one WHOIS segment shows, as Wireshark 4.0's WHOIS dissector shows it (packet-whois.c).
 *
 * @param query   sent by the client (to port 43)
 * @param info    the Info column: "Query: example.com" or "Answer: example.com"
 * @param waiting the query or answer needs later segments (the answer: the server's FIN): the
 *                frame shows TCP and "[TCP segment of a reassembled PDU]" after these words
 */
public record WhoisMessage(boolean query, String info, boolean waiting) { }
