package io.tcplens.report;

import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.TcpSequenceNumbering;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The TCP conversations of a capture as {@code tshark -q -z conv,tcp} prints them: one row per
 * conversation (tcp.stream), address A being the sender of its first packet; frames and bytes
 * (frame lengths) each way and in total; start relative to the first packet of the capture;
 * duration. Rows by total frames, most first, ties in order of appearance, as tshark sorts them.
 */
public final class TcpConversationTable {
    /**
     * Conversations counted at most (the first ones, by stream number): a flood of spoofed SYNs
     * makes a conversation of every packet. Packets of later ones are counted as uncounted.
     */
    public static final int MAX_ROWS = 1 << 18;
    private static final String RULE = "================================================================================";

    /** One conversation's counters. */
    public static final class Row {
        final String a;
        final String b;
        final byte[] addressA;
        final int portA;
        final TcpEndpointTable.Endpoint endpointA;
        final TcpEndpointTable.Endpoint endpointB;
        long framesAB;
        long bytesAB;
        long framesBA;
        long bytesBA;
        long firstNanos;
        long lastNanos;

        Row(String a, String b, byte[] addressA, int portA, TcpEndpointTable.Endpoint endpointA,
            TcpEndpointTable.Endpoint endpointB, long firstNanos) {
            this.a = a;
            this.b = b;
            this.addressA = addressA;
            this.portA = portA;
            this.endpointA = endpointA;
            this.endpointB = endpointB;
            this.firstNanos = firstNanos;
            this.lastNanos = firstNanos;
        }

        public String a() { return a; }

        public String b() { return b; }

        public long framesAB() { return framesAB; }

        public long bytesAB() { return bytesAB; }

        public long framesBA() { return framesBA; }

        public long bytesBA() { return bytesBA; }

        public long firstNanos() { return firstNanos; }

        public long lastNanos() { return lastNanos; }
    }

    private final TcpEndpointTable endpoints = new TcpEndpointTable();
    private Row[] rows = new Row[256];
    private long streams;
    private long uncountedStreams = -1;
    private long uncountedPackets;
    private long captureStart = Long.MIN_VALUE;

    /** Takes a packet after {@code numbering} observed it. */
    public void observe(Packet packet, TcpSequenceNumbering numbering) {
        long now = packet.record().epochNanos();
        if (captureStart == Long.MIN_VALUE) {
            captureStart = now;
        }
        int tcp = packet.tcp();
        if (tcp < 0 || !numbering.known() || packet.quoted(tcp)) {
            return;
        }
        if (packet.tcpBogusHeaderLength(tcp) || packet.tcpShortSegment(tcp) && !packet.inUnreassembledFragment(tcp)) {
            // tshark's TCP stops before it reports such a segment to its conversation and endpoint
            // tables: at a data offset below 20 bytes, or (Malformed Packet) at a header longer
            // than the segment (checked with tshark 4.0 -z conv,tcp on samples/tcp-option-cases.pcap).
            return;
        }
        long stream = numbering.conversation().stream();
        if (stream >= MAX_ROWS) {
            uncountedPackets++;
            uncountedStreams = Math.max(uncountedStreams, stream);
            return;
        }
        if (stream >= rows.length) {
            rows = Arrays.copyOf(rows, (int) Math.min(MAX_ROWS, Math.max(stream + 1, 2L * rows.length)));
        }
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        int ip = packet.network();
        byte[] src = DatagramFlows.address(packet, ip, true);
        int srcPort = TcpHeader.sourcePort(b, at);
        Row r = rows[(int) stream];
        if (r == null) {
            String srcText = ZeekConnLog.address(src);
            String dstText = ZeekConnLog.address(DatagramFlows.address(packet, ip, false));
            int dstPort = TcpHeader.destinationPort(b, at);
            // The first packet's sender, then its receiver: the order tshark's endpoint table meets them.
            TcpEndpointTable.Endpoint endpointA = endpoints.endpoint(srcText, srcPort);
            TcpEndpointTable.Endpoint endpointB = endpoints.endpoint(dstText, dstPort);
            r = new Row(srcText + ":" + srcPort, dstText + ":" + dstPort, src, srcPort, endpointA, endpointB, now);
            rows[(int) stream] = r;
            streams = Math.max(streams, stream + 1);
        }
        long length = packet.record().originalLength();
        if (srcPort == r.portA && Arrays.equals(src, r.addressA)) {
            r.framesAB++;
            r.bytesAB += length;
            endpoints.count(r.endpointA, r.endpointB, length);
        } else {
            r.framesBA++;
            r.bytesBA += length;
            endpoints.count(r.endpointB, r.endpointA, length);
        }
        // Timestamps need not rise (merged or reordered captures): the span is min to max, as tshark's.
        r.firstNanos = Math.min(r.firstNanos, now);
        r.lastNanos = Math.max(r.lastNanos, now);
    }

    /** Orders of the table: tshark's (total frames), or by bytes, start time or duration (most/earliest first). */
    public enum Sort { frames, bytes, start, duration }

    /** The conversations in tshark's order. */
    public List<Row> rows() {
        return rows(Sort.frames);
    }

    /** The conversations in the given order; ties keep the order of appearance. */
    public List<Row> rows(Sort sort) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            if (rows[i] != null) {
                out.add(rows[i]);
            }
        }
        // List.sort is stable: ties keep the order of appearance, as in tshark.
        switch (sort) {
            case frames -> out.sort((x, y) -> Long.compare(y.framesAB + y.framesBA, x.framesAB + x.framesBA));
            case bytes -> out.sort((x, y) -> Long.compare(y.bytesAB + y.bytesBA, x.bytesAB + x.bytesBA));
            case start -> out.sort((x, y) -> Long.compare(x.firstNanos, y.firstNanos));
            case duration -> out.sort((x, y) -> Long.compare(y.lastNanos - y.firstNanos, x.lastNanos - x.firstNanos));
        }
        return out;
    }

    public long captureStart() { return captureStart; }

    /** Packets of conversations beyond the first {@link #MAX_ROWS}, left out of the table (and of the endpoints). */
    public long uncountedPackets() { return uncountedPackets; }

    /** Conversations beyond the first {@link #MAX_ROWS}, left out. */
    public long uncountedConversations() { return uncountedStreams < 0 ? 0 : uncountedStreams + 1 - MAX_ROWS; }

    /** The endpoints of the same packets, as tshark -z endpoints,tcp counts them. */
    public TcpEndpointTable endpoints() { return endpoints; }

    /** The table exactly as tshark -z conv,tcp prints it. */
    public void print(PrintWriter out) {
        print(out, Sort.frames);
    }

    /** The table in tshark's format, rows in the given order. */
    public void print(PrintWriter out, Sort sort) {
        out.println(RULE);
        out.println("TCP Conversations");
        out.println("Filter:<No Filter>");
        out.println("                                                           |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |");
        out.println("                                                           | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |");
        for (Row r : rows(sort)) {
            out.println(String.format(Locale.ROOT, "%-26s <-> %-26s  %6d %-9s  %6d %-9s  %6d %-9s  %14s   %12s",
                    SafeText.of(r.a), SafeText.of(r.b), r.framesBA, size(r.bytesBA), r.framesAB, size(r.bytesAB),
                    r.framesAB + r.framesBA, size(r.bytesAB + r.bytesBA),
                    printf(seconds(r.firstNanos - captureStart), 9),
                    // tshark subtracts the two relative times as doubles (tap-iousers.c).
                    printf(seconds(r.lastNanos - captureStart) - seconds(r.firstNanos - captureStart), 4)));
        }
        if (uncountedPackets > 0) {
            out.println("(" + uncountedConversations() + " further conversations, " + uncountedPackets
                    + " packets, beyond the first " + MAX_ROWS + " counted)");
        }
        out.println(RULE);
    }

    /** A time span as a double, as Wireshark's nstime_to_sec: seconds + nanoseconds / 1e9. */
    static double seconds(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + Math.floorMod(nanos, 1_000_000_000L) / 1e9;
    }

    /**
     * A double as C's printf("%.Nf") writes it: the exact decimal expansion of its binary value,
     * rounded; so a large value shows the double's noise ("183109031.969092011"), as tshark's does.
     */
    static String printf(double value, int decimals) {
        return new java.math.BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Wireshark's format_size with SI prefixes: a unit up once the number reaches 10 of it. */
    static String size(long bytes) {
        String[] units = {"TB", "GB", "MB", "kB"};
        long[] divisors = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (bytes / divisors[i] >= 10) {
                return bytes / divisors[i] + " " + units[i];
            }
        }
        return bytes + " bytes";
    }
}
