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
 * Frame Relay (link type 107) as tshark 4.0 reads it: Q.922 addresses of 2, 3 and 4 bytes, Cisco's
 * encapsulation (an EtherType after the address), RFC 2427's (control 0x03, a pad byte, an
 * NLPID, SNAP), an OSI protocol left as data, and signalling on DLCI 0. Expected: tshark 4.0.17
 * on the same bytes ({@code tshark -n -2 -r F -T fields} with the fields below). tcpdump's test
 * captures on this link type (OSPFv3 over Frame Relay, and fuzzed ones) agree with tshark on
 * the judged fields and streams too.
 */
class FrameRelayTest {
    @Test
    void addressesAndEncapsulationsAsInTshark(@TempDir Path dir) throws IOException {
        byte[] syn = Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0]);
        byte[][] frames = {
            // DLCI 100, Cisco: IPv4 carrying a SYN
            Bytes.concat(Bytes.fromHex("18:41:08:00"), Frames.ipv4("192.0.2.1", "192.0.2.2", 6, syn)),
            // DLCI 100, RFC 2427: UI, NLPID IPv4, a UDP datagram
            Bytes.concat(Bytes.fromHex("18:41:03:cc"), Frames.ipv4("192.0.2.1", "192.0.2.2", 17,
                    Frames.udp(5000, 53, new byte[] {'a', 'b', 'c', 'd'}))),
            // a 3-byte address (DLCI 33703), UI, a pad byte, NLPID IPv6
            Bytes.concat(Bytes.fromHex("80:e0:9d:03:00:8e"), Frames.ipv6("2001:db8::1", "2001:db8::2", 6,
                    Frames.tcp(40001, 443, 5, 0, 0x002, 8192, new byte[0], new byte[0]))),
            // a 4-byte address (DLCI 4309607), UI, SNAP with OUI 0 and the IPv4 EtherType: the SYN-ACK
            Bytes.concat(Bytes.fromHex("80:e0:12:9d:03:80:00:00:00:08:00"), Frames.ipv4("192.0.2.2", "192.0.2.1", 6,
                    Frames.tcp(80, 40000, 7, 1001, 0x012, 8192, new byte[0], new byte[0]))),
            // NLPID IS-IS: not decoded here, data
            Bytes.fromHex("18:41:03:83" + ":1b:00".repeat(10)),
            // DLCI 0, another control byte: signalling (LAPF), data
            Bytes.fromHex("00:01:22:00:83:1b:01:00"),
        };
        Path capture = dir.resolve("frame-relay.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(107, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "fr.dlci", "-e", "fr.control", "-e", "fr.nlpid", "-e", "fr.snap.oui", "-e", "fr.snaptype",
                "-e", "fr.chdlctype", "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "tcp.stream").lines())
                .containsExactly(
                        "1\t100\t\t\t\t\t0x0800\t192.0.2.1\t\t40000\t0",
                        "2\t100\t0x03\t0xcc\t\t\t\t192.0.2.1\t\t\t",
                        "3\t33703\t0x03\t0x00,0x8e\t\t\t\t\t2001:db8::1\t40001\t1",
                        "4\t4309607\t0x03\t0x80\t0\t0x0800\t\t192.0.2.2\t\t80\t0",
                        "5\t100\t0x03\t0x83\t\t\t\t\t\t\t",
                        "6\t0\t0x22\t\t\t\t\t\t\t\t");
    }
}
