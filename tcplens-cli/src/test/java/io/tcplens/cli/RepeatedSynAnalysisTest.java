package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SYN that repeats its side's ISN after the side sent more: tshark 4.0 first moves the side's
 * next expected sequence number back to the end of what it sent without a gap (packet-tcp.c,
 * dissect_tcp, its issue 17616), and judges the SYN and what follows against that. Found by
 * scripts/fuzz-streams.py (2 of 100 random captures, seed 11, flagged a retransmission where
 * tshark flagged a lost segment). Expected: tshark 4.0.17 -n on the same bytes, per frame
 * tcp.analysis.retransmission, .out_of_order and .lost_segment.
 */
class RepeatedSynAnalysisTest {
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    @Test
    void aRepeatedSynRestoresTheEndOfWhatWasSentWithoutAGap(@TempDir Path dir) throws IOException {
        // The client sends 10 bytes, skips 89, sends 10 more, repeats its SYN, then sends the 10
        // bytes after the second segment: measured from the end before the gap (111), those
        // bytes come after a hole again ("previous segment not captured"), which they would not
        // from the highest end (210). The SYN itself is out of order (within the initial RTT).
        List<String> frames = analysed(dir, List.of(
                client(100, 0, SYN, 0), server(900, 101, SYN | ACK), client(101, 901, ACK, 0),
                client(101, 901, PSH | ACK, 10), client(200, 901, PSH | ACK, 10), client(100, 0, SYN, 0),
                client(210, 901, PSH | ACK, 10), server(901, 111, ACK)));
        assertThat(frames).containsExactly("1:::", "2:::", "3:::", "4:::", "5:::1", "6::1:", "7:::1", "8:::");
    }

    @Test
    void aSynRepeatingTheIsnOfAPortReusingSynAckIsAfterAGap(@TempDir Path dir) throws IOException {
        // The server answers with a new ISN (5000: tshark restarts its numbering there, "port
        // numbers reused"), then sends a SYN with that ISN: the end of what it sent without a
        // gap is still 901, so the SYN lies beyond a hole, not behind its SYN-ACK (a
        // retransmission, as tcplens said before).
        List<String> frames = analysed(dir, List.of(
                client(100, 0, SYN, 0), server(900, 101, SYN | ACK), client(101, 901, ACK, 0),
                server(5000, 101, SYN | ACK), server(5000, 0, SYN), server(5001, 101, ACK),
                client(101, 5001, ACK, 0)));
        assertThat(frames).containsExactly("1:::", "2:::", "3:::", "4:::1", "5:::1", "6:::", "7:::");
    }

    /** Per frame: its number, then retransmission, out-of-order and lost-segment flags. */
    private static List<String> analysed(Path dir, List<byte[]> frames) throws IOException {
        Path capture = dir.resolve("repeated-syn.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames.toArray(new byte[0][])));
        return TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=:",
                "-e", "frame.number", "-e", "tcp.analysis.retransmission", "-e", "tcp.analysis.out_of_order",
                "-e", "tcp.analysis.lost_segment").lines();
    }

    private static byte[] client(long seq, long ack, int flags, int length) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                Frames.tcp(3000, 80, seq, ack, flags, 8192, new byte[0], new byte[length])));
    }

    private static byte[] server(long seq, long ack, int flags) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                Frames.tcp(80, 3000, seq, ack, flags, 8192, new byte[0], new byte[0])));
    }
}
