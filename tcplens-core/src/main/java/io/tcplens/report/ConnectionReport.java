package io.tcplens.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.analysis.EndpointTimeline;
import io.tcplens.flow.TcpConnection;
import io.tcplens.flow.ZeekTcpConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** {@code conns} rows: aligned text, JSON lines (flat dotted keys, like Zeek's JSON logs), CSV. */
public final class ConnectionReport {
    private static final String TEXT_HEADER = String.format("%-6s %-47s %-20s %-28s %-6s %-14s %14s %14s %11s %9s",
            "stream", "originator \u2192 responder", "handshake", "teardown (initiator)", "state", "history",
            "pkts o/r", "bytes o/r", "duration", "rtt ms");
    static final String CSV_HEADER = "stream,orig.ip,orig.port,resp.ip,resp.port,roles_guessed,handshake.kind,teardown.kind,"
            + "teardown.initiator,teardown.final_ack_seen,conn_state,history,completeness,isn.orig,isn.resp,orig.pkts,"
            + "resp.pkts,orig.bytes,resp.bytes,orig.payload,resp.payload,first,last,duration,initial_rtt";

    /** What PrintWriter.println ends a line with. */
    private static final String LINE_SEPARATOR = System.lineSeparator();

    private final PrintWriter out;
    private final ByteRow row = new ByteRow();
    private final Cells cells = new Cells();

    public ConnectionReport(PrintWriter out) {
        this.out = out;
    }

    public void textHeader() {
        out.println(TEXT_HEADER);
    }

    /**
     * The connection's row under {@link #textHeader()}, with its line separator, in the row the
     * next call reuses: the columns of TEXT_HEADER's format, padded here rather than by
     * String.format, which parsed the format again for every row (on the 10M-packet capture,
     * 470,000 rows, the default output took about 5 s more than CSV). A cell wider than its
     * column (an IPv6 pair of endpoints, a long history) pushes the next cells right only until
     * their padding has taken up the excess: the row is back under the header from there on,
     * where String.format would have shifted every later column.
     */
    public ByteRow textRow(ConnectionAnalysis a) {
        TcpConnection c = a.connection();
        int o = c.originator();
        int r = c.responder();
        ZeekTcpConnection z = c.firstZeekRow();
        ByteRow line = row.clear();
        Cells cells = this.cells.start(line);
        StringBuilder cell = line.scratch();
        cells.left(cell.append(c.stream()), 6);
        cell = line.scratch();
        c.appendEndpoint(cell, o).append(" \u2192 ");
        c.appendEndpoint(cell, r).append(c.rolesGuessed() ? " ?" : "");
        cells.left(cell, 47);
        cells.left(a.handshake().id(), 20);
        cell = line.scratch().append(a.teardown().id());
        if (a.initiator() != ConnectionAnalysis.Initiator.NONE) {
            cell.append(" (").append(a.initiator().id()).append(')');
        }
        cells.left(cell, 28);
        cells.left(a.zeekConnState(), 6);
        cells.left(z.historyText().length() == 0 ? "-" : z.historyText(), 14);
        cells.right(line.scratch().append(c.packets(o)).append('/').append(c.packets(r)), 14);
        cells.right(line.scratch().append(c.bytes(o)).append('/').append(c.bytes(r)), 14);
        cells.right(ZeekConnLog.seconds(line.scratch(), c.lastNanos() - c.firstNanos()), 11);
        cells.right(milliseconds(line.scratch(), a.initialRttNanos()), 9);
        return line.append(LINE_SEPARATOR);
    }

    /**
     * Cells of one text row, one space between them, each padded to its column's width less what
     * the cells before it overran their columns by (so that the row returns under the header as
     * soon as padding allows).
     */
    private static final class Cells {
        private ByteRow line;
        /** How far the last cell ended beyond its column's end. */
        private int overrun;
        private boolean first;

        /** Starts a row in {@code line} (the one object serves every row). */
        Cells start(ByteRow line) {
            this.line = line;
            overrun = 0;
            first = true;
            return this;
        }

        /** A cell of {@code width} characters, the text first (String.format's %-Ns when nothing overran). */
        void left(CharSequence text, int width) {
            separate();
            line.append(text);
            pad(width - text.length());
        }

        /** A cell of {@code width} characters, the text last (%Ns when nothing overran). */
        void right(CharSequence text, int width) {
            separate();
            pad(width - text.length());
            line.append(text);
        }

        private void separate() {
            if (!first) {
                line.append(' ');
            }
            first = false;
        }

        /** Pads by what the cell leaves of its column, less the overrun so far; a negative rest is overrun. */
        private void pad(int spare) {
            int spaces = spare - overrun;
            overrun = Math.max(0, -spaces);
            for (int i = 0; i < spaces; i++) {
                line.append(' ');
            }
        }
    }

    /**
     * Nanoseconds as milliseconds with three decimals, as String.format("%.3f", nanos / 1e6)
     * writes them (half up), or "-" when negative. Below 10^15 ns the double's shortest decimal
     * form is the exact quotient, so whole microseconds rounded half up give the same digits.
     */
    static StringBuilder milliseconds(StringBuilder out, long nanos) {
        if (nanos < 0) {
            return out.append('-');
        }
        if (nanos >= 1_000_000_000_000_000L) {
            return out.append(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6));
        }
        long micros = (nanos + 500) / 1000;
        out.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        return out.append((char) ('0' + fraction / 100)).append((char) ('0' + fraction / 10 % 10)).append((char) ('0' + fraction % 10));
    }

    public void csvHeader() {
        out.println(CSV_HEADER);
    }

    /**
     * The connection's CSV row with its line separator, in a row that the next call reuses
     * (the caller keeps the text in stream order, so the row is not printed here).
     */
    public ByteRow csvRow(ConnectionAnalysis a) {
        TcpConnection c = a.connection();
        int o = c.originator();
        int r = c.responder();
        ZeekTcpConnection z = c.firstZeekRow();
        // Appended field by field into one reused row of bytes: a row per connection, hundreds of
        // thousands on a large capture, should not cost two dozen strings each (ByteRow says why bytes).
        ByteRow line = row.clear();
        line.append(c.stream()).append(',');
        address(line, c, o).append(',').append(c.port(o)).append(',');
        address(line, c, r).append(',').append(c.port(r)).append(',');
        line.append(c.rolesGuessed()).append(',');
        line.append(a.handshake().id()).append(',').append(a.teardown().id()).append(',').append(a.initiator().id()).append(',');
        line.append(a.finalAckSeen()).append(',');
        csvField(line, a.zeekConnState()).append(',');
        csvField(line, z.historyText()).append(',');
        line.append(c.completeness()).append(',');
        if (a.isnOriginator() >= 0) {
            line.append(a.isnOriginator());
        }
        line.append(',');
        if (a.isnResponder() >= 0) {
            line.append(a.isnResponder());
        }
        line.append(',').append(c.packets(o)).append(',').append(c.packets(r));
        line.append(',').append(c.bytes(o)).append(',').append(c.bytes(r));
        line.append(',').append(c.payload(o)).append(',').append(c.payload(r)).append(',');
        ZeekConnLog.seconds(line, c.firstNanos()).append(',');
        ZeekConnLog.seconds(line, c.lastNanos()).append(',');
        ZeekConnLog.seconds(line, c.lastNanos() - c.firstNanos()).append(',');
        if (a.initialRttNanos() >= 0) {
            ZeekConnLog.seconds(line, a.initialRttNanos());
        }
        return line.append(LINE_SEPARATOR);
    }

    /** The side's address as inet_ntop writes it (AddressText's rules), without the copy {@link TcpConnection#address} makes. */
    static ByteRow address(ByteRow line, TcpConnection c, int side) {
        return line.append(c.appendAddress(line.scratch(), side));
    }

    /**
     * One JSON object on one line, with its line separator, as UTF-8 bytes in a row that the next
     * call reuses (like {@link #csvRow}; the generator writes bytes, so the row is never characters).
     */
    public ByteRow jsonRow(ConnectionAnalysis a) {
        ByteRow line = row.clear();
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(line.stream(), JsonEncoding.UTF8)) {
            write(j, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append(LINE_SEPARATOR);
    }

    static void write(JsonGenerator j, ConnectionAnalysis a) throws IOException {
        TcpConnection c = a.connection();
        int o = c.originator();
        int r = c.responder();
        ZeekTcpConnection z = c.firstZeekRow();
        j.writeStartObject();
        j.writeNumberField("stream", c.stream());
        j.writeStringField("orig.ip", ZeekConnLog.address(c.address(o)));
        j.writeNumberField("orig.port", c.port(o));
        j.writeStringField("resp.ip", ZeekConnLog.address(c.address(r)));
        j.writeNumberField("resp.port", c.port(r));
        j.writeBooleanField("roles_guessed", c.rolesGuessed());
        j.writeBooleanField("port_reuse", c.portReuse());
        j.writeStringField("handshake.kind", a.handshake().id());
        j.writeStringField("handshake.note", a.handshakeNote());
        checks(j, "handshake.checks", a.handshakeChecks());
        j.writeNumberField("handshake.syn_retransmissions", a.synRetransmissions());
        j.writeStringField("teardown.kind", a.teardown().id());
        j.writeStringField("teardown.initiator", a.initiator().id());
        j.writeBooleanField("teardown.final_ack_seen", a.finalAckSeen());
        j.writeNumberField("teardown.fin_retransmissions", a.finRetransmissions());
        j.writeStringField("teardown.note", a.teardownNote());
        checks(j, "teardown.checks", a.teardownChecks());
        if (a.resetSide() >= 0) {
            j.writeStringField("reset.by", a.resetSide() == o ? "originator" : "responder");
            j.writeNumberField("reset.packet", a.resetPacket());
            j.writeStringField("reset.sender_state", a.resetSenderState() == null ? null : a.resetSenderState().rfcName());
            j.writeBooleanField("reset.unacknowledged_data", a.resetWithUnacknowledgedData());
        }
        j.writeStringField("conn_state", a.zeekConnState());
        j.writeStringField("history", z.history());
        j.writeNumberField("completeness", c.completeness());
        if (a.isnOriginator() >= 0) {
            j.writeNumberField("isn.orig", a.isnOriginator());
        } else {
            j.writeNullField("isn.orig");
        }
        if (a.isnResponder() >= 0) {
            j.writeNumberField("isn.resp", a.isnResponder());
        } else {
            j.writeNullField("isn.resp");
        }
        for (int side : new int[] {o, r}) {
            String p = side == o ? "orig." : "resp.";
            j.writeNumberField(p + "pkts", c.packets(side));
            j.writeNumberField(p + "bytes", c.bytes(side));
            j.writeNumberField(p + "payload", c.payload(side));
            j.writeNumberField(p + "mss", c.mss(side));
            j.writeNumberField(p + "window_scale", c.windowScale(side));
            j.writeBooleanField(p + "sack_permitted", c.sackPermitted(side));
            j.writeBooleanField(p + "timestamps", c.timestamps(side));
        }
        JsonLines.seconds(j, "first", c.firstNanos());
        JsonLines.seconds(j, "last", c.lastNanos());
        JsonLines.seconds(j, "duration", c.lastNanos() - c.firstNanos());
        if (a.initialRttNanos() >= 0) {
            JsonLines.seconds(j, "initial_rtt", a.initialRttNanos());
        } else {
            j.writeNullField("initial_rtt");
        }
        timeline(j, "states.orig", a.originatorStates());
        timeline(j, "states.resp", a.responderStates());
        j.writeEndObject();
    }

    private static void checks(JsonGenerator j, String name, java.util.List<ConnectionAnalysis.Check> checks) throws IOException {
        j.writeArrayFieldStart(name);
        for (ConnectionAnalysis.Check check : checks) {
            j.writeStartObject();
            j.writeNumberField("packet", check.packet());
            j.writeStringField("check", check.text());
            j.writeBooleanField("ok", check.ok());
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    private static void timeline(JsonGenerator j, String name, EndpointTimeline t) throws IOException {
        j.writeArrayFieldStart(name);
        for (EndpointTimeline.Change change : t.changes()) {
            j.writeStartObject();
            j.writeNumberField("packet", change.packet());
            j.writeStringField("state", change.state().rfcName());
            j.writeStringField("why", change.why());
            if (change.delayed()) {
                // The packet crossed one this end sent: it arrived after that one.
                j.writeNumberField("arrived_after", change.arrivedAfter());
            }
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    /** "address:port" of one side, IPv6 in brackets. */
    public static String endpoint(TcpConnection c, int side) {
        return c.appendEndpoint(new StringBuilder(), side).toString();
    }

    static String seconds(long nanos) {
        return ZeekConnLog.seconds(new StringBuilder(), nanos).toString();
    }

    /** A text field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    private static ByteRow csvField(ByteRow out, CharSequence v) {
        boolean plain = true;
        for (int i = 0; i < v.length() && plain; i++) {
            char ch = v.charAt(i);
            plain = ch != ',' && ch != '"' && ch != '\n';
        }
        if (plain) {
            return out.append(v);
        }
        return out.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
    }
}
