package io.tcplens.field;

import io.tcplens.app.AppFrame;
import io.tcplens.app.FtpDataLink;
import io.tcplens.app.FtpMessage;
import io.tcplens.app.ImfMessage;
import io.tcplens.app.PopMessage;
import io.tcplens.app.SmtpMessage;
import io.tcplens.app.Http2Frame;
import io.tcplens.app.HttpMessage;
import io.tcplens.app.QuicDatagram;
import io.tcplens.app.SshMessage;
import io.tcplens.app.TlsHandshake;
import io.tcplens.app.TlsRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.UdpApplication;
import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The application layer's fields, with Wireshark 4.0's names, types and display bases: TLS, HTTP, FTP, SSH. */
final class ApplicationFields {
    private ApplicationFields() { }

    /** Visits each TLS handshake message of the frame. */
    @FunctionalInterface
    private interface HandshakeField {
        void visit(TlsHandshake m, Field f, FieldSink s);
    }

    @FunctionalInterface
    private interface RecordField {
        void visit(TlsRecord r, Field f, FieldSink s);
    }

    private static Field.Extractor records(RecordField visit) {
        return (c, f, s) -> {
            if (c.app != null) {
                for (TlsRecord r : c.app.tlsRecords()) {
                    visit.visit(r, f, s);
                }
            }
        };
    }

    /** The frame's handshake messages: in TLS records over TCP, or in QUIC's CRYPTO frames (which have no records). */
    private static Field.Extractor handshakes(HandshakeField visit) {
        Field.Extractor inRecords = records((r, f, s) -> {
            for (TlsHandshake m : r.handshakes()) {
                visit.visit(m, f, s);
            }
        });
        return (c, f, s) -> {
            inRecords.extract(c, f, s);
            if (c.quic() != null) {
                for (TlsHandshake m : c.quic().handshakes()) {
                    visit.visit(m, f, s);
                }
            }
        };
    }

    private static Field.Extractor hellos(HandshakeField visit) {
        return ofTypes(visit, TlsHandshake.CLIENT_HELLO, TlsHandshake.SERVER_HELLO);
    }

    /** The frame's hellos and TLS 1.3 EncryptedExtensions (opened with a key log): the messages with extensions read. */
    private static Field.Extractor withExtensions(HandshakeField visit) {
        return ofTypes(visit, TlsHandshake.CLIENT_HELLO, TlsHandshake.SERVER_HELLO, TlsHandshake.ENCRYPTED_EXTENSIONS);
    }

    /** The frame's handshake messages of these types. */
    private static Field.Extractor ofTypes(HandshakeField visit, int... types) {
        return handshakes((m, f, s) -> {
            for (int t : types) {
                if (m.type() == t) {
                    visit.visit(m, f, s);
                    return;
                }
            }
        });
    }

    /** A text of the frame's ClientHellos or ServerHellos (a fingerprint). */
    private static Field.Extractor ofHello(int type, Function<TlsHandshake, String> value) {
        return handshakes((m, f, s) -> {
            if (m.type() == type) {
                s.text(f, value.apply(m));
            }
        });
    }

    /** A number of the frame's HTTP messages, where {@code value} gives one (not negative). */
    private static Field.Extractor httpNumber(java.util.function.ToLongFunction<HttpMessage> value) {
        return (c, f, s) -> {
            if (c.app != null) {
                for (HttpMessage m : c.app.http()) {
                    long v = value.applyAsLong(m);
                    if (v >= 0) {
                        s.unsigned(f, v);
                    }
                }
            }
        };
    }

    /** Present once for each of the frame's HTTP requests (or responses). */
    private static Field.Extractor httpKind(boolean requests) {
        return (c, f, s) -> {
            if (c.app != null) {
                for (HttpMessage m : c.app.http()) {
                    if (m.request() == requests) {
                        s.bool(f, true);
                    }
                }
            }
        };
    }

    private static void each(int[] values, Field f, FieldSink s) {
        for (int v : values) {
            s.unsigned(f, v);
        }
    }

    /** The protocol item: the packet's TCP payload. */
    private static Field.Extractor protocol(Predicate<AppFrame> shown) {
        return (c, f, s) -> {
            if (c.app == null || !shown.test(c.app)) {
                return;
            }
            Packet p = c.packet;
            int tcp = p.tcp();
            if (tcp >= 0 && c.inFocus(tcp)) {
                int start = p.start(tcp) + p.headerLength(tcp);
                int length = Math.max(0, p.capturedEnd(tcp) - start);
                s.present(f, p.buffer(tcp), start, length, length);
            }
        };
    }

    /** Visits each SSH unit that ended in the frame. */
    @FunctionalInterface
    private interface SshField {
        void visit(SshMessage m, Field f, FieldSink s);
    }

    private static Field.Extractor ssh(SshField visit) {
        return (c, f, s) -> {
            if (c.app != null) {
                for (SshMessage m : c.app.sshMessages()) {
                    visit.visit(m, f, s);
                }
            }
        };
    }

    /** A text of the frame's KEXINITs. */
    private static Field.Extractor kexInit(Function<SshMessage.KexInit, String> value) {
        return ssh((m, f, s) -> {
            if (m.kexInit() != null) {
                s.text(f, value.apply(m.kexInit()));
            }
        });
    }

    /** The HASSH of a KEXINIT the client ({@code server} false) or the server sent. */
    private static Field.Extractor hassh(boolean server, Function<SshMessage.KexInit, String> value) {
        return ssh((m, f, s) -> {
            if (m.kexInit() != null && m.fromServer() == server) {
                s.text(f, value.apply(m.kexInit()));
            }
        });
    }

    /** The connection preface as Wireshark shows the http2.magic string (its line ends escaped). */
    private static final String MAGIC_SHOWN = "PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n";

    /** Visits each HTTP/2 frame that ended in the frame. */
    @FunctionalInterface
    private interface Http2FrameField {
        void visit(Http2Frame h, Field f, FieldSink s);
    }

    private static Field.Extractor http2Frames(Http2FrameField visit) {
        return (c, f, s) -> {
            if (c.app != null && c.app.http2() != null) {
                for (Http2Frame h : c.app.http2().frames()) {
                    visit.visit(h, f, s);
                }
            }
        };
    }

    private static Field.Extractor httpText(Function<HttpMessage, String> value) {
        return (c, f, s) -> {
            if (c.app != null) {
                for (HttpMessage m : c.app.http()) {
                    String v = value.apply(m);
                    if (v != null) {
                        s.text(f, v);
                    }
                }
            }
        };
    }

    private static Field.Extractor ftp(FtpField visit) {
        return (c, f, s) -> {
            if (c.app != null && c.app.ftp() != null) {
                visit.visit(c.app.ftp(), f, s);
            }
        };
    }

    @FunctionalInterface
    private interface FtpField {
        void visit(FtpMessage m, Field f, FieldSink s);
    }

    private static Field.Extractor smtp(SmtpField visit) {
        return (c, f, s) -> {
            if (c.app != null && c.app.smtp() != null) {
                visit.visit(c.app.smtp(), f, s);
            }
        };
    }

    @FunctionalInterface
    private interface SmtpField {
        void visit(SmtpMessage m, Field f, FieldSink s);
    }

    /** A segment reader's protocol item: present where the frame lists the protocol (SegmentMessage.protocolName). */
    private static Field.Extractor segmentProtocol(String name) {
        return protocol(a -> a.segment() != null && name.equals(a.segment().protocolName()));
    }

    private static Field.Extractor pop(Function<PopMessage, String> value) {
        return (c, f, s) -> {
            String v = c.app != null && c.app.pop() != null ? value.apply(c.app.pop()) : null;
            if (v != null) {
                s.text(f, v);
            }
        };
    }

    private static Field.Extractor imf(Function<ImfMessage, String> value) {
        return (c, f, s) -> {
            ImfMessage m = c.app != null && c.app.segment() != null ? c.app.segment().imf() : null;
            String v = m != null ? value.apply(m) : null;
            if (v != null) {
                s.text(f, v);
            }
        };
    }

    private static Field.Extractor ftpData(Function<FtpDataLink, Object> value) {
        return (c, f, s) -> {
            FtpDataLink link = c.app != null ? c.app.ftpData() : null;
            Object v = link != null ? value.apply(link) : null;
            if (v instanceof Long n && n != 0) {
                s.unsigned(f, n);
            } else if (v instanceof String text) {
                s.text(f, text);
            }
        };
    }

    /**
     * Appends the TCP application protocol the frame shows to the stack, which ends without its
     * "data" then ({@link PacketContext#payloadIsData}), as Wireshark's does.
     */
    static void protocolStack(PacketContext c, StringBuilder out) {
        AppFrame app = c.app;
        if (app == null || c.packet.tcp() < 0) {
            return;
        }
        if (app.http2() != null) {
            // TLS's and HTTP/2's layers as Wireshark's calls made them ("tls:http2:http2:data-text-lines").
            for (String layer : app.http2().layers()) {
                out.append(':').append(layer);
            }
            return;
        }
        String name = app.protocolName();
        // DnsFields.protocolStack names DNS, over UDP and TCP alike.
        if (name == null || name.equals("dns")) {
            return;
        }
        out.append(':').append(name);
        if (app.segment() != null) {
            out.append(app.segment().protocols());
        }
        for (int i = 1; i < app.tlsLayers(); i++) {
            out.append(":tls");
        }
        if (app.httpInTls() && !app.http().isEmpty()) {
            out.append(":http");
        }
        for (HttpMessage m : app.http()) {
            // The dissector its media type names reads the body (or media, or data).
            String body = m.bodyProtocol();
            if (body != null) {
                out.append(':').append(body);
            }
        }
    }

    static void declare() {
        // ---- TLS (RFC 8446, RFC 5246) ----
        Field.Extractor tlsOverTcp = protocol(AppFrame::tls);
        Fields.dec("tls", FieldType.PROTOCOL, "Transport Layer Security", "TLS records in this segment, or TLS handshake "
                + "data in QUIC's CRYPTO frames (once each time QUIC hands it over)", (c, f, s) -> {
                    tlsOverTcp.extract(c, f, s);
                    QuicDatagram q = c.quic();
                    if (q != null && q.tlsLayers() > 0) {
                        UdpApplication.Payload p = UdpApplication.Payload.of(c.packet);
                        for (int i = 0; i < q.tlsLayers(); i++) {
                            s.present(f, p.buffer(), p.start(), p.captured() - p.start(), p.captured() - p.start());
                        }
                    }
                });
        Fields.dec("tls.record", FieldType.NONE, "Record Layer", "A TLS record that ends in this segment",
                records((r, f, s) -> s.bool(f, true)));
        Fields.dec("tls.record.content_type", FieldType.UINT8, "Content Type",
                "20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data (TLS 1.3's protected records: only once a key log opened them)",
                records((r, f, s) -> {
                    if (!r.opaque() || r.decrypted()) {
                        s.unsigned(f, r.contentType());
                    }
                }));
        Fields.dec("tls.record.opaque_type", FieldType.UINT8, "Opaque Type",
                "The outer type (23) of a TLS 1.3 protected record, which hides the real one",
                records((r, f, s) -> {
                    if (r.opaque()) {
                        s.unsigned(f, TlsRecord.APPLICATION_DATA);
                    }
                }));
        Fields.hex("tls.record.version", FieldType.UINT16, "Version", "The record layer's version (0x0301 TLS 1.0 ... 0x0303)",
                records((r, f, s) -> s.unsigned(f, r.version())));
        Fields.dec("tls.record.length", FieldType.UINT16, "Length", "Bytes in the record's body",
                records((r, f, s) -> s.unsigned(f, r.length())));
        Fields.dec("tls.change_cipher_spec", FieldType.NONE, "Change Cipher Spec Message",
                "The sender protects what it sends from now on (before TLS 1.3)",
                records((r, f, s) -> {
                    if (r.contentType() == TlsRecord.CHANGE_CIPHER_SPEC && !r.encrypted()) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("tls.alert_message", FieldType.NONE, "Alert Message", "An alert record that is not protected",
                records((r, f, s) -> {
                    if (r.alertLevel() >= 0) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("tls.alert_message.level", FieldType.UINT8, "Level", "1 warning, 2 fatal",
                records((r, f, s) -> {
                    if (r.alertLevel() >= 0) {
                        s.unsigned(f, r.alertLevel());
                    }
                }));
        Fields.dec("tls.alert_message.desc", FieldType.UINT8, "Description",
                "RFC 8446, section 6: 0 close_notify, 40 handshake_failure, 42 bad_certificate, 70 protocol_version, ...",
                records((r, f, s) -> {
                    if (r.alertDescription() >= 0) {
                        s.unsigned(f, r.alertDescription());
                    }
                }));
        Field.Extractor handshakeRecords = records((r, f, s) -> {
            if (r.contentType() == TlsRecord.HANDSHAKE) {
                s.bool(f, true);
            }
        });
        Fields.dec("tls.handshake", FieldType.NONE, "Handshake Protocol",
                "A handshake record (its messages, or an encrypted one such as Finished); in QUIC, each time CRYPTO data "
                + "went to TLS (a message, a fragment of one, or what looks encrypted)", (c, f, s) -> {
                    handshakeRecords.extract(c, f, s);
                    if (c.quic() != null) {
                        for (int i = 0; i < c.quic().tlsLayers(); i++) {
                            s.bool(f, true);
                        }
                    }
                });
        Fields.dec("tls.handshake.type", FieldType.UINT8, "Handshake Type",
                "1 ClientHello, 2 ServerHello, 4 NewSessionTicket, 11 Certificate, 12 ServerKeyExchange, 14 ServerHelloDone, "
                        + "16 ClientKeyExchange, 20 Finished, ...",
                handshakes((m, f, s) -> s.unsigned(f, m.type())));
        Fields.dec("tls.handshake.length", FieldType.UINT24, "Length", "Bytes in the handshake message's body",
                handshakes((m, f, s) -> s.unsigned(f, m.length())));
        Fields.hex("tls.handshake.version", FieldType.UINT16, "Version",
                "The hello's legacy version (TLS 1.3 says 0x0303 here and the real one in supported_versions)",
                hellos((m, f, s) -> {
                    if (m.version() >= 0) {
                        s.unsigned(f, m.version());
                    }
                }));
        Fields.dec("tls.handshake.session_id_length", FieldType.UINT8, "Session ID Length", "Bytes of the session id",
                hellos((m, f, s) -> {
                    if (m.sessionIdLength() >= 0) {
                        s.unsigned(f, m.sessionIdLength());
                    }
                }));
        Fields.hex("tls.handshake.ciphersuite", FieldType.UINT16, "Cipher Suite",
                "The client's offered cipher suites, or the one the server chose",
                hellos((m, f, s) -> each(m.cipherSuites(), f, s)));
        Fields.dec("tls.handshake.comp_method", FieldType.UINT8, "Compression Method", "0 none, 1 DEFLATE",
                hellos((m, f, s) -> each(m.compressionMethods(), f, s)));
        Fields.dec("tls.handshake.extension.type", FieldType.UINT16, "Type", "Each extension's type, in order",
                withExtensions((m, f, s) -> each(m.extensionTypes(), f, s)));
        Fields.dec("tls.handshake.extensions_server_name", FieldType.STRING, "Server Name",
                "The host name the client asks for (SNI, RFC 6066)",
                withExtensions((m, f, s) -> {
                    for (String name : m.serverNames()) {
                        s.text(f, name);
                    }
                }));
        Fields.dec("tls.handshake.extensions_alpn_str", FieldType.STRING, "ALPN Next Protocol",
                "Application protocols offered or chosen (RFC 7301): h2, http/1.1, ...",
                withExtensions((m, f, s) -> {
                    for (String p : m.alpn()) {
                        s.text(f, p);
                    }
                }));
        Fields.hex("tls.handshake.extensions.supported_version", FieldType.UINT16, "Supported Version",
                "Versions the client offers, or the one the server chose (0x0304 TLS 1.3)",
                hellos((m, f, s) -> each(m.supportedVersions(), f, s)));
        Fields.hex("tls.handshake.extensions_supported_group", FieldType.UINT16, "Supported Group",
                "Key-exchange groups the client supports (0x001d x25519, 0x0017 secp256r1, ...)",
                withExtensions((m, f, s) -> each(m.supportedGroups(), f, s)));
        Fields.dec("tls.handshake.extensions_key_share_group", FieldType.UINT16, "Group",
                "The groups of the key shares sent (TLS 1.3)",
                hellos((m, f, s) -> each(m.keyShareGroups(), f, s)));
        Fields.hex("tls.handshake.sig_hash_alg", FieldType.UINT16, "Signature Algorithm",
                "Signature algorithms offered in the hellos and the CertificateRequest, or used by the ServerKeyExchange and "
                        + "CertificateVerify (TLS 1.2; TLS 1.3's once a key log opened it)",
                handshakes((m, f, s) -> each(m.allSignatureAlgorithms(), f, s)));
        Fields.dec("tls.handshake.extensions_key_share_selected_group", FieldType.UINT16, "Selected Group",
                "The group a HelloRetryRequest asks the client to use (RFC 8446, section 4.2.8)",
                hellos((m, f, s) -> {
                    if (m.selectedGroup() >= 0) {
                        s.unsigned(f, m.selectedGroup());
                    }
                }));
        Fields.hex("tls.handshake.server_named_curve", FieldType.UINT16, "Named Curve",
                "The ECDHE group of the ServerKeyExchange (RFC 8422, section 5.4)",
                handshakes((m, f, s) -> {
                    if (m.namedGroup() >= 0) {
                        s.unsigned(f, m.namedGroup());
                    }
                }));
        Fields.dec("tls.handshake.certificate_length", FieldType.UINT24, "Certificate Length", "Bytes of each certificate",
                handshakes((m, f, s) -> {
                    for (byte[] der : m.certificates()) {
                        s.unsigned(f, der.length);
                    }
                }));
        Fields.dec("tls.handshake.certificate", FieldType.BYTES, "Certificate", "Each certificate, DER-encoded",
                handshakes((m, f, s) -> {
                    for (byte[] der : m.certificates()) {
                        s.bytes(f, ByteBuffer.wrap(der), 0, der.length);
                    }
                }));
        Fields.dec("tls.handshake.session_ticket_lifetime_hint", FieldType.UINT32, "Session Ticket Lifetime Hint",
                "Seconds the client may keep the ticket",
                handshakes((m, f, s) -> {
                    if (m.type() == TlsHandshake.NEW_SESSION_TICKET && m.ticketLifetimeHint() >= 0) {
                        s.unsigned(f, m.ticketLifetimeHint());
                    }
                }));
        Fields.dec("tls.handshake.ja3_full", FieldType.STRING, "JA3 Fullstring", "The ClientHello's JA3 string",
                ofHello(TlsHandshake.CLIENT_HELLO, TlsHandshake::ja3Full));
        Fields.dec("tls.handshake.ja3", FieldType.STRING, "JA3", "MD5 of the JA3 string: the client's fingerprint",
                ofHello(TlsHandshake.CLIENT_HELLO, TlsHandshake::ja3));
        Fields.dec("tls.handshake.ja4", FieldType.STRING, "JA4", "The ClientHello's JA4 fingerprint (FoxIO's JA4 specification)",
                ofHello(TlsHandshake.CLIENT_HELLO, TlsHandshake::ja4));
        Fields.dec("tls.handshake.ja4_r", FieldType.STRING, "JA4_r", "JA4 with its cipher and extension lists in clear",
                ofHello(TlsHandshake.CLIENT_HELLO, TlsHandshake::ja4Raw));
        Fields.dec("tls.handshake.ja3s_full", FieldType.STRING, "JA3S Fullstring", "The ServerHello's JA3S string",
                ofHello(TlsHandshake.SERVER_HELLO, TlsHandshake::ja3Full));
        Fields.dec("tls.handshake.ja3s", FieldType.STRING, "JA3S", "MD5 of the JA3S string: the server's fingerprint",
                ofHello(TlsHandshake.SERVER_HELLO, TlsHandshake::ja3));

        // ---- HTTP/1.x (RFC 9112) ----
        Fields.dec("http", FieldType.PROTOCOL, "Hypertext Transfer Protocol", "HTTP messages that end in this segment",
                protocol(AppFrame::httpShown));
        Fields.dec("http.request", FieldType.BOOLEAN, "Request", "The message is a request", httpKind(true));
        Fields.dec("http.response", FieldType.BOOLEAN, "Response", "The message is a response", httpKind(false));
        // ---- HTTP/2 (RFC 9113), in TLS records a key log opened, or in clear on HTTP's ports ----
        Fields.dec("http2", FieldType.PROTOCOL, "HyperText Transfer Protocol 2",
                "HTTP/2 frames that end in this segment (in TLS records a key log opened, or in clear on HTTP's ports)",
                protocol(a -> a.http2() != null && !a.http2().frames().isEmpty()));
        Fields.dec("http2.magic", FieldType.STRING, "Magic", "The client's connection preface (RFC 9113, 3.4)",
                http2Frames((h, f, s) -> {
                    if (h.type() == Http2Frame.MAGIC) {
                        s.text(f, MAGIC_SHOWN);
                    }
                }));
        Fields.dec("http2.length", FieldType.UINT24, "Length", "The frame payload's length",
                http2Frames((h, f, s) -> {
                    if (h.type() != Http2Frame.MAGIC) {
                        s.unsigned(f, h.length());
                    }
                }));
        Fields.dec("http2.type", FieldType.UINT8, "Type",
                "0 DATA, 1 HEADERS, 2 PRIORITY, 3 RST_STREAM, 4 SETTINGS, 5 PUSH_PROMISE, 6 PING, 7 GOAWAY, 8 WINDOW_UPDATE, 9 CONTINUATION",
                http2Frames((h, f, s) -> {
                    if (h.type() != Http2Frame.MAGIC) {
                        s.unsigned(f, h.type());
                    }
                }));
        Fields.hex("http2.flags", FieldType.UINT8, "Flags", "The frame's flags (END_STREAM 0x01, END_HEADERS 0x04, PADDED 0x08, PRIORITY 0x20)",
                http2Frames((h, f, s) -> {
                    if (h.type() != Http2Frame.MAGIC) {
                        s.unsigned(f, h.flags());
                    }
                }));
        Fields.dec("http2.streamid", FieldType.UINT32, "Stream Identifier", "The frame's stream (0: the connection)",
                http2Frames((h, f, s) -> {
                    if (h.type() != Http2Frame.MAGIC) {
                        s.unsigned(f, h.streamId());
                    }
                }));
        Fields.dec("http2.header.name", FieldType.STRING, "Name", "A header field's name, decoded (HPACK, RFC 7541)",
                http2Frames((h, f, s) -> h.headers().forEach(field -> s.text(f, field.name()))));
        Fields.dec("http2.header.value", FieldType.STRING, "Value", "A header field's value, decoded (HPACK, RFC 7541)",
                http2Frames((h, f, s) -> h.headers().forEach(field -> s.text(f, field.value()))));
        for (String pseudo : new String[] {"method", "path", "status", "authority", "scheme"}) {
            Fields.dec("http2.headers." + pseudo, FieldType.STRING, pseudo.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + pseudo.substring(1), "The :" + pseudo + " pseudo-header field's value",
                    http2Frames((h, f, s) -> {
                        for (io.tcplens.app.Hpack.Field field : h.headers()) {
                            if (field.name().equals(":" + pseudo)) {
                                s.text(f, field.value());
                            }
                        }
                    }));
        }
        Fields.dec("http.request.method", FieldType.STRING, "Request Method", "GET, POST, HEAD, ...",
                httpText(HttpMessage::method));
        Fields.dec("http.request.uri", FieldType.STRING, "Request URI", "The request target",
                httpText(HttpMessage::uri));
        Fields.dec("http.request.version", FieldType.STRING, "Request Version", "HTTP/1.0 or HTTP/1.1",
                httpText(m -> m.request() ? m.version() : null));
        Fields.dec("http.host", FieldType.STRING, "Host", "The Host header", httpText(m -> m.header("Host")));
        Fields.dec("http.user_agent", FieldType.STRING, "User-Agent", "The User-Agent header",
                httpText(m -> m.header("User-Agent")));
        Fields.dec("http.response.version", FieldType.STRING, "Response Version", "HTTP/1.0 or HTTP/1.1",
                httpText(m -> m.request() ? null : m.version()));
        Fields.dec("http.response.code", FieldType.UINT16, "Status Code", "200, 304, 404, ...",
                httpNumber(m -> m.request() ? -1 : m.code()));
        Fields.dec("http.response.phrase", FieldType.STRING, "Response Phrase", "The reason phrase",
                httpText(HttpMessage::phrase));
        Fields.dec("http.content_length", FieldType.UINT64, "Content length", "The Content-Length header's value",
                httpNumber(HttpMessage::contentLength));
        Fields.dec("http.content_type", FieldType.STRING, "Content-Type", "The Content-Type header",
                httpText(m -> m.header("Content-Type")));
        Fields.dec("http.transfer_encoding", FieldType.STRING, "Transfer-Encoding", "The Transfer-Encoding header",
                httpText(m -> m.header("Transfer-Encoding")));
        Fields.dec("http.server", FieldType.STRING, "Server", "The Server header", httpText(m -> m.header("Server")));

        // ---- FTP (RFC 959) ----
        Fields.dec("ftp", FieldType.PROTOCOL, "File Transfer Protocol (FTP)", "An FTP control segment",
                protocol(a -> a.ftp() != null));
        Fields.dec("ftp.request", FieldType.BOOLEAN, "Request", "1 for the client's commands, 0 for the server's replies",
                ftp((m, f, s) -> s.bool(f, m.request())));
        Fields.dec("ftp.response", FieldType.BOOLEAN, "Response", "1 for the server's replies, 0 for the client's commands",
                ftp((m, f, s) -> s.bool(f, !m.request())));
        Fields.dec("ftp.request.command", FieldType.STRING, "Request command", "USER, PASS, RETR, QUIT, ...",
                ftp((m, f, s) -> {
                    if (m.command() != null) {
                        s.text(f, m.command());
                    }
                }));
        Fields.dec("ftp.request.arg", FieldType.STRING, "Request arg", "The command's argument",
                ftp((m, f, s) -> {
                    if (m.request() && m.argument() != null) {
                        s.text(f, m.argument());
                    }
                }));
        Fields.dec("ftp.response.code", FieldType.UINT32, "Response code", "The reply's three digits",
                ftp((m, f, s) -> {
                    if (m.code() >= 0) {
                        s.unsigned(f, m.code());
                    }
                }));
        Fields.dec("ftp.response.arg", FieldType.STRING, "Response arg", "The reply's text",
                ftp((m, f, s) -> {
                    if (!m.request() && m.argument() != null) {
                        s.text(f, m.argument());
                    }
                }));
        // ---- SMTP (RFC 5321) and the messages it carries (RFC 5322) ----
        Fields.dec("smtp", FieldType.PROTOCOL, "Simple Mail Transfer Protocol", "An SMTP segment (port 25 or 587)",
                segmentProtocol("smtp"));
        Fields.dec("smtp.req", FieldType.BOOLEAN, "Request", "Once per line of the client's commands",
                smtp((m, f, s) -> {
                    for (int i = 0; i < m.requestLines(); i++) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("smtp.rsp", FieldType.BOOLEAN, "Response", "A segment of the server's replies",
                smtp((m, f, s) -> {
                    if (!m.request()) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("smtp.req.command", FieldType.STRING, "Command", "EHLO, MAIL, RCPT, DATA, QUIT, ... (its first four characters)",
                smtp((m, f, s) -> m.commands().forEach(c -> s.text(f, c[0]))));
        Fields.dec("smtp.req.parameter", FieldType.STRING, "Request parameter", "What follows the command and its space",
                smtp((m, f, s) -> m.commands().forEach(c -> {
                    if (c[1] != null) {
                        s.text(f, c[1]);
                    }
                })));
        Fields.dec("smtp.response.code", FieldType.UINT32, "Response code", "The reply's three digits, once per reply",
                smtp((m, f, s) -> m.responses().forEach(r -> {
                    if (r.codeShown()) {
                        s.unsigned(f, r.code());
                    }
                })));
        Fields.dec("smtp.rsp.parameter", FieldType.STRING, "Response parameter", "Each reply line's text after its code",
                smtp((m, f, s) -> m.responses().forEach(r -> {
                    if (r.parameter() != null) {
                        s.text(f, r.parameter());
                    }
                })));
        // ---- IMAP (RFC 9051) ----
        Fields.dec("imap", FieldType.PROTOCOL, "Internet Message Access Protocol", "An IMAP segment (port 143)",
                segmentProtocol("imap"));
        Fields.dec("imap.isrequest", FieldType.BOOLEAN, "Request", "1 for the client's commands, 0 for the server's responses",
                (c, f, s) -> {
                    if (c.app != null && c.app.imap() != null) {
                        s.bool(f, c.app.imap().request());
                    }
                });
        // ---- POP3 (RFC 1939) ----
        Fields.dec("pop", FieldType.PROTOCOL, "Post Office Protocol", "A POP3 segment (port 110)",
                segmentProtocol("pop"));
        Fields.dec("pop.request.command", FieldType.STRING, "Request command", "USER, PASS, STAT, LIST, RETR, ...",
                pop(m -> m.request() ? m.token() : null));
        Fields.dec("pop.request.parameter", FieldType.STRING, "Request parameter", "The rest of the command line",
                pop(m -> m.request() ? m.parameter() : null));
        Fields.dec("pop.response.indicator", FieldType.STRING, "Response indicator", "+OK or -ERR",
                pop(m -> m.request() ? null : m.token()));
        Fields.dec("pop.response.description", FieldType.STRING, "Response description", "The rest of the reply's first line",
                pop(m -> m.request() ? null : m.parameter()));
        // ---- RESP (Redis) ----
        Fields.dec("resp", FieldType.PROTOCOL, "Redis Serialization Protocol", "A RESP segment (port 6379)",
                segmentProtocol("resp"));
        // ---- WHOIS (RFC 3912) ----
        Fields.dec("whois", FieldType.PROTOCOL, "WHOIS", "A WHOIS query, or an answer where its FIN ends it (port 43)",
                segmentProtocol("whois"));
        Fields.dec("imf", FieldType.PROTOCOL, "Internet Message Format",
                "A mail message SMTP, an IMAP FETCH or a POP3 RETR carried, in the segment that ended it",
                protocol(a -> a.segment() != null && a.segment().imf() != null));
        Fields.dec("imf.from", FieldType.STRING, "From", "The message's From field", imf(ImfMessage::from));
        Fields.dec("imf.subject", FieldType.STRING, "Subject", "The message's Subject field", imf(ImfMessage::subject));

        Fields.dec("ftp-data", FieldType.PROTOCOL, "FTP Data", "A segment of an FTP data connection",
                protocol(a -> a.ftpData() != null));
        Fields.dec("ftp-data.setup-frame", FieldType.FRAMENUM, "Setup frame",
                "The PORT/EPRT command or the PASV/EPSV reply that announced this data connection",
                ftpData(l -> l.setupFrame()));
        Fields.dec("ftp-data.setup-method", FieldType.STRING, "Setup method", "PORT, EPRT, PASV or EPASV",
                ftpData(FtpDataLink::method));
        Fields.dec("ftp-data.command", FieldType.STRING, "Command",
                "The transfer command that used the connection (RETR, STOR, LIST, ...)",
                ftpData(FtpDataLink::command));
        Fields.dec("ftp-data.command-frame", FieldType.FRAMENUM, "Command frame", "The frame of that command",
                ftpData(l -> l.commandFrame()));
        // ---- SSH (RFC 4253) ----
        Fields.dec("ssh", FieldType.PROTOCOL, "SSH Protocol",
                "An SSH identification string, key exchange packet or encrypted packet ends in this segment",
                protocol(AppFrame::sshPresent));
        Fields.dec("ssh.direction", FieldType.BOOLEAN, "Direction", "1 server-to-client, 0 client-to-server",
                (c, f, s) -> {
                    if (c.app != null && c.app.sshShown() && c.app.sshComplete()) {
                        s.bool(f, c.app.sshFromServer());
                    }
                });
        Fields.dec("ssh.protocol", FieldType.STRING, "Protocol", "An identification string, \"SSH-2.0-software comments\"",
                ssh((m, f, s) -> {
                    if (m.protocol() != null) {
                        s.text(f, m.protocol());
                    }
                }));
        Fields.dec("ssh.packet_length", FieldType.UINT32, "Packet Length", "A key exchange packet's length field",
                ssh((m, f, s) -> {
                    if (m.packetLength() >= 0) {
                        s.unsigned(f, m.packetLength());
                    }
                }));
        Fields.dec("ssh.padding_length", FieldType.UINT8, "Padding Length", "A key exchange packet's random padding",
                ssh((m, f, s) -> {
                    if (m.paddingLength() >= 0) {
                        s.unsigned(f, m.paddingLength());
                    }
                }));
        Fields.dec("ssh.message_code", FieldType.UINT8, "Message Code",
                "20 KEXINIT, 21 NEWKEYS, 30-49 the key exchange method's messages, ...",
                ssh((m, f, s) -> {
                    if (m.code() >= 0) {
                        s.unsigned(f, m.code());
                    }
                }));
        // A KEXINIT's ten name-lists, in their order (RFC 4253, section 7.1).
        String[] lists = {"kex_algorithms", "server_host_key_algorithms", "encryption_algorithms_client_to_server",
            "encryption_algorithms_server_to_client", "mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
            "compression_algorithms_client_to_server", "compression_algorithms_server_to_client", "languages_client_to_server",
            "languages_server_to_client"};
        for (int i = 0; i < lists.length; i++) {
            int index = i;
            Fields.dec("ssh." + lists[i], FieldType.STRING, lists[i] + " string", "A KEXINIT's name-list " + (i + 1) + " of 10",
                    kexInit(k -> k.lists().get(index)));
        }
        Fields.dec("ssh.kex.hassh_algorithms", FieldType.STRING, "hasshAlgorithms",
                "The client's key exchange, encryption, MAC and compression lists joined by \";\"",
                hassh(false, SshMessage.KexInit::hasshAlgorithms));
        Fields.dec("ssh.kex.hassh", FieldType.STRING, "hassh", "The MD5 of hasshAlgorithms (the client's HASSH fingerprint)",
                hassh(false, SshMessage.KexInit::hassh));
        Fields.dec("ssh.kex.hasshserver_algorithms", FieldType.STRING, "hasshServerAlgorithms",
                "The server's key exchange, encryption, MAC and compression lists joined by \";\"",
                hassh(true, SshMessage.KexInit::hasshAlgorithms));
        Fields.dec("ssh.kex.hasshserver", FieldType.STRING, "hasshServer", "The MD5 of hasshServerAlgorithms (the server's HASSH)",
                hassh(true, SshMessage.KexInit::hassh));
        Fields.dec("ssh.host_key.type", FieldType.STRING, "Host key type", "The server host key's type in a key exchange reply",
                ssh((m, f, s) -> {
                    if (m.hostKeyType() != null) {
                        s.text(f, m.hostKeyType());
                    }
                }));
        Fields.dec("tcplens.ftp_control_stream", FieldType.UINT32, "FTP control stream",
                "The tcp.stream of the FTP control connection this data connection belongs to",
                (c, f, s) -> {
                    FtpDataLink link = c.app != null ? c.app.ftpData() : null;
                    if (link != null) {
                        s.unsigned(f, link.controlStream());
                    }
                });
    }
}
