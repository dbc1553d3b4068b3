package io.tcplens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.ExpertFlag;
import io.tcplens.flow.SequenceAnalysis;
import io.tcplens.flow.ValidationNote;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The capture's expert summary for {@code tcplens stats}: packets per expert flag and per
 * validation note, and the connections with the most flagged packets. Per-connection tallies are
 * capped ({@link #MAX_CONNECTIONS}); packets of connections beyond the cap count in the totals only.
 */
public final class ExpertSummary {
    /** Connections tallied one by one at most; the rest count in the totals. */
    public static final int MAX_CONNECTIONS = 100_000;
    /** Connections listed, most flagged packets first. */
    public static final int WORST_SHOWN = 10;

    private static final ExpertFlag[] FLAGS = ExpertFlag.values();
    private static final ValidationNote[] NOTES = ValidationNote.values();

    private final long[] flagCounts = new long[FLAGS.length];
    private final long[] noteCounts = new long[NOTES.length];
    private final Map<Long, Tally> byStream = new HashMap<>();
    private long untallied;

    /** One connection's flagged packets; {@code label} names its endpoints. */
    private static final class Tally {
        final long stream;
        final String label;
        long packets;
        final long[] flags = new long[FLAGS.length];
        final long[] notes = new long[NOTES.length];

        Tally(long stream, String label) {
            this.stream = stream;
            this.label = label;
        }
    }

    /**
     * Counts the packet last analysed, of stream {@code stream}, if it has a flag or a note; its
     * endpoints name the connection the first time it is flagged.
     */
    public void observe(SequenceAnalysis analysis, long stream, Packet packet) {
        observe(analysis, stream, packet, packet.tcp());
    }

    /** As above, for the TCP header at layer {@code tcp} (one quoted in an ICMP error, for instance). */
    public void observe(SequenceAnalysis analysis, long stream, Packet packet, int tcp) {
        int flags = analysis.flags();
        int notes = analysis.notes();
        if (!analysis.analysed() || (flags == 0 && notes == 0)) {
            return;
        }
        Tally t = byStream.get(stream);
        if (t == null && byStream.size() < MAX_CONNECTIONS) {
            t = new Tally(stream, endpoints(packet, tcp));
            byStream.put(stream, t);
        }
        if (t == null) {
            untallied++;
        } else {
            t.packets++;
        }
        for (int i = 0; i < FLAGS.length; i++) {
            if (FLAGS[i].in(flags)) {
                flagCounts[i]++;
                if (t != null) {
                    t.flags[i]++;
                }
            }
        }
        for (int i = 0; i < NOTES.length; i++) {
            if (NOTES[i].in(notes)) {
                noteCounts[i]++;
                if (t != null) {
                    t.notes[i]++;
                }
            }
        }
    }

    /** "a:port ↔ b:port" of a TCP packet. */
    private static String endpoints(Packet packet, int tcp) {
        int ip = packet.ipBefore(tcp);
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        return ZeekConnLog.address(DatagramFlows.address(packet, ip, true)) + ":" + TcpHeader.sourcePort(b, at) + " \u2194 "
                + ZeekConnLog.address(DatagramFlows.address(packet, ip, false)) + ":" + TcpHeader.destinationPort(b, at);
    }

    private List<Tally> worst() {
        List<Tally> all = new ArrayList<>(byStream.values());
        all.sort((x, y) -> x.packets != y.packets ? Long.compare(y.packets, x.packets) : Long.compare(x.stream, y.stream));
        return all.subList(0, Math.min(WORST_SHOWN, all.size()));
    }

    /** What a tally's counts say, e.g. "retransmission 3, duplicate_ack 6". */
    private static String counts(long[] flags, long[] notes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < FLAGS.length; i++) {
            if (flags[i] > 0) {
                s.append(s.length() > 0 ? ", " : "").append(FLAGS[i].shortName()).append(' ').append(flags[i]);
            }
        }
        for (int i = 0; i < NOTES.length; i++) {
            if (notes[i] > 0) {
                s.append(s.length() > 0 ? ", " : "").append(NOTES[i].shortName()).append(' ').append(notes[i]);
            }
        }
        return s.toString();
    }

    public void text(PrintWriter out) {
        out.println("Expert analysis (packets per flag, as Wireshark's tcp.analysis.*; per validation note, tcplens.note):");
        boolean any = false;
        for (int i = 0; i < FLAGS.length; i++) {
            if (flagCounts[i] > 0) {
                out.printf(Locale.ROOT, "  %-26s %10d  %s%n", FLAGS[i].shortName(), flagCounts[i], FLAGS[i].meaning());
                any = true;
            }
        }
        for (int i = 0; i < NOTES.length; i++) {
            if (noteCounts[i] > 0) {
                out.printf(Locale.ROOT, "  %-26s %10d  %s%n", NOTES[i].shortName(), noteCounts[i], NOTES[i].meaning());
                any = true;
            }
        }
        if (!any) {
            out.println("  nothing flagged");
            return;
        }
        out.println("Most flagged connections (flagged packets first):");
        for (Tally t : worst()) {
            out.printf(Locale.ROOT, "  stream %-6d %-50s %6d packets: %s%n", t.stream, SafeText.of(t.label), t.packets,
                    counts(t.flags, t.notes));
        }
        if (untallied > 0) {
            out.println("  (" + untallied + " flagged packets of connections beyond the " + MAX_CONNECTIONS + " tallied)");
        }
    }

    public void json(JsonGenerator j) throws IOException {
        j.writeObjectFieldStart("expert");
        j.writeObjectFieldStart("flags");
        for (int i = 0; i < FLAGS.length; i++) {
            j.writeNumberField(FLAGS[i].shortName(), flagCounts[i]);
        }
        j.writeEndObject();
        j.writeObjectFieldStart("notes");
        for (int i = 0; i < NOTES.length; i++) {
            j.writeNumberField(NOTES[i].shortName(), noteCounts[i]);
        }
        j.writeEndObject();
        j.writeArrayFieldStart("worst_connections");
        for (Tally t : worst()) {
            j.writeStartObject();
            j.writeNumberField("stream", t.stream);
            j.writeStringField("endpoints", t.label);
            j.writeNumberField("flagged_packets", t.packets);
            j.writeStringField("counts", counts(t.flags, t.notes));
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeNumberField("untallied_packets", untallied);
        j.writeEndObject();
    }
}
