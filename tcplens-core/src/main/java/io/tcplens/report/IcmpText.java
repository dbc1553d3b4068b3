package io.tcplens.report;

import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.field.Formats;
import java.nio.ByteBuffer;

/**
 * The info column of ICMP (RFC 792) and ICMPv6 (RFC 4443, 4861) messages as tshark 4.0 writes
 * it: the type's name (ICMPv4's padded to 20 characters), the code's in parentheses, then what
 * the message is about: an echo's identifier and sequence number, a neighbour's address. The
 * names were read off tshark 4.0 on every type and the codes of each
 * (samples/icmp-messages.pcap, written by scripts/icmp-scenarios.py; its
 * testdata/tshark views hold what tshark said).
 */
final class IcmpText {
    private IcmpText() { }

    private static final String[] TYPES = new String[256];
    private static final String[][] CODES = new String[256][];
    private static final String[] TYPES_V6 = new String[256];
    private static final String[][] CODES_V6 = new String[256][];

    static {
        TYPES[0] = "Echo (ping) reply";
        TYPES[1] = "Reserved";
        TYPES[2] = "Reserved";
        TYPES[3] = "Destination unreachable";
        CODES[3] = new String[] {"Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
            "Fragmentation needed", "Source route failed", "Destination network unknown", "Destination host unknown",
            "Source host isolated", "Network administratively prohibited", "Host administratively prohibited",
            "Network unreachable for TOS", "Host unreachable for TOS", "Communication administratively filtered",
            "Host precedence violation", "Precedence cutoff in effect"};
        TYPES[4] = "Source quench (flow control)";
        TYPES[5] = "Redirect";
        CODES[5] = new String[] {"Redirect for network", "Redirect for host", "Redirect for TOS and network",
            "Redirect for TOS and host"};
        TYPES[6] = "Alternate host address";
        CODES[6] = new String[] {"Alternate address for host"};
        TYPES[8] = "Echo (ping) request";
        // A router advertisement is "Mobile IP" for its two known codes, plain for the others.
        TYPES[9] = "Mobile IP Advertisement";
        CODES[9] = new String[17];
        CODES[9][0] = "Normal router advertisement";
        CODES[9][16] = "Does not route common traffic";
        TYPES[10] = "Router solicitation";
        TYPES[11] = "Time-to-live exceeded";
        CODES[11] = new String[] {"Time to live exceeded in transit", "Fragment reassembly time exceeded"};
        TYPES[12] = "Parameter problem";
        CODES[12] = new String[] {"Pointer indicates the error", "Required option missing", "Bad length"};
        TYPES[13] = "Timestamp request";
        TYPES[14] = "Timestamp reply";
        TYPES[15] = "Information request";
        TYPES[16] = "Information reply";
        TYPES[17] = "Address mask request";
        TYPES[18] = "Address mask reply";
        TYPES[19] = "Reserved (for security)";
        TYPES[30] = "Traceroute";
        TYPES[31] = "Datagram Conversion Error";
        TYPES[32] = "Mobile Host Redirect";
        TYPES[33] = "IPv6 Where-Are-You";
        TYPES[34] = "IPv6 I-Am-Here";
        TYPES[35] = "Mobile Registration Request";
        TYPES[36] = "Mobile Registration Reply";
        TYPES[37] = "Domain Name Request";
        TYPES[38] = "Domain Name Reply";
        TYPES[39] = "SKIP";
        TYPES[40] = "Photuris";
        CODES[40] = new String[] {"Bad SPI", "Authentication Failed", "Decompression Failed", "Decryption Failed",
            "Need Authentication", "Need Authorization"};
        TYPES[41] = "Experimental mobility protocols";
        TYPES[42] = "Extended Echo request";
        CODES[42] = new String[] {"No error"};
        TYPES[43] = "Extended Echo reply";
        CODES[43] = new String[] {"No error", "Malformed Query", "No Such Interface", "No Such Table Entry",
            "Multiple Interfaces Satisfy Query"};

        TYPES_V6[1] = "Destination Unreachable";
        CODES_V6[1] = new String[] {"no route to destination", "Administratively prohibited",
            "Beyond scope of source address", "Address unreachable", "Port unreachable",
            "Source address failed ingress/egress policy", "Reject route to destination",
            "Error in Source Routing Header"};
        TYPES_V6[2] = "Packet Too Big";
        TYPES_V6[3] = "Time Exceeded";
        CODES_V6[3] = new String[] {"hop limit exceeded in transit", "fragment reassembly time exceeded"};
        TYPES_V6[4] = "Parameter Problem";
        CODES_V6[4] = new String[] {"erroneous header field encountered", "unrecognized Next Header type encountered",
            "unrecognized IPv6 option encountered", "IPv6 First Fragment has incomplete IPv6 Header Chain"};
        TYPES_V6[100] = "Private experimentation";
        TYPES_V6[101] = "Private experimentation";
        TYPES_V6[127] = "Reserved for expansion of ICMPv6 error messages";
        TYPES_V6[128] = "Echo (ping) request";
        TYPES_V6[129] = "Echo (ping) reply";
        TYPES_V6[130] = "Multicast Listener Query";
        TYPES_V6[131] = "Multicast Listener Report";
        TYPES_V6[132] = "Multicast Listener Done";
        TYPES_V6[133] = "Router Solicitation";
        TYPES_V6[134] = "Router Advertisement";
        TYPES_V6[135] = "Neighbor Solicitation";
        TYPES_V6[136] = "Neighbor Advertisement";
        TYPES_V6[137] = "Redirect";
        TYPES_V6[138] = "Router Renumbering";
        CODES_V6[138] = new String[] {"Command", "Result"};
        TYPES_V6[139] = "Node Information Query";
        CODES_V6[139] = new String[] {"Query subject = IPv6 addresses", "Query subject = DNS name or empty",
            "Query subject = IPv4 addresses"};
        TYPES_V6[140] = "Node Information Reply";
        CODES_V6[140] = new String[] {"Successful", "Refused", "Unknown query type"};
        TYPES_V6[141] = "Inverse Neighbor Discovery Solicitation";
        TYPES_V6[142] = "Inverse Neighbor Discovery Advertisement";
        TYPES_V6[143] = "Multicast Listener Report Message v2";
        TYPES_V6[144] = "Home Agent Address Discovery Request";
        TYPES_V6[145] = "Home Agent Address Discovery Reply";
        TYPES_V6[146] = "Mobile Prefix Solicitation";
        TYPES_V6[147] = "Mobile Prefix Advertisement";
        TYPES_V6[148] = "Certification Path Solicitation";
        TYPES_V6[149] = "Certification Path Advertisement";
        TYPES_V6[150] = "Experimental Mobility";
        CODES_V6[150] = new String[0];
        TYPES_V6[151] = "Multicast Router Advertisement";
        TYPES_V6[152] = "Multicast Router Solicitation";
        TYPES_V6[153] = "Multicast Router Termination";
        TYPES_V6[154] = "FMIPv6";
        CODES_V6[154] = new String[0];
        TYPES_V6[155] = "RPL Control";
        CODES_V6[155] = new String[] {"DODAG Information Solicitation", "DODAG Information Object",
            "Destination Advertisement Object", "Destination Advertisement Object Acknowledgment",
            "P2P Discovery Reply Object"};
        TYPES_V6[156] = "Locator Update";
        TYPES_V6[157] = "Duplicate Address Request";
        TYPES_V6[158] = "Duplicate Address Confirmation";
        TYPES_V6[159] = "MPL Control Message";
        TYPES_V6[160] = "Extended Echo request";
        CODES_V6[160] = new String[] {"No error"};
        TYPES_V6[161] = "Extended Echo reply";
        CODES_V6[161] = new String[] {"No error"};
        TYPES_V6[200] = "Private experimentation";
        TYPES_V6[201] = "Private experimentation";
        TYPES_V6[255] = "Reserved for expansion of ICMPv6 informational messages";
    }

    /** Wireshark pads ICMPv4's type name to this width ("%-20s"). */
    private static final int TYPE_WIDTH = 20;
    private static final int NDP_SOURCE_LINK_ADDRESS = 1;
    private static final int NDP_TARGET_LINK_ADDRESS = 2;

    /** ICMP's info; {@code requestFrame} is the echo request a reply answers, or 0. */
    static void icmp(StringBuilder out, Packet p, int t, long requestFrame) {
        ByteBuffer b = p.buffer(t);
        int at = p.start(t);
        int type = b.get(at) & 0xFF;
        int code = b.get(at + 1) & 0xFF;
        String[] codes = CODES[type];
        boolean knownCode = codes != null && code < codes.length && codes[code] != null;
        String name = type == 9 && !knownCode ? "Router advertisement" : TYPES[type];
        if (name == null) {
            out.append("Unknown ICMP (obsolete or malformed?)");
            return;
        }
        out.append(name);
        for (int i = name.length(); i < TYPE_WIDTH; i++) {
            out.append(' ');
        }
        if (codes != null) {
            out.append(" (");
            if (knownCode) {
                out.append(codes[code]);
            } else {
                out.append("Unknown code: ").append(code);
            }
            out.append(')');
        }
        // Echo, timestamp, information and address mask messages: identifier, sequence number
        // (read both ways, as Wireshark shows it), and the datagram's TTL.
        boolean identified = type == 0 || type == 8 || type >= 13 && type <= 18;
        if (identified && p.has(t, 0, 8)) {
            int sequence = b.getShort(at + 6) & 0xFFFF;
            out.append(" id=");
            Formats.hex(out, b.getShort(at + 4) & 0xFFFF, 4);
            out.append(", seq=").append(sequence).append('/').append(Short.toUnsignedInt(Short.reverseBytes((short) sequence)));
            int ip = carrier(p, t, Layer.IPV4);
            if (ip >= 0) {
                out.append(", ttl=").append(p.buffer(ip).get(p.start(ip) + 8) & 0xFF);
            }
        }
        if (type == 0 && requestFrame > 0) {
            out.append(" (request in ").append(requestFrame).append(')');
        }
    }

    /** ICMPv6's info; {@code requestFrame} is the echo request a reply answers, or 0. */
    static void icmpv6(StringBuilder out, Packet p, int t, long requestFrame) {
        ByteBuffer b = p.buffer(t);
        int at = p.start(t);
        int type = b.get(at) & 0xFF;
        int code = b.get(at + 1) & 0xFF;
        String name = TYPES_V6[type];
        if (name == null) {
            out.append("Unknown (").append(type).append(')');
            return;
        }
        out.append(name);
        String[] codes = CODES_V6[type];
        if (codes != null) {
            out.append(" (");
            if (code < codes.length) {
                out.append(codes[code]);
            } else if (type == 1) {
                out.append("Unknown");
            } else {
                out.append("Unknown (").append(code).append(')');
            }
            out.append(')');
        }
        int end = p.capturedEnd(t);
        switch (type) {
            case 128, 129 -> {
                if (at + 8 <= end) {
                    out.append(" id=");
                    Formats.hex(out, b.getShort(at + 4) & 0xFFFF, 4);
                    out.append(", seq=").append(b.getShort(at + 6) & 0xFFFF);
                    int ip = carrier(p, t, Layer.IPV6);
                    if (ip >= 0) {
                        out.append(", hop limit=").append(p.buffer(ip).get(p.start(ip) + 7) & 0xFF);
                    }
                    if (type == 129 && requestFrame > 0) {
                        out.append(" (request in ").append(requestFrame).append(')');
                    }
                }
            }
            // RFC 4861, sections 4.1 and 4.2: options follow 8 and 16 bytes of message.
            case 133 -> linkAddress(out, " from ", b, at + 8, end, NDP_SOURCE_LINK_ADDRESS);
            case 134 -> linkAddress(out, " from ", b, at + 16, end, NDP_SOURCE_LINK_ADDRESS);
            // Sections 4.3 and 4.4: the target address, then options.
            case 135 -> {
                if (at + 24 <= end) {
                    Formats.ipv6(out.append(" for "), b, at + 8);
                    linkAddress(out, " from ", b, at + 24, end, NDP_SOURCE_LINK_ADDRESS);
                }
            }
            case 136 -> {
                if (at + 24 <= end) {
                    Formats.ipv6(out.append(' '), b, at + 8);
                    int flags = b.get(at + 4) & 0xE0;
                    out.append(" (");
                    int length = out.length();
                    appendFlag(out, flags & 0x80, "rtr", length);
                    appendFlag(out, flags & 0x40, "sol", length);
                    appendFlag(out, flags & 0x20, "ovr", length);
                    out.append(flags == 0 ? "none)" : ")");
                    linkAddress(out, " is at ", b, at + 24, end, NDP_TARGET_LINK_ADDRESS);
                }
            }
            default -> { }
        }
    }

    /**
     * True when Wireshark's ICMP or ICMPv6 ran into the snaplen and says so
     * ("[Packet size limited during capture]"): any message the capture cut, except an echo (or
     * ICMP's information message) whose 8-byte header is whole, whose data it only shows.
     */
    static boolean cut(Packet p, int t) {
        if (p.capturedEnd(t) >= p.reportedEnd(t)) {
            return false;
        }
        if (!p.has(t, 0, 8)) {
            return true;
        }
        int type = p.buffer(t).get(p.start(t)) & 0xFF;
        boolean dataOnly = p.layer(t) == Layer.ICMP ? type == 0 || type == 8 || type == 15 || type == 16
                : type == 128 || type == 129;
        return !dataOnly;
    }

    private static void appendFlag(StringBuilder out, int set, String name, int start) {
        if (set != 0) {
            out.append(out.length() > start ? ", " : "").append(name);
        }
    }

    /** The first Neighbor Discovery option of the kind, when it holds an Ethernet address (RFC 4861, 4.6.1). */
    private static void linkAddress(StringBuilder out, String words, ByteBuffer b, int options, int end, int kind) {
        for (int o = options; o + 2 <= end; ) {
            int length = (b.get(o + 1) & 0xFF) * 8;
            if (length == 0) {
                return;
            }
            if ((b.get(o) & 0xFF) == kind) {
                if (length == 8 && o + 8 <= end) {
                    Formats.mac(out.append(words), b, o + 2);
                }
                return;
            }
            o += length;
        }
    }

    /** The IP layer that carries the ICMP layer (past IPv6's extension headers), of the given version, or -1. */
    private static int carrier(Packet p, int t, Layer ip) {
        int i = t - 1;
        while (i >= 0 && p.layer(i).isIpv6Extension()) {
            i--;
        }
        return i >= 0 && p.layer(i) == ip ? i : -1;
    }
}
