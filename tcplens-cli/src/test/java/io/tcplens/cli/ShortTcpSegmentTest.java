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
 * TCP data offsets that make no sense, as fuzzed captures have them (nDPI's
 * fuzz-2006-09-29-28586.pcap, reasm_crash_anon.pcapng, kerberos_fuzz.pcapng and
 * ip_fragmented_garbage.pcap). Expected: tshark 4.0.17 -n -2 on the same bytes, with the
 * fields below, and tshark -n for the summary lines.
 */
class ShortTcpSegmentTest {
    /** Where the data offset byte of a TCP header after Ethernet and a 20-byte IPv4 header is. */
    private static final int DATA_OFFSET_BYTE = 14 + 20 + 12;
    private static final byte[] SYN = Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
            Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0])));

    private static java.util.List<String> fields(Path capture) {
        return TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.ack_raw", "-e", "tcp.flags", "-e", "tcp.hdr_len",
                "-e", "tcp.len", "-e", "tcp.nxtseq", "-e", "tcp.window_size_value", "-e", "tcp.stream",
                "-e", "tcp.completeness").lines();
    }

    /** The client's segment after the handshake, its data offset byte replaced. */
    private static byte[] fromClient(int flags, String payload, int dataOffsetByte) {
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                Frames.tcp(40000, 80, 1001, 5001, flags, 8192, new byte[0], payload.getBytes())));
        frame[DATA_OFFSET_BYTE] = (byte) dataOffsetByte;
        return frame;
    }

    /** The server's SYN-ACK, its data offset byte replaced (0x50: the right one). */
    private static byte[] fromServer(int flags, int dataOffsetByte) {
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4("192.0.2.2", "192.0.2.1", 6,
                Frames.tcp(80, 40000, 5000, 1001, flags, 8192, new byte[0], new byte[0])));
        frame[DATA_OFFSET_BYTE] = (byte) dataOffsetByte;
        return frame;
    }

    /**
     * A data offset past the segment's end on the wire: tshark calls it a short segment, with no
     * tcp.len and no tcp.nxtseq, and, since it does not analyse the segment, raw sequence and
     * acknowledgment numbers; the segment still takes its stream and its flags count in the
     * completeness.
     */
    @Test
    void aDataOffsetPastTheSegmentsEndGivesNoLengthAndRawNumbers(@TempDir Path dir) throws IOException {
        byte[] synAck = fromServer(0x012, 0xF0);                // 60 bytes of header in a 20-byte segment
        byte[] data = fromClient(0x018, "abcdefgh", 0xA0);      // 40 bytes of header in a 28-byte segment
        Path capture = dir.resolve("short.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, SYN, synAck, data));

        assertThat(fields(capture)).containsExactly(
                "1\t0\t0\t0\t0x0002\t20\t0\t1\t8192\t0\t7",
                "2\t5000\t1001\t1001\t0x0012\t60\t\t\t8192\t0\t7",
                "3\t1001\t5001\t5001\t0x0018\t40\t\t\t8192\t0\t7");
        // Its info: raw numbers and window, then reading the options past the end throws.
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).containsExactly(
                "    1   0.000000    192.0.2.1 \u2192 192.0.2.2    TCP 54 40000 \u2192 80 [SYN] Seq=0 Win=8192 Len=0",
                "    2   1.000000    192.0.2.2 \u2192 192.0.2.1    TCP 54 80 \u2192 40000 [SYN, ACK] Seq=5000 Ack=1001 Win=8192"
                        + "[Malformed Packet]",
                "    3   2.000000    192.0.2.1 \u2192 192.0.2.2    TCP 62 40000 \u2192 80 [PSH, ACK] Seq=1001 Ack=5001 Win=8192"
                        + "[Malformed Packet]");
    }

    /**
     * A short segment whose end falls inside an option that fits the announced header (here the
     * IP length cuts a 32-byte header's timestamps after 8 bytes): tshark cuts the option from a
     * segment too short for it, and says so in other words than for a plain read past the end.
     */
    @Test
    void anOptionCutByTheSegmentsEndIsAnItemLongerThanItsContainer(@TempDir Path dir) throws IOException {
        byte[] ack = Frames.ethernet(0x0800, Frames.ipv4("192.0.2.1", "192.0.2.2", 6, Frames.tcp(40000, 80, 1001, 5001,
                0x010, 8192, new byte[] {1, 1, 8, 10, 0, 0, 0, 7, 0, 0, 0, 9}, new byte[0])));
        ack[14 + 2] = 0;
        ack[14 + 3] = 48;   // the IP length: a 28-byte segment, of a header that says 32
        Path capture = dir.resolve("cut-option.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, ack));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).containsExactly(
                "    1   0.000000    192.0.2.1 \u2192 192.0.2.2    TCP 66 40000 \u2192 80 [ACK] Seq=1001 Ack=5001 Win=8192"
                        + "[Malformed Packet: length of contained item exceeds length of containing item]");
    }

    /**
     * A data offset under 20 bytes: tshark gives up after the sequence number and the bogus header
     * length, with the segment length it computed first (the bytes after the bogus header), and
     * says so at the end of the info column; the flags do not count in the completeness.
     */
    @Test
    void aDataOffsetUnderTwentyBytesShowsTheFieldsBeforeItAndSaysSo(@TempDir Path dir) throws IOException {
        byte[] data = fromClient(0x018, "abcdefgh", 0x40);      // 16 bytes
        byte[] fin = fromClient(0x011, "", 0x00);               // 0 bytes
        Path capture = dir.resolve("bogus.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, SYN, fromServer(0x012, 0x50), data, fin));

        assertThat(fields(capture)).containsExactly(
                "1\t0\t0\t0\t0x0002\t20\t0\t1\t8192\t0\t3",
                "2\t0\t1\t1001\t0x0012\t20\t0\t1\t8192\t0\t3",
                "3\t1\t\t\t\t16\t12\t\t\t0\t3",
                "4\t1\t\t\t\t0\t20\t\t\t0\t3");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).containsExactly(
                "    1   0.000000    192.0.2.1 \u2192 192.0.2.2    TCP 54 40000 \u2192 80 [SYN] Seq=0 Win=8192 Len=0",
                "    2   1.000000    192.0.2.2 \u2192 192.0.2.1    TCP 54 80 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0",
                "    3   2.000000    192.0.2.1 \u2192 192.0.2.2    TCP 62 40000 \u2192 80 [PSH, ACK] Seq=1 Ack=1 Win=8192, "
                        + "bogus TCP header length (16, must be at least 20)",
                "    4   3.000000    192.0.2.1 \u2192 192.0.2.2    TCP 54 40000 \u2192 80 [FIN, ACK] Seq=1 Ack=1 Win=8192, "
                        + "bogus TCP header length (0, must be at least 20)");
    }
}
