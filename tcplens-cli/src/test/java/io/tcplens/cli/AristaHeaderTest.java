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
 * Arista's vendor-specific header (EtherType 0xd28b) as tshark 4.0 reads it: 64-bit and 48-bit
 * timestamps before the EtherType of the packet, an unknown timestamp version that stops
 * there, and another subtype followed at once by the EtherType. Expected: tshark 4.0.17 on the
 * same bytes; tcpdump's arista_ether.pcap agrees too.
 */
class AristaHeaderTest {
    @Test
    void timestampsAndTheirPacketsAsInTshark(@TempDir Path dir) throws IOException {
        byte[] udp = Frames.ipv4("192.0.2.1", "192.0.2.2", 17, Frames.udp(5000, 6000, new byte[8]));
        byte[][] frames = {
            Frames.ethernet(0xD28B, Bytes.concat(Bytes.fromHex("00:01:00:10:5c:ef:1c:57:38:4f:8b:c8:08:00"), udp)),
            Frames.ethernet(0xD28B, Bytes.concat(Bytes.fromHex("00:01:00:20:1c:57:38:4f:8b:c8:08:00"), udp)),
            Frames.ethernet(0xD28B, Bytes.concat(Bytes.fromHex("00:01:00:30:1c:57:38:4f:8b:c8:08:00"), udp)),
            Frames.ethernet(0xD28B, Bytes.concat(Bytes.fromHex("00:02:08:00"), udp)),
        };
        Path capture = dir.resolve("arista.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "avsp.sub_type", "-e", "avsp.ver", "-e", "avsp.64sec", "-e", "avsp.64ns", "-e", "avsp.etype",
                "-e", "ip.src").lines())
                .containsExactly(
                        "1\t1\t0x0010\t1559174231\t944737224\t0x0800\t192.0.2.1",
                        "2\t1\t0x0020\t\t\t0x0800\t192.0.2.1",
                        "3\t1\t0x0030\t\t\t\t",
                        "4\t2\t\t\t\t0x0800\t192.0.2.1");
    }
}
