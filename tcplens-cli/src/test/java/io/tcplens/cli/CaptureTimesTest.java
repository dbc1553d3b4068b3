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

    /**
     * Frames without a packet count in tshark 4.0's times too: a custom block first makes frame
     * 1, at time 0, the reference of relative times; a journal entry's and a sysdig event's own
     * times are the previous frame's for the next packet's delta; a custom block between packets
     * takes the time of the frame before it, so it changes nothing. Their lines are left out (by
     * design, README). Expected: tshark 4.0.17 on the same bytes.
     */
    @Test
    void framesWithoutAPacketCountInRelativeAndDeltaTimes(@TempDir Path dir) throws IOException {
        java.nio.ByteOrder le = java.nio.ByteOrder.LITTLE_ENDIAN;
        byte[] frame = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("10.1.1.1", "10.1.1.2", 6,
                io.tcplens.testing.Frames.tcp(40000, 80, 1, 0, 0x02, 8192, new byte[0], new byte[0])));
        byte[] custom = CaptureFilesBuilder.block(le, 0x00000BAD, new io.tcplens.testing.Bytes(le).u32(32473).hex("01020304").toArray());
        long t = 1_500_000_000_000_000L;
        Path file = dir.resolve("frames-without-packets.pcapng");
        Files.write(file, io.tcplens.testing.Bytes.concat(
                CaptureFilesBuilder.sectionHeader(le, new byte[0]),
                CaptureFilesBuilder.interfaceDescription(le, 1, 65535, new byte[0]),
                custom,
                journal(le, "1499999990000000"),
                CaptureFilesBuilder.enhancedPacket(le, 0, t, frame, frame.length, new byte[0]),
                custom,
                CaptureFilesBuilder.enhancedPacket(le, 0, t + 500_000, frame, frame.length, new byte[0]),
                journal(le, "1500000100000000"),
                CaptureFilesBuilder.enhancedPacket(le, 0, t + 700_000, frame, frame.length, new byte[0]),
                CaptureFilesBuilder.block(le, 0x00000204, new io.tcplens.testing.Bytes(le).u16(0).u64(1_499_999_995_000_000_000L)
                        .u64(7).u32(0).u16(0).u32(0).zeros(8).toArray()),
                CaptureFilesBuilder.enhancedPacket(le, 0, t + 900_000, frame, frame.length, new byte[0])));
        assertThat(TsharkParityTest.run("packets", "-r", file.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "frame.time_relative", "-e", "frame.time_delta").lines()).containsExactly(
                "3\t1500000000.000000000\t10.000000000",
                "5\t1500000000.500000000\t0.500000000",
                "7\t1500000000.700000000\t-99.300000000",
                "9\t1500000000.900000000\t5.900000000");
    }

    private static byte[] journal(java.nio.ByteOrder order, String realtimeMicros) {
        return CaptureFilesBuilder.block(order, 0x00000009, ("__REALTIME_TIMESTAMP=" + realtimeMicros + "\nMESSAGE=x\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
