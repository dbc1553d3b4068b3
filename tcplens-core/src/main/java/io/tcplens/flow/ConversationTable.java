package io.tcplens.flow;

import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import java.nio.ByteBuffer;

/**
 * Finds each TCP packet's conversation, numbering conversations 0, 1, 2, ... by first packet as
 * Wireshark's {@code tcp.stream} does. A SYN whose sequence number differs from the base already
 * known for its direction starts a new conversation on the same ports (port reuse).
 *
 * <p>Memory is bounded: at most {@code maxConversations} are tracked; beyond that the one idle
 * longest is dropped (and counted), so a flood of spoofed SYNs cannot exhaust the heap.
 */
public final class ConversationTable {
    /** Three quarters of 2^20: the flow table, kept at most 3/4 full, then never outgrows 2^20 slots (56 MB). */
    public static final int DEFAULT_MAX_CONVERSATIONS = 3 << 18;
    /**
     * Bytes of a TCP header that tshark reads before it looks up the conversation: the ports,
     * numbers, offset, flags and window (checked with tshark 4.0 on quotes of 8 to 20 bytes and on
     * segments a snaplen cut after 10 to 24 bytes). A segment cut shorter has no stream.
     */
    public static final int CONVERSATION_MIN_LENGTH = 16;
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;
    /** Conversations whose idle times decide the eviction cutoff. */
    private static final int EVICTION_SAMPLE = 4096;

    /** Told about conversations that stop being tracked (replaced by reuse, evicted, or at the end). */
    public interface Listener {
        void finished(TcpConversation conversation);

        /**
         * The conversation's analysis may be released now: it closed a while ago, or it was a bare attempt.
         * The conversation itself stays, small, so that late packets keep its stream number.
         */
        default void release(TcpConversation conversation) { }
    }

    /**
     * Analysis state is released this long after both FINs or a RST (capture time): Zeek's
     * tcp_close_delay, so late ACKs and RSTs count as Zeek counts them. Captures can open tens of
     * thousands of connections a second, so memory must follow the connections open at once.
     */
    public static final long ENGINE_CLOSE_LINGER_NANOS = 5_000_000_000L;
    /** Analysis state of a connection that never got an answer (only SYNs) is released after this idle time: SYN retransmissions back off to about a minute. */
    public static final long ENGINE_ATTEMPT_IDLE_NANOS = 75_000_000_000L;

    /** Marks a conversation whose analysis was released; later packets only keep its numbering. */
    static final Object RELEASED = new Object();
    /**
     * Marks a conversation whose connection was released after its close delay: Zeek has removed
     * that connection, and a later packet on the ports (a stray ACK, a late RST) is a new one, with
     * its own row, in the same tshark stream.
     */
    static final Object CLOSED = new Object();

    private final FlowTable<TcpConversation> live = new FlowTable<>();
    private final FlowKey probe = new FlowKey();
    private final int maxConversations;
    private final boolean vlanAware;
    private final Listener listener;
    private long nextStream;
    private long evicted;
    private int direction;
    private boolean reused;
    private long beforeSeconds;
    private int beforeNano;
    private long latestNanos = Long.MIN_VALUE;
    private long lastSweepNanos = Long.MIN_VALUE;
    private int sweepCursor;

    public ConversationTable() {
        this(DEFAULT_MAX_CONVERSATIONS, c -> { });
    }

    public ConversationTable(int maxConversations, Listener listener) {
        this(maxConversations, false, listener);
    }

    /**
     * @param vlanAware key conversations by VLAN ids too (Zeek's vlan_fivetuple policy): the same
     *                  addresses and ports on two VLANs are two conversations. Off by default, as
     *                  in tshark and default Zeek, because one connection's two directions can be
     *                  tagged differently (a SPAN port tagging one way, routing between VLANs).
     */
    public ConversationTable(int maxConversations, boolean vlanAware, Listener listener) {
        this.maxConversations = maxConversations;
        this.vlanAware = vlanAware;
        this.listener = listener;
    }

    /**
     * The conversation of the packet's own TCP layer, or null when it has none (or fewer than
     * {@link #CONVERSATION_MIN_LENGTH} bytes of its header were captured). {@link #direction()}
     * then tells which side sent it.
     */
    public TcpConversation lookup(Packet packet) {
        int tcp = packet.tcp();
        reused = false;
        if (tcp < 0 || !packet.has(tcp, 0, CONVERSATION_MIN_LENGTH)) {
            return null;
        }
        direction = vlanAware ? probe.loadWithVlans(packet, tcp) : probe.load(packet, tcp);
        return direction < 0 ? null : lookup(packet, tcp);
    }

    /**
     * The conversation of a TCP header quoted in an ICMP error, created when there is none, as
     * tshark 4.0 does: its TCP dissector runs on the quote and finds or makes the conversation
     * (and a quoted SYN with a new ISN starts a new one), so the quote can take a stream number
     * before any packet of the connection. Null when fewer than {@link #CONVERSATION_MIN_LENGTH} bytes
     * were quoted: tshark stops reading the header before the conversation then.
     */
    public TcpConversation lookupQuoted(Packet packet, int quotedTcp) {
        reused = false;
        if (!packet.has(quotedTcp, 0, CONVERSATION_MIN_LENGTH)) {
            return null;
        }
        direction = vlanAware ? probe.loadQuotedWithVlans(packet, quotedTcp) : probe.loadQuoted(packet, quotedTcp);
        return direction < 0 ? null : lookup(packet, quotedTcp);
    }

    /** The conversation of the TCP layer at {@code tcp}, whose key the probe holds. */
    private TcpConversation lookup(Packet packet, int tcp) {
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        long now = packet.record().epochNanos();
        if (now > latestNanos) {
            latestNanos = now;
            if (lastSweepNanos == Long.MIN_VALUE) {
                lastSweepNanos = now;
            } else if (now - lastSweepNanos >= SWEEP_INTERVAL_NANOS) {
                sweep(now);
                lastSweepNanos = now;
            }
        }
        TcpConversation c = live.get(probe);
        int flags = TcpHeader.flags(b, at);
        if (c != null && (flags & TcpHeader.SYN) != 0 && c.baseSet(direction)
                && TcpHeader.sequence(b, at) != c.base(direction)) {
            // A SYN with a new initial sequence number: the ports were reused for a new
            // connection (Wireshark: "TCP Port numbers reused"). A SYN starts a new stream; a
            // SYN-ACK only restarts its own direction's numbering, as tshark 4.0 keeps it in the
            // same stream.
            reused = true;
            if ((flags & TcpHeader.ACK) == 0) {
                live.remove(probe);
                drop(c);
                c = null;
            } else {
                c.restartNumbering(direction);
            }
        }
        boolean created = c == null;
        if (c == null) {
            if (live.size() >= maxConversations) {
                evictIdlest();
            }
            // The conversation copies the key's fields in: no key object per conversation.
            c = new TcpConversation(probe, nextStream++);
            c.firstSeconds = packet.record().epochSeconds();
            c.firstNano = packet.record().nanos();
            c.previousSeconds = c.firstSeconds;
            c.previousNano = c.firstNano;
            live.put(c);
        }
        c.lastSeenNanos = Math.max(c.lastSeenNanos, now);
        // Capture order, not the latest time: a packet stamped earlier than the one before it
        // has a negative delta, as tshark shows it (packet-tcp.c, tcp_calculate_timestamps).
        beforeSeconds = c.previousSeconds;
        beforeNano = c.previousNano;
        c.previousSeconds = packet.record().epochSeconds();
        c.previousNano = packet.record().nanos();
        if (((flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0 || c.engineState == CLOSED) && !created) {
            live.dueNowFound();
        }
        if ((flags & TcpHeader.FIN) != 0) {
            c.finSides |= 1 << direction;
            if (c.closingInitiator < 0 && TcpHeader.headerLength(b, at) >= TcpHeader.MIN_LENGTH) {
                c.closingInitiator = (byte) direction;
            }
        }
        if ((flags & TcpHeader.RST) != 0) {
            c.rstSeen = true;
        }
        return c;
    }

    /**
     * Releases the connection analysis of closed and abandoned conversations (capture time, not
     * wall time). The conversation itself, with its sequence analysis, stays until the table is
     * full, as tshark forgets no conversation: a packet on the same ports minutes or hours later
     * keeps its stream number and is analysed against what came before, and a SYN with a new ISN
     * is port reuse (checked with tshark 4.0 on pathspider's real.pcap, where the ports of a
     * connection closed 204 s earlier come back, and on samples/stream-corner-cases.pcap). The
     * table's cap bounds the memory as before: a flood of spoofed SYNs filled it within the old
     * ten-minute idle timeout too.
     */
    private void sweep(long now) {
        // A quarter of the table per second of capture time: every entry is looked at every
        // four seconds, and a sweep never stalls on a large table. An entry is only read when
        // its due time has come (see nextCheck), so most visits cost no cache miss.
        sweepCursor = live.sweep(now, c -> {
            long idle = now - c.lastSeenNanos;
            if (c.closed() && idle >= ENGINE_CLOSE_LINGER_NANOS) {
                release(c, CLOSED);
            } else if (c.completeness == TcpConversation.COMPLETENESS_SYN && idle >= ENGINE_ATTEMPT_IDLE_NANOS) {
                release(c, RELEASED);
            }
            return nextCheck(c);
        }, sweepCursor, Math.max(1024, live.capacity() / 4));
    }

    /** Releases the conversation's analysis now. */
    void release(TcpConversation c) {
        release(c, RELEASED);
    }

    /** Releases the conversation's analysis, leaving the marker that says why. */
    private void release(TcpConversation c, Object marker) {
        if (engineLive(c)) {
            listener.release(c);
            c.engineState = marker;
        }
    }

    private static boolean engineLive(TcpConversation c) {
        return c.engineState != null && c.engineState != RELEASED && c.engineState != CLOSED;
    }

    /**
     * The earliest capture time at which one of the sweep's timeouts can apply to the
     * conversation as it stands ({@link Long#MAX_VALUE}: none). Later packets only push these
     * times back, except SYN, FIN and RST, which can close a conversation or make it a bare
     * attempt: lookup makes it due again then.
     */
    private static long nextCheck(TcpConversation c) {
        long last = c.lastSeenNanos;
        long next = Long.MAX_VALUE;
        if (engineLive(c)) {
            if (c.closed()) {
                next = last + ENGINE_CLOSE_LINGER_NANOS;
            } else if (c.completeness == TcpConversation.COMPLETENESS_SYN) {
                next = last + ENGINE_ATTEMPT_IDLE_NANOS;
            }
        }
        return next;
    }

    /** Side (0 or 1, in FlowKey order) that sent the packet last looked up. */
    public int direction() { return direction; }

    /**
     * Capture time of the packet before the one last looked up in its conversation (its own time
     * when it was the first), Wireshark's reference for tcp.time_delta: quoted headers in ICMP
     * errors count as packets of their conversation too, as in tshark. Seconds, and {@link #beforeNano}.
     */
    public long beforeSeconds() { return beforeSeconds; }

    /** The nanoseconds within {@link #beforeSeconds}. */
    public int beforeNano() { return beforeNano; }

    /** True when the packet last looked up started a new conversation on reused ports. */
    public boolean reused() { return reused; }

    /** Conversations dropped because the table was full. */
    public long evicted() { return evicted; }

    public int size() { return live.size(); }

    /** Visits every conversation tracked, in no particular order. */
    void forEachConversation(java.util.function.Consumer<TcpConversation> visit) {
        live.forEach(visit);
    }

    /** Hands every conversation still tracked to the listener (at the end of the capture). */
    public void finishAll() {
        live.forEach(this::drop);
        live.clear();
    }

    /** The conversation leaves the table: the listener hears of it, then its application state is released. */
    private void drop(TcpConversation c) {
        listener.finished(c);
        c.releaseApplicationState();
    }

    /**
     * Drops the conversations idle longest: about an eighth of the table at once, so that the
     * pass this needs is paid rarely (it runs only when the table is full). The cutoff time is
     * the eighth-quantile of a sample of the table, not of all of it: sorting the whole table's
     * times each time made a flood of spoofed SYNs spend most of its time sorting.
     */
    private void evictIdlest() {
        int toDrop = Math.max(1, maxConversations / 8);
        long[] sample = new long[Math.min(live.size(), EVICTION_SAMPLE)];
        int[] n = {0};
        // Every k-th conversation in table order: the order of hashes, unrelated to age.
        int step = Math.max(1, live.size() / sample.length);
        int[] seen = {0};
        live.forEach(c -> {
            if (seen[0]++ % step == 0 && n[0] < sample.length) {
                sample[n[0]++] = c.lastSeenNanos;
            }
        });
        java.util.Arrays.sort(sample, 0, n[0]);
        long cutoff = sample[Math.max(0, Math.min(n[0] - 1, (int) ((long) n[0] * toDrop / live.size()) - 1))];
        int[] dropped = {0};
        live.removeIf(c -> {
            if (dropped[0] < toDrop && c.lastSeenNanos <= cutoff) {
                drop(c);
                evicted++;
                dropped[0]++;
                return true;
            }
            return false;
        });
    }
}
