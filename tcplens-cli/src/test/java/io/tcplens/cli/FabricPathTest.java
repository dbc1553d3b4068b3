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
 * Cisco FabricPath as tshark 4.0 finds it (a heuristic ahead of Ethernet's EtherType): a
 * 16-byte header with EtherType 0x8903 where Ethernet's type field is, or a 20-byte one with an
 * 802.1Q tag before the 0x8903; then a whole Ethernet frame, and the FabricPath frame's FCS after
 * it. nDPI's ajp.pcap has such copies of a session's segments. Expected: tshark 4.0.17 on the same
 * bytes ({@code -2 -T fields}, and the summary lines); Zeek does not decode FabricPath, so its
 * conn.log has no row for the connection inside.
 */
class FabricPathTest {
    @Test
    void theEthernetFrameInsideAndItsConnectionAsInTshark(@TempDir Path dir) throws IOException {
        byte[] syn = Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0])));
        byte[] synAck = Frames.ethernet(0x0800, Frames.ipv4("192.0.2.2", "192.0.2.1", 6,
                Frames.tcp(80, 40000, 5000, 1001, 0x012, 8192, new byte[0], new byte[0])));
        // Switch addresses, 0x8903, FTAG 256 and TTL 32; the frame; its FCS.
        byte[] plain = new Bytes().hex("02:0a:bd:00:00:00:02:0a:bc:00:00:00:89:03:40:20").raw(syn).hex("01:02:03:04").toArray();
        // The same behind an 802.1Q tag (VLAN 7), TTL 33.
        byte[] tagged = new Bytes().hex("02:0a:bc:00:00:00:02:0a:bd:00:00:00:81:00:00:07:89:03:40:21").raw(synAck)
                .hex("0a:0b:0c:0d").toArray();
        Path capture = dir.resolve("fabricpath.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, plain, tagged));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "frame.protocols", "-e", "eth.src", "-e", "eth.type", "-e", "cfp.etype", "-e", "cfp.ftag",
                "-e", "cfp.ttl", "-e", "cfp.fcs", "-e", "ip.src", "-e", "tcp.srcport", "-e", "tcp.len", "-e", "tcp.stream",
                "-e", "tcp.completeness").lines()).containsExactly(
                "1\teth:cfp:eth:ethertype:ip:tcp\t00:11:22:33:44:55\t0x0800\t0x8903\t256\t32\t0x01020304\t192.0.2.1\t40000\t0\t0\t3",
                "2\teth:cfp:eth:ethertype:ip:tcp\t00:11:22:33:44:55\t0x0800\t0x8903\t256\t33\t0x0a0b0c0d\t192.0.2.2\t80\t0\t0\t3");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).containsExactly(
                "    1   0.000000    192.0.2.1 \u2192 192.0.2.2    TCP 74 40000 \u2192 80 [SYN] Seq=0 Win=8192 Len=0",
                "    2   1.000000    192.0.2.2 \u2192 192.0.2.1    TCP 78 80 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0");
        assertThat(TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").lines())
                .noneMatch(line -> !line.startsWith("#"));
    }
}
