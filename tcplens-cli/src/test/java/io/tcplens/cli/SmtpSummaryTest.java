package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP's lines in the packet list, built byte by byte for the cases the shared captures lack.
 * Expected: tshark 4.0.17 -n on the same bytes (protocol and info columns; frame.protocols).
 */
class SmtpSummaryTest {
    private static final String REASSEMBLED = "[TCP segment of a reassembled PDU]";

    static Path dialogue(Path dir) throws IOException {
        return new TcpDialogue(40000, 25).handshake()
                .server("220 mx.example ESMTP\r\n")
                .client("EHLO client.example\r\n")
                // A multi-line reply whose last line is its code alone.
                .server("250-mx.example\r\n250-AUTH PLAIN LOGIN\r\n250\r\n")
                .client("AUTH PLAIN AGJvYgBzZWNyZXQ=\r\n")
                .server("235 2.7.0 ok\r\n")
                // Pipelined commands, and replies, in one segment each.
                .client("MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n")
                .server("250 ok\r\n250 ok\r\n")
                .client("DATA\r\n")
                .server("354 go\r\n")
                // A message without Content-Type: its lines go to the Info column; a folded Subject.
                .client("From: A <a@b.example>\r\nSubject: hi\r\n\tthere\r\n\r\nline one\r\n")
                // A line without its end waits for the next segment.
                .client("line tw")
                .client("o\r\n.\r\n")
                .server("250 queued\r\n")
                .client("DATA\r\n")
                .server("354 go\r\n")
                .client("From: b@b.example\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
                        + "preamble\r\n--XX\r\nContent-Type: multipart/alternative; boundary=YY\r\n\r\n"
                        + "--YY\r\nContent-Type: text/plain\r\n\r\nplain\r\n--YY\r\nContent-Type: TEXT/HTML; charset=x\r\n\r\n<p>\r\n--YY--\r\n"
                        + "--XX\r\nContent-Type: application/octet-stream\r\n\r\nAAAA\r\n"
                        + "--XX\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
                        + "--XX\r\n\r\nno type\r\n--XX--\r\n.\r\n")
                .server("250 queued\r\n")
                .client("DATA\r\n")
                .server("354 go\r\n")
                .client("Subject: b64\r\nContent-Type: Text/Plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8K\r\n.\r\n")
                .server("250 queued\r\n")
                .client("AUTH LOGIN dXNlcg==\r\n")
                .server("334 UGFzc3dvcmQ6\r\n")
                .client("cGFzcw==\r\n")
                .server("535 no\r\n")
                .client("NOOP\r\n")
                // A reply split inside its line.
                .server("250 fi")
                .server("ne\r\n")
                .client("STARTTLS\r\n")
                .server("220 ready\r\n")
                .client(TlsBytes.record(22, TlsBytes.clientHello("mx.example")))
                .write(dir.resolve("smtp-dialogue.pcap"));
    }

    @Test
    void linesAreTsharks(@TempDir Path dir) throws IOException {
        // Commands and replies one line or several to a segment; a code-only last reply line; a
        // message without Content-Type (its lines in the Info column, with format_text_wsp's
        // spaces for the line ends); a line split across segments and a reply split inside its
        // line (TCP's words and the reassembly marker, then the whole line); MIME parts nested,
        // raw, base64-encoded and without a type; a top-level base64 body (decoded, its type as
        // written); AUTH LOGIN with the user on the command line and the password after 334;
        // STARTTLS, its 220, and TLS from the next segment on.
        Path capture = dialogue(dir);
        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TCP|40000 \u2192 25 [SYN] Seq=0 Win=8192 Len=0",
                "TCP|25 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0",
                "TCP|40000 \u2192 25 [ACK] Seq=1 Ack=1 Win=8192 Len=0",
                "SMTP|S: 220 mx.example ESMTP",
                "SMTP|C: EHLO client.example",
                "SMTP|S: 250-mx.example | AUTH PLAIN LOGIN | 250",
                "SMTP|C: AUTH PLAIN AGJvYgBzZWNyZXQ=",
                "SMTP|S: 235 2.7.0 ok",
                "SMTP|C: MAIL FROM:<a@b.example> | RCPT TO:<c@d.example>",
                "SMTP|S: 250 ok | 250 ok",
                "SMTP|C: DATA",
                "SMTP|S: 354 go",
                "SMTP|C: DATA fragment, 56 bytes",
                "TCP|40000 \u2192 25 [PSH, ACK] Seq=161 Ack=104 Win=8192 Len=7 [TCP segment of a reassembled PDU]",
                "SMTP/IMF|from: A <a@b.example>, subject: hi\\r\\n\\tthere, , line one  , line two  ",
                "SMTP|S: 250 queued",
                "SMTP|C: DATA",
                "SMTP|S: 354 go",
                "SMTP/IMF|from: b@b.example, subject: parts,  (text/plain) (text/html) (image/png)",
                "SMTP|S: 250 queued",
                "SMTP|C: DATA",
                "SMTP|S: 354 go",
                "SMTP/IMF|subject: b64,  (Text/Plain)",
                "SMTP|S: 250 queued",
                "SMTP|C: AUTH LOGIN User: dXNlcg==",
                "SMTP|S: 334 UGFzc3dvcmQ6",
                "SMTP|C: Pass: cGFzcw==",
                "SMTP|S: 535 no",
                "SMTP|C: NOOP",
                "TCP|25 \u2192 40000 [PSH, ACK] Seq=182 Ack=741 Win=8192 Len=6 [TCP segment of a reassembled PDU]",
                "SMTP|S: 250 fine",
                "SMTP|C: STARTTLS",
                "SMTP|S: 220 ready",
                "TLSv1|Client Hello");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.protocols").lines())
                .containsExactly(
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp:data-text-lines",
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp:smtp:imf",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp:imf:mime_multipart:mime_multipart:data-text-lines:data-text-lines:data:media:data",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp:imf:data-text-lines",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:smtp",
                "eth:ethertype:ip:tcp:tls");
    }

    @Test
    void fieldsAreTsharks(@TempDir Path dir) throws IOException {
        // smtp.req once per command line, smtp.response.code once per reply (a multi-line reply's
        // later lines add their text only), the command as its first four characters (STAR, TLS).
        Path capture = dialogue(dir);
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "smtp or imf", "-T", "fields",
                "-E", "occurrence=a", "-e", "frame.number", "-e", "smtp.req", "-e", "smtp.rsp", "-e", "smtp.req.command",
                "-e", "smtp.req.parameter", "-e", "smtp.response.code", "-e", "smtp.rsp.parameter", "-e", "imf.from",
                "-e", "imf.subject").lines()).containsExactly(
                "4\t\t1\t\t\t220\tmx.example ESMTP\t\t",
                "5\t1\t\tEHLO\tclient.example\t\t\t\t",
                "6\t\t1\t\t\t250\tmx.example,AUTH PLAIN LOGIN\t\t",
                "7\t1\t\tAUTH\tPLAIN AGJvYgBzZWNyZXQ=\t\t\t\t",
                "8\t\t1\t\t\t235\t2.7.0 ok\t\t",
                "9\t1,1\t\tMAIL,RCPT\tFROM:<a@b.example>,TO:<c@d.example>\t\t\t\t",
                "10\t\t1\t\t\t250,250\tok,ok\t\t",
                "11\t1\t\tDATA\t\t\t\t\t",
                "12\t\t1\t\t\t354\tgo\t\t",
                "13\t\t\t\t\t\t\t\t",
                "15\t\t\t\t\t\t\tA <a@b.example>\thi\\r\\n\\tthere",
                "16\t\t1\t\t\t250\tqueued\t\t",
                "17\t1\t\tDATA\t\t\t\t\t",
                "18\t\t1\t\t\t354\tgo\t\t",
                "19\t\t\t\t\t\t\tb@b.example\tparts",
                "20\t\t1\t\t\t250\tqueued\t\t",
                "21\t1\t\tDATA\t\t\t\t\t",
                "22\t\t1\t\t\t354\tgo\t\t",
                "23\t\t\t\t\t\t\t\tb64",
                "24\t\t1\t\t\t250\tqueued\t\t",
                "25\t1\t\tAUTH\tLOGIN dXNlcg==\t\t\t\t",
                "26\t\t1\t\t\t334\tUGFzc3dvcmQ6\t\t",
                "27\t1\t\t\t\t\t\t\t",
                "28\t\t1\t\t\t535\tno\t\t",
                "29\t1\t\tNOOP\t\t\t\t\t",
                "31\t\t1\t\t\t250\tfine\t\t",
                "32\t1\t\tSTAR\tTLS\t\t\t\t",
                "33\t\t1\t\t\t220\tready\t\t");
    }

    @Test
    void explainTellsTheDialogueWithoutItsPasswords(@TempDir Path dir) throws IOException {
        // The story: each command and reply, message data told once where its message ends, what
        // AUTH sends masked (the user stays, as FTP's USER does), then TLS after STARTTLS.
        String story = TsharkParityTest.run("explain", "-r", dialogue(dir).toString()).out();
        assertThat(story).contains("client \u2192 server  C: EHLO client.example")
                .contains("client \u2192 server  C: AUTH PLAIN ****")
                .contains("client \u2192 server  message ends: from: b@b.example, subject: parts,  (text/plain) (text/html) (image/png)")
                .contains("C: AUTH LOGIN User: dXNlcg==")
                .contains("client \u2192 server  C: ****")
                .contains("TLS begins: the plaintext phase asked for it in #32 (STARTTLS)")
                .doesNotContain("AGJvYgBzZWNyZXQ=").doesNotContain("cGFzcw==").doesNotContain("DATA fragment");
    }

    @Test
    void explainNamesTheProtocolOfAConnectionThatStaysInClear() {
        String story = TsharkParityTest.run("explain", "-r",
                io.tcplens.testing.SharedCaptures.capture("zeek/smtp.pcap").toString(), "--stream", "0").out();
        assertThat(story).contains("Application: SMTP\n")
                .contains("#14    client \u2192 server  C: ****")
                .contains("#45    client \u2192 server  message ends: from: \"Gurpartap Singh\" <gurpartap@patriots.in>, subject: SMTP,");
        // The JSON story names it the same way (not the "text" tcplens's recognition calls it first).
        assertThat(TsharkParityTest.run("explain", "-T", "json", "-r",
                io.tcplens.testing.SharedCaptures.capture("zeek/smtp.pcap").toString(), "--stream", "0").out())
                .contains("\"application\":{\"protocol\":\"smtp\"");
    }
}
