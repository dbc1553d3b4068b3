package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packet times as tshark 4.0 shows them, on a pcapng built byte by byte: a simple packet block
 * has no timestamp (no time in its line, no time fields), but counts as time 0 for the others'
 * relative and delta times; a resolution of 1/256 s shows 2 decimals, cut, not rounded. Expected:
 * tshark's default summary and -T fields on the same bytes.
 */
class CaptureTimesTest {

    @Test
    void timesFollowTheBlocksAndTheResolution(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("times.pcapng");
        Files.write(file, CaptureFilesBuilder.pcapngTimesCapture());
        assertThat(TsharkParityTest.run("packets", "-r", file.toString()).lines()).containsExactly(
                "    1                10.1.1.1 → 10.1.1.2     TCP 54 40000 → 80 [SYN] Seq=0 Win=8192 Len=0",
                "    2 1519128000.19     10.1.1.1 → 10.1.1.2     TCP 54 [TCP Retransmission] 40000 → 80 [SYN] Seq=0 Win=8192 Len=0",
                "    3 1519128000.69     10.1.1.1 → 10.1.1.2     TCP 54 [TCP Retransmission] 40000 → 80 [SYN] Seq=0 Win=8192 Len=0");
        assertThat(TsharkParityTest.run("packets", "-r", file.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "frame.time_epoch", "-e", "frame.time_relative", "-e", "frame.time_delta").lines()).containsExactly(
                "1\t\t\t",
                "2\t1519128000.195312500\t1519128000.195312500\t1519128000.195312500",
                "3\t1519128000.695312500\t1519128000.695312500\t0.500000000");
    }
}
