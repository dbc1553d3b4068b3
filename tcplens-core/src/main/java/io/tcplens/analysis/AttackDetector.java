package io.tcplens.analysis;

import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.FlowEntry;
import io.tcplens.flow.FlowKey;
import io.tcplens.flow.FlowTable;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds SYN floods, SYN scans and SYN-ACK backscatter from the wire.
 *
 * <p>A SYN flood is counted in half-open connections, not SYN packets: a SYN opens one, its
 * handshake's final ACK or a RST closes it, and one left longer than the half-open timeout
 * expires (as a server's SYN-RECEIVED entry would). The backlog of a target (address and port)
 * is how many are open at once; a busy legitimate server completes its handshakes within a
 * round trip, so its backlog stays small however many connections it takes per second.
 *
 * <p>Memory is bounded under a spoofed flood of millions of SYNs: pending half-open
 * connections, remembered sources and scan pairs each have a cap; beyond it the oldest are
 * dropped and counted, and counts say "at least".
 */
public final class AttackDetector {

    /** Thresholds, printed with each alert. */
    public record Thresholds(int backlog, double halfOpenTimeoutSeconds, int scanPorts, int backscatter) {
        public static final Thresholds DEFAULTS = new Thresholds(100, 30, 25, 50);
    }

    /** One alert: what, against whom, when, and the numbers behind it. */
    public record Alert(String kind, String target, long firstNanos, long lastNanos, Map<String, Object> evidence) { }

    /** Half-open connections remembered at once; a flood beyond it is reported as "at least". */
    static final int MAX_PENDING = 1 << 18;
    static final int MAX_SOURCES_PER_TARGET = 100_000;
    static final int MAX_TARGETS = 100_000;
    static final int MAX_SCAN_PAIRS = 200_000;
    /** Flows remembered to tell an unsolicited SYN-ACK or RST (the first packet of its flow). */
    static final int MAX_FLOWS_SEEN = 1 << 18;

    private final Thresholds thresholds;
    private final long timeoutNanos;
    private final FlowKey probe = new FlowKey();
    private final FlowTable<HalfOpen> pending = new FlowTable<>();
    private final ArrayDeque<HalfOpen> byAge = new ArrayDeque<>();
    private final FlowTable<SeenFlow> flowsSeen = new FlowTable<>();
    private final OrderedLongMap<Target> targets = new OrderedLongMap<>();
    private final OrderedLongMap<Scan> scans = new OrderedLongMap<>();
    private final OrderedLongMap<Backscatter> backscatter = new OrderedLongMap<>();
    /** Sources that sent something other than a bare SYN (spoofed ones never do). */
    private final OrderedLongMap<Void> talkers = OrderedLongMap.keysOnly();
    private long evictedHalfOpen;
    private long flowsForgotten;

    private final Function<byte[], String> addressText;

    /** @param addressText how addresses are written in alerts (the report layer's format) */
    public AttackDetector(Thresholds thresholds, Function<byte[], String> addressText) {
        this.thresholds = thresholds;
        this.addressText = addressText;
        this.timeoutNanos = (long) (thresholds.halfOpenTimeoutSeconds() * 1e9);
    }

    /** A server endpoint that SYNs were sent to. */
    private static final class Target {
        final byte[] address;
        final int port;
        int backlog;
        int peak;
        long peakNanos;
        long episodeStart;
        long firstSyn = -1;
        long lastSyn;
        long syns;
        long halfOpened;
        long synAcks;
        long completed;
        long expired;
        long reset;
        long alertFirst = -1;
        long alertLast;
        long alertSyns;
        final OrderedLongMap<Void> sources = OrderedLongMap.keysOnly();
        boolean sourcesCapped;
        final OrderedLongMap<Void> completedSources = OrderedLongMap.keysOnly();
        final int[] ttls = new int[256];
        final BitSet prefixes = new BitSet(1 << 16);

        Target(byte[] address, int port) {
            this.address = address;
            this.port = port;
        }
    }

    /** A flow already seen: only its key matters. */
    private static final class SeenFlow extends FlowEntry {
        SeenFlow(FlowKey key) {
            super(key);
        }
    }

    /** A connection between SYN and handshake completion. */
    private static final class HalfOpen extends FlowEntry {
        final Target target;
        final int clientSide;
        final long synNanos;
        boolean open = true;
        boolean synAcked;

        HalfOpen(FlowKey key, Target target, int clientSide, long synNanos) {
            super(key);
            this.target = target;
            this.clientSide = clientSide;
            this.synNanos = synNanos;
        }
    }

    /** One source probing one host's ports. */
    private static final class Scan {
        final byte[] source;
        final byte[] host;
        final OrderedLongMap<Void> ports = OrderedLongMap.keysOnly();
        final OrderedLongMap<Void> open = OrderedLongMap.keysOnly();
        long first;
        long last;

        Scan(byte[] source, byte[] host) {
            this.source = source;
            this.host = host;
        }
    }

    /** SYN-ACKs and RSTs from one host that answer SYNs nobody here sent. */
    private static final class Backscatter {
        final byte[] host;
        long synAcks;
        long resets;
        final OrderedLongMap<Void> destinations = OrderedLongMap.keysOnly();
        long first;
        long last;

        Backscatter(byte[] host) {
            this.host = host;
        }
    }

    public void observe(Packet packet) {
        int tcp = packet.tcp();
        int ip = packet.network();
        if (tcp < 0 || ip < 0 || packet.quoted(tcp) || !packet.has(tcp, 0, TcpHeader.MIN_LENGTH)) {
            return;
        }
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        int flags = TcpHeader.flags(b, at);
        long now = packet.record().epochNanos();
        expire(now);
        int direction = probe.load(packet, tcp);
        if (direction < 0) {
            return;
        }
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0;
        boolean rst = (flags & TcpHeader.RST) != 0;
        boolean firstOfFlow = flowsSeen.get(probe) == null;
        if (firstOfFlow) {
            if (flowsSeen.size() >= MAX_FLOWS_SEEN) {
                flowsSeen.clear();
                flowsForgotten++;
            }
            flowsSeen.put(new SeenFlow(probe));
        }
        byte[] src = DatagramFlows.address(packet, ip, true);
        byte[] dst = DatagramFlows.address(packet, ip, false);
        int srcPort = TcpHeader.sourcePort(b, at);
        int dstPort = TcpHeader.destinationPort(b, at);
        if (!(syn && !ack)) {
            remember(talkers, addressKey(src));
        }
        HalfOpen h = pending.get(probe);
        if (syn && !ack) {
            scanProbe(src, dst, dstPort, now);
            if (h == null) {
                halfOpen(packet, ip, src, dst, dstPort, direction, now);
            }
            Target t = h != null ? h.target : targets.get(endpointKey(dst, dstPort));
            if (t != null) {
                t.syns++;
                t.lastSyn = now;
                if (t.alertFirst >= 0) {
                    t.alertSyns++;
                    t.alertLast = now;
                }
            }
            return;
        }
        if (syn && ack) {
            if (h != null && direction != h.clientSide) {
                if (!h.synAcked) {
                    h.synAcked = true;
                    h.target.synAcks++;
                }
                scanOpen(dst, src, srcPort);
            } else if (firstOfFlow) {
                unsolicited(src, dst, now, true);
            }
            return;
        }
        if (h == null) {
            if (rst && firstOfFlow) {
                unsolicited(src, dst, now, false);
            }
            return;
        }
        if (rst) {
            h.target.reset++;
            close(h);
        } else if (ack && direction == h.clientSide && h.synAcked) {
            // RFC 9293, section 3.5: the ACK of the SYN-ACK completes the handshake.
            h.target.completed++;
            remember(h.target.completedSources, addressKey(src));
            close(h);
        }
    }

    private void halfOpen(Packet packet, int ip, byte[] src, byte[] dst, int dstPort, int direction, long now) {
        long key = endpointKey(dst, dstPort);
        Target t = targets.get(key);
        if (t == null) {
            if (targets.size() >= MAX_TARGETS) {
                targets.removeValuesIf(x -> x.backlog == 0 && x.alertFirst < 0);
            }
            t = new Target(dst, dstPort);
            targets.put(key, t);
        }
        if (pending.size() >= MAX_PENDING) {
            // The oldest half-open connection goes first, as a full SYN queue would drop it.
            HalfOpen oldest = byAge.pollFirst();
            while (oldest != null && !oldest.open) {
                oldest = byAge.pollFirst();
            }
            if (oldest != null) {
                evictedHalfOpen++;
                oldest.target.expired++;
                close(oldest);
            }
        }
        HalfOpen h = new HalfOpen(probe, t, direction, now);
        pending.put(h);
        byAge.addLast(h);
        if (t.firstSyn < 0) {
            t.firstSyn = now;
        }
        if (t.backlog == 0) {
            t.episodeStart = now;
        }
        t.backlog++;
        t.halfOpened++;
        if (t.backlog > t.peak) {
            t.peak = t.backlog;
            t.peakNanos = now;
        }
        if (t.backlog >= thresholds.backlog() && t.alertFirst < 0) {
            t.alertFirst = t.episodeStart;
        }
        if (t.sources.size() < MAX_SOURCES_PER_TARGET) {
            t.sources.add(addressKey(src));
        } else {
            t.sourcesCapped = true;
        }
        int ttl = packet.layer(ip) == Layer.IPV4 ? packet.buffer(ip).get(packet.start(ip) + 8) & 0xFF
                : packet.buffer(ip).get(packet.start(ip) + 7) & 0xFF;
        t.ttls[ttl]++;
        t.prefixes.set(src.length == 4 ? ((src[0] & 0xFF) << 8) | (src[1] & 0xFF) : (int) (addressKey(src) & 0xFFFF));
    }

    private void close(HalfOpen h) {
        if (!h.open) {
            return;
        }
        h.open = false;
        h.target.backlog--;
        pending.remove(h);
    }

    /** Half-open connections older than the timeout expire, oldest first. */
    private void expire(long now) {
        for (HalfOpen h = byAge.peekFirst(); h != null; h = byAge.peekFirst()) {
            if (h.open && now - h.synNanos < timeoutNanos) {
                return;
            }
            byAge.pollFirst();
            if (h.open) {
                h.target.expired++;
                close(h);
            }
        }
    }

    private void scanProbe(byte[] src, byte[] dst, int port, long now) {
        long key = pairKey(src, dst);
        Scan s = scans.get(key);
        if (s == null) {
            if (scans.size() >= MAX_SCAN_PAIRS) {
                // A spoofed flood makes a pair per fake source, each with one port: those go.
                scans.removeValuesIf(x -> x.ports.size() < 3);
            }
            s = new Scan(src, dst);
            s.first = now;
            scans.put(key, s);
        }
        if (s.ports.size() < 65536) {
            s.ports.add(port);
        }
        s.last = now;
    }

    private void scanOpen(byte[] scanner, byte[] host, int port) {
        Scan s = scans.get(pairKey(scanner, host));
        if (s != null) {
            s.open.add(port);
        }
    }

    private void unsolicited(byte[] from, byte[] to, long now, boolean synAck) {
        long key = addressKey(from);
        Backscatter s = backscatter.get(key);
        if (s == null) {
            if (backscatter.size() >= MAX_TARGETS) {
                return;
            }
            s = new Backscatter(from);
            s.first = now;
            backscatter.put(key, s);
        }
        if (synAck) {
            s.synAcks++;
        } else {
            s.resets++;
        }
        if (s.destinations.size() < MAX_SOURCES_PER_TARGET) {
            s.destinations.add(addressKey(to));
        }
        s.last = now;
    }

    /** The alerts, once the capture has been read. */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (Target t : targets.values()) {
            if (t.alertFirst < 0) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("peak_backlog", t.peak);
            e.put("peak_backlog_at_least", evictedHalfOpen > 0 && t.peak >= MAX_PENDING / 2);
            e.put("peak_time", java.math.BigDecimal.valueOf(t.peakNanos, 9).setScale(6, java.math.RoundingMode.DOWN));
            e.put("syns", t.syns);
            e.put("half_open_connections", t.halfOpened);
            double span = Math.max(1e-3, (Math.max(t.alertLast, t.peakNanos) - t.alertFirst) / 1e9);
            e.put("syn_rate_per_second", Math.round(Math.max(t.alertSyns, t.peak) / span * 10) / 10.0);
            e.put("sources", t.sources.size());
            e.put("sources_at_least", t.sourcesCapped);
            long neverCompleted = 0;
            long silent = 0;
            for (int i = 0; i < t.sources.size(); i++) {
                long source = t.sources.keyAt(i);
                neverCompleted += t.completedSources.contains(source) ? 0 : 1;
                silent += talkers.contains(source) ? 0 : 1;
            }
            e.put("sources_never_completed_share", share(neverCompleted, t.sources.size()));
            e.put("sources_only_syn_share", share(silent, t.sources.size()));
            e.put("distinct_ttls", (int) java.util.Arrays.stream(t.ttls).filter(n -> n > 0).count());
            e.put("distinct_16_prefixes", t.prefixes.cardinality());
            e.put("spoofing_signs", t.sources.size() >= 50 && share(silent, t.sources.size()) > 0.9
                    && t.prefixes.cardinality() >= 10);
            e.put("server_answered_synacks", t.synAcks);
            e.put("server", t.synAcks == 0 ? "silent: no SYN-ACK seen (port filtered, host down, or not captured)"
                    : "answered with SYN-ACKs: resources really spent on half-open connections");
            e.put("completed_handshakes", t.completed);
            e.put("expired", t.expired);
            e.put("reset", t.reset);
            e.put("thresholds", thresholdText());
            out.add(new Alert("syn_flood", endpoint(t.address, t.port), t.alertFirst, Math.max(t.alertLast, t.lastSyn), e));
        }
        for (Scan s : scans.values()) {
            if (s.ports.size() < thresholds.scanPorts()) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("source", addressText.apply(s.source));
            e.put("ports_probed", s.ports.size());
            List<Integer> open = new ArrayList<>(s.open.size());
            for (int i = 0; i < s.open.size(); i++) {
                open.add((int) s.open.keyAt(i));
            }
            java.util.Collections.sort(open);
            e.put("open_ports", open);
            double span = Math.max(1e-3, (s.last - s.first) / 1e9);
            e.put("probes_per_second", Math.round(s.ports.size() / span * 10) / 10.0);
            e.put("thresholds", thresholdText());
            out.add(new Alert("syn_scan", addressText.apply(s.host), s.first, s.last, e));
        }
        for (Backscatter s : backscatter.values()) {
            if (s.synAcks + s.resets < thresholds.backscatter()) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("unsolicited_synacks", s.synAcks);
            e.put("unsolicited_resets", s.resets);
            e.put("destinations", s.destinations.size());
            e.put("meaning", "answers to SYNs nobody here sent: " + addressText.apply(s.host)
                    + " is probably under a SYN flood with spoofed sources that include these addresses");
            e.put("thresholds", thresholdText());
            out.add(new Alert("syn_ack_backscatter", addressText.apply(s.host), s.first, s.last, e));
        }
        out.sort(java.util.Comparator.comparingLong(Alert::firstNanos));
        return out;
    }

    /** How much the caps dropped: half-open connections evicted early, flow memory cleared. */
    public Map<String, Long> limits() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("half_open_evicted", evictedHalfOpen);
        m.put("flow_memory_cleared", flowsForgotten);
        return m;
    }

    private String thresholdText() {
        return "backlog >= " + thresholds.backlog() + " half-open, half-open timeout " + thresholds.halfOpenTimeoutSeconds()
                + " s, scan >= " + thresholds.scanPorts() + " ports, backscatter >= " + thresholds.backscatter() + " packets";
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static void remember(OrderedLongMap<Void> set, long key) {
        if (set.size() < 4 * MAX_SOURCES_PER_TARGET) {
            set.add(key);
        }
    }

    private static long addressKey(byte[] a) {
        long k = 0;
        for (byte x : a) {
            k = k * 1_000_003L + (x & 0xFF);
        }
        return a.length == 4 ? k & 0xFFFFFFFFL : k;
    }

    private String endpoint(byte[] a, int port) {
        String s = addressText.apply(a);
        return (a.length == 16 ? "[" + s + "]" : s) + ":" + port;
    }

    private static long endpointKey(byte[] a, int port) {
        return addressKey(a) * 65_537L + port;
    }

    private static long pairKey(byte[] source, byte[] destination) {
        return addressKey(source) * 1_000_000_007L + addressKey(destination);
    }
}
