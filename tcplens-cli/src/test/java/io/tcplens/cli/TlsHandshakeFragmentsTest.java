package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handshake messages that span TLS records, and handshake records Wireshark takes for encrypted,
 * as Wireshark 4.0's TLS shows them (packet-tls.c, dissect_tls_handshake and
 * is_encrypted_handshake_message). Expected: tshark 4.0.17 -n on the same bytes.
 *
 * <p>Found on Wireshark's own test capture tls-fragmented-handshakes.pcap, where tcplens wrote
 * "Continuation Data" for a record holding the start or the middle of a ClientHello, and nothing
 * for a fragment after complete messages: a record whose first message is cut shows "[Client
 * Hello Fragment]", a record in the middle of a message shows nothing, and the record that
 * completes it shows the message's name. A record header that one segment cuts and the next
 * completes makes TCP call TLS again with the next segment, so a record still incomplete there
 * shows TCP's reassembly marker without TCP's words, as a record that begins there does.
 */
class TlsHandshakeFragmentsTest {
    private static byte[] part(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    private static byte[] tls12ServerHello() {
        return TlsBytes.handshake(2, new Bytes().u16(0x0303).zeros(32).u8(0).u16(0xc02f).u8(0).u16(0).toArray());
    }

    static Path fragments(Path dir) throws IOException {
        byte[] hello = TlsBytes.clientHello("example.com");
        byte[] second = TlsBytes.clientHello("example.org");
        byte[] third = TlsBytes.clientHello("example.net");
        byte[] certificate = TlsBytes.handshake(11, new Bytes().u8(0).u16(300).u8(0).u16(297).zeros(297).toArray());
        byte[] done = TlsBytes.handshake(14, new byte[0]);
        byte[] verify = TlsBytes.handshake(15, new byte[20]);
        byte[] keyExchange = TlsBytes.record(22, TlsBytes.handshake(16, new byte[33]));
        return new TcpDialogue(50020, 443).handshake()
                // A ClientHello over three records: its first 2 bytes (its length unknown), 38 more, the rest.
                .client(TlsBytes.record(22, part(hello, 0, 2)))
                .client(TlsBytes.record(22, part(hello, 2, 40)))
                .client(TlsBytes.concat(TlsBytes.record(22, part(hello, 40, hello.length)),
                        TlsBytes.record(22, part(second, 0, 20))))
                .client(TlsBytes.record(22, TlsBytes.concat(part(second, 20, second.length), part(third, 0, 10))))
                .client(TlsBytes.record(22, part(third, 10, third.length)))
                .server(TlsBytes.record(22, TlsBytes.concat(tls12ServerHello(), part(certificate, 0, 50))))
                .server(TlsBytes.concat(TlsBytes.record(22, part(certificate, 50, certificate.length)),
                        TlsBytes.record(22, part(done, 0, 2))))
                .server(TlsBytes.record(22, part(done, 2, 4)))
                // A record, then 3 bytes of the next record's header; its other 2 and 10 bytes; the rest.
                .client(TlsBytes.concat(TlsBytes.record(22, verify), part(keyExchange, 0, 3)))
                .client(part(keyExchange, 3, 15))
                .client(part(keyExchange, 15, keyExchange.length))
                .write(dir.resolve("tls-handshake-fragments.pcap"));
    }

    static Path unreadable(Path dir) throws IOException {
        return new TcpDialogue(50021, 443).handshake()
                .client(TlsBytes.record(22, TlsBytes.clientHello("example.com")))
                .server(TlsBytes.record(22, tls12ServerHello()))
                // 24 bytes whose first type (99) Wireshark does not name: encrypted.
                .server(TlsBytes.record(22, TlsBytes.handshake(99, new byte[20])))
                // The same type in 6 bytes (too short to be encrypted): the record's first message.
                .server(TlsBytes.record(22, TlsBytes.handshake(99, new byte[2])))
                // After a named message, it shows nothing.
                .server(TlsBytes.record(22, TlsBytes.concat(TlsBytes.handshake(14, new byte[0]), TlsBytes.handshake(99, new byte[2]))))
                // 20 bytes beginning with five zeros (a GCM nonce, not two HelloRequests): encrypted.
                .server(TlsBytes.record(22, new byte[20]))
                // A Certificate claiming 70,000 bytes in a 34-byte record: encrypted.
                .server(TlsBytes.record(22, new Bytes().u8(11).u8(1).u16(70000 - 65536).zeros(30).toArray()))
                // An unnamed type's message cut after 3 bytes, then completed.
                .server(TlsBytes.record(22, new byte[] {99, 0, 0}))
                .server(TlsBytes.record(22, new byte[] {1, 7}))
                .write(dir.resolve("tls-unreadable-handshakes.pcap"));
    }

    /** Each frame's protocol and info columns, frame.protocols and tls.handshake.type. */
    private static java.util.List<String> lines(Path capture) {
        return TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info", "-e", "frame.protocols",
                "-e", "tls.handshake.type").lines();
    }

    @Test
    void fragmentsAreShownAsTsharkShowsThem(@TempDir Path dir) throws IOException {
        // Frames 4-6: the ClientHello's start, middle (nothing) and end, then a second ClientHello's
        // start in the same frame's next record; 7: that one's end and a third one's start, which
        // is not the record's first message (nothing); 10: the Certificate's end and the start
        // of a ServerHelloDone, each in its own record; 13: the resumed record header.
        assertThat(lines(fragments(dir))).containsExactly(
                "1|TCP|50020 \u2192 443 [SYN] Seq=0 Win=8192 Len=0|eth:ethertype:ip:tcp|",
                "2|TCP|443 \u2192 50020 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp|",
                "3|TCP|50020 \u2192 443 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp|",
                "4|TLSv1|[Client Hello Fragment]|eth:ethertype:ip:tcp:tls|",
                "5|TLSv1||eth:ethertype:ip:tcp:tls|",
                "6|TLSv1|Client Hello, [Client Hello Fragment]|eth:ethertype:ip:tcp:tls|1",
                "7|TLSv1|Client Hello|eth:ethertype:ip:tcp:tls|1",
                "8|TLSv1|Client Hello|eth:ethertype:ip:tcp:tls|1",
                "9|TLSv1.2|Server Hello|eth:ethertype:ip:tcp:tls|2",
                "10|TLSv1.2|Certificate, [Server Hello Done Fragment]|eth:ethertype:ip:tcp:tls|11",
                "11|TLSv1.2|Server Hello Done|eth:ethertype:ip:tcp:tls|14",
                "12|TLSv1.2|Certificate Verify|eth:ethertype:ip:tcp:tls|15",
                "13|TCP|[TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp:tls|",
                "14|TLSv1.2|Client Key Exchange|eth:ethertype:ip:tcp:tls|16");
    }

    @Test
    void unreadableHandshakesAreShownAsTsharkShowsThem(@TempDir Path dir) throws IOException {
        assertThat(lines(unreadable(dir))).containsExactly(
                "1|TCP|50021 \u2192 443 [SYN] Seq=0 Win=8192 Len=0|eth:ethertype:ip:tcp|",
                "2|TCP|443 \u2192 50021 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp|",
                "3|TCP|50021 \u2192 443 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp|",
                "4|TLSv1|Client Hello|eth:ethertype:ip:tcp:tls|1",
                "5|TLSv1.2|Server Hello|eth:ethertype:ip:tcp:tls|2",
                "6|TLSv1.2|Encrypted Handshake Message|eth:ethertype:ip:tcp:tls|",
                "7|TLSv1.2|Encrypted Handshake Message|eth:ethertype:ip:tcp:tls|",
                "8|TLSv1.2|Server Hello Done|eth:ethertype:ip:tcp:tls|14",
                "9|TLSv1.2|Encrypted Handshake Message|eth:ethertype:ip:tcp:tls|",
                "10|TLSv1.2|Encrypted Handshake Message|eth:ethertype:ip:tcp:tls|",
                "11|TLSv1.2|[Encrypted Handshake Message Fragment]|eth:ethertype:ip:tcp:tls|",
                "12|TLSv1.2|Encrypted Handshake Message|eth:ethertype:ip:tcp:tls|");
    }
}
