package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/2 (RFC 9113) of one connection, inside TLS records a key log opened or in clear on HTTP's
 * ports, read as Wireshark 4.0 reads it (packet-http2.c with nghttp2): TLS hands each record's
 * plaintext to HTTP/2 (TCP each segment's payload), which takes whole frames from it
 * (tcp_dissect_pdus) and asks TLS (TCP) to put together a frame that crosses records (segments:
 * desegment_ssl in packet-tls.c, desegment_tcp in packet-tcp.c, the same logic with other
 * markers); header blocks are decoded with HPACK; a stream's DATA
 * frames make one body, read by the dissector of its media type where its last frame
 * (END_STREAM) ends. What each step writes in the Info and Protocol columns is written into
 * {@link Http2Columns}, in Wireshark's order, so that the frame's words and layers come out as its.
 */
final class Http2Connection {
    /** The client's connection preface (RFC 9113, section 3.4). */
    private static final byte[] MAGIC = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final int FRAME_HEADER = 9;
    /** Wireshark's TLS puts a PDU together from at most 1 MiB of records (desegment_ssl). */
    private static final int MAX_PDU_BYTES = 1 << 20;
    /** A header block (HEADERS and its CONTINUATIONs) held at most. */
    private static final int MAX_HEADER_BLOCK = 256 * 1024;
    /** Streams remembered per connection; beyond, the oldest are forgotten (their bodies unread). */
    static final int MAX_STREAMS = 10_000;

    private static final class Side {
        /** Position of the next plaintext byte in this direction's stream. */
        long seq;
        /** A PDU TLS is putting together (Wireshark's multisegment PDU): its start, where it ends, and its bytes. */
        long mspStart = -1;
        long mspEnd;
        /** The PDU's length was unknown (fewer bytes than a frame header): the next record is taken whole. */
        boolean mspWholeRecord;
        byte[] msp = new byte[0];
        int mspFill;
        final Hpack decoder;
        /** A header block under way (HEADERS or PUSH_PROMISE without END_HEADERS), and its stream. */
        byte[] block = new byte[0];
        int blockFill;
        int blockStream = -1;
        String stopped;

        Side(ReassemblyBudget budget) {
            decoder = new Hpack(budget);
        }
    }

    /** One direction of a stream: what its headers said and its body so far. */
    private static final class Message {
        boolean headersSeen;
        boolean transferEncoded;
        boolean connect;
        String contentType;
        long bodyLength;
        byte[] bodyStart = new byte[0];
        boolean bodyPending;
    }

    private final Side[] sides;
    /** Messages by stream and direction (the key is stream * 2 + side), oldest first. */
    private final Map<Long, Message> messages = new java.util.LinkedHashMap<>();
    /**
     * Wireshark's "http2.streamid" table: a stream whose headers named a media type it has a
     * dissector for is registered under its number, for the whole capture (all connections), and a
     * body without a Content-Type of its own is read by what its number names. Shared by the caller.
     */
    private final Map<Integer, String> mediaByStream;
    private final ReassemblyBudget budget;
    private long forgottenStreams;

    Http2Connection(ReassemblyBudget budget, Map<Integer, String> mediaByStream) {
        this.budget = budget;
        this.sides = new Side[] {new Side(budget), new Side(budget)};
        this.mediaByStream = mediaByStream;
    }

    /** True when Wireshark's "HTTP2 over TLS" heuristic takes the first application data: it begins with the preface. */
    static boolean startsWithPreface(byte[] b, int length) {
        return startsWithPreface(java.nio.ByteBuffer.wrap(b), 0, length);
    }

    /** True when a connection on HTTP's ports begins with the client's preface: cleartext HTTP/2 with prior knowledge. */
    static boolean startsWithPreface(java.nio.ByteBuffer b, int at, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Bytes the capture missed: that direction is not read further (its frames' boundaries are lost). */
    void gap(int side) {
        if (sides[side].stopped == null) {
            sides[side].stopped = "bytes the capture missed";
        }
    }

    /**
     * Why a direction stopped being read, or null; for the client's side (0) with no such reason,
     * the streams forgotten because the cap on streams a connection was reached (say it once).
     */
    String stopped(int side) {
        if (sides[side].stopped != null || side != 0 || forgottenStreams == 0) {
            return sides[side].stopped;
        }
        return "HTTP/2: " + forgottenStreams + " streams forgotten (more than " + MAX_STREAMS
                + " at once): their bodies were not read";
    }

    /** The connection is dropped: its buffers' share goes back to the budget. */
    void release() {
        for (Side s : sides) {
            s.decoder.release();
            give(s.msp.length);
            give(s.block.length);
            s.msp = new byte[0];
            s.block = new byte[0];
        }
    }

    /**
     * One record's plaintext, as desegment_ssl takes it: bytes continuing a PDU put together from
     * earlier records join it (and, once it is complete, it goes to HTTP/2 with what follows), other
     * bytes go to HTTP/2 directly; a frame they leave incomplete waits for the next records.
     */
    void record(int side, byte[] plain, int length, Http2Columns columns, String tlsVersion, boolean httpLayer) {
        // tlsVersion null: the bytes are a TCP segment's (cleartext HTTP/2), put together by
        // desegment_tcp, whose marker differs from TLS's. httpLayer: over TCP, Wireshark's HTTP
        // hands the bytes to HTTP/2 at each call, both layers (not for the rest of the segment
        // that held HTTP's 101 to h2c: HTTP's layer is already there).
        Side s = sides[side];
        if (s.stopped != null) {
            s.seq += length;
            return;
        }
        long seq = s.seq;
        long next = seq + length;
        int offset = 0;
        boolean firstPdu = true;
        while (true) {
            int anotherPduFollows = 0;
            boolean called = false;
            Pdus result = Pdus.DONE;
            int desegmentOffset = offset;
            boolean mustDesegment = false;
            if (s.mspStart >= 0 && s.mspStart <= seq && s.mspEnd > seq) {
                // The record continues a PDU under way.
                int n = s.mspWholeRecord ? length - offset : (int) (Math.min(next, s.mspEnd) - seq);
                if (!append(s, plain, offset, n)) {
                    return;
                }
                if (s.mspWholeRecord) {
                    s.mspWholeRecord = false;
                    s.mspEnd = next;
                }
                if (s.mspEnd < next && n > 0) {
                    anotherPduFollows = (int) (s.mspEnd - seq);
                }
                if (next >= s.mspEnd) {
                    // Put together here: HTTP/2 reads all of it (TLS clears the column first).
                    columns.clearInfo();
                    result = http2(side, s.msp, 0, s.mspFill, columns, httpLayer);
                    called = true;
                    int oldLength = s.mspFill - (length - offset);
                    if (result.needsMore() && result.offset() <= oldLength) {
                        // Still not enough: the PDU grows (fragment_set_partial_reassembly).
                        s.mspWholeRecord = result.more() < 0;
                        s.mspEnd = seq + (length - offset) + (s.mspWholeRecord ? 1 : result.more());
                        anotherPduFollows = 0;
                    } else {
                        int held = s.mspFill;
                        s.mspStart = -1;
                        s.mspFill = 0;
                        if (result.needsMore()) {
                            // A frame begun after the put-together one: it waits, from this record's bytes.
                            mustDesegment = true;
                            desegmentOffset = length - (held - result.offset());
                        }
                    }
                }
            } else {
                result = http2(side, plain, offset, length - offset, columns, httpLayer);
                called = true;
                if (result.needsMore()) {
                    mustDesegment = true;
                    desegmentOffset = offset + result.offset();
                }
            }
            if (mustDesegment) {
                long start = seq + (desegmentOffset - offset);
                if (next - start <= MAX_PDU_BYTES) {
                    s.mspStart = start;
                    s.mspWholeRecord = result.more() < 0;
                    s.mspEnd = s.mspWholeRecord ? next + 1 : next + result.more();
                    s.mspFill = 0;
                    if (!append(s, plain, desegmentOffset, length - desegmentOffset)) {
                        return;
                    }
                }
            }
            if (!called || result.needsMore()) {
                if ((called ? result.offset() : 0) == 0) {
                    // Nothing of these bytes made a frame: TLS's or TCP's own words.
                    if (tlsVersion != null) {
                        columns.protocol(tlsVersion);
                        columns.setInfo("[TLS segment of a reassembled PDU]");
                    } else {
                        columns.protocol("TCP");
                        if (firstPdu) {
                            columns.appendInfo(" ", "[TCP segment of a reassembled PDU]");
                        }
                    }
                }
            }
            if (anotherPduFollows > 0) {
                columns.fence();
                columns.protocolLocked();
                offset += anotherPduFollows;
                seq += anotherPduFollows;
                firstPdu = false;
                continue;
            }
            break;
        }
        s.seq = next;
    }

    /** What HTTP/2 did with bytes: read them all, or wants more from {@code offset} ({@code more} bytes, -1: unknown). */
    private record Pdus(int offset, int more) {
        static final Pdus DONE = new Pdus(0, 0);

        boolean needsMore() { return more != 0; }
    }

    /**
     * Wireshark's dissect_http2: the column cleared, then whole frames (tcp_dissect_pdus). A call
     * that reads no whole frame leaves no "http2" in frame.protocols (checked with tshark 4.0: a
     * record that ends one frame and begins another shows one).
     */
    private Pdus http2(int side, byte[] b, int at, int length, Http2Columns columns, boolean httpLayer) {
        columns.dissectorCalled();
        columns.clearInfo();
        int end = at + length;
        int o = at;
        while (o < end) {
            int remaining = end - o;
            if (remaining < FRAME_HEADER) {
                return new Pdus(o - at, -1);
            }
            boolean magic = remaining >= MAGIC.length && java.util.Arrays.equals(b, o, o + MAGIC.length, MAGIC, 0, MAGIC.length);
            int pdu = magic ? MAGIC.length : FRAME_HEADER + (((b[o] & 0xFF) << 16) | ((b[o + 1] & 0xFF) << 8) | (b[o + 2] & 0xFF));
            if (remaining < pdu) {
                return new Pdus(o - at, pdu - remaining);
            }
            if (o == at) {
                if (httpLayer) {
                    // Over TCP, Wireshark's HTTP hands the bytes to HTTP/2: both layers, each call.
                    columns.layer("http");
                }
                columns.layer("http2");
            }
            frame(side, b, o, pdu, magic, columns);
            o += pdu;
        }
        return Pdus.DONE;
    }

    /** Wireshark's dissect_http2_pdu: one frame's words. */
    private void frame(int side, byte[] b, int at, int length, boolean magic, Http2Columns columns) {
        columns.protocol("HTTP2");
        if (magic) {
            columns.appendInfo(", ", "Magic");
            columns.frame(new Http2Frame(Http2Frame.MAGIC, 0, 0, 0, List.of()));
            return;
        }
        int payload = length - FRAME_HEADER;
        int type = b[at + 3] & 0xFF;
        int flags = b[at + 4] & 0xFF;
        int stream = ((b[at + 5] & 0x7F) << 24) | ((b[at + 6] & 0xFF) << 16) | ((b[at + 7] & 0xFF) << 8) | (b[at + 8] & 0xFF);
        String name = Http2Frame.typeName(type);
        columns.appendInfo(", ", (name != null ? name : "Unknown type (" + type + ")") + "[" + Integer.toUnsignedString(stream) + "]");
        int p = at + FRAME_HEADER;
        int end = at + length;
        List<Hpack.Field> headers = List.of();
        switch (type) {
            case Http2Frame.DATA -> data(side, stream, flags, b, p, end, columns);
            case Http2Frame.HEADERS -> {
                int[] bounds = headerBlock(b, p, end, flags, true);
                headers = headers(side, stream, flags, b, bounds, false, columns);
            }
            case Http2Frame.PUSH_PROMISE -> {
                // The promised request's headers follow the promised stream's number (RFC 9113,
                // 6.6), which Wireshark reads in the context of the frame's own stream (its
                // current_stream_id): a media type there is the promising stream's, as in tshark.
                int[] bounds = headerBlock(b, p, end, flags, false);
                if (bounds != null && bounds[1] - bounds[0] >= 4) {
                    headers = headers(side, stream, flags & ~END_STREAM, b, new int[] {bounds[0] + 4, bounds[1]}, false, columns);
                }
            }
            case Http2Frame.CONTINUATION -> headers = headers(side, stream, flags, b, new int[] {p, end}, true, columns);
            default -> { }
        }
        columns.frame(new Http2Frame(type, flags, stream, payload, headers));
    }

    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int PADDED = 0x8;
    private static final int PRIORITY_FLAG = 0x20;

    /** A HEADERS or PUSH_PROMISE frame's block: after its pad length and priority fields, before its padding; null when they overrun it. */
    private static int[] headerBlock(byte[] b, int p, int end, int flags, boolean headers) {
        int padding = 0;
        if ((flags & PADDED) != 0) {
            if (p >= end) {
                return null;
            }
            padding = b[p++] & 0xFF;
        }
        if (headers && (flags & PRIORITY_FLAG) != 0) {
            p += 5;
        }
        int blockEnd = end - padding;
        return p <= blockEnd ? new int[] {p, blockEnd} : null;
    }

    /**
     * A header block fragment: decoded when its block is complete (END_HEADERS), then the
     * request's method and path or the response's status go in the Info column.
     */
    private List<Hpack.Field> headers(int side, int stream, int flags, byte[] b, int[] bounds, boolean continuation,
                                      Http2Columns columns) {
        Side s = sides[side];
        if (bounds == null) {
            return List.of();
        }
        if (!continuation) {
            s.blockFill = 0;
            s.blockStream = stream;
        } else if (s.blockStream < 0) {
            return List.of();
        }
        int n = bounds[1] - bounds[0];
        if (s.blockFill + n > MAX_HEADER_BLOCK) {
            s.stopped = "an HTTP/2 header block over " + MAX_HEADER_BLOCK + " bytes";
            return List.of();
        }
        byte[] block = grown(s, s.block, s.blockFill + n, MAX_HEADER_BLOCK);
        if (block == null) {
            return List.of();
        }
        s.block = block;
        System.arraycopy(b, bounds[0], s.block, s.blockFill, n);
        s.blockFill += n;
        // nghttp2 decodes each fragment's complete fields as it comes; the rest waits for the next one.
        Hpack.Decoded decoded = s.decoder.decode(s.block, 0, s.blockFill);
        List<Hpack.Field> fields = decoded == null ? List.of() : decoded.fields();
        if (decoded != null) {
            System.arraycopy(s.block, decoded.consumed(), s.block, 0, s.blockFill - decoded.consumed());
            s.blockFill -= decoded.consumed();
        }
        boolean last = (flags & END_HEADERS) != 0;
        // Trailers (HEADERS with END_STREAM after DATA) end the body in that frame (dissect_http2_headers).
        boolean endsStream = !continuation && (flags & END_STREAM) != 0;
        if (last) {
            s.blockStream = -1;
            s.blockFill = 0;
        }
        // Each frame's fields are read in the context of its own stream (Wireshark's current_stream_id).
        int target = stream;
        Message m = message(target, side);
        String method = null;
        String path = null;
        boolean requestShown = false;
        for (Hpack.Field f : fields) {
            switch (f.name()) {
                case ":method" -> {
                    method = f.value();
                    m.headersSeen = true;
                    m.connect |= f.value().equals("CONNECT");
                }
                case ":path" -> path = f.value();
                case ":status" -> {
                    m.headersSeen = true;
                    int code = parseCode(f.value());
                    columns.appendInfo(": ", f.value() + " " + reason(code));
                }
                case "content-type" -> {
                    if (m.contentType == null) {
                        m.contentType = mediaType(f.value());
                        String dissector = HttpMessage.mediaDissector(m.contentType);
                        if (dissector != null) {
                            rememberMedia(target, m.contentType);
                        }
                    }
                }
                case "transfer-encoding" -> m.transferEncoded = true;
                default -> { }
            }
            if (!requestShown && method != null && path != null && (f.name().equals(":method") || f.name().equals(":path"))) {
                requestShown = true;
                columns.appendInfo(": ", method + " " + path);
            }
        }
        if (endsStream) {
            // Trailers after the body: the body ends here.
            finishBody(target, side, columns);
        }
        return fields;
    }

    private void rememberMedia(int stream, String type) {
        if (mediaByStream.size() >= MAX_STREAMS && !mediaByStream.containsKey(stream)) {
            mediaByStream.remove(mediaByStream.keySet().iterator().next());
        }
        mediaByStream.put(stream, type);
    }

    /** A DATA frame: part of its stream's body, which its END_STREAM flag ends. */
    private void data(int side, int stream, int flags, byte[] b, int p, int end, Http2Columns columns) {
        int padding = 0;
        if ((flags & PADDED) != 0 && p < end) {
            padding = b[p++] & 0xFF;
        }
        int dataEnd = Math.max(p, end - padding);
        Message m = message(stream, side);
        if (!m.headersSeen || m.transferEncoded || m.connect) {
            // Wireshark reassembles a body only after the headers that began it.
            return;
        }
        int n = dataEnd - p;
        if (m.bodyStart.length < HttpMessage.BODY_START && n > 0) {
            int keep = (int) Math.min(HttpMessage.BODY_START - m.bodyStart.length, n);
            byte[] start = java.util.Arrays.copyOf(m.bodyStart, m.bodyStart.length + keep);
            System.arraycopy(b, p, start, m.bodyStart.length, keep);
            m.bodyStart = start;
        }
        m.bodyLength += n;
        m.bodyPending = true;
        if ((flags & END_STREAM) != 0) {
            finishBody(stream, side, columns);
        }
    }

    /** The body is complete: the dissector its media type names reads it (packet-http2.c, dissect_body_data). */
    private void finishBody(int stream, int side, Http2Columns columns) {
        Message m = message(stream, side);
        if (!m.bodyPending) {
            return;
        }
        m.bodyPending = false;
        String type = m.contentType != null ? m.contentType : mediaByStream.get(stream);
        String dissector = type == null ? null : HttpMessage.mediaDissector(type);
        if (dissector == null) {
            return;
        }
        HttpMessage body = new HttpMessage(false, null, null, "HTTP/2", -1, null,
                List.<String[]>of(new String[] {"Content-Type", type}), -1, "", m.bodyLength, m.bodyStart);
        String protocol = body.bodyProtocol();
        if (protocol == null || protocol.equals("media")) {
            return;
        }
        columns.layer(protocol);
        if (protocol.equals("json")) {
            columns.appendProtocol("JSON");
        } else if (protocol.equals("xml")) {
            columns.appendProtocol("XML");
        }
        StringBuilder words = new StringBuilder();
        body.appendBodyWords(words, protocol);
        columns.appendInfo(words.toString());
    }

    private Message message(int stream, int side) {
        long key = ((long) stream << 1) | side;
        Message m = messages.get(key);
        if (m == null) {
            if (messages.size() >= 2 * MAX_STREAMS) {
                messages.remove(messages.keySet().iterator().next());
                forgottenStreams++;
            }
            m = new Message();
            messages.put(key, m);
        }
        return m;
    }

    private boolean append(Side s, byte[] b, int at, int n) {
        if (s.mspFill + n > MAX_PDU_BYTES + FRAME_HEADER) {
            s.stopped = "an HTTP/2 frame over " + MAX_PDU_BYTES + " bytes";
            return false;
        }
        byte[] msp = grown(s, s.msp, s.mspFill + n, MAX_PDU_BYTES + FRAME_HEADER);
        if (msp == null) {
            return false;
        }
        s.msp = msp;
        System.arraycopy(b, at, s.msp, s.mspFill, n);
        s.mspFill += n;
        return true;
    }

    /**
     * {@code buffer}, or a copy doubled up to {@code max} that holds {@code need} bytes, its growth
     * taken from the budget; null when the budget refuses (the direction stops, and says why; the
     * buffer it had stays, charged, until the connection is released).
     */
    private byte[] grown(Side s, byte[] buffer, int need, int max) {
        if (buffer.length >= need) {
            return buffer;
        }
        int size = Math.max(need, Math.min(max, buffer.length * 2));
        if (!take(size - buffer.length)) {
            s.stopped = "the reassembly memory was full";
            return null;
        }
        return java.util.Arrays.copyOf(buffer, size);
    }

    private boolean take(int n) {
        return budget == null || n <= 0 || budget.take(n);
    }

    private void give(int n) {
        if (budget != null && n > 0) {
            budget.give(n);
        }
    }

    /** packet-http2.c, get_content_type_only: up to a semicolon or space, in lower case. */
    static String mediaType(String value) {
        int end = 0;
        while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    }

    static int parseCode(String value) {
        // strtoul: the leading digits.
        int code = 0;
        for (int i = 0; i < value.length() && i < 9 && Character.isDigit(value.charAt(i)); i++) {
            code = code * 10 + (value.charAt(i) - '0');
        }
        return code;
    }

    /** packet-http.c's vals_http_status_code, which HTTP/2 uses for a status's words. */
    static String reason(int code) {
        String r = REASONS.get(code);
        return r != null ? r : "Unknown";
    }

    private static final Map<Integer, String> REASONS = new HashMap<>();

    static {
        Object[] table = {
            100, "Continue", 101, "Switching Protocols", 102, "Processing", 103, "Early Hints", 199, "Informational - Others",
            200, "OK", 201, "Created", 202, "Accepted", 203, "Non-authoritative Information", 204, "No Content",
            205, "Reset Content", 206, "Partial Content", 207, "Multi-Status", 208, "Already Reported", 226, "IM Used",
            299, "Success - Others", 300, "Multiple Choices", 301, "Moved Permanently", 302, "Found", 303, "See Other",
            304, "Not Modified", 305, "Use Proxy", 307, "Temporary Redirect", 308, "Permanent Redirect",
            399, "Redirection - Others", 400, "Bad Request", 401, "Unauthorized", 402, "Payment Required",
            403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 406, "Not Acceptable",
            407, "Proxy Authentication Required", 408, "Request Time-out", 409, "Conflict", 410, "Gone",
            411, "Length Required", 412, "Precondition Failed", 413, "Request Entity Too Large",
            414, "Request-URI Too Long", 415, "Unsupported Media Type", 416, "Requested Range Not Satisfiable",
            417, "Expectation Failed", 418, "I'm a teapot", 421, "Misdirected Request", 422, "Unprocessable Entity",
            423, "Locked", 424, "Failed Dependency", 425, "Too Early", 426, "Upgrade Required",
            428, "Precondition Required", 429, "Too Many Requests", 431, "Request Header Fields Too Large",
            451, "Unavailable For Legal Reasons", 499, "Client Error - Others", 500, "Internal Server Error",
            501, "Not Implemented", 502, "Bad Gateway", 503, "Service Unavailable", 504, "Gateway Time-out",
            505, "HTTP Version not supported", 506, "Variant Also Negotiates", 507, "Insufficient Storage",
            508, "Loop Detected", 510, "Not Extended", 511, "Network Authentication Required", 599, "Server Error - Others",
        };
        for (int i = 0; i < table.length; i += 2) {
            REASONS.put((Integer) table[i], (String) table[i + 1]);
        }
    }
}
