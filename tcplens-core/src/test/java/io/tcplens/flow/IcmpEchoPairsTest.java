package io.tcplens.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.Frames;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Echo replies name their requests as tshark 4.0 pairs them: between the same two hosts, either
 * way, and only a request's first reply (tshark 4.0 on the same five messages first built with
 * scapy: "(request in 1)" on a reply in the request's own direction, nothing on the second
 * reply, "(request in 4)" on the next request's reply). The waiting requests are bounded and counted.
 */
class IcmpEchoPairsTest {
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private final IcmpEchoPairs pairs = new IcmpEchoPairs();
    private long number;

    private long echo(String from, String to, int type, int sequence) {
        byte[] icmp = new Bytes().u8(type).u8(0).u16(0).u16(0x1234).u16(sequence).toArray();
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4(from, to, 1, icmp));
        number++;
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                1_700_000_000L, 0, 1);
        decoder.decode(record, number, packet);
        return pairs.observe(packet);
    }

    @Test
    void repliesNameTheirRequestsEitherWayOnce() {
        assertThat(echo("192.0.2.1", "192.0.2.2", 8, 1)).isZero();
        assertThat(echo("192.0.2.1", "192.0.2.2", 0, 1)).as("the request's own direction").isEqualTo(1);
        assertThat(echo("192.0.2.2", "192.0.2.1", 0, 1)).as("a second reply").isZero();
        assertThat(echo("192.0.2.1", "192.0.2.2", 8, 1)).isZero();
        assertThat(echo("192.0.2.2", "192.0.2.1", 0, 1)).isEqualTo(4);
        assertThat(echo("192.0.2.2", "192.0.2.1", 0, 2)).as("no request with that sequence number").isZero();
        assertThat(echo("192.0.2.1", "192.0.2.2", 8, 3)).isZero();
        assertThat(echo("192.0.2.3", "192.0.2.1", 0, 3)).as("another host").isZero();
    }

    @Test
    void waitingRequestsAreBoundedAndTheOldestForgotten() {
        for (int i = 0; i <= IcmpEchoPairs.MAX_PENDING; i++) {
            echo("192.0.2.1", "198.51.100." + (i >>> 16), 8, i & 0xFFFF);
        }
        assertThat(pairs.forgotten()).isEqualTo(1);
        assertThat(echo("198.51.100.0", "192.0.2.1", 0, 0)).as("the first request, forgotten").isZero();
        assertThat(echo("198.51.100.1", "192.0.2.1", 0, 0)).as("the last request").isEqualTo(IcmpEchoPairs.MAX_PENDING + 1);
    }
}
