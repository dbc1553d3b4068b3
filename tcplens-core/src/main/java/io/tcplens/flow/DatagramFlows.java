package io.tcplens.flow;

import io.tcplens.decode.Ipv4Header;
import io.tcplens.decode.Ipv6Header;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * UDP and ICMP flows as Zeek's conn.log counts them: keyed by addresses and ports (ICMP message
 * types stand in for ports, an echo request and its reply are one flow), the first sender is
 * the originator unless only its port is a likely server port, and a flow idle for Zeek's
 * inactivity timeout (one minute) is finished; the next packet starts a new one.
 */
public final class DatagramFlows {
    /** Zeek's udp_inactivity_timeout and icmp_inactivity_timeout. */
    public static final long INACTIVITY_NANOS = 60_000_000_000L;
    public static final int MAX_FLOWS = 1 << 20;

    public interface Listener {
        void finished(Flow flow);
    }

    /** One UDP or ICMP flow; index 0 is the originator, 1 the responder. */
    public static final class Flow {
        final int protocol;
        final byte[][] address = new byte[2][];
        final int[] port = new int[2];
        final long[] packets = new long[2];
        final long[] ipBytes = new long[2];
        final long[] payload = new long[2];
        long firstNanos;
        long lastNanos;
        /** Side (in key order) of the originator. */
        int originatorSide;
        boolean selected;
        /** The UDP flows of the tunnels that carried this flow's packets (Zeek's tunnel_parents), or null. */
        TunnelParents tunnelParents;
        /** The tunnel this UDP flow carries (a Layer that isUdpTunnel), as the decoder found it; or null. */
        Layer tunnel;
        /** Inside a layer Zeek does not decode (its first packet was): Zeek logs no such flow. */
        boolean hiddenFromZeek;

        Flow(int protocol) {
            this.protocol = protocol;
        }

        /** 17 (UDP), 1 (ICMP) or 58 (ICMPv6). */
        public int protocol() { return protocol; }

        /** Marks the flow as chosen by a display filter (one of its packets matched). */
        public void select() { selected = true; }

        public boolean selected() { return selected; }

        /** Notes that one of this flow's packets came through the tunnel whose UDP flow is {@code parent}. */
        public void tunnelledBy(Flow parent) {
            tunnelParents = TunnelParents.add(tunnelParents, parent);
        }

        /** The tunnels' UDP flows that carried this flow's packets, in the order first seen. */
        public java.util.List<Flow> tunnelParents() { return TunnelParents.list(tunnelParents); }

        /** The tunnel this UDP flow carries (a Layer that isUdpTunnel), or null. */
        public Layer tunnel() { return tunnel; }

        /** True when Zeek would not see this flow: it travels inside a layer Zeek does not decode. */
        public boolean hiddenFromZeek() { return hiddenFromZeek; }

        public byte[] address(int role) { return address[role].clone(); }

        public int port(int role) { return port[role]; }

        public long packets(int role) { return packets[role]; }

        public long ipBytes(int role) { return ipBytes[role]; }

        public long payload(int role) { return payload[role]; }

        public long firstNanos() { return firstNanos; }

        public long lastNanos() { return lastNanos; }

        /** Zeek's UDP conn_state: SF both sent, S0 only the originator, SHR only the responder; ICMP: OTH. */
        public String connState() {
            if (protocol != 17) {
                return "OTH";
            }
            if (packets[0] > 0) {
                return packets[1] > 0 ? "SF" : "S0";
            }
            return packets[1] > 0 ? "SHR" : "OTH";
        }

        /** Zeek's UDP history: D when the originator sent, d when the responder did. */
        public String history() {
            if (protocol != 17) {
                return "";
            }
            return (packets[0] > 0 ? "D" : "") + (packets[1] > 0 ? "d" : "");
        }
    }

    private final Map<FlowKey, Flow> live = new HashMap<>();
    private final FlowKey probe = new FlowKey();
    private final Listener listener;
    private long latestNanos = Long.MIN_VALUE;
    private long lastSweep = Long.MIN_VALUE;

    public DatagramFlows(Listener listener) {
        this.listener = listener;
    }

    /**
     * Takes a packet into account if it is UDP or ICMP (never an ICMP error's quoted datagram).
     *
     * @return the packet's flow, or null when it is not a datagram
     */
    public Flow observe(Packet packet) {
        return observe(packet, packet.transport(), packet.network());
    }

    /**
     * Takes into account the UDP datagram of a VXLAN, Geneve, GTP-U, AYIYA or Teredo tunnel that
     * carried the packet: Zeek logs the tunnel's UDP flow (service vxlan, geneve, gtpv1, ayiya or teredo) besides the
     * connection inside, whose tunnel_parents names it. {@link #observe} counts the packet inside.
     * GRE-in-UDP's, VXLAN-GPE's and L2TP's flows are counted too, as plain UDP flows that are no tunnel parents.
     *
     * @return the tunnel's UDP flow, or null when no such tunnel carried the packet
     */
    public Flow observeTunnel(Packet packet) {
        for (int i = 2; i < packet.layerCount(); i++) {
            Layer tunnel = packet.layer(i);
            // GRE-in-UDP's, VXLAN-GPE's, L2TP's and MPLS-in-UDP's datagrams are plain UDP flows to
            // Zeek (no service): the connections inside GRE name the GRE tunnel of its tunnel.log
            // instead, and Zeek does not decode VXLAN-GPE, L2TP or MPLS in UDP at all.
            boolean plainCarrier = tunnel == Layer.GRE || tunnel == Layer.VXLAN_GPE || tunnel == Layer.L2TP
                    || tunnel == Layer.MPLS;
            if ((tunnel.isUdpTunnel() || plainCarrier) && packet.layer(i - 1) == Layer.UDP && !packet.quoted(i - 1)) {
                int ip = packet.ipBefore(i - 1);
                Flow f = ip < 0 ? null : observe(packet, i - 1, ip);
                if (plainCarrier) {
                    return null;
                }
                if (f != null) {
                    f.tunnel = tunnel;
                }
                return f;
            }
        }
        return null;
    }

    private Flow observe(Packet packet, int t, int ip) {
        if (t < 0 || ip < 0) {
            return null;
        }
        Layer layer = packet.layer(t);
        int protocol;
        int srcPort;
        int dstPort;
        int payload;
        ByteBuffer b = packet.buffer(t);
        int at = packet.start(t);
        if (layer == Layer.UDP && packet.has(t, 0, 8)) {
            protocol = 17;
            srcPort = b.getShort(at) & 0xFFFF;
            dstPort = b.getShort(at + 2) & 0xFFFF;
            payload = Math.max(0, (b.getShort(at + 4) & 0xFFFF) - 8);
        } else if ((layer == Layer.ICMP || layer == Layer.ICMPV6) && packet.has(t, 0, 2)) {
            protocol = layer == Layer.ICMP ? 1 : 58;
            int type = b.get(at) & 0xFF;
            int code = b.get(at + 1) & 0xFF;
            int counterpart = counterpart(protocol, type);
            if (counterpart >= 0) {
                // A request keys as (request, reply); a reply as the reverse, so both meet.
                boolean request = isRequest(protocol, type);
                srcPort = request ? type : counterpart;
                dstPort = request ? counterpart : type;
            } else {
                srcPort = type;
                dstPort = code;
            }
            payload = Math.max(0, packet.reportedEnd(t) - at - 8);
        } else {
            return null;
        }
        long now = packet.record().epochNanos();
        sweepIfDue(now);
        int direction = probe.loadEndpoints(packet, ip, srcPort, dstPort, protocol);
        Flow f = live.get(probe);
        if (f != null && now - f.lastNanos >= INACTIVITY_NANOS) {
            live.remove(probe);
            listener.finished(f);
            f = null;
        }
        if (f == null) {
            if (live.size() >= MAX_FLOWS) {
                finishAll();
            }
            f = new Flow(protocol);
            f.firstNanos = now;
            f.hiddenFromZeek = packet.hiddenFromZeek(t);
            boolean flip = protocol == 17 && ServerPorts.likely(srcPort) && !ServerPorts.likely(dstPort);
            f.originatorSide = flip ? 1 - direction : direction;
            int sender = flip ? 1 : 0;
            f.address[sender] = address(packet, ip, true);
            f.address[1 - sender] = address(packet, ip, false);
            f.port[sender] = srcPort;
            f.port[1 - sender] = dstPort;
            live.put(probe.copy(), f);
        }
        int role = direction == f.originatorSide ? 0 : 1;
        f.lastNanos = now;
        f.packets[role]++;
        f.payload[role] += payload;
        f.ipBytes[role] += packet.layer(ip) == Layer.IPV4 ? Ipv4Header.totalLength(packet.buffer(ip), packet.start(ip))
                : Ipv6Header.LENGTH + Ipv6Header.payloadLength(packet.buffer(ip), packet.start(ip));
        return f;
    }

    public void finishAll() {
        for (Flow f : live.values()) {
            listener.finished(f);
        }
        live.clear();
    }

    private void sweepIfDue(long now) {
        if (now <= latestNanos) {
            return;
        }
        latestNanos = now;
        if (lastSweep == Long.MIN_VALUE) {
            lastSweep = now;
            return;
        }
        if (now - lastSweep < 1_000_000_000L) {
            return;
        }
        lastSweep = now;
        Iterator<Flow> it = live.values().iterator();
        while (it.hasNext()) {
            Flow f = it.next();
            if (now - f.lastNanos >= INACTIVITY_NANOS) {
                it.remove();
                listener.finished(f);
            }
        }
    }

    /** The source or destination address of the packet's IP layer, copied out (4 or 16 bytes). */
    public static byte[] address(Packet packet, int ip, boolean source) {
        return address(packet, ip, source, null);
    }

    /** As above, written into {@code reuse} when it has the address's length (a recycled connection's). */
    static byte[] address(Packet packet, int ip, boolean source, byte[] reuse) {
        ByteBuffer b = packet.buffer(ip);
        int at = packet.start(ip);
        boolean v4 = packet.layer(ip) == Layer.IPV4;
        byte[] a = reuse != null && reuse.length == (v4 ? 4 : 16) ? reuse : new byte[v4 ? 4 : 16];
        b.get(at + (v4 ? (source ? Ipv4Header.SOURCE : Ipv4Header.DESTINATION)
                : (source ? Ipv6Header.SOURCE : Ipv6Header.DESTINATION)), a);
        return a;
    }

    /** The paired message type (echo request 8 / reply 0, ...), or -1 for unpaired types. */
    static int counterpart(int protocol, int type) {
        if (protocol == 1) {
            return switch (type) {
                case 8 -> 0;
                case 0 -> 8;
                case 13 -> 14;
                case 14 -> 13;
                case 15 -> 16;
                case 16 -> 15;
                case 17 -> 18;
                case 18 -> 17;
                case 10 -> 9;
                case 9 -> 10;
                default -> -1;
            };
        }
        return switch (type) {
            case 128 -> 129;
            case 129 -> 128;
            case 133 -> 134;
            case 134 -> 133;
            case 135 -> 136;
            case 136 -> 135;
            case 130 -> 131;
            case 131 -> 130;
            default -> -1;
        };
    }

    private static boolean isRequest(int protocol, int type) {
        return protocol == 1 ? type == 8 || type == 13 || type == 15 || type == 17 || type == 10
                : type == 128 || type == 133 || type == 135 || type == 130;
    }
}
