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
 * Solaris ipnet (link type 226) as tshark 4.0 reads it: a 24-byte header whose address family
 * (Solaris's numbers, 2 and 26) names the IP version that follows; another family is data.
 * Expected: tshark 4.0.17 on the same bytes. tcpdump's e1000g.pcap agrees with tshark too.
 */
class IpnetTest {
    @Test
    void theFamilyNamesThePacketAsInTshark(@TempDir Path dir) throws IOException {
        byte[] syn = Frames.ipv4("192.0.2.1", "192.0.2.2", 6, Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0]));
        byte[] ipv6 = Frames.ipv6("2001:db8::1", "2001:db8::2", 17, Frames.udp(5000, 53, new byte[4]));
        byte[][] frames = {
            Bytes.concat(header(2, 0, syn.length), syn),
            Bytes.concat(header(26, 1, ipv6.length), ipv6),
            Bytes.concat(header(9, 2, syn.length), syn),
        };
        Path capture = dir.resolve("ipnet.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(226, frames));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "ipnet.version", "-e", "ipnet.family", "-e", "ipnet.htype", "-e", "ipnet.pktlen", "-e", "ipnet.ifindex",
                "-e", "ipnet.zsrc", "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "tcp.stream").lines())
                .containsExactly(
                        "1\t1\t2\t0\t40\t2\t4294967295\t192.0.2.1\t\t40000\t0",
                        "2\t1\t26\t1\t52\t2\t4294967295\t\t2001:db8::1\t\t",
                        "3\t1\t9\t2\t40\t2\t4294967295\t\t\t\t");
    }

    /** Version 1, the family, the hook type, the packet's length, interface 2, group 0, zones 0xffffffff and 0. */
    private static byte[] header(int family, int hook, int length) {
        return new Bytes().u8(1).u8(family).u16(hook).u32(length).u32(2).u32(0).u32(0xFFFFFFFFL).u32(0).toArray();
    }
}
