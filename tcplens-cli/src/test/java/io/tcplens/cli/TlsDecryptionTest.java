package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS records opened with a key log, as tshark opens them with {@code -o tls.keylog_file:FILE}
 * or with the secrets a pcapng file carries. samples/loopback-https.pcap (made by
 * scripts/loopback-https.sh) holds six HTTPS requests, one per AEAD suite tcplens opens (TLS 1.2
 * AES-128-GCM, ChaCha20-Poly1305, AES-256-GCM; TLS 1.3 AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305),
 * a seventh whose response head crosses TCP segments, and five with AES-CBC suites (TLS 1.2 with
 * and without encrypt-then-MAC, HMAC-SHA1, -SHA256 and -SHA384; TLS 1.0 with its chained IVs; TLS
 * 1.1), and samples/loopback-https.keys the key log curl and openssl wrote; samples/loopback-https-dsb.pcapng is
 * the same capture with the key log inside. Expected: tshark 4.0.17 on the same files
 * (testdata/tshark/samples/, recorded by scripts/record-tshark-oracle.sh; the parity tests compare
 * every other view of both files, the DSB one decrypted, the other not).
 */
class TlsDecryptionTest {
    private static final String CAPTURE = SharedCaptures.capture("samples/loopback-https.pcap").toString();
    private static final String KEYS = SharedCaptures.root().resolve("samples/loopback-https.keys").toString();

    private static List<String> tsharkWithKeys() throws IOException {
        return Files.readAllLines(SharedCaptures.tshark("samples/loopback-https.pcap", "keylog-summary.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void aKeyLogOpensEveryRecordAsTsharkOpensIt() throws IOException {
        // Finished, Encrypted Extensions, Certificate, Certificate Verify, New Session Ticket and the
        // alerts by name, the HTTP requests and responses inside, "[TLS segment of a reassembled PDU]"
        // where a response's head waits for its body in the next record; frame 121 ends a record
        // TCP put together (a 3 KB head) and holds the body's record: Wireshark's TLS marker, then
        // HTTP's words after it, under TLS's column ("TLSv1.3 ... [TLS segment of a reassembled
        // PDU]HTTP/1.1 200 OK  (text/plain)").
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog", KEYS).lines())
                .containsExactlyElementsOf(tsharkWithKeys());
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "-o", "tls.keylog_file:" + KEYS).lines())
                .as("tshark's way of naming it").containsExactlyElementsOf(tsharkWithKeys());
    }

    @Test
    void withoutKeysTheRecordsStayEncrypted() {
        List<String> lines = TsharkParityTest.run("packets", "-r", CAPTURE).lines();
        assertThat(lines).anyMatch(l -> l.endsWith("Client Key Exchange, Change Cipher Spec, Encrypted Handshake Message"));
        assertThat(lines).noneMatch(l -> l.contains(" HTTP "));
    }

    @Test
    void wrongSecretsOpenNothing(@TempDir Path dir) throws IOException {
        // Every secret's last hex digit changed: no record authenticates, so all stay as without keys.
        StringBuilder wrong = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(KEYS))) {
            char last = line.charAt(line.length() - 1);
            wrong.append(line, 0, line.length() - 1).append(last == '0' ? '1' : '0').append('\n');
        }
        Path keys = Files.writeString(dir.resolve("wrong.keys"), wrong);
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog", keys.toString()).lines())
                .containsExactlyElementsOf(TsharkParityTest.run("packets", "-r", CAPTURE).lines());
    }

    @Test
    void aKeyLogOfAnotherSessionOpensNothingAndSaysSo(@TempDir Path dir) throws IOException {
        // Every client random changed: the secrets belong to no connection of the capture.
        StringBuilder other = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(KEYS))) {
            String[] parts = line.split(" ");
            other.append(parts[0]).append(' ').append(parts[1].replace('a', 'b').replace('0', '1')).append(' ').append(parts[2]).append('\n');
        }
        Path keys = Files.writeString(dir.resolve("other.keys"), other);
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog", keys.toString());
        assertThat(r.lines()).containsExactlyElementsOf(TsharkParityTest.run("packets", "-r", CAPTURE).lines());
        assertThat(r.err()).contains("the TLS key log holds secrets for 12 connections, but no TLS connection read here has one");
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog", KEYS).err()).doesNotContain("key log holds");
    }

    /** A pcapng block (little-endian): type, total length, body padded to 4, total length again. */
    private static byte[] block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        return le().u32(type).u32(padded + 12).raw(body).zeros(padded - body.length).u32(padded + 12).toArray();
    }

    private static io.tcplens.testing.Bytes le() {
        return new io.tcplens.testing.Bytes(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void theCapturesOwnSecretsForNoConnectionAreNotTheReadersMistake(@TempDir Path dir) throws IOException {
        // A pcapng file whose decryption secrets block holds a key log for a connection it does not
        // carry (as files with DTLS or QUIC secrets do): nothing to say. The same key log named by
        // the reader: its mistake, named.
        byte[] keyLog = "CLIENT_RANDOM 0000000000000000000000000000000000000000000000000000000000000000 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677\n"
                .getBytes(StandardCharsets.US_ASCII);
        // A section header, an Ethernet interface, the decryption secrets block ("TLSK").
        byte[] file = io.tcplens.testing.TlsBytes.concat(
                block(0x0A0D0D0A, le().u32(0x1A2B3C4D).u16(1).u16(0).u64(-1L).toArray()),
                block(1, le().u16(1).u16(0).u32(65535).toArray()),
                block(0x0A, le().u32(0x544c534b).u32(keyLog.length).raw(keyLog).toArray()));
        Path capture = Files.write(dir.resolve("secrets-only.pcapng"), file);
        Path keys = Files.write(dir.resolve("secrets.keys"), keyLog);
        TsharkParityTest.Result own = TsharkParityTest.run("packets", "-r", capture.toString());
        assertThat(own.status()).isZero();
        assertThat(own.err()).doesNotContain("key log holds");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "--tls-keylog", keys.toString()).err())
                .contains("the TLS key log holds secrets for 1 connection, but no TLS connection read here has one");
    }

    @Test
    void theTlsSummaryShowsTls13CertificatesAndKeepsZeeksHistory() {
        String with = TsharkParityTest.run("tls", "-r", CAPTURE, "--tls-keylog", KEYS).out();
        String without = TsharkParityTest.run("tls", "-r", CAPTURE).out();
        // TLS 1.3 sends the certificate encrypted: only the key log shows it (streams 3 to 6).
        assertThat(with.split("certificate CN=tcplens.test", -1)).hasSize(13);
        assertThat(without.split("certificate CN=tcplens.test", -1)).hasSize(9);
        assertThat(with).contains("opened with the secrets given: ");
        assertThat(without).doesNotContain("opened with the secrets given");
        // Zeek cannot open records: its ssl_history letters are the same either way.
        assertThat(with.lines().filter(l -> l.contains("history")).toList())
                .isEqualTo(without.lines().filter(l -> l.contains("history")).toList());
    }

    @Test
    void statsCountsTheHttpInsideAsTsharksProtocolHierarchyDoes() {
        // tshark -q -z io,phs on the DSB file: http 23 frames, 4,419 bytes under tls, and one frame
        // of 389 bytes under tcp.segments (the record TCP put together): 24 frames, 4,808 bytes.
        String dsb = SharedCaptures.capture("samples/loopback-https-dsb.pcapng").toString();
        assertThat(TsharkParityTest.run("stats", "-r", dsb).out()).containsPattern("(?m)^  http +24 packets +4808 bytes");
        assertThat(TsharkParityTest.run("stats", "-r", CAPTURE, "--tls-keylog", KEYS).out())
                .containsPattern("(?m)^  http +24 packets +4808 bytes");
        assertThat(TsharkParityTest.run("stats", "-r", CAPTURE).out()).doesNotContainPattern("(?m)^  http ");
    }

    @Test
    void explainTellsWhatTheRecordsCarried() {
        String story = TsharkParityTest.run("explain", "-r", CAPTURE, "--tls-keylog", KEYS, "--stream", "3").out();
        assertThat(story).contains("Encrypted Extensions", "Certificate: 1 certificate, the first for CN=tcplens.test",
                "Certificate Verify", "Application Data, opened with the secrets given", "HTTP inside: GET /d HTTP/1.1",
                "HTTP inside: HTTP/1.1 200 OK", "Alert: warning Close Notify");
    }

    @Test
    void anUnreadableKeyLogOrAnUnknownPreferenceIsAUsageError(@TempDir Path dir) {
        TsharkParityTest.Result missing = TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog", dir.resolve("none.keys").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read the TLS key log");
        TsharkParityTest.Result unknown = TsharkParityTest.run("packets", "-r", CAPTURE, "-o", "tcp.analyze_sequence_numbers:FALSE");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown preference \"tcp.analyze_sequence_numbers:FALSE\"");
    }

    @Test
    void malformedKeyLogLinesAreCountedAndTheRestIsUsed(@TempDir Path dir) throws IOException {
        Path keys = Files.writeString(dir.resolve("mixed.keys"), "# a comment\nCLIENT_RANDOM xyz 00\n"
                + "CLIENT_RANDOM " + "ab".repeat(300) + "\n" + Files.readString(Path.of(KEYS)));
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog", keys.toString());
        assertThat(r.err()).contains("2 lines of the TLS key log");
        assertThat(r.lines()).containsExactlyElementsOf(tsharkWithKeys());
    }
}
