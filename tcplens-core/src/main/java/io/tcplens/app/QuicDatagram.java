package io.tcplens.app;

import java.util.List;

/**
 * What Wireshark 4.0 shows of a UDP datagram it reads as QUIC: its Info column (the last of its
 * coalesced packets writes it, each long header replacing what the one before wrote), what its
 * frames handed to TLS and HTTP/3 (a "tls" or "http3" each in frame.protocols), and each packet's
 * header and, where it opened, its frames.
 *
 * @param info         the Info column; when {@code afterUdpInfo}, only what follows UDP's words in it
 * @param afterUdpInfo the reading stopped (a cut or short datagram) before QUIC wrote its words: the
 *                     column keeps UDP's, with {@code info} (the mark of the stop) after them
 * @param connection   Wireshark's quic.connection.number of the datagram's connection; -1 when none was found
 * @param layers       "tls" for each CRYPTO frame whose data went to TLS in order (retransmitted or
 *                     early data does not), "http3" for each STREAM frame whose data HTTP/3 took, in
 *                     the order of the hand-overs (frame.protocols after "quic")
 * @param packets      the datagram's packets, in order
 * @param handshakes   the TLS handshake messages whose last byte its CRYPTO data brought (tls.handshake.* fields)
 */
public record QuicDatagram(String info, boolean afterUdpInfo, long connection, List<String> layers, List<Packet> packets, List<TlsHandshake> handshakes) {
    /** Times CRYPTO data went to TLS ("tls" in frame.protocols, the tls field). */
    public int tlsLayers() {
        return java.util.Collections.frequency(layers, "tls");
    }

    /** HTTP/3 took some of the datagram's stream data: Wireshark's protocol column is HTTP3. */
    public boolean http3() {
        return layers.contains("http3");
    }

    /**
     * One QUIC packet of the datagram.
     *
     * @param offset       where it starts in the datagram's payload
     * @param length       its bytes (the rest of the datagram for the last)
     * @param longHeader   the header form bit (quic.header_form)
     * @param typeBits     a long header's two type bits as sent (quic.long.packet_type, version 2's
     *                     quic.long.packet_type_v2); -1 for a short header
     * @param version      a long header's version (quic.version)
     * @param dcid         the Destination Connection ID as Wireshark shows it (hex; null when it shows none)
     * @param scid         a long header's Source Connection ID (hex; null when empty)
     * @param packetNumber the full packet number, or -1 when the header protection could not be removed
     * @param frameTypes   the frame types of an opened packet, in order (quic.frame_type)
     */
    public record Packet(int offset, int length, boolean longHeader, int typeBits, long version, String dcid, String scid,
                         long packetNumber, List<Long> frameTypes) { }
}
