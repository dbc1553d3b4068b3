package io.tcplens.app;

import java.util.ArrayList;
import java.util.List;

/** What the application layer found in the current frame. Reused frame after frame. */
public final class AppFrame {
    private long number;
    private boolean tls;
    /** Times Wireshark's TCP handed the frame's bytes to TLS: a TLS layer each (frame.protocols "tls:tls"). */
    private int tlsLayers;
    private final List<TlsRecord> tlsRecords = new ArrayList<>();
    private final List<HttpMessage> http = new ArrayList<>();
    private boolean httpContinuation;
    private boolean payloadTakenSilently;
    /** TLS records a key log opened carried HTTP in this frame: its messages, or the start of one. */
    private boolean httpInTls;
    /** HTTP over TLS waited for more in the frame's first TLS call: its words then follow TLS's marker. */
    private boolean httpAfterTlsMarker;
    private FtpMessage ftp;
    private FtpDataLink ftpData;
    /** What a segment reader (SMTP, IMAP, POP3, RESP, WHOIS) shows for the frame, or null. */
    private SegmentMessage segment;
    private AppSession session;
    /** Where this frame's payload went when nothing ended in it. */
    public enum Pdu {
        /** Something ended here, or the frame carried nothing for a parser. */
        NONE,
        /** A record or message began here and needs later segments. */
        STARTED,
        /** All of it continued a record or message begun earlier, which needs later segments still. */
        CONTINUED
    }

    private Pdu pdu = Pdu.NONE;
    /** Bytes of the frame TLS skipped as no record: Wireshark's words for them and its protocol column, or null. */
    private String tlsSkipped;
    private String tlsSkippedColumn;
    private String startLine;
    private boolean cut;
    private String cutStartLine;
    /** SSH: the protocol column as the frame's dissection began (null: no SSH here), the sender's role, its units. */
    private String sshColumn;
    private boolean sshFromServer;
    private final List<SshMessage> ssh = new ArrayList<>();
    private boolean sshComplete;
    /** DNS messages over TCP that ended in this frame. */
    private final List<io.tcplens.decode.DnsMessage> dns = new ArrayList<>();
    /** Wireshark's columns and layers for a frame where HTTP/2 was handed opened records, else null. */
    private Http2Columns http2;

    void clear(long frameNumber) {
        number = frameNumber;
        tls = false;
        tlsLayers = 0;
        tlsRecords.clear();
        http.clear();
        httpContinuation = false;
        payloadTakenSilently = false;
        httpInTls = false;
        httpAfterTlsMarker = false;
        ftp = null;
        ftpData = null;
        segment = null;
        session = null;
        pdu = Pdu.NONE;
        tlsSkipped = null;
        tlsSkippedColumn = null;
        startLine = null;
        cut = false;
        cutStartLine = null;
        sshColumn = null;
        ssh.clear();
        sshComplete = false;
        dns.clear();
        http2 = null;
    }

    /**
     * For a frame of an HTTP/2 connection whose opened records TLS handed to HTTP/2, its columns
     * and layers as Wireshark writes them (they replace TLS's words); else null.
     */
    public Http2Columns http2() { return http2; }

    void http2(Http2Columns columns) { http2 = columns; }

    /** True when an HTTP message was read from a segment the snapshot length cut short. */
    public boolean cut() { return cut; }

    /** For a cut segment, its start line when the capture kept all of it; else null. */
    public String cutStartLine() { return cutStartLine; }

    void cut(String completeStartLine) {
        cut = true;
        cutStartLine = completeStartLine;
    }

    /**
     * Where the payload went when nothing ended in this frame (Wireshark's "[TCP segment of a
     * reassembled PDU]"); NONE when a record or message ended here.
     */
    public Pdu pdu() {
        return tlsRecords.isEmpty() && http.isEmpty() && tlsSkipped == null && ssh.isEmpty() && dns.isEmpty()
                && (segment == null || segment.pdu() != Pdu.NONE) ? pdu : Pdu.NONE;
    }

    void pdu(Pdu value) { pdu = value; }

    /** For an HTTP message that began here and needs more segments, its start line; else null. */
    public String startLine() { return startLine; }

    void startLine(String line) { startLine = line; }

    /** The frame's number. */
    public long number() { return number; }

    /** True when the frame shows a TLS layer: a record ends in it, or one begins and needs later segments. */
    public boolean tls() { return tls; }

    void tls(boolean shown) { tls = shown; }

    /**
     * The TLS layers the frame shows: two when a record put together from earlier segments ends in
     * it and more records begin after it (Wireshark's TCP calls TLS for each part), else one.
     */
    public int tlsLayers() { return tls || !tlsRecords.isEmpty() ? Math.max(1, tlsLayers) : 0; }

    void tlsLayers(int n) { tlsLayers = n; }

    /** The TLS records that end in this frame, in order. */
    public List<TlsRecord> tlsRecords() { return tlsRecords; }

    int tlsRecordCount() { return tlsRecords.size(); }

    /** True when TLS has words for this frame: records that ended in it, or bytes it skipped. */
    public boolean tlsWords() { return !tlsRecords.isEmpty() || tlsSkipped != null; }

    /** What Wireshark says of bytes TLS skipped in this frame ("Ignored Unknown Record", "Continuation Data"), or null. */
    public String tlsSkipped() { return tlsSkipped; }

    /** The protocol column of a frame whose TLS bytes were all skipped: the session's version, or "SSL" when unknown. */
    public String tlsSkippedColumn() { return tlsSkippedColumn; }

    void tlsSkipped(String words, String column) {
        tlsSkipped = words;
        tlsSkippedColumn = column;
        tls = true;
    }

    void addTls(TlsRecord r) {
        tlsRecords.add(r);
        tls = true;
    }

    /** The HTTP messages that end in this frame. */
    public List<HttpMessage> http() { return http; }

    void addHttp(HttpMessage m) { http.add(m); }

    /**
     * True when TLS records a key log opened handed HTTP bytes in this frame: the frame shows the
     * HTTP messages that end in it, or, when none does, Wireshark's "[TLS segment of a reassembled PDU]".
     */
    public boolean httpInTls() { return httpInTls; }

    void httpInTls(boolean value) { httpInTls = value; }

    /**
     * True when the record that TCP put together from earlier segments (TLS's first call in this
     * frame) left HTTP waiting, and a later record of the frame ended a message: Wireshark then
     * shows "[TLS segment of a reassembled PDU]" with the message's words after it, under TLS's
     * protocol column (the column was fenced at the marker).
     */
    public boolean httpAfterTlsMarker() { return httpAfterTlsMarker && !http.isEmpty(); }

    void httpAfterTlsMarker(boolean value) { httpAfterTlsMarker = value; }

    /** True when the frame shows HTTP: a message ends in it, or it is a cut segment read as a continuation. */
    public boolean httpShown() { return !http.isEmpty() || httpContinuation; }

    void httpContinuation() { httpContinuation = true; }

    /**
     * True when HTTP took the segment and showed nothing of it: a first byte no start line has,
     * before any HTTP was seen (packet-http.c returns without a tree item), so no data layer either.
     */
    public boolean payloadTakenSilently() { return payloadTakenSilently; }

    void takePayloadSilently() { payloadTakenSilently = true; }

    /** The FTP command or reply this segment carries, or null. */
    public FtpMessage ftp() { return ftp; }

    void ftp(FtpMessage m) { ftp = m; }

    /** What a segment reader shows for this frame (SMTP, IMAP, POP3, RESP, WHOIS), or null. */
    public SegmentMessage segment() { return segment; }

    void segment(SegmentMessage m) {
        segment = m;
        if (m.pdu() != Pdu.NONE) {
            pdu = m.pdu();
        }
    }

    /** The frame's SMTP segment, or null. */
    public SmtpMessage smtp() { return segment instanceof SmtpMessage m ? m : null; }

    /** The frame's IMAP segment, or null. */
    public ImapMessage imap() { return segment instanceof ImapMessage m ? m : null; }

    /** The frame's POP3 segment, or null. */
    public PopMessage pop() { return segment instanceof PopMessage m ? m : null; }

    /** For a packet of an FTP data connection, how it was set up; else null. */
    public FtpDataLink ftpData() { return ftpData; }

    void ftpData(FtpDataLink link) { ftpData = link; }

    /** The application state of the frame's connection, or null. */
    public AppSession session() { return session; }

    void session(AppSession s) { session = s; }

    /** The SSH units that ended in this frame (identification strings, packets, encrypted bytes), in order. */
    public List<SshMessage> sshMessages() { return ssh; }

    /** True when the frame shows SSH: a unit ended in it. */
    public boolean sshShown() { return !ssh.isEmpty(); }

    /**
     * True when Wireshark's SSH read the frame: a unit ended in it, or one began in it and needs
     * later segments (the frame then shows TCP, but has the ssh protocol item).
     */
    public boolean sshPresent() { return sshColumn != null && (!ssh.isEmpty() || pdu == Pdu.STARTED); }

    /** The SSH protocol column (SSH, SSHv1, SSHv2), or null. */
    public String sshColumn() { return sshColumn; }

    /** True when the frame's SSH bytes came from the server. */
    public boolean sshFromServer() { return sshFromServer; }

    /**
     * True when SSH read the segment to its end, so that Wireshark leads the Info column with
     * "Client: " or "Server: "; false when a unit at its end needs later segments.
     */
    public boolean sshComplete() { return sshComplete; }

    void sshStart(String column, boolean fromServer) {
        sshColumn = column;
        sshFromServer = fromServer;
    }

    void sshComplete(boolean complete) { sshComplete = complete; }

    /**
     * The application protocol this frame shows in its protocol stack (frame.protocols) and in
     * tshark's protocol hierarchy: tls, ssh, http, ftp, smtp, imap, pop, resp, whois, ftp-data or dns (over TCP); null for none.
     */
    public String protocolName() {
        if (!tlsRecords.isEmpty() || tls) {
            return "tls";
        }
        if (sshPresent()) {
            return "ssh";
        }
        if (httpShown()) {
            return "http";
        }
        if (ftp != null) {
            return "ftp";
        }
        if (segment != null && segment.protocolName() != null) {
            return segment.protocolName();
        }
        if (ftpData != null) {
            return "ftp-data";
        }
        return dns.isEmpty() ? null : "dns";
    }

    /** The DNS messages (over TCP) that ended in this frame, in order. */
    public List<io.tcplens.decode.DnsMessage> dnsMessages() { return dns; }

    void addDns(io.tcplens.decode.DnsMessage m) { dns.add(m); }
}
