package io.tcplens.app;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.x over one TCP connection (RFC 9112): each direction's messages, their bodies skipped
 * by Content-Length or chunked coding (section 6.3), responses paired with the requests before
 * them so that a response to HEAD, or a 1xx, 204 or 304, is known to have no body.
 * An incremental decoder per direction, in the manner of Netty's HttpObjectDecoder: every limit
 * is named, and a direction that breaks one stops with the reason.
 */
final class HttpStream {
    /** Bytes of one message head (start line and headers) at most. */
    static final int MAX_HEAD = 64 * 1024;
    static final int MAX_HEADERS = 128;
    /** Requests waiting for their responses at most. */
    static final int MAX_PENDING = 1024;

    private enum State { START, HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, STOPPED }

    private static final class Side {
        State state = State.START;
        final StringBuilder line = new StringBuilder();
        final List<String> head = new ArrayList<>();
        int headBytes;
        long remaining;
        long bodyLength;
        /** The body's first bytes (an image's signature), {@link HttpMessage#BODY_START} at most. */
        final byte[] bodyStart = new byte[HttpMessage.BODY_START];
        /** The frame where the message under way began, and its start line once read. */
        long startFrame = -1;
        String startLine;
        HttpMessage message;
        String stopped;
    }

    private final Side[] sides = {new Side(), new Side()};
    private final ArrayDeque<String> pendingMethods = new ArrayDeque<>();
    /** A request was read on the connection: on an HTTP port Wireshark's HTTP then calls what is no message "Continuation". */
    private boolean requestSeen;
    /**
     * A 101 Switching Protocols to "h2c" was read (RFC 7540, 3.2): the connection speaks HTTP/2
     * from the byte after its head, which is {@link #upgradeAt} in the bytes being read (-1: in later bytes).
     */
    private boolean h2cUpgrade;
    private int upgradeAt = -1;
    /** A request or status line was read on the connection. */
    private boolean startLineSeen;
    /** The connection is on one of Wireshark's HTTP ports, where its HTTP reads every segment. */
    private final boolean httpPort;
    private int clientSide = -1;

    /** True when bytes starting with these begin an HTTP/1.x request or response. */
    static boolean looksLikeHttp(ByteBuffer b, int at, int length) {
        int n = Math.min(length, 16);
        if (n < 4 || b.get(at) < 'A' || b.get(at) > 'Z') {
            return false;
        }
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) (b.get(at + i) & 0xFF));
        }
        String start = s.toString();
        return start.startsWith("HTTP/1.") || requestLine(start);
    }

    /** Begins with a method and a space (RFC 9112, section 3). */
    private static boolean requestLine(String text) {
        int space = text.indexOf(' ');
        return space > 0 && METHODS.contains(text.substring(0, space));
    }

    private static final List<String> METHODS = List.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS",
            "CONNECT", "TRACE", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK");

    /** Takes bytes of one side in stream order; {@code own}: they are the current frame's own segment. */
    void bytes(int side, ByteBuffer b, int at, int length, AppFrame frame, boolean own) {
        Side s = sides[side];
        int end = at + length;
        boolean redissected = redissected(s);
        if (length > 0 && s.state == State.START && s.line.length() == 0
                && (!printableStart(b, at, length) || loneCarriageReturnEndsNoStartLine(b, at, end))) {
            // A segment at a message's place that begins with a byte no start line has (a body
            // the capture joined in the middle, bytes after a gap): Wireshark's HTTP reads none
            // of it, calls it "Continuation" once the connection had a request, and tries the
            // next segment again (packet-http.c, dissect_http_message).
            if (requestSeen && httpPort && own) {
                frame.httpContinuation();
            } else if (own && !startLineSeen) {
                // No HTTP seen yet: Wireshark's HTTP takes the bytes and shows nothing, not even data
                // (checked with tshark 4.0: a server's HTTP/2 SETTINGS before the client's preface on port 8080).
                frame.takePayloadSilently();
            }
            return;
        }
        while (at < end && s.state != State.STOPPED) {
            switch (s.state) {
                case START, HEAD, CHUNK_SIZE, CHUNK_END, TRAILER -> {
                    if (s.state == State.START && s.line.length() == 0) {
                        s.startFrame = frame.number();
                        s.startLine = null;
                    }
                    int i = at;
                    while (i < end && b.get(i) != '\n') {
                        i++;
                    }
                    boolean complete = i < end;
                    for (int k = at; k < i && s.line.length() < MAX_HEAD; k++) {
                        s.line.append((char) (b.get(k) & 0xFF));
                    }
                    // A first line is waited for however long it gets, as Wireshark's HTTP waits
                    // for its end (its first MAX_HEAD bytes kept): the segments meanwhile are
                    // segments of a reassembled PDU. A head's other lines count toward the bound.
                    if (s.state != State.START) {
                        s.headBytes += i - at + (complete ? 1 : 0);
                    }
                    at = complete ? i + 1 : i;
                    if (s.headBytes > MAX_HEAD) {
                        stop(s, "message head over " + MAX_HEAD + " bytes at frame " + frame.number());
                        break;
                    }
                    if (complete) {
                        int len = s.line.length();
                        if (len > 0 && s.line.charAt(len - 1) == '\r') {
                            s.line.setLength(len - 1);
                        }
                        String text = s.line.toString();
                        s.line.setLength(0);
                        if (s.state == State.START && !text.isEmpty() && !startLine(text)) {
                            // A first line that is no request or status line: not HTTP to Wireshark
                            // ("Continuation" after a request); the rest of the segment is not read,
                            // and the next segment is tried as a message's start.
                            if (requestSeen && httpPort && own) {
                                frame.httpContinuation();
                            }
                            s.headBytes = 0;
                            return;
                        }
                        line(side, s, text, frame);
                    }
                }
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(s.remaining, end - at);
                    keepBodyStart(s, b, at, n);
                    at += n;
                    s.remaining -= n;
                    s.bodyLength += n;
                    if (s.remaining == 0) {
                        if (s.state == State.BODY) {
                            finish(s, frame);
                        } else {
                            s.state = State.CHUNK_END;
                        }
                    }
                }
                case UNTIL_CLOSE -> {
                    keepBodyStart(s, b, at, end - at);
                    s.bodyLength += end - at;
                    at = end;
                }
                case STOPPED -> { }
            }
        }
        if (h2cUpgrade && upgradeAt == -2) {
            upgradeAt = at;
        }
        if ((s.state != State.START || s.line.length() > 0) && s.state != State.STOPPED) {
            // Wireshark's HTTP shows the start line on each frame it dissects the message again
            // with, before it asks for more: the frame that begins it, and each one while its
            // head or a chunked body is incomplete (it asks for one more segment then, where a
            // Content-Length body or one read until the close is asked for whole and its frames
            // keep TCP's info). A start line not complete yet is not written: the frame keeps
            // TCP's info with the marker too ("GET / HT"). Each case checked with tshark 4.0.
            boolean started = (redissected || s.startFrame == frame.number()) && s.startLine != null;
            frame.pdu(started ? AppFrame.Pdu.STARTED : AppFrame.Pdu.CONTINUED);
            if (started) {
                frame.startLine(s.startLine);
            }
        }
    }

    /**
     * True when the segment's first line ends at a carriage return with no line feed after it
     * (Wireshark's tvb_find_line_end ends a line there; tcplens's lines end at line feeds) and is
     * no request or status line: to Wireshark's HTTP the segment is then no message.
     */
    private static boolean loneCarriageReturnEndsNoStartLine(ByteBuffer b, int at, int end) {
        for (int i = at; i < end; i++) {
            byte c = b.get(i);
            if (c == '\n') {
                return false;
            }
            if (c == '\r') {
                if (i + 1 == end || b.get(i + 1) == '\n') {
                    return false;
                }
                StringBuilder line = new StringBuilder(Math.min(i - at, 32));
                for (int k = at; k < Math.min(i, at + 32); k++) {
                    line.append((char) (b.get(k) & 0xFF));
                }
                return !startLine(line.toString());
            }
        }
        return false;
    }

    /**
     * True unless the segment's first byte (after one leading CRLF, which Wireshark skips in a
     * segment of more than 3 bytes) is one g_ascii_isprint refuses.
     */
    private static boolean printableStart(ByteBuffer b, int at, int length) {
        int first = at;
        if (length > 3 && b.get(at) == '\r' && b.get(at + 1) == '\n') {
            first += 2;
        }
        int c = b.get(first) & 0xFF;
        return c >= 0x20 && c <= 0x7E;
    }

    /**
     * True when the side's message under way is one Wireshark's HTTP dissects again with the next
     * segment: its head, or its chunked body, is not complete.
     */
    private static boolean redissected(Side s) {
        return switch (s.state) {
            case START -> s.line.length() > 0;
            case HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER -> true;
            case BODY, UNTIL_CLOSE, STOPPED -> false;
        };
    }

    /**
     * A segment whose end the snapshot length cut off: what was captured is read on its own, as
     * Wireshark reads it, a start line and the header lines that are there (the last one perhaps
     * cut short), or, without a start line, a continuation. The stream resumes at the next start line.
     */
    void cutSegment(int side, ByteBuffer b, int at, int length, AppFrame frame) {
        Side s = sides[side];
        if (s.state == State.STOPPED) {
            return;
        }
        gap(side);
        if (!looksLikeHttp(b, at, length)) {
            frame.httpContinuation();
            return;
        }
        int end = at + Math.min(length, MAX_HEAD);
        StringBuilder text = new StringBuilder(end - at);
        for (int i = at; i < end; i++) {
            text.append((char) (b.get(i) & 0xFF));
        }
        String[] lines = text.toString().split("\r?\n", -1);
        for (String line : lines) {
            if (line.isEmpty()) {
                break;
            }
            s.head.add(line);
        }
        frame.cut(lines.length > 1 ? lines[0] : null);
        if (!s.head.isEmpty()) {
            head(side, s, frame);
            finish(s, frame);
        }
        gap(side);
    }

    /** A gap: the message under way is lost; parsing resumes at the next start line. */
    void gap(int side) {
        Side s = sides[side];
        if (s.state != State.STOPPED && s.state != State.UNTIL_CLOSE) {
            s.state = State.START;
            s.line.setLength(0);
            s.head.clear();
            s.headBytes = 0;
            s.message = null;
        }
    }

    /** The connection ended: a body read until close is complete now (RFC 9112, section 6.3, rule 8). */
    void close(int side, AppFrame frame) {
        Side s = sides[side];
        if (s.state == State.UNTIL_CLOSE && s.message != null) {
            frame.addHttp(s.message.withBody(s.bodyLength, bodyStart(s)));
            s.message = null;
            s.state = State.START;
        }
    }

    private void line(int side, Side s, String text, AppFrame frame) {
        switch (s.state) {
            case START -> {
                if (text.isEmpty()) {
                    s.headBytes = 0;
                    return;
                }
                s.head.add(text);
                s.startLine = text;
                s.state = State.HEAD;
                startLineSeen = true;
            }
            case HEAD -> {
                if (!text.isEmpty()) {
                    if (s.head.size() <= MAX_HEADERS) {
                        s.head.add(text);
                    }
                    return;
                }
                head(side, s, frame);
            }
            case CHUNK_SIZE -> {
                int semicolon = text.indexOf(';');
                String size = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
                long n;
                try {
                    n = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    stop(s, "chunk size \"" + size + "\" is not hexadecimal at frame " + frame.number());
                    return;
                }
                if (n < 0) {
                    stop(s, "negative chunk size at frame " + frame.number());
                    return;
                }
                s.remaining = n;
                s.state = n == 0 ? State.TRAILER : State.CHUNK_DATA;
            }
            case CHUNK_END -> s.state = State.CHUNK_SIZE;
            case TRAILER -> {
                if (text.isEmpty()) {
                    finish(s, frame);
                }
            }
            default -> { }
        }
    }

    /** A request line (a method, a space) or a status line ("HTTP/"). */
    private static boolean startLine(String text) {
        return text.startsWith("HTTP/") || requestLine(text);
    }

    private void head(int side, Side s, AppFrame frame) {
        String start = s.head.get(0);
        List<String[]> headers = new ArrayList<>(s.head.size());
        for (int i = 1; i < s.head.size(); i++) {
            String h = s.head.get(i);
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {h.substring(0, colon), h.substring(colon + 1).trim()});
            }
        }
        s.head.clear();
        s.headBytes = 0;
        long contentLength = -1;
        boolean chunked = false;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Long.parseLong(h[1].trim());
                } catch (NumberFormatException e) {
                    contentLength = -1;
                }
            } else if (h[0].equalsIgnoreCase("Transfer-Encoding") && h[1].toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        HttpMessage m;
        boolean noBody;
        boolean untilClose = false;
        if (start.startsWith("HTTP/")) {
            String[] parts = start.split(" ", 3);
            int code = -1;
            try {
                code = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                code = -1;
            }
            m = new HttpMessage(false, null, null, parts[0], code, parts.length > 2 ? parts[2] : null, headers, contentLength,
                    start, 0, null);
            String method = code >= 200 || code < 100 ? pendingMethods.pollFirst() : pendingMethods.peekFirst();
            noBody = (code >= 100 && code < 200) || code == 204 || code == 304 || "HEAD".equals(method);
            untilClose = !noBody && !chunked && contentLength < 0;
            if (code == 101) {
                // RFC 9110, section 15.2.2: after Switching Protocols the connection speaks another protocol.
                frame.addHttp(m);
                if (events.enabled()) {
                    events.add(frame.number(), side, m.startLine());
                }
                stop(sides[0], null);
                stop(sides[1], null);
                if ("h2c".equalsIgnoreCase(String.valueOf(m.header("Upgrade")).trim())) {
                    // Wireshark's HTTP hands the rest to HTTP/2 (its "http.upgrade" table).
                    h2cUpgrade = true;
                    upgradeAt = -2;
                }
                return;
            }
        } else {
            requestSeen = true;
            if (clientSide < 0) {
                clientSide = side;
            }
            String[] parts = start.split(" ", 3);
            String method = parts[0];
            m = new HttpMessage(true, method, parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null,
                    -1, null, headers, contentLength, start, 0, null);
            if (pendingMethods.size() < MAX_PENDING) {
                pendingMethods.addLast(method);
            }
            // RFC 9112, section 6.3, rule 7: a request without a length has no body.
            noBody = !chunked && contentLength <= 0;
        }
        s.message = m;
        s.bodyLength = 0;
        if (noBody) {
            finish(s, frame);
        } else if (chunked) {
            s.state = State.CHUNK_SIZE;
        } else if (untilClose) {
            s.state = State.UNTIL_CLOSE;
        } else {
            s.remaining = contentLength;
            s.state = contentLength == 0 ? State.START : State.BODY;
            if (contentLength == 0) {
                finish(s, frame);
            }
        }
    }

    final AppEvents events;

    HttpStream(boolean dialogue, boolean httpPort) {
        events = new AppEvents(dialogue);
        this.httpPort = httpPort;
    }

    /** Keeps the first bytes of the body under way, before its length counts them. */
    private static void keepBodyStart(Side s, ByteBuffer b, int at, int n) {
        if (s.bodyLength < HttpMessage.BODY_START) {
            int take = (int) Math.min(HttpMessage.BODY_START - s.bodyLength, n);
            b.get(at, s.bodyStart, (int) s.bodyLength, take);
        }
    }

    private static byte[] bodyStart(Side s) {
        return java.util.Arrays.copyOf(s.bodyStart, (int) Math.min(s.bodyLength, HttpMessage.BODY_START));
    }

    private void finish(Side s, AppFrame frame) {
        if (s.message != null) {
            HttpMessage m = s.message.withBody(s.bodyLength, bodyStart(s));
            if (events.enabled()) {
                events.add(frame.number(), s == sides[0] ? 0 : 1, m.startLine()
                    + (m.bodyLength() > 0 ? " (" + m.bodyLength() + " bytes of body" + (m.header("Content-Type") != null
                    ? ", " + m.header("Content-Type") : "") + ")" : ""));
            }
            frame.addHttp(m);
            s.message = null;
        }
        s.state = State.START;
    }

    private static void stop(Side s, String why) {
        s.state = State.STOPPED;
        s.stopped = why;
    }

    /** Why a direction stopped being parsed, or null. */
    String stopped(int side) { return sides[side].stopped; }

    boolean startLineSeen() { return startLineSeen; }

    /** True once a 101 Switching Protocols to "h2c" was read. */
    boolean upgradedToH2c() { return h2cUpgrade; }

    /** Where HTTP/2 begins in the bytes just read (once; -1 when not there). */
    int takeUpgradeAt() {
        int at = upgradeAt;
        upgradeAt = -1;
        return at;
    }
}
