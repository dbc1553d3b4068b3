package io.tcplens.flow;

import io.tcplens.decode.Ipv4Header;
import io.tcplens.decode.Ipv6Header;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import java.nio.ByteBuffer;

/**
 * A conversation's addresses and ports, ordered so that both directions give the same key.
 * Used mutably as a probe for lookups (no allocation per packet) and copied once per new
 * conversation. IPv4 addresses sit in the low word of an IPv6-sized pair of longs.
 */
public final class FlowKey {
    long addressAHigh;
    long addressALow;
    long addressBHigh;
    long addressBLow;
    int portA;
    int portB;
    int protocol;
    /** Outer and inner VLAN ids when keying is VLAN-aware, else -1. */
    int vlan = -1;
    int innerVlan = -1;
    int hash;

    /**
     * Loads the key of the packet's own TCP or UDP layer. Returns the direction the packet
     * travels in (0: from A to B, 1: from B to A), or -1 when it has no such layer.
     */
    public int load(Packet packet, int transport) {
        return load(packet, packet.network(), transport);
    }

    /** Loads the key of a TCP or UDP header quoted inside an ICMP error (its IP layer is the one before it). */
    public int loadQuoted(Packet packet, int transport) {
        int ip = packet.ipBefore(transport);
        if (ip < 0 || !packet.has(transport, 0, 4)) {
            return -1;
        }
        return load(packet, ip, transport);
    }

    /** As {@link #loadQuoted}, with the VLAN ids of the packet that carried the quote, for VLAN-aware keying. */
    public int loadQuotedWithVlans(Packet packet, int transport) {
        loadVlans(packet, transport);
        return loadQuoted(packet, transport);
    }

    /** Loads the key including the packet's VLAN ids (outermost two tags), for VLAN-aware keying. */
    public int loadWithVlans(Packet packet, int transport) {
        loadVlans(packet, transport);
        return load(packet, packet.network(), transport);
    }

    private void loadVlans(Packet packet, int transport) {
        vlan = -1;
        innerVlan = -1;
        for (int i = 0; i < packet.layerCount() && i < transport; i++) {
            if ((packet.layer(i) == Layer.VLAN || packet.layer(i) == Layer.IEEE8021AD) && packet.has(i, 0, 2)) {
                int id = packet.buffer(i).getShort(packet.start(i)) & 0x0FFF;
                if (vlan < 0) {
                    vlan = id;
                } else if (innerVlan < 0) {
                    innerVlan = id;
                }
            }
        }
    }

    private int load(Packet packet, int ip, int transport) {
        if (ip < 0 || transport < 0) {
            return -1;
        }
        ByteBuffer b = packet.buffer(ip);
        int at = packet.start(ip);
        long srcHigh;
        long srcLow;
        long dstHigh;
        long dstLow;
        if (packet.layer(ip) == Layer.IPV4) {
            srcHigh = 0;
            dstHigh = 0;
            srcLow = Ipv4Header.source(b, at) & 0xFFFFFFFFL;
            dstLow = Ipv4Header.destination(b, at) & 0xFFFFFFFFL;
        } else {
            srcHigh = b.getLong(at + Ipv6Header.SOURCE);
            srcLow = b.getLong(at + Ipv6Header.SOURCE + 8);
            dstHigh = b.getLong(at + Ipv6Header.DESTINATION);
            dstLow = b.getLong(at + Ipv6Header.DESTINATION + 8);
        }
        ByteBuffer tb = packet.buffer(transport);
        int t = packet.start(transport);
        int srcPort = TcpHeader.sourcePort(tb, t);
        int dstPort = TcpHeader.destinationPort(tb, t);
        protocol = packet.layer(transport) == Layer.TCP ? 6 : 17;
        return order(srcHigh, srcLow, dstHigh, dstLow, srcPort, dstPort);
    }

    /**
     * Loads a key from the packet's IP layer at index {@code ip} (its own, or a tunnel's) and the
     * given ports (for ICMP, the message types standing in for ports, as Zeek does). Returns the
     * direction, or -1 without an IP layer.
     */
    public int loadEndpoints(Packet packet, int ip, int srcPort, int dstPort, int protocolNumber) {
        if (ip < 0) {
            return -1;
        }
        vlan = -1;
        innerVlan = -1;
        ByteBuffer b = packet.buffer(ip);
        int at = packet.start(ip);
        protocol = protocolNumber;
        if (packet.layer(ip) == Layer.IPV4) {
            return order(0, Ipv4Header.source(b, at) & 0xFFFFFFFFL, 0, Ipv4Header.destination(b, at) & 0xFFFFFFFFL,
                    srcPort, dstPort);
        }
        return order(b.getLong(at + Ipv6Header.SOURCE), b.getLong(at + Ipv6Header.SOURCE + 8),
                b.getLong(at + Ipv6Header.DESTINATION), b.getLong(at + Ipv6Header.DESTINATION + 8), srcPort, dstPort);
    }

    /** Orders the two ends so that both directions give the same key; returns the packet's direction. */
    private int order(long srcHigh, long srcLow, long dstHigh, long dstLow, int srcPort, int dstPort) {
        int order = Long.compareUnsigned(srcHigh, dstHigh);
        if (order == 0) {
            order = Long.compareUnsigned(srcLow, dstLow);
        }
        if (order == 0) {
            order = Integer.compare(srcPort, dstPort);
        }
        if (order <= 0) {
            set(srcHigh, srcLow, dstHigh, dstLow, srcPort, dstPort);
            return 0;
        }
        set(dstHigh, dstLow, srcHigh, srcLow, dstPort, srcPort);
        return 1;
    }

    private void set(long aHigh, long aLow, long bHigh, long bLow, int pA, int pB) {
        addressAHigh = aHigh;
        addressALow = aLow;
        addressBHigh = bHigh;
        addressBLow = bLow;
        portA = pA;
        portB = pB;
        // Addresses and ports of one capture differ in few bits: mix them well (the finalizer
        // of MurmurHash3), or the table's buckets fill unevenly.
        long h = mix(aHigh) ^ Long.rotateLeft(mix(aLow), 17) ^ Long.rotateLeft(mix(bHigh), 31)
                ^ Long.rotateLeft(mix(bLow), 47) ^ mix(((long) pA << 32) | ((long) pB << 8) | protocol)
                ^ mix(((long) vlan << 32) ^ innerVlan ^ 0x5bd1e995L);
        hash = (int) (h ^ (h >>> 32));
        if (hash == 0) {
            // 0 marks a free slot in FlowTable's array of hashes.
            hash = 1;
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** Outer VLAN id in the key, or -1 (not VLAN-aware, or untagged). */
    public int vlan() { return vlan; }

    public int innerVlan() { return innerVlan; }

    public FlowKey copy() {
        FlowKey k = new FlowKey();
        k.addressAHigh = addressAHigh;
        k.addressALow = addressALow;
        k.addressBHigh = addressBHigh;
        k.addressBLow = addressBLow;
        k.portA = portA;
        k.portB = portB;
        k.protocol = protocol;
        k.vlan = vlan;
        k.innerVlan = innerVlan;
        k.hash = hash;
        return k;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && k.addressALow == addressALow && k.addressBLow == addressBLow
                && k.addressAHigh == addressAHigh && k.addressBHigh == addressBHigh && k.portA == portA
                && k.portB == portB && k.protocol == protocol && k.vlan == vlan && k.innerVlan == innerVlan;
    }
}
