package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMAP's lines in the packet list, built byte by byte for the cases suricata's tcp-async-01.pcap
 * (one side of an IMAP session with a long FETCH) lacks. Expected: tshark 4.0.17 -n on the same
 * bytes (protocol and info columns; frame.protocols).
 */
class ImapSummaryTest {
    static final String MESSAGE = "From: A <a@b.example>\r\nSubject: hello\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nbody line\r\n";

    static Path dialogue(Path dir) throws IOException {
        String literal = "* 1 FETCH (RFC822 {" + MESSAGE.length() + "}\r\n";
        return new TcpDialogue(40000, 143).handshake()
                .server("* OK IMAP4rev1 ready\r\n")
                .client("a1 CAPABILITY\r\n")
                .server("* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK done\r\n")
                .client("a2 LOGIN bob secret\r\n")
                .server("a2 OK LOGIN completed\r\n")
                .client("a3 SELECT INBOX\r\na4 NOOP\r\n")
                .server("* 2 EXISTS\r\n* 0 RECENT\r\n")
                .server("a3 OK [READ-WRITE] SELECT completed\r\na4 OK NOOP\r\n")
                .client("a5 NO")
                .client("OP\r\n")
                .server("a5 OK done\r\n* 1 EXI")
                .server("STS\r\n")
                .client("a6 FETCH 1 RFC822\r\n")
                .server(literal + MESSAGE.substring(0, 30))
                .server(MESSAGE.substring(30) + ")\r\n")
                .server("a6 OK FETCH completed\r\n")
                .server("* 3 EXISTS\r\n* 4 REC")
                .server("ENT\r\n")
                .client("a8 FETCH 2 RFC822\r\n")
                .server("a0 OK\r\n" + literal.replace("* 1", "* 2") + MESSAGE.substring(0, 30))
                .server(MESSAGE.substring(30) + ")\r\na8 OK FETCH completed\r\n")
                .server("* 5 FETCH (FLAGS (\\Seen))\r\n")
                .client("a7 STARTTLS\r\n")
                .server("a7 OK Begin TLS\r\n")
                .client(TlsBytes.record(22, TlsBytes.clientHello("mx.example")))
                .write(dir.resolve("imap-dialogue.pcap"));
    }

    @Test
    void linesAreTsharks(@TempDir Path dir) throws IOException {
        // Requests and responses; several lines in a segment (the first tagged one is shown); only
        // untagged lines (the buffer's first characters, the last line's length of them: "* 2
        // EXISTS" of "* 2 EXISTS\r\n* 0 RECENT"); a request split inside its line (TCP's words and
        // the marker, then the whole line); a tagged line followed by an incomplete one (the first
        // shown, the rest read with the next segment); untagged lines followed by an incomplete one
        // (IMAP, but TCP's words); a FETCH literal split across segments (the first shows TCP and
        // the marker though IMAP read its first line, the last the message as IMF), after a tagged
        // line in the same segment; a FETCH without a literal; STARTTLS and TLS after its OK.
        Path capture = dialogue(dir);
        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TCP|40000 \u2192 143 [SYN] Seq=0 Win=8192 Len=0",
                "TCP|143 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0",
                "TCP|40000 \u2192 143 [ACK] Seq=1 Ack=1 Win=8192 Len=0",
                "IMAP|Response: * OK IMAP4rev1 ready",
                "IMAP|Request: a1 CAPABILITY",
                "IMAP|Response: a1 OK done",
                "IMAP|Request: a2 LOGIN bob secret",
                "IMAP|Response: a2 OK LOGIN completed",
                "IMAP|Request: a3 SELECT INBOX",
                "IMAP|Response: * 2 EXISTS",
                "IMAP|Response: a3 OK [READ-WRITE] SELECT completed",
                "TCP|40000 \u2192 143 [PSH, ACK] Seq=63 Ack=164 Win=8192 Len=5 [TCP segment of a reassembled PDU]",
                "IMAP|Request: a5 NOOP",
                "IMAP|Response: a5 OK done",
                "IMAP|Response: * 1 EXISTS",
                "IMAP|Request: a6 FETCH 1 RFC822",
                "TCP|143 \u2192 40000 [PSH, ACK] Seq=188 Ack=91 Win=8192 Len=54 [TCP segment of a reassembled PDU]",
                "IMAP/IMF|from: A <a@b.example>, subject: hello,  (text/plain)",
                "IMAP|Response: a6 OK FETCH completed",
                "IMAP|143 \u2192 40000 [PSH, ACK] Seq=334 Ack=91 Win=8192 Len=19",
                "IMAP|Response: * 4 RECENT",
                "IMAP|Request: a8 FETCH 2 RFC822",
                "IMAP|Response: a0 OK",
                "IMAP/IMF|from: A <a@b.example>, subject: hello,  (text/plain)",
                "IMAP|Response: * 5 FETCH (FLAGS (\\Seen))",
                "IMAP|Request: a7 STARTTLS",
                "IMAP|Response: a7 OK Begin TLS",
                "TLSv1|Client Hello");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.protocols").lines())
                .containsExactly(
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap:imf:data-text-lines",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap:imf:data-text-lines",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:imap",
                "eth:ethertype:ip:tcp:tls");
    }

    @Test
    void explainTellsTheDialogueWithoutItsPasswords(@TempDir Path dir) throws IOException {
        String story = TsharkParityTest.run("explain", "-r", dialogue(dir).toString()).out();
        assertThat(story).contains("client \u2192 server  Request: a2 LOGIN bob ****")
                .contains("client \u2190 server  message fetched: from: A <a@b.example>, subject: hello,  (text/plain)")
                .contains("TLS begins: the plaintext phase asked for it in #26 (STARTTLS)")
                .doesNotContain("secret");
    }
}
