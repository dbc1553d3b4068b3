package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on port 443 where bytes are no record start: a capture that began inside a record, bytes
 * that are no record in a TLS 1.2 session, an SSL 2.0 look-alike. Wireshark 4.0 reads each
 * segment that does not continue a record as a record's start again (packet-tls.c, dissect_ssl):
 * "Continuation Data" while it knows no version (protocol column "SSL"), "Ignored Unknown Record"
 * in a TLS 1.0 to 1.2 session, and the records after are read again. Before, tcplens stopped
 * reading a direction at the first such bytes, and did not read a connection at all whose first
 * bytes were no record. Expected: tshark 4.0.17 -n on the same bytes.
 */
class TlsResynchronisationTest {
    private static final String REASSEMBLED = "[TCP segment of a reassembled PDU]";

    @Test
    void eachSegmentThatContinuesNoRecordIsReadAsARecordStart(@TempDir Path dir) throws IOException {
        Path capture = new TcpDialogue(50000, 443)
                .server("\u008f\u0001\u0009tail of a record")
                .client("\u0017\u0003\u0003\u0000\u0003abc")
                .server("\u0017\u0003\u0003\u0000\u0005hello")
                .server("\u0017\u0003\u0003\u0000\u00200123456789")
                .server("0123456789abcdefghijkl")
                .server("\u0005\u0006\u0007 not a record")
                .server("\u0017\u0003\u0003\u0000\u0002hi", 2000)
                .server("\u0015\u0003\u0003\u0000\u0002\u0002\u0028")
                .server("\u008f\u0001\u0002 sslv2-like, in a TLS 1.2 session")
                .write(dir.resolve("tls-resync.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "SSL|Continuation Data",
                "TLSv1.2|Application Data",
                "TLSv1.2|Application Data",
                "TCP|" + REASSEMBLED,
                "TLSv1.2|Application Data",
                "TLSv1.2|Ignored Unknown Record",
                "TLSv1.2|[TCP ACKed unseen segment] , Application Data",
                "TLSv1.2|Alert (Level: Fatal, Description: Handshake Failure)",
                "TLSv1.2|Ignored Unknown Record");
        // explain counts the same three server segments tshark skips (frames 1, 6 and 9).
        assertThat(TsharkParityTest.run("explain", "-r", capture.toString()).out())
                .contains("3 segment(s) of the server's data began with no TLS record (the first in #1)");
    }

    @Test
    void anSsl2LookAlikeBeforeAnyVersionIsReadToItsLength(@TempDir Path dir) throws IOException {
        // 0x8f00 with message type 2: an SSL 2.0 record of 3,840 bytes to Wireshark, which waits for them.
        Path capture = new TcpDialogue(50001, 443)
                .server("\u008f\u0000\u0002abc")
                .server("\u0017\u0003\u0003\u0000\u0002hi")
                .write(dir.resolve("tls-sslv2-like.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TCP|" + REASSEMBLED,
                "TCP|443 \u2192 50001 [PSH, ACK] Seq=7 Ack=1 Win=8192 Len=7 " + REASSEMBLED);
    }
}
