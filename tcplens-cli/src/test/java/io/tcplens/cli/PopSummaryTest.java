package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POP3's lines and fields in the packet list, built byte by byte (the shared captures have no
 * POP3). Expected: tshark 4.0.17 -n on the same bytes.
 */
class PopSummaryTest {
    static final String MESSAGE = "From: A <a@b.example>\r\nSubject: hello\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nbody line\r\n";

    static Path dialogue(Path dir) throws IOException {
        return new TcpDialogue(40000, 110).handshake()
                .server("+OK POP3 ready\r\n")
                .client("USER bob\r\n")
                .server("+OK\r\n")
                .client("PASS secret\r\n")
                .server("+OK logged in\r\n")
                .client("LIST\r\n")
                .server("+OK 2 messages\r\n1 " + MESSAGE.length() + "\r\n")
                .server("2 10\r\n.\r\n")
                .client("RETR 1\r\n")
                .server("+OK " + MESSAGE.length() + " octets\r\n")
                .server(MESSAGE.substring(0, 40))
                .server(MESSAGE.substring(40) + ".\r\n")
                .client("TOP 2 0\r\n")
                .server("-ERR no such message\r\n")
                .client("STLS\r\n")
                .server("+OK Begin TLS\r\n")
                .client(TlsBytes.record(22, TlsBytes.clientHello("mx.example")))
                .write(dir.resolve("pop-dialogue.pcap"));
    }

    @Test
    void linesAndFieldsAreTsharks(@TempDir Path dir) throws IOException {
        // Each segment's first line; a reply whose later lines come in their own segment (a LIST):
        // Wireshark takes any server segment not beginning with +OK or -ERR for message data, and,
        // no size being announced, reads it at once as a message of its own (frame 11); RETR's
        // +OK announces the size, and the data segments after it make the message once they reach
        // it (frame 15); -ERR; STLS and TLS after its +OK.
        Path capture = dialogue(dir);
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info", "-e", "frame.protocols",
                "-e", "pop.request.command", "-e", "pop.request.parameter", "-e", "pop.response.indicator",
                "-e", "pop.response.description", "-e", "imf.subject").lines()).containsExactly(
                "1|TCP|40000 \u2192 110 [SYN] Seq=0 Win=8192 Len=0|eth:ethertype:ip:tcp|||||",
                "2|TCP|110 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp|||||",
                "3|TCP|40000 \u2192 110 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp|||||",
                "4|POP|S: +OK POP3 ready|eth:ethertype:ip:tcp:pop|||+OK|POP3 ready|",
                "5|POP|C: USER bob|eth:ethertype:ip:tcp:pop|USER|bob|||",
                "6|POP|S: +OK|eth:ethertype:ip:tcp:pop|||+OK||",
                "7|POP|C: PASS secret|eth:ethertype:ip:tcp:pop|PASS|secret|||",
                "8|POP|S: +OK logged in|eth:ethertype:ip:tcp:pop|||+OK|logged in|",
                "9|POP|C: LIST|eth:ethertype:ip:tcp:pop|LIST||||",
                "10|POP|S: +OK 2 messages|eth:ethertype:ip:tcp:pop|||+OK|2 messages|",
                "11|POP/IMF|2 10  , .  |eth:ethertype:ip:tcp:pop:imf|||||",
                "12|POP|C: RETR 1|eth:ethertype:ip:tcp:pop|RETR|1|||",
                "13|POP|S: +OK 96 octets|eth:ethertype:ip:tcp:pop|||+OK|96 octets|",
                "14|POP|S: DATA fragment, 40 bytes|eth:ethertype:ip:tcp:pop|||||",
                "15|POP/IMF|from: A <a@b.example>, subject: hello,  (text/plain)|eth:ethertype:ip:tcp:pop:imf:data-text-lines|||||hello",
                "16|POP|C: TOP 2 0|eth:ethertype:ip:tcp:pop|TOP|2 0|||",
                "17|POP|S: -ERR no such message|eth:ethertype:ip:tcp:pop|||-ERR|no such message|",
                "18|POP|C: STLS|eth:ethertype:ip:tcp:pop|STLS||||",
                "19|POP|S: +OK Begin TLS|eth:ethertype:ip:tcp:pop|||+OK|Begin TLS|",
                "20|TLSv1|Client Hello|eth:ethertype:ip:tcp:tls|||||");
    }

    @Test
    void explainTellsTheDialogueWithoutItsPasswords(@TempDir Path dir) throws IOException {
        String story = TsharkParityTest.run("explain", "-r", dialogue(dir).toString()).out();
        assertThat(story).contains("client \u2192 server  C: PASS ****")
                .contains("client \u2190 server  message ends: from: A <a@b.example>, subject: hello,  (text/plain)")
                .contains("TLS begins: the plaintext phase asked for it in #18 (STLS)")
                .doesNotContain("secret").doesNotContain("DATA fragment");
    }
}
