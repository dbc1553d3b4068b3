package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tcplens tls} and the application part of {@code explain} on shared captures. The facts
 * checked (message frames, server names, ciphers, JA3) are those of tshark's recorded TLS and FTP
 * views of the same captures (testdata/tshark/**.tls.tsv, .ftp.tsv).
 */
class ApplicationCommandsTest {
    private static String capture(String name) {
        return SharedCaptures.capture(name).toString();
    }

    @Test
    void tlsListsEachConnectionsHandshake() {
        TsharkParityTest.Result r = TsharkParityTest.run("tls", "-r", capture("zeek/tls_client-certificate.pcap"));
        assertThat(r.status()).isZero();
        // tls.tsv: frame 4 SNI certauth.idrix.fr, frame 6 cipher 0xc030, ALPN http/1.1, the JA3 and JA3S hashes.
        assertThat(r.out()).contains("server_name certauth.idrix.fr", "alpn http/1.1", "version TLS 1.2", "cipher 0xc030",
                "ja3 579ccef312d18482fc42e2b822ca2430", "ja3s d154fcfa5bb4f0748e1dd1992c681104", "outcome established",
                "certificate CN=certauth.idrix.fr");
    }

    @Test
    void tlsJsonIsOneObjectPerConnection() throws IOException {
        TsharkParityTest.Result r = TsharkParityTest.run("tls", "-r", capture("zeek/tls_tls13-ech.pcap"), "-T", "json");
        List<String> names = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(r.out())) {
            String field = null;
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                } else if (t == JsonToken.VALUE_STRING && "server_name".equals(field) && depth == 2) {
                    names.add(p.getText());
                } else if (t == JsonToken.VALUE_STRING && "version".equals(field) && depth == 1) {
                    versions.add(p.getText());
                }
            }
        }
        // tls-records.tsv: stream 0 was under way when the capture began (application data records only);
        // tls.tsv: two ClientHellos (frames 7 and 39) for cloudflare-ech.com, both answered with 0x0304.
        assertThat(names).containsExactly("cloudflare-ech.com", "cloudflare-ech.com");
        assertThat(versions).containsExactly("-", "TLS 1.3", "TLS 1.3");
    }

    @Test
    void explainTellsTheTlsHandshakeWithTheRetry() {
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", capture("zeek/tls_hrr.pcap"));
        assertThat(r.out()).contains("Application: TLS 1.3, established")
                .contains("#6     client \u2190 server  Hello Retry Request: the server wants a key share in group secp256r1")
                .contains("#8     client \u2192 server  Client Hello")
                .contains("#11    client \u2190 server  Server Hello: server random c962a48cac6114d3\u2026, chooses TLS 1.3, cipher suite 0x1302");
    }

    /**
     * ssl_history follows the rules of Zeek's base/protocols/ssl/main.zeek: one letter per
     * handshake message, ChangeCipherSpec and plaintext alert it can read, upper case from the
     * client; nothing for protected records. (No Zeek ssl.log of these captures is in the corpus;
     * the strings have the shapes Zeek writes for such handshakes, e.g. "CsiI" for TLS 1.3.)
     */
    @Test
    void sslHistoryHasZeeksLetters() {
        assertThat(TsharkParityTest.run("tls", "-r", capture("suricata-verify/tls-fin-close-data-01.pcap")).out())
                .contains("history CsiI  outcome established");
        assertThat(TsharkParityTest.run("tls", "-r", capture("suricata-verify/ja4-tls.pcap")).out())
                .contains("history CsxknGIti  outcome established");
        assertThat(TsharkParityTest.run("tls", "-r", capture("zeek/tls_client-certificate.pcap")).out())
                .contains("history CsxkrnXGYIti  outcome established");
    }

    @Test
    void tlsAfterStartTlsIsFollowed() {
        // tls_irc-starttls.pcap: "STARTTLS" in frame 4, IRC's 670 reply in frame 6, then a ClientHello (Zeek's test trace).
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", capture("zeek/tls_irc-starttls.pcap"));
        assertThat(r.out()).contains("Application: TLS 1.2, established")
                .contains("#8     client \u2192 server  TLS begins: the plaintext phase asked for it in #4 (STARTTLS)")
                .contains("#8     client \u2192 server  Client Hello");
    }

    @Test
    void explainTellsTheFtpDialogueWithoutThePassword() {
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", capture("zeek/ftp_retr.pcap"));
        assertThat(r.out()).contains("Application: FTP control connection, user anonymous")
                .contains("#10    client \u2192 server  PASS ****")
                .doesNotContain("chrome@example.com")
                .contains("Application: FTP data connection of control connection 0, announced by EPASV in #23, carrying RETR /README (#35)");
    }

    /** Issue 6: every FTP data connection of the corpus is linked to its control connection. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zeek/ftp_ipv4.pcap", "zeek/ftp_retr.pcap",
            "zeek/ftp_bigtransfer.pcap", "suricata-verify/ftp-download-active.pcap", "zeek/ftp_bruteforce.pcap"})
    void everyFtpDataConnectionIsLinked(String capture) {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", capture(capture), "-Y", "tcp.len > 0",
                "-T", "fields", "-e", "tcp.stream", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "tcplens.ftp_control_stream");
        java.util.Map<String, String> controlOf = new java.util.TreeMap<>();
        java.util.Set<String> control = new java.util.TreeSet<>();
        for (String line : r.lines()) {
            String[] f = line.split("\t", -1);
            if (f[1].equals("21") || f[2].equals("21")) {
                control.add(f[0]);
            } else {
                controlOf.merge(f[0], f[3], (a, b) -> a.equals(b) ? a : a + "|" + b);
            }
        }
        for (var e : controlOf.entrySet()) {
            assertThat(control).as("%s: data stream %s is linked to a control stream", capture, e.getKey()).contains(e.getValue());
        }
        if (!capture.contains("bruteforce")) {
            assertThat(controlOf).as("the capture has data connections").isNotEmpty();
        }
    }

    /**
     * explain marks each drawn packet with Wireshark's expert flags: a retransmission exactly where
     * tshark's expert view (testdata/tshark/**.expert.tsv, tcp.analysis.retransmission) has one.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zeek/tcp_fin_retransmission.pcap",
            "zeek/tcp_retransmit-fast009.pcap", "zeek/tcp_handshake-reorder.pcap"})
    void explainMarksRetransmissionsWhereTsharkDoes(String capture) throws IOException {
        java.util.Set<String> retransmitted = new java.util.HashSet<>();
        for (String line : java.nio.file.Files.readAllLines(SharedCaptures.tshark(capture, "expert.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f.length > 2 && !f[2].isEmpty()) {
                retransmitted.add(f[0]);
            }
        }
        int drawn = 0;
        for (String line : TsharkParityTest.run("explain", "-r", capture(capture)).lines()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^#(\\d+)\\s.*").matcher(line);
            if (m.matches()) {
                drawn++;
                assertThat(line.contains("[TCP Retransmission]")).as("%s %s", capture, line)
                        .isEqualTo(retransmitted.contains(m.group(1)));
            }
        }
        assertThat(drawn).isPositive();
    }

    @Test
    void explainJsonCarriesTheSteps() {
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", capture("zeek/http_get.pcap"), "-T", "json");
        assertThat(r.out()).contains("\"protocol\":\"http\"")
                .contains("\"text\":\"GET /download/CHANGES.bro-aux.txt HTTP/1.1\"")
                .contains("\"text\":\"HTTP/1.1 200 OK (4705 bytes of body, text/plain; charset=UTF-8)\"");
    }
}
