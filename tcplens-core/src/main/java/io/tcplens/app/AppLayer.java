package io.tcplens.app;

import io.tcplens.decode.AddressText;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.ReassemblyBudget;
import io.tcplens.flow.TcpConversation;
import io.tcplens.flow.TcpSequenceNumbering;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The application stage: after the TCP numbering has placed a packet in its conversation, its
 * payload is put in order per direction and read by the protocol the conversation speaks,
 * recognised by content (TLS records, HTTP start lines) or, for FTP, by its control port 21 and
 * by the data endpoints FTP announced. Conversations without payload cost nothing here.
 */
public final class AppLayer {
    /** FTP's control port (RFC 959): FTP's replies alone cannot be told from SMTP's. */
    private static final int FTP_PORT = 21;

    /**
     * Ports on which Wireshark 4.0 hands TCP payload to TLS whatever it looks like (ssl_dissector_add:
     * HTTPS, SMTPS, LDAPS, DNS over TLS, IMAPS, POP3S, SIP over TLS, AMQPS, MQTT over TLS), so a
     * connection there is read as TLS even when the capture began inside a record.
     */
    static boolean tlsPort(int port) {
        return switch (port) {
            case 443, 465, 636, 853, 993, 995, 5061, 5671, 8883 -> true;
            default -> false;
        };
    }

    /**
     * Wireshark 4.0's HTTP ports (packet-http.c, TCP_DEFAULT_RANGE): there its HTTP reads every
     * segment, and calls what is no message "Continuation" once the connection had a request.
     */
    static boolean httpPort(int port) {
        return switch (port) {
            case 80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710 -> true;
            default -> false;
        };
    }

    /** FTP data endpoints remembered at most (see {@link FtpDataLinks}). */
    public static final int MAX_FTP_ANNOUNCEMENTS = FtpDataLinks.MAX_ANNOUNCED;

    private final AppFrame frame = new AppFrame();
    private final FtpDataLinks ftpLinks = new FtpDataLinks();
    private final ReassemblyBudget budget;
    private long readerFaults;
    private String firstReaderFault;
    private AppSession.Keep keep = new AppSession.Keep(false, false, null, null, new java.util.HashMap<>());

    public AppLayer() {
        this(ReassemblyBudget.DEFAULT_BYTES);
    }

    /** With another budget for what reassembly may hold (for tests). */
    /** Reads QUIC too, when asked ({@link #readQuic}). */
    private QuicTracker quic;

    AppLayer(long budgetBytes) {
        budget = new ReassemblyBudget(budgetBytes);
    }

    /**
     * Keeps each connection's dialogue (messages in words) for {@code explain}; off by default,
     * since only a story needs it and the words cost time and memory per connection.
     */
    public AppLayer recordDialogue() {
        keep = new AppSession.Keep(true, keep.certificates(), keep.tlsKeys(), keep.tlsPlaintext(), keep.http2Media());
        return this;
    }

    /** True when the dialogue is kept: a story is being told. */
    public boolean dialogue() { return keep.dialogue(); }

    /**
     * Keeps each TLS connection's certificate chain for its summary ({@code tls}); off by default,
     * since a chain is kilobytes per connection and a packet view needs it only in its own frame.
     */
    public AppLayer keepCertificates() {
        keep = new AppSession.Keep(keep.dialogue(), true, keep.tlsKeys(), keep.tlsPlaintext(), keep.http2Media());
        return this;
    }

    /**
     * Opens the TLS records of connections whose secrets the key log holds (a key log file, and
     * the capture's own decryption secrets blocks, added to it as they are read).
     */
    public AppLayer tlsKeys(TlsKeyLog keys) {
        keep = new AppSession.Keep(keep.dialogue(), keep.certificates(), keys, keep.tlsPlaintext(), keep.http2Media());
        return this;
    }

    /**
     * Also reads UDP datagrams as QUIC ({@link QuicTracker}), so that the TLS hellos of QUIC
     * connections can be listed ({@link #quicHellos}); off by default, since TCP's views do not need it.
     */
    public AppLayer readQuic() {
        quic = new QuicTracker().keyLog(keep.tlsKeys());
        return this;
    }

    /** The QUIC connections whose ClientHello was read (empty unless {@link #readQuic}). */
    public List<QuicTracker.Hellos> quicHellos() {
        return quic == null ? List.of() : quic.hellos();
    }

    /** What the QUIC reading has to say after the capture (empty unless {@link #readQuic}; see {@link QuicTracker#notes}). */
    public List<String> quicNotes() {
        return quic == null ? List.of() : quic.notes();
    }

    /** Hands the application data each TLS connection's key log opens to {@code listener}, record by record. */
    public AppLayer tlsPlaintext(TlsSession.PlaintextListener listener) {
        keep = new AppSession.Keep(keep.dialogue(), keep.certificates(), keep.tlsKeys(), listener, keep.http2Media());
        return this;
    }

    /** The key log TLS records are opened with, or null. */
    public TlsKeyLog tlsKeyLog() { return keep.tlsKeys(); }

    /** The capture's own TLS key logs (pcapng decryption secrets) go into the key log, if there is one. */
    public void listen(io.tcplens.capture.CaptureReader reader) {
        if (keep.tlsKeys() != null) {
            reader.onTlsKeyLog(keep.tlsKeys()::add);
        }
    }

    /** What the last packet observed carried. */
    public AppFrame frame() { return frame; }

    /** Reads the packet's own TCP payload; call after {@code numbering.observe(packet)}. */
    public void observe(Packet packet, TcpSequenceNumbering numbering) {
        frame.clear(packet.number());
        if (quic != null && packet.udp() >= 0) {
            quic.read(packet);
        }
        if (!numbering.known()) {
            return;
        }
        TcpConversation conversation = numbering.conversation();
        int side = numbering.direction();
        int tcp = packet.tcp();
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        int flags = TcpHeader.flags(b, at);
        int length = packet.payloadLength(tcp);
        int payload = packet.payloadStart(tcp);
        int captured = packet.payloadCaptured(tcp);
        boolean reset = (flags & TcpHeader.RST) != 0;
        AppSession session = (AppSession) conversation.applicationState();
        if (session == null) {
            if (length <= 0 || reset) {
                return;
            }
            boolean inOrder = numbering.relativeDataSeq() == 1;
            session = start(packet, b, at, payload, captured, inOrder, side, conversation);
            conversation.applicationState(session);
        }
        frame.session(session);
        if (session.protocol == AppSession.Protocol.UNKNOWN) {
            return;
        }
        if (session.protocol == AppSession.Protocol.FTP_DATA) {
            if (length > 0) {
                FtpDataLink link = ftpLinks.find(session.ftpDataAddress, session.ftpDataPort);
                frame.ftpData(link);
                session.ftpDataLink = link;
            }
            return;
        }
        try {
            session.segment(packet, numbering, frame);
            if ((flags & TcpHeader.FIN) != 0 || reset) {
                session.closed(side, (flags & TcpHeader.FIN) != 0, frame);
            }
        } catch (RuntimeException fault) {
            // A fault in one connection's reader (a bug: no input should reach one) stops reading
            // that connection's application layer, not the capture: its TCP analysis, the other
            // connections and every later packet go on, and the commands say it happened.
            session.fail("reading stopped at frame " + packet.number() + " by an internal error: " + fault);
            if (readerFaults++ == 0) {
                firstReaderFault = "stream " + conversation.stream() + ", frame " + packet.number() + ": " + fault;
            }
        }
    }

    /** Connections whose application reading a fault stopped, and where the first one happened (null: none). */
    public long readerFaults() { return readerFaults; }

    public String firstReaderFault() { return firstReaderFault; }

    private AppSession start(Packet packet, ByteBuffer b, int at, int payload, int captured, boolean inOrder, int side,
                             TcpConversation conversation) {
        int sourcePort = TcpHeader.sourcePort(b, at);
        int destinationPort = TcpHeader.destinationPort(b, at);
        int originator = conversation.synSide();
        // A connection to an endpoint an FTP control connection announced is its data connection.
        if (!ftpLinks.isEmpty()) {
            String destination = address(packet, 1);
            if (ftpLinks.find(destination, destinationPort) != null) {
                return new AppSession(AppSession.Protocol.FTP_DATA, null, destination, destinationPort, originator, budget, keep);
            }
            String source = address(packet, 0);
            if (ftpLinks.find(source, sourcePort) != null) {
                return new AppSession(AppSession.Protocol.FTP_DATA, null, source, sourcePort, originator, budget, keep);
            }
        }
        if (destinationPort == FTP_PORT || sourcePort == FTP_PORT) {
            boolean toServer = destinationPort == FTP_PORT;
            FtpSession ftp = new FtpSession(conversation.stream(), toServer ? side : 1 - side, address(packet, toServer ? 1 : 0),
                    ftpLinks, keep.dialogue());
            return new AppSession(AppSession.Protocol.FTP, ftp, null, 0, originator, budget, keep);
        }
        // TLS, HTTP or a text protocol that may ask for TLS, recognised by the first bytes that arrive in
        // order: these, when they are the first; else whichever come first in order.
        boolean tlsPort = tlsPort(sourcePort) || tlsPort(destinationPort);
        boolean httpPort = httpPort(sourcePort) || httpPort(destinationPort);
        boolean sshPort = SshSession.sshPort(sourcePort) || SshSession.sshPort(destinationPort);
        boolean dnsPort = DnsTcpStream.dnsPort(sourcePort) || DnsTcpStream.dnsPort(destinationPort);
        if (inOrder && !tlsPort && !httpPort && !sshPort && !dnsPort && !TlsSession.looksLikeTls(b, payload, captured)
                && !HttpStream.looksLikeHttp(b, payload, captured) && !StartTls.looksLikeText(b, payload, captured)) {
            return AppSession.NOT_FOLLOWED;
        }
        AppSession session = new AppSession(AppSession.Protocol.UNDECIDED, null, null, 0, originator, budget, keep);
        session.tlsPort = tlsPort;
        session.httpPort = httpPort;
        if (SmtpSession.smtpPort(sourcePort) || SmtpSession.smtpPort(destinationPort)) {
            session.reader = new SmtpSession(requestSides(side, sourcePort, destinationPort, SmtpSession::smtpPort), budget, keep.dialogue());
        } else if (ImapSession.imapPort(sourcePort) || ImapSession.imapPort(destinationPort)) {
            session.reader = new ImapSession(requestSides(side, sourcePort, destinationPort, ImapSession::imapPort), budget, keep.dialogue());
        } else if (PopSession.popPort(sourcePort) || PopSession.popPort(destinationPort)) {
            session.reader = new PopSession(requestSides(side, sourcePort, destinationPort, PopSession::popPort), budget, keep.dialogue());
        } else if (WhoisSession.whoisPort(sourcePort) || WhoisSession.whoisPort(destinationPort)) {
            // packet-whois.c: a query is what is sent to port 43.
            session.reader = new WhoisSession(new boolean[] {side == 0 ? destinationPort == 43 : sourcePort == 43,
                side == 1 ? destinationPort == 43 : sourcePort == 43}, keep.dialogue());
        } else if (RespSession.respPort(sourcePort) || RespSession.respPort(destinationPort)) {
            session.reader = new RespSession(requestSides(side, sourcePort, destinationPort, RespSession::respPort), budget,
                    keep.dialogue());
        }
        session.dnsPort = dnsPort;
        session.responderPort22 = originator < 0 ? sourcePort == 22 || destinationPort == 22
                : (originator == side ? destinationPort : sourcePort) == 22;
        if (sshPort) {
            // Wireshark's TCP tries the lower port first: SSH is matched on that one when it is an
            // SSH port. A side's packets are the server's when they are not sent to that port.
            int match = SshSession.sshPort(Math.min(sourcePort, destinationPort)) ? Math.min(sourcePort, destinationPort)
                    : Math.max(sourcePort, destinationPort);
            session.sshPort = true;
            session.sshServer = new boolean[2];
            session.sshServer[side] = destinationPort != match;
            session.sshServer[1 - side] = sourcePort != match;
        }
        return session;
    }

    /**
     * Per side (FlowKey order), whether its segments are a client's requests: Wireshark's TCP
     * tries the lower port first, and a segment sent to the port its dissector was found by is
     * a request (packet-smtp.c, packet-imap.c, packet-pop.c and packet-resp.c: request = destport == match_uint).
     */
    private static boolean[] requestSides(int side, int sourcePort, int destinationPort, java.util.function.IntPredicate port) {
        int low = Math.min(sourcePort, destinationPort);
        int match = port.test(low) ? low : Math.max(sourcePort, destinationPort);
        boolean[] request = new boolean[2];
        request[side] = destinationPort == match;
        request[1 - side] = sourcePort == match;
        return request;
    }

    /** The packet's source (0) or destination (1) address as text: dotted IPv4, or IPv6 in RFC 5952 form. */
    static String address(Packet packet, int which) {
        int ip = packet.network();
        return ip < 0 ? "" : AddressText.of(DatagramFlows.address(packet, ip, which == 0));
    }

    /** The bytes all connections' reassembly may hold together, and how often it said no. */
    public ReassemblyBudget budget() { return budget; }

    /** FTP data endpoints remembered, and how many were forgotten for the cap. */
    public long ftpAnnouncementsForgotten() { return ftpLinks.forgotten(); }
}
