package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.flow.TcpConnection;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture file that shrinks while a command reads it (truncated, or overwritten in place by a
 * copy). The file is read, not mapped (ByteSource): the bytes already read stay as they were,
 * and the input ends where the file now ends. Each command must report the shrinkage, with
 * where, and keep every connection and packet read before it. Here the truncation is not raced
 * against the reader: conns's own first-packet hook truncates the file, and for packets and
 * follow the first line they write does, so every run hits the same case. (stats and alerts
 * write only at the end, so no output can time a cut for them; they report the reader's damage
 * as conns does.)
 */
class ShrinkingCaptureTest {
    /** Where the file is cut: a page boundary, so the first page (the short connections) stays readable. */
    private static final int KEPT_BYTES = 4096;

    /**
     * Where the overwritten file ends: past the 85th record's header (byte offset 65,904: 24
     * bytes of file header, 24 records of 70 bytes, 60 of 1,070), which the new bytes replace.
     * That is past the file's first 64 KiB, which the reader has read when the first packet
     * comes: it meets the new bytes only when it reads on.
     */
    private static final int OVERWRITTEN_BYTES = 66_000;
    private static final int RECORD_85 = 65_904;

    @RepeatedTest(3)
    void aFileTruncatedWhileReadIsReportedAsDamageAfterTheConnectionsBeforeIt(@TempDir Path dir) throws IOException {
        connsReportsTheShrinkageAndTheConnectionsBeforeIt(dir, ShrinkingCaptureTest::truncate, KEPT_BYTES);
    }

    /**
     * The file is overwritten in place by a shorter one whose bytes differ where a record's
     * header was (as another capture's bytes would). The reader finds a captured length that
     * makes no sense (0x90909090 bytes), and the report names the shrinkage as its cause, not
     * the length alone.
     */
    @RepeatedTest(3)
    void aFileOverwrittenInPlaceByAShorterOneIsReportedAsShrunkNotAsABadRecord(@TempDir Path dir) throws IOException {
        String err = connsReportsTheShrinkageAndTheConnectionsBeforeIt(dir, ShrinkingCaptureTest::overwriteInPlace,
                OVERWRITTEN_BYTES);
        assertThat(err).contains("record 85 at byte offset " + RECORD_85 + ": captured length 2425393296 is bigger");
    }

    /** conns on the capture, which {@code cut} shrinks to {@code bytes} at its first packet; its error stream. */
    private static String connsReportsTheShrinkageAndTheConnectionsBeforeIt(Path dir, java.util.function.Consumer<Path> cut,
            int bytes) throws IOException {
        Path capture = capture(dir);
        StringWriter err = new StringWriter();
        List<Integer> reported = new ArrayList<>();
        ConnsCommand.Reading reading = ConnsCommand.read(capture.toString(), false, new PrintWriter(err, true),
                first -> cut.accept(capture), (TcpConnection c) -> reported.add(c.port(0)), null, null);

        assertThat(reading.status()).isEqualTo(Main.EXIT_DAMAGED_INPUT);
        assertThat(err.toString())
                .containsPattern("the file shrank from \\d+ to " + bytes + " bytes while it was read")
                .doesNotContain("Exception");
        // The connections wholly before the cut are all there, each once.
        assertThat(reported).contains(40001, 40002, 40003).doesNotHaveDuplicates();
        return err.toString();
    }

    /**
     * The same through the command line: packets writes a line per packet as it reads, and the
     * first line written truncates the file. The 21 packets of the short connections (the file's
     * first 1,500 bytes) are listed, then the message, and the exit status is 2.
     */
    @RepeatedTest(3)
    void packetsListsThePacketsBeforeTheCutThenTheDamage(@TempDir Path dir) throws IOException {
        Path capture = capture(dir);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(truncatingOnFirstWrite(capture, out)), new PrintWriter(err), "packets", "-r",
                capture.toString());

        assertThat(status).isEqualTo(Main.EXIT_DAMAGED_INPUT);
        assertThat(err.toString())
                .containsPattern("the file shrank from \\d+ to " + KEPT_BYTES + " bytes while it was read")
                .doesNotContain("Exception");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.size()).isGreaterThanOrEqualTo(21);
        for (int frame = 1; frame <= 21; frame++) {
            assertThat(lines.get(frame - 1)).matches("\\s*" + frame + "\\s.*")
                    .contains("4000" + ((frame - 1) / 7 + 1));
        }
    }

    /**
     * follow writes its header when it meets the stream's first packet (frame 22, the long
     * transfer's SYN), and that write truncates the file: the two data segments wholly before
     * the cut are followed, then the message, the closing rule, and the exit status 2.
     */
    @RepeatedTest(3)
    void followShowsTheDataBeforeTheCutThenTheDamage(@TempDir Path dir) throws IOException {
        Path capture = capture(dir);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(truncatingOnFirstWrite(capture, out)), new PrintWriter(err), "follow", "-r",
                capture.toString(), "--stream", "3");

        assertThat(status).isEqualTo(Main.EXIT_DAMAGED_INPUT);
        assertThat(err.toString())
                .containsPattern("the file shrank from \\d+ to " + KEPT_BYTES + " bytes while it was read")
                .doesNotContain("Exception");
        assertThat(out.toString()).contains("Filter: tcp.stream eq 3", "Node 0: 192.0.2.1:40004", "Node 1: 192.0.2.2:80");
        // Segments 1 and 2 (file bytes 1,704-3,844) are whole before the cut at 4,096: each is
        // node 1's length line ("\t1000", as tshark indents node 1) and its 1,000 zero bytes as dots.
        List<String> lines = out.toString().lines().toList();
        int first = lines.indexOf("\t1000");
        assertThat(first).isPositive();
        assertThat(lines.subList(first, first + 4)).containsExactly("\t1000", ".".repeat(1000), "\t1000", ".".repeat(1000));
        assertThat(out.toString()).endsWith("===================================================================\n");
    }

    /** A writer into {@code out} whose first write truncates the capture to {@link #KEPT_BYTES}. */
    private static java.io.Writer truncatingOnFirstWrite(Path capture, StringWriter out) {
        return new java.io.Writer() {
            private boolean truncated;

            @Override
            public void write(char[] text, int from, int length) {
                if (!truncated) {
                    truncated = true;
                    truncate(capture);
                }
                out.write(text, from, length);
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
    }

    private static void overwriteInPlace(Path capture) {
        try (RandomAccessFile f = new RandomAccessFile(capture.toFile(), "rw")) {
            byte[] head = new byte[OVERWRITTEN_BYTES];
            f.readFully(head);
            java.util.Arrays.fill(head, RECORD_85, RECORD_85 + 16, (byte) 0x90);
            f.setLength(0);
            f.write(head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Three short connections, then a transfer that runs far past {@link #KEPT_BYTES}. */
    private static Path capture(Path dir) throws IOException {
        Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        long micros = 0;
        // Three short connections, each opened and closed in full: 7 packets of about 70 bytes,
        // all within the first 1,600 bytes of the file.
        for (int port = 40001; port <= 40003; port++) {
            micros = connection(file, port, micros);
        }
        // Then a long transfer that runs far past the cut: 300 segments of 1,000 bytes.
        int port = 40004;
        record(file, micros += 1000, port, true, 100, 0, 0x002, 0);
        record(file, micros += 1000, port, false, 500, 101, 0x012, 0);
        record(file, micros += 1000, port, true, 101, 501, 0x010, 0);
        for (int i = 0; i < 300; i++) {
            record(file, micros += 1000, port, false, 501 + 1000L * i, 101, 0x018, 1000);
        }
        Path capture = dir.resolve("shrinking.pcap");
        Files.write(capture, file.toArray());
        assertThat(Files.size(capture)).isGreaterThan(300_000L);
        return capture;
    }

    private static void truncate(Path capture) {
        try (RandomAccessFile f = new RandomAccessFile(capture.toFile(), "rw")) {
            f.setLength(KEPT_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SYN, SYN-ACK, ACK, FIN+ACK, ACK, FIN+ACK, ACK between 192.0.2.1:port and 192.0.2.2:80. */
    private static long connection(Bytes file, int port, long micros) {
        record(file, micros += 1000, port, true, 100, 0, 0x002, 0);
        record(file, micros += 1000, port, false, 500, 101, 0x012, 0);
        record(file, micros += 1000, port, true, 101, 501, 0x010, 0);
        record(file, micros += 1000, port, true, 101, 501, 0x011, 0);
        record(file, micros += 1000, port, false, 501, 102, 0x010, 0);
        record(file, micros += 1000, port, false, 501, 102, 0x011, 0);
        record(file, micros += 1000, port, true, 102, 502, 0x010, 0);
        return micros;
    }

    private static void record(Bytes file, long micros, int port, boolean fromClient, long seq, long ack, int flags, int payload) {
        byte[] segment = Frames.tcp(fromClient ? port : 80, fromClient ? 80 : port, seq, ack, flags, 64240, new byte[0],
                new byte[payload]);
        byte[] frame = Frames.ethernet(0x0800, fromClient ? Frames.ipv4("192.0.2.1", "192.0.2.2", 6, segment)
                : Frames.ipv4("192.0.2.2", "192.0.2.1", 6, segment));
        CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L + micros / 1_000_000, micros % 1_000_000, frame, frame.length);
    }
}
