package io.tcplens.app;

import java.nio.ByteBuffer;

/**
 * WHOIS (RFC 3912) on port 43, read as Wireshark 4.0's WHOIS dissector reads it
 * (packet-whois.c): the query is the first line of the connection's first segment read, named
 * in every frame's words ("Query: example.com", "Answer: example.com"); a query waits for its
 * CRLF, an answer for the server's FIN, which ends it (RFC 3912, section 2), and is shown there.
 */
final class WhoisSession extends SegmentReader {
    /** Wireshark's port for WHOIS. */
    static boolean whoisPort(int port) {
        return port == 43;
    }

    /** The first line of the first segment read, in either direction; null before. */
    private String firstLine;
    /** Per side: a query waits for its CRLF, or an answer for the FIN (nothing of it is kept). */
    private final boolean[] waiting = new boolean[2];
    /** Per side: the last two bytes of a query that waits for its CRLF. */
    private final byte[][] tail = new byte[2][];

    /**
     * @param query    per side (FlowKey order), true for the side whose segments go to port 43
     * @param dialogue keep the dialogue's steps for explain
     */
    WhoisSession(boolean[] query, boolean dialogue) {
        super(query, null, dialogue);
    }

    @Override
    boolean segment(int side, ByteBuffer b, int at, int length, AppFrame frame) {
        if (waiting[side] && !request[side]) {
            // An answer waits for the FIN: Wireshark's TCP holds its segments without calling WHOIS.
            return false;
        }
        byte[] data = new byte[length];
        b.get(at, data, 0, length);
        if (firstLine == null) {
            firstLine = MailLines.asciiString(data, 0, MailLines.lineLength(data, 0, length));
        }
        String info = words(side);
        boolean done;
        if (request[side]) {
            // The query ends with CRLF (RFC 3912, section 2); its last two bytes so far decide.
            byte[] last = lastTwo(side, data);
            done = last.length == 2 && last[0] == '\r' && last[1] == '\n';
            tail[side] = done ? null : last;
        } else {
            done = false;
        }
        waiting[side] = !done;
        frame.segment(new WhoisMessage(info, !done));
        if (done) {
            events.add(frame.number(), side, info);
        }
        return true;
    }

    /** The server's FIN ends the answer: the frame shows it (Wireshark's DESEGMENT_UNTIL_FIN). */
    @Override
    void closed(int side, boolean fin, AppFrame frame) {
        if (fin && !request[side] && waiting[side]) {
            waiting[side] = false;
            String info = words(side);
            frame.segment(new WhoisMessage(info, false));
            events.add(frame.number(), side, info);
        }
    }

    private String words(int side) {
        return (request[side] ? "Query" : "Answer") + (firstLine != null ? ": " + firstLine : "");
    }

    /** The last two bytes of the query so far (the earlier segments' tail and this one). */
    private byte[] lastTwo(int side, byte[] data) {
        byte[] before = tail[side] == null ? new byte[0] : tail[side];
        byte[] all = new byte[before.length + data.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(data, 0, all, before.length, data.length);
        return java.util.Arrays.copyOfRange(all, Math.max(0, all.length - 2), all.length);
    }

    @Override
    void release() {
        // Nothing of a query or an answer is kept.
    }

    @Override
    String name() { return "WHOIS"; }
}
