package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * An ARP message (RFC 826): hardware and protocol types, their address sizes, the opcode, then
 * the sender's and the target's hardware and protocol addresses. Shared by the fields, the
 * summary line and the duplicate-address check, which all read it as tshark 4.0's ARP dissector
 * does (packet-arp.c).
 */
public final class ArpHeader {
    public static final int FIXED = 8;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    private static final int HARDWARE_ETHERNET = 1;
    private static final int HARDWARE_IEEE802 = 6;
    private static final int PROTOCOL_IPV4 = 0x0800;
    /** AX.25's protocol id for IP, which Wireshark also reads as IPv4. */
    private static final int PROTOCOL_AX25_IP = 0xCC;

    private ArpHeader() { }

    public static int opcode(ByteBuffer b, int at) { return b.getShort(at + 6) & 0xFFFF; }

    public static int hardwareSize(ByteBuffer b, int at) { return b.get(at + 4) & 0xFF; }

    public static int protocolSize(ByteBuffer b, int at) { return b.get(at + 5) & 0xFF; }

    public static int senderHardware(ByteBuffer b, int at) { return at + FIXED; }

    public static int senderProtocol(ByteBuffer b, int at) { return senderHardware(b, at) + hardwareSize(b, at); }

    public static int targetHardware(ByteBuffer b, int at) { return senderProtocol(b, at) + protocolSize(b, at); }

    public static int targetProtocol(ByteBuffer b, int at) { return targetHardware(b, at) + hardwareSize(b, at); }

    /** The message's length with all four addresses. */
    public static int length(ByteBuffer b, int at) { return targetProtocol(b, at) + protocolSize(b, at) - at; }

    /** Hardware addresses are MAC addresses (Ethernet or IEEE 802, 6 bytes): Wireshark's arp.*.hw_mac. */
    public static boolean macAddresses(ByteBuffer b, int at) {
        int type = b.getShort(at) & 0xFFFF;
        return (type == HARDWARE_ETHERNET || type == HARDWARE_IEEE802) && hardwareSize(b, at) == 6;
    }

    /** Protocol addresses are IPv4 addresses: Wireshark's arp.*.proto_ipv4. */
    public static boolean ipv4Addresses(ByteBuffer b, int at) {
        int type = b.getShort(at + 2) & 0xFFFF;
        return (type == PROTOCOL_IPV4 || type == PROTOCOL_AX25_IP) && protocolSize(b, at) == 4;
    }

    /**
     * A request or reply whose sender and target protocol addresses are the same: the sender
     * announces its own binding (a request provokes complaints from another holder of the
     * address; a reply announces that the address moved). The whole message must be there.
     */
    public static boolean gratuitous(ByteBuffer b, int at) {
        int op = opcode(b, at);
        if (op != REQUEST && op != REPLY) {
            return false;
        }
        int sender = senderProtocol(b, at);
        int target = targetProtocol(b, at);
        for (int i = 0; i < protocolSize(b, at); i++) {
            if (b.get(sender + i) != b.get(target + i)) {
                return false;
            }
        }
        return true;
    }

    /** A gratuitous request with an all-zero target hardware address (RFC 5227's announcement). */
    public static boolean announcement(ByteBuffer b, int at) {
        return gratuitous(b, at) && opcode(b, at) == REQUEST && zeroTargetMac(b, at);
    }

    /**
     * A request from sender IP address 0.0.0.0 with an all-zero target hardware address, not
     * gratuitous (RFC 5227's probe: is the address free?).
     */
    public static boolean probe(ByteBuffer b, int at) {
        return !gratuitous(b, at) && opcode(b, at) == REQUEST && zeroTargetMac(b, at)
                && b.getInt(senderProtocol(b, at)) == 0;
    }

    /** Wireshark compares 6 bytes at the target hardware address, whatever the announced size. */
    private static boolean zeroTargetMac(ByteBuffer b, int at) {
        int target = targetHardware(b, at);
        return b.getInt(target) == 0 && b.getShort(target + 4) == 0;
    }
}
