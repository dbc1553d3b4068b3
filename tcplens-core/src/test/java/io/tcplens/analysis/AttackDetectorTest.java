package io.tcplens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import io.tcplens.testing.SharedCaptures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Floods, scans and backscatter, on the shared SYN-flood capture and on captures built here
 * packet by packet; and no alert on a busy normal server nor on any other shared capture.
 */
class AttackDetectorTest {
    private static final int SYN = 0x002;
    private static final int SYN_ACK = 0x012;
    private static final int ACK = 0x010;
    private static final int RST = 0x004;
    private static final int RST_ACK = 0x014;
    private static final int FIN_ACK = 0x011;

    /** Builds a pcap of TCP packets with chosen addresses, TTLs and times. */
    private static final class Traffic {
        private final Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, 1);

        Traffic add(double seconds, String src, int sport, String dst, int dport, int flags, long seq, long ack, int ttl) {
            byte[] ip = Frames.ipv4(src, dst, 6, Frames.tcp(sport, dport, seq, ack, flags, 65535, new byte[0], new byte[0]));
            ip[8] = (byte) ttl;
            ip[10] = 0;
            ip[11] = 0;
            int sum = Frames.checksum(ip, 0, 20, 0);
            ip[10] = (byte) (sum >>> 8);
            ip[11] = (byte) sum;
            byte[] frame = Frames.ethernet(0x0800, ip);
            long nanos = Math.round(seconds * 1e9);
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L + nanos / 1_000_000_000L, nanos % 1_000_000_000L, frame, frame.length);
            return this;
        }

        /** A whole normal connection: handshake, a request, FINs; {@code t} is its start. */
        Traffic connection(double t, String client, int cport, String server, int sport) {
            add(t, client, cport, server, sport, SYN, 100, 0, 64);
            add(t + 0.0002, server, sport, client, cport, SYN_ACK, 500, 101, 64);
            add(t + 0.0004, client, cport, server, sport, ACK, 101, 501, 64);
            add(t + 0.0010, client, cport, server, sport, FIN_ACK, 101, 501, 64);
            add(t + 0.0012, server, sport, client, cport, FIN_ACK, 501, 102, 64);
            return add(t + 0.0014, client, cport, server, sport, ACK, 102, 502, 64);
        }

        List<AttackDetector.Alert> alerts() throws IOException {
            return detect(new ByteArrayInputStream(file.toArray()));
        }
    }

    private static List<AttackDetector.Alert> detect(java.io.InputStream in) throws IOException {
        AttackDetector d = new AttackDetector(AttackDetector.Thresholds.DEFAULTS, a -> {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                s.append(i > 0 ? "." : "").append(a[i] & 0xFF);
            }
            return s.toString();
        });
        try (CaptureReader reader = CaptureFiles.open(in, "test")) {
            PacketDecoder decoder = new PacketDecoder();
            Packet p = new Packet();
            long n = 0;
            while (reader.next()) {
                decoder.decode(reader.record(), ++n, p);
                d.observe(p);
            }
        }
        return d.alerts();
    }

    private static String randomAddress(Random r) {
        return (1 + r.nextInt(222)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    @Test
    void findsTheFloodInTheSharedCapture() throws IOException {
        List<AttackDetector.Alert> alerts = detect(java.nio.file.Files.newInputStream(
                SharedCaptures.capture("suricata-verify/firewall_tcp-session-syn-flood.pcap")));
        assertThat(alerts).hasSize(1);
        AttackDetector.Alert a = alerts.get(0);
        assertThat(a.kind()).isEqualTo("syn_flood");
        assertThat(a.target()).isEqualTo("198.51.100.5:443");
        // 200 SYNs from 192.0.2.10, 1 ms apart, none answered (tshark shows them all as [SYN]).
        assertThat(a.evidence()).containsEntry("peak_backlog", 200).containsEntry("sources", 1)
                .containsEntry("server_answered_synacks", 0L).containsEntry("spoofing_signs", false);
        assertThat(a.lastNanos() - a.firstNanos()).isEqualTo(199_000_000L);
    }

    @Test
    void findsASpoofedFloodThatTheServerAnswersAmidNormalTraffic() throws IOException {
        Random r = new Random(7);
        Traffic t = new Traffic();
        for (int i = 0; i < 200; i++) {
            t.connection(i * 0.01, "10.1.0." + (1 + i % 20), 40000 + i, "10.0.0.80", 80);
        }
        for (int i = 0; i < 3000; i++) {
            String spoofed = randomAddress(r);
            int port = 1024 + r.nextInt(60000);
            double when = 0.5 + i * 0.0005;
            t.add(when, spoofed, port, "10.0.0.80", 80, SYN, r.nextInt(1 << 30), 0, 30 + r.nextInt(200));
            t.add(when + 0.0001, "10.0.0.80", 80, spoofed, port, SYN_ACK, 7, 1, 64);
        }
        List<AttackDetector.Alert> alerts = t.alerts();
        assertThat(alerts).extracting(AttackDetector.Alert::kind).containsExactly("syn_flood");
        AttackDetector.Alert a = alerts.get(0);
        assertThat(a.target()).isEqualTo("10.0.0.80:80");
        assertThat((Integer) a.evidence().get("peak_backlog")).isGreaterThanOrEqualTo(2900);
        assertThat(a.evidence()).containsEntry("spoofing_signs", true).containsEntry("server_answered_synacks", 3200L)
                .containsEntry("completed_handshakes", 200L);
        assertThat((Double) a.evidence().get("sources_only_syn_share")).isGreaterThan(0.99);
        assertThat((Integer) a.evidence().get("distinct_ttls")).isGreaterThan(100);
    }

    @Test
    void findsASynScanWithItsOpenPorts() throws IOException {
        Traffic t = new Traffic();
        for (int port = 1; port <= 100; port++) {
            double when = port * 0.001;
            t.add(when, "10.9.9.9", 55000, "10.0.0.5", port, SYN, 1000, 0, 50);
            if (port == 22 || port == 80 || port == 99) {
                t.add(when + 0.0001, "10.0.0.5", port, "10.9.9.9", 55000, SYN_ACK, 9, 1001, 64);
                t.add(when + 0.0002, "10.9.9.9", 55000, "10.0.0.5", port, RST, 1001, 0, 50);
            } else {
                t.add(when + 0.0001, "10.0.0.5", port, "10.9.9.9", 55000, RST_ACK, 0, 1001, 64);
            }
        }
        List<AttackDetector.Alert> alerts = t.alerts();
        assertThat(alerts).extracting(AttackDetector.Alert::kind).containsExactly("syn_scan");
        assertThat(alerts.get(0).target()).isEqualTo("10.0.0.5");
        assertThat(alerts.get(0).evidence()).containsEntry("source", "10.9.9.9").containsEntry("ports_probed", 100)
                .containsEntry("open_ports", List.of(22, 80, 99));
    }

    @Test
    void aBusyNormalServerRaisesNothing() throws IOException {
        // 5000 connections in one second from 500 clients, some SYNs retransmitted, some refused.
        Traffic t = new Traffic();
        for (int i = 0; i < 5000; i++) {
            String client = "10.2." + (i % 500 / 250) + "." + (1 + i % 250);
            double when = i * 0.0002;
            int cport = 30000 + i;
            if (i % 50 == 0) {
                t.add(when, client, cport, "10.0.0.80", 443, SYN, 100, 0, 64);  // lost, sent again
                t.connection(when + 0.0001, client, cport, "10.0.0.80", 443);
            } else if (i % 25 == 1) {
                t.add(when, client, cport, "10.0.0.80", 8443, SYN, 100, 0, 64);
                t.add(when + 0.0001, "10.0.0.80", 8443, client, cport, RST_ACK, 0, 101, 64);
            } else {
                t.connection(when, client, cport, "10.0.0.80", 443);
            }
        }
        assertThat(t.alerts()).isEmpty();
    }

    @Test
    void findsSynAckBackscatter() throws IOException {
        Random r = new Random(3);
        Traffic t = new Traffic();
        for (int i = 0; i < 300; i++) {
            t.add(i * 0.002, "203.0.113.7", 80, randomAddress(r), 1024 + r.nextInt(60000), SYN_ACK, 5, r.nextInt(1 << 30), 55);
        }
        List<AttackDetector.Alert> alerts = t.alerts();
        assertThat(alerts).extracting(AttackDetector.Alert::kind).containsExactly("syn_ack_backscatter");
        assertThat(alerts.get(0).target()).isEqualTo("203.0.113.7");
        assertThat(alerts.get(0).evidence()).containsEntry("unsolicited_synacks", 300L);
    }

    @Test
    void noOtherSharedCaptureRaisesAnAlert() throws IOException {
        for (String capture : SharedCaptures.all()) {
            if (capture.contains("syn-flood") || capture.startsWith("libpcap/") || capture.endsWith("empty.pcap")) {
                continue;
            }
            List<AttackDetector.Alert> alerts;
            try {
                alerts = detect(java.nio.file.Files.newInputStream(SharedCaptures.capture(capture)));
            } catch (io.tcplens.capture.CaptureFormatException e) {
                continue;
            }
            assertThat(alerts).as(capture).isEmpty();
        }
    }
}
