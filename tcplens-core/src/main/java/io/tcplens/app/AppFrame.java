package io.tcplens.app;

import java.util.ArrayList;
import java.util.List;

/** What the application layer found in the current frame. Reused frame after frame. */
public final class AppFrame {
    private long number;
    private boolean tls;
    private final List<TlsRecord> tlsRecords = new ArrayList<>();
    private final List<HttpMessage> http = new ArrayList<>();
    private boolean httpContinuation;
    private FtpMessage ftp;
    private FtpDataLink ftpData;
    private AppSession session;

    void clear(long frameNumber) {
        number = frameNumber;
        tls = false;
        tlsRecords.clear();
        http.clear();
        httpContinuation = false;
        ftp = null;
        ftpData = null;
        session = null;
    }

    /** The frame's number. */
    public long number() { return number; }

    /** True when the frame shows a TLS layer: a record ends in it, or one begins and needs later segments. */
    public boolean tls() { return tls; }

    void tls(boolean shown) { tls = shown; }

    /** The TLS records that end in this frame, in order. */
    public List<TlsRecord> tlsRecords() { return tlsRecords; }

    int tlsRecordCount() { return tlsRecords.size(); }

    void addTls(TlsRecord r) {
        tlsRecords.add(r);
        tls = true;
    }

    /** The HTTP messages that end in this frame. */
    public List<HttpMessage> http() { return http; }

    void addHttp(HttpMessage m) { http.add(m); }

    /** True when the frame shows HTTP: a message ends in it, or it is a cut segment read as a continuation. */
    public boolean httpShown() { return !http.isEmpty() || httpContinuation; }

    void httpContinuation() { httpContinuation = true; }

    /** The FTP command or reply this segment carries, or null. */
    public FtpMessage ftp() { return ftp; }

    void ftp(FtpMessage m) { ftp = m; }

    /** For a packet of an FTP data connection, how it was set up; else null. */
    public FtpDataLink ftpData() { return ftpData; }

    void ftpData(FtpDataLink link) { ftpData = link; }

    /** The application state of the frame's connection, or null. */
    public AppSession session() { return session; }

    void session(AppSession s) { session = s; }
}
