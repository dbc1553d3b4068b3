package io.tcplens.field;

import io.tcplens.app.QuicDatagram;
import io.tcplens.decode.UdpApplication;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * QUIC's fields, by Wireshark's names (packet-quic.c), one occurrence per coalesced packet: the
 * header's form, type, version and connection IDs, the packet number where the header protection
 * came off, and the type of each frame of an opened packet.
 */
final class QuicFields {
    /** RFC 9369's version 2, whose type bits Wireshark shows in a field of their own. */
    private static final long VERSION_2 = 0x6b3343cfL;

    private QuicFields() { }

    /** Visits each QUIC packet of the packet's datagram. */
    private interface PacketVisitor {
        void visit(PacketContext c, QuicDatagram.Packet q, Field f, FieldSink s);
    }

    private static Field.Extractor each(PacketVisitor visit) {
        return (c, f, s) -> {
            QuicDatagram d = c.quic();
            if (d != null) {
                for (QuicDatagram.Packet q : d.packets()) {
                    visit.visit(c, q, f, s);
                }
            }
        };
    }

    private static void id(String hex, Field f, FieldSink s) {
        if (hex != null) {
            byte[] raw = HexFormat.of().parseHex(hex);
            s.bytes(f, ByteBuffer.wrap(raw), 0, raw.length);
        }
    }

    /** frame.protocols after UDP: "quic", then a "tls" for each time CRYPTO data went to TLS, an "http3" for STREAM data to HTTP/3. */
    static void protocolStack(PacketContext c, StringBuilder out) {
        QuicDatagram d = c.quic();
        if (d != null) {
            out.append(":quic");
            for (String layer : d.layers()) {
                out.append(':').append(layer);
            }
        }
    }

    static void declare() {
        Fields.dec("quic", FieldType.PROTOCOL, "QUIC IETF", "A QUIC packet (RFC 9000) in a UDP datagram; one per "
                + "coalesced packet, one for the datagram when its first header could not be read", (c, f, s) -> {
                    QuicDatagram d = c.quic();
                    if (d == null) {
                        return;
                    }
                    UdpApplication.Payload p = UdpApplication.Payload.of(c.packet);
                    if (d.packets().isEmpty()) {
                        int captured = p.captured() - p.start();
                        s.present(f, p.buffer(), p.start(), captured, captured);
                    }
                    for (QuicDatagram.Packet q : d.packets()) {
                        int start = p.start() + q.offset();
                        int captured = Math.max(0, Math.min(q.length(), p.captured() - start));
                        s.present(f, p.buffer(), start, captured, captured);
                    }
                });
        Fields.dec("quic.connection.number", FieldType.UINT32, "Connection Number", "The datagram's QUIC connection, "
                + "numbered 0, 1, 2, ... by the client's first Initial as Wireshark numbers them", (c, f, s) -> {
                    QuicDatagram d = c.quic();
                    if (d != null && d.connection() >= 0) {
                        s.unsigned(f, d.connection());
                    }
                });
        Fields.dec("quic.header_form", FieldType.UINT8, "Header Form", "1: a long header (Initial, 0-RTT, Handshake, Retry, "
                + "Version Negotiation), 0: a short one (1-RTT)", each((c, q, f, s) -> s.unsigned(f, q.longHeader() ? 1 : 0)));
        Fields.dec("quic.long.packet_type", FieldType.UINT8, "Packet Type", "A long header's two type bits as sent "
                + "(0 Initial, 1 0-RTT, 2 Handshake, 3 Retry; not version 2's)", each((c, q, f, s) -> {
                    if (q.longHeader() && q.version() != 0 && q.version() != VERSION_2) {
                        s.unsigned(f, q.typeBits());
                    }
                }));
        Fields.dec("quic.long.packet_type_v2", FieldType.UINT8, "Packet Type", "A version 2 long header's type bits "
                + "(RFC 9369: 0 Retry, 1 Initial, 2 0-RTT, 3 Handshake)", each((c, q, f, s) -> {
                    if (q.longHeader() && q.version() == VERSION_2) {
                        s.unsigned(f, q.typeBits());
                    }
                }));
        Fields.hex("quic.version", FieldType.UINT32, "Version", "A long header's version (0: Version Negotiation)",
                each((c, q, f, s) -> {
                    if (q.longHeader()) {
                        s.unsigned(f, q.version());
                    }
                }));
        Fields.dec("quic.dcid", FieldType.BYTES, "Destination Connection ID", "Who the packet is for; a short header's "
                + "as long as its connection's ID (unknown without the connection: absent)", each((c, q, f, s) -> id(q.dcid(), f, s)));
        Fields.dec("quic.scid", FieldType.BYTES, "Source Connection ID", "A long header's sender's connection ID",
                each((c, q, f, s) -> id(q.scid(), f, s)));
        Fields.dec("quic.packet_number", FieldType.UINT64, "Packet Number", "The full packet number, where the header "
                + "protection came off (Initial packets; the others with a key log's TLS secrets)", each((c, q, f, s) -> {
                    if (q.packetNumber() >= 0) {
                        s.unsigned(f, q.packetNumber());
                    }
                }));
        Fields.dec("quic.frame_type", FieldType.UINT64, "Frame Type", "Each frame of an opened packet (RFC 9000, section 19)",
                each((c, q, f, s) -> {
                    for (long type : q.frameTypes()) {
                        s.unsigned(f, type);
                    }
                }));
    }
}
