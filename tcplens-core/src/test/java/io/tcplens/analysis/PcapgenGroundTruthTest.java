package io.tcplens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.TcpConnection;
import io.tcplens.testing.Pcapgen;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verdicts against the ground truth of ../shared/bench/pcapgen.c, on captures it generates here
 * (compiled with gcc; skipped, visibly, where no C compiler exists). Every complete connection
 * must get the generator's handshake, teardown and initiator, its packets and payload bytes each
 * way, and the conn_state Zeek's documentation gives its ending (SF for a FIN close by either
 * side, RSTO or RSTR by which side reset, REJ, S0).
 *
 * <p>Beyond the generator's defaults, the cases push each of its mixes to the end: IPv6 only,
 * VLAN tags only, few client hosts with heavy 4-tuple reuse (a SYN with a new ISN on the ports
 * of a finished connection), one connection at a time with many retransmissions, and floods and
 * refusals mixed with all of these. (With one client host and the default 2,000 connections open
 * at once, the generator's client ports wrap while earlier connections on them are still open:
 * two live connections on one 4-tuple, which no TCP stack makes and no ground truth can pair.)
 */
class PcapgenGroundTruthTest {
    /** Each case's capture (up to 50 MB) and truth file; removed after the case. */
    @TempDir
    Path work;

    @ParameterizedTest(name = "seed {0}, {1} packets, retransmission probability {2}, options [{3}]")
    @CsvSource({"3, 120000, 0.01, ''", "42, 80000, 0.05, ''",
            "13, 60000, 0.01, -6 1.0", "14, 60000, 0.01, -v 1.0",
            "32, 60000, 0.2, -C 4 -c 100 -u 0.3", "33, 40000, 0.4, -c 1",
            "34, 60000, 0.05, -6 0.3 -v 0.3 -f 0.2 -R 0.2 -u 0.1"})
    void everyCompleteConnectionGetsTheGeneratorsVerdict(int seed, int packets, double retransmissions, String options)
            throws Exception {
        Path truth = work.resolve("truth.csv");
        List<String> generatorOptions = new ArrayList<>(List.of("-P", Integer.toString(packets), "-s", Integer.toString(seed),
                "-r", Double.toString(retransmissions)));
        generatorOptions.addAll(Pcapgen.options(options));
        Path capture = Pcapgen.generate(work, generatorOptions, truth);

        Map<String, Deque<TcpConnection>> byEndpoints = new HashMap<>();
        List<TcpConnection> all = new ArrayList<>();
        ConnectionTracker tracker = new ConnectionTracker(all::add);
        try (CaptureReader reader = CaptureFiles.open(capture.toString())) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            long n = 0;
            while (reader.next()) {
                decoder.decode(reader.record(), ++n, packet);
                tracker.observe(packet);
            }
        }
        tracker.finishAll();
        all.sort(java.util.Comparator.comparingLong(TcpConnection::stream));
        for (TcpConnection c : all) {
            String key = InetAddress.getByAddress(c.address(c.originator())).getHostAddress() + "|" + c.port(c.originator())
                    + "|" + InetAddress.getByAddress(c.address(c.responder())).getHostAddress() + "|" + c.port(c.responder());
            byEndpoints.computeIfAbsent(key, k -> new ArrayDeque<>()).add(c);
        }
        List<String> lines = Files.readAllLines(truth);
        List<String> header = List.of(lines.get(0).split(","));
        int checked = 0;
        List<String> disagreements = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String key = InetAddress.getByName(f[header.indexOf("client")]).getHostAddress() + "|" + f[header.indexOf("cport")]
                    + "|" + InetAddress.getByName(f[header.indexOf("server")]).getHostAddress() + "|" + f[header.indexOf("sport")];
            TcpConnection c = byEndpoints.getOrDefault(key, new ArrayDeque<>()).poll();
            if (!f[header.indexOf("complete")].equals("1")) {
                continue;
            }
            checked++;
            if (c == null) {
                disagreements.add("connection " + f[0] + " not found");
                continue;
            }
            ConnectionAnalysis a = ConnectionAnalysis.of(c);
            String kind = f[header.indexOf("kind")];
            String teardown = f[header.indexOf("teardown")];
            String wantHandshake = switch (kind) {
                case "SYNFLOOD" -> "no_reply";
                case "REFUSED" -> "refused";
                default -> a.handshake() == HandshakeKind.THREE_WAY_WITH_DATA ? "three_way_with_data" : "three_way";
            };
            String wantTeardown = kind.equals("REFUSED") ? "reset" : switch (teardown) {
                case "FOUR_WAY" -> "four_way";
                case "THREE_WAY" -> "three_packet";
                case "SIMULTANEOUS" -> "simultaneous_close";
                case "RST" -> "reset";
                default -> "not_seen";
            };
            String initiator = f[header.indexOf("initiator")];
            String wantInitiator = teardown.equals("SIMULTANEOUS") ? "both" : kind.equals("REFUSED") ? "responder"
                    : initiator.equals("client") ? "originator" : initiator.equals("server") ? "responder" : "none";
            String got = a.handshake().id() + "/" + a.teardown().id() + "/" + a.initiator().id();
            String want = wantHandshake + "/" + wantTeardown + "/" + wantInitiator;
            if (!got.equals(want)) {
                disagreements.add("connection " + f[0] + ": " + got + ", truth " + want);
            }
            int o = c.originator();
            String counts = c.packets(o) + "/" + c.packets(1 - o) + " packets, " + c.payload(o) + "/" + c.payload(1 - o) + " bytes";
            String wantCounts = f[header.indexOf("pkts_c2s")] + "/" + f[header.indexOf("pkts_s2c")] + " packets, "
                    + f[header.indexOf("payload_c2s")] + "/" + f[header.indexOf("payload_s2c")] + " bytes";
            if (!counts.equals(wantCounts)) {
                disagreements.add("connection " + f[0] + ": " + counts + ", truth " + wantCounts);
            }
            // Zeek's conn_state by how the connection ended (Zeek's base/protocols/conn/main.zeek):
            // RSTO "originator aborted (sent a RST)", RSTR "responder sent a RST", REJ "attempt
            // rejected", S0 "attempt seen, no reply", SF "normal establishment and termination".
            String wantState = switch (kind) {
                case "SYNFLOOD" -> "S0";
                case "REFUSED" -> "REJ";
                default -> switch (teardown) {
                    case "RST" -> initiator.equals("client") ? "RSTO" : "RSTR";
                    case "FOUR_WAY", "THREE_WAY", "SIMULTANEOUS" -> "SF";
                    default -> "no ending known to this test: " + teardown;
                };
            };
            if (!a.zeekConnState().equals(wantState)) {
                disagreements.add("connection " + f[0] + ": conn_state " + a.zeekConnState() + ", truth's ending " + wantState);
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(disagreements).isEmpty();
    }
}
