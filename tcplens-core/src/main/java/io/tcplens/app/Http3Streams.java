package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP/3 (RFC 9114) as far as Wireshark 4.0's packet-http3.c reads it: on a QUIC connection whose
 * ALPN is "h3", each STREAM frame's data in stream order goes to HTTP/3, which names the frames it
 * finds (", HEADERS", ", DATA", ", SETTINGS") in the Info column and sets the protocol column to
 * HTTP3. A request stream's frame cut by the STREAM frame's end waits for the rest (QUIC's stream
 * reassembly) and is named in the packet that completes it; unidirectional streams begin with
 * their type (control, push, and QPACK's encoder and decoder streams, whose instructions are not
 * read). Field sections are not decoded (no QPACK): no method, path or status.
 *
 * <p>Bounded: at most {@link #MAX_STREAMS} streams a connection are followed, each taking {@link
 * #STREAM_COST} bytes of the tracker's reassembly budget (so that a capture of many decryptable
 * connections cannot make them without end), and a stream's waiting bytes come from the same
 * budget, at most 64 KiB each.
 */
final class Http3Streams {
    static final int MAX_STREAMS = 1000;
    /** What following one stream is counted as in the budget: its object and its map entry, about. */
    static final int STREAM_COST = 96;
    private static final int MAX_WAITING = 64 << 10;

    /** One stream's reading: where its next bytes start, what waits for the rest of a frame. */
    private static final class Stream {
        long next;
        byte[] waiting = new byte[0];
        /** A unidirectional stream's type (-1: not read yet). */
        long uniType = -1;
        /** Wireshark stops reading a stream of unknown type, or one whose data came out of order here. */
        boolean stopped;
    }

    private final Map<Long, Stream> streams = new HashMap<>();
    private final ReassemblyBudget budget;
    /** Told when a stream is not read further for lack of room (the tracker's notes count it). */
    private final Runnable cut;

    Http3Streams(ReassemblyBudget budget, Runnable cut) {
        this.budget = budget;
        this.cut = cut;
    }

    /**
     * Reads a STREAM frame's data ({@code offset} in the stream); true when HTTP/3 was called
     * with it (Wireshark's protocol column becomes HTTP3). Frame names go to {@code info}.
     */
    boolean data(long id, boolean fromServer, long offset, byte[] data, StringBuilder info) {
        // A bidirectional stream is two byte streams, one each way.
        long key = id * 2 + (fromServer ? 1 : 0);
        Stream s = streams.get(key);
        if (s == null) {
            if (streams.size() >= MAX_STREAMS || !budget.take(STREAM_COST)) {
                cut.run();
                return false;
            }
            s = new Stream();
            streams.put(key, s);
        }
        long end = offset + data.length;
        if (s.stopped || data.length == 0) {
            return false;
        }
        if (end <= s.next) {
            // Data seen before (a retransmission): Wireshark's stream reassembly hands it to HTTP/3
            // again when nothing waits, which names its frames again; the stream's state stays.
            if (s.waiting.length > 0) {
                return false;
            }
            Stream again = new Stream();
            again.uniType = s.uniType;
            read(id, again, data, offset, info);
            return takes(id, data);
        }
        if (offset > s.next) {
            // Data after a gap: not read further (Wireshark's stream reassembly would hold it).
            s.stopped = true;
            release(s);
            return false;
        }
        byte[] fresh = offset == s.next ? data : java.util.Arrays.copyOfRange(data, (int) (s.next - offset), data.length);
        long bufferStart = s.next - s.waiting.length;
        byte[] buffer = concat(s.waiting, fresh);
        s.next = end;
        int consumed = read(id, s, buffer, bufferStart, info);
        byte[] rest = java.util.Arrays.copyOfRange(buffer, consumed, buffer.length);
        release(s);
        if (rest.length > MAX_WAITING || !budget.take(rest.length)) {
            s.stopped = true;
            cut.run();
        } else {
            s.waiting = rest;
        }
        return takes(id, buffer);
    }

    /**
     * Whether HTTP/3 takes a call with these bytes, which sets Wireshark's protocol column: always
     * on a unidirectional or server-initiated stream; on a request stream only once a whole frame
     * is there (dissect_http3 checks the frame's size first and returns before the column).
     */
    private static boolean takes(long id, byte[] b) {
        return (id & 3) != 0 || frameSize(b, 0) != 0;
    }

    private void release(Stream s) {
        budget.give(s.waiting.length);
        s.waiting = new byte[0];
    }

    /** dissect_http3 over the bytes from {@code streamOffset}; returns how many it consumed (the rest waits). */
    private static int read(long id, Stream s, byte[] b, long streamOffset, StringBuilder info) {
        int at = 0;
        switch ((int) (id & 3)) {
            case 0 -> {
                // A request stream: HTTP/3 takes it only once a whole frame is there.
                if (frameSize(b, at) == 0) {
                    return 0;
                }
            }
            case 1 -> {
                // Server-initiated bidirectional streams: unused by HTTP/3; consumed unread.
                return b.length;
            }
            default -> {
                if (streamOffset == 0) {
                    int[] n = new int[1];
                    long type = varint(b, at, n);
                    if (type < 0) {
                        return 0;
                    }
                    at += n[0];
                    s.uniType = type;
                    if (type == 1) {
                        // A push stream: its push ID, then frames.
                        long push = varint(b, at, n);
                        at += push < 0 ? 0 : n[0];
                    }
                }
                if (s.uniType != 0 && s.uniType != 1) {
                    // QPACK's encoder (2) and decoder (3) streams, or a reserved or unknown type: not read.
                    if (s.uniType > 3 && !reserved(s.uniType)) {
                        s.stopped = true;
                    }
                    return b.length;
                }
            }
        }
        while (at < b.length) {
            int size = frameSize(b, at);
            if (size == 0) {
                return at;
            }
            int[] n = new int[1];
            long type = varint(b, at, n);
            if (!reserved(type)) {
                info.append(", ").append(frameName(type));
            }
            at += size;
        }
        return at;
    }

    /** RFC 9114, section 7.2.8: types 0x1f * N + 0x21 are reserved to be ignored (Wireshark's http3_is_reserved_code). */
    private static boolean reserved(long code) {
        return code >= 0x21 && (code - 0x21) % 0x1f == 0;
    }

    /** Wireshark's names for HTTP/3 frame types (packet-http3.c, http3_frame_types). */
    private static String frameName(long type) {
        return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0x00 -> "DATA";
            case 0x01 -> "HEADERS";
            case 0x03 -> "CANCEL_PUSH";
            case 0x04 -> "SETTINGS";
            case 0x05 -> "PUSH_PROMISE";
            case 0x07 -> "GOAWAY";
            case 0x0d -> "MAX_PUSH_ID";
            case 0x02, 0x06, 0x08, 0x09, 0x0e -> "Reserved";
            case 0xf0700, 0xf0701 -> "PRIORITY_UPDATE";
            default -> "Unknown";
        };
    }

    /** get_http3_frame_size: the whole frame's bytes when its type, length and payload are there; 0 otherwise. */
    private static int frameSize(byte[] b, int at) {
        int[] n = new int[1];
        if (varint(b, at, n) < 0) {
            return 0;
        }
        int typeLength = n[0];
        long length = varint(b, at + typeLength, n);
        if (length < 0) {
            return 0;
        }
        long size = typeLength + n[0] + length;
        return size <= b.length - at ? (int) size : 0;
    }

    /** A variable-length integer (RFC 9000, section 16), its length in {@code n[0]}; -1 when its bytes are not all there. */
    private static long varint(byte[] b, int at, int[] n) {
        if (at >= b.length) {
            return -1;
        }
        int length = 1 << ((b[at] & 0xFF) >> 6);
        if (at + length > b.length) {
            return -1;
        }
        long v = b[at] & 0x3F;
        for (int i = 1; i < length; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        n[0] = length;
        return v;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Gives every stream's waiting bytes, and the streams' own cost, back (the connection is forgotten). */
    void releaseAll() {
        for (Stream s : streams.values()) {
            release(s);
        }
        budget.give((long) streams.size() * STREAM_COST);
        streams.clear();
    }
}
