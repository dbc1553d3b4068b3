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
 * A segment whose TCP options the snaplen cut (a SYN-ACK with 20 bytes of options, 10 of them
 * captured): tshark 4.0 dissects the options before it prints the sequence analysis, reading
 * the cut bytes throws, and the segment shows no tcp.analysis field and no expert marker,
 * though the analysis counts it (the ACK after it still acknowledges it). Expected: tshark
 * 4.0.17 on the same bytes; the same on samples/loopback-http.pcap cut by editcap -s 70.
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
        Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 64, 1);
        long[] micros = {0, 1500, 2100};
        for (int i = 0; i < frames.length; i++) {
            byte[] captured = java.util.Arrays.copyOf(frames[i], Math.min(frames[i].length, 64));
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, micros[i], captured, frames[i].length);
        }
        Path capture = dir.resolve("cut-options.pcap");
        Files.write(capture, file.toArray());

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.analysis.acks_frame", "-e", "tcp.analysis.ack_rtt", "-e", "tcp.analysis.initial_rtt").lines())
                .containsExactly("1\t\t\t", "2\t\t\t", "3\t2\t0.000600000\t0.002100000");
    }
}
