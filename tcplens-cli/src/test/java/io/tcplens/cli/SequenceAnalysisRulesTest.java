package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Details of tshark 4.0's sequence analysis (packet-tcp.c) that scripts/fuzz-streams.py --fields
 * found tcplens missing on random dialogues (6 of 400 captures, seeds 11 to 14). Expected:
 * tshark 4.0.17 -n on the same bytes, per frame its number, then tcp.analysis.retransmission,
 * .fast_retransmission, .out_of_order and .lost_segment; each test fails on the code before.
 */
class SequenceAnalysisRulesTest {
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    @Test
    void aRepeatedSynRestoresTheEndOfWhatWasSentWithoutAGap(@TempDir Path dir) throws IOException {
        // A SYN repeating its side's ISN: dissect_tcp first moves the side's next expected number
        // back to the end of what it sent without a gap (maxseqtobeacked; Wireshark issue 17616).
        // The client sends 10 bytes, skips 89, sends 10 more, repeats its SYN, then sends the 10
        // bytes after the second segment: measured from the end before the gap (111), those
        // bytes come after a hole again ("previous segment not captured"), which they would not
        // from the highest end (210). The SYN itself is out of order (within the initial RTT).
        List<String> frames = analysed(dir, oneASecond(
                client(100, 0, SYN, 0), server(900, 101, SYN | ACK, 0), client(101, 901, ACK, 0),
                client(101, 901, PSH | ACK, 10), client(200, 901, PSH | ACK, 10), client(100, 0, SYN, 0),
                client(210, 901, PSH | ACK, 10), server(901, 111, ACK, 0)));
        assertThat(frames).containsExactly("1::::", "2::::", "3::::", "4::::", "5::::1", "6:::1:", "7::::1", "8::::");
    }

    @Test
    void aSynRepeatingTheIsnOfAPortReusingSynAckIsAfterAGap(@TempDir Path dir) throws IOException {
        // The server answers with a new ISN (5000: tshark restarts its numbering there, "port
        // numbers reused"), then sends a SYN with that ISN: the end of what it sent without a
        // gap is still 901, so the SYN lies beyond a hole, not behind its SYN-ACK (a
        // retransmission, as tcplens said before).
        List<String> frames = analysed(dir, oneASecond(
                client(100, 0, SYN, 0), server(900, 101, SYN | ACK, 0), client(101, 901, ACK, 0),
                server(5000, 101, SYN | ACK, 0), server(5000, 0, SYN, 0), server(5001, 101, ACK, 0),
                client(101, 5001, ACK, 0)));
        assertThat(frames).containsExactly("1::::", "2::::", "3::::", "4::::1", "5::::1", "6::::", "7::::");
    }

    @Test
    void theAckEndingTheHandshakeIsJudgedBeforeItMeasuresTheInitialRtt(@TempDir Path dir) throws IOException {
        // A SYN with 100 bytes (next sequence number 201), a SYN-ACK acknowledging only the SYN,
        // then 10 bytes from 101, 2 ms after the SYN: tshark measures the initial RTT (2 ms) after
        // the segment's analysis, so its out-of-order threshold is still the default 3 ms and the
        // segment is out of order; judged with the 2 ms it measures itself it would be a
        // retransmission, as tcplens said before.
        List<String> frames = analysed(dir,
                at(0, client(100, 0, SYN, 100)), at(1_000, server(900, 101, SYN | ACK, 0)),
                at(2_000, client(101, 901, PSH | ACK, 10)), at(12_000, server(901, 111, ACK, 0)));
        assertThat(frames).containsExactly("1::::", "2::::", "3:::1:", "4::::");
    }

    @Test
    void anAckedUnseenSegmentCountsAsDuplicateAcksForAFastRetransmission(@TempDir Path dir) throws IOException {
        // The client acknowledges server data it cannot have seen ("ACKed unseen segment": the
        // server's duplicate-ACK counter becomes -1), then resends its 10 bytes at the server's
        // last ack within 20 ms: tshark's counter is unsigned, -1 is at least 2 duplicate ACKs,
        // and the resend is a fast retransmission (which also sets .retransmission).
        List<String> frames = analysed(dir,
                at(0, client(100, 0, SYN, 0)), at(10_000, server(900, 101, SYN | ACK, 0)),
                at(20_000, client(101, 901, ACK, 0)), at(30_000, client(101, 901, PSH | ACK, 10)),
                at(40_000, server(901, 101, PSH | ACK, 10)), at(45_000, client(111, 950, ACK, 0)),
                at(50_000, client(101, 901, PSH | ACK, 10)));
        assertThat(frames).containsExactly("1::::", "2::::", "3::::", "4::::", "5::::", "6::::", "7:1:1::");
    }

    /** A frame with its capture time in microseconds from 1,700,000,000 s. */
    private record Timed(long micros, byte[] frame) { }

    private static Timed at(long micros, byte[] frame) {
        return new Timed(micros, frame);
    }

    private static Timed[] oneASecond(byte[]... frames) {
        Timed[] timed = new Timed[frames.length];
        for (int i = 0; i < frames.length; i++) {
            timed[i] = at(i * 1_000_000L, frames[i]);
        }
        return timed;
    }

    /** Per frame: its number, then the retransmission, fast retransmission, out-of-order and lost-segment flags. */
    private static List<String> analysed(Path dir, Timed... frames) throws IOException {
        Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (Timed t : frames) {
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L + t.micros / 1_000_000, t.micros % 1_000_000,
                    t.frame, t.frame.length);
        }
        Path capture = dir.resolve("sequence-analysis.pcap");
        Files.write(capture, file.toArray());
        return TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=:",
                "-e", "frame.number", "-e", "tcp.analysis.retransmission", "-e", "tcp.analysis.fast_retransmission",
                "-e", "tcp.analysis.out_of_order", "-e", "tcp.analysis.lost_segment").lines();
    }

    private static byte[] client(long seq, long ack, int flags, int length) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                Frames.tcp(3000, 80, seq, ack, flags, 8192, new byte[0], new byte[length])));
    }

    private static byte[] server(long seq, long ack, int flags, int length) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                Frames.tcp(80, 3000, seq, ack, flags, 8192, new byte[0], new byte[length])));
    }
}
