package io.tcplens.app;

import io.tcplens.decode.Packet;
import io.tcplens.flow.ApplicationState;
import io.tcplens.flow.ExpertFlag;
import io.tcplens.flow.SequenceAnalysis;
import io.tcplens.flow.PayloadStream;
import io.tcplens.flow.ReassemblyBudget;
import io.tcplens.flow.TcpPayloadStreams;
import io.tcplens.flow.TcpSequenceNumbering;
import java.nio.ByteBuffer;

/**
 * One TCP connection's application layer: the protocol recognised from its first bytes, each
 * direction's payload in order, and the parser of that protocol.
 */
public final class AppSession implements ApplicationState {
    /** The protocols tcplens reads. */
    public enum Protocol {
        /** Not known until the first bytes in order arrive. */
        UNDECIDED,
        TLS, HTTP, FTP, FTP_DATA, SSH,
        /** Cleartext HTTP/2 begun with the client's preface on HTTP's ports (prior knowledge, RFC 9113, 3.3). */
        HTTP2,
        /** DNS over TCP, on Wireshark's DNS ports. */
        DNS,
        /** A line-based text protocol, watched for STARTTLS. */
        TEXT,
        /** None that tcplens reads: its payload is not followed. */
        UNKNOWN
    }

    /**
     * The state of every connection whose first bytes in order are no protocol tcplens reads:
     * one shared instance, so that the many such connections cost nothing here.
     */
    static final AppSession NOT_FOLLOWED = new AppSession(Protocol.UNKNOWN, null, null, 0, -1, null, Keep.NOTHING);

    Protocol protocol;
    private final TcpPayloadStreams streams;
    /** Each direction's stream delivers here, by side (FlowKey order). */
    private final PayloadStream.Receiver[] receivers = {new SideReceiver(0), new SideReceiver(1)};
    private final ReassemblyBudget budget;
    private final Keep keep;
    /** The text protocol's name (smtp, imap, pop3, irc, ftp) once its lines showed it, kept after it is no longer read; else null. */
    private String textProtocol;
    /** Why a fault stopped the reading, or null. */
    private String failure;
    /** The TCP originator (the first SYN's sender), or -1 when the capture has no SYN. */
    private final int originatorSide;
    TlsSession tls;
    /** The connection is on a port Wireshark gives to TLS ({@link AppLayer#tlsPort}): bytes no other protocol claims are read as TLS. */
    boolean tlsPort;
    /** The connection is on a port Wireshark gives to HTTP ({@link AppLayer#httpPort}). */
    boolean httpPort;
    /** HTTP was chosen by the first bytes (a start line), not only by the port. */
    private boolean httpByContent;
    HttpStream http;
    /** Cleartext HTTP/2 (protocol HTTP2), its columns for the frame being read, and the story's steps. */
    private Http2Connection http2;
    private final Http2Columns http2Columns = new Http2Columns();
    private long http2Frame = -1;
    private AppEvents http2Events;
    /** HTTP/2 began after a 101 Switching Protocols to h2c, not with the preface first. */
    private boolean http2Upgraded;
    /** The connection is on a port Wireshark gives to SSH ({@link SshSession#sshPort}). */
    boolean sshPort;
    /** Per side (FlowKey order), true when its packets come from the SSH server; set with {@link #sshPort}. */
    boolean[] sshServer;
    /** The responder's port (either port, without a SYN) is 22, where Zeek runs its SSH analyzer. */
    boolean responderPort22;
    SshSession ssh;
    /** The connection is on a port Wireshark's DNS reads over TCP ({@link DnsTcpStream#dnsPort}). */
    boolean dnsPort;
    private DnsTcpStream dns;
    private StartTls startTls;
    /** For a connection on an SMTP, IMAP, POP3 or RESP port whose first bytes are text: its reader; else null. */
    SegmentReader reader;
    final FtpSession ftp;
    /** For an FTP data connection: the endpoint its control connection announced. */
    final String ftpDataAddress;
    final int ftpDataPort;
    /** For an FTP data connection, how its control connection set it up (as of its last data packet). */
    FtpDataLink ftpDataLink;
    // The frame the streams are delivering for, and the side whose segment in it the snapshot length cut (-1: none).
    private AppFrame frame;
    private int cutSide = -1;
    /**
     * The side that sent the frame being read (-1: none). Bytes of the other side come in it when
     * its acknowledgment shows a hole lost and releases segments held behind it: words Wireshark
     * gives a segment itself (Continuation, Ignored Unknown Record) are not put on such a frame.
     */
    private int packetSide = -1;
    /**
     * Wireshark's TCP keeps the frame's own payload from every dissector (a retransmission:
     * {@link ExpertFlag#payloadKeptFromDissectors}). Parsers that read segment by segment, as
     * Wireshark's SMTP does, then skip what the frame's segment delivers, new bytes included.
     */
    private boolean packetKeptFromDissectors;

    /**
     * What a session keeps beyond what its frames need.
     *
     * @param dialogue     the dialogue's steps in words, for explain
     * @param certificates the TLS certificate chain, for the tls summary
     * @param tlsKeys      secrets to open TLS records with (a key log), or null
     * @param tlsPlaintext where the application data opened with them goes (follow's TLS mode), or null
     * @param http2Media   the media types HTTP/2 streams named, by stream number, for all connections
     *                     of the run (Wireshark's "http2.streamid" table; see Http2Connection); null: each
     *                     connection keeps its own
     */
    record Keep(boolean dialogue, boolean certificates, TlsKeyLog tlsKeys, TlsSession.PlaintextListener tlsPlaintext,
                java.util.Map<Integer, String> http2Media) {
        static final Keep NOTHING = new Keep(false, false, null, null, null);
    }

    /**
     * @param ftp            the FTP control connection's reader, for FTP; else null
     * @param ftpDataAddress for an FTP data connection, the endpoint its control connection announced
     * @param originatorSide the TCP originator (the first SYN's sender), or -1 without a SYN
     */
    AppSession(Protocol protocol, FtpSession ftp, String ftpDataAddress, int ftpDataPort, int originatorSide,
               ReassemblyBudget budget, Keep keep) {
        this.protocol = protocol;
        this.budget = budget;
        this.keep = keep;
        this.streams = new TcpPayloadStreams(budget);
        this.ftp = ftp;
        this.originatorSide = originatorSide;
        this.ftpDataAddress = ftpDataAddress;
        this.ftpDataPort = ftpDataPort;
    }

    /**
     * Takes the packet's own segment (its data, FIN and acknowledgment) into both directions'
     * streams, which deliver in order to this connection's parser.
     */
    void segment(Packet packet, TcpSequenceNumbering numbering, AppFrame frame) {
        this.frame = frame;
        int tcp = packet.tcp();
        cutSide = packet.payloadCaptured(tcp) < packet.payloadLength(tcp) ? numbering.direction() : -1;
        packetSide = numbering.direction();
        // Wireshark hands no payload to an application from a segment whose header length is
        // bogus or overruns the segment (TCP stops before), nor, in its reassembly, from a spurious
        // retransmission (data the receiver had acknowledged before the capture saw it).
        SequenceAnalysis analysis = numbering.analysis();
        boolean data = !packet.tcpBogusHeaderLength(tcp) && !packet.tcpShortSegment(tcp)
                && (analysis == null || !analysis.analysed() || !ExpertFlag.SPURIOUS_RETRANSMISSION.in(analysis.flags()));
        packetKeptFromDissectors = analysis != null && analysis.analysed()
                && ExpertFlag.payloadKeptFromDissectors(analysis.flags());
        streams.observe(packet, numbering, receivers, data);
        cutSide = -1;
        packetSide = -1;
        packetKeptFromDissectors = false;
    }

    /** Delivers one direction's bytes and gaps to the session, with the side they came from. */
    private final class SideReceiver implements PayloadStream.Receiver {
        private final int side;

        SideReceiver(int side) {
            this.side = side;
        }

        @Override
        public void bytes(ByteBuffer buffer, int at, int length, long offset) {
            AppSession.this.bytes(side, buffer, at, length);
        }

        @Override
        public void gap(long offset, long length, boolean snapshotCut) {
            AppSession.this.gap(side, snapshotCut ? Long.MAX_VALUE : length);
        }
    }

    public FtpDataLink ftpDataLink() { return ftpDataLink; }

    private void bytes(int side, ByteBuffer buffer, int at, int length) {
        if (protocol == Protocol.UNDECIDED) {
            decide(buffer, at, length);
        }
        if ((protocol == Protocol.TEXT && startTlsRequested()) || (protocol == Protocol.FTP && ftp.authTlsRequested())) {
            if (TlsSession.looksLikeTls(buffer, at, length)) {
                upgradeToTls(side);
            }
        }
        if (protocol == Protocol.HTTP && httpPort && !http.startLineSeen() && Http2Connection.startsWithPreface(buffer, at, length)) {
            // The server spoke first (its SETTINGS, no HTTP to Wireshark); the client's preface now
            // makes Wireshark's "HTTP2 over TCP" heuristic take the connection.
            startHttp2();
        }
        switch (protocol) {
            case TLS -> tls.bytes(side, buffer, at, length, frame, side == packetSide);
            case HTTP -> {
                if (side == cutSide) {
                    http.cutSegment(side, buffer, at, length, frame);
                } else {
                    http.bytes(side, buffer, at, length, frame, side == packetSide);
                }
                if (http.upgradedToH2c()) {
                    upgradeToHttp2(side, buffer, at, length);
                }
            }
            case FTP -> frame.ftp(ftp.segment(side, buffer, at, length, frame.number()));
            case HTTP2 -> http2Segment(side, buffer, at, length, true);
            case SSH -> ssh.bytes(side, buffer, at, length, frame, side == packetSide);
            case DNS -> dns.bytes(side, buffer, at, length, frame, side == packetSide);
            case TEXT -> {
                if (reader != null && side == packetSide && packetKeptFromDissectors) {
                    // Wireshark shows the frame as TCP and its dissector never sees these bytes; a
                    // message still gets them (they are new: the stream delivers each byte once).
                    reader.retransmitted(side, buffer, at, length);
                } else if (reader != null && !reader.segment(side, buffer, at, length, frame)) {
                    // The dissector asked for the next segment before it wrote anything: TCP's words stay.
                    frame.pdu(AppFrame.Pdu.CONTINUED);
                }
                if (startTls != null && !startTls.text(side, buffer, at, length, frame.number())) {
                    // Not watched further; the name its lines showed stays. A segment reader goes on.
                    textProtocol = startTls.name();
                    startTls = null;
                    if (reader == null) {
                        protocol = Protocol.UNKNOWN;
                    }
                }
            }
            case UNDECIDED, FTP_DATA, UNKNOWN -> { }
        }
    }

    /**
     * A segment of cleartext HTTP/2: read as Wireshark's TCP hands it over (desegment_tcp, Http2Connection);
     * {@code httpLayer}: Wireshark's HTTP hands it over, a layer of its own at each call.
     * A frame with whole HTTP/2 frames shows HTTP/2's columns; one whose bytes only began or continued
     * a frame shows TCP's marker, alone when HTTP/2 was handed them (it clears TCP's words).
     */
    private void http2Segment(int side, ByteBuffer buffer, int at, int length, boolean httpLayer) {
        if (http2Frame != frame.number()) {
            http2Frame = frame.number();
            http2Columns.clear();
        }
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        int before = http2Columns.frames().size();
        http2.record(side, bytes, length, http2Columns, null, httpLayer);
        if (!http2Columns.frames().isEmpty()) {
            frame.http2(http2Columns);
        } else {
            frame.pdu(http2Columns.wasDissectorCalled() ? AppFrame.Pdu.STARTED : AppFrame.Pdu.CONTINUED);
        }
        http2Columns.tell(http2Events, frame.number(), side, before, "HTTP/2");
    }

    /**
     * A 101 Switching Protocols to "h2c" was read: from the byte after its head the connection
     * speaks HTTP/2 (RFC 7540, 3.2), and the frame's columns begin with HTTP's words for the 101
     * (Wireshark's HTTP calls HTTP/2 for the rest of the segment, after its own words).
     */
    private void upgradeToHttp2(int side, ByteBuffer buffer, int at, int length) {
        int from = http.takeUpgradeAt();
        java.util.List<HttpMessage> shown = frame.http();
        AppEvents before = http.events;
        startHttp2();
        http2Upgraded = true;
        // The story keeps the HTTP/1.1 steps before the upgrade.
        http2Events.addAll(before);
        if (from < 0 || from >= at + length) {
            return;
        }
        http2Frame = frame.number();
        http2Columns.clear();
        http2Columns.layer("http");
        http2Columns.protocol("HTTP");
        for (HttpMessage m : shown) {
            http2Columns.appendInfo(", ", m.startLine() + " ");
        }
        http2Columns.fence();
        // HTTP calls HTTP/2 itself here: its layer is the frame's already.
        http2Segment(side, buffer, from, at + length - from, false);
    }

    /** Wireshark's HTTP hands the connection to HTTP/2 (its "HTTP2 over TCP" heuristic: the client's preface). */
    private void startHttp2() {
        protocol = Protocol.HTTP2;
        http = null;
        http2 = new Http2Connection(budget, keep.http2Media() != null ? keep.http2Media() : new java.util.HashMap<>());
        http2Events = new AppEvents(keep.dialogue());
    }

    /** The plaintext phase asked for TLS and TLS records now come: from here the connection is TLS. */
    private void upgradeToTls(int side) {
        long asked = protocol != Protocol.TEXT ? ftp.authTlsFrame()
                : startTls != null && startTls.requested() ? startTls.requestFrame() : reader.startTlsFrame();
        textProtocol = protocol != Protocol.TEXT ? "ftp" : startTls != null ? startTls.name() : textProtocol;
        protocol = Protocol.TLS;
        tls = new TlsSession(budget, keep, originatorSide);
        if (reader != null) {
            // The story keeps the plaintext dialogue before TLS's steps.
            tls.events.addAll(reader.events);
        }
        String command = ftp != null ? " (AUTH TLS, RFC 4217)" : reader != null && reader.name().equals("POP3") ? " (STLS)" : " (STARTTLS)";
        tls.events.add(frame.number(), side, "TLS begins: the plaintext phase asked for it in #" + asked + command);
        startTls = null;
        if (reader != null) {
            reader.release();
            reader = null;
        }
    }

    /** The text protocol asked for TLS: STARTTLS or STLS among the lines watched, or the segment reader's STARTTLS. */
    private boolean startTlsRequested() {
        return startTls != null && startTls.requested() || reader != null && reader.startTlsRequested();
    }

    /** Recognises the protocol by the first bytes in order (not the first captured: they may be out of order). */
    private void decide(ByteBuffer buffer, int at, int length) {
        boolean startLine = HttpStream.looksLikeHttp(buffer, at, length);
        if (dnsPort) {
            // Wireshark's DNS takes TCP ports 53 and 5353 whatever comes (a message's length first).
            protocol = Protocol.DNS;
            dns = new DnsTcpStream(budget);
        } else if (TlsSession.looksLikeTls(buffer, at, length)) {
            protocol = Protocol.TLS;
            tls = new TlsSession(budget, keep, originatorSide);
        } else if (httpPort && Http2Connection.startsWithPreface(buffer, at, length)) {
            startHttp2();
        } else if (startLine || httpPort) {
            // On its ports Wireshark's HTTP reads every segment, whatever the first ones were (a
            // capture joined inside a body, another protocol): a later request is still read.
            protocol = Protocol.HTTP;
            http = new HttpStream(keep.dialogue(), httpPort);
            httpByContent = startLine;
        } else if (sshPort || SshSession.looksLikeSsh(buffer, at, length)) {
            // On its ports Wireshark reads SSH whatever comes; elsewhere an identification string
            // is read for Zeek, whose signature finds SSH on any port (its frames show TCP, as in tshark).
            protocol = Protocol.SSH;
            ssh = new SshSession(sshPort ? sshServer : responderIsServer(), sshPort, keep.dialogue(), budget);
        } else if (StartTls.looksLikeText(buffer, at, length)) {
            protocol = Protocol.TEXT;
            startTls = new StartTls();
        } else if (tlsPort) {
            protocol = Protocol.TLS;
            tls = new TlsSession(budget, keep, originatorSide);
        } else {
            protocol = Protocol.UNKNOWN;
        }
        if (protocol != Protocol.TEXT && reader != null) {
            // SMTP, IMAP, POP3 and RESP are read here only when their first bytes are text (see the README).
            reader.release();
            reader = null;
        }
    }

    /** Zeek's roles: the responder (the side the first SYN went to) is the server; without a SYN, side 0. */
    private boolean[] responderIsServer() {
        int server = originatorSide >= 0 ? 1 - originatorSide : 0;
        return new boolean[] {server == 0, server == 1};
    }

    /** Bytes the capture missed (or the snapshot length cut): the record or message under way is lost. */
    private void gap(int side, long length) {
        switch (protocol) {
            case TLS -> tls.gap(side, length);
            case HTTP -> http.gap(side);
            case HTTP2 -> http2.gap(side);
            case SSH -> ssh.gap(side);
            case DNS -> dns.gap(side);
            case UNDECIDED, FTP, FTP_DATA, TEXT, UNKNOWN -> { }
        }
    }

    void closed(int side, boolean fin, AppFrame frame) {
        if (http != null) {
            http.close(side, frame);
        }
        if (reader != null && protocol == Protocol.TEXT) {
            reader.closed(side, fin, frame);
        }
    }

    /** The connection is dropped: held segments and buffers go back to the budget. */
    @Override
    public void release() {
        if (failure == null) {
            releaseBuffers();
        }
    }

    private void releaseBuffers() {
        streams.release();
        if (tls != null) {
            tls.release();
        }
        if (ssh != null) {
            ssh.release();
        }
        if (dns != null) {
            dns.release();
        }
        if (http2 != null) {
            http2.release();
        }
        if (reader != null) {
            reader.release();
        }
    }

    public Protocol protocol() { return protocol; }

    /** True when cleartext HTTP/2 began after an HTTP/1.1 upgrade to h2c (else with the client's preface). */
    public boolean http2Upgraded() { return http2Upgraded; }

    /**
     * True when the connection showed HTTP: its first bytes were a start line, or a start line
     * came later (a connection on HTTP's port read by the port alone shows none until then).
     */
    public boolean httpShown() { return http != null && (httpByContent || http.startLineSeen()); }

    /**
     * The line-based protocol's name (smtp, imap, pop3, irc, ftp): the connection's own, or the
     * one before its STARTTLS; null when its lines did not show it.
     */
    public String textProtocol() {
        return protocol == Protocol.TEXT && startTls != null ? startTls.name() : textProtocol;
    }

    /**
     * Zeek's conn.log service "ssh": its SSH analyzer ran on the connection (port 22 at the
     * responder, or identification strings both ways, its dpd_ssh signatures) and confirmed the
     * protocol, which it does on reading a NEWKEYS message (ssh-analyzer.pac, proc_newkeys).
     */
    public boolean zeekSsh() {
        return ssh != null && ssh.newKeys() && (responderPort22 || ssh.bannersBothWays());
    }

    /** True once a DNS message was read over the connection (DNS over TCP): Zeek's service "dns". */
    public boolean dnsRead() { return dns != null && dns.messageRead(); }

    /** The TLS layer, or null when the connection is not TLS. */
    public TlsSession tls() { return tls; }

    /** Gaps in both directions (holes the capture missed). */
    public long gaps() { return streams.stream(0).gaps() + streams.stream(1).gaps(); }

    /** The reading of this connection's application layer stopped at a fault (see {@link AppLayer#readerFaults}). */
    void fail(String why) {
        failure = why;
        protocol = Protocol.UNKNOWN;
        try {
            releaseBuffers();
        } catch (RuntimeException again) {
            // The state that faulted can fault again: what it held stays charged to the budget.
        }
    }

    /** Why parsing stopped in a direction, or null. */
    public String stopped(int side) {
        if (failure != null) {
            return failure;
        }
        if (tls != null) {
            return tls.stopped(side);
        }
        if (http2 != null) {
            return http2.stopped(side);
        }
        return http != null ? http.stopped(side) : null;
    }

    /** The dialogue's steps for explain, in order (at most {@link AppEvent#MAX_PER_CONNECTION}). */
    public java.util.List<AppEvent> events() {
        AppEvents e = dialogue();
        return e == null ? java.util.List.of() : e.list();
    }

    /** Steps beyond those kept. */
    public long eventsOmitted() {
        AppEvents e = dialogue();
        return e == null ? 0 : e.omitted();
    }

    /** The steps of the protocol read last (TLS after STARTTLS or AUTH TLS), or null. */
    private AppEvents dialogue() {
        return tls != null ? tls.events : http != null ? http.events : http2 != null ? http2Events : ftp != null ? ftp.events
                : ssh != null ? ssh.events : reader != null ? reader.events : null;
    }

    /** Gaps in one direction's payload and the bytes they spanned; retransmissions whose bytes differed. */
    public PayloadStream stream(int side) { return streams.stream(side); }

    /** The protocol its segment reader reads (SMTP, IMAP, POP3, RESP) while the connection is in clear, else null. */
    public String lineProtocol() { return reader != null ? reader.name() : null; }

    /** The FTP user name given with USER, or null. */
    public String ftpUser() { return ftp != null ? ftp.user() : null; }
}
