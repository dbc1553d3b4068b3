package io.tcplens.decode;

import java.util.Arrays;

/**
 * IP protocol numbers as tshark 4.0 names them, and which of them it hands to a dissector. An
 * undissected protocol's summary line names it: "GGP (3)" after IPv4, "Unknown IP Protocol: GGP
 * (3)" after IPv6; a fragment's says "proto=ICMP 1".
 *
 * <p>Observed, not guessed: tshark 4.0.17 ({@code -T fields -e _ws.col.Info -e frame.protocols})
 * on built raw-IP packets for every protocol number, with 40 bytes of payload (0, 1, 2, ...):
 * the names from the fragments' info, the dissected set from the unfragmented packets whose
 * protocols were anything but {@code raw:ip:data}. IPv6 (41) depends on the bytes (another
 * version is refused and shown as data); tcplens decodes it itself.
 */
public final class IpProtocols {
    private IpProtocols() { }

    /** tshark 4.0's name of each protocol number; index = number. */
    static final String[] NAMES = {
        "IPv6 Hop-by-Hop Option", "ICMP", "IGMP", "GGP", "IPIP", "Stream", "TCP", "CBT", "EGP", "IGRP", "BBN RCC",
        "Network Voice", "PUP", "ARGUS", "EMCON", "XNET", "CHAOS", "UDP", "Multiplex", "DCN Measurement",
        "Host Monitoring", "Packet radio", "IDP", "Trunk-1", "Trunk-2", "Leaf-1", "Leaf-2", "Reliable Data", "IRT",
        "ISO TP4", "Bulk Data", "MFE NSP", "Merit Internodal", "Datagram Congestion Control Protocol",
        "3rd Party Connect", "Inter-Domain Policy Routing Protocol", "XTP", "Datagram delivery", "Control Message",
        "TP++", "IL", "IPv6", "Source demand routing", "Routing Header for IPv6", "Fragment Header for IPv6",
        "Inter-Domain Routing Protocol", "Reservation Protocol", "Generic Routing Encapsulation",
        "Dynamic source routing", "BNA", "Encap Security Payload", "Authentication Header", "INSLP", "SWIPE",
        "NBMA ARP", "IP Mobility", "TLSP Kryptonet", "SKIP", "ICMPv6", "No Next Header for IPv6",
        "Destination Options for IPv6", "any host internal protocol", "Mobile IPv6 (old)", "any local network",
        "SATNET EXPAK", "Kryptolan", "Remote Virtual Disk", "IPPC", "any distributed file system",
        "SATNET Monitoring", "VISA", "IPCV", "CPNX", "CPHB", "Wang Span", "Packet Video", "Backroom SATNET Mon",
        "Sun ND Protocol", "Wideband Mon", "Wideband Expak", "ISO Internet Protocol", "VMTP", "Secure VMTP", "VINES",
        "TTP", "NSFNET IGP", "Dissimilar Gateway", "TCF", "EIGRP", "OSPF IGP", "Sprite RPC", "Locus ARP",
        "Multicast Transport", "AX.25 Frames", "IP in IP", "MICP", "Semaphore", "Ether in IP", "ENCAP",
        "any private encryption scheme", "GMTP", "Ipsilon Flow", "PNNI over IP", "PIM", "ARIS", "SCPS", "QNX",
        "Active Networks", "IPComp", "Sitara Networks", "Compaq Peer", "IPX IN IP", "VRRP", "PGM",
        "any 0-hop protocol", "Layer 2 Tunneling", "DDX", "IATP", "STP", "SpectraLink", "UTI", "SMP", "SM", "PTP",
        "ISIS over IP", "FIRE", "CRTP", "CRUDP", "SSCOPMCE", "IPLT", "Secure Packet", "PIPE", "SCTP",
        "Fibre Channel", "RSVP E2EI", "Mobile IPv6", "UDPLite", "MPLS in IP", "MANET", "HIP", "Shim6 header", "WESP",
        "ROHC", "Ethernet", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "AX/4000 Testframe", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Unassigned",
        "Unassigned", "Unassigned", "Unassigned", "Unassigned", "Novell NCS Heartbeat", "Unknown", "Unknown",
        "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown",
        "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown",
        "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown"
    };

    /** The protocol numbers tshark 4.0 hands to a dissector (after IPv4 or IPv6), sorted. */
    static final int[] DISSECTED = {0, 1, 2, 4, 6, 9, 17, 33, 36, 41, 43, 44, 46, 47, 48, 50, 51, 53, 54, 58, 60, 62,
        80, 83, 88, 89, 93, 97, 103, 106, 108, 112, 113, 115, 132, 134, 135, 136, 137, 139, 140, 143, 173, 224};

    /** IPv6's "no next header" (RFC 8200, section 4.7): nothing follows, tshark says so. */
    public static final int NO_NEXT_HEADER = 59;

    /** tshark 4.0's name of the protocol number (0-255). */
    public static String name(int protocol) {
        return NAMES[protocol & 0xFF];
    }

    /** True when tshark 4.0 hands this protocol's payload to a dissector of its own. */
    public static boolean dissectedByTshark(int protocol) {
        return Arrays.binarySearch(DISSECTED, protocol) >= 0;
    }
}
