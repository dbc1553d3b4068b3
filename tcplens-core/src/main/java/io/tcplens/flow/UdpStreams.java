package io.tcplens.flow;

import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Wireshark's UDP conversations ({@code udp.stream}): each pair of addresses and ports, in either
 * direction, numbered 0, 1, 2, ... by its first datagram, for every UDP header of a packet (a
 * tunnel's and the one inside it, and the one an ICMP error quotes, as tshark's UDP dissector
 * finds or makes the conversation of each), with the times since the stream's first and previous
 * datagram (udp.time_relative, udp.time_delta, which tshark 4.0 calculates by default). A header with a length below 8 has no
 * conversation (packet-udp.c returns before it). Memory is bounded: beyond {@link #MAX_STREAMS}
 * conversations the oldest is forgotten (and counted), and a datagram of it that comes back
 * later takes a new number, where tshark, which forgets none, keeps the old one.
 */
public final class UdpStreams {
    public static final int MAX_STREAMS = 1 << 20;
    private static final int UDP = 17;

    /** One conversation: its number and the times of its first datagram and of its latest timed one. */
    private static final class Stream {
        final long number;
        final long firstSeconds;
        final int firstNano;
        long previousSeconds;
        int previousNano;

        Stream(long number, long seconds, int nano) {
            this.number = number;
            this.firstSeconds = seconds;
            this.firstNano = nano;
            this.previousSeconds = seconds;
            this.previousNano = nano;
        }
    }

    private final ForgettingMap<FlowKey, Stream> streams = new ForgettingMap<>(MAX_STREAMS);
    /** Loaded for each lookup; a copy keys a new stream, so a packet of a known one allocates nothing. */
    private final FlowKey probe = new FlowKey();
    private long next;
    // The results for the last packet observed, by layer index.
    private Stream[] byLayer = new Stream[8];
    /** For a timed datagram, the time of its stream's previous timed one (udp.time_delta's reference). */
    private long[] beforeSeconds = new long[8];
    private int[] beforeNanos = new int[8];

    /** Takes the packet's UDP headers into account. */
    public void observe(Packet p) {
        if (byLayer.length < p.layerCount()) {
            byLayer = new Stream[p.layerCount()];
            beforeSeconds = new long[p.layerCount()];
            beforeNanos = new int[p.layerCount()];
        }
        Arrays.fill(byLayer, null);
        long seconds = p.record().epochSeconds();
        int nano = p.record().nanos();
        for (int i = 0; i < p.layerCount(); i++) {
            if (p.layer(i) != Layer.UDP || !p.has(i, 0, 8)) {
                continue;
            }
            ByteBuffer b = p.buffer(i);
            int at = p.start(i);
            int ip = p.ipBefore(i);
            if (ip < 0 || (b.getShort(at + 4) & 0xFFFF) < 8 && !(p.layer(ip) == Layer.IPV6 && (b.getShort(at + 4) & 0xFFFF) == 0)) {
                continue;
            }
            probe.loadEndpoints(p, ip, b.getShort(at) & 0xFFFF, b.getShort(at + 2) & 0xFFFF, UDP);
            Stream s = streams.get(probe);
            if (s == null) {
                s = new Stream(next++, seconds, nano);
                streams.put(probe.copy(), s);
            }
            byLayer[i] = s;
            // Only a datagram of its own with data moves the stream's latest time (packet-udp.c:
            // udp_handle_timestamps runs neither for an ICMP error's quote nor for an empty payload).
            if (!p.quoted(i) && (b.getShort(at + 4) & 0xFFFF) != 8) {
                beforeSeconds[i] = s.previousSeconds;
                beforeNanos[i] = s.previousNano;
                s.previousSeconds = seconds;
                s.previousNano = nano;
            }
        }
    }

    /** The udp.stream of the UDP header at layer {@code i} of the packet last observed, or -1. */
    public long stream(int i) {
        return i < byLayer.length && byLayer[i] != null ? byLayer[i].number : -1;
    }

    /** Capture time of the first datagram of the stream at layer {@code i} (udp.time_relative's reference): seconds, and {@link #firstNano}. */
    public long firstSeconds(int i) { return byLayer[i].firstSeconds; }

    public int firstNano(int i) { return byLayer[i].firstNano; }

    /**
     * For a datagram with data of its own at layer {@code i}, the capture time of its stream's
     * previous one (its own for the first: udp.time_delta's reference): seconds, and {@link #beforeNano}.
     */
    public long beforeSeconds(int i) { return beforeSeconds[i]; }

    public int beforeNano(int i) { return beforeNanos[i]; }

    /** Conversations forgotten because {@link #MAX_STREAMS} were kept. */
    public long forgotten() { return streams.forgotten(); }
}
