package io.tcplens.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.Frames;
import io.tcplens.testing.QuicBytes;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * QuicTracker's arithmetic and bounds: the packet number reconstruction against RFC 9000's own
 * example, and the memory a stranger's capture can make it keep (CRYPTO data of a message that
 * never ends, connection IDs named again and again).
 */
class QuicTrackerTest {
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private final QuicTracker tracker = new QuicTracker();
    private long number;

    private QuicDatagram send(String from, String to, int fromPort, int toPort, byte[] payload) {
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4(from, to, 17, Frames.udp(fromPort, toPort, payload)));
        number++;
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                1_700_000_000L + number, 0, 1);
        decoder.decode(record, number, packet);
        return tracker.read(packet);
    }

    /**
     * RFC 9000, appendix A.3: with 0xa82f30ea the largest packet number so far, a 16-bit 0x9b32
     * is 0xa82f9b32. The first packets of a space (Wireshark expects 1 after its 0); a number
     * past the window's end; one just below the window (RFC 9000's 250, where Wireshark's
     * quic_pkt_adjust_pkt_num takes 506 and then cannot open the packet).
     */
    @Test
    void packetNumbersAsRfc9000Decodes() {
        assertThat(QuicTracker.fullPacketNumber(0xa82f30eaL, 0x9b32, 16)).isEqualTo(0xa82f9b32L);
        assertThat(QuicTracker.fullPacketNumber(0, 0, 8)).isZero();
        assertThat(QuicTracker.fullPacketNumber(0, 1, 8)).isEqualTo(1);
        assertThat(QuicTracker.fullPacketNumber(255, 2, 8)).as("past the window's end").isEqualTo(258);
        assertThat(QuicTracker.fullPacketNumber(300, 250, 8)).as("just below the expected").isEqualTo(250);
    }

    /**
     * CRYPTO data after a gap that is never filled, in 200 Initial packets of 1,000 bytes: the
     * stream holds at most 64 KiB of it, then holds no more; every datagram is still read.
     */
    @Test
    void dataAfterAGapIsBounded() {
        byte[] dcid = Bytes.fromHex("0102030405060708");
        QuicBytes.Keys client = QuicBytes.initialKeys(QuicBytes.VERSION_1, dcid)[0];
        for (int pn = 0; pn < 200; pn++) {
            byte[] initial = QuicBytes.longPacket(0, QuicBytes.VERSION_1, dcid, Bytes.fromHex("aa"), new byte[0], pn, 2,
                    QuicBytes.crypto(1000 + 1000L * pn, new byte[1000]), client);
            QuicDatagram d = send("10.0.0.1", "10.0.0.2", 50000, 443, initial);
            assertThat(d).isNotNull();
            assertThat(d.info()).endsWith("PKN: " + pn + ", CRYPTO");
            assertThat(d.tlsLayers()).as("nothing reaches TLS across the gap").isZero();
        }
        assertThat(tracker.bufferedBytes()).isBetween(60_000L, 64L << 10);
        assertThat(tracker.notes()).singleElement().asString().startsWith("note: 1 QUIC streams were not read further");
    }

    /**
     * A fault in the reading (a bug; here the tracker's table of conversations taken away by
     * reflection) leaves that datagram to UDP and is reported, not thrown: the packets before
     * and after it are read.
     */
    @Test
    void aFaultStopsOneDatagramAndIsReported() throws ReflectiveOperationException {
        byte[] dcid = Bytes.fromHex("0102030405060708");
        QuicBytes.Keys client = QuicBytes.initialKeys(QuicBytes.VERSION_1, dcid)[0];
        assertThat(send("10.0.0.1", "10.0.0.2", 50000, 443, QuicBytes.longPacket(0, QuicBytes.VERSION_1, dcid,
                Bytes.fromHex("aa"), new byte[0], 0, 2, QuicBytes.crypto(0, new byte[40]), client))).isNotNull();
        java.lang.reflect.Field conversations = QuicTracker.class.getDeclaredField("conversations");
        conversations.setAccessible(true);
        Object kept = conversations.get(tracker);
        conversations.set(tracker, null);
        assertThat(send("10.0.0.1", "10.0.0.2", 50000, 443, QuicBytes.longPacket(0, QuicBytes.VERSION_1, dcid,
                Bytes.fromHex("aa"), new byte[0], 1, 2, QuicBytes.crypto(100, new byte[40]), client))).isNull();
        assertThat(tracker.notes()).singleElement().asString()
                .startsWith("warning: an internal error stopped the reading of 1 QUIC datagrams")
                .contains("the first: frame 2: java.lang.NullPointerException");
        conversations.set(tracker, kept);
        assertThat(send("10.0.0.1", "10.0.0.2", 50000, 443, QuicBytes.longPacket(0, QuicBytes.VERSION_1, dcid,
                Bytes.fromHex("aa"), new byte[0], 2, 2, QuicBytes.crypto(40, new byte[40]), client))).isNotNull();
    }

    /**
     * A client that answers Retry after Retry with a new connection ID each time: the connection
     * is found by at most 64 of them, and the tables hold no more.
     */
    @Test
    void connectionIdsPerConnectionAreBounded() {
        byte[] clientId = Bytes.fromHex("c1c2c3c4");
        byte[] dcid = Bytes.fromHex("0000000000000000");
        for (int i = 0; i < 500; i++) {
            byte[] initial = QuicBytes.longPacket(0, QuicBytes.VERSION_1, dcid, clientId, new byte[0], i, 2,
                    QuicBytes.crypto(0, new byte[40]), QuicBytes.initialKeys(QuicBytes.VERSION_1, dcid)[0]);
            assertThat(send("10.0.0.1", "10.0.0.2", 50000, 443, initial)).isNotNull();
            byte[] next = new Bytes().u32(0x10000000L + i).u32(i).toArray();
            byte[] retry = Bytes.concat(new Bytes().u8(0xF0).u32(1).u8(clientId.length).raw(clientId).u8(next.length).raw(next)
                    .toArray(), new byte[8], new byte[16]);
            assertThat(send("10.0.0.2", "10.0.0.1", 443, 50000, retry).info()).startsWith("Retry");
            dcid = next;
        }
        assertThat(tracker.connectionIds()).isLessThanOrEqualTo(64);
    }
}
