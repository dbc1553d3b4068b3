package io.tcplens.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.TcpHeader;
import io.tcplens.testing.Frames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's memory caps under a flood of SYNs from distinct ports: each cap holds, every
 * connection is still reported exactly once, what was dropped is counted, and the connection
 * that stays active is never the one released.
 */
class ConnectionTrackerCapsTest {
    private final List<TcpConnection> finished = new ArrayList<>();
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private long number;

    private void syn(ConnectionTracker tracker, int clientPort, int flags, long seq) {
        // One millisecond apart: no timeout applies, only the caps.
        segment(tracker, (number + 1) * 1_000_000L, clientPort, false, flags, seq, 0);
    }

    /** One segment from 10.0.0.1:port (or back from the server when {@code fromServer}) at the given capture time. */
    private void segment(ConnectionTracker tracker, long nanos, int clientPort, boolean fromServer, int flags, long seq,
                         long ack) {
        byte[] tcp = fromServer ? Frames.tcp(80, clientPort, seq, ack, flags, 64240, new byte[0], new byte[0])
                : Frames.tcp(clientPort, 80, seq, ack, flags, 64240, new byte[0], new byte[0]);
        byte[] ip = fromServer ? Frames.ipv4("10.0.0.2", "10.0.0.1", 6, tcp) : Frames.ipv4("10.0.0.1", "10.0.0.2", 6, tcp);
        byte[] frame = Frames.ethernet(0x0800, Frames.withTcpChecksum(ip));
        number++;
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                1_700_000_000L + nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), 1);
        decoder.decode(record, number, packet);
        tracker.observe(packet);
    }

    /**
     * A conversation whose connection ended and was released after Zeek's close delay keeps its
     * place in the eviction ring. When a stray packet opens a new connection on it just as the
     * cap is exceeded, the hand must not take that stale place for the new connection and
     * release it before its first packet is counted (nor, where connections are recycled, hand
     * it on while the packet is still being written into it).
     */
    @Test
    void theCapNeverReleasesTheConnectionItsPacketIsOpening() {
        for (boolean recycling : new boolean[] {false, true}) {
            // Each connection as "client port/packets", written when it is reported.
            List<String> rows = new ArrayList<>();
            java.util.function.Consumer<TcpConnection> row = c -> rows.add(c.port(0) + "/" + (c.packets(0) + c.packets(1)));
            ConnectionTracker tracker = new ConnectionTracker(10_000, 2, false, recycling
                    ? ConnectionTracker.Listener.reporting(row, s -> { }) : ConnectionTracker.Listener.of(row, s -> { }), null);
            long ms = 1_000_000L;
            // A (port 1000) opens and closes within 10 ms.
            segment(tracker, 0, 1000, false, TcpHeader.SYN, 100, 0);
            segment(tracker, 1 * ms, 1000, true, TcpHeader.SYN | TcpHeader.ACK, 500, 101);
            segment(tracker, 2 * ms, 1000, false, TcpHeader.ACK, 101, 501);
            segment(tracker, 3 * ms, 1000, false, TcpHeader.FIN | TcpHeader.ACK, 101, 501);
            segment(tracker, 4 * ms, 1000, true, TcpHeader.FIN | TcpHeader.ACK, 501, 102);
            segment(tracker, 5 * ms, 1000, false, TcpHeader.ACK, 102, 502);
            // B (port 1001) is attempted; its retransmission 6 s later lets the sweep release A.
            segment(tracker, 20 * ms, 1001, false, TcpHeader.SYN, 7000, 0);
            segment(tracker, 6_000 * ms, 1001, false, TcpHeader.SYN, 7000, 0);
            assertThat(rows).as("A released after the close delay").containsExactly("1000/6");
            // C (port 1002) opens: two live connections, at the cap.
            segment(tracker, 6_100 * ms, 1002, false, TcpHeader.SYN, 9000, 0);
            // A stray ACK on A's ports opens a new connection there (as in Zeek): three live.
            segment(tracker, 6_200 * ms, 1000, false, TcpHeader.ACK, 102, 502);
            // The hand passes A's stale place, gives B (active) its second chance, and releases C.
            assertThat(rows).as(recycling ? "recycling" : "not recycling").containsExactly("1000/6", "1002/1");
            tracker.finishAll();
            assertThat(rows).containsExactlyInAnyOrder("1000/6", "1002/1", "1001/2", "1000/1");
            assertThat(tracker.releasedEarly()).isEqualTo(1);
        }
    }

    @Test
    void liveConnectionsAreCappedAndTheActiveOneStays() {
        ConnectionTracker tracker = new ConnectionTracker(10_000, 64, false, finished::add, null);
        int activePackets = 0;
        for (int i = 0; i < 999; i++) {
            syn(tracker, 10_000 + i, TcpHeader.SYN, 1000);
            if (i % 10 == 0) {
                // A long connection, busy all along (port 9999, opened first).
                syn(tracker, 9_999, i == 0 ? TcpHeader.SYN : TcpHeader.ACK, 5000 + i);
                activePackets++;
            }
        }
        assertThat(finished).hasSize(1000 - 64);
        tracker.finishAll();
        assertThat(finished).hasSize(1000);
        assertThat(finished.stream().map(TcpConnection::stream).distinct()).hasSize(1000);
        assertThat(tracker.releasedEarly()).isEqualTo(1000 - 64);
        assertThat(tracker.latePackets()).isZero();
        TcpConnection active = finished.stream().filter(c -> c.port(0) == 9_999 || c.port(1) == 9_999).findFirst().orElseThrow();
        assertThat(active.packets(0) + active.packets(1)).isEqualTo(activePackets);
        // It was reported at the end, with the others still open then.
        assertThat(finished.indexOf(active)).isGreaterThanOrEqualTo(1000 - 64);
    }

    /**
     * The eviction ring is built only when the cap is first exceeded, from the connections
     * open then: it must hold them in the order they opened, as a ring kept from the start would
     * (the conversation table's own order is its hashes'). Connections that never send a second
     * packet are never marked active, so the cap releases them oldest first.
     */
    @Test
    void theCapReleasesTheOldestFirstThoughTheRingStartsLate() {
        ConnectionTracker tracker = new ConnectionTracker(10_000, 64, false, finished::add, null);
        for (int i = 0; i < 200; i++) {
            syn(tracker, 10_000 + i * 7919 % 5000, TcpHeader.SYN, 1000);
        }
        assertThat(finished).hasSize(200 - 64);
        for (int i = 0; i < finished.size(); i++) {
            assertThat(finished.get(i).port(0)).as("released %d", i).isEqualTo(10_000 + i * 7919 % 5000);
        }
    }

    @Test
    void conversationsAreCappedAndTheIdlestGo() {
        ConnectionTracker tracker = new ConnectionTracker(64, false, finished::add, null);
        for (int i = 0; i < 1000; i++) {
            syn(tracker, 10_000 + i, TcpHeader.SYN, 1000);
            assertThat(tracker.table().size()).isLessThanOrEqualTo(64);
        }
        int beforeEnd = finished.size();
        assertThat(tracker.conversationsEvicted()).isEqualTo(beforeEnd).isGreaterThan(1000 - 64 - 1);
        tracker.finishAll();
        assertThat(finished.stream().map(TcpConnection::stream).distinct()).hasSize(1000);
        // The evicted were the oldest: every stream reported before the end precedes those reported at the end.
        long lastEvicted = finished.subList(0, beforeEnd).stream().mapToLong(TcpConnection::stream).max().orElseThrow();
        long firstKept = finished.subList(beforeEnd, 1000).stream().mapToLong(TcpConnection::stream).min().orElseThrow();
        assertThat(lastEvicted).isLessThan(firstKept);
    }
}
