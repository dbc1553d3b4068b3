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
 * ICMP query fields (icmp.ident, icmp.ident_le, icmp.seq, icmp.seq_le, icmp.resp_to) and ICMPv6
 * echo fields (icmpv6.echo.identifier, icmpv6.echo.sequence_number, icmpv6.resp_to) on messages
 * built byte by byte, the expected lines as tshark 4.0.17 printed them for the same file: an echo
 * request and its reply, a timestamp request and an address-mask request (identifier and sequence
 * too), RFC 8335's extended echo (identifier only), a time-exceeded error quoting an echo request
 * (the quoted query's fields, and no pairing from inside a quote), an ICMPv6 echo pair and an
 * ICMPv6 extended echo. The wide view of the shared captures covers the same fields on real ones.
 */
class IcmpQueryFieldsTest {

    private static byte[] icmp(int type, int code, int identifier, int sequence, byte[] rest) {
        byte[] m = new Bytes().u8(type).u8(code).u16(0).u16(identifier).u16(sequence).raw(rest).toArray();
        int sum = Frames.checksum(m, 0, m.length, 0);
        m[2] = (byte) (sum >>> 8);
        m[3] = (byte) sum;
        return m;
    }

    private static byte[] v4(String src, String dst, byte[] icmp) {
        return Frames.ethernet(0x0800, Frames.ipv4(src, dst, 1, icmp));
    }

    private static byte[] v6(String src, String dst, byte[] icmp) {
        // The ICMPv6 checksum (pseudo-header) is left 0: tshark reads the fields either way.
        return Frames.ethernet(0x86DD, Frames.ipv6(src, dst, 58, icmp));
    }

    static Path capture(Path dir) throws IOException {
        byte[] quotedRequest = Frames.ipv4("10.0.0.1", "10.9.9.9", 1, icmp(8, 0, 0x0102, 0x0304, new byte[0]));
        Path p = dir.resolve("icmp-queries.pcap");
        Files.write(p, CaptureFilesBuilder.pcapOf(1,
                v4("10.0.0.1", "10.0.0.2", icmp(8, 0, 0x1234, 1, new byte[8])),
                v4("10.0.0.2", "10.0.0.1", icmp(0, 0, 0x1234, 1, new byte[8])),
                v4("10.0.0.1", "10.0.0.2", icmp(13, 0, 7, 0x0100, new byte[12])),
                v4("10.0.0.1", "10.0.0.2", icmp(17, 0, 0xABCD, 2, new byte[4])),
                v4("10.0.0.1", "10.0.0.2", icmp(42, 0, 0x0009, 0x0501, new byte[0])),
                v4("10.0.0.254", "10.0.0.1", icmp(11, 0, 0, 0, quotedRequest)),
                v6("2001:db8::1", "2001:db8::2", icmp(128, 0, 0x00FF, 3, new byte[4])),
                v6("2001:db8::2", "2001:db8::1", icmp(129, 0, 0x00FF, 3, new byte[4])),
                v6("2001:db8::1", "2001:db8::2", icmp(160, 0, 0x0042, 0x0700, new byte[0]))));
        return p;
    }

    /**
     * Echoes whose data begin with a time, as ping writes one, for icmp.data_time: frame N is
     * stamped 1,700,000,000 + N - 1 seconds. Frame 1: 32-bit seconds and microseconds big-endian,
     * a second and a quarter before the packet; 2: Linux's 64-bit timeval, little-endian (read as
     * 32-bit halves, Wireshark takes the seconds' high half for the microseconds: 0); 3: text, no
     * time; 4: a time 100.5 s after the packet (a negative relative time); 5: a reply that echoes
     * frame 1's data; 6: only 4 bytes of data.
     */
    static Path dataTimeCapture(Path dir) throws IOException {
        byte[] beforeByASecondAndAQuarter = new Bytes().u32(1_699_999_998L).u32(750_000).toArray();
        byte[] linuxTimeval = new Bytes(java.nio.ByteOrder.LITTLE_ENDIAN).u64(1_700_000_001L).u64(123_456).toArray();
        byte[] after = new Bytes().u32(1_700_000_103L).u32(500_000).toArray();
        Path p = dir.resolve("icmp-data-time.pcap");
        Files.write(p, CaptureFilesBuilder.pcapOf(1,
                v4("10.0.0.1", "10.0.0.2", icmp(8, 0, 0x1234, 1, beforeByASecondAndAQuarter)),
                v4("10.0.0.1", "10.0.0.2", icmp(8, 0, 0x1234, 2, linuxTimeval)),
                v4("10.0.0.1", "10.0.0.2", icmp(8, 0, 0x1234, 3, "ABCDEFGHIJKLMNOP".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                v4("10.0.0.1", "10.0.0.2", icmp(8, 0, 0x1234, 4, after)),
                v4("10.0.0.2", "10.0.0.1", icmp(0, 0, 0x1234, 1, beforeByASecondAndAQuarter)),
                v4("10.0.0.1", "10.0.0.2", icmp(8, 0, 0x1234, 6, new byte[4]))));
        return p;
    }

    /**
     * icmp.data_time and its relative time on {@link #dataTimeCapture}, in UTC: what tshark 4.0.17
     * printed (TZ=UTC) for a file of the same ICMP messages at the same times (built with scapy).
     */
    @Test
    void aTimeInEchoDataIsReadAsTsharkGuessesIt(@TempDir Path dir) throws IOException {
        Path p = dataTimeCapture(dir);
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        java.util.List<String> lines;
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            lines = TsharkParityTest.run("packets", "-r", p.toString(), "-T", "fields", "-e", "frame.number",
                    "-e", "icmp.data_time", "-e", "icmp.data_time_relative").lines();
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
        assertThat(lines).containsExactly(
                "1\tNov 14, 2023 22:13:18.750000000 UTC\t1.250000000",
                "2\tNov 14, 2023 22:13:21.000000000 UTC\t0.000000000",
                "3\t\t",
                "4\tNov 14, 2023 22:15:03.500000000 UTC\t-100.500000000",
                "5\tNov 14, 2023 22:13:18.750000000 UTC\t5.250000000",
                "6\t\t");
    }

    /**
     * The ping round trip, an FT_DOUBLE in ms, in filters on samples/icmp-messages.pcap (echo
     * replies 1 ms after their requests in frames 2 and 77): the frames tshark 4.0.17 selects
     * with each filter, and its message for a value that is no number.
     */
    @Test
    void responseTimesFilterAsTsharksDo() {
        String capture = io.tcplens.testing.SharedCaptures.capture("samples/icmp-messages.pcap").toString();
        java.util.Map<String, java.util.List<String>> tshark = java.util.Map.of(
                "icmp.resptime > 0.5", java.util.List.of("2"),
                "icmp.resptime > 1.5", java.util.List.of(),
                "icmp.resptime > 1e-3", java.util.List.of("2"),
                "icmp.resptime == 1", java.util.List.of("2"),
                "icmpv6.resptime >= 1.0", java.util.List.of("77"),
                "icmp.resptime", java.util.List.of("2"));
        tshark.forEach((filter, frames) -> assertThat(TsharkParityTest.run("packets", "-r", capture, "-Y", filter,
                "-T", "fields", "-e", "frame.number").lines()).as(filter).containsExactlyElementsOf(frames));
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-Y", "icmp.resptime > abc").err())
                .contains("\"abc\" is not a valid floating-point number.");
    }

    @Test
    void queryFieldsAreTsharks(@TempDir Path dir) throws IOException {
        Path p = capture(dir);
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", p.toString(), "-T", "fields",
                "-E", "occurrence=a", "-e", "frame.number", "-e", "icmp.ident", "-e", "icmp.ident_le", "-e", "icmp.seq",
                "-e", "icmp.seq_le", "-e", "icmp.resp_to", "-e", "icmpv6.echo.identifier", "-e", "icmpv6.echo.sequence_number",
                "-e", "icmpv6.resp_to");
        assertThat(r.lines()).containsExactly(EXPECTED);
    }

    /** tshark -r icmp-queries.pcap -T fields -E occurrence=a -e frame.number -e icmp.ident ... (the same fields). */
    private static final String[] EXPECTED = {
        "1\t4660\t13330\t1\t256\t\t\t\t",
        "2\t4660\t13330\t1\t256\t1\t\t\t",
        "3\t7\t1792\t256\t1\t\t\t\t",
        "4\t43981\t52651\t2\t512\t\t\t\t",
        "5\t9\t2304\t\t\t\t\t\t",
        "6\t258\t513\t772\t1027\t\t\t\t",
        "7\t\t\t\t\t\t0x00ff\t3\t",
        "8\t\t\t\t\t\t0x00ff\t3\t7",
        "9\t\t\t\t\t\t0x0042\t\t",
    };
}
