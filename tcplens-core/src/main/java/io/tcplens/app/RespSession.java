package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;

/**
 * Redis's protocol (RESP 2, redis.io's "Redis serialization protocol") on port 6379, read
 * segment by segment as Wireshark 4.0's RESP dissector reads it (packet-resp.c): "Request:" or
 * "Response:", then the words of each message in the segment: a request's command and short
 * arguments (the bulk strings of its top-level array), a reply's simple string, error, integer,
 * short bulk string or "Array(n)"; " [fragment]" for a line that is none of RESP's types (an
 * inline command); " [continuation]" where a message needs more segments, which are then read
 * with it.
 */
final class RespSession extends SegmentReader {
    /** Wireshark's port for RESP. */
    static boolean respPort(int port) {
        return port == 6379;
    }

    /** Bytes waiting for the rest of a message, per side, at most; beyond, read as they are. */
    static final int MAX_PENDING = 8 << 20;
    /** Bulk strings shown whole up to this length; longer ones as "BulkString(n)". */
    private static final int BULK_STRING_MAX_DISPLAY = 100;
    /** Arrays nested deeper than this are not read into (packet-resp.c's MAX_ARRAY_DEPTH_TO_RECURSE). */
    private static final int MAX_ARRAY_DEPTH = 30;
    /** Wireshark's DESEGMENT_ONE_MORE_SEGMENT: the next segment, whatever its length. */
    private static final long ONE_MORE_SEGMENT = -1;

    /** Per side: bytes still needed before the dissector is called again, or ONE_MORE_SEGMENT. */
    private final long[] needed = new long[2];

    /**
     * @param request  per side (FlowKey order), true for the side whose segments go to the RESP port
     * @param budget   the bytes all connections' reassembly may hold together
     * @param dialogue keep the dialogue's steps for explain
     */
    RespSession(boolean[] request, ReassemblyBudget budget, boolean dialogue) {
        super(request, budget, dialogue);
    }

    /** Where a message needs more bytes: from which offset, and how many more (or one more segment). */
    private static final class Desegment {
        int offset = -1;
        long length;
    }

    @Override
    boolean segment(int side, ByteBuffer b, int at, int length, AppFrame frame) {
        int held = pendingLength[side];
        byte[] data = joinPending(side, b, at, length);
        if (held > 0 && needed[side] > length && data.length < MAX_PENDING && take(length)) {
            // Wireshark's TCP knows how many bytes the message needs and holds these without calling RESP.
            needed[side] -= length;
            pending[side] = data;
            pendingLength[side] = data.length;
            return false;
        }
        give(held);
        pending[side] = null;
        pendingLength[side] = 0;
        boolean isRequest = request[side];
        StringBuilder info = new StringBuilder(isRequest ? "Request:" : "Response:");
        Desegment more = new Desegment();
        int n = data.length;
        int end = loop(data, 0, n, 0, -1, isRequest, info, more, n < MAX_PENDING);
        if (end < 0) {
            info.append(" [continuation]");
            if (take(n - more.offset)) {
                pending[side] = java.util.Arrays.copyOfRange(data, more.offset, n);
                pendingLength[side] = n - more.offset;
                needed[side] = more.length;
            }
        }
        RespMessage m = new RespMessage(info.toString(), end < 0 && more.offset == 0);
        frame.segment(m);
        events.add(frame.number(), side, m.info());
        return true;
    }

    /**
     * dissect_resp_loop: messages from {@code offset} on, {@code expected} of them (or all, -1);
     * the offset after them, or -1 when more bytes are needed ({@code more} says from where).
     */
    private static int loop(byte[] b, int offset, int n, int depth, long expected, boolean isRequest, StringBuilder info,
                            Desegment more, boolean mayWait) {
        long done = 0;
        while (offset < n) {
            if (expected >= 0 && done == expected) {
                return offset;
            }
            if (mayWait && MailLines.lineOpen(b, offset, n)) {
                more.offset = offset;
                more.length = ONE_MORE_SEGMENT;
                return -1;
            }
            int lineLength = MailLines.lineLength(b, offset, n);
            int used = message(b, offset, n, lineLength, depth, isRequest, info, more, mayWait);
            if (used < 0) {
                return -1;
            }
            done++;
            offset += used;
        }
        return offset;
    }

    /** dissect_resp_message: one message by its type byte; the bytes it used (its line's CRLF counted as two), or -1. */
    private static int message(byte[] b, int offset, int n, int lineLength, int depth, boolean isRequest, StringBuilder info,
                               Desegment more, boolean mayWait) {
        int used = lineLength + 2;
        switch (b[offset]) {
            case '+' -> {
                // A simple string: a reply's words at the top level.
                if (!isRequest && depth == 0) {
                    info.append(' ').append(MailLines.asciiString(b, offset + 1, lineLength - 1));
                }
                return used;
            }
            case '-' -> {
                info.append(" Error: ").append(MailLines.asciiString(b, offset + 1, lineLength - 1));
                return used;
            }
            case ':' -> {
                if (!isRequest && depth == 0) {
                    info.append(' ').append(number(b, offset + 1, offset + lineLength));
                }
                return used;
            }
            case '$' -> {
                return bulkString(b, offset, n, lineLength, depth, isRequest, info, more, mayWait);
            }
            case '*' -> {
                long count = number(b, offset + 1, offset + lineLength);
                if (count <= 0 || depth > MAX_ARRAY_DEPTH) {
                    return used;
                }
                if (offset + used >= n && mayWait) {
                    more.offset = offset;
                    more.length = ONE_MORE_SEGMENT;
                    return -1;
                }
                if (!isRequest && depth == 0) {
                    info.append(" Array(").append(count).append(')');
                }
                int after = loop(b, offset + used, n, depth + 1, count, isRequest, info, more, mayWait);
                if (after < 0) {
                    // The whole array is read again with the next segment.
                    more.offset = offset;
                    more.length = ONE_MORE_SEGMENT;
                    return -1;
                }
                return after - offset;
            }
            default -> {
                if (lineLength == 0) {
                    // A stray CRLF.
                    return 2;
                }
                info.append(" [fragment]");
                return used;
            }
        }
    }

    private static int bulkString(byte[] b, int offset, int n, int lineLength, int depth, boolean isRequest, StringBuilder info,
                                  Desegment more, boolean mayWait) {
        long length = number(b, offset + 1, offset + lineLength);
        // Wireshark reads the length into a 32-bit int.
        int declared = (int) length;
        if (declared < 0) {
            return lineLength + 2;
        }
        int start = offset + lineLength + 2;
        long remaining = Math.max(0, n - start);
        int captured;
        int usedAfter;
        if (remaining < (long) declared + 2) {
            if (mayWait) {
                more.offset = offset;
                more.length = (long) declared + 2 - remaining;
                return -1;
            }
            captured = (int) remaining;
            usedAfter = (int) remaining;
            info.append(" [partial]");
        } else {
            captured = declared;
            usedAfter = declared + 2;
        }
        int valueStart = Math.min(start, n);
        if (asciiUpToNul(b, valueStart, captured)) {
            String value = MailLines.asciiString(b, valueStart, captured);
            if (isRequest && depth == 1) {
                info.append(' ').append(declared < BULK_STRING_MAX_DISPLAY ? value : "BulkString(" + declared + ")");
            } else if (!isRequest && depth == 0 && declared < BULK_STRING_MAX_DISPLAY) {
                info.append(' ').append(value);
            } else if (depth == 0) {
                info.append(" BulkString(").append(declared).append(')');
            }
        } else if (depth == 0) {
            info.append(" BulkString(").append(declared).append(')');
        }
        return lineLength + 2 + usedAfter;
    }

    /** g_ascii_strtoll: optional spaces and sign, then digits; 0 without any. */
    private static long number(byte[] b, int at, int end) {
        while (at < end && (b[at] == ' ' || b[at] == '\t')) {
            at++;
        }
        boolean negative = false;
        if (at < end && (b[at] == '-' || b[at] == '+')) {
            negative = b[at] == '-';
            at++;
        }
        long value = 0;
        while (at < end && b[at] >= '0' && b[at] <= '9' && value < Long.MAX_VALUE / 10) {
            value = value * 10 + (b[at++] - '0');
        }
        return negative ? -value : value;
    }

    /** g_str_is_ascii on the bytes read as a C string: every byte up to the first NUL below 0x80. */
    private static boolean asciiUpToNul(byte[] b, int at, int length) {
        for (int i = at; i < at + length && i < b.length && b[i] != 0; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    void release() {
        for (int side = 0; side < 2; side++) {
            give(pendingLength[side]);
            pending[side] = null;
            pendingLength[side] = 0;
        }
    }

    @Override
    String name() { return "RESP"; }

}
