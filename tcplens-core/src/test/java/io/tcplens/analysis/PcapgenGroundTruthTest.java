package io.tcplens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.TcpConnection;
import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verdicts against the ground truth of ../shared/bench/pcapgen.c, on captures it generates here
 * (compiled with gcc; skipped, visibly, where no C compiler exists). Every complete connection
 * must get the generator's handshake, teardown and initiator.
 */
class PcapgenGroundTruthTest {

    @ParameterizedTest(name = "seed {0}, {1} packets, retransmission probability {2}")
    @CsvSource({"3, 120000, 0.01", "42, 80000, 0.05"})
    void everyCompleteConnectionGetsTheGeneratorsVerdict(int seed, int packets, double retransmissions) throws Exception {
        Path work = Files.createTempDirectory("pcapgen");
        Path generator = work.resolve("pcapgen");
        Path source = SharedCaptures.root().resolve("../shared/bench/pcapgen.c").normalize();
        Assumptions.assumeTrue(run(work, "gcc", "-O2", "-o", generator.toString(), source.toString()),
                "gcc could not build " + source);
        Path capture = work.resolve("gen.pcap");
        Path truth = work.resolve("truth.csv");
        assertThat(run(work, generator.toString(), "-o", capture.toString(), "-P", Integer.toString(packets),
                "-s", Integer.toString(seed), "-r", Double.toString(retransmissions), "-t", truth.toString())).isTrue();

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
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(disagreements).isEmpty();
    }

    private static boolean run(Path dir, String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log.txt").toFile()).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
