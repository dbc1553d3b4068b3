package io.tcplens.decode;

import io.tcplens.capture.PacketRecord;
import java.nio.ByteBuffer;

/**
 * One decoded packet: where each layer's header starts and ends in the capture buffer, and what
 * went wrong. Holds offsets, never copies; reused for every packet, so its contents are valid
 * until the decoder's next call. Layers inside an ICMP error (the quoted datagram) are marked
 * quoted; layers decoded from a reassembled IP datagram live in the reassembly buffer.
 */
public final class Packet {
    /** Layers followed at most: deeper tunnels and tag stacks stop with {@link Problem#TOO_MANY_LAYERS}. */
    public static final int MAX_LAYERS = 24;
    public static final int MAX_PROBLEMS = 8;

    private static final byte QUOTED = 1;
    private static final byte REASSEMBLED = 2;

    private final Layer[] layers = new Layer[MAX_LAYERS];
    private final int[] starts = new int[MAX_LAYERS];
    private final int[] headerLengths = new int[MAX_LAYERS];
    private final int[] capturedEnds = new int[MAX_LAYERS];
    private final int[] reportedEnds = new int[MAX_LAYERS];
    private final byte[] marks = new byte[MAX_LAYERS];
    private int count;

    private final Problem[] problems = new Problem[MAX_PROBLEMS];
    private final int[] problemLayers = new int[MAX_PROBLEMS];
    private int problemCount;

    PacketRecord record;
    long number;
    ByteBuffer reassembly;
    int transport;
    int network;
    int firstQuoted;
    boolean transportInFragment;

    void reset(PacketRecord record, long number) {
        this.record = record;
        this.number = number;
        count = 0;
        problemCount = 0;
        transport = -1;
        network = -1;
        firstQuoted = -1;
        transportInFragment = false;
    }

    /** Appends a layer; returns its index, or -1 when {@link #MAX_LAYERS} is reached. */
    int add(Layer layer, int start, int headerLength, int capturedEnd, int reportedEnd, boolean quoted,
            boolean reassembled) {
        if (count == MAX_LAYERS) {
            problem(Problem.TOO_MANY_LAYERS);
            return -1;
        }
        layers[count] = layer;
        starts[count] = start;
        headerLengths[count] = headerLength;
        capturedEnds[count] = capturedEnd;
        reportedEnds[count] = reportedEnd;
        marks[count] = (byte) ((quoted ? QUOTED : 0) | (reassembled ? REASSEMBLED : 0));
        if (quoted && firstQuoted < 0) {
            firstQuoted = count;
        }
        return count++;
    }

    void setHeaderLength(int index, int headerLength) {
        headerLengths[index] = headerLength;
    }

    /** Records a problem against the last layer added. */
    void problem(Problem problem) {
        if (problemCount < MAX_PROBLEMS) {
            problems[problemCount] = problem;
            problemLayers[problemCount] = count - 1;
            problemCount++;
        }
    }

    public PacketRecord record() { return record; }

    /** The frame number, 1-based, as tshark counts it. */
    public long number() { return number; }

    public int layerCount() { return count; }

    public Layer layer(int index) { return layers[index]; }

    /** Absolute index in {@link #buffer(int)} where the layer's header begins. */
    public int start(int index) { return starts[index]; }

    public int headerLength(int index) { return headerLengths[index]; }

    /** Exclusive end of the bytes the capture holds for this layer and what it carries. */
    public int capturedEnd(int index) { return capturedEnds[index]; }

    /**
     * Exclusive end of the layer's header as far as the capture holds it: where a walk over its
     * options must stop, since a header length may promise more bytes than a cut frame kept.
     */
    public int capturedHeaderEnd(int index) { return Math.min(starts[index] + headerLengths[index], capturedEnds[index]); }

    /**
     * Exclusive end of the layer as its own length fields report it, which may lie beyond
     * {@link #capturedEnd(int)} when the snaplen cut the packet.
     */
    public int reportedEnd(int index) { return reportedEnds[index]; }

    /** Start of what the layer carries. */
    public int payloadStart(int index) { return starts[index] + headerLengths[index]; }

    /** Bytes the layer carries after its header, as its length fields report them (0 when none). */
    public int payloadLength(int index) {
        return Math.max(0, reportedEnds[index] - starts[index] - headerLengths[index]);
    }

    /** Of {@link #payloadLength(int)}, the bytes the capture kept (a snapshot length may cut the rest). */
    public int payloadCaptured(int index) {
        return Math.max(0, Math.min(capturedEnds[index] - payloadStart(index), payloadLength(index)));
    }

    /** True for the datagram an ICMP error quotes. */
    public boolean quoted(int index) { return (marks[index] & QUOTED) != 0; }

    /** True when the layer was decoded from a reassembled IP datagram. */
    public boolean reassembled(int index) { return (marks[index] & REASSEMBLED) != 0; }

    /** The buffer holding the layer's bytes: the capture's, or the reassembly buffer. */
    public ByteBuffer buffer(int index) {
        return (marks[index] & REASSEMBLED) != 0 ? reassembly : record.buffer();
    }

    /** True when the field of {@code size} bytes at {@code offset} in the layer was captured. */
    public boolean has(int index, int offset, int size) {
        return starts[index] + offset + size <= capturedEnds[index];
    }

    /**
     * True when the TCP header at layer {@code index}, options included, was captured whole.
     * tshark 4.0 dissects a segment's options before it prints its sequence analysis, and
     * reading an option byte the capture cut (a small snaplen) throws: such a segment shows no
     * tcp.analysis field and no expert marker, though it still counts in the analysis.
     */
    public boolean tcpHeaderCaptured(int index) {
        return has(index, 0, TcpHeader.MIN_LENGTH) && has(index, 0, TcpHeader.headerLength(buffer(index), start(index)));
    }

    /**
     * The MPTCP options (RFC 8684) that Wireshark's option loop reaches in the captured TCP
     * header at {@code index}: its option dissector names each in frame.protocols ("mptcp") and
     * the segment MPTCP in the protocol column.
     */
    public int tcpMptcpOptions(int index) {
        int at = start(index);
        return tcpBogusHeaderLength(index) || !has(index, 0, TcpHeader.MIN_LENGTH) ? 0
                : TcpOptions.reached(buffer(index), at + TcpHeader.MIN_LENGTH, capturedHeaderEnd(index), TcpHeader.OPT_MPTCP);
    }

    /**
     * True when the TCP data offset at layer {@code index} says fewer than 20 bytes: tshark 4.0's
     * "bogus TCP header length", where it stops after the sequence number and the header length.
     */
    public boolean tcpBogusHeaderLength(int index) {
        return has(index, TcpHeader.DATA_OFFSET, 1) && TcpHeader.headerLength(buffer(index), start(index)) < TcpHeader.MIN_LENGTH;
    }

    /**
     * True when layer {@code index} is an IPv6 header of another version, which tshark 4.0's IPv6
     * dissector refuses after showing the version (PacketDecoder.ipv6): its protocols and
     * columns then show the bytes as data.
     */
    public boolean ipv6Refused(int index) {
        return layers[index] == Layer.IPV6 && has(index, 0, 1) && Ipv6Header.version(buffer(index), start(index)) != 6;
    }

    /**
     * True when the TCP data offset at layer {@code index} points past the segment's end on the
     * wire (not just in the capture): tshark 4.0's "short segment", with no length and no
     * sequence analysis.
     */
    public boolean tcpShortSegment(int index) {
        return has(index, TcpHeader.DATA_OFFSET, 1)
                && start(index) + TcpHeader.headerLength(buffer(index), start(index)) > reportedEnd(index);
    }

    /** Index of the IP layer nearest before layer {@code index} (the one that carries it), or -1. */
    public int ipBefore(int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (layers[i].isIp()) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first layer of the given kind, or -1. */
    public int find(Layer layer) {
        for (int i = 0; i < count; i++) {
            if (layers[i] == layer) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when a layer before {@code index} is one Zeek does not decode ({@link Layer#hiddenFromZeek}):
     * Zeek never sees what is inside it.
     */
    public boolean hiddenFromZeek(int index) {
        for (int i = 0; i < index && i < layerCount(); i++) {
            // MPLS in UDP (RFC 7510), and Ethernet right after an IP header (IP protocol 143,
            // SRv6's layer 2): Zeek decodes neither.
            if (layers[i].hiddenFromZeek() || (layers[i] == Layer.MPLS && i > 0 && layers[i - 1] == Layer.UDP)
                    || (layers[i] == Layer.ETHERNET && i > 0 && (layers[i - 1].isIp() || layers[i - 1].isIpv6Extension()))) {
                return true;
            }
        }
        return false;
    }

    /** Index of the packet's own transport layer (TCP, UDP, ICMP, ICMPv6; never a quoted one), or -1. */
    public int transport() { return transport; }

    /**
     * True when the layer is the packet's transport and came in an IPv4 first fragment that could
     * not join its datagram: how long its segment is, is unknown (Wireshark's pinfo->fragmented).
     */
    public boolean inUnreassembledFragment(int layer) { return transportInFragment && layer == transport; }

    /** Index of the IP layer that carries {@link #transport()}, or of the innermost unquoted IP, or -1. */
    public int network() { return network; }

    /** Index of the packet's own TCP layer, or -1. */
    public int tcp() { return transport >= 0 && layers[transport] == Layer.TCP ? transport : -1; }

    /** Index of the packet's own UDP layer, or -1. */
    public int udp() { return transport >= 0 && layers[transport] == Layer.UDP ? transport : -1; }

    public int problemCount() { return problemCount; }

    public Problem problem(int i) { return problems[i]; }

    /** The layer index the problem was found in, or -1 for the frame itself. */
    public int problemLayer(int i) { return problemLayers[i]; }

    public boolean hasProblem(Problem p) {
        for (int i = 0; i < problemCount; i++) {
            if (problems[i] == p) {
                return true;
            }
        }
        return false;
    }
}
