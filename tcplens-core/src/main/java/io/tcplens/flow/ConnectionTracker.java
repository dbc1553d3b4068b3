package io.tcplens.flow;

import io.tcplens.decode.Ipv4Header;
import io.tcplens.decode.Ipv6Header;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.decode.TcpOptions;
import java.nio.ByteBuffer;

/**
 * The connection engine's front: feeds each TCP packet to its conversation's
 * {@link TcpConnection} and hands finished connections to a listener. Memory is bounded by the
 * conversation table's cap; connections leave when replaced, evicted or at the end.
 */
public final class ConnectionTracker {
    /** Zeek's tcp_inactivity_timeout: 5 minutes. */
    static final long ZEEK_TCP_INACTIVITY_NANOS = 300_000_000_000L;

    /** Receives each connection once, when it is finished with. */
    public interface Listener {
        void finished(TcpConnection connection);

        /**
         * A stream number was given to a conversation that never had a packet of its own: only
         * ICMP errors quoting it (tshark numbers those too). Told when it leaves the table, so
         * that outputs in stream order need not wait for it.
         */
        default void withoutConnection(long stream) { }

        /**
         * False when the listener keeps nothing of a connection (nor of what it reaches: its
         * Zeek view, its events) once {@link #finished} returns: the tracker may then reuse the
         * connection's objects for a later one.
         */
        default boolean keepsConnections() { return true; }

        /** A listener told of both. */
        static Listener of(java.util.function.Consumer<TcpConnection> finished,
                           java.util.function.LongConsumer withoutConnection) {
            return of(finished, withoutConnection, true);
        }

        /**
         * A listener told of both that keeps nothing of a connection after {@code finished}
         * returns (it writes a row of it, say), so that the tracker reuses the connection.
         */
        static Listener reporting(java.util.function.Consumer<TcpConnection> finished,
                                  java.util.function.LongConsumer withoutConnection) {
            return of(finished, withoutConnection, false);
        }

        private static Listener of(java.util.function.Consumer<TcpConnection> finished,
                                   java.util.function.LongConsumer withoutConnection, boolean keeps) {
            return new Listener() {
                @Override
                public void finished(TcpConnection connection) {
                    finished.accept(connection);
                }

                @Override
                public void withoutConnection(long stream) {
                    withoutConnection.accept(stream);
                }

                @Override
                public boolean keepsConnections() {
                    return keeps;
                }
            };
        }
    }

    /**
     * Connections analysed at once at most. A connection's analysis takes about 1.5 KB, ten times
     * its conversation's numbering; so a flood of spoofed SYNs, each a connection waiting 75 s
     * for an answer, would otherwise hold ConversationTable.DEFAULT_MAX_CONVERSATIONS of them.
     * Beyond it the least recently active connection is released early (reported as it stands;
     * later packets keep its stream number and count as late packets).
     */
    public static final int MAX_LIVE_CONNECTIONS = 1 << 17;

    private final TcpSequenceNumbering numbering;
    private final ConversationTable table;
    private final int maxLiveConnections;
    /**
     * Conversations with a live connection, oldest first, for the CLOCK eviction: a connection
     * active since it was last passed over gets a second chance at the tail. Entries whose
     * connection was released meanwhile are skipped, and swept out when they outnumber the live.
     *
     * <p>Kept only from the moment the cap is first exceeded ({@link #clockKept}): until then
     * the hand never turns, so the ring is then built from the live connections in the order
     * they opened. (A ring kept all along would also hold the stale places of conversations
     * reopened since, which the hand would take for their new connections: built late, each
     * live connection has the place of its own opening.) Most captures never reach the cap,
     * and keeping the ring for them cost its sweeps: on the generated 10M-packet capture
     * (470,000 connections, at most 66,000 of them live at once) each sweep read over 100,000
     * entries' conversations and connections, mostly cache misses: 0.8% of a one-core run's
     * CPU samples, and 55 ms of C2 compiling the sweep.
     */
    private final java.util.ArrayDeque<TcpConversation> clock = new java.util.ArrayDeque<>();
    private boolean clockKept;
    private int liveConnections;
    /**
     * Connections released by the cap on live connections, recycled for reuse when the listener
     * keeps none (see {@link TcpConnection#recycle}), most recently released first. Under a
     * flood each new connection beyond the cap releases one, and the next takes its objects: on
     * a 10M-SYN flood (two cores) the run's CPU time went from 43-47 s to 27 s, most of it the
     * collector's work, and its wall time from 33-35 s to 24-25 s. Connections that end
     * normally are not recycled: allocated anew, the connections active at once lie together in
     * the young generation. On the generated 10M-packet capture, recycling those too (up to
     * 16,384 spares) made a one-core run about 5% slower, though it allocated 313 MB instead of
     * 900 MB and peaked at 400 MB instead of 650 MB.
     */
    private final java.util.ArrayDeque<TcpConnection> spare = new java.util.ArrayDeque<>();
    private static final int MAX_SPARE = 64;
    /** The listener keeps no connection: those the cap releases may be recycled. */
    private final boolean recyclesConnections;
    private long releasedEarly;
    private long latePackets;
    private TcpConnection current;

    public ConnectionTracker(Listener listener) {
        this(ConversationTable.DEFAULT_MAX_CONVERSATIONS, listener);
    }

    public ConnectionTracker(int maxConnections, Listener listener) {
        this(maxConnections, false, listener);
    }

    /** @param vlanAware key connections by VLAN ids too (see {@link ConversationTable}). */
    public ConnectionTracker(int maxConnections, boolean vlanAware, Listener listener) {
        this(maxConnections, vlanAware, listener, null);
    }

    /**
     * @param conversations also told when each conversation is finished (its final
     *                      completeness, which may grow after the connection is released); may be null
     */
    public ConnectionTracker(int maxConnections, boolean vlanAware, Listener listener,
                             ConversationTable.Listener conversations) {
        this(maxConnections, Math.min(maxConnections, MAX_LIVE_CONNECTIONS), vlanAware, listener, conversations);
    }

    /** With another cap on connections analysed at once (for tests). */
    ConnectionTracker(int maxConnections, int maxLiveConnections, boolean vlanAware, Listener listener,
                      ConversationTable.Listener conversations) {
        this.maxLiveConnections = maxLiveConnections;
        this.recyclesConnections = !listener.keepsConnections();
        this.table = new ConversationTable(maxConnections, vlanAware, new ConversationTable.Listener() {
            @Override
            public void finished(TcpConversation c) {
                if (c.engineState == null) {
                    listener.withoutConnection(c.stream());
                }
                release(c);
                c.engineState = ConversationTable.RELEASED;
                if (conversations != null) {
                    conversations.finished(c);
                }
            }

            @Override
            public void release(TcpConversation c) {
                if (c.engineState instanceof TcpConnection t) {
                    t.completeness = c.completeness();
                    // The application state goes with the connection's report and leaves the table.
                    ApplicationState application = c.applicationState();
                    t.application = application;
                    c.applicationState(null);
                    liveConnections--;
                    listener.finished(t);
                    if (application != null) {
                        application.release();
                    }
                }
            }
        });
        this.numbering = new TcpSequenceNumbering(table);
    }

    /** The numbering that the packet views share (relative numbers, stream, completeness). */
    public TcpSequenceNumbering numbering() { return numbering; }

    public ConversationTable table() { return table; }

    /** Takes one decoded packet into account (non-TCP packets are ignored). */
    public void observe(Packet packet) {
        current = null;
        numbering.observe(packet);
        TcpConversation conversation = numbering.conversation();
        // A segment in an unreassembled fragment has a stream in tshark's view only: Zeek holds
        // the fragment for reassembly, and nothing of its segment's length is known.
        if (conversation == null || !numbering.lengthKnown()) {
            return;
        }
        int side = numbering.direction();
        int tcp = packet.tcp();
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        int flags = TcpHeader.flags(b, at);
        long now = packet.record().epochNanos();
        TcpConnection c;
        if (conversation.engineState == ConversationTable.RELEASED) {
            // A straggler after the connection was reported: it keeps the stream number only.
            latePackets++;
            return;
        }
        // After the close delay (engineState CLOSED) a packet opens a new connection, as in Zeek.
        if (conversation.engineState instanceof TcpConnection existing) {
            c = existing;
            c.recentlyActive = true;
        } else {
            if (conversation.engineState == ConversationTable.CLOSED) {
                // A new connection to Zeek: it is closed by its own FINs or RST, not the old one's.
                conversation.finSides = (flags & TcpHeader.FIN) != 0 ? 1 << side : 0;
                conversation.rstSeen = (flags & TcpHeader.RST) != 0;
            }
            c = open(conversation, packet, side, flags, table.reused());
            conversation.engineState = c;
            liveConnections++;
            // The hand runs before the new connection joins the ring: it starts unmarked, so a
            // connection that never sends a second packet (a spoofed SYN) goes first.
            if (liveConnections > maxLiveConnections) {
                if (!clockKept) {
                    startClock(conversation);
                }
                releaseLeastRecentlyActive(c);
            }
            if (clockKept) {
                clock.addLast(conversation);
                if (clock.size() > 2 * liveConnections + 1024) {
                    clock.removeIf(v -> !(v.engineState instanceof TcpConnection));
                }
            }
        }
        current = c;
        int payload = packet.payloadLength(tcp);
        c.lastNanos = now;
        c.lastPacket = packet.number();
        TcpConnection.Direction sender = c.side(side);
        sender.packets++;
        sender.bytes += packet.record().originalLength();
        sender.payload += payload;
        kept = false;
        record(c, packet.number(), now, side, flags, b, at, payload);
        SequenceAnalysis analysis = numbering.analysis();
        if (kept && analysis != null && analysis.analysed()) {
            c.analyseLastEvent(analysis.flags(), analysis.notes());
        }

        int ip = packet.network();
        int ipLength = packet.layer(ip) == Layer.IPV4
                ? Ipv4Header.totalLength(packet.buffer(ip), packet.start(ip))
                : Ipv6Header.LENGTH + Ipv6Header.payloadLength(packet.buffer(ip), packet.start(ip));
        // Zeek takes the payload length from the IP header, even where a PPPoE length says the
        // last bytes are padding; its view (retransmissions, sizes) follows that length.
        int zeekPayload = packet.reassembled(tcp) ? payload
                : Math.max(0, packet.start(ip) + ipLength - at - packet.headerLength(tcp));
        boolean zeekCaptured = packet.reassembled(tcp)
                ? packet.capturedEnd(tcp) >= packet.reportedEnd(tcp)
                : packet.record().dataOffset() + packet.record().capturedLength() >= at + packet.headerLength(tcp) + zeekPayload;
        int shift = -1;
        if ((flags & TcpHeader.SYN) != 0) {
            int end = packet.capturedHeaderEnd(tcp);
            int ws = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, end, TcpHeader.OPT_WINDOW_SCALE);
            if (ws >= 0 && TcpOptions.complete(b, ws, end, 3)) {
                shift = b.get(ws + 2) & 0xFF;
            }
            if (!sender.synSeen) {
                sender.synSeen = true;
                sender.windowScale = shift;
                int mss = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, end, TcpHeader.OPT_MSS);
                sender.mss = mss >= 0 && TcpOptions.complete(b, mss, end, 4) ? b.getShort(mss + 2) & 0xFFFF : -1;
                sender.sackPermitted = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, end, TcpHeader.OPT_SACK_PERMITTED) >= 0;
                sender.timestamps = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, end, TcpHeader.OPT_TIMESTAMPS) >= 0;
            }
        }
        if (!packet.has(tcp, 0, TcpHeader.MIN_LENGTH)) {
            // A header the capture cut before its 20 fixed bytes (tshark gives it a stream from 16):
            // Zeek drops the packet before it looks for a connection ("internally_truncated_header").
            return;
        }
        if (c.zeekOriginator < 0 || now - c.zeek.lastActivityNanos() >= ZEEK_TCP_INACTIVITY_NANOS) {
            // Zeek forgets a TCP connection idle for its inactivity timeout; the next packet
            // opens a new one, with its own row in conn.log.
            if (c.zeekOriginator >= 0) {
                c.startZeekRow();
            }
            c.zeekOriginator = zeekOriginator(c, side, flags);
            if (c.zeekEarlier.isEmpty()) {
                c.originator = c.zeekOriginator;
            }
        }
        // Zeek's TCP analyzer drops a packet whose header, options included, overruns the capture
        // or the datagram ("truncated_header", "bad_TCP_header_len"): the connection is made by
        // then, but nothing of the packet counts (TCPAnalyzer::DeliverPacket, ExtractTCP_Header).
        int zeekHeader = TcpHeader.headerLength(b, at);
        int datagramEnd = packet.reassembled(tcp) ? packet.reportedEnd(tcp) : packet.start(ip) + ipLength;
        if (zeekHeader < TcpHeader.MIN_LENGTH || at + zeekHeader > Math.min(packet.capturedEnd(tcp), datagramEnd)) {
            c.zeek.opened(now);
            return;
        }
        boolean flippedBefore = c.zeek.flipped();
        c.zeek.packet(side == c.zeekOriginator, now, flags, TcpHeader.sequence(b, at) & 0xFFFFFFFFL,
                TcpHeader.acknowledgment(b, at) & 0xFFFFFFFFL, zeekPayload, zeekCaptured, TcpHeader.window(b, at),
                shift, ipLength);
        if (c.zeek.flipped() != flippedBefore) {
            // A SYN-ACK seen before its SYN: the side that sent the SYN opened the connection.
            c.zeekOriginator = 1 - c.zeekOriginator;
            if (c.zeekEarlier.isEmpty()) {
                c.originator = c.zeekOriginator;
            }
        }
    }

    /** The connection the last observed packet went to; null for other packets and stragglers. */
    public TcpConnection current() { return current; }

    /** Connections released before their end because more than {@link #MAX_LIVE_CONNECTIONS} were open. */
    public long releasedEarly() { return releasedEarly; }

    /** Conversations dropped because the conversation table was full. */
    public long conversationsEvicted() { return table.evicted(); }

    /**
     * Builds the CLOCK ring from the live connections, oldest first (see {@link #clock}), all but
     * the one being opened, which joins it after the hand has run.
     */
    private void startClock(TcpConversation opening) {
        java.util.List<TcpConversation> live = new java.util.ArrayList<>(liveConnections);
        table.forEachConversation(v -> {
            if (v.engineState instanceof TcpConnection && v != opening) {
                live.add(v);
            }
        });
        live.sort(java.util.Comparator.comparingLong(v -> ((TcpConnection) v.engineState).firstPacket));
        clock.addAll(live);
        clockKept = true;
    }

    /**
     * CLOCK (second chance): the first connection not active since the hand last passed it goes,
     * never {@code opening}, the one whose first packet is being taken in. Its conversation may
     * still have a place in the ring from a connection that ended before (released after the
     * close delay, then reopened by a stray packet): that place is stale, and the conversation
     * joins the ring anew after this.
     */
    private void releaseLeastRecentlyActive(TcpConnection opening) {
        while (liveConnections > maxLiveConnections && !clock.isEmpty()) {
            TcpConversation v = clock.pollFirst();
            if (!(v.engineState instanceof TcpConnection t) || t == opening) {
                continue;
            }
            if (t.recentlyActive) {
                t.recentlyActive = false;
                clock.addLast(v);
                continue;
            }
            table.release(v);
            if (recyclesConnections && spare.size() < MAX_SPARE) {
                // Reported and released: nothing else holds it now.
                t.recycle();
                spare.push(t);
            }
            // Its expert-analysis state goes too (300 bytes; a flood's worth would not fit).
            // Released by the cap, not by its end: a later packet is analysed afresh, as if the
            // conversation began there. (Released at its end, the state stays, so that late
            // retransmissions are still recognised as tshark recognises them.)
            v.sequenceState = null;
            releasedEarly++;
        }
    }

    /** Packets that arrived after their connection was reported (kept out of its counters). */
    public long latePackets() { return latePackets; }

    /** Hands every connection still open to the listener (end of capture). */
    public void finishAll() {
        table.finishAll();
    }

    private TcpConnection open(TcpConversation conversation, Packet packet, int side, int flags, boolean reused) {
        TcpConnection c = spare.poll();
        if (c == null) {
            c = new TcpConnection(conversation.stream());
        } else {
            c.stream = conversation.stream();
        }
        c.portReuse = reused;
        c.firstNanos = packet.record().epochNanos();
        c.firstPacket = packet.number();
        int ip = packet.network();
        c.side(side).address = DatagramFlows.address(packet, ip, true, c.side(side).address);
        c.side(1 - side).address = DatagramFlows.address(packet, ip, false, c.side(1 - side).address);
        ByteBuffer tb = packet.buffer(packet.tcp());
        int t = packet.start(packet.tcp());
        c.side(side).port = TcpHeader.sourcePort(tb, t);
        c.side(1 - side).port = TcpHeader.destinationPort(tb, t);
        c.rolesGuessed = (flags & TcpHeader.SYN) == 0;
        c.hiddenFromZeek = packet.hiddenFromZeek(packet.tcp());
        c.vlan = conversation.vlan;
        c.innerVlan = conversation.innerVlan;
        return c;
    }

    /**
     * Who opened the connection, judged from its first packet as Zeek does: a SYN's sender; a
     * SYN-ACK's receiver (roles flipped, '^'); without a SYN, the sender unless its port is a
     * likely server port and the other is not (or is higher).
     */
    private static int zeekOriginator(TcpConnection c, int side, int flags) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0;
        boolean flip;
        if (syn) {
            flip = ack;
        } else {
            int srcPort = c.port(side);
            int dstPort = c.port(1 - side);
            flip = ServerPorts.likely(srcPort) && (!ServerPorts.likely(dstPort) || srcPort < dstPort);
        }
        if (flip) {
            c.zeek.flipRoles();
        }
        return flip ? 1 - side : side;
    }

    /**
     * A RST that its receiver, in SYN-SENT, drops (RFC 9293 3.10.7.3): before it the connection
     * holds only the other side's SYN and its retransmissions, and the RST's ACK does not
     * acknowledge that SYN (or it has none). It is not the connection's reset: ConnectionAnalysis
     * judges it the same way when a SYN-ACK follows. Called for a connection's first RST only.
     */
    private static boolean droppedInSynSent(TcpConnection c, int side, int flags, long ack) {
        int n = c.eventCount();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int f = c.eventFlags(i);
            if (c.eventSide(i) == side || (f & (TcpHeader.SYN | TcpHeader.ACK | TcpHeader.FIN | TcpHeader.RST)) != TcpHeader.SYN) {
                return false;
            }
        }
        if ((flags & TcpHeader.ACK) == 0) {
            return true;
        }
        return !TcpConnection.acknowledgesSyn(ack, c.eventSeq(0), c.eventPayload(0));
    }

    /** Set by {@link #record} when it kept the packet as an event. */
    private boolean kept;

    private void record(TcpConnection c, long number, long nanos, int side, int flags, ByteBuffer b, int at,
                        int payload) {
        long seq = TcpHeader.sequence(b, at) & 0xFFFFFFFFL;
        long ack = TcpHeader.acknowledgment(b, at) & 0xFFFFFFFFL;
        trackAcknowledgments(c, side, flags, seq, ack, payload);
        boolean control = (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0;
        // Tested on every packet while a SYN or FIN awaits its ACK, kept or not, so that only the
        // first ACK of each counts.
        boolean acknowledgesControl = (c.ackAwaitedSides & (1 << (1 - side))) != 0
                && acknowledgesAwaited(c, side, flags, ack);
        boolean keep = c.eventCount() < TcpConnection.LEADING_PACKETS || control || acknowledgesControl
                || (c.finSeen && c.afterFin < TcpConnection.AFTER_FIN_PACKETS);
        if (c.finSeen && !control) {
            c.afterFin++;
        }
        if ((flags & TcpHeader.FIN) != 0) {
            c.finSeen = true;
        }
        if ((flags & (TcpHeader.SYN | TcpHeader.FIN)) != 0 && (flags & TcpHeader.RST) == 0) {
            // Each counts as one byte of sequence space (RFC 9293 3.4), after any data it carries.
            c.side(side).ackAwaited = (seq + payload + 1) & 0xFFFFFFFFL;
            c.ackAwaitedSides |= 1 << side;
        }
        if (!keep || c.eventCount() >= TcpConnection.MAX_EVENTS) {
            if (keep) {
                c.eventsDropped++;
            }
            c.passOver(side, payload);
            return;
        }
        c.addEvent(number, nanos, side, flags, seq, ack, payload, TcpHeader.window(b, at));
        kept = true;
    }

    /**
     * True for the first packet whose ACK covers the other side's last SYN or FIN (RFC 9293
     * 3.5 and 3.10.7.4: the ACK that moves that side to ESTABLISHED, or on from FIN-WAIT-1,
     * CLOSING or LAST-ACK), which is then no longer awaited.
     */
    private static boolean acknowledgesAwaited(TcpConnection c, int side, int flags, long ack) {
        TcpConnection.Direction controlSender = c.side(1 - side);
        if ((flags & TcpHeader.ACK) == 0 || (flags & TcpHeader.RST) != 0 || (int) (ack - controlSender.ackAwaited) < 0) {
            return false;
        }
        controlSender.ackAwaited = -1;
        c.ackAwaitedSides &= ~(1 << (1 - side));
        return true;
    }

    /** Running per-side data and acknowledgment edges, to tell whether a RST left data unacknowledged. */
    private static void trackAcknowledgments(TcpConnection c, int side, int flags, long seq, long ack, int payload) {
        boolean rst = (flags & TcpHeader.RST) != 0;
        if (rst && !c.resetSeen && !droppedInSynSent(c, side, flags, ack)) {
            c.resetSeen = true;
            for (int s = 0; s < 2; s++) {
                TcpConnection.Direction d = c.side(s);
                if (d.dataEnd >= 0 && (d.ackedUpTo < 0 || (int) (d.ackedUpTo - d.dataEnd) < 0)) {
                    c.unacknowledgedAtReset = true;
                }
            }
            c.unacknowledgedAtReset |= payload > 0;
        }
        if (payload > 0 && !rst) {
            long end = (seq + payload) & 0xFFFFFFFFL;
            TcpConnection.Direction sender = c.side(side);
            if (sender.dataEnd < 0 || (int) (end - sender.dataEnd) > 0) {
                sender.dataEnd = end;
            }
        }
        if ((flags & TcpHeader.ACK) != 0 && !rst) {
            TcpConnection.Direction receiver = c.side(1 - side);
            if (receiver.ackedUpTo < 0 || (int) (ack - receiver.ackedUpTo) > 0) {
                receiver.ackedUpTo = ack;
            }
        }
    }
}
