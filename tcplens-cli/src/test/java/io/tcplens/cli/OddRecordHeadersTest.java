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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pcap whose first record's microseconds field is 8,915,240, as in tcpflow's tests/bug8.pcap
 * (a SYN whose SYN-ACK is stamped .558494 of the same second): every command still reads every
 * packet, and says once, after them, which record's header it could not take as written. tcpdump
 * 4.99 prints that time as "1147551795.8915240"; tshark 4.0 keeps the over-long fraction and
 * prints 1147551795.325305408; tcplens carries the excess into the seconds.
 */
class OddRecordHeadersTest {
    private static final String NOTE = "tcplens: note: %s: record 1 at byte offset 24: its microseconds field, 8915240, is not below"
            + " 1000000; the excess is carried into the seconds, so its time may be wrong\n";

    private static Path capture(Path dir) throws IOException {
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        pcapRecord(file, 1147551795L, 8_915_240, frame("10.0.0.1", "10.0.0.2", 35995, 80, 999, 0, 0x02), 54);
        pcapRecord(file, 1147551795L, 558_494, frame("10.0.0.2", "10.0.0.1", 80, 35995, 4999, 1000, 0x12), 54);
        pcapRecord(file, 1147551795L, 600_000, frame("10.0.0.1", "10.0.0.2", 35995, 80, 1000, 5000, 0x10), 54);
        Path p = dir.resolve("odd.pcap");
        Files.write(p, file.toArray());
        return p;
    }

    private static byte[] frame(String src, String dst, int sport, int dport, long seq, long ack, int flags) {
        return Frames.ethernet(0x0800, Frames.ipv4(src, dst, 6, Frames.tcp(sport, dport, seq, ack, flags, 8192, new byte[0], new byte[0])));
    }

    @Test
    void packetsAreAllReadAndTheOddFieldIsNamedOnce(@TempDir Path dir) throws IOException {
        Path p = capture(dir);
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", p.toString(), "-T", "fields",
                "-e", "frame.number", "-e", "frame.time_epoch");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly("1\t1147551803.915240000", "2\t1147551795.558494000", "3\t1147551795.600000000");
        assertThat(r.err()).isEqualTo(NOTE.formatted(p));
    }

    @Test
    void everyCommandThatReadsAFileSaysIt(@TempDir Path dir) throws IOException {
        Path p = capture(dir);
        TsharkParityTest.Result conns = TsharkParityTest.run("conns", "-r", p.toString(), "-T", "csv");
        assertThat(conns.status()).isZero();
        assertThat(conns.out()).contains("three_way");
        for (String[] args : new String[][] {{"conns"}, {"explain"}, {"tls"}, {"stats"}, {"alerts"}, {"follow", "--stream", "0"}}) {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "-r";
            full[args.length + 1] = p.toString();
            assertThat(TsharkParityTest.run(full).err()).as(args[0]).isEqualTo(NOTE.formatted(p));
        }
    }
}
