package io.tcplens.cli;

import static io.tcplens.testing.CaptureFilesBuilder.pcap;
import static io.tcplens.testing.CaptureFilesBuilder.pcapRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * frame.time (FT_ABSOLUTE_TIME): shown in the local time zone, and compared in display filters
 * with the date forms Wireshark 4.0 reads. Every expected line and frame list is what tshark
 * 4.0.17 printed for the same file with TZ set to the zone named (the JVM's default zone stands
 * in for TZ here, set and restored around each case).
 */
class FrameTimeTest {

    private static Path capture(Path dir) throws IOException {
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 17, Frames.udp(1000, 2000, new byte[0])));
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        pcapRecord(file, 1701734400L, 123_456, frame, frame.length);
        pcapRecord(file, 1701734401L, 999_999, frame, frame.length);
        pcapRecord(file, 1701734402L, 0, frame, frame.length);
        Path p = dir.resolve("times.pcap");
        Files.write(p, file.toArray());
        return p;
    }

    private static List<String> inZone(String zone, String... args) {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            return TsharkParityTest.run(args).lines();
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void shownInTheLocalZoneAsTsharkShowsIt(@TempDir Path dir) throws IOException {
        String file = capture(dir).toString();
        String[] args = {"packets", "-r", file, "-T", "fields", "-e", "frame.time"};
        assertThat(inZone("UTC", args)).containsExactly("Dec  5, 2023 00:00:00.123456000 UTC",
                "Dec  5, 2023 00:00:01.999999000 UTC", "Dec  5, 2023 00:00:02.000000000 UTC");
        assertThat(inZone("Asia/Kolkata", args)).startsWith("Dec  5, 2023 05:30:00.123456000 IST");
        assertThat(inZone("America/New_York", args)).startsWith("Dec  4, 2023 19:00:00.123456000 EST");
    }

    @Test
    void filtersReadWiresharksDateForms(@TempDir Path dir) throws IOException {
        String file = capture(dir).toString();
        String[][] cases = {
            {"frame.time >= \"2023-12-05 00:00:01\"", "2", "3"},
            {"frame.time >= \"Dec 5, 2023 00:00:01.5 UTC\"", "2", "3"},
            {"frame.time < \"2023-12-05T00:00:01Z\"", "1"},
            {"frame.time == \"Dec  5, 2023 00:00:02\"", "3"},
            {"frame.time <= \"dec 5, 2023 00:00:00.123456\"", "1"},
            {"frame.time > \"2023-12-05\"", "1", "2", "3"},
            {"frame.time > \"2023-12-05 00\"", "1", "2", "3"},
            {"frame.time < \"2023-12-05T01:00:01+01:00\"", "1"},
        };
        for (String[] c : cases) {
            List<String> got = inZone("UTC", "packets", "-r", file, "-Y", c[0], "-T", "fields", "-e", "frame.number");
            assertThat(got).as(c[0]).containsExactly(java.util.Arrays.copyOfRange(c, 1, c.length));
        }
        // Without a zone the date is local: 05:30 in Kolkata is midnight UTC.
        assertThat(inZone("Asia/Kolkata", "packets", "-r", file, "-Y", "frame.time < \"2023-12-05 05:30:01\"", "-T", "fields",
                "-e", "frame.number")).containsExactly("1");
    }

    @Test
    void valuesItCannotReadAreErrorsWithTsharksWords(@TempDir Path dir) throws IOException {
        String file = capture(dir).toString();
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", file, "-Y", "frame.time == \"bogus\"");
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).startsWith("tcplens: \"bogus\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\""
                + " or \"2011-07-04 12:34:56\"");
        assertThat(TsharkParityTest.run("packets", "-r", file, "-Y", "frame.time == frame.time_epoch").err())
                .startsWith("tcplens: frame.time and frame.time_epoch are not of compatible types.");
        assertThat(TsharkParityTest.run("packets", "-r", file, "-Y", "frame.time contains 1").err())
                .startsWith("tcplens: frame.time (type=Date and time) cannot participate in contains comparison.");
    }

    /**
     * A pcapng timestamp in the year 4139 (tcpdump's smb_data_print-segv.pcapng, frame 4: 68,470,465,054
     * seconds) after one in 2016, beyond the year 2262 where a count of nanoseconds leaves a long,
     * and one 0.25 s before it: tshark's values for the same file.
     */
    @Test
    void timesBeyond2262AreShownWhole(@TempDir Path dir) throws IOException {
        java.nio.ByteOrder le = java.nio.ByteOrder.LITTLE_ENDIAN;
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 17, Frames.udp(1000, 2000, new byte[0])));
        Path p = dir.resolve("far.pcapng");
        Files.write(p, Bytes.concat(io.tcplens.testing.CaptureFilesBuilder.sectionHeader(le, new byte[0]),
                io.tcplens.testing.CaptureFilesBuilder.interfaceDescription(le, 1, 65535, new byte[0]),
                io.tcplens.testing.CaptureFilesBuilder.enhancedPacket(le, 0, 1_480_520_108_640_523L, frame, frame.length, new byte[0]),
                io.tcplens.testing.CaptureFilesBuilder.enhancedPacket(le, 0, 68_470_465_054_149_710L, frame, frame.length, new byte[0]),
                io.tcplens.testing.CaptureFilesBuilder.enhancedPacket(le, 0, 68_470_465_053_899_710L, frame, frame.length, new byte[0])));
        assertThat(inZone("UTC", "packets", "-r", p.toString(), "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.time"))
                .element(1).isEqualTo("68470465054.149710000\tSep 29, 4139 05:37:34.149710000 UTC");
        // Relative and delta times across the 2,123 years, and a quarter of a second back.
        assertThat(TsharkParityTest.run("packets", "-r", p.toString(), "-T", "fields", "-e", "frame.number", "-e",
                "frame.time_relative", "-e", "frame.time_delta").lines()).containsExactly("1\t0.000000000\t0.000000000",
                "2\t66989944945.509187000\t66989944945.509187000", "3\t66989944945.259187000\t-0.250000000");
        assertThat(TsharkParityTest.run("packets", "-r", p.toString()).lines().get(1)).startsWith("    2 66989944945.509187 ");
    }
}
