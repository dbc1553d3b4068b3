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
 * An Ethernet frame right after an IPv6 header (next header 143, how SRv6 carries layer 2,
 * RFC 8986), as tshark 4.0 reads it: the inner frame and its packet are decoded. Expected:
 * tshark 4.0.17 on the same bytes; tcpdump's ipv6-srh-ipproto-ether.pcap agrees too. Zeek
 * does not decode it: conn.log has no row for the packet inside.
 */
class EthernetOverIpv6Test {
    @Test
    void theInnerFrameIsDecodedAsInTshark(@TempDir Path dir) throws IOException {
        byte[] inner = Frames.ethernet(0x86DD, Frames.ipv6("a::1", "c::2", 17, Frames.udp(7000, 7001, new byte[4])));
        byte[] frame = Frames.ethernet(0x86DD, Frames.ipv6("2001:db8::1", "2001:db8::2", 143, inner));
        Path capture = dir.resolve("ethernet-over-ipv6.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frame));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "ipv6.src", "-e", "eth.type", "-e", "udp.srcport").lines())
                .containsExactly("1\t2001:db8::1,a::1\t0x86dd,0x86dd\t7000");
        assertThat(TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").out()).doesNotContain("a::1");
    }
}
