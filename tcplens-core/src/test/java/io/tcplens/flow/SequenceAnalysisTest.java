package io.tcplens.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.TcpHeader;
import io.tcplens.field.Field;
import io.tcplens.field.Fields;
import io.tcplens.field.PacketContext;
import io.tcplens.field.TextSink;
import io.tcplens.report.PacketSummary;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every expert flag on one connection built byte by byte, each at the moment Wireshark's rules
 * set it. The expected rows are what tshark 4.0.17 printed for this exact file
 * ({@code tshark -n -r experts.pcap -T fields -E occurrence=a -e ...}, the fields of
 * testdata/tshark/expert-fields.txt); run {@link #main} to write the file for tshark.
 */
class SequenceAnalysisTest {
    private static final int FIN = TcpHeader.FIN;
    private static final int SYN = TcpHeader.SYN;
    private static final int RST = TcpHeader.RST;
    private static final int PSH = TcpHeader.PSH;
    private static final int ACK = TcpHeader.ACK;

    private record Step(boolean client, int flags, long seq, long ack, int length, int window, long micros, int port) {
        Step(boolean client, int flags, long seq, long ack, int length, int window, long micros) {
            this(client, flags, seq, ack, length, window, micros, 40000);
        }
    }

    /** Client 10.0.0.1:40000, server 10.0.0.2:80; no window scaling, so windows are as on the wire. */
    private static final List<Step> STEPS = List.of(
            new Step(true, SYN, 1000, 0, 0, 64240, 0),                 // 1
            new Step(false, SYN | ACK, 5000, 1001, 0, 65535, 10_000),  // 2
            new Step(true, ACK, 1001, 5001, 0, 64240, 20_000),         // 3 handshake done: iRTT 20 ms
            new Step(true, PSH | ACK, 1001, 5001, 100, 64240, 30_000), // 4
            new Step(true, PSH | ACK, 1101, 5001, 100, 64240, 40_000), // 5
            new Step(false, ACK, 5001, 1101, 0, 65535, 50_000),        // 6 acks frame 4
            new Step(false, ACK, 5001, 1101, 0, 65535, 50_500),        // 7 duplicate ACK #1
            new Step(false, ACK, 5001, 1101, 0, 65535, 51_000),        // 8 duplicate ACK #2
            new Step(true, PSH | ACK, 1101, 5001, 100, 64240, 52_000), // 9 fast retransmission
            new Step(false, ACK, 5001, 1201, 0, 65535, 60_000),        // 10
            new Step(true, PSH | ACK, 1201, 5001, 100, 64240, 200_000), // 11
            new Step(true, PSH | ACK, 1201, 5001, 100, 64240, 500_000), // 12 retransmission (timeout)
            new Step(false, ACK, 5001, 1301, 0, 65535, 510_000),       // 13
            new Step(true, PSH | ACK, 1201, 5001, 100, 64240, 520_000), // 14 spurious: already acknowledged
            new Step(true, PSH | ACK, 1401, 5001, 100, 64240, 530_000), // 15 previous segment not captured
            new Step(true, PSH | ACK, 1301, 5001, 100, 64240, 531_000), // 16 out of order
            new Step(false, ACK, 5001, 1501, 0, 65535, 540_000),       // 17
            new Step(false, ACK, 5001, 1601, 0, 65535, 550_000),       // 18 ACKed unseen segment
            new Step(true, ACK, 1501, 5001, 0, 0, 600_000),            // 19 zero window
            new Step(false, PSH | ACK, 5001, 1601, 1, 65535, 700_000), // 20 zero-window probe
            new Step(true, ACK, 1501, 5001, 0, 0, 700_500),            // 21 zero-window probe ACK
            new Step(true, ACK, 1501, 5001, 0, 8000, 800_000),         // 22 window update
            new Step(false, PSH | ACK, 5001, 1601, 10, 65535, 900_000), // 23
            new Step(true, ACK, 1501, 5011, 0, 1000, 910_000),         // 24
            new Step(true, ACK, 1500, 5011, 0, 1000, 2_000_000),       // 25 keep-alive
            new Step(false, ACK, 5011, 1601, 0, 65535, 2_000_500),     // 26 keep-alive ACK
            new Step(false, ACK, 5011, 1601, 1000, 65535, 2_100_000),  // 27 window full
            new Step(true, FIN | ACK, 1501, 6011, 0, 1000, 2_200_000), // 28
            new Step(false, FIN | ACK, 6011, 1502, 0, 65535, 2_201_000), // 29
            new Step(true, ACK, 1502, 6012, 0, 1000, 2_202_000),       // 30
            new Step(true, SYN, 90_000, 0, 0, 64240, 3_000_000));      // 31 ports reused, new ISN

    /** What tshark 4.0.17 printed: frame, then the expert fields (empty columns kept). */
    private static final String EXPECTED = """
            1
            2\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.010000000\t1
            3\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.010000000\t2\t\t\t0.020000000
            4\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t100\t100\t0.020000000
            5\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t200\t100\t0.020000000
            6\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.020000000\t4\t\t\t0.020000000
            7\t1\t\t\t\t\t\t\t1,1\t1\t6\t\t\t\t\t\t\t\t\t\t\t\t\t0.020000000
            8\t1\t\t\t\t\t\t\t1,1\t2\t6\t\t\t\t\t\t\t\t\t\t\t\t\t0.020000000
            9\t1\t1\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t100\t100\t0.020000000
            10\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.020000000\t5\t\t\t0.020000000
            11\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t100\t100\t0.020000000
            12\t1\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t100\t100\t0.020000000
            13\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.310000000\t11\t\t\t0.020000000
            14\t1\t1\t\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t100\t100\t0.020000000
            15\t1\t\t\t\t\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.020000000
            16\t1\t\t\t\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.020000000
            17\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.010000000\t15\t\t\t0.020000000
            18\t1\t\t\t\t\t\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.020000000
            19\t1\t\t\t\t\t\t\t\t\t\t1\t\t\t\t\t\t\t\t\t\t\t\t0.020000000
            20\t1\t\t\t\t\t\t\t\t\t\t\t1\t\t\t\t\t\t\t\t\t1\t1\t0.020000000
            21\t1\t\t\t\t\t\t\t\t\t\t1\t\t1\t\t\t\t\t\t\t\t\t\t0.020000000
            22\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t1\t\t\t\t\t\t\t\t0.020000000
            23\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t10\t10\t0.020000000
            24\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.010000000\t23\t\t\t0.020000000
            25\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t1\t\t\t\t\t\t\t0.020000000
            26\t1\t\t\t\t\t\t1\t\t\t\t\t\t\t\t\t\t1\t\t\t\t\t\t0.020000000
            27\t1\t\t\t\t\t\t\t\t\t\t\t\t\t1\t\t\t\t\t\t\t1000\t1000\t0.020000000
            28\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.100000000\t27\t\t\t0.020000000
            29\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.001000000\t28\t\t\t0.020000000
            30\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t0.001000000\t29\t\t\t0.020000000
            31\t1\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t1
            """;

    /** tshark 4.0.17's summary lines for the same file (its Info column carries the markers). */
    private static final String SUMMARY = """
                1   0.000000     10.0.0.1 → 10.0.0.2     TCP 58 40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460
                2   0.010000     10.0.0.2 → 10.0.0.1     TCP 58 80 → 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0 MSS=1460
                3   0.020000     10.0.0.1 → 10.0.0.2     TCP 54 40000 → 80 [ACK] Seq=1 Ack=1 Win=64240 Len=0
                4   0.030000     10.0.0.1 → 10.0.0.2     TCP 154 40000 → 80 [PSH, ACK] Seq=1 Ack=1 Win=64240 Len=100
                5   0.040000     10.0.0.1 → 10.0.0.2     TCP 154 40000 → 80 [PSH, ACK] Seq=101 Ack=1 Win=64240 Len=100
                6   0.050000     10.0.0.2 → 10.0.0.1     TCP 54 80 → 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0
                7   0.050500     10.0.0.2 → 10.0.0.1     TCP 54 [TCP Dup ACK 6#1] 80 → 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0
                8   0.051000     10.0.0.2 → 10.0.0.1     TCP 54 [TCP Dup ACK 6#2] 80 → 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0
                9   0.052000     10.0.0.1 → 10.0.0.2     TCP 154 [TCP Fast Retransmission] 40000 → 80 [PSH, ACK] Seq=101 Ack=1 Win=64240 Len=100
               10   0.060000     10.0.0.2 → 10.0.0.1     TCP 54 80 → 40000 [ACK] Seq=1 Ack=201 Win=65535 Len=0
               11   0.200000     10.0.0.1 → 10.0.0.2     TCP 154 40000 → 80 [PSH, ACK] Seq=201 Ack=1 Win=64240 Len=100
               12   0.500000     10.0.0.1 → 10.0.0.2     TCP 154 [TCP Retransmission] 40000 → 80 [PSH, ACK] Seq=201 Ack=1 Win=64240 Len=100
               13   0.510000     10.0.0.2 → 10.0.0.1     TCP 54 80 → 40000 [ACK] Seq=1 Ack=301 Win=65535 Len=0
               14   0.520000     10.0.0.1 → 10.0.0.2     TCP 154 [TCP Spurious Retransmission] 40000 → 80 [PSH, ACK] Seq=201 Ack=1 Win=64240 Len=100
               15   0.530000     10.0.0.1 → 10.0.0.2     TCP 154 [TCP Previous segment not captured] 40000 → 80 [PSH, ACK] Seq=401 Ack=1 Win=64240 Len=100
               16   0.531000     10.0.0.1 → 10.0.0.2     TCP 154 [TCP Out-Of-Order] 40000 → 80 [PSH, ACK] Seq=301 Ack=1 Win=64240 Len=100
               17   0.540000     10.0.0.2 → 10.0.0.1     TCP 54 80 → 40000 [ACK] Seq=1 Ack=501 Win=65535 Len=0
               18   0.550000     10.0.0.2 → 10.0.0.1     TCP 54 [TCP ACKed unseen segment] 80 → 40000 [ACK] Seq=1 Ack=601 Win=65535 Len=0
               19   0.600000     10.0.0.1 → 10.0.0.2     TCP 54 [TCP ZeroWindow] 40000 → 80 [ACK] Seq=501 Ack=1 Win=0 Len=0
               20   0.700000     10.0.0.2 → 10.0.0.1     TCP 55 [TCP ZeroWindowProbe] 80 → 40000 [PSH, ACK] Seq=1 Ack=601 Win=65535 Len=1
               21   0.700500     10.0.0.1 → 10.0.0.2     TCP 54 [TCP ZeroWindowProbeAck] [TCP ZeroWindow] 40000 → 80 [ACK] Seq=501 Ack=1 Win=0 Len=0
               22   0.800000     10.0.0.1 → 10.0.0.2     TCP 54 [TCP Window Update] 40000 → 80 [ACK] Seq=501 Ack=1 Win=8000 Len=0
               23   0.900000     10.0.0.2 → 10.0.0.1     TCP 64 80 → 40000 [PSH, ACK] Seq=1 Ack=601 Win=65535 Len=10
               24   0.910000     10.0.0.1 → 10.0.0.2     TCP 54 40000 → 80 [ACK] Seq=501 Ack=11 Win=1000 Len=0
               25   2.000000     10.0.0.1 → 10.0.0.2     TCP 54 [TCP Keep-Alive] 40000 → 80 [ACK] Seq=500 Ack=11 Win=1000 Len=0
               26   2.000500     10.0.0.2 → 10.0.0.1     TCP 54 [TCP Keep-Alive ACK] [TCP ACKed unseen segment] 80 → 40000 [ACK] Seq=11 Ack=601 Win=65535 Len=0
               27   2.100000     10.0.0.2 → 10.0.0.1     TCP 1054 [TCP Window Full] 80 → 40000 [ACK] Seq=11 Ack=601 Win=65535 Len=1000
               28   2.200000     10.0.0.1 → 10.0.0.2     TCP 54 40000 → 80 [FIN, ACK] Seq=501 Ack=1011 Win=1000 Len=0
               29   2.201000     10.0.0.2 → 10.0.0.1     TCP 54 80 → 40000 [FIN, ACK] Seq=1011 Ack=502 Win=65535 Len=0
               30   2.202000     10.0.0.1 → 10.0.0.2     TCP 54 40000 → 80 [ACK] Seq=502 Ack=1012 Win=1000 Len=0
               31   3.000000     10.0.0.1 → 10.0.0.2     TCP 58 [TCP Port numbers reused] 40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460
            """;

    /** Writes the capture; run by hand to give tshark the same bytes. */
    static byte[] capture() {
        return capture(STEPS);
    }

    private static byte[] capture(List<Step> steps) {
        Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (Step s : steps) {
            byte[] options = (s.flags & SYN) != 0 ? Bytes.fromHex("020405b4") : new byte[0];
            byte[] tcp = Frames.tcp(s.client ? s.port : 80, s.client ? 80 : s.port, s.seq, s.ack, s.flags, s.window,
                    options, new byte[s.length]);
            byte[] ip = Frames.withTcpChecksum(Frames.ipv4(s.client ? "10.0.0.1" : "10.0.0.2",
                    s.client ? "10.0.0.2" : "10.0.0.1", 6, tcp));
            byte[] frame = Frames.ethernet(0x0800, ip);
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L + s.micros / 1_000_000, s.micros % 1_000_000,
                    frame, frame.length);
        }
        return file.toArray();
    }

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), capture());
    }

    /**
     * tcplens's own handshake and teardown checks (no tshark equivalent), each broken once, with
     * the RFC rule in {@link ValidationNote}; and the look-alikes that must stay silent.
     */
    @Test
    void validationNotes(@TempDir Path dir) throws IOException {
        List<Step> steps = List.of(
                new Step(true, SYN, 1000, 0, 0, 64240, 0),                   // 1
                new Step(false, SYN | ACK, 5000, 1002, 0, 65535, 1_000),     // 2 acks ISN + 2
                new Step(true, ACK, 1001, 5002, 0, 64240, 2_000),            // 3 acks server ISN + 2
                new Step(true, SYN, 1000, 0, 0, 64240, 3_000),               // 4 the SYN again, established
                new Step(true, PSH | ACK, 1001, 5001, 10, 64240, 4_000),     // 5
                new Step(false, ACK, 5001, 1011, 0, 100, 5_000),             // 6 window 100: up to 1111
                new Step(true, PSH | ACK, 1011, 5001, 200, 64240, 6_000),    // 7 starts inside: allowed
                new Step(true, PSH | ACK, 1150, 5001, 10, 64240, 7_000),     // 8 starts beyond 1111
                new Step(false, RST, 900_000, 0, 0, 0, 8_000),              // 9 RST far outside the window
                new Step(true, FIN | ACK, 1211, 2_000_000, 0, 64240, 9_000), // 10 acks bytes never sent
                new Step(true, SYN, 7000, 0, 5, 64240, 10_000, 40001),       // 11 TCP Fast Open
                new Step(false, SYN | ACK, 3000, 7006, 0, 65535, 11_000, 40001), // 12 acks the data too: fine
                new Step(true, SYN, 8000, 0, 0, 64240, 12_000, 40002),       // 13
                new Step(false, RST | ACK, 0, 8000, 0, 0, 13_000, 40002),         // 14 RST+ACK not acking the SYN
                new Step(true, SYN, 8500, 0, 0, 64240, 14_000, 40003),       // 15
                new Step(false, RST | ACK, 0, 8501, 0, 0, 15_000, 40003));        // 16 a plain refusal: fine
        List<String> notes = run(dir, steps, List.of("frame.number", "tcplens.note"), null);
        assertThat(notes).containsExactly("1", "2\tsynack_wrong_ack", "3\tack_wrong_ack_in_handshake",
                "4\tsyn_on_established", "5", "6", "7", "8\tsegment_out_of_window", "9\trst_out_of_window",
                "10\tfin_invalid_ack", "11\tdata_on_syn", "12", "13", "14\trst_out_of_window", "15", "16");
    }

    /**
     * A SYN-ACK with a new ISN on an open conversation (ports reused, its SYN not captured): it
     * stays in the stream and becomes the base of its own direction only; the client's numbers
     * stay relative to the client's SYN. Expected: tshark 4.0.17 on the same bytes (the same
     * case as frames 96-98 of nDPI's reasm_crash_anon.pcapng).
     */
    @Test
    void synAckWithNewIsnRestartsOnlyItsOwnDirection(@TempDir Path dir) throws IOException {
        List<Step> steps = List.of(
                new Step(true, SYN, 1000, 0, 0, 64240, 0),                    // 1
                new Step(false, SYN | ACK, 5000, 1001, 0, 65535, 10_000),     // 2
                new Step(true, ACK, 1001, 5001, 0, 64240, 20_000),            // 3
                new Step(true, PSH | ACK, 1001, 5001, 100, 64240, 30_000),    // 4
                new Step(false, ACK, 5001, 1101, 0, 65535, 40_000),           // 5
                new Step(false, SYN | ACK, 70_000, 1101, 0, 65535, 50_000),   // 6 new server ISN
                new Step(true, ACK, 1101, 70_001, 0, 64240, 60_000),          // 7
                new Step(false, PSH | ACK, 70_001, 1101, 20, 65535, 70_000),  // 8
                new Step(true, ACK, 1101, 70_021, 0, 64240, 80_000));         // 9
        List<String> lines = new ArrayList<>();
        List<String> rows = run(dir, steps, List.of("frame.number", "tcp.stream", "tcp.seq", "tcp.ack"), lines);
        assertThat(rows).containsExactly("1\t0\t0\t0", "2\t0\t0\t1", "3\t0\t1\t1", "4\t0\t1\t1", "5\t0\t1\t101", "6\t0\t0\t101", "7\t0\t101\t1", "8\t0\t1\t101", "9\t0\t101\t21");
        assertThat(String.join("\n", lines) + "\n").isEqualTo("""
                    1   0.000000     10.0.0.1 → 10.0.0.2     TCP 58 40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460
                    2   0.010000     10.0.0.2 → 10.0.0.1     TCP 58 80 → 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0 MSS=1460
                    3   0.020000     10.0.0.1 → 10.0.0.2     TCP 54 40000 → 80 [ACK] Seq=1 Ack=1 Win=64240 Len=0
                    4   0.030000     10.0.0.1 → 10.0.0.2     TCP 154 40000 → 80 [PSH, ACK] Seq=1 Ack=1 Win=64240 Len=100
                    5   0.040000     10.0.0.2 → 10.0.0.1     TCP 54 80 → 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0
                    6   0.050000     10.0.0.2 → 10.0.0.1     TCP 58 [TCP Previous segment not captured] [TCP Port numbers reused] 80 → 40000 [SYN, ACK] Seq=0 Ack=101 Win=65535 Len=0 MSS=1460
                    7   0.060000     10.0.0.1 → 10.0.0.2     TCP 54 [TCP ACKed unseen segment] 40000 → 80 [ACK] Seq=101 Ack=1 Win=64240 Len=0
                    8   0.070000     10.0.0.2 → 10.0.0.1     TCP 74 80 → 40000 [PSH, ACK] Seq=1 Ack=101 Win=65535 Len=20
                    9   0.080000     10.0.0.1 → 10.0.0.2     TCP 54 40000 → 80 [ACK] Seq=101 Ack=21 Win=64240 Len=0
                """);
    }

    @Test
    void everyFlagAsTsharkMarksIt(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> rows = run(dir, STEPS, Files.readAllLines(Path.of("../testdata/tshark/expert-fields.txt")), lines);
        assertThat(String.join("\n", rows) + "\n").isEqualTo(EXPECTED);
        assertThat(String.join("\n", lines) + "\n").isEqualTo(SUMMARY);
    }

    /** Reads the steps as a capture: one row of the fields per packet (and its summary line into {@code lines}). */
    private static List<String> run(Path dir, List<Step> steps, List<String> fields, List<String> lines) throws IOException {
        Path file = dir.resolve("steps.pcap");
        Files.write(file, capture(steps));
        List<String> rows = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            TcpSequenceNumbering numbering = new TcpSequenceNumbering();
            numbering.analyseSequences();
            PacketContext context = new PacketContext(numbering);
            PacketSummary summary = new PacketSummary();
            long number = 0;
            while (reader.next()) {
                decoder.decode(reader.record(), ++number, packet);
                numbering.observe(packet);
                context.set(packet);
                StringBuilder row = new StringBuilder();
                TextSink sink = new TextSink(row, ',', TextSink.Occurrence.ALL);
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        row.append('\t');
                    }
                    Field f = Fields.get(fields.get(i));
                    sink.begin();
                    f.extractor().extract(context, f, sink);
                }
                rows.add(row.toString().replaceAll("\t+$", ""));
                if (lines != null) {
                    StringBuilder line = new StringBuilder();
                    summary.append(line, context, 6);
                    lines.add(line.toString());
                }
            }
        }
        return rows;
    }
}
