package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MACsec (IEEE 802.1AE) as tshark 4.0 reads it: an integrity-only frame's protected packet is
 * decoded (with and without the secure channel identifier), an encrypted one stays data.
 * Expected: tshark 4.0.17 on the same bytes; tcpdump's seven MACsec test captures agree too.
 * Zeek does not decode MACsec: its conn.log has no row for the packet inside.
 */
class MacsecTest {
    @Test
    void integrityOnlyFramesAreDecodedEncryptedOnesAreNot(@TempDir Path dir) throws IOException {
        byte[] udp = Frames.ipv4("192.0.2.1", "192.0.2.2", 17, Frames.udp(5000, 6000, new byte[8]));
        byte[] icv = new byte[16];
        byte[][] frames = {
            // TCI 0 (no SCI, not encrypted), AN 1, short length 0, packet number 7, then IPv4's EtherType
            Frames.ethernet(0x88E5, Bytes.concat(Bytes.fromHex("01:00:00:00:00:07:08:00"), udp, icv)),
            // SC set: an 8-byte secure channel identifier before the EtherType
            Frames.ethernet(0x88E5, Bytes.concat(Bytes.fromHex("20:00:00:00:00:08:00:11:22:33:44:55:00:01:08:00"), udp, icv)),
            // E and C set: encrypted, data
            Frames.ethernet(0x88E5, Bytes.concat(Bytes.fromHex("0c:00:00:00:00:09"), udp, icv)),
        };
        Path capture = dir.resolve("macsec.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "macsec.TCI", "-e", "macsec.AN", "-e", "macsec.SL", "-e", "macsec.PN", "-e", "macsec.etype",
                "-e", "ip.src", "-e", "udp.srcport").lines())
                .containsExactly("1\t0x00\t0x01\t0\t7\t0x0800\t192.0.2.1\t5000",
                        "2\t0x08\t0x00\t0\t8\t0x0800\t192.0.2.1\t5000", "3\t0x03\t0x00\t0\t9\t\t\t");
        assertThat(TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").out()).doesNotContain("192.0.2.2");
    }
}
