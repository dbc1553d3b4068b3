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
 * TCP options whose length byte lies: Wireshark reads the options one by one and stops at the
 * first whose length is under 2 or runs past the header (packet-tcp.c, tcp_dissect_options), so
 * neither it nor any option after it reaches the Info column (nDPI's fuzz-2006-09-29-28586.pcap,
 * frame 16: a SACK permitted of 137 bytes in an 8-byte option area). A SACK permitted of a wrong
 * length that fits is still named: its dissector writes the name before it checks the length.
 * Expected: tshark 4.0.17 -n on the same bytes.
 */
class TcpOptionLengthSummaryTest {
    @Test
    void anOptionThatOverrunsTheHeaderEndsTheOptionsInTheInfoColumn(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("options.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                syn(40000, new byte[] {1, 1, 4, (byte) 0x89, 2, 4, 5, (byte) 0xb4}),
                syn(40001, new byte[] {2, 4, 5, (byte) 0xb4, 4, 3, 0, 1}),
                syn(40002, new byte[] {2, 4, 5, (byte) 0xb4, 8, 1, 0, 0})));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TCP|40000 \u2192 80 [SYN] Seq=0 Win=8192 Len=0",
                "TCP|40001 \u2192 80 [SYN] Seq=0 Win=8192 Len=0 MSS=1460 SACK_PERM",
                "TCP|40002 \u2192 80 [SYN] Seq=0 Win=8192 Len=0 MSS=1460");
    }

    private static byte[] syn(int port, byte[] options) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                Frames.tcp(port, 80, 1000, 0, 0x002, 8192, options, new byte[0])));
    }
}
