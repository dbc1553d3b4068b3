package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TLS layer of one TCP connection: both directions' record streams put back together,
 * handshake messages reassembled across records, and what the handshake negotiated.
 *
 * <p>Which records are readable follows the protocol: before TLS 1.3, everything a side sends
 * after its ChangeCipherSpec is protected (RFC 5246, section 7.1); in TLS 1.3, chosen by the
 * ServerHello's supported_versions (RFC 8446, section 4.2.1), every application_data record is
 * protected and hides its real type, and a ChangeCipherSpec is only a middlebox courtesy
 * (appendix D.4), so it changes nothing.
 */
public final class TlsSession {
    /** RFC 5246, section 6.2.3: a record's body is at most 2^14 + 2048 bytes. */
    public static final int MAX_RECORD_BODY = (1 << 14) + 2048;
    /** A handshake message longer than this stops that direction's parsing (certificate chains stay far below). */
    public static final int MAX_HANDSHAKE_MESSAGE = 1 << 18;
    /** Letters of ssl_history kept at most (Zeek's max_ssl_history_length). */
    public static final int MAX_HISTORY = 100;

    private static final int HEADER = 5;
    /**
     * Record and handshake buffers between records: none, since only handshake, alert and
     * ChangeCipherSpec bodies are copied, and connections spend their lives between those.
     */
    private static final byte[] NO_BYTES = new byte[0];
    /** The record version tcplens gives an SSL 2.0 record (Wireshark names it SSLv2). */
    static final int SSLV2_RECORD = 0x0002;
    /** RFC 9146's tls12_cid, the highest content type Wireshark accepts. */
    private static final int TLS12_CID = 25;
    /** China's GM/T 0024 TLS, which Wireshark 4.0 reads as TLS 1.1. */
    private static final int GMTLS = 0x0101;
    private static final int TLS13 = 0x0304;
    private static final int FIZZ_DRAFT_23 = 0xFB17;
    private static final int FIZZ_DRAFT_26 = 0xFB1A;

    /** One direction's record and handshake reassembly. */
    private static final class Side {
        final byte[] header = new byte[HEADER];
        int headerFill;
        byte[] body = NO_BYTES;
        int bodyFill;
        int bodyLength;
        boolean copyBody;
        /** The record being read is an SSL 2.0 CLIENT-HELLO. */
        boolean sslv2;
        long records;
        /** The record being assembled began in the frame being read. */
        long recordStartFrame = -1;
        byte[] handshake = NO_BYTES;
        int handshakeFill;
        boolean changedCipher;
        /** Why this direction stopped being parsed, or null. */
        String stopped;
        /**
         * The record being read lost bytes to a capture gap: it is read to its end, so that the
         * next record starts where it should, but it is not shown (Wireshark never completes it).
         */
        boolean broken;
        /** Opens this direction's protected records (a key log held its secrets), or null. */
        TlsRecordCipher cipher;
        /** Segments whose bytes were no TLS record (skipped to the segment's end), and the first one's frame. */
        long skippedSegments;
        long firstSkippedFrame = -1;
    }

    private final Side[] sides = {new Side(), new Side()};
    /** The version of the first record that sets Wireshark's session version, or -1. */
    private int recordLayerVersion = -1;
    /**
     * A ClientHello offered early data (0-RTT), which only TLS 1.3 has: Wireshark takes the
     * session for TLS 1.3 from then on, before any ServerHello (packet-tls.c,
     * dissect_tls_handshake: "If early_data is advertised, it must be TLS 1.3 though").
     */
    private boolean earlyDataOffered;
    /** The side (FlowKey order) that sent the first ClientHello: the TLS client. */
    private int clientSide = -1;
    private TlsHandshake clientHello;
    private TlsHandshake serverHello;
    private TlsHandshake certificate;
    private TlsHandshake encryptedExtensions;
    private int namedGroup = -1;
    private int alertLevel = -1;
    private int alertDescription = -1;
    private int alertSide = -1;
    private final StringBuilder history = new StringBuilder();
    final AppEvents events;
    /** Per side: sent a protected record (Finished before TLS 1.3; anything protected in TLS 1.3). */
    private final boolean[] sentProtected = new boolean[2];
    private int firstChangeCipherSide = -1;
    /** Shared by all connections for the record and handshake buffers; null for none. */
    private final ReassemblyBudget budget;
    /** The TCP originator, or -1: a ClientHello from the other side flips the roles (Zeek's "^"). */
    private final int originatorSide;
    /** Keep the server's certificate chain for the summary. */
    private final boolean keepCertificate;
    /** Secrets to open records with, or null. */
    private final TlsKeyLog keys;
    /** Receives the application data a key log opened, or null. */
    private final PlaintextListener plaintext;
    /** The RSA key exchange under way when the keys can open one, until its ClientKeyExchange; else null. */
    private TlsRsaKeyExchange rsaExchange;

    /** Receives what the key log opens in a connection, one record at a time. */
    @FunctionalInterface
    public interface PlaintextListener {
        /**
         * A record {@code side} (the flow key's order) sent in frame {@code frame} was opened;
         * {@code length} bytes of {@code plain} are its content, application data when {@code
         * applicationData} (else a handshake message or an alert).
         */
        void opened(int side, byte[] plain, int length, boolean applicationData, long frame);
    }
    /**
     * HTTP/1.x read from the application data a key log opened (ALPN http/1.1, or bytes that
     * begin like HTTP, as Wireshark hands TLS on port 443 to HTTP); null until decided, and when
     * the connection speaks something else (HTTP/2 is not read).
     */
    private HttpStream http;
    private boolean httpRefused;
    /** HTTP/2 read from the application data a key log opened (ALPN h2, or the client's preface first); else null. */
    private Http2Connection http2;
    private final java.util.Map<Integer, String> http2Media;
    /** Wireshark's columns for the frame being read, while HTTP/2 is read (see {@link Http2Columns}). */
    private final Http2Columns columns = new Http2Columns();
    private long columnsFrame = -1;
    /** The frame's TLS call that began records in it (after one that ended a record begun earlier) has begun. */
    private boolean columnsSecondCall;
    /** The frame's first record was put together from earlier segments: TCP called TLS for it alone. */
    private boolean firstRecordReassembled;
    /** The bytes being read resume a record header the previous segment cut (TCP calls TLS once then). */
    private boolean resumedHeaderCall;
    /** The key log held this connection's secrets; and how many of its records they opened. */
    private boolean secretsFound;
    private long recordsOpened;
    /** What the HTTP reader wrote for the record under way, moved to the frame as TLS shows it (with {@link #http}). */
    private AppFrame httpFrame;

    TlsSession(ReassemblyBudget budget, AppSession.Keep keep, int originatorSide) {
        this.budget = budget;
        this.originatorSide = originatorSide;
        this.events = new AppEvents(keep.dialogue());
        this.keepCertificate = keep.certificates();
        this.keys = keep.tlsKeys();
        this.plaintext = keep.tlsPlaintext();
        this.http2Media = keep.http2Media() != null ? keep.http2Media() : new java.util.HashMap<>();
    }

    /** Grows a buffer's share of the budget from {@code from} to {@code to} bytes; false when refused. */
    private boolean grow(int from, int to) {
        return budget == null || to <= from || budget.take(to - from);
    }

    private void shrink(int bytes) {
        if (budget != null && bytes > 0) {
            budget.give(bytes);
        }
    }

    /** The connection is dropped: its buffers' share goes back to the budget. */
    void release() {
        if (http2 != null) {
            http2.release();
        }
        for (Side s : sides) {
            shrink(s.body.length);
            shrink(s.handshake.length);
            s.body = NO_BYTES;
            s.handshake = NO_BYTES;
            s.handshakeFill = 0;
            s.headerFill = 0;
        }
    }

    /** True when bytes starting with these could be a TLS record header (or SSLv2's ClientHello). */
    static boolean looksLikeTls(ByteBuffer b, int at, int length) {
        if (length < 3) {
            return false;
        }
        int type = b.get(at) & 0xFF;
        int major = b.get(at + 1) & 0xFF;
        int minor = b.get(at + 2) & 0xFF;
        return (type >= TlsRecord.CHANGE_CIPHER_SPEC && type <= TlsRecord.HEARTBEAT && major == 3 && minor <= 4)
                || (length >= 5 && sslv2ClientHello(type, minor, b.get(at + 3) & 0xFF, b.get(at + 4) & 0xFF));
    }

    /**
     * RFC 5246, appendix E.2: a client that also speaks SSL 2.0 opens with an SSL 2.0 record (a
     * 2-byte header with the high bit set) holding a CLIENT-HELLO (type 1) and its version.
     */
    private static boolean sslv2ClientHello(int header0, int messageType, int major, int minor) {
        return (header0 & 0x80) != 0 && messageType == 1 && ((major == 3 && minor <= 4) || (major == 0 && minor == 2));
    }

    /**
     * Wireshark's version of the session, which decides how it reads bytes that are no record:
     * the ServerHello's, else that of the first record that says it (any but a ClientHello;
     * packet-tls-utils.c, ssl_try_set_version), else -1.
     */
    private int sessionVersion() {
        int v = settledVersion();
        return v >= 0 ? v : earlyDataOffered ? TLS13 : recordLayerVersion;
    }

    /** RFC 8446, section 5.1, and RFC 9146 (tls12_cid, 25): the content types Wireshark accepts. */
    private static boolean validContentType(int type) {
        return type >= TlsRecord.CHANGE_CIPHER_SPEC && type <= TLS12_CID;
    }

    /** Wireshark's ssl_is_valid_handshake_type for TLS: the handshake types it knows (RFC 8446, section 4, and older). */
    private static boolean handshakeType(int type) {
        return switch (type) {
            case 0, 1, 2, 4, 5, 6, 8, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 67 -> true;
            default -> false;
        };
    }

    /**
     * True when Wireshark reads these 5 bytes as a record header (packet-tls.c, dissect_ssl): in
     * a TLS 1.0 to 1.2 session any valid content type will do; otherwise (version unknown, SSLv3,
     * TLS 1.3) the record version must also be SSLv3 to TLS 1.2 (ssl_looks_like_sslv3).
     */
    private boolean readableHeader(int type, int version) {
        if (!validContentType(type)) {
            return false;
        }
        return tls10To12(sessionVersion()) || (version >= 0x0300 && version <= 0x0303) || version == GMTLS;
    }

    /** The session versions with which Wireshark reads any valid content type as a record (dissect_ssl's cases). */
    private static boolean tls10To12(int version) {
        return (version >= 0x0301 && version <= 0x0303) || version == GMTLS;
    }

    /**
     * An SSL 2.0 record's bytes after the 5 header bytes read: its 2-byte header's length
     * (high bit set) counts the three bytes read past that header.
     */
    private static int sslv2BodyLeft(Side s) {
        return Math.max(0, (((s.header[0] & 0x7F) << 8) | (s.header[1] & 0xFF)) - 3);
    }

    /** Wireshark's ssl_looks_like_sslv2: a first byte with the high bit, then an SSL 2.0 message type in the third. */
    private static boolean sslv2Record(int first, int third) {
        return first >= 0x80 && (third == 0 || third == 1 || third == 2 || third == 4);
    }

    /**
     * The bytes from a segment's unreadable header to its end, skipped as Wireshark skips them: in
     * a TLS 1.0 to 1.2 session it reports an "Ignored Unknown Record" when the first byte is no
     * content type, otherwise "Continuation Data"; either way it tries again at the next segment.
     */
    private void skipSegment(Side s, AppFrame frame, boolean own) {
        int session = sessionVersion();
        boolean ignored = tls10To12(session) && !validContentType(s.header[0] & 0xFF);
        if (own) {
            frame.tlsSkipped(ignored ? "Ignored Unknown Record" : "Continuation Data",
                    session >= 0 ? columnName(session) : "SSL");
        }
        if (s.skippedSegments++ == 0) {
            s.firstSkippedFrame = frame.number();
        }
        s.headerFill = 0;
        s.recordStartFrame = -1;
    }

    /**
     * Takes bytes of one direction, in stream order, read in the current frame; {@code own}: they
     * are the frame's own segment (else segments released behind a lost hole).
     */
    void bytes(int side, ByteBuffer b, int at, int length, AppFrame frame, boolean own) {
        Side s = sides[side];
        int end = at + length;
        boolean ended = false;
        // Wireshark's TCP calls TLS once for a record put together from earlier segments that ends
        // here, and once more for the bytes after it that begin records of this segment.
        boolean reassembled = false;
        boolean begun = false;
        // A record header that the previous segment cut: Wireshark's TLS asked TCP for one more
        // segment, so TCP calls it once with that header and this whole segment, as for a record
        // that begins here (a record still incomplete then clears TCP's words from the column).
        boolean resumedHeader = s.headerFill > 0 && s.headerFill < HEADER;
        resumedHeaderCall = resumedHeader;
        boolean pending = resumedHeader;
        while (at < end && s.stopped == null) {
            if (s.headerFill < HEADER) {
                if (s.headerFill == 0) {
                    s.recordStartFrame = frame.number();
                    begun = true;
                }
                int n = Math.min(HEADER - s.headerFill, end - at);
                b.get(at, s.header, s.headerFill, n);
                s.headerFill += n;
                at += n;
                if (s.headerFill < HEADER) {
                    break;
                }
                int type = s.header[0] & 0xFF;
                int version = ((s.header[1] & 0xFF) << 8) | (s.header[2] & 0xFF);
                s.bodyLength = ((s.header[3] & 0xFF) << 8) | (s.header[4] & 0xFF);
                s.sslv2 = s.records == 0 && sslv2ClientHello(type, s.header[2] & 0xFF, s.header[3] & 0xFF, s.header[4] & 0xFF);
                s.broken = false;
                if (s.sslv2) {
                    s.bodyLength = sslv2BodyLeft(s);
                    type = TlsRecord.HANDSHAKE;
                    version = SSLV2_RECORD;
                } else if (!tls10To12(sessionVersion()) && sslv2Record(type, s.header[2] & 0xFF)) {
                    // What Wireshark takes for an SSL 2.0 record (ssl_looks_like_sslv2), outside a
                    // TLS 1.0 to 1.2 session: a 2-byte header whose length it reads to the end.
                    s.bodyLength = sslv2BodyLeft(s);
                    s.broken = true;
                } else if (!readableHeader(type, version)) {
                    // No record starts here (a capture that began inside one, bytes after a gap,
                    // another protocol): the rest of the segment is skipped, and the next segment
                    // is read as a record's start again.
                    skipSegment(s, frame, own);
                    at = end;
                    break;
                }
                // Application data is protected: only its length matters, so its bytes are not copied;
                // nor are those of a record longer than a record may be (Wireshark reads it to its
                // length all the same, and so does tcplens, without showing it).
                s.broken |= s.bodyLength > MAX_RECORD_BODY;
                s.copyBody = (type != TlsRecord.APPLICATION_DATA || s.sslv2 || s.cipher != null) && !s.broken;
                if (s.copyBody && s.body.length < s.bodyLength) {
                    int size = Math.max(s.bodyLength, s.body.length * 2);
                    if (!grow(s.body.length, size)) {
                        s.stopped = budgetExhausted(frame);
                        break;
                    }
                    s.body = new byte[size];
                }
                s.bodyFill = 0;
            }
            int n = Math.min(s.bodyLength - s.bodyFill, end - at);
            if (s.copyBody) {
                b.get(at, s.body, s.bodyFill, n);
            }
            s.bodyFill += n;
            at += n;
            if (s.bodyFill == s.bodyLength) {
                reassembled |= s.recordStartFrame != frame.number();
                pending = false;
                if (s.broken) {
                    ended = own;
                } else {
                    record(side, s, frame);
                }
                s.headerFill = 0;
                s.recordStartFrame = -1;
                s.broken = false;
            }
        }
        if (http2 != null && own && columnsFrame == frame.number() && firstRecordReassembled && !columnsSecondCall
                && s.headerFill > 0 && s.recordStartFrame == frame.number()) {
            // TCP calls TLS for a record begun here that needs later segments: its layer, no words.
            secondTlsCall(columnName(settledVersion()));
        }
        if ((s.headerFill > 0 || ended) && s.stopped == null) {
            frame.pdu(s.recordStartFrame == frame.number() || pending ? AppFrame.Pdu.STARTED : AppFrame.Pdu.CONTINUED);
        }
        if (s.recordStartFrame == frame.number() || resumedHeader || frame.tlsRecordCount() > 0) {
            // Wireshark shows the TLS layer where a record ends, and where one begins but needs more segments.
            frame.tls(true);
            if (own) {
                frame.tlsLayers(resumedHeader ? 1 : (reassembled ? 1 : 0) + (begun ? 1 : 0));
            }
        }
    }

    /** Bytes the capture missed: the record and handshake under way are lost, and parsing resumes after them. */
    void gap(int side, long length) {
        Side s = sides[side];
        s.handshakeFill = 0;
        if (s.headerFill == HEADER && length < s.bodyLength - s.bodyFill) {
            // The gap ends inside the record under way: Wireshark keeps reassembling it up to its
            // length (it never completes), so the record after it is read where it starts.
            s.bodyFill += (int) length;
            s.broken = true;
            s.copyBody = false;
            return;
        }
        s.headerFill = 0;
        s.recordStartFrame = -1;
        s.broken = false;
    }

    private void record(int side, Side s, AppFrame frame) {
        s.records++;
        if (s.sslv2) {
            int version = ((s.header[3] & 0xFF) << 8) | (s.header[4] & 0xFF);
            TlsHandshake hello = TlsHandshake.sslv2ClientHello(version, Arrays.copyOf(s.body, s.bodyLength));
            message(side, hello, true);
            TlsRecord record = new TlsRecord(TlsRecord.HANDSHAKE, SSLV2_RECORD, s.bodyLength + 3, false, false, false,
                    List.of(hello), false, -1, -1, -1);
            frame.addTls(record);
            explain(side, record, frame.number());
            return;
        }
        int type = s.header[0] & 0xFF;
        int version = ((s.header[1] & 0xFF) << 8) | (s.header[2] & 0xFF);
        if (recordLayerVersion < 0 && (type != TlsRecord.HANDSHAKE
                || (s.bodyLength > 0 && s.body[0] != TlsHandshake.CLIENT_HELLO && handshakeType(s.body[0] & 0xFF)))) {
            // Any record but a ClientHello sets Wireshark's session version (ssl_try_set_version).
            recordLayerVersion = version;
        }
        boolean opaque = tls13() && type == TlsRecord.APPLICATION_DATA;
        boolean encrypted = type == TlsRecord.APPLICATION_DATA || (s.changedCipher && !tls13());
        // What the record carries: its body, or what its protection hid when the key log opens it
        // (in TLS 1.3 the real content type ends the plaintext, RFC 8446 section 5.2).
        byte[] body = s.body;
        int length = s.bodyLength;
        int content = type;
        boolean decrypted = false;
        if (encrypted && s.cipher != null) {
            byte[] plain = s.cipher.open(type, version, s.body, s.bodyLength);
            int end = plain == null ? -1 : opaque ? TlsRecordCipher.innerTypeAt(plain) : plain.length;
            if (end >= 0 && (!opaque || end < plain.length)) {
                content = opaque ? plain[end] & 0xFF : type;
                body = plain;
                length = end;
                decrypted = true;
            }
        }
        if (decrypted) {
            recordsOpened++;
        }
        if (decrypted && plaintext != null) {
            plaintext.opened(side, body, length, content == TlsRecord.APPLICATION_DATA, frame.number());
        }
        HandshakeRecord handshake = HandshakeRecord.NOTHING;
        int level = -1;
        int description = -1;
        if (!encrypted || decrypted) {
            switch (content) {
                case TlsRecord.HANDSHAKE -> handshake = handshakes(side, s, body, length, !decrypted, frame);
                case TlsRecord.ALERT -> {
                    if (length >= 2 && !decrypted) {
                        alert(side, body[0] & 0xFF, body[1] & 0xFF);
                    }
                    if (length == 2) {
                        // Wireshark shows level and description only for a record of exactly one
                        // alert; any other length is an "Encrypted Alert" (packet-tls.c, dissect_ssl3_alert).
                        level = body[0] & 0xFF;
                        description = body[1] & 0xFF;
                    }
                }
                case TlsRecord.CHANGE_CIPHER_SPEC -> {
                    if (!tls13()) {
                        s.changedCipher = true;
                        if (firstChangeCipherSide < 0) {
                            firstChangeCipherSide = side;
                        }
                        s.cipher = tls12Cipher(side);
                    }
                    letter(side, 'I');
                }
                case TlsRecord.HEARTBEAT -> letter(side, 'B');
                case TlsRecord.APPLICATION_DATA -> {
                    if (decrypted && http2 == null && http == null && takesHttp2(body, length)) {
                        http2 = new Http2Connection(budget, http2Media);
                    }
                    if (decrypted && http2 == null) {
                        applicationData(side, body, length, frame, s.recordStartFrame != frame.number());
                    }
                }
                default -> { }
            }
        }
        // Zeek's view, which no key opens: what was protected on the wire stays so.
        if (encrypted && type == TlsRecord.ALERT) {
            // An encrypted alert: its level and description are unknown, and Zeek, which cannot
            // read it either, gives it no history letter.
            sentProtected[side] = true;
            if (alertSide < 0) {
                alertSide = side;
            }
        } else if (encrypted) {
            // Application data, or a Finished encrypted before TLS 1.3 (RFC 5246, section 7.4.9):
            // protected, so no history letter (Zeek sees only what it can read).
            sentProtected[side] = true;
        }
        TlsRecord record = new TlsRecord(content, version, s.bodyLength, opaque, encrypted && !decrypted, decrypted,
                handshake.messages(), handshake.unreadableFirst(), handshake.fragmentType(), level, description);
        frame.addTls(record);
        if (http2 != null) {
            http2Columns(side, s, frame, record, decrypted && content == TlsRecord.APPLICATION_DATA ? body : null, length);
        }
        explain(side, record, frame.number());
        if (decrypted && content == TlsRecord.APPLICATION_DATA && httpFrame != null && events.enabled()) {
            for (HttpMessage m : httpFrame.http()) {
                events.add(frame.number(), side, "HTTP inside: " + m.startLine());
            }
        }
        if (s.body.length > 0 && s.handshakeFill == 0) {
            // Between records a connection holds no buffer (the budget gets its share back).
            shrink(s.body.length);
            s.body = NO_BYTES;
        }
        if (s.handshakeFill == 0 && s.handshake.length > 0) {
            shrink(s.handshake.length);
            s.handshake = NO_BYTES;
        }
    }

    /**
     * Wireshark hands a TLS connection's application data to HTTP/2 when the handshake chose "h2"
     * (ALPN), or when the first data is the client's connection preface (its "HTTP2 over TLS"
     * heuristic, packet-http2.c).
     */
    private boolean takesHttp2(byte[] plain, int length) {
        return chosenAlpn().contains("h2") || Http2Connection.startsWithPreface(plain, length);
    }

    /**
     * A record of an HTTP/2 connection, as Wireshark's columns take it: TLS's words, then for
     * opened application data HTTP/2's ({@link Http2Connection#record}). The frame's columns
     * begin with its first record; TCP calls TLS a second time for the records that begin in the
     * frame after one put together from earlier segments ends in it.
     */
    private void http2Columns(int side, Side s, AppFrame frame, TlsRecord record, byte[] plain, int length) {
        String version = columnName(settledVersion());
        if (columnsFrame != frame.number()) {
            columnsFrame = frame.number();
            columns.clear();
            columnsSecondCall = false;
            firstRecordReassembled = s.recordStartFrame != frame.number() && !resumedHeaderCall;
            columns.tlsCall(version);
            // Records of the frame read before HTTP/2 was chosen.
            List<TlsRecord> earlier = frame.tlsRecords();
            for (int i = 0; i < earlier.size() - 1; i++) {
                tlsWords(columns, earlier.get(i));
            }
        } else if (!columnsSecondCall && s.recordStartFrame == frame.number() && frame.tlsRecordCount() > 1
                && firstRecordReassembled) {
            secondTlsCall(version);
        }
        if (s.recordStartFrame == frame.number()) {
            columnsSecondCall = true;
        }
        if (plain == null) {
            tlsWords(columns, record);
            return;
        }
        columns.appendInfo(", ", "Application Data");
        int before = columns.frames().size();
        http2.record(side, plain, length, columns, version, false);
        frame.http2(columns);
        columns.tell(events, frame.number(), side, before, "HTTP/2 inside");
    }

    private void secondTlsCall(String version) {
        columnsSecondCall = true;
        columns.nextTcpCall();
        columns.tlsCall(version);
    }

    private static void tlsWords(Http2Columns columns, TlsRecord record) {
        StringBuilder words = new StringBuilder();
        record.describe(words);
        if (words.length() > 0) {
            columns.appendInfo(", ", words.toString());
        }
    }

    /**
     * Opened application data: to HTTP when the connection speaks it. Wireshark's TLS reassembles
     * the application's messages across records as TCP does across segments: a frame whose
     * records end no message shows "[TLS segment of a reassembled PDU]" (packet-tls.c,
     * desegment_ssl), one where a message ends shows it.
     */
    private void applicationData(int side, byte[] plain, int length, AppFrame frame, boolean firstCall) {
        if (length == 0) {
            // An empty record (OpenSSL's countermeasure to BEAST in TLS 1.0 sends one before the
            // data): no bytes for the heuristic to refuse, nothing for HTTP to read.
            return;
        }
        if (http == null) {
            boolean alpnHttp = chosenAlpn().contains("http/1.1");
            if (httpRefused || !(alpnHttp || HttpStream.looksLikeHttp(java.nio.ByteBuffer.wrap(plain, 0, length), 0, length))) {
                httpRefused = true;
                return;
            }
            http = new HttpStream(false, true);
            httpFrame = new AppFrame();
        }
        httpFrame.clear(frame.number());
        http.bytes(side, java.nio.ByteBuffer.wrap(plain, 0, length), 0, length, httpFrame, true);
        for (HttpMessage m : httpFrame.http()) {
            frame.addHttp(m);
        }
        if (!httpFrame.http().isEmpty() || httpFrame.pdu() != AppFrame.Pdu.NONE) {
            frame.httpInTls(true);
        }
        if (firstCall && httpFrame.http().isEmpty() && httpFrame.pdu() != AppFrame.Pdu.NONE) {
            frame.httpAfterTlsMarker(true);
        }
    }

    private String budgetExhausted(AppFrame frame) {
        return "the reassembly memory shared by all connections (" + (budget.max() >> 20)
                + " MiB) was full at frame " + frame.number();
    }

    /** The record in words, for explain: what each message carries and where encryption begins. */
    private void explain(int side, TlsRecord r, long frame) {
        if (!events.enabled()) {
            return;
        }
        switch (r.contentType()) {
            case TlsRecord.HANDSHAKE -> {
                if (r.encrypted()) {
                    events.add(frame, side, "Encrypted Handshake Message: Finished, the first message under the new keys; "
                            + "it proves both ends saw the same handshake");
                }
                for (TlsHandshake m : r.handshakes()) {
                    events.add(frame, side, describe(m));
                }
            }
            case TlsRecord.CHANGE_CIPHER_SPEC -> events.add(frame, side, tls13()
                    ? "Change Cipher Spec (TLS 1.3 sends it only for middleboxes; it changes nothing)"
                    : "Change Cipher Spec: everything this side sends from here on is encrypted");
            case TlsRecord.ALERT -> events.add(frame, side, r.alertLevel() < 0 ? "Encrypted Alert (usually close_notify: the sender is done)"
                    : "Alert: " + (r.alertLevel() == 2 ? "fatal " : "warning ") + TlsRecord.alertName(r.alertDescription()));
            case TlsRecord.APPLICATION_DATA -> events.add(frame, side, r.decrypted() ? "Application Data, opened with the secrets given"
                    : tls13() && !sentProtected[1 - side] && side != clientSide
                    ? "Application Data record: in TLS 1.3 the rest of the server's handshake (EncryptedExtensions, "
                            + "Certificate, CertificateVerify, Finished) travels encrypted like this"
                    : "Application Data (encrypted)");
            default -> events.add(frame, side, "record of type " + r.contentType());
        }
    }

    private static String describe(TlsHandshake m) {
        StringBuilder out = new StringBuilder(m.name());
        if (m.truncated()) {
            out.append(" (shorter than its own length fields say; read as far as it goes)");
        }
        switch (m.type) {
            case TlsHandshake.CLIENT_HELLO -> {
                out.append(": client random ").append(hexStart(m.random));
                if (!m.serverNames.isEmpty()) {
                    out.append(", server name ").append(String.join(",", m.serverNames));
                }
                int[] versions = m.supportedVersions.length > 0 ? m.supportedVersions : new int[] {m.version};
                out.append(", offers ");
                boolean first = true;
                for (int v : versions) {
                    if (!TlsHandshake.grease(v)) {
                        out.append(first ? "" : "/").append(versionName(v));
                        first = false;
                    }
                }
                out.append(", ").append(m.cipherSuites.length).append(" cipher suites");
                if (!m.alpn.isEmpty()) {
                    out.append(", ALPN ").append(String.join(",", m.alpn));
                }
            }
            case TlsHandshake.SERVER_HELLO -> {
                if (m.helloRetryRequest()) {
                    out.append(": the server wants a key share in group ").append(groupName(m.selectedGroup))
                            .append(" and asks for a new Client Hello");
                } else {
                    out.append(": server random ").append(hexStart(m.random)).append(", chooses ")
                            .append(versionName(m.supportedVersions.length > 0 ? m.supportedVersions[0] : m.version));
                    if (m.cipherSuites.length > 0) {
                        out.append(String.format(java.util.Locale.ROOT, ", cipher suite 0x%04x", m.cipherSuites[0]));
                    }
                    if (m.keyShareGroups.length > 0) {
                        out.append(", key share in group ").append(groupName(m.keyShareGroups[0]));
                    }
                    if (!m.alpn.isEmpty()) {
                        out.append(", ALPN ").append(m.alpn.get(0));
                    }
                }
            }
            case TlsHandshake.CERTIFICATE -> {
                out.append(": ").append(m.certificates.size()).append(m.certificates.size() == 1 ? " certificate" : " certificates");
                List<TlsCertificate> chain = m.parsedCertificates();
                if (!chain.isEmpty() && chain.get(0).problem() == null) {
                    out.append(", the first for ").append(chain.get(0).subject()).append(", issued by ").append(chain.get(0).issuer());
                }
            }
            case TlsHandshake.SERVER_KEY_EXCHANGE -> out.append(m.namedGroup >= 0
                    ? ": the server's ephemeral (EC)DHE key on group " + groupName(m.namedGroup) + ", signed with its certificate's key"
                    : ": the server's ephemeral key, signed with its certificate's key");
            case TlsHandshake.CLIENT_KEY_EXCHANGE -> out.append(": the client's key-exchange share; both ends now derive the keys");
            case TlsHandshake.SERVER_HELLO_DONE -> out.append(": the server has said all it will before the client answers");
            case TlsHandshake.NEW_SESSION_TICKET -> out.append(": a ticket to resume this session later");
            case TlsHandshake.KEY_UPDATE -> out.append(": its sender's later records use its next traffic keys (RFC 8446, 4.6.3)");
            default -> { }
        }
        return out.toString();
    }

    /** The common key-exchange groups by name (RFC 8446, section 4.2.7; RFC 8422), else the number in hex; "-" for none. */
    public static String groupName(int group) {
        return switch (group) {
            case -1 -> "-";
            case 0x0017 -> "secp256r1";
            case 0x0018 -> "secp384r1";
            case 0x0019 -> "secp521r1";
            case 0x001d -> "x25519";
            case 0x001e -> "x448";
            case 0x0100 -> "ffdhe2048";
            case 0x0101 -> "ffdhe3072";
            case 0x11ec -> "X25519MLKEM768";
            default -> String.format(java.util.Locale.ROOT, "0x%04x", group);
        };
    }

    private static String hexStart(byte[] random) {
        return TlsHandshake.hex(Arrays.copyOf(random, Math.min(8, random.length))) + "\u2026";
    }

    /** A version's name ("TLS 1.2"); "-" for none. */
    public static String versionName(int v) {
        return switch (v) {
            case -1 -> "-";
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            // Wireshark's names (packet-tls-utils.c, ssl_versions).
            case FIZZ_DRAFT_23 -> "TLS 1.3 (Facebook draft 23)";
            case FIZZ_DRAFT_26 -> "TLS 1.3 (Facebook draft 26)";
            default -> tls13Draft(v) ? "TLS 1.3 (draft " + (v & 0xFF) + ")" : String.format(java.util.Locale.ROOT, "0x%04x", v);
        };
    }

    private void alert(int side, int level, int description) {
        if (alertSide < 0) {
            alertSide = side;
            alertLevel = level;
            alertDescription = description;
        }
        letter(side, 'L');
    }

    /** A handshake record's complete messages and what else Wireshark's Info column shows of it. */
    private record HandshakeRecord(List<TlsHandshake> messages, boolean unreadableFirst, int fragmentType) {
        static final HandshakeRecord NOTHING = new HandshakeRecord(List.of(), false, -1);
    }

    /**
     * Reads a handshake record's messages as Wireshark 4.0 does (packet-tls.c,
     * dissect_tls_handshake): a message under way from earlier records takes what it still needs
     * from this one, and shows its name when this record completes it, nothing otherwise; a
     * record that starts no such continuation and looks encrypted is one "Encrypted Handshake
     * Message"; then each message that ends in the record, and a last one that does not is
     * kept for the next records, shown as "[Client Hello Fragment]" when it is the record's first.
     * A message of a type Wireshark does not know shows as "Encrypted Handshake Message" when it
     * is the record's first and not at all otherwise (dissect_tls_handshake_full).
     */
    private HandshakeRecord handshakes(int side, Side s, byte[] body, int n, boolean wire, AppFrame frame) {
        int at = 0;
        List<TlsHandshake> shown = new ArrayList<>(2);
        boolean unreadableFirst = false;
        boolean first = true;
        if (s.handshakeFill > 0) {
            int take = n;
            if (s.handshakeFill + n >= 4) {
                // The message's length is known once its 4-byte header is: take no more than it needs.
                take = (int) Math.min(n, 4L + declaredLength(s, body, 0) - s.handshakeFill);
            }
            if (!keepFragment(s, body, 0, take, frame)) {
                return HandshakeRecord.NOTHING;
            }
            at = take;
            if (s.handshakeFill < 4 || s.handshakeFill < 4 + u24(s.handshake, 1)) {
                return HandshakeRecord.NOTHING;
            }
            TlsHandshake m = complete(side, s.handshake, 0, s.handshakeFill, wire);
            s.handshakeFill = 0;
            if (TlsHandshake.named(m.type)) {
                shown.add(m);
            } else {
                unreadableFirst = true;
            }
            first = false;
        } else if (looksEncrypted(body, n, wire)) {
            return new HandshakeRecord(List.of(), true, -1);
        }
        while (at < n) {
            int left = n - at;
            long length = left >= 4 ? 4L + u24(body, at + 1) : 0;
            if (length == 0 || left < length) {
                if (!keepFragment(s, body, at, left, frame)) {
                    break;
                }
                return new HandshakeRecord(shown, unreadableFirst, first ? body[at] & 0xFF : -1);
            }
            TlsHandshake m = complete(side, body, at, (int) length, wire);
            if (TlsHandshake.named(m.type)) {
                shown.add(m);
            } else if (first) {
                unreadableFirst = true;
            }
            at += (int) length;
            first = false;
        }
        return new HandshakeRecord(shown, unreadableFirst, -1);
    }

    /**
     * The length in the header of the message under way, its first bytes kept from earlier
     * records and the rest (at least 4 in all) beginning at {@code b[at]}.
     */
    private static int declaredLength(Side s, byte[] b, int at) {
        if (s.handshakeFill >= 4) {
            return u24(s.handshake, 1);
        }
        byte[] header = Arrays.copyOf(s.handshake, 4);
        System.arraycopy(b, at, header, s.handshakeFill, 4 - s.handshakeFill);
        return u24(header, 1);
    }

    private static int u24(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    /**
     * A complete message (its 4-byte header at {@code at}), read and told to the session;
     * {@code wire}: read from the wire as sent, not opened with a key log's secrets.
     */
    private TlsHandshake complete(int side, byte[] b, int at, int length, boolean wire) {
        int type = b[at] & 0xFF;
        if (type == TlsHandshake.CLIENT_HELLO && clientHello == null && keys != null && keys.opensRsa()) {
            rsaExchange = new TlsRsaKeyExchange();
        }
        if (rsaExchange != null) {
            rsaExchange.message(b, at, length);
        }
        TlsHandshake m = new TlsHandshake(type, Arrays.copyOfRange(b, at + 4, at + length), version() == 0x0303, tls13());
        message(side, m, wire);
        if (type == TlsHandshake.CLIENT_KEY_EXCHANGE && rsaExchange != null && side == clientSide && serverHello != null) {
            // RFC 5246, section 7.4.7.1: the pre-master secret encrypted to the server's key; the
            // master secret it gives opens the records as a CLIENT_RANDOM line would.
            boolean extended = contains(clientHello.extensionTypes, EXT_EXTENDED_MASTER_SECRET)
                    && contains(serverHello.extensionTypes, EXT_EXTENDED_MASTER_SECRET);
            byte[] master = rsaExchange.masterSecret(keys, Arrays.copyOfRange(b, at + 4, at + length), serverHello.version,
                    cipherSuite(), extended, clientHello.random, serverHello.random);
            if (master != null) {
                keys.derivedMaster(clientHello.random, master);
            }
            rsaExchange = null;
        }
        return m;
    }

    /** RFC 7627's extended master secret extension. */
    private static final int EXT_EXTENDED_MASTER_SECRET = 23;

    /**
     * Adds bytes of a message that later records complete to the direction's buffer; false when
     * the message is over the limit or the shared budget is spent (the direction stops).
     */
    private boolean keepFragment(Side s, byte[] b, int at, int length, AppFrame frame) {
        int need = s.handshakeFill + length;
        if (need >= 4) {
            int declared = declaredLength(s, b, at);
            if (declared > MAX_HANDSHAKE_MESSAGE) {
                s.stopped = "handshake message of " + declared + " bytes at frame " + frame.number()
                        + " is over the limit of " + MAX_HANDSHAKE_MESSAGE;
                s.handshakeFill = 0;
                return false;
            }
        }
        if (s.handshake.length < need) {
            int size = Math.max(need, 2 * s.handshake.length);
            if (!grow(s.handshake.length, size)) {
                s.stopped = budgetExhausted(frame);
                s.handshakeFill = 0;
                return false;
            }
            s.handshake = Arrays.copyOf(s.handshake, size);
        }
        System.arraycopy(b, at, s.handshake, s.handshakeFill, length);
        s.handshakeFill = need;
        return true;
    }

    /**
     * Wireshark's is_encrypted_handshake_message for a record it cannot decrypt: one of 16 bytes or
     * more (an encrypted one carries at least a 16-byte MAC or nonce and tag) whose first 5 bytes
     * are zero (a GCM nonce, not two HelloRequests), whose first type is no handshake type, or
     * whose first length is 64 KiB or more. A record a key log opened is not taken for a GCM nonce
     * ({@code wire} false: Wireshark's maybe_encrypted).
     */
    static boolean looksEncrypted(byte[] b, int length, boolean wire) {
        if (length < 16) {
            return false;
        }
        return (wire && (b[0] | b[1] | b[2] | b[3] | b[4]) == 0) || !TlsHandshake.named(b[0] & 0xFF) || u24(b, 1) >= 0x10000;
    }

    /**
     * What a complete message tells the session; {@code wire}: it was read as sent (Zeek's
     * ssl_history counts only those: a message a key log opened is no letter of it).
     */
    private void message(int side, TlsHandshake m, boolean wire) {
        switch (m.type) {
            case TlsHandshake.CLIENT_HELLO -> {
                if (clientSide < 0) {
                    clientSide = side;
                    if (originatorSide >= 0 && side != originatorSide && history.length() < MAX_HISTORY) {
                        // The TCP responder speaks first as the TLS client: Zeek marks the flip with "^".
                        history.append('^');
                    }
                }
                if (clientHello == null) {
                    clientHello = m;
                }
                earlyDataOffered |= m.offersEarlyData();
            }
            case TlsHandshake.SERVER_HELLO -> {
                if (clientSide < 0) {
                    clientSide = 1 - side;
                }
                // A HelloRetryRequest is superseded by the real ServerHello that follows it.
                serverHello = m;
                if (tls13() || !TlsRecordCipher.rsaKeyExchange(cipherSuite())) {
                    // No RSA key exchange follows: forward secret, or a suite not opened.
                    rsaExchange = null;
                }
                if (tls13() && !m.helloRetryRequest()) {
                    // RFC 8446, section 7.1: everything after the ServerHello travels under the handshake keys.
                    TlsKeyLog.Secrets secrets = secrets();
                    if (secrets != null) {
                        sides[clientSide].cipher = TlsRecordCipher.tls13(cipherSuite(), secrets.clientHandshake);
                        sides[1 - clientSide].cipher = TlsRecordCipher.tls13(cipherSuite(), secrets.serverHandshake);
                    }
                }
            }
            case TlsHandshake.ENCRYPTED_EXTENSIONS -> encryptedExtensions = m;
            case TlsHandshake.NEW_SESSION_TICKET -> {
                // RFC 5077, 3.3: in TLS 1.2 the ticket travels before the server's ChangeCipherSpec;
                // a later connection that presents it resumes this session.
                TlsKeyLog.Secrets secrets = !tls13() && serverHello != null ? secrets() : null;
                if (secrets != null) {
                    keys.rememberSession("ticket", m.sessionTicket, secrets.master);
                }
            }
            case TlsHandshake.KEY_UPDATE -> {
                // RFC 8446, section 4.6.3: the sender's records after this one use its next traffic
                // keys (Wireshark's tls13_key_update). Only one the key log opened can say so.
                if (!wire && tls13() && sides[side].cipher != null) {
                    sides[side].cipher = sides[side].cipher.updated();
                }
            }
            case TlsHandshake.FINISHED -> {
                // After its Finished a side sends under its first application keys (RFC 8446, section 7.1).
                TlsKeyLog.Secrets secrets = !wire && tls13() ? secrets() : null;
                if (secrets != null) {
                    sides[side].cipher = TlsRecordCipher.tls13(cipherSuite(),
                            side == clientSide ? secrets.clientApplication : secrets.serverApplication);
                }
            }
            case TlsHandshake.SERVER_KEY_EXCHANGE -> {
                if (m.namedGroup >= 0) {
                    namedGroup = m.namedGroup;
                }
            }
            case TlsHandshake.CERTIFICATE -> {
                if (keepCertificate && certificate == null && side != clientSide) {
                    certificate = m;
                }
            }
            default -> { }
        }
        if (wire) {
            letter(side, m.helloRetryRequest() ? 'J' : letterOf(m.type));
        }
    }

    /**
     * The key log's secrets for this connection (by its ClientHello's random), or null; the first
     * time they are found, the key log counts the connection as matched.
     */
    private TlsKeyLog.Secrets secrets() {
        TlsKeyLog.Secrets found = keys == null || clientHello == null || clientHello.random.length != 32 ? null
                : keys.forClientRandom(clientHello.random);
        if ((found == null || found.master == null) && resumed12()) {
            // An abbreviated handshake resumes a session whose master secret an earlier connection
            // gave (Wireshark's ssl_restore_master_key): by the ClientHello's ticket, else its session ID.
            byte[] master = keys.session("ticket", clientHello.sessionTicket);
            master = master != null ? master : keys.session("id", clientHello.sessionId);
            if (master != null && keys.derivedMaster(clientHello.random, master)) {
                found = keys.forClientRandom(clientHello.random);
            }
        }
        if (found != null && !secretsFound) {
            secretsFound = true;
            keys.matched();
        }
        return found;
    }

    /**
     * True for a TLS 1.0 to 1.2 connection whose ServerHello echoes the ClientHello's session ID:
     * it resumes that session (RFC 5246, 7.4.1.2; with a ticket, RFC 5077, 3.4).
     */
    private boolean resumed12() {
        return keys != null && clientHello != null && serverHello != null && !tls13() && clientHello.sessionId.length > 0
                && Arrays.equals(clientHello.sessionId, serverHello.sessionId);
    }

    /** Remembers the session's master secret under the server's session ID, for connections that resume it. */
    private void rememberSession(TlsKeyLog.Secrets secrets) {
        if (secrets != null && !tls13()) {
            keys.rememberSession("id", serverHello.sessionId, secrets.master);
        }
    }

    private int cipherSuite() {
        return serverHello.cipherSuites.length > 0 ? serverHello.cipherSuites[0] : -1;
    }

    /** A TLS 1.0 to 1.2 side's cipher at its ChangeCipherSpec, when the key log holds the master secret; else null. */
    private TlsRecordCipher tls12Cipher(int side) {
        TlsKeyLog.Secrets secrets = secrets();
        if (secrets == null || serverHello == null || clientSide < 0) {
            return null;
        }
        rememberSession(secrets);
        // RFC 7366: encrypt-then-MAC (extension 22) holds when the ServerHello echoes it.
        boolean encryptThenMac = Arrays.stream(serverHello.extensionTypes).anyMatch(t -> t == 22);
        return TlsRecordCipher.tls12(serverHello.version, cipherSuite(), secrets.master, clientHello.random, serverHello.random,
                side == clientSide, encryptThenMac);
    }

    /** Zeek's ssl_history letters (base/protocols/ssl/main.zeek). */
    private static char letterOf(int type) {
        return switch (type) {
            case 0 -> 'H';
            case 1 -> 'C';
            case 2 -> 'S';
            case 3 -> 'V';
            case 4 -> 'T';
            case 5 -> 'E';
            case 8 -> 'O';
            case 11 -> 'X';
            case 12 -> 'K';
            case 13 -> 'R';
            case 14 -> 'N';
            case 15 -> 'Y';
            case 16 -> 'G';
            case 20 -> 'F';
            case 21 -> 'W';
            case 22 -> 'U';
            case 23 -> 'A';
            case 24 -> 'P';
            case 254 -> 'M';
            default -> 'Z';
        };
    }

    private void letter(int side, char letter) {
        if (history.length() < MAX_HISTORY) {
            // Upper case for the client, lower case for the server, as Zeek writes it.
            history.append(side == clientSide || clientSide < 0 ? letter : Character.toLowerCase(letter));
        }
    }

    /**
     * True when the bytes really were TLS: a hello was read, or two records in a row had valid
     * headers (a connection whose start was not captured). A stray byte pattern that merely
     * looked like a record header is not confirmed, as Zeek confirms a protocol only once its
     * analyzer parsed it.
     */
    public boolean confirmed() {
        return clientHello != null || serverHello != null || sides[0].records + sides[1].records >= 2;
    }

    /** How the handshake ended, judged once every message was seen. */
    public enum Outcome {
        /** Both ends finished the handshake: each sent protected records. */
        ESTABLISHED,
        /** Established by resuming an earlier session, without a certificate. */
        RESUMED,
        /** An alert ended it before both ends finished. */
        FAILED,
        /** The capture does not show both ends finishing. */
        INCOMPLETE
    }

    /**
     * Established when both ends sent protected records after the ServerHello: before TLS 1.3
     * their Finished after ChangeCipherSpec (RFC 5246, section 7.3), in TLS 1.3 their protected
     * Finished and data (RFC 8446, section 4.4.4), where ChangeCipherSpec plays no part.
     * Resumed when the server accepted the client's session id (RFC 5246, section 7.3, the
     * abbreviated handshake: the server's ChangeCipherSpec comes first) or a pre-shared key
     * (RFC 8446, section 4.2.11). Failed when an alert came first.
     */
    public Outcome outcome() {
        boolean established = serverHello != null && clientSide >= 0 && sentProtected[0] && sentProtected[1];
        if (!established) {
            return alertSide >= 0 ? Outcome.FAILED : Outcome.INCOMPLETE;
        }
        boolean resumed = tls13() ? contains(serverHello.extensionTypes, 41)
                : firstChangeCipherSide >= 0 && firstChangeCipherSide != clientSide && certificate == null;
        return resumed ? Outcome.RESUMED : Outcome.ESTABLISHED;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** The key-exchange group: the ServerHello's key_share (TLS 1.3), or the ServerKeyExchange's curve; -1. */
    public int group() {
        if (serverHello != null && serverHello.keyShareGroups.length > 0) {
            return serverHello.keyShareGroups[0];
        }
        return namedGroup;
    }

    public TlsHandshake clientHello() { return clientHello; }

    public TlsHandshake serverHello() { return serverHello; }

    /**
     * The application protocol the server chose: in its ServerHello, or in TLS 1.3 in its
     * EncryptedExtensions, read only when a key log opened them; empty when unknown.
     */
    public List<String> chosenAlpn() {
        if (serverHello != null && !serverHello.alpn().isEmpty()) {
            return serverHello.alpn();
        }
        return encryptedExtensions != null ? encryptedExtensions.alpn() : List.of();
    }

    public TlsHandshake certificate() { return certificate; }

    /** Records a key log's secrets opened in this connection. */
    public long recordsOpened() { return recordsOpened; }

    /** True once a ServerHello (or HelloRetryRequest) chose TLS 1.3 (RFC 8446, section 4.2.1). */
    public boolean tls13() { return settledVersion() == TLS13; }

    public String history() { return history.toString(); }

    public int alertLevel() { return alertLevel; }

    public int alertDescription() { return alertDescription; }

    /** The side that sent the first alert (FlowKey order), or -1. */
    public int alertSide() { return alertSide; }

    public int clientSide() { return clientSide; }

    /** Segments of a direction whose bytes were no TLS record and were skipped. */
    public long skippedSegments(int side) { return sides[side].skippedSegments; }

    /** The frame of the first such segment, or -1. */
    public long firstSkippedFrame(int side) { return sides[side].firstSkippedFrame; }

    /** Why a direction stopped being parsed (side 0 or 1), or null. */
    public String stopped(int side) {
        return sides[side].stopped != null || http2 == null ? sides[side].stopped : http2.stopped(side);
    }

    /**
     * Wireshark's protocol column for a frame of this connection: the version the handshake
     * settled on once the ServerHello is seen; before it TLS 1.3 once a ClientHello offered early
     * data, except on that ClientHello's own record (Wireshark names the column when a record
     * begins); else the version of the frame's last record.
     */
    public String columnName(List<TlsRecord> records) {
        int v = settledVersion();
        if (v < 0 && !records.isEmpty()) {
            TlsRecord last = records.get(records.size() - 1);
            boolean hello = last.handshakes().stream().anyMatch(m -> m.type == TlsHandshake.CLIENT_HELLO);
            v = earlyDataOffered && !hello ? TLS13 : last.version();
        }
        return columnName(v);
    }

    /** Wireshark's protocol column for a record version. */
    private static String columnName(int v) {
        return switch (v) {
            case SSLV2_RECORD -> "SSLv2";
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> "TLS";
        };
    }

    /** The version the handshake settled on: supported_versions in the ServerHello, else its legacy version. */
    public int version() {
        if (serverHello == null) {
            return -1;
        }
        return serverHello.supportedVersions.length > 0 ? serverHello.supportedVersions[0] : serverHello.version;
    }

    /**
     * {@link #version()} with a TLS 1.3 draft read as TLS 1.3, as Wireshark sets its session
     * version from a ServerHello (packet-tls-utils.c, ssl_try_set_version): 0x7f01 to 0x7fff
     * (draft N is 0x7f00 + N) and Facebook's fizz drafts 23 and 26 (0xfb17, 0xfb1a).
     */
    private int settledVersion() {
        int v = version();
        return tls13Draft(v) ? TLS13 : v;
    }

    private static boolean tls13Draft(int v) {
        return ((v & 0xFF00) == 0x7F00 && (v & 0xFF) != 0) || v == FIZZ_DRAFT_23 || v == FIZZ_DRAFT_26;
    }
}
