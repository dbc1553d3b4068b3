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
 * MPLS in UDP (RFC 7510, port 6635) as tshark 4.0 reads it: the label stack after the UDP
 * header, then the packet it labels. Expected: tshark 4.0.17 on the same bytes; tcpdump's
 * mpls-over-udp.pcap agrees too. Zeek does not decode it: conn.log has the UDP flow, no row
 * for the packet inside.
 */
class MplsOverUdpTest {
    @Test
    void theLabelledPacketIsDecodedAsInTshark(@TempDir Path dir) throws IOException {
        byte[] inner = Frames.ipv4("10.3.0.10", "10.1.0.10", 17, Frames.udp(7000, 7001, new byte[4]));
        byte[] labelled = Bytes.concat(Bytes.fromHex("00:01:41:3f"), inner);
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 17, Frames.udp(58699, 6635, labelled)));
        Path capture = dir.resolve("mpls-udp.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frame));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "ip.src", "-e", "udp.srcport", "-e", "mpls.label").lines())
                .containsExactly("1\t192.0.2.1,10.3.0.10\t58699,7000\t20");
        String zeek = TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").out();
        assertThat(zeek).contains("192.0.2.1\t58699\t192.0.2.2\t6635\tudp").doesNotContain("10.3.0.10");
    }
}
