package io.tcplens.flow;

import io.tcplens.decode.AddressText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the engine records about one TCP connection: its endpoints, who opened it, counters per
 * direction, the packets that shape its life (handshake, teardown, resets; bounded), and Zeek's
 * view of it. Sides 0 and 1 are the directions in {@link FlowKey} order; {@link #originator()}
 * says which side sent the first SYN.
 */
public final class TcpConnection {
    /** Packets kept from the start of the connection (the handshake and its surroundings). */
    public static final int LEADING_PACKETS = 8;
    /** Packets kept after the first FIN (the ACKs of the FINs, data of a half-close). */
    public static final int AFTER_FIN_PACKETS = 16;
    /** All packets kept at most; SYN, FIN and RST packets are kept until then. */
    public static final int MAX_EVENTS = 64;
    /** Longs per packed event: number, time, seq|ack, side|flags|window|payload. */
    private static final int EVENT_WORDS = 4;
    /**
     * Room at first: a SYN and its retransmissions. Half-open connections (a SYN flood's) are
     * most of those alive at once and never need more, so their events stay small.
     */
    private static final int INITIAL_EVENTS = 4;
    /**
     * Room once a connection needs more: the leading packets and a four-way teardown, in one
     * step. Growing by doubling from 4 copied the array twice per connection, which was a tenth
     * of all the engine allocated. No slack beyond that: on the generated 1M-packet capture no
     * connection kept more than 12 packets (60% kept exactly 12), and the 4 more slots it had
     * held were 128 bytes per connection that the collector copied while it lived.
     */
    private static final int ESTABLISHED_EVENTS = LEADING_PACKETS + 4;
    /** {@link #firstGap}: every packet of the connection was kept. */
    private static final int NO_GAP = -1;
    /** Longs per later gap in {@link #laterGaps}: the index of the event after it, packets, payload of side 0 and 1. */
    private static final int GAP_WORDS = 4;

    /**
     * One kept packet of the connection, as the story needs it. Sequence numbers are raw (absolute).
     *
     * @param expert Wireshark's expert flags of the packet ({@link ExpertFlag} bits), 0 when the
     *               sequence analysis did not run
     * @param notes  tcplens's validation notes ({@link ValidationNote} bits), 0 likewise
     */
    public record Event(long number, long nanos, int side, int flags, long seq, long ack, int payload, int window,
                        int expert, int notes) {
        public boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    // Every field is set by recycle (called by the constructor), where a reused connection gets
    // the values a new one has: RecycledConnectionTest compares the two field by field.
    long stream;
    int completeness;
    /** VLAN ids of the key when keying was VLAN-aware, else -1. */
    int vlan;
    int innerVlan;
    int originator;
    boolean rolesGuessed;
    long firstNanos;
    long lastNanos;
    long firstPacket;
    long lastPacket;
    /**
     * What each side sent and announced, sides 0 and 1 in FlowKey order. One object a side, not
     * an array per quantity: a packet then touches two small objects instead of a dozen arrays.
     */
    final Direction side0 = new Direction();
    final Direction side1 = new Direction();
    /** Kept packets, packed EVENT_WORDS longs each (an object per packet would dominate memory). */
    long[] packed;
    /** Per kept event, its expert flags (low half) and validation notes (high half); null until one has any. */
    long[] analysed;
    int eventCount;
    int afterFin;
    long eventsDropped;
    /**
     * Where the packets not kept as events were passed over, gap by gap (a gap: the packets
     * between two kept events, or after the last one). The first gap's index is the event kept
     * next after it ({@link #NO_GAP}: none yet); its counts are what the later gaps leave of the
     * connection's totals, so a connection passed over in one gap only, as most are, carries no
     * more than this int. Later gaps (late in a half-close, or around a FIN or RST kept among
     * passed-over data) are packed in laterGaps, created at the second gap; at most one gap per
     * event, so bounded by MAX_EVENTS.
     */
    int firstGap;
    long[] laterGaps;
    int laterGapCount;
    /** Either side had data unacknowledged when the first RST came. */
    boolean unacknowledgedAtReset;
    boolean resetSeen;
    boolean portReuse;
    /** Its first packet came inside a layer Zeek does not decode: Zeek's conn.log has no row for it. */
    boolean hiddenFromZeek;
    ZeekTcpConnection zeek;
    /** Side Zeek calls the originator of {@link #zeek}; -1 before the first packet. */
    int zeekOriginator;
    /**
     * Zeek connections this one was split into by Zeek's inactivity timeout, before the current
     * one. Shared and empty until the first split, which almost no connection has: a list per
     * connection was 9 MB of allocation on the 10M-packet capture.
     */
    List<ZeekRow> zeekEarlier;

    /** One row of Zeek's conn.log: its view of the connection and which side it calls the originator. */
    public record ZeekRow(ZeekTcpConnection zeek, int originator) { }
    /** True once a FIN was seen from either side, so that the packets after it are kept (up to {@link #AFTER_FIN_PACKETS}). */
    boolean finSeen;
    /** Bit s set while side s awaits the ACK of its SYN or FIN (its Direction's ackAwaited), so that other packets need not look. */
    int ackAwaitedSides;

    TcpConnection(long stream) {
        recycle();
        this.stream = stream;
    }

    /**
     * Gives every field the value of a new connection (the stream number aside, which the next
     * one sets). The tracker does this to a connection that its cap on live connections
     * released, when its listener keeps none (conns, which writes each row as the connection is
     * released), right after the row was written; the next connection takes it, so that under a
     * flood a connection's objects and arrays stay in use instead of becoming garbage.
     */
    void recycle() {
        stream = -1;
        completeness = 0;
        vlan = -1;
        innerVlan = -1;
        originator = 0;
        rolesGuessed = false;
        firstNanos = 0;
        lastNanos = 0;
        firstPacket = 0;
        lastPacket = 0;
        side0.recycle();
        side1.recycle();
        // A grown array is kept (its old events are past eventCount, never read), up to the
        // size most connections reach; one grown further goes back to the first size.
        if (packed == null || packed.length > EVENT_WORDS * ESTABLISHED_EVENTS) {
            packed = new long[EVENT_WORDS * INITIAL_EVENTS];
        }
        analysed = null;
        eventCount = 0;
        afterFin = 0;
        eventsDropped = 0;
        firstGap = NO_GAP;
        laterGaps = null;
        laterGapCount = 0;
        unacknowledgedAtReset = false;
        resetSeen = false;
        portReuse = false;
        hiddenFromZeek = false;
        if (zeek == null) {
            zeek = new ZeekTcpConnection();
        } else {
            zeek.recycle();
        }
        zeekOriginator = -1;
        zeekEarlier = List.of();
        finSeen = false;
        ackAwaitedSides = 0;
        selected = false;
        application = null;
        liveReported = 0;
        recentlyActive = false;
        tunnelParents = null;
    }

    /** One side of the connection: its endpoint, what it sent, and the options of its first SYN. */
    static final class Direction {
        /** 4 bytes for IPv4, 16 for IPv6 (reused by a recycled connection when the length fits). */
        byte[] address;
        int port;
        long packets;
        /** Frame bytes (frame.len). */
        long bytes;
        /** TCP payload bytes, retransmissions included. */
        long payload;
        /** The highest sequence number sent with data (-1 none), and the highest ack the other side sent for it. */
        long dataEnd;
        long ackedUpTo;
        /**
         * The acknowledgment number that covers this side's last SYN or FIN, until the first
         * packet of the other side carrying it (-1: none awaited; the connection's
         * {@code ackAwaitedSides} has this side's bit while one is). That packet is kept whatever
         * the bounds on kept packets: it is the third packet of the handshake, or the ACK of a
         * FIN, that the verdicts and both ends' states look for.
         */
        long ackAwaited;
        boolean synSeen;
        /** From the first SYN: MSS (-1 absent), window-scale shift (-1 absent), SACK permitted, timestamps. */
        int mss;
        int windowScale;
        boolean sackPermitted;
        boolean timestamps;

        Direction() {
            recycle();
        }

        /** The values of a new side; the address array stays for the next connection to fill. */
        void recycle() {
            port = 0;
            packets = 0;
            bytes = 0;
            payload = 0;
            dataEnd = -1;
            ackedUpTo = -1;
            ackAwaited = -1;
            synSeen = false;
            mss = -1;
            windowScale = -1;
            sackPermitted = false;
            timestamps = false;
        }
    }

    /** Side 0 or 1 (FlowKey order). */
    Direction side(int side) {
        return side == 0 ? side0 : side1;
    }

    public long stream() { return stream; }

    /** Outer VLAN id when connections were keyed VLAN-aware (-1 otherwise, or untagged). */
    public int vlan() { return vlan; }

    public int innerVlan() { return innerVlan; }

    /** Wireshark's tcp.completeness for the connection (final once it is finished). */
    public int completeness() { return completeness; }

    /** Side (0 or 1) that opened the connection. */
    public int originator() { return originator; }

    public int responder() { return 1 - originator; }

    /** True when no SYN showed who opened the connection and the roles were guessed from ports. */
    public boolean rolesGuessed() { return rolesGuessed; }

    /** The side's address: 4 bytes for IPv4, 16 for IPv6. */
    public byte[] address(int side) { return side(side).address.clone(); }

    /** Appends the side's address as text, without the copy {@link #address} makes (a row per connection). */
    public StringBuilder appendAddress(StringBuilder out, int side) {
        return AddressText.append(out, side(side).address);
    }

    /** Appends the side's "address:port" (IPv6 in brackets), without a copy either. */
    public StringBuilder appendEndpoint(StringBuilder out, int side) {
        return AddressText.appendEndpoint(out, side(side).address, side(side).port);
    }

    public int port(int side) { return side(side).port; }

    /**
     * Whether an acknowledgment number acknowledges a SYN of sequence number {@code synSeq} that
     * carried {@code synPayload} bytes: RFC 9293 3.10.7.3's test in SYN-SENT, SND.UNA < SEG.ACK =<
     * SND.NXT, so ISN + 1, or beyond the SYN's data too (32-bit sequence space).
     */
    public static boolean acknowledgesSyn(long ack, long synSeq, long synPayload) {
        int beyond = (int) (ack - (synSeq + 1));
        return beyond >= 0 && beyond <= synPayload;
    }

    public long firstNanos() { return firstNanos; }

    public long lastNanos() { return lastNanos; }

    public long firstPacket() { return firstPacket; }

    public long lastPacket() { return lastPacket; }

    public long packets(int side) { return side(side).packets; }

    /** Frame bytes (frame.len) sent by the side. */
    public long bytes(int side) { return side(side).bytes; }

    /** TCP payload bytes sent by the side, retransmissions included. */
    public long payload(int side) { return side(side).payload; }

    /** The kept packets, in capture order (unpacked on each call: for analysis, not per packet). */
    public List<Event> events() {
        return Collections.unmodifiableList(java.util.Arrays.asList(eventArray()));
    }

    /** The kept packets as a new array that the caller owns (for the analysis, which reads it many times). */
    public Event[] eventArray() {
        Event[] events = new Event[eventCount];
        for (int i = 0; i < eventCount; i++) {
            events[i] = event(i);
        }
        return events;
    }

    /** Packets kept, in capture order; the ones below read kept packet {@code i} without unpacking it whole. */
    public int eventCount() { return eventCount; }

    /** Kept packet {@code i} (0 to {@link #eventCount()} - 1), unpacked. */
    public Event event(int i) {
        long analysis = analysed != null && i < analysed.length ? analysed[i] : 0;
        return new Event(eventNumber(i), eventNanos(i), eventSide(i), eventFlags(i), eventSeq(i),
                eventAck(i), eventPayload(i), (int) ((packed[i * EVENT_WORDS + 3] >>> 32) & 0xFFFF),
                (int) analysis, (int) (analysis >>> 32));
    }

    public long eventNumber(int i) { return packed[i * EVENT_WORDS]; }

    public long eventNanos(int i) { return packed[i * EVENT_WORDS + 1]; }

    public int eventSide(int i) { return (int) (packed[i * EVENT_WORDS + 3] >>> 62); }

    public int eventFlags(int i) { return (int) ((packed[i * EVENT_WORDS + 3] >>> 48) & 0xFFF); }

    public long eventSeq(int i) { return packed[i * EVENT_WORDS + 2] >>> 32; }

    public long eventAck(int i) { return packed[i * EVENT_WORDS + 2] & 0xFFFFFFFFL; }

    public int eventPayload(int i) { return (int) (packed[i * EVENT_WORDS + 3] & 0xFFFFFFFFL); }

    /** Marks the last kept event with the sequence analysis' flags and notes. */
    void analyseLastEvent(int expert, int notes) {
        if (eventCount == 0 || (expert == 0 && notes == 0)) {
            return;
        }
        if (analysed == null || analysed.length < eventCount) {
            analysed = java.util.Arrays.copyOf(analysed == null ? new long[0] : analysed, Math.max(8, 2 * eventCount));
        }
        analysed[eventCount - 1] = ((long) notes << 32) | (expert & 0xFFFFFFFFL);
    }

    void addEvent(long number, long nanos, int side, int flags, long seq, long ack, int payload, int window) {
        int at = eventCount * EVENT_WORDS;
        if (at + EVENT_WORDS > packed.length) {
            int events = Math.max(ESTABLISHED_EVENTS, Math.min(2 * eventCount, MAX_EVENTS));
            packed = java.util.Arrays.copyOf(packed, EVENT_WORDS * events);
        }
        packed[at] = number;
        packed[at + 1] = nanos;
        packed[at + 2] = (seq << 32) | ack;
        packed[at + 3] = ((long) side << 62) | ((long) (flags & 0xFFF) << 48) | ((long) (window & 0xFFFF) << 32)
                | (payload & 0xFFFFFFFFL);
        eventCount++;
    }

    /** True when, at the first RST, either side had sent data the other had not acknowledged. */
    public boolean unacknowledgedAtReset() { return unacknowledgedAtReset; }

    /** A packet of the connection was not kept as an event (the bounds above): count it in its gap. */
    void passOver(int side, int payload) {
        if (firstGap == NO_GAP) {
            firstGap = eventCount;
            return;
        }
        if (firstGap == eventCount) {
            return;
        }
        int last = laterGapCount - 1;
        if (last < 0 || laterGaps[last * GAP_WORDS] != eventCount) {
            if (laterGaps == null || laterGaps.length < (laterGapCount + 1) * GAP_WORDS) {
                laterGaps = java.util.Arrays.copyOf(laterGaps == null ? new long[0] : laterGaps, 2 * (laterGapCount + 1) * GAP_WORDS);
            }
            last = laterGapCount++;
            laterGaps[last * GAP_WORDS] = eventCount;
            laterGaps[last * GAP_WORDS + 1] = 0;
            laterGaps[last * GAP_WORDS + 2] = 0;
            laterGaps[last * GAP_WORDS + 3] = 0;
        }
        laterGaps[last * GAP_WORDS + 1]++;
        laterGaps[last * GAP_WORDS + 2 + side] += payload;
    }

    /**
     * Packets of the connection that were not kept as events, in one run between two kept events.
     *
     * @param before   the index of the event kept next after them; {@link #eventCount()} when
     *                 they came after the last one
     * @param packets  how many
     * @param payload0 their TCP payload bytes from side 0 (FlowKey order)
     * @param payload1 the same from side 1
     */
    public record Gap(int before, long packets, long payload0, long payload1) {
        public long payload(int side) {
            return side == 0 ? payload0 : payload1;
        }
    }

    /** The runs of packets not kept as events, in capture order (empty when every packet was kept). */
    public List<Gap> gaps() {
        if (firstGap == NO_GAP) {
            return List.of();
        }
        long packets = packets(0) + packets(1) - eventCount;
        long payload0 = payload(0);
        long payload1 = payload(1);
        for (int i = 0; i < eventCount; i++) {
            if (eventSide(i) == 0) {
                payload0 -= eventPayload(i);
            } else {
                payload1 -= eventPayload(i);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (int g = 0; g < laterGapCount; g++) {
            packets -= laterGaps[g * GAP_WORDS + 1];
            payload0 -= laterGaps[g * GAP_WORDS + 2];
            payload1 -= laterGaps[g * GAP_WORDS + 3];
        }
        gaps.add(new Gap(firstGap, packets, payload0, payload1));
        for (int g = 0; g < laterGapCount; g++) {
            gaps.add(new Gap((int) laterGaps[g * GAP_WORDS], laterGaps[g * GAP_WORDS + 1], laterGaps[g * GAP_WORDS + 2],
                    laterGaps[g * GAP_WORDS + 3]));
        }
        return gaps;
    }

    /** Control packets not kept because the connection had more than {@link #MAX_EVENTS}. */
    public long eventsDropped() { return eventsDropped; }

    /** MSS announced in the side's SYN, or -1. */
    public int mss(int side) { return side(side).mss; }

    /** Window-scale shift announced in the side's SYN, or -1. */
    public int windowScale(int side) { return side(side).windowScale; }

    public boolean sackPermitted(int side) { return side(side).sackPermitted; }

    public boolean timestamps(int side) { return side(side).timestamps; }

    private boolean selected;
    /** The application layer's state, handed over when the connection is finished; null when it did not run. */
    Object application;
    private int liveReported;
    /** Set by each packet, cleared by the tracker's eviction hand (CLOCK). */
    boolean recentlyActive;
    /** The UDP flows of the tunnels that carried its packets (Zeek's tunnel_parents), or null. */
    private TunnelParents tunnelParents;

    /** Marks the connection as chosen by a display filter (one of its packets matched). */
    public void select() { selected = true; }

    /** Notes that one of its packets came through the tunnel whose UDP flow is {@code parent}. */
    public void tunnelledBy(DatagramFlows.Flow parent) {
        tunnelParents = TunnelParents.add(tunnelParents, parent);
    }

    /** The tunnels' UDP flows that carried its packets, in the order first seen. */
    public List<DatagramFlows.Flow> tunnelParents() { return TunnelParents.list(tunnelParents); }

    public boolean selected() { return selected; }

    /** What the application stage read on this connection (an {@code app.AppSession}), or null. */
    public Object application() { return application; }

    /** Which live events were already reported for this connection (bits of LiveEvents). */
    public int liveReported() { return liveReported; }

    public void liveReported(int bits) { liveReported = bits; }

    /** True once a FIN was seen from either side. */
    public boolean finSeen() { return finSeen; }

    /** True when this connection reused the ports of an earlier one (a SYN with a new ISN). */
    public boolean portReuse() { return portReuse; }

    /** True when Zeek would not see this connection: it travels inside a layer Zeek does not decode. */
    public boolean hiddenFromZeek() { return hiddenFromZeek; }

    /** Zeek's inactivity timeout ended its view of the connection: that row is kept, and a new view begins. */
    void startZeekRow() {
        if (zeekEarlier.isEmpty()) {
            zeekEarlier = new ArrayList<>(2);
        }
        zeekEarlier.add(new ZeekRow(zeek, zeekOriginator));
        zeek = new ZeekTcpConnection();
    }

    /** Zeek's view of the connection's first row (see {@link #zeekRows}), without building the list. */
    public ZeekTcpConnection firstZeekRow() {
        return zeekEarlier.isEmpty() ? zeek : zeekEarlier.get(0).zeek();
    }

    /**
     * Zeek's rows for this connection, in order: usually one; more when the connection was idle
     * longer than Zeek's inactivity timeout (Zeek then starts a new connection).
     */
    public List<ZeekRow> zeekRows() {
        List<ZeekRow> rows = new ArrayList<>(zeekEarlier);
        // Without an originator, Zeek never made the connection: every packet's header was cut.
        if (zeekOriginator >= 0) {
            rows.add(new ZeekRow(zeek, zeekOriginator));
        }
        return rows;
    }
}
