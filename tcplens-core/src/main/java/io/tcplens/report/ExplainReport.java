package io.tcplens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.analysis.EndpointTimeline;
import io.tcplens.analysis.HandshakeKind;
import io.tcplens.analysis.TcpState;
import io.tcplens.analysis.TeardownKind;
import io.tcplens.decode.TcpHeader;
import io.tcplens.field.TcpText;
import io.tcplens.flow.TcpConnection;
import io.tcplens.flow.TcpConnection.Event;
import java.io.IOException;
import io.tcplens.app.AppEvent;
import io.tcplens.app.AppSession;
import io.tcplens.app.FtpDataLink;
import io.tcplens.app.TlsSession;
import io.tcplens.flow.ExpertFlag;
import io.tcplens.flow.PayloadStream;
import io.tcplens.flow.ValidationNote;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code explain}: a connection's life told the way the textbooks tell it, but checked — every
 * handshake and teardown packet with its direction, flags, absolute and relative numbers and
 * the arithmetic behind it; a ladder diagram with both ends' RFC 9293 states; the verdicts; and
 * short answers to the why-questions that apply.
 */
public final class ExplainReport {
    private static final int ARROW = 44;

    private final PrintWriter out;

    public ExplainReport(PrintWriter out) {
        this.out = out;
    }

    public void text(ConnectionAnalysis a) {
        TcpConnection c = a.connection();
        int o = c.originator();
        int r = c.responder();
        String client = ConnectionReport.endpoint(c, o);
        String server = ConnectionReport.endpoint(c, r);
        out.println("Connection " + c.stream() + ": " + client + " \u2192 " + server);
        out.println("  originator (client): " + client + (c.rolesGuessed()
                ? "  [guessed: no SYN was captured; the other side uses a server port]"
                : a.isnOriginator() < 0 ? "  (the SYN-ACK answers it: its SYN was not captured)" : "  (it sent the first SYN)"));
        out.println("  responder  (server): " + server);
        if (c.portReuse()) {
            out.println("  the ports were used before: this SYN carries a new ISN, so it is a new connection");
        }
        out.println();
        out.println("Handshake: " + a.handshake().id() + (a.handshakeNote().isEmpty() ? "" : " \u2014 " + a.handshakeNote()));
        for (ConnectionAnalysis.Check check : a.handshakeChecks()) {
            out.println("  #" + check.packet() + "  " + check.text() + " " + check.mark());
        }
        String initiator = switch (a.initiator()) {
            case NONE -> "";
            case BOTH -> ", closed by both ends at once";
            default -> ", closed first by the " + a.initiator().id();
        };
        out.println("Teardown:  " + a.teardown().id() + initiator + (a.teardownNote().isEmpty() ? "" : " \u2014 " + a.teardownNote()));
        for (ConnectionAnalysis.Check check : a.teardownChecks()) {
            out.println("  #" + check.packet() + "  " + check.text() + " " + check.mark());
        }
        if (a.resetSide() >= 0) {
            // The JSON's reset.* fields, in words: who, where its sender stood, and what was left unacknowledged.
            out.println("  #" + a.resetPacket() + "  RST from the " + (a.resetSide() == o ? "originator" : "responder")
                    + (a.resetSenderState() == null ? ""
                        : a.resetSenderState() == TcpState.UNKNOWN ? ", its sender's state not known from the capture"
                        : ", sent in " + a.resetSenderState().rfcName())
                    + (a.resetWithUnacknowledgedData() ? "; data was still unacknowledged" : "; no data was left unacknowledged"));
        }
        if (a.teardown() != TeardownKind.NOT_SEEN && a.teardown() != TeardownKind.RESET
                && a.teardown() != TeardownKind.HALF_CLOSED && a.teardown() != TeardownKind.FIN_THEN_RESET) {
            out.println("  final ACK " + (a.finalAckSeen() ? "seen" : "not captured")
                    + (a.finRetransmissions() > 0 ? "; FIN retransmitted " + a.finRetransmissions()
                        + (a.finRetransmissions() == 1 ? " time" : " times") : ""));
        }
        var zeek = c.firstZeekRow();
        out.println("Zeek: conn_state " + a.zeekConnState() + ", history " + (zeek.history().isEmpty() ? "-" : zeek.history())
                + ";  Wireshark: tcp.completeness " + c.completeness());
        if (a.initialRttNanos() >= 0) {
            out.printf("Initial RTT (SYN \u2192 ACK): %.3f ms%n", a.initialRttNanos() / 1e6);
        }
        options(c, o, "client");
        options(c, r, "server");
        out.println();
        ladder(a, client, server);
        out.println();
        why(a);
        out.println();
        if (c.application() instanceof AppSession app && !app.events().isEmpty()) {
            application(c, app);
            out.println();
        } else if (c.application() instanceof AppSession app && app.ftpDataLink() != null) {
            FtpDataLink link = app.ftpDataLink();
            StringBuilder line = new StringBuilder("Application: FTP data connection of control connection ");
            line.append(link.controlStream()).append(", announced by ").append(link.method()).append(" in #").append(link.setupFrame());
            if (link.command() != null) {
                line.append(", carrying ");
                SafeText.append(line, link.command()).append(" (#").append(link.commandFrame()).append(')');
            }
            out.println(line);
            out.println();
        }
    }

    /** The dialogue on top of TCP: each step with its direction, what it carries, and where encryption begins. */
    private void application(TcpConnection c, AppSession app) {
        StringBuilder head = new StringBuilder("Application: ");
        TlsSession tls = app.tls();
        switch (app.protocol()) {
            case TLS -> {
                head.append(TlsReport.versionName(tls.version())).append(", ").append(tls.outcome().name().toLowerCase(Locale.ROOT));
                if (tls.clientHello() != null && !tls.clientHello().serverNames().isEmpty()) {
                    head.append(", server name ");
                    SafeText.append(head, String.join(",", tls.clientHello().serverNames()));
                }
                head.append(" (Zeek's ssl_history letters: ").append(tls.history()).append(')');
            }
            case HTTP -> head.append("HTTP/1.x");
            case HTTP2 -> head.append(app.http2Upgraded() ? "HTTP/2 in clear (upgraded from HTTP/1.1: h2c)" : "HTTP/2 in clear (prior knowledge)");
            case FTP -> {
                head.append("FTP control connection");
                if (app.ftpUser() != null) {
                    head.append(", user ");
                    SafeText.append(head, app.ftpUser());
                }
            }
            case TEXT -> head.append(app.lineProtocol() != null ? app.lineProtocol() : "TEXT");
            default -> head.append(app.protocol().name());
        }
        out.println(head);
        StringBuilder line = new StringBuilder(160);
        for (AppEvent e : app.events()) {
            line.setLength(0);
            line.append(String.format(Locale.ROOT, "  %-6s %s  ", "#" + e.frame(),
                    e.side() == c.originator() ? "client \u2192 server" : "client \u2190 server"));
            SafeText.append(line, e.text());
            if (e.count() > 1) {
                line.append("  \u00d7").append(e.count());
            }
            out.println(line);
        }
        if (app.eventsOmitted() > 0) {
            out.println("  (" + app.eventsOmitted() + " more steps not listed)");
        }
        for (int side : new int[] {c.originator(), c.responder()}) {
            PayloadStream stream = app.stream(side);
            String who = side == c.originator() ? "client" : "server";
            if (stream.gaps() > 0) {
                out.println("  the capture missed " + stream.gapBytes() + " bytes of the " + who + "'s data in "
                        + stream.gaps() + " gap(s); what followed was read from the next whole record or message");
                for (int i = 0; i < Math.min(stream.gaps(), PayloadStream.MAX_GAPS_LISTED); i++) {
                    out.println("    " + stream.gapLength(i) + " bytes missing at byte " + stream.gapOffset(i)
                            + " of the " + who + "'s data");
                }
            }
            if (stream.conflictingOverlaps() > 0) {
                out.println("  " + stream.conflictingOverlaps() + " retransmission(s) from the " + who
                        + " carried other bytes than the first copy (the first copy was kept)");
            }
            if (app.tls() != null && app.tls().skippedSegments(side) > 0) {
                out.println("  " + app.tls().skippedSegments(side) + " segment(s) of the " + who
                        + "'s data began with no TLS record (the first in #" + app.tls().firstSkippedFrame(side)
                        + "): each was skipped to its end, and the next segment read as a record's start, as Wireshark does");
            }
            if (app.stopped(side) != null) {
                out.print("  the " + who + "'s data was not read further: ");
                out.println(SafeText.of(app.stopped(side)));
            }
        }
    }

    private void options(TcpConnection c, int side, String who) {
        if (c.mss(side) < 0 && c.windowScale(side) < 0 && !c.sackPermitted(side) && !c.timestamps(side)) {
            return;
        }
        List<String> options = new ArrayList<>();
        if (c.mss(side) >= 0) {
            options.add("MSS=" + c.mss(side));
        }
        if (c.windowScale(side) >= 0) {
            options.add("WS=" + (1 << Math.min(14, c.windowScale(side))));
        }
        if (c.sackPermitted(side)) {
            options.add("SACK_PERM");
        }
        if (c.timestamps(side)) {
            options.add("timestamps");
        }
        out.println("  " + who + " SYN options: " + String.join(" ", options));
    }

    /** The packets worth drawing: everything with SYN, FIN or RST, the ACKs around them, and a summary of the data between. */
    private static List<Event> shown(ConnectionAnalysis a, List<Event> events) {
        List<Event> shown = new ArrayList<>();
        boolean handshakeOver = false;
        boolean teardownStarted = false;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            boolean control = e.has(TcpHeader.SYN) || e.has(TcpHeader.FIN) || e.has(TcpHeader.RST);
            if (e.has(TcpHeader.FIN) || e.has(TcpHeader.RST)) {
                teardownStarted = true;
            }
            if (control || !handshakeOver || teardownStarted) {
                shown.add(e);
            }
            if (!e.has(TcpHeader.SYN) && e.has(TcpHeader.ACK) && !handshakeOver && i > 0) {
                handshakeOver = true;
            }
        }
        return shown;
    }

    private void ladder(ConnectionAnalysis a, String client, String server) {
        TcpConnection c = a.connection();
        EndpointTimeline os = a.originatorStates();
        EndpointTimeline rs = a.responderStates();
        List<Event> all = c.events();
        // The packet number column is as wide as the largest number (a capture's 382,901st packet
        // would push its row's columns out of line with the others).
        long largest = 0;
        for (Event e : all) {
            largest = Math.max(largest, e.number());
        }
        int numberWidth = Math.max(5, 1 + Long.toString(largest).length());
        long[] base = relativeBases(a);
        // The arrows are as wide as the longest label needs (many flags, or a large relative
        // number), so that every row keeps its columns.
        int width = ARROW;
        for (Event e : all) {
            width = Math.max(width, label(e, base).length() + 8);
        }
        String margin = " ".repeat(numberWidth + 1);
        out.printf(margin + "%-14s %-" + width + "s %s%n", "client", "", "server");
        out.printf(margin + "%-14s %-" + width + "s %s%n", os.changes().get(0).state().rfcName(), "",
                rs.changes().get(0).state().rfcName());
        long gapPackets = 0;
        long[] gapBytes = new long[2];
        List<Event> shown = shown(a, all);
        // Packets that crossed one the receiver sent arrive after it, on lines of their own.
        List<Arrival> arrivals = arrivals(os, rs);
        int nextArrival = 0;
        int shownIndex = 0;
        // The packets the engine did not keep (its bounds on events) are counted in the gap where
        // they were passed over, with the kept data packets not drawn there.
        List<TcpConnection.Gap> gaps = c.gaps();
        int nextGap = 0;
        for (int i = 0; i <= all.size(); i++) {
            for (; nextGap < gaps.size() && gaps.get(nextGap).before() == i; nextGap++) {
                TcpConnection.Gap gap = gaps.get(nextGap);
                gapPackets += gap.packets();
                gapBytes[0] += gap.payload(0);
                gapBytes[1] += gap.payload(1);
            }
            if (i == all.size()) {
                break;
            }
            Event e = all.get(i);
            if (shownIndex < shown.size() && shown.get(shownIndex) == e) {
                shownIndex++;
                nextArrival = printArrivals(arrivals, nextArrival, e.number(), margin, width);
                if (gapPackets > 0) {
                    printGap(c, gapPackets, gapBytes, margin, width);
                    gapPackets = 0;
                    gapBytes[0] = 0;
                    gapBytes[1] = 0;
                }
                String states = String.format("%-" + numberWidth + "s %-14s %s %s", "#" + e.number(), os.stateAfter(e.number()).rfcName(),
                        arrow(a, e, base, width), rs.stateAfter(e.number()).rfcName());
                out.println(e.expert() == 0 && e.notes() == 0 ? states
                        : String.format("%-" + (numberWidth + 1 + 14 + 1 + width + 1 + 12) + "s %s", states, analysis(e)));
            } else {
                gapPackets++;
                gapBytes[e.side()] += e.payload();
            }
        }
        printArrivals(arrivals, nextArrival, Long.MAX_VALUE, margin, width);
        if (gapPackets > 0) {
            // Data after the last packet drawn: a connection still open when the capture ended.
            printGap(c, gapPackets, gapBytes, margin, width);
        }
        if (os.state() == TcpState.TIME_WAIT || rs.state() == TcpState.TIME_WAIT) {
            out.printf(margin + "%-14s %-" + width + "s %s%n", os.state() == TcpState.TIME_WAIT ? "(2 MSL) CLOSED" : "", "",
                    rs.state() == TcpState.TIME_WAIT ? "(2 MSL) CLOSED" : "");
        }
    }

    /** One ladder line for packets not drawn between two that are: how many, and their data each way. */
    private void printGap(TcpConnection c, long packets, long[] bytes, String margin, int width) {
        out.printf(margin + "%-14s %-" + width + "s%n", "", "   \u22ee " + packets
                + (packets == 1 ? " packet: " : " packets: ") + bytes[c.originator()]
                + " bytes \u2192, " + bytes[c.responder()] + " bytes \u2190");
    }

    /** A packet taken in by one end after a packet of its own that crossed it; client true for the client's end. */
    private record Arrival(EndpointTimeline.Change change, boolean client) { }

    /** Both ends' delayed arrivals, in the order they happened. */
    private static List<Arrival> arrivals(EndpointTimeline client, EndpointTimeline server) {
        List<Arrival> arrivals = new ArrayList<>();
        for (EndpointTimeline end : List.of(client, server)) {
            for (EndpointTimeline.Change change : end.changes()) {
                if (change.delayed()) {
                    arrivals.add(new Arrival(change, end == client));
                }
            }
        }
        arrivals.sort(java.util.Comparator.comparingLong((Arrival x) -> x.change().arrivedAfter())
                .thenComparingLong(x -> x.change().packet()));
        return arrivals;
    }

    /** Prints the arrivals from {@code next} on that came after a packet before {@code beforePacket}; returns the next one left. */
    private int printArrivals(List<Arrival> arrivals, int next, long beforePacket, String margin, int width) {
        while (next < arrivals.size() && arrivals.get(next).change().arrivedAfter() < beforePacket) {
            Arrival arrival = arrivals.get(next++);
            EndpointTimeline.Change change = arrival.change();
            String text = "   \u00b7\u00b7\u00b7 #" + change.packet() + " arrives after #" + change.arrivedAfter();
            out.println((margin + String.format("%-14s %-" + width + "s %s", arrival.client() ? change.state().rfcName() : "",
                    text, arrival.client() ? "" : change.state().rfcName())).stripTrailing());
        }
        return next;
    }

    /** Wireshark's expert markers and tcplens's validation notes of a packet, e.g. "[TCP Retransmission]". */
    private static String analysis(Event e) {
        StringBuilder out = new StringBuilder();
        for (ExpertFlag flag : ExpertFlag.values()) {
            if (flag.in(e.expert())) {
                out.append(out.length() > 0 ? " " : "").append(flag.marker());
            }
        }
        for (ValidationNote note : ValidationNote.values()) {
            if (note.in(e.notes())) {
                out.append(out.length() > 0 ? " " : "").append("(").append(note.shortName()).append(')');
            }
        }
        return out.toString();
    }

    /** The arrow's label: the flags, the relative numbers, the payload length. */
    private static String label(Event e, long[] base) {
        StringBuilder label = new StringBuilder();
        TcpText.flagNamesOrNone(label, e.flags(), false);
        label.append(" seq=").append(relative(e.seq(), base[e.side()]));
        if (e.has(TcpHeader.ACK)) {
            label.append(" ack=").append(relative(e.ack(), base[1 - e.side()]));
        }
        if (e.payload() > 0) {
            label.append(" len=").append(e.payload());
        }
        return label.toString();
    }

    /** "----- SYN seq=0 ----->" drawn left to right for the client, right to left for the server, {@code width} wide. */
    private static String arrow(ConnectionAnalysis a, Event e, long[] base, int width) {
        boolean fromClient = e.side() == a.connection().originator();
        String text = " " + label(e, base) + " ";
        int dashes = Math.max(2, width - 2 - text.length());
        int left = dashes / 2;
        StringBuilder arrow = new StringBuilder();
        arrow.append(fromClient ? "" : "<").append("-".repeat(left)).append(text).append("-".repeat(dashes - left))
                .append(fromClient ? ">" : "");
        return arrow.length() < width ? arrow + " ".repeat(width - arrow.length()) : arrow.toString();
    }

    private static String relative(long value, long base) {
        return base < 0 ? Long.toString(value) : Long.toString((value - base) & 0xFFFFFFFFL);
    }

    /**
     * Each side's base for relative numbers, by side, as Wireshark's tcp.seq and tcp.ack count
     * them: the ISN where the handshake shows it; otherwise (a capture begun mid-connection) the
     * first sequence number seen from that side less one, or the first acknowledgment of it less
     * one, whichever comes first (TcpSequenceNumbering's rule, here over the kept packets, which
     * begin with the connection's first ones). -1 for a side nothing tells.
     */
    private static long[] relativeBases(ConnectionAnalysis a) {
        TcpConnection c = a.connection();
        long[] base = new long[2];
        base[c.originator()] = a.isnOriginator();
        base[c.responder()] = a.isnResponder();
        for (Event e : c.events()) {
            int side = e.side();
            if (base[side] < 0) {
                base[side] = e.has(TcpHeader.SYN) ? e.seq() : (e.seq() - 1) & 0xFFFFFFFFL;
            }
            if (e.has(TcpHeader.ACK) && base[1 - side] < 0) {
                base[1 - side] = (e.ack() - 1) & 0xFFFFFFFFL;
            }
        }
        return base;
    }

    private void why(ConnectionAnalysis a) {
        HandshakeKind h = a.handshake();
        if (h == HandshakeKind.THREE_WAY || h == HandshakeKind.THREE_WAY_WITH_DATA || h == HandshakeKind.SYN_WITH_DATA) {
            out.println("Why three packets to open, not two? Each side must learn that the other received its initial sequence");
            out.println("  number. With only SYN and SYN-ACK, a delayed duplicate SYN from an old connection would make the server");
            out.println("  open a connection the client never asked for; the client's ACK (or RST) settles it (RFC 9293 3.5).");
        }
        if (h == HandshakeKind.SIMULTANEOUS_OPEN) {
            out.println("Why four packets to open, and SYN-RECEIVED on both sides? Each end sent its SYN before the other's arrived:");
            out.println("  a SYN received in SYN-SENT is answered with a SYN-ACK, and each end waits in SYN-RECEIVED until its own SYN");
            out.println("  is acknowledged (RFC 9293 3.5, figure 8). Two SYNs and two SYN-ACKs, no client and no server.");
        }
        if (h == HandshakeKind.REFUSED) {
            out.println("Why a RST? Nothing was listening on the port: the server's TCP answers a SYN for a closed port with RST+ACK");
            out.println("  (RFC 9293 3.10.7.1), and the client's connect() fails with \"connection refused\".");
        }
        switch (a.teardown()) {
            case FOUR_WAY -> {
                out.println("Why four packets to close? TCP is full duplex: a FIN closes only its sender's direction. The other side");
                out.println("  acknowledges it at once but may still have data to send, so its own FIN comes separately (half-close).");
            }
            case THREE_PACKET -> {
                out.println("Why only three packets to close? Not a lost packet nor a delayed ACK: the packets show the second FIN");
                out.println("  carrying the ACK of the first one. That side had nothing left to send and closed its socket as soon as it");
                out.println("  read the FIN, so its ACK and FIN travelled together as one FIN+ACK.");
            }
            case SIMULTANEOUS_CLOSE -> {
                out.println("Why CLOSING? Both FINs were sent before either arrived: each end, in FIN-WAIT-1, received a FIN that did");
                out.println("  not acknowledge its own, went to CLOSING, and reached TIME-WAIT when its FIN was acknowledged.");
            }
            default -> { }
        }
        if (a.originatorStates().state() == TcpState.TIME_WAIT || a.responderStates().state() == TcpState.TIME_WAIT) {
            out.println("Why does TIME-WAIT last 2 MSL? The last ACK may be lost: the other side then retransmits its FIN, which must");
            out.println("  be acknowledged again; and old duplicate segments of this connection must die out before the same ports");
            out.println("  can carry a new one (RFC 9293 3.6.1 and 3.10.7.4; MSL is 2 minutes by the RFC, often less in practice).");
        }
        if (a.teardown() == TeardownKind.FOUR_WAY || a.teardown() == TeardownKind.THREE_PACKET) {
            out.println("Note: the ACK flag and the acknowledgment number are different things, and \"ack = seq + 1\" holds only for");
            out.println("  a SYN or a FIN (each counts as one byte); after data the acknowledgment advances by the data length.");
        }
    }

    /** The same content as data: verdicts and counters (as conns -T json) plus the per-packet timeline. */
    public void json(ConnectionAnalysis a) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(buffer)) {
            j.writeStartObject();
            j.writeFieldName("connection");
            ConnectionReport.write(j, a);
            TcpConnection c = a.connection();
            j.writeArrayFieldStart("timeline");
            long[] base = relativeBases(a);
            for (Event e : c.events()) {
                boolean fromClient = e.side() == c.originator();
                j.writeStartObject();
                j.writeNumberField("packet", e.number());
                j.writeNumberField("time", e.nanos() / 1e9);
                j.writeStringField("direction", fromClient ? "orig_to_resp" : "resp_to_orig");
                StringBuilder flags = new StringBuilder();
                TcpText.flagNames(flags, e.flags(), false);
                j.writeStringField("flags", flags.toString());
                j.writeNumberField("seq", e.seq());
                j.writeNumberField("ack", e.ack());
                if (base[e.side()] >= 0) {
                    j.writeNumberField("rel_seq", (e.seq() - base[e.side()]) & 0xFFFFFFFFL);
                }
                if (base[1 - e.side()] >= 0 && e.has(TcpHeader.ACK)) {
                    j.writeNumberField("rel_ack", (e.ack() - base[1 - e.side()]) & 0xFFFFFFFFL);
                }
                j.writeNumberField("len", e.payload());
                if (e.expert() != 0 || e.notes() != 0) {
                    j.writeArrayFieldStart("expert");
                    for (ExpertFlag flag : ExpertFlag.values()) {
                        if (flag.in(e.expert())) {
                            j.writeString(flag.field());
                        }
                    }
                    for (ValidationNote note : ValidationNote.values()) {
                        if (note.in(e.notes())) {
                            j.writeString("tcplens.note:" + note.shortName());
                        }
                    }
                    j.writeEndArray();
                }
                j.writeStringField("orig_state", a.originatorStates().stateAfter(e.number()).rfcName());
                j.writeStringField("resp_state", a.responderStates().stateAfter(e.number()).rfcName());
                j.writeEndObject();
            }
            j.writeEndArray();
            // The packets not in the timeline (the engine keeps a connection's first packets and
            // those around its teardown), gap by gap, as the text ladder counts them.
            List<TcpConnection.Gap> gaps = c.gaps();
            long notInTimeline = 0;
            for (TcpConnection.Gap gap : gaps) {
                notInTimeline += gap.packets();
            }
            j.writeNumberField("packets_not_in_timeline", notInTimeline);
            j.writeArrayFieldStart("not_in_timeline");
            for (TcpConnection.Gap gap : gaps) {
                j.writeStartObject();
                if (gap.before() > 0) {
                    j.writeNumberField("after_packet", c.eventNumber(gap.before() - 1));
                }
                if (gap.before() < c.eventCount()) {
                    j.writeNumberField("before_packet", c.eventNumber(gap.before()));
                }
                j.writeNumberField("packets", gap.packets());
                j.writeNumberField("orig_payload", gap.payload(c.originator()));
                j.writeNumberField("resp_payload", gap.payload(c.responder()));
                j.writeEndObject();
            }
            j.writeEndArray();
            if (c.application() instanceof AppSession app && !app.events().isEmpty()) {
                j.writeObjectFieldStart("application");
                // A line protocol's reader names it (smtp, imap, pop3, resp, whois), as the text story does.
                String protocol = app.protocol() == AppSession.Protocol.TEXT && app.lineProtocol() != null
                        ? app.lineProtocol() : app.protocol().name();
                j.writeStringField("protocol", protocol.toLowerCase(Locale.ROOT));
                if (app.tls() != null) {
                    j.writeStringField("version", TlsReport.versionName(app.tls().version()));
                    j.writeStringField("outcome", app.tls().outcome().name().toLowerCase(Locale.ROOT));
                    j.writeStringField("ssl_history", app.tls().history());
                }
                j.writeArrayFieldStart("steps");
                for (AppEvent e : app.events()) {
                    j.writeStartObject();
                    j.writeNumberField("packet", e.frame());
                    j.writeStringField("direction", e.side() == c.originator() ? "orig_to_resp" : "resp_to_orig");
                    j.writeStringField("text", e.text());
                    j.writeNumberField("count", e.count());
                    j.writeEndObject();
                }
                j.writeEndArray();
                j.writeNumberField("steps_not_listed", app.eventsOmitted());
                j.writeNumberField("gaps", app.gaps());
                j.writeEndObject();
            }
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(buffer);
    }
}
