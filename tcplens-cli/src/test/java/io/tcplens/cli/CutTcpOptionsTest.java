package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments whose TCP options the snaplen cut, as tshark 4.0 shows them: it dissects a segment's
 * options before it prints the sequence analysis, and reading a cut byte throws. Such a segment
 * (a SYN-ACK with 20 bytes of options, 10 of them captured) shows no tcp.analysis field and no
 * expert marker, though the analysis counts it (the ACK after it still acknowledges it); and a
 * window scale after the cut is not concluded either way. Expected: tshark 4.0.17 on the same
 * bytes; the same on samples/loopback-http.pcap and the shared HTTP and SSH captures cut by
 * editcap -s 54 to 90.
 */
class CutTcpOptionsTest {
    @Test
    void aSegmentWithCutOptionsShowsNoAnalysis(@TempDir Path dir) throws IOException {
        byte[] options = Bytes.fromHex("02:04:05:b4:04:02:08:0a:00:00:00:01:00:00:00:00:01:03:03:07");
        byte[][] frames = {
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                    Frames.tcp(40000, 80, 1000, 0, 0x002, 64240, options, new byte[0]))),
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.2", "192.0.2.1", 6,
                    Frames.tcp(80, 40000, 5000, 1001, 0x012, 65160, options, new byte[0]))),
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                    Frames.tcp(40000, 80, 1001, 5001, 0x010, 502, new byte[0], new byte[0]))),
        };
        Path capture = dir.resolve("cut-options.pcap");
        Files.write(capture, cutAfter64Bytes(new long[] {0, 1500, 2100}, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.analysis.acks_frame", "-e", "tcp.analysis.ack_rtt", "-e", "tcp.analysis.initial_rtt").lines())
                .containsExactly("1\t\t\t", "2\t\t\t", "3\t2\t0.000600000\t0.002100000");
    }

    /**
     * Window scaling across cut options: the SYN's window scale (shift 7) lies before the cut and
     * counts; the SYN-ACK's lies after it, and tshark, which stops at the cut before it checks
     * the scaling, concludes nothing: the client's windows are scaled by 128, the server's stay
     * unscaled with the factor unknown (-1), not "no scaling" (-2) as for a SYN-ACK seen whole
     * without the option. Expected: tshark 4.0.17 on the same bytes.
     */
    @Test
    void aWindowScaleBeforeTheCutCountsAndNoneAfterItIsConcluded(@TempDir Path dir) throws IOException {
        byte[] synOptions = Bytes.fromHex("02:04:05:b4:01:03:03:07:04:02:08:0a:00:00:00:01:00:00:00:00");
        byte[] synAckOptions = Bytes.fromHex("02:04:05:b4:04:02:08:0a:00:00:00:02:00:00:00:01:01:03:03:07");
        byte[][] frames = {
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                    Frames.tcp(40000, 80, 1000, 0, 0x002, 64240, synOptions, new byte[0]))),
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.2", "192.0.2.1", 6,
                    Frames.tcp(80, 40000, 5000, 1001, 0x012, 65160, synAckOptions, new byte[0]))),
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                    Frames.tcp(40000, 80, 1001, 5001, 0x010, 502, new byte[0], new byte[0]))),
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.2", "192.0.2.1", 6,
                    Frames.tcp(80, 40000, 5001, 1001, 0x010, 509, new byte[0], new byte[0]))),
        };
        Path capture = dir.resolve("cut-scale.pcap");
        Files.write(capture, cutAfter64Bytes(new long[] {0, 1000, 2000, 3000}, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.window_size_value", "-e", "tcp.window_size", "-e", "tcp.window_size_scalefactor").lines())
                .containsExactly("1\t64240\t64240\t", "2\t65160\t65160\t", "3\t502\t64256\t128", "4\t509\t509\t-1");
    }

    /** A pcap with a snaplen of 64 bytes: each frame cut there, its whole length recorded, at the given microseconds. */
    private static byte[] cutAfter64Bytes(long[] micros, byte[]... frames) {
        Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 64, 1);
        for (int i = 0; i < frames.length; i++) {
            byte[] captured = java.util.Arrays.copyOf(frames[i], Math.min(frames[i].length, 64));
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, micros[i], captured, frames[i].length);
        }
        return file.toArray();
    }
}
