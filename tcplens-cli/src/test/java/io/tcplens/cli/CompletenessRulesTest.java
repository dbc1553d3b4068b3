package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which packets set which tcp.completeness bit, where a SYN or a SYN-ACK carries data or comes
 * later than the conversation's first frame: the differences scripts/fuzz-streams.py found
 * between tcplens and tshark 4.0 -2 on random dialogues, each on its own client port. A pure
 * SYN counts (with its data) only on the frame that creates the conversation, and a SYN that
 * creates one on reused ports counts without its data; a SYN-ACK's data never counts.
 * Expected: tshark 4.0.17 -n -2 on the same bytes, every frame.
 */
class CompletenessRulesTest {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;

    @Test
    void synAndSynAckDataAndLateSynsCountAsTsharksDo(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        // 1001: a SYN with data creating the conversation: SYN and data (9).
        frames.add(client(1001, 100, 0, SYN, 1));
        // 1002: a SYN, then its retransmission with data: the second SYN counts for nothing (1).
        frames.add(client(1002, 100, 0, SYN, 0));
        frames.add(client(1002, 100, 0, SYN, 1));
        // 1003: a SYN, then a SYN-ACK with data: the SYN-ACK's data does not count (3).
        frames.add(client(1003, 100, 0, SYN, 0));
        frames.add(server(1003, 900, 101, SYN | ACK, 3));
        // 1004: a SYN-ACK with data first, then the ACK: no SYN, no data (6).
        frames.add(server(1004, 900, 101, SYN | ACK, 3));
        frames.add(client(1004, 101, 904, ACK, 0));
        // 1005: a whole connection, then a SYN with data and a new ISN on the same ports (TCP
        // Fast Open reusing them): the new stream starts at SYN without data; with its
        // handshake it is 7, not 15.
        frames.add(client(1005, 100, 0, SYN, 0));
        frames.add(server(1005, 900, 101, SYN | ACK, 0));
        frames.add(client(1005, 101, 901, ACK, 0));
        frames.add(client(1005, 101, 901, FIN | ACK, 0));
        frames.add(server(1005, 901, 102, FIN | ACK, 0));
        frames.add(client(1005, 102, 902, ACK, 0));
        frames.add(client(1005, 5000, 0, SYN, 1));
        frames.add(server(1005, 7000, 5002, SYN | ACK, 0));
        frames.add(client(1005, 5002, 7001, ACK, 0));
        // 1006: a segment without ACK (it counts for nothing), then a SYN with data whose ISN
        // agrees (no reuse) and an ACK: the SYN came after the first frame, only the ACK counts (4).
        frames.add(client(1006, 100, 0, PSH, 3));
        frames.add(client(1006, 99, 0, SYN, 1));
        frames.add(client(1006, 101, 0, ACK, 0));
        // 1007: a SYN-ACK before its SYN (reordered), the SYN with data, the ACK: 6.
        frames.add(server(1007, 900, 101, SYN | ACK, 0));
        frames.add(client(1007, 100, 0, SYN, 2));
        frames.add(client(1007, 103, 901, ACK, 0));
        Path capture = dir.resolve("completeness-rules.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames.toArray(new byte[0][])));

        // Each frame's stream:completeness. Every frame shows its stream's final value but the
        // first frame of streams 3 and 7, which shows what tshark's first pass counted: not the
        // frame's own SYN-ACK.
        assertThat(String.join(" ", TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields",
                "-E", "separator=:", "-e", "tcp.stream", "-e", "tcp.completeness").lines())).isEqualTo(
                "0:9 1:1 1:1 2:3 2:3 3:4 3:6 4:23 4:23 4:23 4:23 4:23 4:23 5:7 5:7 5:7 6:4 6:4 6:4 7:4 7:6 7:6");
    }

    private static byte[] client(int port, long seq, long ack, int flags, int payload) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                Frames.tcp(port, 80, seq, ack, flags, 8192, new byte[0], new byte[payload])));
    }

    private static byte[] server(int port, long seq, long ack, int flags, int payload) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                Frames.tcp(80, port, seq, ack, flags, 8192, new byte[0], new byte[payload])));
    }
}
