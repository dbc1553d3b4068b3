package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * conns and explain on real captures. zeek/http_get.pcap: tshark shows SYN (ISN 4263588410), SYN-ACK
 * (ISN 2779762238), ACK, data, then FIN+ACK from the client (#12), FIN+ACK from the server (#13)
 * acknowledging it, and the client's last ACK (#14): a three-packet teardown the client started.
 */
class ConnectionCommandsTest {
    private static final String HTTP_GET = SharedCaptures.capture("zeek/http_get.pcap").toString();

    /** explain's output on a shared capture (or sample), with the given options; the command must succeed. */
    private static String explain(String capture, String... options) {
        String[] args = new String[3 + options.length];
        args[0] = "explain";
        args[1] = "-r";
        args[2] = SharedCaptures.capture(capture).toString();
        System.arraycopy(options, 0, args, 3, options.length);
        TsharkParityTest.Result r = TsharkParityTest.run(args);
        assertThat(r.status()).as(String.join(" ", args)).isZero();
        return r.out();
    }

    /**
     * tshark lists a pcapng custom block, a systemd journal entry and a sysdig event as frames of
     * their own; the packets after them keep Wireshark's frame numbers in every view. Expected:
     * tshark 4.0 -2 -Y tcp -T fields -e frame.number -e tcp.stream -e tcp.seq -e tcp.ack
     * -e tcp.completeness on the same bytes.
     */
    @Test
    void packetsAfterBlocksWithoutPacketsKeepWiresharksFrameNumbers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path file = dir.resolve("frames.pcapng");
        java.nio.file.Files.write(file, io.tcplens.testing.CaptureFilesBuilder.pcapngWithFramesWithoutPackets());
        TsharkParityTest.Result fields = TsharkParityTest.run("packets", "-r", file.toString(), "-T", "fields",
                "-e", "frame.number", "-e", "tcp.stream", "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.completeness");
        assertThat(fields.lines()).containsExactly("1\t0\t0\t0\t7", "3\t0\t0\t1\t7", "7\t0\t1\t1\t7");
        TsharkParityTest.Result story = TsharkParityTest.run("explain", "-r", file.toString());
        assertThat(story.out()).contains("#1 ", "#3 ", "#7 ").doesNotContain("#2 ");
    }

    @Test
    void explainTellsTheHandshakeAndTeardownWithTheirChecks() {
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", HTTP_GET);
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("Handshake: three_way")
                .contains("#2  SYN-ACK ack 4263588411 = ISN 4263588410 + 1 \u2713")
                .contains("#3  ACK ack 2779762239 = ISN 2779762238 + 1 \u2713")
                .contains("Teardown:  three_packet, closed first by the originator")
                .contains("#13  FIN+ACK ack 4263588548 = FIN seq 4263588547 + 1 \u2713")
                .contains("Why only three packets to close?")
                .contains("Why does TIME-WAIT last 2 MSL?")
                .containsPattern("#12\\s+FIN-WAIT-1\\s+-+ FIN, ACK seq=137 ack=5008 -+>\\s+CLOSE-WAIT")
                .containsPattern("#13\\s+TIME-WAIT\\s+<-+ FIN, ACK seq=5008 ack=138 -+\\s+LAST-ACK")
                .containsPattern("#14\\s+TIME-WAIT\\s+-+ ACK seq=138 ack=5009 -+>\\s+CLOSED")
                // The mistakes of hand-reading never appear: a FIN is shown as FIN, never FIN=0.
                .doesNotContain("FIN=0");
    }

    /**
     * A reset is told with who sent it, the state its sender was in and whether data was left
     * unacknowledged, as the JSON's reset.* fields: the server's RST after reading 5 bytes
     * (samples/loopback-scenarios.pcap, #194: tshark shows it as [RST, ACK] Seq=1 Ack=6, the
     * client's 5 bytes acknowledged, the server having sent none), and a lone RST carrying 58 bytes
     * (tcpdump's tcp_rst_data.pcap: no SYN, so no state).
     */
    @Test
    void explainTellsTheResetsSenderAndWhatWasLeft() {
        String scenario = explain("samples/loopback-scenarios.pcap", "--stream", "2");
        assertThat(scenario).contains("  #194  RST from the responder, sent in ESTABLISHED; no data was left unacknowledged\n");
        String lone = explain("tcpdump/tcp_rst_data.pcap");
        assertThat(lone).contains("  #1  RST from the responder, its sender's state not known from the capture; "
                + "data was still unacknowledged\n");
    }

    /**
     * The ladder's packet numbers take the width of the largest: a handshake at packets 9,999 to
     * 10,001 and its teardown after (behind 9,998 UDP datagrams) keeps every row's columns in line.
     */
    @Test
    void theLaddersColumnsStayInLineWhenPacketNumbersGrowLong(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        byte[] datagram = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("10.0.0.9", "10.0.0.8", 17,
                io.tcplens.testing.Frames.udp(5000, 5001, new byte[4])));
        for (int i = 0; i < 9_998; i++) {
            frames.add(datagram);
        }
        long x = 1000;
        long y = 5000;
        int[][] dialogue = {{0, 0x002}, {1, 0x012}, {0, 0x010}, {0, 0x011}, {1, 0x011}, {0, 0x010}};
        long[][] numbers = {{x, 0}, {y, x + 1}, {x + 1, y + 1}, {x + 1, y + 1}, {y + 1, x + 2}, {x + 2, y + 2}};
        for (int i = 0; i < dialogue.length; i++) {
            boolean client = dialogue[i][0] == 0;
            byte[] tcp = io.tcplens.testing.Frames.tcp(client ? 40000 : 80, client ? 80 : 40000, numbers[i][0], numbers[i][1],
                    dialogue[i][1], 8192, new byte[0], new byte[0]);
            frames.add(io.tcplens.testing.Frames.ethernet(0x0800,
                    io.tcplens.testing.Frames.ipv4(client ? "10.0.0.1" : "10.0.0.2", client ? "10.0.0.2" : "10.0.0.1", 6, tcp)));
        }
        java.nio.file.Path capture = dir.resolve("late-handshake.pcap");
        java.nio.file.Files.write(capture, io.tcplens.testing.CaptureFilesBuilder.pcapOf(1, frames.toArray(new byte[0][])));
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", capture.toString(), "--stream", "0");
        List<String> rows = r.out().lines().filter(line -> line.startsWith("#")).toList();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).startsWith("#9999  SYN-SENT ");
        assertThat(rows.get(5)).startsWith("#10004 TIME-WAIT ");
        assertArrowsInLine(rows);
    }

    /** Every ladder row's arrow ("<--" or "---") starts, and ends, in the same columns. */
    private static void assertArrowsInLine(List<String> rows) {
        java.util.regex.Pattern arrow = java.util.regex.Pattern.compile("(<-|--)[^<>]*?(->|--)  ");
        java.util.Set<String> spans = new java.util.HashSet<>();
        for (String row : rows) {
            java.util.regex.Matcher m = arrow.matcher(row);
            assertThat(m.find()).as(row).isTrue();
            spans.add(m.start() + "-" + m.end());
        }
        assertThat(spans).as(String.join("\n", rows)).hasSize(1);
    }

    /**
     * zeek's tcp_rst-inject-rae.pcap: the injected RST's label (four flags and a sequence number
     * far from the server's ISN) is longer than the usual arrow; the arrows widen for it.
     */
    @Test
    void theArrowsWidenForTheLongestLabel() {
        String r = explain("zeek/tcp_rst-inject-rae.pcap");
        List<String> rows = r.lines().filter(line -> line.startsWith("#")).toList();
        assertThat(rows).hasSize(9).anyMatch(row -> row.contains("<-- RST, ACK, AE, Reserved seq=2678510063 ack=0 --"));
        assertArrowsInLine(rows);
    }

    /**
     * scapy's tls_nss_example.pcap, stream 0: the client's FIN (#15) and the server's (#16, which
     * acknowledges only up to the client's FIN) cross; tshark shows #17 acknowledging the server's
     * FIN (Ack=3410 against its Seq=3409) and #18 the client's (Ack=375 against Seq=374).
     */
    @Test
    void aSimultaneousCloseIsClosedByBothAndChecksBothFins() {
        String r = explain("scapy/tls_nss_example.pcap", "--stream", "0");
        assertThat(r).contains("Teardown:  simultaneous_close, closed by both ends at once \u2014 the FINs crossed")
                .contains("  #17  ACK ack 3339148983 = FIN seq 3339148982 + 1 \u2713\n  #18  ACK ack 843165297 = FIN seq 843165296 + 1 \u2713\n")
                .doesNotContain("by the both")
                // The server took in #15 only after sending #16 (whose ack, 374, does not cover it):
                // it is ESTABLISHED after #15, FIN-WAIT-1 after #16, and CLOSING when #15 arrives.
                .containsPattern("#15 +FIN-WAIT-1 +-+ FIN, ACK seq=374 ack=3409 -+> +ESTABLISHED\n")
                .containsPattern("#16 +CLOSING +<-+ FIN, ACK seq=3409 ack=374 -+ +FIN-WAIT-1\n +\u00b7\u00b7\u00b7 #15 arrives after #16 +CLOSING\n")
                .containsPattern("#17 +CLOSING +-+ ACK seq=375 ack=3410 -+> +TIME-WAIT\n");
        String json = explain("scapy/tls_nss_example.pcap", "--stream", "0", "-T", "json");
        assertThat(json).contains("{\"packet\":15,\"state\":\"CLOSING\",\"why\":\"received FIN before the ACK of its own: "
                + "simultaneous close (RFC 9293 3.10.7.4)\",\"arrived_after\":16}");
    }

    /**
     * A capture begun mid-connection (suricata-verify's tcp-stream-after-swap.pcap): no ISN, so the
     * ladder numbers each side from its first packet as Wireshark does (tshark: #1 Seq=1 Ack=1, #6
     * Seq=345 Ack=774, #7 Seq=774 Ack=346, #8 Seq=346 Ack=775), not in absolute numbers.
     */
    @Test
    void aLadderWithoutTheHandshakeNumbersAsWiresharkDoes() {
        String r = explain("suricata-verify/tcp-stream-after-swap.pcap");
        assertThat(r).containsPattern("#1 +UNKNOWN +<-+ ACK seq=1 ack=1 -+ +UNKNOWN")
                .containsPattern("#6 +FIN-WAIT-1 +-+ FIN, ACK seq=345 ack=774 -+> +CLOSE-WAIT")
                .containsPattern("#7 +TIME-WAIT +<-+ FIN, ACK seq=774 ack=346 -+ +LAST-ACK")
                .containsPattern("#8 +TIME-WAIT +-+ ACK seq=346 ack=775 -+> +CLOSED");
    }

    /**
     * zeek's tcp_one-sided-2745.pcap: only the server's side, a SYN-ACK, an ACK and a FIN. The
     * client's SYN is not claimed to have been seen, and the server that closes before its SYN was
     * acknowledged goes from SYN-RECEIVED to FIN-WAIT-1 (RFC 9293 3.10.4).
     */
    @Test
    void aSynAckAloneDoesNotClaimASynAndItsFinLeavesSynReceived() {
        String r = explain("zeek/tcp_one-sided-2745.pcap", "--stream", "0");
        assertThat(r).contains("originator (client): 247.180.123.139:2745  (the SYN-ACK answers it: its SYN was not captured)")
                .doesNotContain("it sent the first SYN")
                .containsPattern("#1 +UNKNOWN +<-+ SYN, ACK seq=0 ack=1 -+ +SYN-RECEIVED")
                .containsPattern("#3 +CLOSE-WAIT +<-+ FIN, ACK seq=1 ack=54 -+ +FIN-WAIT-1");
    }

    /**
     * zeek's ftp_bruteforce.pcap, stream 2: the server's FIN (#58) and the client's (#59, Ack=138,
     * not covering it) cross, and the server retransmits its FIN once (#73, tshark's [TCP
     * Retransmission]): said in the singular, and tcp_ssh-dups.pcap's four in the plural.
     */
    @Test
    void finRetransmissionsAreCountedInWords() {
        assertThat(explain("zeek/ftp_bruteforce.pcap", "--stream", "2")).contains("  final ACK seen; FIN retransmitted 1 time\n");
        assertThat(explain("zeek/tcp_ssh-dups.pcap")).contains("; FIN retransmitted 4 times\n");
    }

    /**
     * samples/loopback-scenarios.pcap (scripts/loopback-scenarios.py, Linux on loopback): each
     * verdict read off the packets as tshark shows them. 0: the client's FIN (#172), then the
     * server's FIN+ACK that acknowledges it, then the last ACK. 1: the client half-closes (#180),
     * the server's data acknowledges the FIN, the server's FIN comes after three replies (#187):
     * four packets of teardown with data between. 2: the server aborts with RST (#194) after
     * reading the client's 5 bytes: Zeek's RSTR (established, the responder reset). 3: after the idle
     * keep-alives the server's FIN+ACK (#206) is answered by the client's FIN+ACK. 4: the same on ::1.
     */
    @Test
    void theLoopbackScenariosAreToldAsTheyHappened() {
        assertThat(verdicts("samples/loopback-scenarios.pcap")).containsExactly(
                "0 three_way three_packet originator true SF",
                "1 three_way four_way originator true SF",
                "2 three_way reset responder false RSTR",
                "3 three_way three_packet responder true SF",
                "4 three_way three_packet responder true SF");
    }

    /**
     * samples/netns-loss.pcap (scripts/netns-loss-scenario.sh: 3% of the data segments dropped
     * at the receiver): through the loss, the SACK recovery and the retransmissions, each
     * transfer still opens in three packets and closes in four: the client's FIN (#463, #622),
     * the server's reply acknowledging it, the server's FIN (#466, #626), the client's last ACK.
     */
    @Test
    void lossAndRetransmissionsDoNotChangeTheVerdicts() {
        assertThat(verdicts("samples/netns-loss.pcap")).containsExactly(
                "0 three_way four_way originator true SF",
                "1 three_way four_way originator true SF");
    }

    /**
     * Two VXLAN datagrams whose header is cut (3 bytes): the datagram is the tunnel's, as tshark
     * shows it ("VxLAN 45 [Malformed Packet]"), so the Zeek log counts each once in the tunnel's
     * UDP flow, which is no tunnel parent of itself (it was counted twice and named itself).
     */
    @Test
    void aCutTunnelHeaderLeavesOneFlow(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        byte[] frame = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("192.0.2.1", "192.0.2.2", 17,
                io.tcplens.testing.Frames.udp(50000, 4789, new byte[] {8, 0, 0})));
        io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, 0, frame, frame.length);
        io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, 1, frame, frame.length);
        java.nio.file.Path capture = dir.resolve("cut-vxlan.pcap");
        java.nio.file.Files.write(capture, file.toArray());
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines())
                .allSatisfy(line -> assertThat(line).contains(" VxLAN 45 "));
        List<String> rows = TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").lines().stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(rows).hasSize(1);
        String[] c = rows.get(0).split("\t");
        assertThat(c[7]).as("service").isEqualTo("vxlan");
        assertThat(c[16]).as("orig_pkts").isEqualTo("2");
        assertThat(c[20]).as("tunnel_parents").isEqualTo("-");
    }

    /**
     * SYNs whose TCP header a snaplen cut after 10, 16, 20, 22, 24 and 30 bytes, with 40 bytes of
     * no-ops and with MSS, SACK permitted, timestamps and window scale. tshark 4.0 (-2) gives a
     * stream to every header cut after at least 16 bytes (it has read ports, numbers, offset, flags
     * and window by then), shows only the ports before that, and says the capture cut the header.
     * The last frame's option walk used to run past the end of the file (an internal error, found
     * on tcpdump's tcp-auth-heapoverflow.pcap).
     */
    @Test
    void aHeaderCutBySnaplenIsToldAsTsharkTellsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        byte[] noOps = new byte[40];
        java.util.Arrays.fill(noOps, (byte) 1);
        byte[] usual = io.tcplens.testing.Bytes.fromHex("02:04:05:b4:04:02:08:0a:00:00:00:01:00:00:00:00:01:03:03:07");
        io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        int port = 40000;
        for (int cut : new int[] {10, 16, 20, 22, 24, 30}) {
            for (byte[] options : new byte[][] {noOps, usual}) {
                byte[] frame = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                        io.tcplens.testing.Frames.tcp(port, 80, 1000, 0, 0x002, 8192, options, new byte[0])));
                io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, (port - 40000) * 1000L,
                        java.util.Arrays.copyOf(frame, 14 + 20 + cut), frame.length);
                port++;
            }
        }
        java.nio.file.Path capture = dir.resolve("cut-headers.pcap");
        java.nio.file.Files.write(capture, file.toArray());
        TsharkParityTest.Result fields = TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields",
                "-e", "frame.number", "-e", "tcp.srcport", "-e", "tcp.stream", "-e", "tcp.seq", "-e", "tcp.seq_raw",
                "-e", "tcp.flags", "-e", "tcp.window_size_value", "-e", "tcp.completeness", "-e", "tcp.len",
                "-e", "tcp.nxtseq", "-e", "tcp.hdr_len");
        assertThat(fields.status()).isZero();
        assertThat(fields.lines()).containsExactly(
                "1\t40000\t\t\t\t\t\t\t\t\t",
                "2\t40001\t\t\t\t\t\t\t\t\t",
                "3\t40002\t0\t0\t1000\t0x0002\t8192\t1\t0\t1\t60",
                "4\t40003\t1\t0\t1000\t0x0002\t8192\t1\t0\t1\t40",
                "5\t40004\t2\t0\t1000\t0x0002\t8192\t1\t0\t1\t60",
                "6\t40005\t3\t0\t1000\t0x0002\t8192\t1\t0\t1\t40",
                "7\t40006\t4\t0\t1000\t0x0002\t8192\t1\t0\t1\t60",
                "8\t40007\t5\t0\t1000\t0x0002\t8192\t1\t0\t1\t40",
                "9\t40008\t6\t0\t1000\t0x0002\t8192\t1\t0\t1\t60",
                "10\t40009\t7\t0\t1000\t0x0002\t8192\t1\t0\t1\t40",
                "11\t40010\t8\t0\t1000\t0x0002\t8192\t1\t0\t1\t60",
                "12\t40011\t9\t0\t1000\t0x0002\t8192\t1\t0\t1\t40");
        TsharkParityTest.Result lines = TsharkParityTest.run("packets", "-r", capture.toString());
        assertThat(lines.lines().stream().map(l -> l.substring(l.indexOf(" TCP ") + 1))).containsExactly(
                "TCP 94 40000 \u2192 80[Packet size limited during capture]",
                "TCP 74 40001 \u2192 80[Packet size limited during capture]",
                "TCP 94 40002 \u2192 80 [SYN] Seq=0 Win=8192[Packet size limited during capture]",
                "TCP 74 40003 \u2192 80 [SYN] Seq=0 Win=8192[Packet size limited during capture]",
                "TCP 94 40004 \u2192 80 [SYN] Seq=0 Win=8192 Len=0[Packet size limited during capture]",
                "TCP 74 40005 \u2192 80 [SYN] Seq=0 Win=8192 Len=0[Packet size limited during capture]",
                "TCP 94 40006 \u2192 80 [SYN] Seq=0 Win=8192 Len=0[Packet size limited during capture]",
                "TCP 74 40007 \u2192 80 [SYN] Seq=0 Win=8192 Len=0[Packet size limited during capture]",
                "TCP 94 40008 \u2192 80 [SYN] Seq=0 Win=8192 Len=0[Packet size limited during capture]",
                "TCP 74 40009 \u2192 80 [SYN] Seq=0 Win=8192 Len=0 MSS=1460[Packet size limited during capture]",
                "TCP 94 40010 \u2192 80 [SYN] Seq=0 Win=8192 Len=0[Packet size limited during capture]",
                "TCP 74 40011 \u2192 80 [SYN] Seq=0 Win=8192 Len=0 MSS=1460 SACK_PERM[Packet size limited during capture]");
        // Zeek (read off its source, no Zeek run here): TCPAnalyzer::BuildConnTuple wants the 20
        // fixed bytes, so the first two make no connection; the others make one, but
        // ExtractTCP_Header drops each ("truncated_header": the options are cut) before anything
        // counts, so conn.log has OTH, no history, no packets (conn/main.zeek's set_conn).
        List<String> zeek = TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").lines().stream()
                .filter(l -> !l.startsWith("#")).map(l -> {
                    String[] c = l.split("\t");
                    return c[3] + " " + c[11] + " " + c[15] + " " + c[16] + " " + c[18];
                }).toList();
        assertThat(zeek).containsExactly("40004 OTH - 0 0", "40005 OTH - 0 0", "40006 OTH - 0 0", "40007 OTH - 0 0",
                "40008 OTH - 0 0", "40009 OTH - 0 0", "40010 OTH - 0 0", "40011 OTH - 0 0");
        assertThat(TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "csv").lines())
                .as("a row per stream, as tshark numbers them").hasSize(1 + 10);
        for (String[] command : new String[][] {{"conns", "-T", "json"}, {"explain"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("-r", capture.toString())).toArray(String[]::new);
            TsharkParityTest.Result r = TsharkParityTest.run(args);
            assertThat(r.status()).as(String.join(" ", command)).isZero();
            assertThat(r.err()).doesNotContain("internal error");
        }
    }

    /**
     * The file's last frame keeps only the TCP ports (tcpdump's tcp_header_heapoverflow.pcap):
     * deciding whether its payload is "data" (-V, -T json, frame.protocols, stats) read its flags
     * past the end of the file, an internal error. tshark 4.0 on that file: the ports, then
     * "[Packet size limited during capture: TCP truncated]"; frame.protocols eth:ethertype:ip:tcp.
     */
    @Test
    void aHeaderCutAfterItsPortsAtTheEndOfTheFileIsNoError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        byte[] frame = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                io.tcplens.testing.Frames.tcp(40000, 80, 1000, 0, 0x002, 8192, new byte[0], new byte[0])));
        io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, 0, java.util.Arrays.copyOf(frame, 14 + 20 + 4), frame.length);
        java.nio.file.Path capture = dir.resolve("ports-only.pcap");
        java.nio.file.Files.write(capture, file.toArray());
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.protocols").lines())
                .containsExactly("eth:ethertype:ip:tcp");
        for (String[] command : new String[][] {{"packets", "-V"}, {"packets", "-T", "json"}, {"stats"}, {"conns"}, {"explain"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("-r", capture.toString())).toArray(String[]::new);
            TsharkParityTest.Result r = TsharkParityTest.run(args);
            assertThat(r.status()).as(String.join(" ", command)).isZero();
            assertThat(r.err()).as(String.join(" ", command)).doesNotContain("internal error");
        }
    }

    /**
     * ICMP errors quoting 8, 20 and 32 bytes of a SYN's header: destination unreachable, source
     * quench, redirect, time exceeded and parameter problem. tshark 4.0 (-2) gives the quote a
     * stream from 16 bytes on, except in a redirect, of which Wireshark reads only the header and
     * the first 64 bits that RFC 792 says it quotes (tcplens gave those quotes streams 4 and 5,
     * found on nDPI's alexa-app.pcapng).
     */
    @Test
    void aRedirectQuotesOnlySixtyFourBits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        byte[] options = io.tcplens.testing.Bytes.fromHex("02:04:05:b4:01:03:03:07:04:02:01:01");
        io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        int frame = 0;
        for (int[] typeCode : new int[][] {{3, 3}, {4, 0}, {5, 1}, {11, 0}, {12, 0}}) {
            for (int quoted : new int[] {8, 20, 32}) {
                byte[] datagram = io.tcplens.testing.Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                        io.tcplens.testing.Frames.tcp(1000 + frame, 80, 1000, 0, 0x002, 8192, options, new byte[0]));
                byte[] icmp = new io.tcplens.testing.Bytes().u8(typeCode[0]).u8(typeCode[1]).u16(0).u32(0)
                        .raw(java.util.Arrays.copyOf(datagram, 20 + quoted)).toArray();
                int sum = io.tcplens.testing.Frames.checksum(icmp, 0, icmp.length, 0);
                icmp[2] = (byte) (sum >>> 8);
                icmp[3] = (byte) sum;
                byte[] bytes = io.tcplens.testing.Frames.ethernet(0x0800,
                        io.tcplens.testing.Frames.ipv4("10.0.0.254", "10.0.0.1", 1, icmp));
                io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, frame * 1000L, bytes, bytes.length);
                frame++;
            }
        }
        java.nio.file.Path capture = dir.resolve("icmp-quotes.pcap");
        java.nio.file.Files.write(capture, file.toArray());
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "icmp.type", "-e", "tcp.srcport", "-e", "tcp.stream", "-e", "tcp.seq", "-e", "tcp.flags",
                "-e", "tcp.completeness").lines()).containsExactly(
                "1\t3\t1000\t\t1000\t\t",
                "2\t3\t1001\t0\t1000\t0x0002\t1",
                "3\t3\t1002\t1\t1000\t0x0002\t1",
                "4\t4\t1003\t\t1000\t\t",
                "5\t4\t1004\t2\t1000\t0x0002\t1",
                "6\t4\t1005\t3\t1000\t0x0002\t1",
                "7\t5\t1006\t\t1000\t\t",
                "8\t5\t1007\t\t1000\t\t",
                "9\t5\t1008\t\t1000\t\t",
                "10\t11\t1009\t\t1000\t\t",
                "11\t11\t1010\t4\t1000\t0x0002\t1",
                "12\t11\t1011\t5\t1000\t0x0002\t1",
                "13\t12\t1012\t\t1000\t\t",
                "14\t12\t1013\t6\t1000\t0x0002\t1",
                "15\t12\t1014\t7\t1000\t0x0002\t1");
    }

    /**
     * IPv4 first fragments that cannot join their datagram: one the snaplen cut (frame 1), one an
     * ICMP error quotes (frame 3), and five more whose other side then answers in whole segments
     * (frames 6-15). Wireshark's IPv4 then shows the segment they begin with, and its TCP gives it
     * a stream, but with an unknown length: no tcp.len, raw numbers, no data bit, its other flags
     * counted as a quoted header's. A later fragment (2), an IPv6 first fragment (4) and a first
     * fragment captured whole that waits for the rest (5) have no stream. Found on tcpdump's
     * bgp-aigp-style captures (bgp-bgp_capabilities_print-oobr-1.pcap, rpki-rtr-oobr.pcap).
     * Expected values: tshark 4.0 -2 on the same frames built with scapy.
     */
    @Test
    void aFirstFragmentThatCannotBeReassembledShowsItsSegment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        int[] frame = {0};
        java.util.function.BiConsumer<byte[], Integer> add = (bytes, captured) -> io.tcplens.testing.CaptureFilesBuilder.pcapRecord(
                file, 1_700_000_000L, frame[0]++ * 1000L, java.util.Arrays.copyOf(bytes, Math.min(captured, bytes.length)), bytes.length);
        java.util.function.BiFunction<Integer, Integer, byte[]> segment = (port, flags) -> io.tcplens.testing.Frames.tcp(
                port, 81, 100, 1, flags, 8192, new byte[0], new byte[400]);
        java.util.function.BiFunction<Integer, byte[], byte[]> firstFragment = (id, tcp) -> io.tcplens.testing.Frames.ethernet(0x0800,
                io.tcplens.testing.Frames.ipv4("10.0.0.1", "10.0.0.2", 6, id, 0, true, java.util.Arrays.copyOf(tcp, 200)));
        byte[] cut = segment.apply(1111, 0x018);
        add.accept(firstFragment.apply(7, cut), 14 + 20 + 40);
        add.accept(io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("10.0.0.1", "10.0.0.2", 6, 7, 200, true,
                java.util.Arrays.copyOfRange(cut, 200, 400))), 60);
        byte[] quoted = io.tcplens.testing.Frames.ipv4("10.0.0.1", "10.0.0.2", 6, 9, 0, true,
                io.tcplens.testing.Frames.tcp(2222, 81, 5, 0, 0x002, 8192, new byte[0], new byte[100]));
        byte[] icmp = new io.tcplens.testing.Bytes().u8(3).u8(4).u16(0).u32(0).raw(java.util.Arrays.copyOf(quoted, 20 + 28)).toArray();
        byte[] unreachable = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("10.0.0.2", "10.0.0.1", 1, icmp));
        add.accept(unreachable, unreachable.length);
        byte[] v6 = new io.tcplens.testing.Bytes().u8(6).u8(0).u16(1).u32(5)
                .raw(java.util.Arrays.copyOf(segment.apply(3333, 0x018), 200)).toArray();
        add.accept(io.tcplens.testing.Frames.ethernet(0x86DD, io.tcplens.testing.Frames.ipv6("fd00::1", "fd00::2", 44, v6)), 14 + 40 + 8 + 40);
        byte[] whole = firstFragment.apply(11, segment.apply(4444, 0x018));
        add.accept(whole, whole.length);
        int[][] pairs = {{0x011, 0x010}, {0x010, 0x002}, {0x012, 0x010}, {0x018, 0x004}, {0x004, 0x002}};
        for (int k = 0; k < pairs.length; k++) {
            add.accept(firstFragment.apply(20 + k, segment.apply(5000 + k, pairs[k][0])), 14 + 20 + 30);
            byte[] answer = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                    io.tcplens.testing.Frames.tcp(81, 5000 + k, 500, 101, pairs[k][1], 8192, new byte[0], new byte[0])));
            add.accept(answer, answer.length);
        }
        java.nio.file.Path capture = dir.resolve("first-fragments.pcap");
        java.nio.file.Files.write(capture, file.toArray());
        List<String[]> rows = TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.srcport", "-e", "tcp.stream", "-e", "tcp.completeness", "-e", "tcp.len", "-e", "tcp.seq")
                .lines().stream().map(l -> l.split("\t", -1)).toList();
        assertThat(rows.stream().map(c -> c[0] + " " + c[1] + " " + c[2] + " " + c[4] + " " + c[5])).containsExactly(
                "1 1111 0  100", "2    ", "3 2222 1  5", "4    ", "5    ",
                "6 5000 2  100", "7 81 2 0 1", "8 5001 3  100", "9 81 3 0 0", "10 5002 4  100", "11 81 4 0 1",
                "12 5003 5  100", "13 81 5 0 1", "14 5004 6  100", "15 81 6 0 0");
        Map<String, String> finals = new java.util.TreeMap<>();
        rows.stream().filter(c -> !c[2].isEmpty()).forEach(c -> finals.put(c[2], c[3]));
        assertThat(finals).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "0", "0", "1", "1", "2", "20", "3", "4", "4", "6", "5", "36", "6", "32")));
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines().get(0))
                .endsWith("TCP 234 1111 \u2192 81 [PSH, ACK] Seq=100 Ack=1 Win=8192");
    }

    /**
     * SYNs on PPP's link type (9) in Cisco's HDLC framing and as MPLS over PPP (protocol 0x0281),
     * and a SYN and its SYN-ACK on IP over InfiniBand's (242): a stream each, as tshark 4.0 (-2)
     * numbers them (before, neither capture had a stream; found on nDPI's BGP_Cisco_hdlc_slarp.pcap
     * and tcpdump's lspping-fec-ldp.pcap and ipoib.pcap). Zeek's packet analysis decodes PPP with
     * MPLS, but neither Cisco's framing nor InfiniBand (no entry in its root dispatch map): its
     * conn.log has the MPLS connection only.
     */
    @Test
    void pppFramingsAndInfinibandCarryTheirConnections(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        byte[] syn = io.tcplens.testing.Frames.withTcpChecksum(io.tcplens.testing.Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                io.tcplens.testing.Frames.tcp(40000, 179, 1000, 0, 0x002, 8192, new byte[0], new byte[0])));
        byte[] synAck = io.tcplens.testing.Frames.withTcpChecksum(io.tcplens.testing.Frames.ipv4("192.0.2.2", "192.0.2.1", 6,
                io.tcplens.testing.Frames.tcp(179, 40000, 5000, 1001, 0x012, 8192, new byte[0], new byte[0])));
        byte[] otherSyn = io.tcplens.testing.Frames.withTcpChecksum(io.tcplens.testing.Frames.ipv4("192.0.2.1", "192.0.2.2", 6,
                io.tcplens.testing.Frames.tcp(40001, 179, 1000, 0, 0x002, 8192, new byte[0], new byte[0])));
        byte[] label = io.tcplens.testing.Bytes.fromHex("00:06:41:40");
        java.util.Map<Integer, byte[][]> captures = new java.util.LinkedHashMap<>();
        captures.put(9, new byte[][] {
                io.tcplens.testing.Bytes.concat(io.tcplens.testing.Bytes.fromHex("0f:00:08:00"), syn),
                io.tcplens.testing.Bytes.concat(io.tcplens.testing.Bytes.fromHex("ff:03:02:81"), label, otherSyn)});
        byte[] infiniband = io.tcplens.testing.Bytes.concat(new byte[40], io.tcplens.testing.Bytes.fromHex("08:00:00:00"));
        captures.put(242, new byte[][] {io.tcplens.testing.Bytes.concat(infiniband, syn),
                io.tcplens.testing.Bytes.concat(infiniband, synAck)});
        List<String> seen = new java.util.ArrayList<>();
        for (var entry : captures.entrySet()) {
            io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535,
                    entry.getKey());
            for (byte[] frame : entry.getValue()) {
                io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, 0, frame, frame.length);
            }
            java.nio.file.Path capture = dir.resolve("link" + entry.getKey() + ".pcap");
            java.nio.file.Files.write(capture, file.toArray());
            seen.addAll(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.protocols",
                    "-e", "tcp.stream", "-e", "tcp.completeness").lines());
            seen.add(TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").lines().stream()
                    .filter(l -> !l.startsWith("#")).map(l -> "zeek " + l.split("\t")[2] + " " + l.split("\t")[11])
                    .collect(java.util.stream.Collectors.joining(",", "[", "]")));
        }
        assertThat(seen).containsExactly("ppp:chdlc:ip:tcp\t0\t1", "ppp:mpls:ip:tcp\t1\t1", "[zeek 192.0.2.1 S0]",
                "ipoib:ip:tcp\t0\t3", "ipoib:ip:tcp\t0\t3", "[]");
    }

    /**
     * tcp.completeness's data bit comes from a payload with the ACK flag or on a SYN (tshark 4.0
     * -2 on the same segments): two data segments without flags (0, found on Wireshark's own
     * c1222_std_example8.pcap, where tcplens said 8), one then an ACK (4), a handshake then data
     * with PSH only (7), a SYN with data and its SYN-ACK (11).
     */
    @Test
    void dataCountsForCompletenessOnlyWithAnAckOrASyn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        int[][] segments = {  // client port, from the client?, flags, seq, ack, payload, data offset in words (0: right)
            {5000, 1, 0x000, 1, 0, 10, 0}, {5000, 1, 0x000, 11, 0, 10, 0},
            {5001, 1, 0x000, 1, 0, 10, 0}, {5001, 0, 0x010, 1, 11, 0, 0},
            {5002, 1, 0x002, 0, 0, 0, 0}, {5002, 0, 0x012, 100, 1, 0, 0}, {5002, 1, 0x010, 1, 101, 0, 0},
            {5002, 1, 0x008, 1, 0, 5, 0},
            {5003, 1, 0x002, 0, 0, 5, 0}, {5003, 0, 0x012, 100, 7, 0, 0}};
        assertThat(finalCompleteness(dir.resolve("data-without-ack.pcap"), segments))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("0", "0", "1", "4", "2", "7", "3", "11")));
    }

    /**
     * Writes segments between 10.0.0.1 (the client) and 10.0.0.2 port 80 into a capture and
     * returns each stream's final tcp.completeness. A segment: client port, 1 when the client
     * sends it, flags, seq, ack, payload bytes, and a data offset in 32-bit words that overrides
     * the right one (0 keeps it).
     */
    private static Map<String, String> finalCompleteness(java.nio.file.Path capture, int[][] segments) throws IOException {
        io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int[] s : segments) {
            boolean client = s[1] == 1;
            byte[] tcp = io.tcplens.testing.Frames.tcp(client ? s[0] : 80, client ? 80 : s[0], s[3], s[4], s[2], 8192,
                    new byte[0], new byte[s[5]]);
            if (s[6] > 0) {
                tcp[12] = (byte) (s[6] << 4);
            }
            byte[] frame = io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4(
                    client ? "10.0.0.1" : "10.0.0.2", client ? "10.0.0.2" : "10.0.0.1", 6, tcp));
            io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, 0, frame, frame.length);
        }
        java.nio.file.Files.write(capture, file.toArray());
        Map<String, String> finals = new java.util.TreeMap<>();
        TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "tcp.stream", "-e", "tcp.completeness")
                .lines().forEach(l -> finals.put(l.split("\t")[0], l.split("\t")[1]));
        return finals;
    }

    /**
     * Data offsets tshark calls bogus: a SYN whose offset says 16 bytes, then its SYN-ACK and ACK
     * (6: the SYN takes the stream, its flags do not count); a SYN whose header would be longer
     * than its datagram, then its SYN-ACK (3: its flags count, without the data bit); a data
     * segment whose offset says 8 bytes, then a FIN (20). tshark 4.0 -2 on the same segments
     * (found on nDPI's ip_fragmented_garbage.pcap).
     */
    @Test
    void bogusDataOffsetsCountAsTsharkCountsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        int[][] segments = {
            {1111, 1, 0x002, 100, 0, 10, 4}, {1111, 0, 0x012, 500, 101, 0, 0}, {1111, 1, 0x010, 101, 501, 0, 0},
            {2222, 1, 0x002, 100, 0, 4, 15}, {2222, 0, 0x012, 500, 101, 0, 0},
            {3333, 1, 0x018, 100, 1, 20, 2}, {3333, 1, 0x011, 120, 1, 0, 0}};
        assertThat(finalCompleteness(dir.resolve("bogus-offsets.pcap"), segments))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("0", "6", "1", "3", "2", "20")));
    }

    /** conns -Y can test the summary line's columns, as packets -Y can: here only ICMPv4's flows. */
    @Test
    void connsFilterOnTheSummaryColumns() {
        List<String> rows = TsharkParityTest.run("conns", "-r", SharedCaptures.capture("samples/icmp-messages.pcap").toString(),
                "-T", "zeek", "-Y", "_ws.col.Protocol == \"ICMP\"").lines().stream().filter(l -> !l.startsWith("#")).toList();
        List<String> all = TsharkParityTest.run("conns", "-r", SharedCaptures.capture("samples/icmp-messages.pcap").toString(),
                "-T", "zeek").lines().stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(rows).isNotEmpty().allSatisfy(l -> assertThat(l.split("\t")[2]).doesNotContain(":"));
        assertThat(all.stream().filter(l -> !l.split("\t")[2].contains(":"))).containsExactlyElementsOf(rows);
    }

    /**
     * Connections carried in 802.1ah MAC-in-MAC and 802.1ad tags are the customers' own (tshark
     * streams 0-2); with --vlan-aware, Zeek's vlan and inner_vlan come from the 802.1ad and
     * 802.1Q tags, as Zeek's VLAN analyzer reads 0x88a8 and 0x8100 alike. Stream 3 travels in an
     * 802.1BR E-Tag, which Zeek does not decode: its conn.log has no row for it.
     */
    @Test
    void bridgedConnectionsAreTheCustomers() {
        assertThat(verdicts("samples/provider-bridging.pcap")).containsExactly(
                "0 three_way four_way originator true SF",
                "1 three_way four_way originator true SF",
                "2 three_way four_way originator true SF",
                "3 three_way four_way originator true SF");
        TsharkParityTest.Result r = TsharkParityTest.run("conns", "-r",
                SharedCaptures.capture("samples/provider-bridging.pcap").toString(), "-T", "zeek", "--vlan-aware");
        assertThat(r.lines().stream().filter(l -> !l.startsWith("#")).map(l -> {
            String[] c = l.split("\t");
            return c[2] + " " + c[6] + " " + c[7];
        })).containsExactly("10.21.0.1 - -", "10.22.0.1 100 42", "fd21::1 7 42");
    }

    /**
     * samples/tunnels.pcap (scripts/tunnel-scenarios.py): the same whole conversation inside GRE,
     * GRE with key and sequence carrying Ethernet, VXLAN, Geneve, GRE over IPv6, GTP-U, ERSPAN
     * types II and III (a switch's mirrored frames), AYIYA, Teredo, PPTP's GRE with PPP, GRE-in-UDP
     * and Aruba's GRE with 802.11 frames. Each is told
     * by its inner addresses, as tshark numbers it (testdata/tshark/samples/tunnels.pcap.streams.tsv).
     * In Zeek's log, as in its core.tunnels.vxlan baseline, each direction of a VXLAN or Geneve
     * tunnel is a UDP flow of its own (the two ends send from different ports), named by its
     * service, and the connection inside lists both as tunnel_parents. AYIYA's and Teredo's UDP
     * flows are services ayiya and teredo, parents of their IPv6 connections, as in Zeek's
     * core.tunnels.ayiya and core.tunnels.teredo baselines. GRE-in-UDP's datagrams are plain UDP
     * flows (service -, no tunnel parent of anything), as in Zeek's core.tunnels.gre-over-udp baseline.
     * VXLAN-GPE, NSH and L2TP, which tshark decodes and Zeek does not, carry the last three connections.
     */
    @Test
    void tunnelledConnectionsAreToldByTheirInnerAddresses() {
        assertThat(verdicts("samples/tunnels.pcap")).containsExactly(
                "0 three_way four_way originator true SF",
                "1 three_way four_way originator true SF",
                "2 three_way four_way originator true SF",
                "3 three_way four_way originator true SF",
                "4 three_way four_way originator true SF",
                "5 three_way four_way originator true SF",
                "6 three_way four_way originator true SF",
                "7 three_way four_way originator true SF",
                "8 three_way four_way originator true SF",
                "9 three_way four_way originator true SF",
                "10 three_way four_way originator true SF",
                "11 three_way four_way originator true SF",
                "12 three_way four_way originator true SF",
                "13 three_way four_way originator true SF",
                "14 three_way four_way originator true SF",
                "15 three_way four_way originator true SF");
        TsharkParityTest.Result r = TsharkParityTest.run("conns", "-r", SharedCaptures.capture("samples/tunnels.pcap").toString(),
                "-T", "zeek");
        assertThat(r.status()).isZero();
        Map<String, String[]> byOrigin = new HashMap<>();
        List<String> header = null;
        for (String line : r.lines()) {
            if (line.startsWith("#fields")) {
                header = List.of(line.substring("#fields\t".length()).split("\t"));
            } else if (!line.startsWith("#")) {
                String[] c = line.split("\t");
                byOrigin.put(c[header.indexOf("id.orig_h")] + ":" + c[header.indexOf("id.orig_p")], c);
            }
        }
        int uid = header.indexOf("uid");
        int service = header.indexOf("service");
        int parents = header.indexOf("tunnel_parents");
        assertThat(byOrigin).hasSize(25);
        assertThat(byOrigin.get("192.0.2.1:49152")[service]).isEqualTo("vxlan");
        assertThat(byOrigin.get("192.0.2.2:49153")[service]).isEqualTo("vxlan");
        assertThat(byOrigin.get("192.0.2.1:50000")[service]).isEqualTo("geneve");
        assertThat(byOrigin.get("10.3.0.1:47003")[parents].split(",")).containsExactlyInAnyOrder(
                byOrigin.get("192.0.2.1:49152")[uid], byOrigin.get("192.0.2.2:49153")[uid]);
        assertThat(byOrigin.get("fd00::1:47004")[parents].split(",")).containsExactlyInAnyOrder(
                byOrigin.get("192.0.2.1:50000")[uid], byOrigin.get("192.0.2.2:50001")[uid]);
        // GTP-U goes from port 2152 to port 2152 both ways: one flow, both directions (Zeek's core.tunnels.gtp baselines).
        assertThat(byOrigin.get("192.0.2.1:2152")[service]).isEqualTo("gtpv1");
        assertThat(byOrigin.get("192.0.2.1:2152")[header.indexOf("history")]).isEqualTo("Dd");
        assertThat(byOrigin.get("10.6.0.1:47006")[parents]).isEqualTo(byOrigin.get("192.0.2.1:2152")[uid]);
        assertThat(byOrigin.get("192.0.2.1:53859")[service]).isEqualTo("ayiya");
        assertThat(byOrigin.get("2001:db8:4c::2:47009")[parents]).isEqualTo(byOrigin.get("192.0.2.1:53859")[uid]);
        assertThat(byOrigin.get("192.0.2.1:3797")[service]).isEqualTo("teredo");
        assertThat(byOrigin.get("2001:0:4137:9e50:8000:f12a:b9c8:2815:47010")[parents])
                .isEqualTo(byOrigin.get("192.0.2.1:3797")[uid]);
        // GRE is IP protocol 47, not a UDP flow: Zeek names its tunnels in tunnel.log, which tcplens does not write.
        assertThat(byOrigin.get("10.1.0.1:47001")[parents]).isEqualTo("-");
        assertThat(byOrigin.get("10.8.0.1:47008")[parents]).isEqualTo("-");
        assertThat(byOrigin.get("10.13.0.1:47013")[parents]).as("Aruba's GRE").isEqualTo("-");
        assertThat(byOrigin.get("192.0.2.1:51000")[service]).as("GRE-in-UDP").isEqualTo("-");
        assertThat(byOrigin.get("192.0.2.2:51001")[header.indexOf("history")]).isEqualTo("D");
        assertThat(byOrigin.get("10.12.0.1:47012")[parents]).isEqualTo("-");
        // Zeek decodes neither VXLAN-GPE nor NSH: GPE's datagrams are plain UDP flows, and the
        // connections inside NSH have no row.
        assertThat(byOrigin.get("192.0.2.1:52000")[service]).isEqualTo("-");
        assertThat(byOrigin).doesNotContainKeys("10.14.0.1:47014", "10.15.0.1:47015", "10.16.0.1:47016");
        // Nor L2TP: its datagrams, data and control, are one plain UDP flow between the ports 1701.
        assertThat(byOrigin.get("192.0.2.1:1701")[service]).isEqualTo("-");
        assertThat(byOrigin.get("192.0.2.1:1701")[header.indexOf("history")]).isEqualTo("Dd");
        assertThat(byOrigin.get("10.3.0.1:47003")[header.indexOf("orig_ip_bytes")])
                .as("Zeek counts the inner IP datagrams: 6 packets, 289 bytes of inner IPv4").isEqualTo("289");
    }

    /** Per connection of {@code conns -T csv}: stream, handshake, teardown, initiator, final ACK seen, conn_state. */
    private static List<String> verdicts(String capture) {
        TsharkParityTest.Result r = TsharkParityTest.run("conns", "-r", SharedCaptures.capture(capture).toString(), "-T", "csv");
        assertThat(r.status()).isZero();
        return r.lines().stream().skip(1).map(line -> {
            String[] c = line.split(",");
            return String.join(" ", c[0], c[6], c[7], c[8], c[9], c[10]);
        }).toList();
    }

    @Test
    void explainOfAStreamThatDoesNotExistSaysWhichExist() {
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", HTTP_GET, "--stream", "7");
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("no TCP stream 7").contains("its only stream is 0");
        // Stream 0 of the corner cases is an ICMP error's quote alone: numbered, but no connection.
        String corners = SharedCaptures.capture("samples/stream-corner-cases.pcap").toString();
        TsharkParityTest.Result quote = TsharkParityTest.run("explain", "-r", corners, "--stream", "0");
        assertThat(quote.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(quote.err()).contains("stream 0").contains("only ICMP errors quoting a TCP header");
        assertThat(TsharkParityTest.run("explain", "-r", corners, "--stream", "99").err()).contains("streams 0 to 24");
        // samples/icmp-messages.pcap has no TCP at all (tshark numbers no stream in it): it said "streams 0 to -1".
        String icmp = SharedCaptures.capture("samples/icmp-messages.pcap").toString();
        assertThat(TsharkParityTest.run("explain", "-r", icmp, "--stream", "0").err()).contains("(it has no TCP streams)");
    }

    @Test
    void explainOfACaptureWithoutTcpSaysWhyItTellsNothing() {
        // samples/loopback-quic.pcap: three QUIC connections over UDP, no TCP.
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", SharedCaptures.capture("samples/loopback-quic.pcap").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("has no TCP connection to explain").contains("`tcplens tls` lists QUIC's handshakes");
        assertThat(TsharkParityTest.run("explain", "-r", HTTP_GET).err()).doesNotContain("no TCP connection");
    }

    @Test
    void connsJsonHasTheStableNames() throws IOException {
        TsharkParityTest.Result r = TsharkParityTest.run("conns", "-r", HTTP_GET, "-T", "json");
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(r.out())) {
            p.nextToken();
            int depth = 0;
            String name = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                    depth++;
                } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 0) {
                    name = p.currentName();
                } else if (depth == 0 && name != null) {
                    fields.put(name, p.getText());
                }
            }
        }
        assertThat(fields).containsEntry("stream", "0").containsEntry("orig.ip", "141.142.228.5")
                .containsEntry("orig.port", "59856").containsEntry("resp.ip", "192.150.187.43").containsEntry("resp.port", "80")
                .containsEntry("handshake.kind", "three_way").containsEntry("teardown.kind", "three_packet")
                .containsEntry("teardown.initiator", "originator").containsEntry("conn_state", "SF")
                .containsEntry("history", "ShADadFf").containsEntry("completeness", "31")
                .containsEntry("isn.orig", "4263588410").containsEntry("isn.resp", "2779762238");
        // Times as Zeek's JSON logs write them (seconds with microseconds, never 1.36E9). tshark
        // 4.0.17 on this capture: frame.time_epoch 1362692526.869344000 (first frame) and
        // 1362692527.080972000 (last), conv,tcp duration 0.2116.
        assertThat(fields.get("first")).matches("\\d{10}\\.\\d{6}").isEqualTo("1362692526.869344");
        assertThat(fields.get("last")).matches("\\d{10}\\.\\d{6}").isEqualTo("1362692527.080972");
        assertThat(fields.get("duration")).isEqualTo("0.211628").startsWith("0.2116");
    }

    @Test
    void connsTextAndCsvHaveOneRowPerConnection() {
        // tshark and Zeek both count 10 TCP conversations in wikipedia.pcap.
        String wikipedia = SharedCaptures.capture("zeek/wikipedia.pcap").toString();
        assertThat(TsharkParityTest.run("conns", "-r", wikipedia).lines()).hasSize(1 + 10);
        assertThat(TsharkParityTest.run("conns", "-r", wikipedia, "-T", "csv").lines()).hasSize(1 + 10)
                .first().asString().startsWith("stream,orig.ip,orig.port,resp.ip,resp.port");
    }

    @Test
    void packetsGainsStreamAndCompleteness() {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", HTTP_GET, "-T", "fields", "-e", "tcp.stream",
                "-e", "tcp.completeness", "-c", "1");
        assertThat(r.lines()).containsExactly("0\t31");
    }

    /**
     * samples/stream-corner-cases.pcap (scripts/stream-corner-cases.py): tshark gives a
     * stream number to a TCP header quoted in an ICMP error, with or without packets of its own
     * (streams 0, 1, 7 and 8 are quotes only). conns keeps tshark's numbers, has no row for a
     * stream without packets of its own, and still prints the rest in stream order; the quoted
     * flags count in the completeness as in tshark -2 (stream 4: a quoted SYN, then SYN-ACK and
     * ACK, 7; stream 9: a quoted RST, then a SYN, 32). Like tshark, the table forgets no
     * conversation for silence alone (streams 21 to 24).
     */
    @Test
    void streamsOfQuotesAloneHaveNoRowAndTheRestKeepTsharksNumbers() {
        TsharkParityTest.Result r = TsharkParityTest.run("conns", "-r",
                SharedCaptures.capture("samples/stream-corner-cases.pcap").toString(), "-T", "csv");
        assertThat(r.status()).isZero();
        List<String> lines = r.lines();
        List<String> header = List.of(lines.get(0).split(","));
        int port = header.indexOf("orig.port");
        int completeness = header.indexOf("completeness");
        List<String> rows = lines.subList(1, lines.size()).stream().map(line -> {
            String[] cells = line.split(",");
            return cells[0] + " " + cells[port] + " " + cells[completeness];
        }).toList();
        assertThat(rows).containsExactly(
                "2 6000 23", "3 6001 39", "4 6002 7", "5 6003 15", "6 6004 1", "9 5400 32", "10 5302 1",
                "11 5600 4", "12 5601 20", "13 5700 0", "14 5701 0", "15 5702 4", "16 5801 36", "17 5802 44",
                "18 5900 11", "19 5902 8", "20 5903 20",
                "21 7000 23", "22 7002 23", "22 7002 23", "23 7001 15", "24 7000 23");
        // The ports of stream 21 come back 200 s after it closed with a new ISN: port reuse, as
        // tshark flags it; stream 23's data after 700 s of silence stays in its stream. Stream
        // 22's stray ACK 120 s after its close is a second row of the stream: Zeek removed the
        // connection 5 s after the close (tcp_close_delay), so the ACK is a new one to Zeek.
        String json = TsharkParityTest.run("conns", "-r",
                SharedCaptures.capture("samples/stream-corner-cases.pcap").toString(), "-T", "json").out();
        assertThat(json).contains("{\"stream\":24,\"orig.ip\":\"10.0.0.1\",\"orig.port\":7000,")
                .containsPattern("\"stream\":24,[^\n]*\"port_reuse\":true")
                .containsPattern("\"stream\":21,[^\n]*\"port_reuse\":false")
                .containsPattern("\"stream\":23,[^\n]*\"orig.pkts\":3,")
                .containsPattern("\"stream\":22,[^\n]*\"conn_state\":\"OTH\",\"history\":\"A\"");
    }
}
