package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summary lines of port scanners' probes (nmap's NULL, FIN and Xmas scans) and the closed port's
 * RST+ACK answers: a segment with no flag set reads "[<None>]" in tshark, not "[]" (found by
 * scripts/fuzz-streams.py). Expected: tshark 4.0.17 -n on the same bytes.
 */
class ScanProbeSummaryTest {
    @Test
    void probesWithoutFlagsOrWithUnusualOnesReadAsInTshark(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("scan.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                segment("192.0.2.9", "192.0.2.1", 40000, 22, 0x000, 1000, 0, 1024),   // NULL scan
                segment("192.0.2.1", "192.0.2.9", 22, 40000, 0x014, 0, 1000, 0),     // RST+ACK
                segment("192.0.2.9", "192.0.2.1", 40001, 23, 0x001, 2000, 0, 1024),   // FIN scan
                segment("192.0.2.9", "192.0.2.1", 40002, 25, 0x029, 3000, 0, 1024))); // Xmas: FIN, PSH, URG

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).containsExactly(
                "    1   0.000000    192.0.2.9 \u2192 192.0.2.1    TCP 54 40000 \u2192 22 [<None>] Seq=1 Win=1024 Len=0",
                "    2   1.000000    192.0.2.1 \u2192 192.0.2.9    TCP 54 22 \u2192 40000 [RST, ACK] Seq=1 Ack=1 Win=0 Len=0",
                "    3   2.000000    192.0.2.9 \u2192 192.0.2.1    TCP 54 40001 \u2192 23 [FIN] Seq=1 Win=1024 Len=0",
                "    4   3.000000    192.0.2.9 \u2192 192.0.2.1    TCP 54 40002 \u2192 25 [FIN, PSH, URG] Seq=1 Win=1024 Urg=0 Len=0");
        // explain's ladder labels the probe the same way.
        assertThat(TsharkParityTest.run("explain", "-r", capture.toString(), "--stream", "0").out())
                .contains("<None> seq=1 ---");
    }

    private static byte[] segment(String src, String dst, int sport, int dport, int flags, long seq, long ack, int window) {
        return Frames.ethernet(0x0800, Frames.ipv4(src, dst, 6,
                Frames.tcp(sport, dport, seq, ack, flags, window, new byte[0], new byte[0])));
    }
}
