package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code -Y} on packets, conns and explain, through the command line. */
class FilterCommandsTest {
    private static final String SAMPLE = SharedCaptures.capture("samples/loopback-http.pcap").toString();
    private static final String HTTP_GET = SharedCaptures.capture("zeek/http_get.pcap").toString();
    private static final String WIKIPEDIA = SharedCaptures.capture("zeek/wikipedia.pcap").toString();

    @Test
    void packetsPrintsTheMatchingPacketsWithTheirOwnNumbers() throws IOException {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", SAMPLE, "-Y", "tcp.flags.syn == 1");
        // tshark -r samples/loopback-http.pcap -Y 'tcp.flags.syn == 1' printed frames 1, 2, 13 and 14.
        List<String> tshark = Files.readAllLines(SharedCaptures.tshark("samples/loopback-http.pcap", "summary.txt"),
                StandardCharsets.UTF_8);
        assertThat(r.status()).isZero();
        assertThat(r.lines()).containsExactly(tshark.get(0), tshark.get(1), tshark.get(12), tshark.get(13));
    }

    @Test
    void aBadFilterStopsBeforeTheCaptureIsRead() {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", "/no/such/capture.pcap", "-Y", "tcp.prot == 80");
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("tcplens: \"tcp.prot\" is not a valid protocol or protocol field.\n"
                + "    tcp.prot == 80\n"
                + "    ^~~~~~~~\n"
                + "Did you mean \"tcp.port\"?\n");
        assertThat(TsharkParityTest.run("conns", "-r", "/no/such/capture.pcap", "-Y", "tcp.port = 80").err())
                .startsWith("tcplens: \"=\" was unexpected in this context.");
        assertThat(TsharkParityTest.run("explain", "-r", "/no/such/capture.pcap", "-Y", "tcp and").status())
                .isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void aControlCharacterInABadFilterIsNotPrintedRaw() {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", SAMPLE, "-Y", "evil\u001b[31m.field");
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).doesNotContain("\u001b").contains("\\x1b");
    }

    @Test
    void connsKeepsTheConnectionsWithAMatchingPacket() {
        TsharkParityTest.Result all = TsharkParityTest.run("conns", "-r", SAMPLE, "-T", "csv");
        TsharkParityTest.Result one = TsharkParityTest.run("conns", "-r", SAMPLE, "-T", "csv", "-Y", "tcp.srcport == 53602");
        assertThat(all.lines()).hasSize(3);
        assertThat(one.lines()).containsExactly(all.lines().get(0), all.lines().get(2));
    }

    @Test
    void connsFiltersOnTheConnectionsOwnVerdicts() {
        TsharkParityTest.Result closed = TsharkParityTest.run("conns", "-r", HTTP_GET, "-T", "csv",
                "-Y", "tcplens.teardown == \"three_packet\" and tcplens.conn_state == \"SF\"");
        assertThat(closed.lines()).hasSize(2);
        assertThat(closed.lines().get(1)).contains("three_way").contains("three_packet");
        TsharkParityTest.Result reset = TsharkParityTest.run("conns", "-r", HTTP_GET, "-T", "csv",
                "-Y", "tcplens.teardown == \"reset\"");
        assertThat(reset.lines()).hasSize(1);
    }

    @Test
    void packetsPrintsTheVerdictFieldsOnEveryPacketOfTheConnection() {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", HTTP_GET, "-T", "fields",
                "-e", "frame.number", "-e", "tcplens.handshake", "-e", "tcplens.teardown", "-e", "tcplens.conn_state",
                "-Y", "frame.number in {1, 14}");
        assertThat(r.lines()).containsExactly("1\tthree_way\tthree_packet\tSF", "14\tthree_way\tthree_packet\tSF");
    }

    @Test
    void connsZeekLogKeepsTheMatchingDatagramFlowsToo() {
        TsharkParityTest.Result all = TsharkParityTest.run("conns", "-r", WIKIPEDIA, "-T", "zeek");
        TsharkParityTest.Result udp = TsharkParityTest.run("conns", "-r", WIKIPEDIA, "-T", "zeek", "-Y", "udp.port == 53");
        List<String> udpRows = all.lines().stream().filter(l -> !l.startsWith("#") && l.contains("\t53\tudp\t")).toList();
        List<String> rows = udp.lines().stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(udpRows).isNotEmpty();
        assertThat(rows).containsExactlyElementsOf(udpRows);
    }

    @Test
    void explainTellsOnlyTheChosenConnections() {
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", SAMPLE, "-Y", "tcp.stream == 1");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Connection 1:").doesNotContain("Connection 0:");
    }
}
