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
        assertThat(r.err()).contains("no TCP stream 7").contains("streams 0 to 0");
        // Stream 0 of the corner cases is an ICMP error's quote alone: numbered, but no connection.
        String corners = SharedCaptures.capture("samples/stream-corner-cases.pcap").toString();
        TsharkParityTest.Result quote = TsharkParityTest.run("explain", "-r", corners, "--stream", "0");
        assertThat(quote.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(quote.err()).contains("stream 0").contains("only ICMP errors quoting a TCP header");
        assertThat(TsharkParityTest.run("explain", "-r", corners, "--stream", "99").err()).contains("streams 0 to 24");
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
