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
 * A Juniper router's Ethernet capture (link type 178) as tshark 4.0 reads it: the "MGC" header
 * with and without extension TLVs before the Ethernet frame, a stripped layer 2 header with the
 * protocol number (IPv4, IPv6), and a record without the magic number, which is Ethernet from
 * its first byte (its first 3 bytes still shown as the magic number). Expected: tshark 4.0.17 on the same bytes. tcpdump's test captures on this
 * link type (bgp-aigp.pcap, a BGP session's segment, among them) agree with tshark too.
 */
class JuniperEthernetTest {
    @Test
    void headerVariantsAsInTshark(@TempDir Path dir) throws IOException {
        byte[] syn = Frames.ipv4("192.0.2.1", "192.0.2.2", 6, Frames.tcp(40000, 179, 1000, 0, 0x002, 8192, new byte[0], new byte[0]));
        byte[] synAck = Frames.ipv4("192.0.2.2", "192.0.2.1", 6, Frames.tcp(179, 40000, 5000, 1001, 0x012, 8192, new byte[0], new byte[0]));
        byte[] ack = Frames.ipv4("192.0.2.1", "192.0.2.2", 6, Frames.tcp(40000, 179, 1001, 5001, 0x010, 8192, new byte[0], new byte[0]));
        byte[] ipv6 = Frames.ipv6("2001:db8::1", "2001:db8::2", 17, Frames.udp(5000, 53, new byte[4]));
        byte[][] frames = {
            // magic, flags 0: the Ethernet frame follows
            Bytes.concat(Bytes.fromHex("4d:47:43:00"), Frames.ethernet(0x0800, syn)),
            // extensions flagged: 6 bytes of TLVs (the interface index, type 1, 4 bytes)
            Bytes.concat(Bytes.fromHex("4d:47:43:81:00:06:01:04:00:00:00:07"), Frames.ethernet(0x0800, synAck)),
            // layer 2 stripped: protocol 2 (IP), little-endian
            Bytes.concat(Bytes.fromHex("4d:47:43:02:02:00:00:00"), ack),
            // layer 2 stripped: protocol 6 (IPv6)
            Bytes.concat(Bytes.fromHex("4d:47:43:02:06:00:00:00"), ipv6),
            // no magic number: Ethernet from the first byte
            Frames.ethernet(0x0800, ack),
        };
        Path capture = dir.resolve("juniper.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(178, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "juniper.magic-number", "-e", "juniper.ext_total_len", "-e", "eth.type", "-e", "ip.src",
                "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "tcp.stream", "-e", "tcp.completeness").lines())
                .containsExactly(
                        "1\t0x4d4743\t\t0x0800\t192.0.2.1\t\t40000\t0\t7",
                        "2\t0x4d4743\t6\t0x0800\t192.0.2.2\t\t179\t0\t7",
                        "3\t0x4d4743\t\t\t192.0.2.1\t\t40000\t0\t7",
                        "4\t0x4d4743\t\t\t\t2001:db8::1\t\t\t",
                        "5\t0x667788\t\t0x0800\t192.0.2.1\t\t40000\t0\t7");
    }
}
