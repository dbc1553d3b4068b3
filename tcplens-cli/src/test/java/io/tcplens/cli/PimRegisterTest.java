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
 * PIM version 2 as tshark 4.0 reads it: a Register message carries a multicast data packet after
 * its flags, decoded as the packet it is; a Hello is PIM alone. Expected: tshark 4.0.17 on the
 * same bytes. tcpdump's PIM test captures (pim-packet-assortment.pcap,
 * PIM_register_register-stop.pcap, ...) agree with tshark too. Zeek does not look inside PIM:
 * its conn.log has no row for the packet inside.
 */
class PimRegisterTest {
    @Test
    void aRegisterCarriesItsPacketAsInTshark(@TempDir Path dir) throws IOException {
        byte[] multicast = Frames.ipv4("192.0.2.10", "239.1.2.3", 17, Frames.udp(5000, 6000, new byte[8]));
        byte[] register = Bytes.concat(Bytes.fromHex("21:00:00:00:00:00:00:00"), multicast);
        byte[] hello = Bytes.fromHex("20:00:00:00:00:01:00:02:00:69");
        byte[][] frames = {
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.254", 103, register)),
            Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "224.0.0.13", 103, hello)),
        };
        Path capture = dir.resolve("pim.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "pim.version", "-e", "pim.type", "-e", "ip.src", "-e", "ip.dst", "-e", "udp.srcport").lines())
                .containsExactly(
                        "1\t2\t1\t192.0.2.1,192.0.2.10\t192.0.2.254,239.1.2.3\t5000",
                        "2\t2\t0\t192.0.2.1\t224.0.0.13\t");
        String zeek = TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").out();
        assertThat(zeek).doesNotContain("239.1.2.3");
    }
}
