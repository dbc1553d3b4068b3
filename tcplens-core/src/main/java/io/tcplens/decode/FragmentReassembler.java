package io.tcplens.decode;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IPv4 and IPv6 fragment reassembly (RFC 791, section 3.2; RFC 8200, section 4.5). Fragments
 * are copied aside until the datagram is whole; then its transport bytes are handed back in one
 * reused buffer. Memory is bounded by {@link Limits}: the oldest datagram is evicted when a
 * limit is reached, and evictions are counted. Fragments themselves allocate (they are rare);
 * unfragmented packets never touch this class.
 */
public final class FragmentReassembler {

    /** The bounds of reassembly; exceeding one evicts and counts, never fails. */
    public record Limits(int maxDatagrams, int maxDatagramBytes, long maxPendingBytes, long timeoutNanos) {
        /** 1024 datagrams in progress, 64 KiB each (the IPv4 maximum), 64 MiB in all, 30 s (RFC 791 suggests 15 s or more). */
        public static final Limits DEFAULT = new Limits(1024, 65_535 + 8, 64L << 20, 30_000_000_000L);
    }

    private static final class Datagram {
        final byte[] data;
        /** One bit per 8-byte block received. */
        final long[] received;
        int totalLength = -1;
        int protocol;
        final long firstSeen;

        Datagram(int capacity, long firstSeen) {
            this.data = new byte[capacity];
            this.received = new long[(capacity / 8 + 64) / 64];
            this.firstSeen = firstSeen;
        }

        boolean complete() {
            if (totalLength < 0) {
                return false;
            }
            int blocks = (totalLength + 7) / 8;
            for (int i = 0; i < blocks; i++) {
                if ((received[i >>> 6] & (1L << (i & 63))) == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Key(int version, long srcHigh, long srcLow, long dstHigh, long dstLow, int id, int protocol) { }

    private final Limits limits;
    private final Map<Key, Datagram> pending = new LinkedHashMap<>();
    private final ByteBuffer output;
    private long pendingBytes;
    private long reassembled;
    private long evicted;

    public FragmentReassembler(Limits limits) {
        this.limits = limits;
        this.output = ByteBuffer.allocate(limits.maxDatagramBytes());
    }

    /** Datagrams completed so far. */
    public long reassembled() { return reassembled; }

    /** Datagrams dropped unfinished because a limit or the timeout was reached. */
    public long evicted() { return evicted; }

    /** Datagrams still waiting for fragments. */
    public int pending() { return pending.size(); }

    ByteBuffer addIpv4(Packet packet, ByteBuffer b, int ip, int headerLength, int capturedEnd, int datagramEnd) {
        if (datagramEnd > capturedEnd) {
            return null;
        }
        Key key = new Key(4, 0, Ipv4Header.source(b, ip), 0, Ipv4Header.destination(b, ip),
                Ipv4Header.identification(b, ip), Ipv4Header.protocol(b, ip));
        return add(packet, key, b, ip + headerLength, capturedEnd, Ipv4Header.fragmentOffset(b, ip),
                Ipv4Header.moreFragments(b, ip), Ipv4Header.protocol(b, ip));
    }

    ByteBuffer addIpv6(Packet packet, ByteBuffer b, int ip, int fragmentHeader, int nextHeader, int capturedEnd,
                       int datagramEnd) {
        if (datagramEnd > capturedEnd) {
            return null;
        }
        Key key = new Key(6, b.getLong(ip + 8), b.getLong(ip + 16), b.getLong(ip + 24), b.getLong(ip + 32),
                Ipv6Header.fragmentIdentification(b, fragmentHeader), 0);
        return add(packet, key, b, fragmentHeader + Ipv6Header.FRAGMENT_HEADER_LENGTH, capturedEnd,
                Ipv6Header.fragmentOffset(b, fragmentHeader), Ipv6Header.moreFragments(b, fragmentHeader), nextHeader);
    }

    private ByteBuffer add(Packet packet, Key key, ByteBuffer b, int payload, int end, int offset, boolean more,
                           int protocol) {
        long now = packet.record().epochNanos();
        expire(now);
        int length = end - payload;
        int capacity = limits.maxDatagramBytes();
        if (offset + length > capacity || (more && length % 8 != 0)) {
            packet.problem(Problem.BAD_FRAGMENT);
            return null;
        }
        Datagram d = pending.get(key);
        if (d == null) {
            while (pending.size() >= limits.maxDatagrams() || pendingBytes + capacity > limits.maxPendingBytes()) {
                if (!evictOldest()) {
                    packet.problem(Problem.FRAGMENT_LIMIT);
                    return null;
                }
            }
            d = new Datagram(capacity, now);
            pending.put(key, d);
            pendingBytes += capacity;
        }
        if (offset == 0) {
            d.protocol = protocol;
        }
        for (int i = 0; i < length; i++) {
            byte value = b.get(payload + i);
            int block = (offset + i) >>> 3;
            boolean seen = (d.received[block >>> 6] & (1L << (block & 63))) != 0;
            if (seen && d.data[offset + i] != value) {
                packet.problem(Problem.BAD_FRAGMENT);
                break;
            }
        }
        b.get(payload, d.data, offset, length);
        for (int block = offset >>> 3; block < (offset + length + 7) >>> 3; block++) {
            d.received[block >>> 6] |= 1L << (block & 63);
        }
        if (!more) {
            d.totalLength = offset + length;
        }
        if (!d.complete()) {
            return null;
        }
        pending.remove(key);
        pendingBytes -= capacity;
        reassembled++;
        output.clear();
        output.put(d.data, 0, d.totalLength);
        output.flip();
        return output;
    }

    private void expire(long now) {
        Iterator<Datagram> it = pending.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            if (now - d.firstSeen <= limits.timeoutNanos()) {
                break;
            }
            it.remove();
            pendingBytes -= d.data.length;
            evicted++;
        }
    }

    private boolean evictOldest() {
        Iterator<Datagram> it = pending.values().iterator();
        if (!it.hasNext()) {
            return false;
        }
        pendingBytes -= it.next().data.length;
        it.remove();
        evicted++;
        return true;
    }
}
