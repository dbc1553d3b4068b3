package io.tcplens.flow;

import io.tcplens.decode.IcmpTypes;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import java.nio.ByteBuffer;

/**
 * Pairs ICMP and ICMPv6 echo replies with their requests in one pass, as Wireshark does: a reply
 * answers the last request seen before it between the same two hosts (either way: tshark 4.0
 * pairs a reply sent in the request's own direction too) with the same identifier and sequence
 * number, if no reply answered it yet (tshark's "(request in N)"). Bounded: past
 * {@link #MAX_PENDING} requests the oldest is forgotten, and counted.
 */
public final class IcmpEchoPairs {
    public static final int MAX_PENDING = 1 << 16;
    private static final int ECHO_HEADER = 8;

    private record Key(boolean v6, long from0, long from1, long to0, long to1, int idAndSequence) { }

    /** An echo request waiting for its reply: its frame and capture time. */
    private record Request(long frame, long seconds, int nano) { }

    private final ForgettingMap<Key, Request> requests = new ForgettingMap<>(MAX_PENDING);
    private long requestSeconds;
    private int requestNano;

    /**
     * Takes the packet into account; returns the frame number of the request that the packet,
     * an echo reply, answers, or 0 (no reply, or no request seen for it).
     */
    public long observe(Packet p) {
        int t = p.transport();
        int ip = p.network();
        if (t < 0 || ip < 0 || p.layer(t) != Layer.ICMP && p.layer(t) != Layer.ICMPV6 || !p.has(t, 0, ECHO_HEADER)) {
            return 0;
        }
        ByteBuffer b = p.buffer(t);
        int at = p.start(t);
        int type = b.get(at) & 0xFF;
        boolean v4 = p.layer(t) == Layer.ICMP && p.layer(ip) == Layer.IPV4;
        boolean v6 = p.layer(t) == Layer.ICMPV6 && p.layer(ip) == Layer.IPV6;
        boolean request = v4 && type == IcmpTypes.ECHO_REQUEST || v6 && type == IcmpTypes.ICMPV6_ECHO_REQUEST;
        boolean reply = v4 && type == IcmpTypes.ECHO_REPLY || v6 && type == IcmpTypes.ICMPV6_ECHO_REPLY;
        if (!request && !reply) {
            return 0;
        }
        ByteBuffer ipBytes = p.buffer(ip);
        int source = p.start(ip) + (v4 ? 12 : 8);
        int destination = p.start(ip) + (v4 ? 16 : 24);
        int idAndSequence = b.getInt(at + 4);
        Key key = key(v4, ipBytes, source, destination, idAndSequence);
        if (request) {
            requests.put(key, new Request(p.number(), p.record().epochSeconds(), p.record().nanos()));
            return 0;
        }
        // A request answers for its first reply only: a second reply names no request.
        Request found = requests.remove(key);
        if (found == null) {
            return 0;
        }
        requestSeconds = found.seconds();
        requestNano = found.nano();
        return found.frame();
    }

    /**
     * The time from the request the last reply answered to that reply, in billionths of a
     * millisecond (nanoseconds times 1,000), as Wireshark's icmp.resptime gives it in ms; the
     * reply's time in two parts, as a capture's time may lie past a long of nanoseconds.
     */
    public long responseBillionthsOfMs(long replySeconds, int replyNano) {
        long seconds = replySeconds - requestSeconds;
        long nanos = replyNano - requestNano;
        if (Math.abs(seconds) > Long.MAX_VALUE / 1_000_000_000_000L) {
            return seconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return (seconds * 1_000_000_000L + nanos) * 1000;
    }

    /** Requests forgotten unanswered because {@link #MAX_PENDING} were waiting. */
    public long forgotten() { return requests.forgotten(); }

    /** The two hosts in either order (Wireshark keys on the conversation, not the direction). */
    private static Key key(boolean v4, ByteBuffer b, int one, int other, int idAndSequence) {
        if (v4) {
            long x = b.getInt(one) & 0xFFFFFFFFL;
            long y = b.getInt(other) & 0xFFFFFFFFL;
            return new Key(false, Math.min(x, y), 0, Math.max(x, y), 0, idAndSequence);
        }
        long x0 = b.getLong(one);
        long x1 = b.getLong(one + 8);
        long y0 = b.getLong(other);
        long y1 = b.getLong(other + 8);
        boolean ordered = x0 < y0 || x0 == y0 && x1 <= y1;
        return ordered ? new Key(true, x0, x1, y0, y1, idAndSequence) : new Key(true, y0, y1, x0, x1, idAndSequence);
    }
}
