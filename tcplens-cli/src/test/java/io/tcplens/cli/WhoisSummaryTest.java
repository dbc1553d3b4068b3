package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WHOIS in the packet list, as Wireshark 4.0's WHOIS dissector shows it. Expected: tshark
 * 4.0.17 -n on the same bytes, and its lines for tcpdump/whois.pcap.
 */
class WhoisSummaryTest {
    static Path dialogue(Path dir) throws IOException {
        return new TcpDialogue(40000, 43).handshake()
                .client("exam")
                .client("ple.com\r\n")
                .server("% IANA WHOIS server\r\n")
                .server("domain: EXAMPLE.COM\r\n")
                .server("status: ACTIVE\r\n")
                .close()
                .write(dir.resolve("whois-dialogue.pcap"));
    }

    @Test
    void linesAndProtocolsAreTsharks(@TempDir Path dir) throws IOException {
        // The query split before its CRLF (its words name the first segment's line, as Wireshark
        // keeps it: "exam"); the answer's first segment (WHOIS's words and the marker), the
        // segments Wireshark's TCP then holds without calling WHOIS (TCP's words), and the
        // server's FIN, which ends the answer (WHOIS).
        assertThat(TcpDialogue.columnsAndProtocols(dialogue(dir))).containsExactly(
                "1|TCP|40000 \u2192 43 [SYN] Seq=0 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "2|TCP|43 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "3|TCP|40000 \u2192 43 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "4|TCP|Query: exam [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp",
                "5|WHOIS|Query: exam|eth:ethertype:ip:tcp:whois",
                "6|TCP|Answer: exam [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp",
                "7|TCP|43 \u2192 40000 [PSH, ACK] Seq=22 Ack=14 Win=8192 Len=21 [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp",
                "8|TCP|43 \u2192 40000 [PSH, ACK] Seq=43 Ack=14 Win=8192 Len=16 [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp",
                "9|TCP|40000 \u2192 43 [FIN, ACK] Seq=14 Ack=59 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "10|WHOIS|Answer: exam|eth:ethertype:ip:tcp:whois",
                "11|TCP|40000 \u2192 43 [ACK] Seq=15 Ack=60 Win=8192 Len=0|eth:ethertype:ip:tcp");
    }

    @Test
    void sharedCaptureLinesAreTsharks() throws IOException {
        TsharkParityTest.summaryLinesAreTsharks("tcpdump/whois.pcap");
    }

    @Test
    void aQueryIsShownAsWiresharkReadsItAsAscii(@TempDir Path dir) throws IOException {
        // The query after its first eight bytes holds bytes above 0x7F (UTF-8 é, then Latin-1 é):
        // Wireshark reads it with ENC_ASCII, each such byte U+FFFD (tshark 4.0.17 on these bytes).
        Path capture = new TcpDialogue(40000, 43).handshake()
                .client("example.com caf\u00c3\u00a9 \u00e9\r\n")
                .write(dir.resolve("whois-ascii.pcap"));
        assertThat(TcpDialogue.columns(capture)).last().isEqualTo("WHOIS|Query: example.com caf\ufffd\ufffd \ufffd");
    }
}
