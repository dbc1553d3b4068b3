package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that offers early data (0-RTT, RFC 8446 section 4.2.10) sends its ChangeCipherSpec and
 * first application data before the server's ServerHello. Only TLS 1.3 has early data, so
 * Wireshark 4.0 takes the session for TLS 1.3 as soon as it has read such a ClientHello
 * (packet-tls.c, dissect_tls_handshake), and names those frames TLSv1.3 where tcplens named them
 * after their records' version (TLSv1.2), as in nDPI's no_sni.pcap (frames 12 and 13). The
 * ClientHello's own frame keeps its record's version: the column is named when a record begins.
 * Expected: tshark 4.0.17 -n on the same bytes.
 */
class TlsEarlyDataTest {
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

    private static byte[] tls12Record(int type, byte[] body) {
        byte[] r = TlsBytes.record(type, body);
        r[2] = 0x03;
        return r;
    }
}
