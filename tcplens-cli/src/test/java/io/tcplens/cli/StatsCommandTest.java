package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tcplens stats}. Its TCP conversation table against what {@code tshark -q -z conv,tcp}
 * printed for every shared capture (the *.tshark-conv-tcp.txt files beside the captures).
 */
class StatsCommandTest {

    static Stream<String> capturesWithConversationTables() throws IOException {
        return SharedCaptures.all().stream()
                .filter(c -> Files.exists(SharedCaptures.capture(c + ".tshark-conv-tcp.txt")));
    }

    /**
     * The one difference, by design: frame 24 of tcp-empty-sack.pcap carries a SACK option with
     * no blocks. tshark's dissector throws on it ([Malformed Packet]) before it reports the
     * packet to its conversation table, so that row shows 21 frames (7626 bytes) B to A. tcplens
     * counts the segment, which is a real packet of that connection (22 frames, 7670 bytes).
     */
    private static String expected(String capture, String tshark) {
        if (capture.equals("suricata-verify/tcp-empty-sack.pcap")) {
            return tshark.replace("  21 7626 bytes      20 6044 bytes      41 13 kB", "  22 7670 bytes      20 6044 bytes      42 13 kB");
        }
        return tshark;
    }

    @ParameterizedTest
    @MethodSource("capturesWithConversationTables")
    void conversationTableIsTsharks(String capture) throws IOException {
        Path file = SharedCaptures.capture(capture);
        String tshark = Files.readAllLines(SharedCaptures.capture(capture + ".tshark-conv-tcp.txt"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.startsWith("# stderr")).map(l -> l + "\n").reduce("", String::concat);
        TsharkParityTest.Result r = TsharkParityTest.run("stats", "-r", file.toString(), "-z", "conv,tcp");
        assertThat(r.out()).isEqualTo(expected(capture, tshark));
    }

    static Stream<String> captures() throws IOException {
        return SharedCaptures.all().stream();
    }

    /**
     * The endpoints table against tshark -n -q -z endpoints,tcp (testdata/tshark/*.endpoints-tcp.txt).
     * tshark prints nothing for a file it cannot read; tcplens then prints only its error. The
     * same malformed frame 24 of tcp-empty-sack.pcap as above: tshark leaves it out, so its two
     * endpoints show one packet (44 bytes) fewer there.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void endpointTableIsTsharks(String capture) throws IOException {
        String tshark = Files.readString(SharedCaptures.tshark(capture, "endpoints-tcp.txt"), StandardCharsets.UTF_8);
        if (capture.equals("suricata-verify/tcp-empty-sack.pcap")) {
            tshark = tshark.replace("         41         13670         21            7626          20            6044   ",
                            "         42         13714         22            7670          20            6044   ")
                    .replace("         41         13670         20            6044          21            7626   ",
                            "         42         13714         20            6044          22            7670   ");
        }
        TsharkParityTest.Result r = TsharkParityTest.run("stats", "-r", SharedCaptures.capture(capture).toString(), "-z", "endpoints,tcp");
        assertThat(r.out()).isEqualTo(tshark);
    }

    /**
     * The expert summary counts the packets tshark 4.0.17 flagged (its expert view recorded in
     * testdata/tshark/*.expert.tsv). tshark adds tcp.analysis.retransmission to fast and spurious
     * retransmissions too; the summary counts each packet under its one kind.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void expertCountsAreTsharks(String capture) throws IOException {
        List<String> fields = List.of(TsharkParityTest.fieldList("expert-fields.txt"));
        Map<String, Long> want = new TreeMap<>();
        for (String row : Files.readAllLines(SharedCaptures.tshark(capture, "expert.tsv"))) {
            String[] cells = row.split("\t", -1);
            for (String kind : List.of("retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
                    "lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe",
                    "zero_window_probe_ack", "window_full", "window_update", "keep_alive", "keep_alive_ack", "reused_ports")) {
                int column = fields.indexOf("tcp.analysis." + kind);
                boolean set = column < cells.length && !cells[column].isEmpty();
                if (kind.equals("retransmission")) {
                    set &= cells[fields.indexOf("tcp.analysis.fast_retransmission")].isEmpty()
                            && cells[fields.indexOf("tcp.analysis.spurious_retransmission")].isEmpty();
                }
                want.merge(kind, set ? 1L : 0L, Long::sum);
            }
        }
        TsharkParityTest.Result r = TsharkParityTest.run("stats", "-r", SharedCaptures.capture(capture).toString(), "-T", "json");
        Map<String, Long> got = new TreeMap<>();
        Matcher flags = Pattern.compile("\"flags\" : \\{([^}]*)}").matcher(r.out());
        if (flags.find()) {
            Matcher pair = Pattern.compile("\"(\\w+)\" : (\\d+)").matcher(flags.group(1));
            while (pair.find()) {
                got.put(pair.group(1), Long.parseLong(pair.group(2)));
            }
        }
        // Nothing flagged (or no TCP at all, or not a capture): the summary has no counts to show.
        want.values().removeIf(v -> v == 0);
        got.values().removeIf(v -> v == 0);
        assertThat(got).isEqualTo(want);
    }

    /**
     * A datagram of DNS, mDNS, LLMNR or the NetBIOS name service counts as that protocol, not as
     * data: the packets tshark -q -z io,phs counts for each in wikipedia.pcap (over IPv4 and IPv6).
     */
    @Test
    void countsUdpProtocolsAsTsharksProtocolHierarchyDoes() {
        TsharkParityTest.Result r = TsharkParityTest.run("stats", "-r",
                SharedCaptures.capture("zeek/wikipedia.pcap").toString());
        assertThat(r.out()).containsPattern("\\n  dns +28 packets +3573 bytes")
                .containsPattern("\\n  mdns +4 packets +592 bytes")
                .containsPattern("\\n  nbns +8 packets +736 bytes")
                .containsPattern("\\n  llmnr +8 packets +680 bytes");
    }

    /**
     * A TCP segment that shows TLS, SSH or HTTP counts as that protocol, not as data: the frames
     * whose protocols tshark lists with it (frame.protocols; its -z io,phs counts the same 30 HTTP
     * frames of wikipedia.pcap, and 10 + 2 TLS ones of tls_tls1.2.pcap, 2 of which are also among
     * the 10: they carry a record of their own and complete a reassembled one).
     */
    @Test
    void countsTcpApplicationProtocolsAsTsharkDoes() {
        assertThat(TsharkParityTest.run("stats", "-r", SharedCaptures.capture("zeek/wikipedia.pcap").toString()).out())
                .containsPattern("\\n  http +30 packets +15787 bytes").doesNotContainPattern("\\n  data ");
        assertThat(TsharkParityTest.run("stats", "-r", SharedCaptures.capture("zeek/tls_tls1.2.pcap").toString()).out())
                .containsPattern("\\n  tls +10 packets +6061 bytes").doesNotContainPattern("\\n  data ");
        assertThat(TsharkParityTest.run("stats", "-r", SharedCaptures.capture("tcpdump/ssh.pcap").toString()).out())
                .containsPattern("\\n  ssh +25 packets +10086 bytes").doesNotContainPattern("\\n  data ");
        // Its frame 49 retransmits 96 bytes: tshark's TCP hands them to no dissector, so its
        // protocols end at tcp (packet-tcp.c, desegment_tcp), and the frame counts as no data.
        assertThat(TsharkParityTest.run("packets", "-r", SharedCaptures.capture("tcpdump/ssh.pcap").toString(), "-Y",
                "frame.number == 49", "-T", "fields", "-e", "tcp.analysis.retransmission", "-e", "tcp.len", "-e", "frame.protocols")
                .lines()).containsExactly("1\t96\teth:ethertype:ip:tcp");
    }

    /** --sort orders the conversations; the default stays tshark's (checked above for every capture). */
    @Test
    void sortsTheConversations() {
        String capture = SharedCaptures.capture("zeek/ftp_ipv4.pcap").toString();
        List<Double> starts = values(TsharkParityTest.run("stats", "-r", capture, "-T", "json", "--sort", "start").out(),
                "relative_start");
        List<Double> durations = values(TsharkParityTest.run("stats", "-r", capture, "-T", "json", "--sort", "duration").out(),
                "duration");
        assertThat(starts).hasSizeGreaterThan(3).isSorted();
        assertThat(durations.subList(1, durations.size())).hasSizeGreaterThan(3)
                .isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(TsharkParityTest.run("stats", "-r", capture, "--sort", "nonsense").status()).isNotZero();
    }

    /** The numbers of a JSON field, in order of appearance (the first "duration" is the capture's). */
    private static List<Double> values(String json, String field) {
        List<Double> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\"" + field + "\" : ([0-9.E-]+)").matcher(json);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    @Test
    void summarisesTheCaptureTheHostsAndTheVerdicts() {
        TsharkParityTest.Result r = TsharkParityTest.run("stats", "-r", SharedCaptures.capture("zeek/http_get.pcap").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Capture: 14 packets, 6087 bytes")
                .contains("TCP Conversations")
                .containsPattern("141\\.142\\.228\\.5\\s+192\\.150\\.187\\.43\\s+7\\s+610\\s+7\\s+5477")
                .contains("handshake:  {three_way=1}").contains("teardown:   {three_packet=1}").contains("conn_state: {SF=1}");
        TsharkParityTest.Result json = TsharkParityTest.run("stats", "-r", SharedCaptures.capture("zeek/http_get.pcap").toString(),
                "-T", "json");
        assertThat(json.out()).contains("\"tcp_conversations\"").contains("\"host_matrix\"").contains("\"three_packet\" : 1")
                .contains("\"expert\"").contains("\"worst_connections\"");
        assertThat(r.out()).contains("Expert analysis").contains("nothing flagged");
    }
}
