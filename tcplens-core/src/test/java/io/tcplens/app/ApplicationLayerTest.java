package io.tcplens.app;

import static io.tcplens.testing.TlsBytes.clientHello;
import static io.tcplens.testing.TlsBytes.concat;
import static io.tcplens.testing.TlsBytes.record;
import static io.tcplens.testing.TlsBytes.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.TcpHeader;
import io.tcplens.field.Field;
import io.tcplens.field.Fields;
import io.tcplens.field.PacketContext;
import io.tcplens.field.TextSink;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.Frames;
import io.tcplens.testing.TlsBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application layer on connections built byte by byte: a ClientHello cut across TCP
 * segments and across records, segments out of order, a HelloRetryRequest, a refused handshake
 * with its alert, a hostile server name, HTTP with chunked and pipelined messages, and FTP with
 * its passive data connection. Expected values are worked out from RFC 8446 / RFC 9112 /
 * RFC 959 by hand in each test.
 */
class ApplicationLayerTest {
    private static final int ACK = TcpHeader.ACK;
    private static final int PSH = TcpHeader.PSH;

    /** A connection client 10.0.0.1:40000 → server 10.0.0.2:PORT after a handshake (ISNs 1000 and 5000). */
    private static final class Conversation {
        final PacketDecoder decoder = new PacketDecoder();
        final Packet packet = new Packet();
        final TcpSequenceNumbering numbering = new TcpSequenceNumbering();
        final AppLayer app;
        final PacketContext context = new PacketContext(numbering);
        final List<String> frames = new ArrayList<>();
        final int serverPort;
        final String client;
        final int clientPort;
        long number;
        long clientSeq = 1001;
        long serverSeq = 5001;

        Conversation(int serverPort) {
            this(serverPort, "10.0.0.1", 40000);
        }

        Conversation(int serverPort, String client, int clientPort) {
            this(serverPort, client, clientPort, new AppLayer());
        }

        Conversation(int serverPort, String client, int clientPort, AppLayer app) {
            this.app = app;
            this.serverPort = serverPort;
            this.client = client;
            this.clientPort = clientPort;
            context.app(app.frame());
            send(true, TcpHeader.SYN, 1000, 0, new byte[0]);
            send(false, TcpHeader.SYN | ACK, 5000, 1001, new byte[0]);
            send(true, ACK, 1001, 5001, new byte[0]);
        }

        AppFrame client(byte[] payload) {
            AppFrame f = send(true, ACK | PSH, clientSeq, serverSeq, payload);
            clientSeq += payload.length;
            return f;
        }

        AppFrame server(byte[] payload) {
            AppFrame f = send(false, ACK | PSH, serverSeq, clientSeq, payload);
            serverSeq += payload.length;
            return f;
        }

        AppFrame send(boolean fromClient, int flags, long seq, long ack, byte[] payload) {
            byte[] tcp = Frames.tcp(fromClient ? clientPort : serverPort, fromClient ? serverPort : clientPort, seq, ack,
                    flags, 64240, new byte[0], payload);
            byte[] ip = Frames.withTcpChecksum(Frames.ipv4(fromClient ? client : "10.0.0.2", fromClient ? "10.0.0.2" : client, 6, tcp));
            byte[] frame = Frames.ethernet(0x0800, ip);
            number++;
            PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                    1_700_000_000L, (int) (number * 1_000_000), 1);
            decoder.decode(record, number, packet);
            numbering.observe(packet);
            app.observe(packet, numbering);
            context.set(packet);
            return app.frame();
        }

        /** The field's occurrences in the last packet, as -T fields prints them. */
        String field(String name) {
            StringBuilder out = new StringBuilder();
            TextSink sink = new TextSink(out, ',', TextSink.Occurrence.ALL);
            sink.begin();
            Field f = Fields.get(name);
            f.extractor().extract(context, f, sink);
            return out.toString();
        }
    }

    @Test
    void clientHelloCutAcrossSegmentsAndRecordsIsReadWhereItEnds() {
        Conversation c = new Conversation(8443);
        byte[] hello = clientHello("example.com");
        // The handshake message in two records (RFC 8446, section 5.1 allows it), the records in three segments.
        byte[] records = concat(record(22, Arrays.copyOfRange(hello, 0, 30)), record(22, Arrays.copyOfRange(hello, 30, hello.length)));
        AppFrame first = c.client(Arrays.copyOfRange(records, 0, 20));
        assertThat(first.tls()).as("a record begins here").isTrue();
        assertThat(first.tlsRecords()).isEmpty();
        AppFrame second = c.client(Arrays.copyOfRange(records, 20, 40));
        assertThat(second.tlsRecords()).hasSize(1);
        assertThat(second.tlsRecords().get(0).handshakes()).as("the message is not whole yet").isEmpty();
        c.client(Arrays.copyOfRange(records, 40, records.length));
        assertThat(c.field("tls.record.length")).isEqualTo(String.valueOf(hello.length - 30));
        assertThat(c.field("tls.handshake.type")).isEqualTo("1");
        assertThat(c.field("tls.handshake.extensions_server_name")).isEqualTo("example.com");
        assertThat(c.field("tls.handshake.extensions_alpn_str")).isEqualTo("h2");
        assertThat(c.field("tls.handshake.ciphersuite")).isEqualTo("0x0a0a,0x1301,0xc02b");
        assertThat(c.field("tls.handshake.extensions.supported_version")).isEqualTo("0x0a0a,0x0304");
        // JA3: version 771, ciphers, extensions, groups, point formats, GREASE left out.
        assertThat(c.field("tls.handshake.ja3_full")).isEqualTo("771,4865-49195,0-16-43-10-11,29-23,0");
        assertThat(c.field("tls.handshake.ja3")).isEqualTo(md5("771,4865-49195,0-16-43-10-11,29-23,0"));
    }

    private static String md5(String s) {
        try {
            StringBuilder out = new StringBuilder();
            for (byte b : java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII))) {
                out.append(String.format("%02x", b));
            }
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void segmentsOutOfOrderAreReadWhenTheHoleFills() {
        Conversation c = new Conversation(443);
        byte[] records = record(22, clientHello("a.example"));
        int half = records.length / 2;
        AppFrame late = c.send(true, ACK | PSH, 1001 + half, 5001, Arrays.copyOfRange(records, half, records.length));
        assertThat(late.tls()).isFalse();
        AppFrame filling = c.send(true, ACK | PSH, 1001, 5001, Arrays.copyOfRange(records, 0, half));
        assertThat(filling.tlsRecords()).hasSize(1);
        assertThat(c.field("tls.handshake.extensions_server_name")).isEqualTo("a.example");
    }

    @Test
    void helloRetryRequestThenTls13() {
        Conversation c = new Conversation(443);
        c.client(record(22, clientHello("hrr.example")));
        c.server(concat(record(22, serverHello(true, 0x0017)), record(20, new byte[] {1})));
        assertThat(c.field("tls.handshake.extensions_key_share_selected_group")).isEqualTo("23");
        assertThat(c.field("tls.handshake.extensions_key_share_group")).isEmpty();
        assertThat(c.field("tls.change_cipher_spec")).isEqualTo("1");
        // RFC 8446, section 4.1.4: the client answers with CCS (compatibility) and a second plaintext ClientHello.
        c.client(concat(record(20, new byte[] {1}), record(22, clientHello("hrr.example"))));
        assertThat(c.field("tls.handshake.type")).as("CCS changes nothing in TLS 1.3").isEqualTo("1");
        c.server(concat(record(22, serverHello(false, 0x0017)), record(23, new byte[40])));
        assertThat(c.field("tls.record.content_type")).isEqualTo("22");
        assertThat(c.field("tls.record.opaque_type")).as("TLS 1.3 protected record").isEqualTo("23");
        AppSession session = c.app.frame().session();
        assertThat(session.tls().tls13()).isTrue();
        assertThat(session.tls().version()).isEqualTo(0x0304);
        assertThat(session.tls().history()).as("Zeek gives protected records no letter").isEqualTo("CjiICs");
    }

    @Test
    void sslv2CompatibleClientHelloIsReadAndTheTlsHandshakeGoesOn() {
        Conversation c = new Conversation(443);
        // RFC 5246, appendix E.2: 2-byte header (high bit, length 3 + 6 + 6 + 16 = 31), CLIENT-HELLO, TLS 1.0,
        // cipher specs 0x010080 (an SSL 2.0 kind) and 0x00002f (TLS_RSA_WITH_AES_128_CBC_SHA), no session id, 16-byte challenge.
        byte[] hello = new Bytes().u8(0x80).u8(31).u8(1).u16(0x0301).u16(6).u16(0).u16(16)
                .u8(0x01).u16(0x0080).u8(0x00).u16(0x002f).raw(new byte[16]).toArray();
        c.client(hello);
        assertThat(c.field("tls.handshake.type")).isEqualTo("1");
        assertThat(c.field("tls.handshake.version")).isEqualTo("0x0301");
        assertThat(c.field("tls.handshake.ciphersuite")).as("only the TLS suite among the SSL 2.0 specs").isEqualTo("0x002f");
        assertThat(c.field("tls.record.length")).isEqualTo("31");
        c.server(record(22, serverHello(false, 0x001d)));
        assertThat(c.field("tls.handshake.type")).isEqualTo("2");
        assertThat(c.app.frame().session().tls().history()).isEqualTo("Cs");
    }

    @Test
    void ftpAnnouncementsAreCappedAndCounted() {
        FtpDataLinks links = new FtpDataLinks();
        for (int port = 0; port < FtpDataLinks.MAX_ANNOUNCED + 10; port++) {
            links.announce("10.0.0.2", port, new FtpDataLink(0, port, "PASV", null, 0));
        }
        assertThat(links.forgotten()).isEqualTo(10);
        assertThat(links.find("10.0.0.2", 0)).as("the oldest went first").isNull();
        assertThat(links.find("10.0.0.2", FtpDataLinks.MAX_ANNOUNCED + 9)).isNotNull();
    }

    @Test
    void aFullReassemblyBudgetStopsTheRecordAndSaysSo() {
        Conversation c = new Conversation(443, "10.0.0.1", 40000, new AppLayer(100));
        // A handshake record's buffer comes from the shared budget, and 100 bytes are not enough.
        byte[] big = record(22, TlsBytes.handshake(11, new byte[2000]));
        c.client(Arrays.copyOf(big, 1000));
        TlsSession tls = c.app.frame().session().tls();
        assertThat(tls.stopped(c.numbering.direction())).contains("reassembly memory shared by all connections");
        assertThat(c.app.budget().refusals()).isEqualTo(1);
        c.app.frame().session().release();
        assertThat(c.app.budget().used()).isZero();
    }

    @Test
    void aFaultInOneConnectionsReaderStopsOnlyThatReading() throws ReflectiveOperationException {
        Conversation c = new Conversation(443);
        byte[] hello = clientHello("example.com");
        c.client(record(22, Arrays.copyOfRange(hello, 0, 30)));
        // No input reaches a fault by design, so one is made: the client side's buffer of the
        // handshake message under way disappears, as a bug could lose it.
        TlsSession tls = c.app.frame().session().tls();
        java.lang.reflect.Field sidesField = TlsSession.class.getDeclaredField("sides");
        sidesField.setAccessible(true);
        Object clientSide = ((Object[]) sidesField.get(tls))[c.numbering.direction()];
        java.lang.reflect.Field buffer = clientSide.getClass().getDeclaredField("handshake");
        buffer.setAccessible(true);
        buffer.set(clientSide, null);

        AppFrame faulty = c.client(record(22, Arrays.copyOfRange(hello, 30, hello.length)));
        assertThat(c.app.readerFaults()).isEqualTo(1);
        assertThat(c.app.firstReaderFault()).startsWith("stream 0, frame 5: java.lang.NullPointerException");
        assertThat(faulty.session().stopped(0)).startsWith("reading stopped at frame 5 by an internal error");
        assertThat(faulty.session().protocol()).isEqualTo(AppSession.Protocol.UNKNOWN);
        // The connection's later packets are still taken (TCP goes on), its bytes no longer read.
        AppFrame after = c.server(record(22, TlsBytes.handshake(2, new byte[40])));
        assertThat(after.tlsRecords()).isEmpty();
        assertThat(c.app.readerFaults()).isEqualTo(1);
        // Dropping the connection later does not touch the state that faulted again.
        after.session().release();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** An SSH binary packet (RFC 4253, section 6) with the given length field, padding 4, the code, then {@code body}. */
    private static byte[] sshPacket(long length, int code, byte[] body) {
        return concat(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 4,
                (byte) code}, body);
    }

    @Test
    void aDnsMessageOverTcpBeyondTheBudgetIsSkippedToItsEndAndTheNextIsRead() {
        Conversation c = new Conversation(53, "10.0.0.1", 40000, new AppLayer(10_000));
        // A message of 60,000 bytes (its length in two bytes first), more than the budget holds.
        AppFrame f = c.server(concat(new byte[] {(byte) 0xEA, 0x60}, new byte[1400]));
        assertThat(f.pdu()).isEqualTo(AppFrame.Pdu.CONTINUED);
        int sent = 1400;
        while (sent + 1400 < 60_000) {
            c.server(new byte[1400]);
            sent += 1400;
        }
        assertThat(c.app.budget().refusals()).isPositive();
        // Its last bytes, then a whole query for "a" (header, one question) after its length.
        byte[] query = {0, 7, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1};
        f = c.server(concat(new byte[60_000 - sent], new byte[] {0, (byte) query.length}, query));
        assertThat(f.dnsMessages()).hasSize(1);
        assertThat(f.dnsMessages().get(0).id()).isEqualTo(7);
        c.app.frame().session().release();
        assertThat(c.app.budget().used()).isZero();
    }

    @Test
    void anSshPacketLongerThanWhatIsKeptIsReadToItsLengthAndItsBufferGoesBackToTheBudget() {
        Conversation c = new Conversation(22, "10.0.0.1", 40000, new AppLayer(10_000));
        c.server(ascii("SSH-2.0-server\r\n"));
        c.client(ascii("SSH-2.0-client\r\n"));
        // A KEXINIT of 100,000 bytes: more than a packet's bytes kept (64 KiB), more than the budget.
        long length = 100_000;
        AppFrame f = c.client(sshPacket(length, 20, new byte[1400]));
        assertThat(f.pdu()).isEqualTo(AppFrame.Pdu.STARTED);
        int sent = 1400 + 6;
        while (sent + 1400 < length + 4) {
            c.client(new byte[1400]);
            sent += 1400;
        }
        assertThat(c.app.budget().used()).as("the budget bounds what one packet holds").isLessThanOrEqualTo(10_000);
        assertThat(c.app.budget().refusals()).isPositive();
        // The packet's last bytes, then a whole NEWKEYS in the same segment.
        f = c.client(concat(new byte[(int) (length + 4 - sent)], sshPacket(12, 21, new byte[10])));
        assertThat(f.sshMessages()).extracting(SshMessage::words).containsExactly("Key Exchange Init", "New Keys");
        assertThat(f.sshMessages().get(0).packetLength()).isEqualTo(length);
        assertThat(c.app.budget().used()).as("a packet's buffer is given back when it ends").isZero();
        // After NEWKEYS the client's bytes are encrypted; a length field of 4 GB is no reason to wait.
        f = c.client(sshPacket(0xFFFF_FFF0L, 94, new byte[30]));
        assertThat(f.sshMessages()).extracting(SshMessage::words).containsExactly("Encrypted packet (len=36)");
        // The server's side still reads in clear: its packet claims 4 GB and waits, holding at most the budget.
        f = c.server(sshPacket(0xFFFF_FFF0L, 20, new byte[3000]));
        assertThat(f.pdu()).isEqualTo(AppFrame.Pdu.STARTED);
        c.app.frame().session().release();
        assertThat(c.app.budget().used()).isZero();
    }

    @Test
    void smtpStartTlsSwitchesToTlsWhenTheRecordsCome() {
        // RFC 3207: greeting, EHLO, STARTTLS, 220, then the TLS handshake on the same connection.
        Conversation c = new Conversation(25);
        c.server(ascii("220 mail.example ESMTP\r\n"));
        c.client(ascii("EHLO me\r\n"));
        c.server(ascii("250-mail.example\r\n250 STARTTLS\r\n"));
        c.client(ascii("STARTTLS\r\n"));
        c.server(ascii("220 2.0.0 Ready to start TLS\r\n"));
        assertThat(c.app.frame().session().protocol()).isEqualTo(AppSession.Protocol.TEXT);
        c.client(record(22, clientHello("mail.example")));
        assertThat(c.field("tls.handshake.extensions_server_name")).isEqualTo("mail.example");
        assertThat(c.app.frame().session().protocol()).isEqualTo(AppSession.Protocol.TLS);
    }

    @Test
    void imapTaggedStartTlsAndFtpAuthTlsToo() {
        Conversation imap = new Conversation(143);
        imap.server(ascii("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n"));
        imap.client(ascii("a1 STARTTLS\r\n"));
        imap.server(ascii("a1 OK Begin TLS negotiation now\r\n"));
        imap.client(record(22, clientHello("imap.example")));
        assertThat(imap.field("tls.handshake.type")).isEqualTo("1");
        // RFC 4217: AUTH TLS on the FTP control connection, 234, then TLS.
        Conversation ftp = new Conversation(21);
        ftp.server(ascii("220 ready\r\n"));
        ftp.client(ascii("AUTH TLS\r\n"));
        ftp.server(ascii("234 AUTH TLS OK.\r\n"));
        ftp.client(record(22, clientHello("ftp.example")));
        assertThat(ftp.field("tls.handshake.extensions_server_name")).isEqualTo("ftp.example");
    }

    @Test
    void aTextProtocolThatNeverAsksIsNotFollowedForever() {
        Conversation c = new Conversation(6667);
        for (int i = 0; i <= StartTls.MAX_LINES; i++) {
            c.client(ascii("PRIVMSG #chan :line " + i + "\r\n"));
        }
        assertThat(c.app.frame().session().protocol()).isEqualTo(AppSession.Protocol.UNKNOWN);
        // A TLS-looking record now is just data: nobody asked for TLS.
        c.client(record(22, clientHello("late.example")));
        assertThat(c.field("tls.handshake.type")).isEmpty();
    }

    @Test
    void aClientHelloFromTheTcpResponderFlipsTheRoles() {
        // The side that answered the SYN speaks first as the TLS client (Zeek's "^", e.g. DTLS after STUN).
        Conversation c = new Conversation(443);
        c.server(record(22, clientHello("flip.example")));
        c.client(record(22, serverHello(false, 0x001d)));
        TlsSession tls = c.app.frame().session().tls();
        assertThat(tls.history()).isEqualTo("^Cs");
        assertThat(tls.clientSide()).isEqualTo(1 - c.numbering.direction());
    }

    @Test
    void refusedHandshakeEndsWithTheServersAlert() {
        Conversation c = new Conversation(443);
        c.client(record(22, clientHello("old.example")));
        c.server(record(21, new byte[] {2, 40}));
        assertThat(c.field("tls.alert_message.level")).isEqualTo("2");
        assertThat(c.field("tls.alert_message.desc")).isEqualTo("40");
        TlsSession tls = c.app.frame().session().tls();
        assertThat(tls.alertDescription()).isEqualTo(40);
        assertThat(tls.alertSide()).isEqualTo(1 - tls.clientSide());
        assertThat(tls.serverHello()).isNull();
        assertThat(tls.history()).isEqualTo("Cl");
    }

    @Test
    void hostileServerNameIsPrintedEscaped() {
        Conversation c = new Conversation(443);
        c.client(record(22, clientHello("evil\u001b[2J\u0007\n.example")));
        String shown = c.field("tls.handshake.extensions_server_name");
        assertThat(shown).isEqualTo("evil\\x1b[2J\\x07\\x0a.example");
        assertThat(shown.chars().noneMatch(ch -> ch < 0x20)).isTrue();
    }

    @Test
    void recordThatLiesAboutItsLengthHoldsThatDirectionOnly() {
        // Longer than a record may be: read to its length all the same, as Wireshark reassembles
        // it (without copying it), and not shown; the other direction goes on.
        Conversation c = new Conversation(443);
        AppFrame first = c.client(new Bytes().u8(22).u16(0x0303).u16(0xFFFF).raw(new byte[10]).toArray());
        assertThat(first.tlsRecords()).isEmpty();
        assertThat(first.pdu()).isEqualTo(AppFrame.Pdu.STARTED);
        TlsSession tls = c.app.frame().session().tls();
        assertThat(tls.stopped(c.numbering.direction())).isNull();
        c.server(record(21, new byte[] {2, 70}));
        assertThat(c.field("tls.alert_message.desc")).isEqualTo("70");
    }

    @Test
    void httpChunkedAndPipelinedMessagesEndWhereTheirBodiesEnd() {
        Conversation c = new Conversation(8080);
        byte[] two = "GET /a HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        c.client(two);
        assertThat(c.field("http.request.method")).isEqualTo("GET,HEAD");
        assertThat(c.field("http.request.uri")).isEqualTo("/a,/b");
        AppFrame head = c.server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel".getBytes(StandardCharsets.US_ASCII));
        assertThat(head.http()).as("the body has not ended").isEmpty();
        c.server("lo\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        // The second response answers HEAD: no body, whatever its Content-Length says (RFC 9110, section 9.3.2).
        assertThat(c.field("http.response.code")).isEqualTo("200,200");
        assertThat(c.field("http.content_length")).isEqualTo("99");
        assertThat(c.field("http.transfer_encoding")).isEqualTo("chunked");
    }

    @Test
    void ftpPassiveDataConnectionIsLinkedToItsControlConnection() {
        Conversation control = new Conversation(21);
        control.server("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(control.field("ftp.response.code")).isEqualTo("220");
        control.client("USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(control.field("ftp.request.command")).isEqualTo("USER");
        assertThat(control.field("ftp.request.arg")).isEqualTo("anonymous");
        control.client("PASV\r\n".getBytes(StandardCharsets.US_ASCII));
        control.server("227 Entering Passive Mode (10,0,0,2,195,80).\r\n".getBytes(StandardCharsets.US_ASCII));
        long setup = control.number;
        control.client("RETR f.txt\r\n".getBytes(StandardCharsets.US_ASCII));
        long retr = control.number;
        assertThat(control.app.frame().session().ftpUser()).isEqualTo("anonymous");
        // The data connection: same tables (one capture), to 10.0.0.2:50000 (195 * 256 + 80).
        byte[] tcp = Frames.tcp(40001, 50000, 77, 0, ACK | PSH, 64240, new byte[0], "file".getBytes(StandardCharsets.US_ASCII));
        byte[] frame = Frames.ethernet(0x0800, Frames.withTcpChecksum(Frames.ipv4("10.0.0.1", "10.0.0.2", 6, tcp)));
        control.number++;
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length, 1_700_000_001L, 0, 1);
        control.decoder.decode(record, control.number, control.packet);
        control.numbering.observe(control.packet);
        control.app.observe(control.packet, control.numbering);
        control.context.set(control.packet);
        assertThat(control.field("ftp-data.setup-frame")).isEqualTo(String.valueOf(setup));
        assertThat(control.field("ftp-data.setup-method")).isEqualTo("PASV");
        assertThat(control.field("ftp-data.command")).isEqualTo("RETR f.txt");
        assertThat(control.field("ftp-data.command-frame")).isEqualTo(String.valueOf(retr));
        assertThat(control.field("tcplens.ftp_control_stream")).isEqualTo("0");
    }
}
