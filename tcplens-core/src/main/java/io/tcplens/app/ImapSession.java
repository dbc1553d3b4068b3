package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;

/**
 * An IMAP connection (RFC 9051) read segment by segment as Wireshark 4.0's IMAP dissector reads
 * it (packet-imap.c), for the packet list: the Info column's "Request: " or "Response: " and the
 * first line of the segment that is not an untagged ("*") one; a segment of untagged lines only
 * shows the buffer's first characters, as many as its last line has (Wireshark measures with the
 * last line and prints from the first: "* 2 EXISTS" for "* 2 EXISTS\r\n* 0 RECENT\r\n"); a line
 * without its end waits for the next segment; a FETCH whose literal ({n}) has not all come waits
 * too, and the message in it, once complete, is read as IMF ({@link ImfMessage}).
 */
final class ImapSession extends SegmentReader {
    /** Wireshark's port for IMAP (993, IMAP over TLS, is TLS's). */
    static boolean imapPort(int port) {
        return port == 143;
    }

    /** Bytes waiting for a line's end or a literal's, per side, at most; beyond, read as they are. */
    static final int MAX_PENDING = 8 << 20;

    /** Untagged lines whose first tokens are looked at for FETCH (packet-imap.c's NUM_LOOKAHEAD_TOKENS). */
    private static final int LOOKAHEAD_TOKENS = 3;

    private boolean startTlsRequested;
    private long startTlsFrame;
    /** A LOGIN command's password (RFC 9051, 6.2.3), masked in the story. */
    private static final java.util.regex.Pattern LOGIN = java.util.regex.Pattern.compile("(?i)(Request: \\S+ LOGIN \\S+) .*");

    /**
     * @param request per side (FlowKey order), true for the side whose segments go to the IMAP port
     * @param budget  the bytes all connections' reassembly may hold together
     * @param dialogue keep the dialogue's steps for explain
     */
    ImapSession(boolean[] request, ReassemblyBudget budget, boolean dialogue) {
        super(request, budget, dialogue);
    }

    @Override
    String name() { return "IMAP"; }

    /** Tells the frame what it shows, and the story its step (a LOGIN's password masked). */
    private void show(int side, ImapMessage m, AppFrame frame) {
        frame.segment(m);
        if (events.enabled() && m.info() != null) {
            String text = m.imf() != null ? "message fetched: " + m.info() : LOGIN.matcher(m.info()).replaceFirst("$1 ****");
            events.add(frame.number(), side, text);
        }
    }

    @Override
    boolean segment(int side, ByteBuffer b, int at, int length, AppFrame frame) {
        int held = pendingLength[side];
        byte[] data;
        int n = held + length;
        if (held > 0 && grow(side, n)) {
            // The waiting bytes grow in place (doubling), so a long literal is not copied again
            // with each of its segments.
            data = pending[side];
            b.get(at, data, held, length);
        } else {
            data = joinPending(side, b, at, length);
        }
        pendingLength[side] = 0;
        boolean mayWait = n < MAX_PENDING;
        if (mayWait && MailLines.lineOpen(data, 0, n)) {
            if (waitFrom(side, data, 0, n)) {
                return false;
            }
            mayWait = false;
        }
        boolean isRequest = request[side];
        String prefix = isRequest ? "Request: " : "Response: ";
        String info = null;
        ImfMessage imf = null;
        int offset = 0;
        int lineLength = 0;
        while (offset < n) {
            if (mayWait && MailLines.lineOpen(data, offset, n)) {
                if (waitFrom(side, data, offset, n)) {
                    show(side, new ImapMessage(isRequest, info, offset == 0, imf), frame);
                    return true;
                }
                mayWait = false;
            }
            lineLength = MailLines.lineLength(data, offset, n);
            int next = MailLines.nextLine(data, offset, n);
            if (data[offset] == '*') {
                int fetchEnd = fetchToken(data, offset, next);
                if (fetchEnd >= 0) {
                    // FETCH: a literal's message is read once it has all come, with a ')' after it.
                    Literal literal = literal(data, fetchEnd, n);
                    if (literal == null && mayWait && waitFrom(side, data, offset, n)) {
                        show(side, new ImapMessage(isRequest, info, offset == 0, imf), frame);
                        return true;
                    }
                    if (literal != null && literal.size >= 0) {
                        int end = (int) Math.min(n, next + literal.size);
                        byte[] message = java.util.Arrays.copyOfRange(data, next, end);
                        imf = ImfMessage.read(message, message.length);
                        info = imf.info();
                        next = end;
                    } else if (literal != null) {
                        next = literal.next;
                    }
                }
            } else {
                if (info == null) {
                    info = prefix + MailLines.text(data, offset, lineLength);
                }
                if (isRequest && !startTlsRequested && secondToken(data, offset, offset + lineLength, "STARTTLS")) {
                    // RFC 9051, 6.2.1: after the server's OK the connection is TLS.
                    startTlsRequested = true;
                    startTlsFrame = frame.number();
                }
            }
            offset = next;
        }
        if (info == null) {
            // Untagged lines only: Wireshark shows the buffer's first bytes, the last line's length of them.
            info = prefix + MailLines.text(data, 0, lineLength);
        }
        drop(side);
        show(side, new ImapMessage(isRequest, info, false, imf), frame);
        return true;
    }

    /**
     * Keeps the bytes from {@code offset} to {@code n} for the next segment, where Wireshark's
     * IMAP asked TCP for more; false when the budget has no room (they are then read as they are).
     */
    private boolean waitFrom(int side, byte[] data, int offset, int n) {
        if (offset == 0 && data == pending[side]) {
            pendingLength[side] = n;
            return true;
        }
        int keep = n - offset;
        if (!take(keep)) {
            drop(side);
            return false;
        }
        drop(side);
        pending[side] = offset == 0 && n == data.length ? data : java.util.Arrays.copyOfRange(data, offset, n);
        pendingLength[side] = keep;
        return true;
    }

    /** Makes the side's waiting buffer hold {@code n} bytes; false when the budget has no room for it. */
    private boolean grow(int side, int n) {
        byte[] old = pending[side];
        if (old.length >= n) {
            return true;
        }
        int capacity = (int) Math.min(Math.max(n, 2L * old.length), Math.max(n, MAX_PENDING));
        if (!take(capacity - old.length)) {
            return false;
        }
        pending[side] = java.util.Arrays.copyOf(old, capacity);
        return true;
    }

    /** Forgets the side's waiting buffer, giving its bytes back to the budget. */
    private void drop(int side) {
        if (pending[side] != null) {
            give(pending[side].length);
            pending[side] = null;
        }
        pendingLength[side] = 0;
    }

    /** A literal's size and where the line after it starts; null when more is needed. */
    private record Literal(long size, int next) { }

    /**
     * dissect_imap_fetch: the first '(' after FETCH (on this line or later), a "{n}" after it and
     * a ')' after the literal's bytes; or, without a '{', a line end after the '('. Null while
     * more is needed.
     */
    private static Literal literal(byte[] b, int from, int n) {
        int parenthesis = MailLines.indexOf(b, from, n, '(');
        if (parenthesis < 0 || parenthesis + 1 >= n) {
            return null;
        }
        int open = MailLines.indexOf(b, parenthesis, n - 1, '{');
        if (open < 0) {
            return MailLines.lineOpen(b, parenthesis, n) ? null : new Literal(-1, MailLines.nextLine(b, parenthesis, n));
        }
        int close = MailLines.indexOf(b, open + 1, n, '}');
        if (close <= open + 1) {
            return null;
        }
        long size = 0;
        for (int i = open + 1; i < close; i++) {
            if (b[i] < '0' || b[i] > '9' || size > 0xFFFFFFFFL) {
                return null;
            }
            size = size * 10 + (b[i] - '0');
        }
        if (size > 0xFFFFFFFFL || close + size >= n || MailLines.indexOf(b, (int) (close + size), n, ')') < 0) {
            return null;
        }
        return new Literal(size, -1);
    }

    /**
     * Among an untagged line's first three tokens (packet-imap.c's lookahead), when there are two
     * at least, one that "FETCH" begins with (Wireshark compares the token's length of it): the
     * offset after it, or -1.
     */
    private static int fetchToken(byte[] b, int star, int lineNext) {
        int[] starts = new int[LOOKAHEAD_TOKENS];
        int[] ends = new int[LOOKAHEAD_TOKENS];
        int count = 0;
        int delimiter = star;
        do {
            int start = delimiter + 1;
            int end = start;
            while (end < lineNext && !space(b[end])) {
                end++;
            }
            delimiter = end < lineNext ? end : -1;
            if (delimiter > start) {
                starts[count] = start;
                ends[count] = end;
                count++;
            }
        } while (delimiter != -1 && count < LOOKAHEAD_TOKENS);
        if (count < 2) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (ends[i] - starts[i] <= 5 && MailLines.startsIgnoringCase(b, starts[i], ends[i] - starts[i], "FETCH".substring(0, ends[i] - starts[i]))) {
                return ends[i];
            }
        }
        return -1;
    }

    /** The line's second word (after its tag) is {@code word}. */
    private static boolean secondToken(byte[] b, int at, int end, String word) {
        int space = MailLines.indexOf(b, at, end, ' ');
        if (space < 0) {
            return false;
        }
        int wordEnd = space + 1;
        while (wordEnd < end && b[wordEnd] != ' ') {
            wordEnd++;
        }
        return wordEnd - space - 1 == word.length() && MailLines.startsIgnoringCase(b, space + 1, word.length(), word);
    }

    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    @Override
    boolean startTlsRequested() { return startTlsRequested; }

    @Override
    long startTlsFrame() { return startTlsFrame; }

    @Override
    void release() {
        drop(0);
        drop(1);
    }

}
