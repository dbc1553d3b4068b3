package io.tcplens.app;

import io.tcplens.flow.ApplicationState;
import io.tcplens.flow.PayloadStream;
import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;

/**
 * One TCP connection's application layer: the protocol recognised from its first bytes, each
 * direction's payload in order, and the parser of that protocol.
 */
public final class AppSession implements PayloadStream.Receiver, ApplicationState {
    /** The protocols tcplens reads. */
    public enum Protocol {
        /** Not known until the first bytes in order arrive. */
        UNDECIDED,
        TLS, HTTP, FTP, FTP_DATA,
        /** A line-based text protocol, watched for STARTTLS. */
        TEXT,
        /** None that tcplens reads: its payload is not followed. */
        UNKNOWN
    }

    /**
     * The state of every connection whose first bytes in order are no protocol tcplens reads:
     * one shared instance, so that the many such connections cost nothing here.
     */
    static final AppSession NOT_FOLLOWED = new AppSession(Protocol.UNKNOWN, -1, 0, null, 0, null, Keep.NOTHING);

    Protocol protocol;
    private final PayloadStream[] streams;
    private final ReassemblyBudget budget;
    private final Keep keep;
    /** For TLS that began after a plaintext phase: that phase's protocol (TEXT or FTP); else null. */
    private Protocol upgradedFrom;
    /** The text protocol's name (smtp, imap, pop3, irc, ftp) once its lines showed it, kept after it is no longer read; else null. */
    private String textProtocol;
    /** The TCP originator (the first SYN's sender), or -1 when the capture has no SYN. */
    int originatorSide = -1;
    TlsSession tls;
    HttpStream http;
    private StartTls startTls;
    final FtpSession ftp;
    /** For an FTP data connection: the endpoint its control connection announced. */
    final String ftpDataAddress;
    final int ftpDataPort;
    /** For an FTP data connection, how its control connection set it up (as of its last data packet). */
    FtpDataLink ftpDataLink;
    // Set by AppLayer before a segment of an FTP control connection is delivered.
    FtpDataLinks ftpLinks;
    String serverAddress;
    // The side and frame the stream is delivering for, and whether the snapshot length cut that segment.
    private int side;
    private AppFrame frame;
    private boolean cut;

    /**
     * What a session keeps beyond what its frames need.
     *
     * @param dialogue     the dialogue's steps in words, for explain
     * @param certificates the TLS certificate chain, for the tls summary
     */
    record Keep(boolean dialogue, boolean certificates) {
        static final Keep NOTHING = new Keep(false, false);
    }

    AppSession(Protocol protocol, long stream, int clientSide, String ftpDataAddress, int ftpDataPort, ReassemblyBudget budget,
               Keep keep) {
        this.protocol = protocol;
        this.budget = budget;
        this.keep = keep;
        this.streams = new PayloadStream[] {new PayloadStream(budget), new PayloadStream(budget)};
        this.ftp = protocol == Protocol.FTP ? new FtpSession(stream, clientSide, keep.dialogue()) : null;
        this.ftpDataAddress = ftpDataAddress;
        this.ftpDataPort = ftpDataPort;
    }

    /** Delivers a segment of {@code side} through its stream to the parser. */
    void segment(int side, int seq, ByteBuffer b, int at, int captured, int length, AppFrame frame) {
        this.side = side;
        this.frame = frame;
        cut = captured < length;
        streams[side].segment(seq, b, at, captured, length, this);
        cut = false;
    }

    /** The other side acknowledged {@code ack}: bytes of {@code side} below it that were never seen are a gap. */
    void acknowledged(int side, int ack, AppFrame frame) {
        this.side = side;
        this.frame = frame;
        streams[side].acknowledged(ack, this);
    }

    public FtpDataLink ftpDataLink() { return ftpDataLink; }

    @Override
    public void bytes(ByteBuffer buffer, int at, int length, long offset) {
        if (protocol == Protocol.UNDECIDED) {
            decide(buffer, at, length);
        }
        if ((protocol == Protocol.TEXT && startTls.requested()) || (protocol == Protocol.FTP && ftp.authTlsRequested())) {
            if (TlsSession.looksLikeTls(buffer, at, length)) {
                upgradeToTls();
            }
        }
        switch (protocol) {
            case TLS -> tls.bytes(side, buffer, at, length, frame);
            case HTTP -> {
                if (cut) {
                    http.cutSegment(side, buffer, at, length, frame);
                } else {
                    http.bytes(side, buffer, at, length, frame);
                }
            }
            case FTP -> frame.ftp(ftp.segment(side, buffer, at, length, frame.number(), serverAddress, ftpLinks));
            case TEXT -> {
                if (!startTls.text(side, buffer, at, length, frame.number())) {
                    // Not followed further; the name its lines showed stays.
                    textProtocol = startTls.name();
                    protocol = Protocol.UNKNOWN;
                    startTls = null;
                }
            }
            case UNDECIDED, FTP_DATA, UNKNOWN -> { }
        }
    }

    /** The plaintext phase asked for TLS and TLS records now come: from here the connection is TLS. */
    private void upgradeToTls() {
        long asked = protocol == Protocol.TEXT ? startTls.requestFrame() : ftp.authTlsFrame();
        upgradedFrom = protocol;
        textProtocol = protocol == Protocol.TEXT ? startTls.name() : "ftp";
        protocol = Protocol.TLS;
        tls = new TlsSession(budget, keep, originatorSide);
        tls.events.add(frame.number(), side, "TLS begins: the plaintext phase asked for it in #" + asked
                + (ftp != null ? " (AUTH TLS, RFC 4217)" : " (STARTTLS)"));
        startTls = null;
    }

    /** Recognises the protocol by the first bytes in order (not the first captured: they may be out of order). */
    private void decide(ByteBuffer buffer, int at, int length) {
        if (TlsSession.looksLikeTls(buffer, at, length)) {
            protocol = Protocol.TLS;
            tls = new TlsSession(budget, keep, originatorSide);
        } else if (HttpStream.looksLikeHttp(buffer, at, length)) {
            protocol = Protocol.HTTP;
            http = new HttpStream(keep.dialogue());
        } else if (StartTls.looksLikeText(buffer, at, length)) {
            protocol = Protocol.TEXT;
            startTls = new StartTls();
        } else {
            protocol = Protocol.UNKNOWN;
        }
    }

    @Override
    public void gap(long offset, long length, boolean snapshotCut) {
        switch (protocol) {
            case TLS -> tls.gap(side);
            case HTTP -> http.gap(side);
            case UNDECIDED, FTP, FTP_DATA, TEXT, UNKNOWN -> { }
        }
    }

    /** The side's FIN is at {@code seq}: acknowledging it acknowledges no data. */
    void finished(int side, int seq) {
        streams[side].finished(seq);
    }

    void closed(int side, AppFrame frame) {
        if (http != null) {
            http.close(side, frame);
        }
    }

    /** The connection is dropped: held segments and buffers go back to the budget. */
    @Override
    public void release() {
        streams[0].release();
        streams[1].release();
        if (tls != null) {
            tls.release();
        }
    }

    public Protocol protocol() { return protocol; }

    /** For TLS after STARTTLS or AUTH TLS, the plaintext protocol before it; else null. */
    public Protocol upgradedFrom() { return upgradedFrom; }

    /**
     * The line-based protocol's name (smtp, imap, pop3, irc, ftp): the connection's own, or the
     * one before its STARTTLS; null when its lines did not show it.
     */
    public String textProtocol() {
        return protocol == Protocol.TEXT && startTls != null ? startTls.name() : textProtocol;
    }

    /** The TLS layer, or null when the connection is not TLS. */
    public TlsSession tls() { return tls; }

    /** Gaps in both directions (holes the capture missed). */
    public long gaps() { return streams[0].gaps() + streams[1].gaps(); }

    /** Why parsing stopped in a direction, or null. */
    public String stopped(int side) {
        if (tls != null) {
            return tls.stopped(side);
        }
        return http != null ? http.stopped(side) : null;
    }

    int ftpClientSide() { return ftp.clientSide(); }

    /** The dialogue's steps for explain, in order (at most {@link AppEvent#MAX_PER_CONNECTION}). */
    public java.util.List<AppEvent> events() {
        AppEvents e = tls != null ? tls.events : http != null ? http.events : ftp != null ? ftp.events : null;
        return e == null ? java.util.List.of() : e.list();
    }

    /** Steps beyond those kept. */
    public long eventsOmitted() {
        AppEvents e = tls != null ? tls.events : http != null ? http.events : ftp != null ? ftp.events : null;
        return e == null ? 0 : e.omitted();
    }

    /** Gaps in one direction's payload and the bytes they spanned; retransmissions whose bytes differed. */
    public PayloadStream stream(int side) { return streams[side]; }

    /** The FTP user name given with USER, or null. */
    public String ftpUser() { return ftp != null ? ftp.user() : null; }
}
