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
 * The summary line of an IP datagram whose protocol no dissector of tshark's takes: IPv4 names
 * it ("GGP (3)") when it hands data on, IPv6 says "Unknown IP Protocol: GGP (3)" (or "IPv6 no
 * next header") even without any; a fragment names its protocol too ("proto=ICMP 1"); a header
 * of another version inside IP (protocol 4) is "IP", "Bogus IP version (3)". Expected: tshark
 * 4.0.17 on the same bytes, raw IP link type.
 */
class IpProtocolInfoTest {
    private static final byte[] PAYLOAD = new Bytes().hex("0102030405060708090a0b0c0d0e0f10").toArray();

    private static byte[] ipv6(int nextHeader, byte[] payload) {
        return Frames.ipv6("::1", "::2", nextHeader, payload);
    }

    @Test
    void namesAsTsharkDoes(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("protocols.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(101,
                Frames.ipv4("10.0.0.1", "10.0.0.2", 3, PAYLOAD),
                Frames.ipv4("10.0.0.1", "10.0.0.2", 1, 0x1234, 0, true, PAYLOAD),
                Frames.ipv4("10.0.0.1", "10.0.0.2", 170, 0x1234, 40, false, PAYLOAD),
                Frames.ipv4("10.0.0.1", "10.0.0.2", 253, new byte[0]),
                ipv6(3, PAYLOAD),
                ipv6(59, new byte[0]),
                ipv6(59, PAYLOAD),
                Frames.ipv4("10.0.0.1", "10.0.0.2", 4, new Bytes().hex("35").raw(PAYLOAD).toArray()),
                // A hop-by-hop header (next header 3) before the data.
                ipv6(0, new Bytes().hex("0300010400000000").raw(PAYLOAD).toArray()),
                ipv6(3, new byte[0])));
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info", "-e", "frame.protocols").lines()).containsExactly(
                "IPv4\tGGP (3)\traw:ip:data",
                "IPv4\tFragmented IP protocol (proto=ICMP 1, off=0, ID=1234)\traw:ip:data",
                "IPv4\tFragmented IP protocol (proto=Unassigned 170, off=40, ID=1234)\traw:ip:data",
                "IPv4\t\traw:ip",
                "IPv6\tUnknown IP Protocol: GGP (3)\traw:ipv6:data",
                "IPv6\tIPv6 no next header\traw:ipv6",
                "IPv6\tIPv6 no next header\traw:ipv6:data",
                "IP\tBogus IP version (3)\traw:ip:ip",
                "IPv6\tUnknown IP Protocol: GGP (3)\traw:ipv6:ipv6.hopopts:data",
                "IPv6\tUnknown IP Protocol: GGP (3)\traw:ipv6");
    }
}
