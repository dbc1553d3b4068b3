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
 * An IP header whose version nibble disagrees with what carried it, as tshark 4.0 reads it (and
 * as fuzzed captures have it, e.g. tcpdump's kday1.pcap and ipv6-bad-version.pcap): where IPv4
 * is expected, version 6 is decoded as IPv6 and any other version is bogus, with ip.version
 * alone shown; where IPv6 is expected, another version is refused after its version fields. An
 * IPv6 header has ip.version too. Expected: tshark 4.0.17 on the same bytes
 * ({@code tshark -n -2 -r F -T fields} with the fields below).
 */
class IpVersionTest {
    private static final String[] FIELDS = {"-e", "frame.number", "-e", "ip.version", "-e", "ipv6.version",
            "-e", "ip.hdr_len", "-e", "ip.src", "-e", "ipv6.src", "-e", "ipv6.plen", "-e", "tcp.srcport", "-e", "tcp.stream"};

    @Test
    void theVersionNibbleDecidesAsInTshark(@TempDir Path dir) throws IOException {
        byte[] syn = Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0]);
        byte[] ipv6Syn = Frames.ipv6("2001:db8::1", "2001:db8::2", 6, syn);
        byte[] ipv4Syn = Frames.ipv4("192.0.2.1", "192.0.2.2", 6, syn);
        byte[] version3 = ipv4Syn.clone();
        version3[0] = 0x35;
        byte[] version0 = ipv6Syn.clone();
        version0[0] = 0x00;
        byte[][] frames = {
            Frames.ethernet(0x0800, ipv6Syn),   // IPv4's ethertype, an IPv6 header
            Frames.ethernet(0x0800, version3),  // IPv4's ethertype, version 3
            Frames.ethernet(0x86DD, version0),  // IPv6's ethertype, version 0
            Frames.ethernet(0x86DD, ipv6Syn),
            Frames.ethernet(0x0800, ipv4Syn),
        };
        Path capture = dir.resolve("versions.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames));

        assertThat(TsharkParityTest.run(fields(capture)).lines()).containsExactly(
                "1\t6,6\t6\t\t\t2001:db8::1\t20\t40000\t0",
                "2\t3\t\t\t\t\t\t\t",
                "3\t0\t0\t\t\t\t\t\t",
                "4\t6\t6\t\t\t2001:db8::1\t20\t40000\t0",
                "5\t4\t\t20\t192.0.2.1\t\t\t40000\t1");
    }

    /**
     * A header length under 20 bytes (IHL 1 and 4; nDPI's fuzz-2006-06-26-2594.pcap has one):
     * tshark 4.0 shows the version and the bogus length, reads nothing more of the header, and
     * says so in the info column.
     */
    @Test
    void aHeaderLengthUnderTwentyBytesShowsTheVersionAndTheLengthAlone(@TempDir Path dir) throws IOException {
        byte[] ipv4Syn = Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0]));
        byte[] ihl1 = ipv4Syn.clone();
        ihl1[0] = 0x41;
        byte[] ihl4 = ipv4Syn.clone();
        ihl4[0] = 0x44;
        Path capture = dir.resolve("ihl.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                Frames.ethernet(0x0800, ihl1), Frames.ethernet(0x0800, ihl4), Frames.ethernet(0x0800, ipv4Syn)));

        assertThat(TsharkParityTest.run(fields(capture)).lines()).containsExactly(
                "1\t4\t\t4\t\t\t\t\t",
                "2\t4\t\t16\t\t\t\t\t",
                "3\t4\t\t20\t192.0.2.1\t\t\t40000\t0");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).containsExactly(
                "    1   0.000000 00:11:22:33:44:55 \u2192 66:77:88:99:aa:bb IPv4 54 Bogus IP header length (4, must be at least 20)",
                "    2   1.000000 00:11:22:33:44:55 \u2192 66:77:88:99:aa:bb IPv4 54 Bogus IP header length (16, must be at least 20)",
                "    3   2.000000    192.0.2.1 \u2192 192.0.2.2    TCP 54 40000 \u2192 80 [SYN] Seq=0 Win=8192 Len=0");
    }

    /** On the raw IPv4 link type (228) tshark's "ip" dispatcher shows an IPv6 header without an IPv4 item. */
    @Test
    void anIpv6HeaderOnTheRawIpv4LinkTypeIsIpv6Alone(@TempDir Path dir) throws IOException {
        byte[] ipv6Syn = Frames.ipv6("2001:db8::1", "2001:db8::2", 6,
                Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0]));
        Path capture = dir.resolve("raw-ipv4.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(228, ipv6Syn));

        assertThat(TsharkParityTest.run(fields(capture)).lines()).containsExactly("1\t6\t6\t\t\t2001:db8::1\t20\t40000\t0");
    }

    private static String[] fields(Path capture) {
        String[] args = new String[5 + FIELDS.length];
        args[0] = "packets";
        args[1] = "-r";
        args[2] = capture.toString();
        args[3] = "-T";
        args[4] = "fields";
        System.arraycopy(FIELDS, 0, args, 5, FIELDS.length);
        return args;
    }
}
