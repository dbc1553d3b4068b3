package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS connections whose key exchange is RSA, opened with the server's private key as tshark's
 * RSA keys list opens them ({@code -o uat:rsa_keys:"FILE",""}). samples/loopback-https-rsa.pcap
 * (scripts/loopback-https-rsa.sh) holds four such HTTPS requests: TLS 1.2 AES-128-GCM with the
 * extended master secret, TLS 1.2 AES-256-CBC-SHA256, TLS 1.2 AES-128-CBC-SHA without the
 * extended master secret, TLS 1.0 AES-256-CBC-SHA (whose client sends an empty record before its
 * request, OpenSSL's countermeasure to BEAST); one ECDHE request the key cannot open; and two
 * pairs of connections where the second resumes the first's session, by ticket (RFC 5077) and by
 * session ID, in an abbreviated handshake with no key exchange to open (the session's master
 * secret is kept from the first, as Wireshark's session cache keeps it). Expected: tshark 4.0.17
 * with the same key (testdata/tshark/samples/loopback-https-rsa.pcap.rsa-summary.txt).
 */
class TlsRsaDecryptionTest {
    private static final String CAPTURE = SharedCaptures.capture("samples/loopback-https-rsa.pcap").toString();
    private static final Path KEY = SharedCaptures.root().resolve("samples/loopback-https-rsa.key");
    private static final Path PKCS1_KEY = SharedCaptures.root().resolve("samples/loopback-https-rsa.pkcs1.key");

    private static List<String> tsharkWithKey() throws IOException {
        return Files.readAllLines(SharedCaptures.tshark("samples/loopback-https-rsa.pcap", "rsa-summary.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void theServersKeyOpensEveryRsaKeyExchangeAsTsharkOpensIt() throws IOException {
        List<String> expected = tsharkWithKey();
        assertThat(expected).anyMatch(l -> l.contains("HTTP 228 GET /tls10 HTTP/1.1"))
                .anyMatch(l -> l.contains(" GET /ticket-resumed HTTP/1.1")).anyMatch(l -> l.contains(" GET /id-resumed HTTP/1.1"))
                .anyMatch(l -> l.endsWith("Client Key Exchange, Change Cipher Spec, Encrypted Handshake Message"));
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "-o", "uat:rsa_keys:\"" + KEY + "\",\"\"").lines())
                .as("tshark's RSA keys list").containsExactlyElementsOf(expected);
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-rsa-key", KEY.toString()).lines())
                .containsExactlyElementsOf(expected);
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-rsa-key", PKCS1_KEY.toString()).lines())
                .as("the same key in PKCS #1's PEM").containsExactlyElementsOf(expected);
    }

    @Test
    void withoutTheKeyTheRecordsStayEncrypted() throws IOException {
        List<String> plain = TsharkParityTest.run("packets", "-r", CAPTURE).lines();
        assertThat(plain).containsExactlyElementsOf(Files.readAllLines(
                SharedCaptures.tshark("samples/loopback-https-rsa.pcap", "summary.txt"), StandardCharsets.UTF_8));
        assertThat(plain).noneMatch(l -> l.contains(" HTTP "));
    }

    /**
     * NSS's "RSA" key log lines (the first 8 bytes of the encrypted pre-master secret, then the
     * pre-master secret) open the same connections: written here from the capture's
     * ClientKeyExchange messages and the key.
     */
    @Test
    void rsaKeyLogLinesOpenThemToo(@TempDir Path dir) throws IOException, GeneralSecurityException {
        byte[] capture = Files.readAllBytes(Path.of(CAPTURE));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(KEY, "PRIVATE KEY")));
        // A ClientKeyExchange of a 2048-bit key: type 16, length 258, the encrypted secret's length 256.
        byte[] header = HexFormat.of().parseHex("100001020100");
        List<String> lines = new ArrayList<>();
        for (int at = 0; at + header.length + 256 <= capture.length; at++) {
            if (java.util.Arrays.equals(capture, at, at + header.length, header, 0, header.length)) {
                byte[] encrypted = java.util.Arrays.copyOfRange(capture, at + header.length, at + header.length + 256);
                Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(Cipher.DECRYPT_MODE, key);
                lines.add("RSA " + HexFormat.of().formatHex(encrypted, 0, 8) + " " + HexFormat.of().formatHex(rsa.doFinal(encrypted)));
            }
        }
        assertThat(lines).hasSize(6);
        Path keyLog = Files.write(dir.resolve("rsa.keys"), lines);
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog", keyLog.toString()).lines())
                .containsExactlyElementsOf(tsharkWithKey());
        // An RSA line whose parts are not an 8-byte prefix and a 48-byte secret is passed over and counted.
        List<String> damaged = new ArrayList<>(lines);
        damaged.add("RSA 0011 " + "ab".repeat(48));
        damaged.add("RSA " + "00".repeat(8) + " " + "ab".repeat(47));
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-keylog",
                Files.write(dir.resolve("damaged.keys"), damaged).toString());
        assertThat(r.lines()).containsExactlyElementsOf(tsharkWithKey());
        assertThat(r.err()).contains("2 lines of the TLS key log");
    }

    @Test
    void anotherServersKeyOpensNothing(@TempDir Path dir) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] other = generator.generateKeyPair().getPrivate().getEncoded();
        Path file = Files.writeString(dir.resolve("other.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(other) + "\n-----END PRIVATE KEY-----\n");
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-rsa-key", file.toString());
        assertThat(r.lines()).containsExactlyElementsOf(TsharkParityTest.run("packets", "-r", CAPTURE).lines());
        assertThat(r.err()).contains("the RSA private key opened no TLS key exchange read here");
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-rsa-key", KEY.toString()).err())
                .doesNotContain("opened no TLS key exchange");
    }

    @Test
    void aKeyThatCannotBeUsedIsRefusedWithItsReason(@TempDir Path dir) throws IOException {
        Path encrypted = Files.writeString(dir.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n");
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-rsa-key", encrypted.toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("cannot use the RSA private key").contains("the private key is encrypted");
        Path text = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-rsa-key", text.toString()).err())
                .contains("no \"BEGIN PRIVATE KEY\" or \"BEGIN RSA PRIVATE KEY\" block");
        assertThat(TsharkParityTest.run("packets", "-r", CAPTURE, "--tls-rsa-key", dir.resolve("missing.pem").toString()).err())
                .contains("cannot use the RSA private key");
        TsharkParityTest.Result record = TsharkParityTest.run("packets", "-r", CAPTURE, "-o", "uat:rsa_keys:" + KEY);
        assertThat(record.status()).isNotZero();
        assertThat(record.err()).contains("is not \"FILE\",\"PASSWORD\"");
    }

    private static byte[] pem(Path file, String label) throws IOException {
        String text = Files.readString(file);
        String body = text.substring(text.indexOf("-----BEGIN " + label + "-----") + label.length() + 16,
                text.indexOf("-----END " + label + "-----"));
        return Base64.getMimeDecoder().decode(body);
    }
}
