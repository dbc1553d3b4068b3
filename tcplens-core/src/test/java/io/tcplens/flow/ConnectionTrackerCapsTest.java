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
        byte[] tcp = Frames.tcp(clientPort, 80, seq, 0, flags, 64240, new byte[0], new byte[0]);
        byte[] frame = Frames.ethernet(0x0800, Frames.withTcpChecksum(Frames.ipv4("10.0.0.1", "10.0.0.2", 6, tcp)));
        number++;
        // One millisecond apart: no timeout applies, only the caps.
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                1_700_000_000L, (int) (number * 1_000_000), 1);
        decoder.decode(record, number, packet);
        tracker.observe(packet);
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
