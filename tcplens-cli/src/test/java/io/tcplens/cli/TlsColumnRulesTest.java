package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules of Wireshark 4.0's TLS dissector for its protocol and info columns, each found where
 * tcplens's lines differed from tshark's on nDPI 4.2's test captures. Expected: tshark 4.0.17 -n
 * on the same bytes.
 *
 * <p>A client that offers early data (0-RTT, RFC 8446 section 4.2.10) sends its ChangeCipherSpec and
 * first application data before the server's ServerHello. Only TLS 1.3 has early data, so
 * Wireshark 4.0 takes the session for TLS 1.3 as soon as it has read such a ClientHello
 * (packet-tls.c, dissect_tls_handshake), and names those frames TLSv1.3 where tcplens named them
 * after their records' version (TLSv1.2), as in nDPI's no_sni.pcap (frames 12 and 13). The
 * ClientHello's own frame keeps its record's version: the column is named when a record begins.
 *
 * <p>A ServerHello choosing a TLS 1.3 draft (0x7f00 + N, or Facebook's fizz drafts 0xfb17 and
 * 0xfb1a) makes the session TLS 1.3 as the final version does (ssl_try_set_version); tcplens
 * named such frames "TLS" (instagram.pcap, frames 750 on).
 *
 * <p>An alert record is read as level and description only when it is 2 bytes long; any other
 * length is an "Encrypted Alert" (dissect_ssl3_alert), also before any ChangeCipherSpec was seen
 * (a capture that began mid-connection; instagram.pcap, frame 663).
 */
class TlsColumnRulesTest {
    @Test
    void aClientHelloOfferingEarlyDataMakesTheSessionTls13BeforeTheServerHello(@TempDir Path dir) throws IOException {
        byte[] earlyData = TlsBytes.extension(42, new byte[0]);
        Path capture = new TcpDialogue(50002, 443)
                .client(TlsBytes.record(22, TlsBytes.clientHello("example.com", earlyData)))
                .client(tls12Record(20, new byte[] {1}))
                .client(tls12Record(23, new byte[40]))
                .server(TlsBytes.concat(tls12Record(22, TlsBytes.serverHello(false, 0x001d)),
                        tls12Record(20, new byte[] {1})))
                .write(dir.resolve("tls-early-data.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TLSv1|Client Hello",
                "TLSv1.3|Change Cipher Spec",
                "TLSv1.3|Application Data",
                "TLSv1.3|Server Hello, Change Cipher Spec");
    }

    @Test
    void withoutEarlyDataTheRecordsVersionNamesTheFrameUntilTheServerHello(@TempDir Path dir) throws IOException {
        Path capture = new TcpDialogue(50003, 443)
                .client(TlsBytes.record(22, TlsBytes.clientHello("example.com")))
                .client(tls12Record(20, new byte[] {1}))
                .write(dir.resolve("tls-no-early-data.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TLSv1|Client Hello",
                "TLSv1.2|Change Cipher Spec");
    }

    @Test
    void aServerHelloChoosingATls13DraftMakesTheSessionTls13(@TempDir Path dir) throws IOException {
        Path capture = new TcpDialogue(50004, 443)
                .client(TlsBytes.record(22, TlsBytes.clientHello("example.com")))
                .server(TlsBytes.concat(tls12Record(22, serverHelloChoosing(0xfb1a)), tls12Record(20, new byte[] {1})))
                .server(tls12Record(23, new byte[30]))
                .client(tls12Record(20, new byte[] {1}))
                .write(dir.resolve("tls-fizz-draft.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TLSv1|Client Hello",
                "TLSv1.3|Server Hello, Change Cipher Spec",
                "TLSv1.3|Application Data",
                "TLSv1.3|Change Cipher Spec");
        assertThat(TsharkParityTest.run("tls", "-r", capture.toString()).out()).contains("TLS 1.3 (Facebook draft 26)");
    }

    @Test
    void anAlertRecordOfAnotherLengthThanTwoIsAnEncryptedAlert(@TempDir Path dir) throws IOException {
        Path capture = new TcpDialogue(50005, 443)
                .client(tls12Record(21, new byte[] {44, (byte) 224, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
                .client(tls12Record(21, new byte[] {2, 40}))
                .write(dir.resolve("tls-alerts.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TLSv1.2|Encrypted Alert",
                "TLSv1.2|Alert (Level: Fatal, Description: Handshake Failure)");
    }

    /** A ServerHello (RFC 8446, section 4.1.3) whose supported_versions extension chooses {@code version}. */
    private static byte[] serverHelloChoosing(int version) {
        byte[] hello = TlsBytes.serverHello(false, 0x001d);
        // serverHello's extensions begin with supported_versions: type, length 2, then the version.
        int at = 4 + 2 + 32 + 1 + 2 + 1 + 2 + 4;
        hello[at] = (byte) (version >> 8);
        hello[at + 1] = (byte) version;
        return hello;
    }

    private static byte[] tls12Record(int type, byte[] body) {
        byte[] r = TlsBytes.record(type, body);
        r[2] = 0x03;
        return r;
    }
}
