package io.tcplens.flow;

import io.tcplens.decode.ArpHeader;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import java.nio.ByteBuffer;

/**
 * Finds an IPv4 address claimed by two MAC addresses in ARP, in one pass, as tshark 4.0 does
 * ("duplicate use of 192.168.1.1 detected!"): the first MAC address an ARP request or reply binds
 * to an address stays its binding, and a later message binding it to another is a duplicate.
 * Bindings come from the sender's addresses, and in a reply also from the target's; a broadcast
 * or multicast or all-zero MAC address and the address 0.0.0.0 bind nothing. Only Ethernet's ARP
 * for IPv4 is read. Bounded: past {@link #MAX_BINDINGS} addresses the oldest is forgotten, and
 * counted.
 */
public final class ArpDuplicates {
    public static final int MAX_BINDINGS = 1 << 16;
    /** Returned when the packet shows no duplicate. */
    public static final long NONE = -1;

    /** An address's binding: its first MAC address, and the last frame that bound it so. */
    private static final class Binding {
        final long mac;
        long frame;

        Binding(long mac, long frame) {
            this.mac = mac;
            this.frame = frame;
        }
    }

    private final ForgettingMap<Integer, Binding> bindings = new ForgettingMap<>(MAX_BINDINGS);

    /**
     * Takes the packet into account; returns the IPv4 address (as an unsigned int) whose
     * duplicate use it shows, or {@link #NONE}.
     */
    public long observe(Packet p) {
        int arp = p.find(Layer.ARP);
        if (arp < 0 || !p.has(arp, 0, ArpHeader.FIXED)) {
            return NONE;
        }
        ByteBuffer b = p.buffer(arp);
        int at = p.start(arp);
        int op = ArpHeader.opcode(b, at);
        if (op != ArpHeader.REQUEST && op != ArpHeader.REPLY || !ArpHeader.macAddresses(b, at)
                || !ArpHeader.ipv4Addresses(b, at) || !p.has(arp, 0, ArpHeader.length(b, at))) {
            return NONE;
        }
        long duplicate = NONE;
        if (bindable(b, ArpHeader.senderHardware(b, at), ArpHeader.senderProtocol(b, at))
                && bindsAnother(b, ArpHeader.senderHardware(b, at), ArpHeader.senderProtocol(b, at), p.number())) {
            duplicate = b.getInt(ArpHeader.senderProtocol(b, at)) & 0xFFFFFFFFL;
        }
        // A request's target addresses mean nothing (RFC 826); an address found a duplicate
        // as the sender's is not checked twice. tshark keeps only the target's verdict when it
        // checks both, so a target that binds as before clears the sender's (packet-arp.c).
        int targetAddress = b.getInt(ArpHeader.targetProtocol(b, at));
        if (op == ArpHeader.REPLY && bindable(b, ArpHeader.targetHardware(b, at), ArpHeader.targetProtocol(b, at))
                && duplicate != (targetAddress & 0xFFFFFFFFL)) {
            boolean found = bindsAnother(b, ArpHeader.targetHardware(b, at), ArpHeader.targetProtocol(b, at), p.number());
            duplicate = found ? targetAddress & 0xFFFFFFFFL : NONE;
        }
        return duplicate;
    }

    /** Addresses forgotten because {@link #MAX_BINDINGS} were kept. */
    public long forgotten() { return bindings.forgotten(); }

    /** A unicast, non-zero MAC address and a non-zero IPv4 address. */
    private static boolean bindable(ByteBuffer b, int mac, int address) {
        return (b.get(mac) & 1) == 0 && mac48(b, mac) != 0 && b.getInt(address) != 0;
    }

    /**
     * Records the binding if the address has none, or the frame if it is the same; true when
     * the address is bound to another MAC address by an earlier frame (the binding stays).
     */
    private boolean bindsAnother(ByteBuffer b, int mac, int address, long frame) {
        long claimed = mac48(b, mac);
        Binding bound = bindings.get(b.getInt(address));
        if (bound == null) {
            bindings.put(b.getInt(address), new Binding(claimed, frame));
            return false;
        }
        if (frame <= bound.frame) {
            return false;
        }
        if (bound.mac == claimed) {
            bound.frame = frame;
            return false;
        }
        return true;
    }

    private static long mac48(ByteBuffer b, int at) {
        return ((long) (b.getShort(at) & 0xFFFF) << 32) | (b.getInt(at + 2) & 0xFFFFFFFFL);
    }
}
