package io.tcplens.decode;

import io.tcplens.capture.PacketRecord;
import java.nio.ByteBuffer;

/**
 * Decodes a captured frame into {@link Packet} layer records: link layer, VLAN/PPPoE/MPLS
 * shims, IPv4/IPv6 with extension headers and fragment reassembly, TCP, UDP, ICMP and ICMPv6
 * (with the datagram an ICMP error quotes). A malformed layer stops decoding there with a
 * {@link Problem}; it never throws. One decoder and one packet are reused for every frame.
 */
public final class PacketDecoder {
    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_PPP = 9;
    /** FDDI (ANSI X3.139): frame control, destination, source, then LLC; Zeek and tshark read it. */
    public static final int LINKTYPE_FDDI = 10;
    public static final int LINKTYPE_RAW_OPENBSD = 12;
    public static final int LINKTYPE_PPP_HDLC = 50;
    public static final int LINKTYPE_C_HDLC = 104;
    public static final int LINKTYPE_FRELAY = 107;
    public static final int LINKTYPE_JUNIPER_ETHER = 178;
    public static final int LINKTYPE_IPNET = 226;
    public static final int LINKTYPE_IEEE802_11 = 105;
    public static final int LINKTYPE_PFLOG = 117;
    public static final int LINKTYPE_IEEE802_11_RADIOTAP = 127;
    public static final int LINKTYPE_RAW_BSD = 14;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LOOP = 108;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_ETHER_MPACKET = 198;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_NFLOG = 239;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;
    /**
     * IP over InfiniBand (RFC 4391) as Linux captures it: a 44-byte pseudo-header (the peers'
     * 20-byte hardware addresses), whose last 4 bytes are RFC 4391's own header, an EtherType and
     * 2 reserved bytes.
     */
    public static final int LINKTYPE_IPOIB = 242;
    private static final int IPOIB_HEADER = 44;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    /** Reverse ARP (RFC 903): ARP's message with other opcodes, which tshark's ARP dissector reads too. */
    public static final int ETHERTYPE_RARP = 0x8035;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_MPLS = 0x8847;
    public static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    public static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    public static final int ETHERTYPE_QINQ = 0x88A8;
    public static final int ETHERTYPE_QINQ_OLD = 0x9100;
    /** Provider backbone bridging (802.1ah, MAC-in-MAC): the I-TAG and the customer's frame. */
    public static final int ETHERTYPE_PBB = 0x88E7;
    /** Cisco's VN-Tag (a fabric extender's virtual interface tag), decoded by tshark and Zeek. */
    public static final int ETHERTYPE_VNTAG = 0x8926;
    /** 802.1BR's E-Tag (a port extender's tag), decoded by tshark; Zeek does not read it. */
    public static final int ETHERTYPE_ETAG = 0x893F;
    /** Network Service Header (RFC 8300), decoded by tshark; Zeek does not read it. */
    public static final int ETHERTYPE_NSH = 0x894F;
    public static final int ETHERTYPE_MACSEC = 0x88E5;
    public static final int ETHERTYPE_ARISTA = 0xD28B;
    static final int ETHERTYPE_FABRICPATH = 0x8903;
    /** Cisco FabricPath's header without a tag: 12 bytes of switch addresses, the EtherType, FTAG and TTL. */
    static final int FABRICPATH_HEADER = 16;
    /** An Ethernet frame check sequence's bytes. */
    public static final int ETHERNET_FCS = 4;
    /** Transparent Ethernet Bridging: GRE carrying whole Ethernet frames (RFC 1701 protocol types). */
    public static final int ETHERTYPE_TRANSPARENT_ETHERNET = 0x6558;
    /** GRE protocol types of ERSPAN, a switch's mirrored frames: types I and II, and type III. */
    public static final int ETHERTYPE_ERSPAN = 0x88BE;
    public static final int ETHERTYPE_ERSPAN_3 = 0x22EB;
    /** VXLAN's IANA port (RFC 7348, section 5), where Wireshark decodes it. */
    private static final int UDP_PORT_VXLAN = 4789;
    /** Geneve's IANA port (RFC 8926, section 3.3), where Wireshark decodes it. */
    private static final int UDP_PORT_GENEVE = 6081;
    /** GTP-U's port (3GPP TS 29.281, section 4.4.2.3), where Wireshark decodes it. */
    private static final int UDP_PORT_GTP_USER = 2152;
    /** AYIYA's port (SixXS's "Anything In Anything", as registered with IANA), where Wireshark and Zeek decode it. */
    private static final int UDP_PORT_AYIYA = 5072;
    /** Teredo's server port (RFC 4380, section 4), the only one where tshark 4.0 decodes it (its heuristic is off). */
    private static final int UDP_PORT_TEREDO = 3544;
    /** GRE-in-UDP's port (RFC 8086, section 3): a GRE header right after the UDP header (tshark and Zeek decode it). */
    private static final int UDP_PORT_GRE = 4754;
    /** VXLAN-GPE's port (draft-ietf-nvo3-vxlan-gpe): a next-protocol field says what follows. */
    private static final int UDP_PORT_VXLAN_GPE = 4790;
    /** MPLS in UDP (RFC 7510): the label stack right after the UDP header. */
    private static final int UDP_PORT_MPLS = 6635;
    /** L2TP's port (RFC 2661, section 8.1), where tshark decodes it; Zeek does not decode L2TP. */
    private static final int UDP_PORT_L2TP = 1701;
    /**
     * Aruba's access points tunnel their clients' 802.11 frames (without FCS) in GRE under these
     * protocol types: 0x8200 to 0x8370 in steps of 0x10, where tshark 4.0 and Zeek decode them.
     */
    private static final int GRE_ARUBA_FIRST = 0x8200;
    private static final int GRE_ARUBA_LAST = 0x8370;
    /** AYIYA's operation code for a forwarded packet; its next-header field then says what follows. */
    private static final int AYIYA_FORWARD = 1;

    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_IPIP = 4;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_GRE = 47;
    public static final int IPPROTO_ICMPV6 = 58;
    public static final int IPPROTO_PIM = 103;
    /** An Ethernet frame right after the IP header (RFC 8986's End.DX2, SRv6 carrying layer 2). */
    public static final int IPPROTO_ETHERNET = 143;

    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_TAG = 4;
    /** 802.1ah's I-TAG (priority, drop eligibility, use-customer-address, I-SID), customer addresses and EtherType. */
    private static final int PBB_HEADER = 4 + 6 + 6 + 2;
    /** VN-Tag: direction, pointer, destination and source virtual interfaces, then the EtherType. */
    private static final int VNTAG_HEADER = 6;
    /** E-Tag: priority, ingress and destination E-CIDs with their extensions, then the EtherType. */
    private static final int ETAG_HEADER = 8;
    /** NSH's base and service path headers; its length field counts these and the context headers. */
    private static final int NSH_MIN_HEADER = 8;
    /** FDDI's frame control byte and two addresses. */
    private static final int FDDI_HEADER = 13;
    private static final int PPPOE_HEADER = 6;
    private static final int PPP_PROTOCOL = 2;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;
    /** MPLS over PPP (RFC 3032, section 4.2): unicast and multicast label stacks. */
    private static final int PPP_MPLS = 0x0281;
    private static final int PPP_MPLS_MULTICAST = 0x0283;
    private static final int MPLS_LABEL = 4;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int NULL_HEADER = 4;
    /** 802.3br mPacket: 7 preamble bytes and the start-of-mPacket delimiter before the Ethernet frame. */
    private static final int MPACKET_PREAMBLE = 8;
    private static final int IPNET_HEADER = 24;
    private static final int IPNET_AF_INET = 2;
    private static final int IPNET_AF_INET6 = 26;
    /** Arista's header: its subtype, and the subtype of a timestamp. */
    private static final int ARISTA_SUBTYPE = 2;
    private static final int ARISTA_TIMESTAMP = 1;
    /** MACsec's SecTAG: TCI and AN, short length, packet number, and the SCI when TCI's SC bit says so; then the ICV. */
    private static final int MACSEC_SECTAG = 6;
    private static final int MACSEC_SECTAG_WITH_SCI = 14;
    private static final int MACSEC_ICV = 16;
    private static final int MACSEC_TCI_VERSION = 0x80;
    private static final int MACSEC_TCI_SC = 0x20;
    private static final int MACSEC_TCI_E = 0x08;
    private static final int MACSEC_TCI_C = 0x04;
    /** PIM version 2's header (version and type, reserved, checksum), a Register's flags after it. */
    private static final int PIM_HEADER = 4;
    private static final int PIM_REGISTER_FLAGS = 4;
    private static final int PIM_VERSION_2 = 0x20;
    private static final int PIM_REGISTER = 1;
    private static final int UDP_HEADER = 8;
    /** Radiotap's fixed header (version, pad, length, first present word) and its Flags' FCS bit; an FCS's size. */
    private static final int RADIOTAP_MIN = 8;
    private static final int RADIOTAP_FLAG_FCS = 0x10;
    private static final int FCS = 4;
    /** 802.11: a data frame's three-address header, the data type, and the flags for protected frames and HT control. */
    private static final int WLAN_DATA_HEADER = 24;
    private static final int WLAN_DATA = 2;
    private static final int WLAN_PROTECTED = 0x40;
    private static final int WLAN_ORDER = 0x80;
    /** The shortest pflog header read: length, family, action, reason. */
    private static final int PFLOG_MIN_HEADER = 4;
    /** The address families NFLOG logs. */
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;
    /** Cisco HDLC's header (address, control, protocol) and its unicast address (0x8f with the broadcast bit). */
    private static final int CHDLC_HEADER = 4;
    private static final int CHDLC_UNICAST = 0x0F;
    /** GRE's fixed part: flags and version, protocol type (RFC 2784, section 2.1). */
    private static final int GRE_HEADER = 4;
    /** GRE's routing bit (RFC 1701: a source route follows, not followed here) and its version field. */
    private static final int GRE_ROUTING = 0x4000;
    private static final int GRE_VERSION = 0x0007;
    /** GRE's protocol type for PPP, as PPTP uses it (RFC 2637, section 4.1). */
    public static final int GRE_PPP = 0x880B;
    /**
     * VXLAN's header (RFC 7348, section 5), and the fixed part of Geneve's (RFC 8926, section 3.4)
     * and of GTP-U's (3GPP TS 29.281, section 5.1; 4 more bytes when its E, S or PN flag is set).
     */
    private static final int UDP_TUNNEL_HEADER = 8;
    /** GTP-U's message type for a user's packet (G-PDU). */
    private static final int GTP_G_PDU = 0xFF;
    private static final int ICMP_HEADER = 8;
    private static final int ARP_MIN = 8;
    /** LLC's service access point of the spanning tree protocol, and its unnumbered-information control. */
    private static final int BPDU_SAP = 0x42;
    private static final int LLC_UI = 0x03;
    /** Largest Ethernet length value; larger values are EtherTypes (IEEE 802.3, clause 3.2.6). */
    public static final int MAX_8023_LENGTH = 1500;

    /** Offsets stay below this, so adding any 16-bit length field to them cannot overflow an int. */
    private static final int MAX_REPORTED_END = Integer.MAX_VALUE / 2;

    private final FragmentReassembler fragments;
    private Packet packet;

    public PacketDecoder() {
        this(new FragmentReassembler(FragmentReassembler.Limits.DEFAULT));
    }

    public PacketDecoder(FragmentReassembler fragments) {
        this.fragments = fragments;
    }

    public FragmentReassembler fragments() {
        return fragments;
    }

    /** Decodes the record's bytes into {@code out}. Never throws on any input. */
    public Packet decode(PacketRecord record, long number, Packet out) {
        out.reset(record, number);
        packet = out;
        int start = record.dataOffset();
        int end = start + record.capturedLength();
        // A record may claim up to 4 GiB on the wire: keep every offset sum far from overflow.
        int reportedEnd = (int) Math.min((long) start + record.originalLength(), MAX_REPORTED_END);
        try {
            decodeLink(record.buffer(), record.linkType(), start, end, reportedEnd);
        } catch (RuntimeException e) {
            // A bounds error here means a length check is missing: keep the packet and say so.
            out.problem(Problem.DECODER_BUG);
        }
        packet = null;
        return out;
    }

    private void decodeLink(ByteBuffer b, int linkType, int at, int end, int reportedEnd) {
        switch (linkType) {
            case LINKTYPE_ETHERNET -> ethernet(b, at, end, reportedEnd);
            case LINKTYPE_ETHER_MPACKET -> {
                if (end - at >= MPACKET_PREAMBLE + ETHERNET_HEADER) {
                    ethernet(b, at + MPACKET_PREAMBLE, end, reportedEnd);
                }
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> bsdNull(b, linkType, at, end, reportedEnd);
            // Raw IP goes by the version nibble; tshark 4.0 shows any version but 4 and 6 as
            // data ("raw:data", "Raw packet data", checked on a built frame of version 5).
            case LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD, LINKTYPE_RAW_BSD -> {
                if (add(Layer.RAW_IP, at, 0, end, reportedEnd) >= 0) {
                    int version = end > at ? (b.get(at) & 0xF0) >>> 4 : 0;
                    if (version == 4 || version == 6) {
                        ipByVersion(b, at, end, reportedEnd);
                    } else if (end > at) {
                        data(at, end, reportedEnd, false, false);
                    }
                }
            }
            // tshark reads this link type with its "ip" dispatcher, which hands a version 6
            // header to IPv6 without an IPv4 item first (the ethertype's IPv4 shows one).
            case LINKTYPE_IPV4 -> {
                if (end > at && Ipv4Header.version(b, at) == 6) {
                    ipv6(b, at, end, reportedEnd);
                } else {
                    ipv4(b, at, end, reportedEnd);
                }
            }
            case LINKTYPE_IPV6 -> ipv6(b, at, end, reportedEnd);
            case LINKTYPE_LINUX_SLL -> linuxSll(b, at, end, reportedEnd);
            case LINKTYPE_LINUX_SLL2 -> linuxSll2(b, at, end, reportedEnd);
            // PPP, with or without the HDLC-like address and control bytes (RFC 1661, 1662), in
            // HDLC-like framing, or Cisco's HDLC framing (an address of 0x0f or 0x8f), which
            // Wireshark shows under an empty PPP item on both link types, as tshark 4.0 does.
            case LINKTYPE_PPP, LINKTYPE_PPP_HDLC -> {
                if (at < end && ((b.get(at) & 0x7F) == CHDLC_UNICAST)) {
                    if (add(Layer.PPP, at, 0, end, reportedEnd) >= 0) {
                        ciscoHdlc(b, at, end, reportedEnd);
                    }
                } else {
                    pppFrame(b, at, end, reportedEnd, false);
                }
            }
            case LINKTYPE_C_HDLC -> ciscoHdlc(b, at, end, reportedEnd);
            case LINKTYPE_FRELAY -> frameRelay(b, at, end, reportedEnd);
            case LINKTYPE_JUNIPER_ETHER -> juniperEthernet(b, at, end, reportedEnd);
            // Solaris's ipnet devices: a 24-byte header whose address family (Solaris's own
            // numbers: 2 IPv4, 26 IPv6) names the IP packet that follows.
            case LINKTYPE_IPNET -> {
                if (linkHeader(Layer.IPNET, at, IPNET_HEADER, end, reportedEnd)) {
                    switch (b.get(at + 1) & 0xFF) {
                        case IPNET_AF_INET -> ipv4(b, at + IPNET_HEADER, end, reportedEnd);
                        case IPNET_AF_INET6 -> ipv6(b, at + IPNET_HEADER, end, reportedEnd);
                        default -> data(at + IPNET_HEADER, end, reportedEnd, false, false);
                    }
                }
            }
            case LINKTYPE_IPOIB -> {
                if (linkHeader(Layer.IPOIB, at, IPOIB_HEADER, end, reportedEnd)) {
                    etherType(b, b.getShort(at + IPOIB_HEADER - 4) & 0xFFFF, at + IPOIB_HEADER, end, reportedEnd);
                }
            }
            case LINKTYPE_NFLOG -> nflog(b, at, end, reportedEnd);
            case LINKTYPE_PFLOG -> pflog(b, at, end, reportedEnd);
            case LINKTYPE_IEEE802_11 -> wlan(b, at, end, reportedEnd);
            case LINKTYPE_IEEE802_11_RADIOTAP -> radiotap(b, at, end, reportedEnd);
            case LINKTYPE_FDDI -> {
                if (linkHeader(Layer.FDDI, at, FDDI_HEADER, end, reportedEnd)) {
                    llc(b, at + FDDI_HEADER, end, reportedEnd);
                }
            }
            default -> { }
        }
    }

    /**
     * Cisco HDLC: address (0x0f unicast, 0x8f broadcast), control (0), then an EtherType for what
     * follows (Cisco's framing on serial links, LINKTYPE_C_HDLC).
     */
    private void ciscoHdlc(ByteBuffer b, int at, int end, int reportedEnd) {
        if (linkHeader(Layer.CHDLC, at, CHDLC_HEADER, end, reportedEnd)) {
            etherType(b, b.getShort(at + 2) & 0xFFFF, at + CHDLC_HEADER, end, reportedEnd);
        }
    }

    /**
     * A Juniper router's Ethernet capture (LINKTYPE_JUNIPER_ETHER; {@link JuniperHeader}): its
     * header, then the Ethernet frame, or with the layer 2 header stripped, a protocol number
     * and what it names. Without the header's magic number tshark 4.0 shows the bytes in its
     * place as the magic number and reads the whole record as Ethernet, and so does tcplens.
     */
    private void juniperEthernet(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < JuniperHeader.MAGIC_AND_FLAGS) {
            ethernet(b, at, end, reportedEnd);
            return;
        }
        if (!JuniperHeader.hasMagic(b, at)) {
            // tshark shows the bytes where the magic number should be, then the frame from there.
            if (add(Layer.JUNIPER, at, 0, end, reportedEnd) >= 0) {
                ethernet(b, at, end, reportedEnd);
            }
            return;
        }
        int length = JuniperHeader.headerLength(b, at, end);
        if (length < 0) {
            add(Layer.JUNIPER, at, end - at, end, reportedEnd);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        if (!JuniperHeader.layer2Stripped(b, at)) {
            if (linkHeader(Layer.JUNIPER, at, length, end, reportedEnd)) {
                ethernet(b, at + length, end, reportedEnd);
            }
            return;
        }
        if (!linkHeader(Layer.JUNIPER, at, length + 4, end, reportedEnd)) {
            return;
        }
        int payload = at + length + 4;
        switch (JuniperHeader.protocol(b, at + length)) {
            case JuniperHeader.PROTO_IP, JuniperHeader.PROTO_MPLS_IP -> ipByVersion(b, payload, end, reportedEnd);
            case JuniperHeader.PROTO_IP6, JuniperHeader.PROTO_MPLS_IP6 -> ipv6(b, payload, end, reportedEnd);
            case JuniperHeader.PROTO_ETHER -> ethernet(b, payload, end, reportedEnd);
            case JuniperHeader.PROTO_UNKNOWN_THEN_IP -> ipByVersion(b, payload + 4, end, reportedEnd);
            default -> data(payload, end, reportedEnd, false, false);
        }
    }

    /**
     * MACsec (IEEE 802.1AE), as tshark 4.0 reads it: the SecTAG (6 bytes, 14 with the secure
     * channel identifier), and when the frame is neither encrypted nor changed (integrity
     * only) the EtherType and packet it protects, the 16-byte ICV left after that packet as a
     * trailer. An encrypted frame, a version other than 0, or one no longer than its SecTAG and
     * ICV stays data.
     */
    private void macsec(ByteBuffer b, int at, int end, int reportedEnd) {
        int tci = at < end ? b.get(at) & 0xFF : MACSEC_TCI_VERSION;
        int sectag = (tci & MACSEC_TCI_SC) != 0 ? MACSEC_SECTAG_WITH_SCI : MACSEC_SECTAG;
        if ((tci & MACSEC_TCI_VERSION) != 0 || end - at <= sectag + MACSEC_ICV) {
            data(at, end, reportedEnd, false, false);
            return;
        }
        boolean protectedText = (tci & (MACSEC_TCI_E | MACSEC_TCI_C)) != 0;
        if (!linkHeader(Layer.MACSEC, at, protectedText ? sectag : sectag + 2, end, reportedEnd)) {
            return;
        }
        if (protectedText) {
            data(at + sectag, end - MACSEC_ICV, reportedEnd - MACSEC_ICV, false, false);
        } else {
            etherType(b, b.getShort(at + sectag) & 0xFFFF, at + sectag + 2, end, reportedEnd);
        }
    }

    /**
     * Arista's vendor-specific header (EtherType 0xd28b), as tshark 4.0 reads it: a subtype,
     * for a timestamp (subtype 1) a version naming its size (0x10 and 0x110: 4 bytes of seconds
     * and 4 of nanoseconds; 0x20 and 0x120: 2 and 4), then the EtherType of what follows. An
     * unknown timestamp version stops there, as in tshark.
     */
    private void arista(ByteBuffer b, int at, int end, int reportedEnd) {
        int length = ARISTA_SUBTYPE;
        if (end - at >= ARISTA_SUBTYPE + 2 && (b.getShort(at) & 0xFFFF) == ARISTA_TIMESTAMP) {
            length = switch (b.getShort(at + ARISTA_SUBTYPE) & 0xFFFF) {
                case 0x10, 0x110 -> ARISTA_SUBTYPE + 2 + 8;
                case 0x20, 0x120 -> ARISTA_SUBTYPE + 2 + 6;
                default -> -1;
            };
        }
        if (length < 0) {
            if (linkHeader(Layer.ARISTA, at, ARISTA_SUBTYPE + 2, end, reportedEnd)) {
                data(at + ARISTA_SUBTYPE + 2, end, reportedEnd, false, false);
            }
            return;
        }
        if (linkHeader(Layer.ARISTA, at, length + 2, end, reportedEnd)) {
            etherType(b, b.getShort(at + length) & 0xFFFF, at + length + 2, end, reportedEnd);
        }
    }

    /**
     * Frame Relay ({@link FrameRelayHeader}): the Q.922 address, then Cisco's EtherType, or RFC
     * 2427's control byte and network layer protocol id (IPv4, IPv6, or SNAP with an EtherType);
     * other protocols (OSI's, Q.933 signalling) and a bogus address stay data.
     */
    private void frameRelay(ByteBuffer b, int at, int end, int reportedEnd) {
        int address = FrameRelayHeader.addressLength(b, at, end);
        if (address < 0) {
            add(Layer.FRAME_RELAY, at, Math.max(0, end - at), end, reportedEnd);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        int control = at + address;
        if (FrameRelayHeader.cisco(b, at, address, end)) {
            // Cisco's encapsulation: an EtherType, as after Cisco HDLC's address and control.
            if (linkHeader(Layer.FRAME_RELAY, at, address + 2, end, reportedEnd)) {
                etherType(b, b.getShort(control) & 0xFFFF, control + 2, end, reportedEnd);
            }
            return;
        }
        if (control < end && (b.get(control) & 0xFF) != FrameRelayHeader.UI) {
            // Signalling on DLCI 0 (LAPF) or an XID frame: the control byte, then data; or
            // neither RFC 2427 nor a Cisco type decoded here: data after the address.
            boolean controlShown = FrameRelayHeader.controlShown(b, at, address, end);
            if (linkHeader(Layer.FRAME_RELAY, at, controlShown ? address + 1 : address, end, reportedEnd)) {
                data(controlShown ? control + 1 : control, end, reportedEnd, false, false);
            }
            return;
        }
        int nlpid = FrameRelayHeader.nlpidAt(b, control, end);
        int protocol = nlpid < end ? b.get(nlpid) & 0xFF : -1;
        // SNAP's OUI and protocol id follow its NLPID (RFC 2427, section 5.3).
        int payload = protocol == FrameRelayHeader.NLPID_SNAP ? nlpid + 6 : nlpid + 1;
        if (!linkHeader(Layer.FRAME_RELAY, at, payload - at, end, reportedEnd)) {
            return;
        }
        switch (protocol) {
            case FrameRelayHeader.NLPID_IPV4 -> ipv4(b, payload, end, reportedEnd);
            case FrameRelayHeader.NLPID_IPV6 -> ipv6(b, payload, end, reportedEnd);
            case FrameRelayHeader.NLPID_SNAP -> {
                // OUI 0: the protocol id is an EtherType.
                if ((b.getInt(nlpid) & 0x00FFFFFF) == 0) {
                    etherType(b, b.getShort(nlpid + 4) & 0xFFFF, payload, end, reportedEnd);
                } else {
                    data(payload, end, reportedEnd, false, false);
                }
            }
            default -> data(payload, end, reportedEnd, false, false);
        }
    }

    /**
     * Linux netfilter's log (NFLOG, what {@code tcpdump -i nflog:N} reads; {@link NflogHeader}):
     * the packet itself is the payload attribute, an IP datagram of the header's family. The layer
     * covers the header and the attributes before the payload; without a payload it covers everything.
     */
    private void nflog(ByteBuffer b, int at, int end, int reportedEnd) {
        if (!linkHeader(Layer.NFLOG, at, NflogHeader.HEADER, end, reportedEnd)) {
            return;
        }
        int index = packet.layerCount() - 1;
        int family = b.get(at) & 0xFF;
        int tlv = at + NflogHeader.HEADER;
        while (tlv + NflogHeader.ATTRIBUTE_HEADER <= end) {
            int length = NflogHeader.attributeLength(b, tlv);
            if (length < NflogHeader.ATTRIBUTE_HEADER) {
                break;
            }
            if (NflogHeader.attributeType(b, tlv) == NflogHeader.PAYLOAD) {
                int payload = tlv + NflogHeader.ATTRIBUTE_HEADER;
                packet.setHeaderLength(index, payload - at);
                int payloadEnd = Math.min(tlv + length, reportedEnd);
                switch (family) {
                    case NFPROTO_IPV4 -> ipv4(b, payload, Math.min(end, payloadEnd), payloadEnd);
                    case NFPROTO_IPV6 -> ipv6(b, payload, Math.min(end, payloadEnd), payloadEnd);
                    default -> data(payload, Math.min(end, payloadEnd), payloadEnd, false, false);
                }
                return;
            }
            tlv = NflogHeader.next(tlv, length);
        }
        packet.setHeaderLength(index, Math.max(0, end - at));
    }

    /**
     * OpenBSD pf's log (pflog, LINKTYPE_PFLOG): a header whose first byte is its length, padded
     * to 4 bytes as BPF aligns it (61 bytes, or 100 with the addresses of newer systems), its
     * second the address family of the logged packet: 2 IPv4; 24, 28 or 30 IPv6 (OpenBSD,
     * FreeBSD, macOS), as tshark reads them.
     */
    private void pflog(ByteBuffer b, int at, int end, int reportedEnd) {
        int length = end > at ? Math.max(PFLOG_MIN_HEADER, ((b.get(at) & 0xFF) + 3) & ~3) : PFLOG_MIN_HEADER;
        if (!linkHeader(Layer.PFLOG, at, length, end, reportedEnd)) {
            return;
        }
        switch (b.get(at + 1) & 0xFF) {
            case 2 -> ipv4(b, at + length, end, reportedEnd);
            case 24, 28, 30 -> ipv6(b, at + length, end, reportedEnd);
            default -> data(at + length, end, reportedEnd, false, false);
        }
    }

    /**
     * A radiotap header (the radio's view of an 802.11 frame, LINKTYPE_IEEE802_11_RADIOTAP): its
     * length, little-endian, at byte 2; the frame follows. When the Flags field (present bit 1,
     * after the present words and the 8-byte-aligned TSFT when bit 0 is set) has its FCS bit, the
     * frame's last 4 bytes are its FCS, not its data. Wireshark lists a "wlan_radio" item between
     * the two, as tcplens does.
     */
    private void radiotap(ByteBuffer b, int at, int end, int reportedEnd) {
        // A length below the fixed part is a lie: the fixed part is read, and the frame follows it.
        int length = Math.max(RADIOTAP_MIN,
                end - at >= RADIOTAP_MIN ? Short.toUnsignedInt(Short.reverseBytes(b.getShort(at + 2))) : RADIOTAP_MIN);
        if (!linkHeader(Layer.RADIOTAP, at, length, end, reportedEnd)) {
            return;
        }
        int present = Integer.reverseBytes(b.getInt(at + 4));
        int field = at + 8;
        for (int word = present; word < 0 && field + 4 <= at + length; field += 4) {
            // Bit 31: another present word follows.
            word = Integer.reverseBytes(b.getInt(field));
        }
        boolean fcs = false;
        if ((present & 0x1) != 0) {
            field = at + ((field - at + 7) & ~7) + 8;
        }
        if ((present & 0x2) != 0 && field < at + length) {
            fcs = (b.get(field) & RADIOTAP_FLAG_FCS) != 0;
        }
        add(Layer.WLAN_RADIO, at + length, 0, end, reportedEnd);
        int frameEnd = fcs ? Math.max(at + length, reportedEnd - FCS) : reportedEnd;
        wlan(b, at + length, Math.min(end, frameEnd), frameEnd);
    }

    /**
     * An IEEE 802.11 frame (LINKTYPE_IEEE802_11, or after radiotap). A data frame's header is 24
     * bytes, 30 with four addresses (to and from the distribution system), 2 more for QoS
     * subtypes and 4 more with their HT control (the order bit); its body is LLC/SNAP and what the
     * EtherType names, unless it is protected (encrypted: data) or a null function (no body).
     * Management and control frames stay whole in the layer.
     */
    private void wlan(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < 2) {
            linkHeader(Layer.WLAN, at, WLAN_DATA_HEADER, end, reportedEnd);
            return;
        }
        int control = b.get(at) & 0xFF;
        int flags = b.get(at + 1) & 0xFF;
        int type = (control >>> 2) & 0x3;
        int subtype = (control >>> 4) & 0xF;
        if (type != WLAN_DATA) {
            linkHeader(Layer.WLAN, at, end - at, end, reportedEnd);
            return;
        }
        boolean qos = (subtype & 0x8) != 0;
        int headerLength = WLAN_DATA_HEADER + ((flags & 0x3) == 0x3 ? 6 : 0) + (qos ? 2 : 0)
                + (qos && (flags & WLAN_ORDER) != 0 ? 4 : 0);
        if (!linkHeader(Layer.WLAN, at, headerLength, end, reportedEnd) || (subtype & 0x4) != 0) {
            return;
        }
        int body = at + headerLength;
        if ((flags & WLAN_PROTECTED) != 0) {
            data(body, end, reportedEnd, false, false);
        } else {
            llc(b, body, end, reportedEnd);
        }
    }

    /**
     * Adds a link layer's fixed header; false when the layers are full or the frame is shorter
     * than the header (the layer then holds what there is, and the packet is truncated_header).
     */
    private boolean linkHeader(Layer layer, int at, int headerLength, int end, int reportedEnd) {
        if (end - at < headerLength) {
            add(layer, at, Math.max(0, end - at), end, reportedEnd);
            packet.problem(Problem.TRUNCATED_HEADER);
            return false;
        }
        return add(layer, at, headerLength, end, reportedEnd) >= 0;
    }

    private void ethernet(ByteBuffer b, int at, int end, int reportedEnd) {
        if (fabricPath(b, at, end, reportedEnd)) {
            return;
        }
        if (!linkHeader(Layer.ETHERNET, at, ETHERNET_HEADER, end, reportedEnd)) {
            return;
        }
        afterTypeField(b, b.getShort(at + 12) & 0xFFFF, at + ETHERNET_HEADER, end, reportedEnd);
    }

    /**
     * Cisco FabricPath, as tshark 4.0 finds it: a heuristic that looks at every Ethernet frame
     * before its EtherType is dispatched. EtherType 0x8903 where the type field is makes the
     * frame's first 16 bytes a FabricPath header (switch addresses where the MACs are, then the
     * EtherType, FTAG and TTL); an 802.1ad or 802.1Q tag followed by 0x8903 makes them 20. A whole
     * Ethernet frame follows, and the FabricPath frame's 4-byte FCS ends it, outside that frame.
     * (nDPI's ajp.pcap has such frames, copies of a session's segments.) Zeek does not decode it.
     */
    private boolean fabricPath(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < ETHERNET_HEADER) {
            return false;
        }
        int type = b.getShort(at + 12) & 0xFFFF;
        int header;
        if (type == ETHERTYPE_FABRICPATH) {
            header = FABRICPATH_HEADER;
        } else if ((type == ETHERTYPE_QINQ || type == ETHERTYPE_VLAN) && end - at >= FABRICPATH_HEADER + 2
                && (b.getShort(at + FABRICPATH_HEADER) & 0xFFFF) == ETHERTYPE_FABRICPATH) {
            header = FABRICPATH_HEADER + VLAN_TAG;
        } else {
            return false;
        }
        if (linkHeader(Layer.FABRICPATH, at, header, end, reportedEnd)) {
            int innerReported = Math.max(at + header, reportedEnd - ETHERNET_FCS);
            ethernet(b, at + header, Math.min(end, innerReported), innerReported);
        }
        return true;
    }

    /** IEEE 802.2 LLC under an 802.3 length frame; SNAP carries an EtherType on. */
    private void llc(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < 3) {
            return;
        }
        boolean snap = (b.get(at) & 0xFF) == 0xAA && (b.get(at + 1) & 0xFF) == 0xAA && (b.get(at + 2) & 0xFF) == 0x03;
        int headerLength = snap ? 8 : 3;
        if (end - at < headerLength || add(Layer.LLC, at, headerLength, end, reportedEnd) < 0) {
            return;
        }
        if (snap && (b.getShort(at + 3) & 0xFFFF) == 0 && (b.get(at + 5) & 0xFF) == 0) {
            etherType(b, b.getShort(at + 6) & 0xFFFF, at + headerLength, end, reportedEnd);
        } else if ((!snap && (b.get(at) & 0xFF) == BPDU_SAP && (b.get(at + 1) & 0xFF) == BPDU_SAP
                    && (b.get(at + 2) & 0xFF) == LLC_UI || snap && ciscoPvst(b, at))
                && at + headerLength < end && !garpDestination()) {
            // The whole BPDU is the layer: its parts depend on its type and version (StpBpdu).
            add(Layer.STP, at + headerLength, end - at - headerLength, end, reportedEnd);
        }
    }

    /**
     * The whole header of a link layer that ends with an EtherType (Ethernet, the tags, cooked
     * captures), or -1 for another layer. A layer the capture cut is recorded with the bytes it
     * has (linkHeader), so its recorded length does not say where its type field is.
     */
    public static int typedLinkHeaderLength(Layer layer) {
        return switch (layer) {
            case ETHERNET -> ETHERNET_HEADER;
            case VLAN, IEEE8021AD -> VLAN_TAG;
            case PBB -> PBB_HEADER;
            case VNTAG -> VNTAG_HEADER;
            case ETAG -> ETAG_HEADER;
            case LINUX_SLL -> SLL_HEADER;
            case LINUX_SLL2 -> SLL2_HEADER;
            default -> -1;
        };
    }

    /** SNAP with Cisco's OUI (00:00:0c) and PID 0x010b: Cisco's per-VLAN spanning tree (PVST+) BPDU. */
    private static boolean ciscoPvst(ByteBuffer b, int at) {
        return (b.getShort(at + 3) & 0xFFFF) == 0x0000 && (b.get(at + 5) & 0xFF) == 0x0C && (b.getShort(at + 6) & 0xFFFF) == 0x010B;
    }

    /**
     * True when the frame goes to a GARP application's group address (01:80:c2:00:00:0d or
     * 01:80:c2:00:00:2x): tshark's BPDU dissector hands those to GVRP or GMRP, or calls them GARP,
     * not STP.
     */
    private boolean garpDestination() {
        int eth = packet.find(Layer.ETHERNET);
        if (eth < 0 || !packet.has(eth, 0, 6)) {
            return false;
        }
        ByteBuffer b = packet.buffer(eth);
        int at = packet.start(eth);
        int last = b.get(at + 5) & 0xFF;
        return b.getInt(at) == 0x0180C200 && b.get(at + 4) == 0 && (last == 0x0D || (last & 0xF0) == 0x20);
    }

    private void etherType(ByteBuffer b, int type, int at, int end, int reportedEnd) {
        switch (type) {
            case ETHERTYPE_IPV4 -> ipv4(b, at, end, reportedEnd);
            case ETHERTYPE_IPV6 -> ipv6(b, at, end, reportedEnd);
            // tshark names the 802.1ad service tag ieee8021ad, and the old 0x9100 one vlan.
            case ETHERTYPE_VLAN, ETHERTYPE_QINQ_OLD -> tag(Layer.VLAN, VLAN_TAG, b, at, end, reportedEnd);
            case ETHERTYPE_QINQ -> tag(Layer.IEEE8021AD, VLAN_TAG, b, at, end, reportedEnd);
            case ETHERTYPE_PBB -> tag(Layer.PBB, PBB_HEADER, b, at, end, reportedEnd);
            case ETHERTYPE_ETAG -> tag(Layer.ETAG, ETAG_HEADER, b, at, end, reportedEnd);
            case ETHERTYPE_VNTAG -> tag(Layer.VNTAG, VNTAG_HEADER, b, at, end, reportedEnd);
            case ETHERTYPE_NSH -> nsh(b, at, end, reportedEnd, false);
            case ETHERTYPE_MACSEC -> macsec(b, at, end, reportedEnd);
            case ETHERTYPE_ARISTA -> arista(b, at, end, reportedEnd);
            case ETHERTYPE_PPPOE_SESSION -> pppoe(b, at, end, reportedEnd);
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> mpls(b, at, end, reportedEnd);
            case ETHERTYPE_ARP -> arp(b, at, end, reportedEnd);
            // After Cisco HDLC the same number is SLARP, not reverse ARP (tshark's chdlc.protocol table).
            case ETHERTYPE_RARP -> {
                if (afterEtherTypeHeader()) {
                    arp(b, at, end, reportedEnd);
                }
            }
            default -> {
                // After an Ethernet header, a tag or a cooked header, a type that no dissector of
                // tshark's claims is shown as data (frame.protocols "eth:ethertype:data"); one that
                // a dissector claims, but tcplens does not decode, is left out as before.
                if (type >= EtherTypes.MIN_TYPE && afterEtherTypeHeader() && !EtherTypes.dissectedByTshark(type)) {
                    data(at, end, reportedEnd, false, false);
                }
            }
        }
    }

    /**
     * True when the type being dispatched is read from Ethernet's header, a tag's or a cooked
     * capture's (Layer.handsOnByEtherType), where tshark's "ethertype" table decides; not
     * after Cisco HDLC, IPoIB, MACsec or GRE, whose types go through tables of their own.
     */
    private boolean afterEtherTypeHeader() {
        int carrier = packet.layerCount() - 1;
        return carrier >= 0 && packet.layer(carrier).handsOnByEtherType();
    }

    /** An ARP message: its fixed part and the four addresses its sizes announce, as far as captured. */
    private void arp(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at >= ARP_MIN) {
            add(Layer.ARP, at, Math.min(end - at, ARP_MIN + 2 * ((b.get(at + 4) & 0xFF) + (b.get(at + 5) & 0xFF))),
                    end, reportedEnd);
        }
    }

    /**
     * A tag inserted in an Ethernet frame, whose last 2 bytes are the EtherType of what follows:
     * 802.1Q's tag or 802.1ad's service tag (4 bytes), 802.1ah's I-TAG with the customer's
     * addresses (18, provider backbone bridging, which Zeek decodes too), Cisco's VN-Tag (6) and
     * 802.1BR's E-Tag (8).
     */
    private void tag(Layer layer, int headerLength, ByteBuffer b, int at, int end, int reportedEnd) {
        if (!linkHeader(layer, at, headerLength, end, reportedEnd)) {
            return;
        }
        afterTypeField(b, b.getShort(at + headerLength - 2) & 0xFFFF, at + headerLength, end, reportedEnd);
    }

    /** A type field's value at or below 1500 is 802.3's length: LLC follows. */
    private void afterTypeField(ByteBuffer b, int type, int at, int end, int reportedEnd) {
        if (type <= MAX_8023_LENGTH) {
            llc(b, at, end, reportedEnd);
        } else {
            etherType(b, type, at, end, reportedEnd);
        }
    }

    /** PPPoE session stage (RFC 2516, section 4) carrying PPP (RFC 1661). */
    private void pppoe(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < PPPOE_HEADER + PPP_PROTOCOL) {
            add(Layer.PPPOE, at, Math.max(0, end - at), end, reportedEnd);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        int payloadLength = b.getShort(at + 4) & 0xFFFF;
        int sessionEnd = Math.min(end, at + PPPOE_HEADER + payloadLength);
        if (add(Layer.PPPOE, at, PPPOE_HEADER, sessionEnd, at + PPPOE_HEADER + payloadLength) < 0
                || add(Layer.PPP, at + PPPOE_HEADER, PPP_PROTOCOL, sessionEnd, at + PPPOE_HEADER + payloadLength) < 0) {
            return;
        }
        int protocol = b.getShort(at + PPPOE_HEADER) & 0xFFFF;
        int ip = at + PPPOE_HEADER + PPP_PROTOCOL;
        // The session's payload length bounds what PPP carries; bytes after it are an Ethernet
        // trailer, even when the IP header claims them (Wireshark does the same).
        int sessionReportedEnd = Math.min(reportedEnd, at + PPPOE_HEADER + payloadLength);
        if (protocol == PPP_IPV4) {
            ipv4(b, ip, sessionEnd, sessionReportedEnd);
        } else if (protocol == PPP_IPV6) {
            ipv6(b, ip, sessionEnd, sessionReportedEnd);
        }
    }

    /** An MPLS label stack (RFC 3032); the payload's IP version is read from its first nibble. */
    private void mpls(ByteBuffer b, int at, int end, int reportedEnd) {
        while (true) {
            if (end - at < MPLS_LABEL) {
                add(Layer.MPLS, at, Math.max(0, end - at), end, reportedEnd);
                packet.problem(Problem.TRUNCATED_HEADER);
                return;
            }
            if (add(Layer.MPLS, at, MPLS_LABEL, end, reportedEnd) < 0) {
                return;
            }
            boolean bottom = (b.get(at + 2) & 1) != 0;
            at += MPLS_LABEL;
            if (bottom) {
                ipByVersion(b, at, end, reportedEnd);
                return;
            }
        }
    }

    /**
     * BSD loopback: a 4-byte address family, in the capturing host's byte order for NULL and in
     * network order for LOOP. AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 on the BSDs and
     * macOS, 10 on Linux.
     */
    private void bsdNull(ByteBuffer b, int linkType, int at, int end, int reportedEnd) {
        if (end - at < NULL_HEADER) {
            return;
        }
        int family = b.getInt(at);
        if (linkType == LINKTYPE_NULL && (family & 0xFFFF) == 0) {
            family = Integer.reverseBytes(family);
        }
        if (add(Layer.BSD_NULL, at, NULL_HEADER, end, reportedEnd) < 0) {
            return;
        }
        switch (family) {
            case 2 -> ipv4(b, at + NULL_HEADER, end, reportedEnd);
            case 10, 24, 28, 30 -> ipv6(b, at + NULL_HEADER, end, reportedEnd);
            default -> { }
        }
    }

    private void linuxSll(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < SLL_HEADER) {
            add(Layer.LINUX_SLL, at, Math.max(0, end - at), end, reportedEnd);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        if (add(Layer.LINUX_SLL, at, SLL_HEADER, end, reportedEnd) >= 0) {
            etherType(b, b.getShort(at + 14) & 0xFFFF, at + SLL_HEADER, end, reportedEnd);
        }
    }

    private void linuxSll2(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < SLL2_HEADER) {
            add(Layer.LINUX_SLL2, at, Math.max(0, end - at), end, reportedEnd);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        if (add(Layer.LINUX_SLL2, at, SLL2_HEADER, end, reportedEnd) >= 0) {
            etherType(b, b.getShort(at) & 0xFFFF, at + SLL2_HEADER, end, reportedEnd);
        }
    }

    private void ipByVersion(ByteBuffer b, int at, int end, int reportedEnd) {
        if (end - at < 1) {
            return;
        }
        switch ((b.get(at) & 0xF0) >>> 4) {
            case 4 -> ipv4(b, at, end, reportedEnd);
            case 6 -> ipv6(b, at, end, reportedEnd);
            default -> { }
        }
    }

    private void ipv4(ByteBuffer b, int at, int end, int reportedEnd) {
        ipv4(b, at, end, reportedEnd, false, false);
    }

    private void ipv4(ByteBuffer b, int at, int end, int reportedEnd, boolean quoted, boolean reassembled) {
        int version = end > at ? (b.get(at) & 0xF0) >>> 4 : 4;
        if (version != 4 && !reassembled) {
            // Where IPv4 is expected (its ethertype, a raw IPv4 link, IP-in-IP, an ICMP error's
            // quote), tshark 4.0's IPv4 dissectors and Zeek's IP analyzer all go by the version
            // nibble: 6 is decoded as IPv6, any other is a bogus version with nothing more to read
            // (tshark shows ip.version alone). The IPv4 layer is then that one nibble's byte, so
            // that ip and ip.version are there and no other ip.* field is. (tshark 4.0 on
            // tcpdump's kday1.pcap, kday3.pcap and hoobr_rt6_print.pcap.) An ICMP error's quote
            // goes through tshark's "ip" dispatcher, which shows no IPv4 item before the IPv6.
            if (version == 6 && quoted) {
                ipv6(b, at, end, reportedEnd, true, false);
                return;
            }
            add(Layer.IPV4, at, 1, at + 1, at + 1, quoted, false);
            if (version == 6) {
                ipv6(b, at, end, reportedEnd, quoted, false);
            } else {
                packet.problem(Problem.BAD_VERSION);
            }
            return;
        }
        if (end - at < Ipv4Header.MIN_LENGTH) {
            add(Layer.IPV4, at, Math.max(0, end - at), end, reportedEnd, quoted, reassembled);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        int headerLength = Ipv4Header.headerLength(b, at);
        int totalLength = Ipv4Header.totalLength(b, at);
        // Only a reassembled datagram can get here with another version (its first fragment's).
        boolean badVersion = Ipv4Header.version(b, at) != 4;
        boolean badHeader = headerLength < Ipv4Header.MIN_LENGTH;
        // A quoted datagram is usually cut by the ICMP error: its total length still tells what
        // the original carried. TSO-captured packets have total length 0 (tshark then uses the
        // captured length); both are handled as the bytes present.
        int datagramEnd = totalLength == 0 ? reportedEnd : at + totalLength;
        boolean badTotal = !badHeader && totalLength != 0 && totalLength < headerLength;
        // A total length beyond the packet is clipped to the packet, as Wireshark does.
        boolean overlong = !quoted && datagramEnd > reportedEnd;
        if (overlong) {
            datagramEnd = reportedEnd;
        }
        int capturedEnd = Math.min(end, datagramEnd);
        if (badHeader && !badVersion) {
            // A header length under 20 bytes: tshark 4.0 shows the version and the bogus header
            // length and reads nothing more of the header (nDPI's fuzz-2006-06-26-2594.pcap,
            // frame 303: IHL 1). The layer is the first byte, as for a bogus version, so that
            // ip, ip.version and ip.hdr_len are there and no other ip.* field is.
            add(Layer.IPV4, at, 1, at + 1, at + 1, quoted, reassembled);
            packet.problem(Problem.BAD_HEADER_LENGTH);
            return;
        }
        // (Only a reassembled datagram, with its first fragment's version, can be bad both ways.)
        int index = add(Layer.IPV4, at, badHeader ? Ipv4Header.MIN_LENGTH : headerLength, capturedEnd,
                datagramEnd, quoted, reassembled);
        if (index < 0) {
            return;
        }
        if (badVersion) {
            packet.problem(Problem.BAD_VERSION);
            return;
        }
        if (headerLength > capturedEnd - at) {
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        if (badTotal || overlong) {
            packet.problem(Problem.BAD_TOTAL_LENGTH);
            if (badTotal) {
                return;
            }
        }
        // IPv4 options are laid out as TCP's are (RFC 791 3.1: end 0, no-op 1, then kind-length-value).
        if (!TcpOptions.valid(b, at + Ipv4Header.MIN_LENGTH, at + headerLength)) {
            packet.problem(Problem.BAD_OPTION_LENGTH);
        }
        if (!quoted) {
            packet.network = index;
        }
        int protocol = Ipv4Header.protocol(b, at);
        int payload = at + headerLength;
        boolean fragment = Ipv4Header.moreFragments(b, at) || Ipv4Header.fragmentOffset(b, at) != 0;
        // Fragments inside a quoted or an already reassembled datagram are listed, not
        // reassembled: one level of reassembly, one reassembly buffer. Only a fragment captured
        // whole joins its datagram.
        if (fragment && !quoted && !reassembled && !overlong && capturedEnd >= datagramEnd) {
            ByteBuffer whole = fragments.addIpv4(packet, b, at, headerLength, capturedEnd, datagramEnd);
            if (whole != null) {
                packet.reassembly = whole;
                transport(whole, protocol, 0, whole.limit(), whole.limit(), false, true);
            } else {
                data(payload, capturedEnd, datagramEnd, false, false);
            }
            return;
        }
        // A first fragment that cannot join its datagram (the snaplen cut it, or an ICMP error
        // quotes it) shows what it begins with, as Wireshark's IPv4 does (its TCP then takes a
        // stream); IPv6's fragments never do.
        if (fragment && (reassembled || Ipv4Header.fragmentOffset(b, at) != 0)) {
            // Wireshark shows a fragment it does not dissect as data.
            data(payload, capturedEnd, datagramEnd, quoted, reassembled);
            return;
        }
        packet.transportInFragment |= fragment && !quoted;
        transport(b, protocol, payload, capturedEnd, datagramEnd, quoted, reassembled);
    }

    private void ipv6(ByteBuffer b, int at, int end, int reportedEnd) {
        ipv6(b, at, end, reportedEnd, false, false);
    }

    private void ipv6(ByteBuffer b, int at, int end, int reportedEnd, boolean quoted, boolean reassembled) {
        if (end > at && Ipv6Header.version(b, at) != 6) {
            // tshark 4.0's IPv6 dissector refuses another version after reading it (ipv6.version
            // and ip.version are shown, nothing else): the layer is that byte, and the bytes from
            // it on are data, as tshark shows them (frame.protocols names the data, not ipv6).
            add(Layer.IPV6, at, 1, at + 1, at + 1, quoted, reassembled);
            packet.problem(Problem.BAD_VERSION);
            data(at, end, reportedEnd, quoted, reassembled);
            return;
        }
        if (end - at < Ipv6Header.LENGTH) {
            add(Layer.IPV6, at, Math.max(0, end - at), end, reportedEnd, quoted, reassembled);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        int payloadLength = Ipv6Header.payloadLength(b, at);
        // Payload length 0 means a jumbogram or a TSO capture: the frame bounds it.
        int datagramEnd = payloadLength == 0 ? reportedEnd : at + Ipv6Header.LENGTH + payloadLength;
        boolean overlong = !quoted && datagramEnd > reportedEnd;
        if (overlong) {
            datagramEnd = reportedEnd;
        }
        int capturedEnd = Math.min(end, datagramEnd);
        int index = add(Layer.IPV6, at, Ipv6Header.LENGTH, capturedEnd, datagramEnd, quoted, reassembled);
        if (index < 0) {
            return;
        }
        if (overlong) {
            packet.problem(Problem.BAD_TOTAL_LENGTH);
        }
        if (!quoted) {
            packet.network = index;
        }
        int next = Ipv6Header.nextHeader(b, at);
        int cursor = at + Ipv6Header.LENGTH;
        while (true) {
            Layer extension = switch (next) {
                case Ipv6Header.HOP_BY_HOP -> Layer.IPV6_HOP_BY_HOP;
                case Ipv6Header.ROUTING -> Layer.IPV6_ROUTING;
                case Ipv6Header.FRAGMENT -> Layer.IPV6_FRAGMENT;
                case Ipv6Header.DESTINATION_OPTIONS -> Layer.IPV6_DESTINATION;
                default -> null;
            };
            if (extension == null) {
                break;
            }
            if (capturedEnd - cursor < 2) {
                add(extension, cursor, Math.max(0, capturedEnd - cursor), capturedEnd, datagramEnd, quoted, reassembled);
                packet.problem(Problem.TRUNCATED_HEADER);
                return;
            }
            int length = extension == Layer.IPV6_FRAGMENT ? Ipv6Header.FRAGMENT_HEADER_LENGTH
                    : Ipv6Header.extensionLength(b, cursor);
            int extIndex = add(extension, cursor, length, capturedEnd, datagramEnd, quoted, reassembled);
            if (extIndex < 0) {
                return;
            }
            if (cursor + length > capturedEnd) {
                packet.problem(cursor + length > datagramEnd ? Problem.BAD_HEADER_LENGTH : Problem.TRUNCATED_HEADER);
                return;
            }
            next = b.get(cursor) & 0xFF;
            if (extension == Layer.IPV6_FRAGMENT) {
                int offset = Ipv6Header.fragmentOffset(b, cursor);
                boolean more = Ipv6Header.moreFragments(b, cursor);
                // An atomic fragment (offset 0, no more fragments; RFC 6946) is a whole datagram.
                if (offset != 0 || more) {
                    ByteBuffer whole = quoted || reassembled ? null
                            : fragments.addIpv6(packet, b, at, cursor, next, capturedEnd, datagramEnd);
                    if (whole != null) {
                        packet.reassembly = whole;
                        transport(whole, next, 0, whole.limit(), whole.limit(), false, true);
                    } else {
                        data(cursor + length, capturedEnd, datagramEnd, quoted, reassembled);
                    }
                    return;
                }
            }
            cursor += length;
        }
        transport(b, next, cursor, capturedEnd, datagramEnd, quoted, reassembled);
    }

    private void transport(ByteBuffer b, int protocol, int at, int end, int reportedEnd, boolean quoted,
                           boolean reassembled) {
        switch (protocol) {
            case IPPROTO_TCP -> tcp(b, at, end, reportedEnd, quoted, reassembled);
            case IPPROTO_UDP -> udp(b, at, end, reportedEnd, quoted, reassembled);
            case IPPROTO_ICMP -> icmp(b, at, end, reportedEnd, quoted, reassembled, Layer.ICMP);
            case IPPROTO_ICMPV6 -> icmp(b, at, end, reportedEnd, quoted, reassembled, Layer.ICMPV6);
            case IPPROTO_IPIP -> ipv4(b, at, end, reportedEnd, quoted, reassembled);
            case IPPROTO_IPV6 -> ipv6(b, at, end, reportedEnd, quoted, reassembled);
            case IPPROTO_GRE -> gre(b, at, end, reportedEnd, quoted, reassembled);
            case IPPROTO_PIM -> pim(b, at, end, reportedEnd, quoted, reassembled);
            case IPPROTO_ETHERNET -> {
                if (quoted) {
                    data(at, end, reportedEnd, true, reassembled);
                } else {
                    tunnelledFrame(b, at, end, reportedEnd, reassembled);
                }
            }
            default -> data(at, end, reportedEnd, quoted, reassembled);
        }
    }

    /**
     * PIM version 2 (RFC 7761, section 4.9): its 4-byte header, and for a Register message the
     * 4 bytes of flags and then the multicast data packet it carries to the rendezvous point,
     * IPv4 or IPv6 by its version nibble, as tshark 4.0 follows it (a Null-Register's dummy
     * header, version 0, stays data). Other messages, PIM version 1 and ICMP quotes stay data.
     */
    private void pim(ByteBuffer b, int at, int end, int reportedEnd, boolean quoted, boolean reassembled) {
        if (quoted || end - at < PIM_HEADER || (b.get(at) & 0xF0) != PIM_VERSION_2) {
            data(at, end, reportedEnd, quoted, reassembled);
            return;
        }
        if ((b.get(at) & 0x0F) != PIM_REGISTER) {
            if (tunnelHeader(Layer.PIM, at, PIM_HEADER, end, reportedEnd, reassembled)) {
                data(at + PIM_HEADER, end, reportedEnd, false, reassembled);
            }
            return;
        }
        if (!tunnelHeader(Layer.PIM, at, PIM_HEADER + PIM_REGISTER_FLAGS, end, reportedEnd, reassembled)) {
            return;
        }
        int inner = at + PIM_HEADER + PIM_REGISTER_FLAGS;
        switch (inner < end ? (b.get(inner) & 0xF0) >>> 4 : -1) {
            case 4 -> ipv4(b, inner, end, reportedEnd, false, reassembled);
            case 6 -> ipv6(b, inner, end, reportedEnd, false, reassembled);
            default -> data(inner, end, reportedEnd, false, reassembled);
        }
    }

    /**
     * GRE (RFC 2784, with RFC 2890's key and sequence number), and version 1, PPTP's enhanced GRE
     * (RFC 2637) carrying PPP. Higher versions stay data; so does what follows the source-routing
     * bit of RFC 1701, which makes the header's length depend on a routing list.
     */
    private void gre(ByteBuffer b, int at, int end, int reportedEnd, boolean quoted, boolean reassembled) {
        if (quoted) {
            // An ICMP error quotes only the start of the datagram: the tunnel's headers, not its packet.
            data(at, end, reportedEnd, true, reassembled);
            return;
        }
        if (end - at < GRE_HEADER) {
            add(Layer.GRE, at, Math.max(0, end - at), end, reportedEnd, false, reassembled);
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        int flags = b.getShort(at) & 0xFFFF;
        int version = flags & GRE_VERSION;
        int type = b.getShort(at + 2) & 0xFFFF;
        // Checksum, key and sequence number take 4 bytes each when present; in PPTP's enhanced
        // GRE (RFC 2637 section 4.1, told by its PPP payload as tshark tells it) the acknowledgment number too.
        int headerLength = GRE_HEADER + 4 * Integer.bitCount(flags & (type == GRE_PPP ? 0xB080 : 0xB000));
        if (!tunnelHeader(Layer.GRE, at, headerLength, end, reportedEnd, reassembled)) {
            return;
        }
        int payload = at + headerLength;
        if ((flags & GRE_ROUTING) != 0 || version > 1) {
            data(payload, end, reportedEnd, false, reassembled);
            return;
        }
        switch (type) {
            // PPTP's sessions: the user's PPP frames (tshark and Zeek follow them).
            case GRE_PPP -> pppFrame(b, payload, end, reportedEnd, reassembled);
            case ETHERTYPE_IPV4 -> ipv4(b, payload, end, reportedEnd, false, reassembled);
            case ETHERTYPE_IPV6 -> ipv6(b, payload, end, reportedEnd, false, reassembled);
            case ETHERTYPE_TRANSPARENT_ETHERNET -> tunnelledFrame(b, payload, end, reportedEnd, reassembled);
            case ETHERTYPE_ERSPAN, ETHERTYPE_ERSPAN_3 -> erspan(b, payload, end, reportedEnd, reassembled,
                    type == ETHERTYPE_ERSPAN_3 ? 3 : (flags & 0x1000) != 0 ? 2 : 1);
            default -> {
                if (reassembled) {
                    data(payload, end, reportedEnd, false, true);
                } else if (type >= GRE_ARUBA_FIRST && type <= GRE_ARUBA_LAST && (type & 0xF) == 0) {
                    wlan(b, payload, end, reportedEnd);
                } else {
                    etherType(b, type, payload, end, reportedEnd);
                }
            }
        }
    }

    /**
     * A PPP frame as PPTP carries it in GRE and serial links capture it (RFC 1662 framing without
     * flags and FCS): the address and control bytes (0xff 0x03) unless compressed away, then the
     * protocol, in one byte when the protocol-field compression of RFC 1661 section 6.5 makes it
     * odd; IP follows. Nothing at all (no PPP layer) when no byte is left: PPTP's acknowledgment alone.
     */
    private void pppFrame(ByteBuffer b, int at, int end, int reportedEnd, boolean reassembled) {
        if (at >= end) {
            return;
        }
        int protocolAt = at + 2 <= end && (b.get(at) & 0xFF) == 0xFF && (b.get(at + 1) & 0xFF) == 0x03 ? at + 2 : at;
        int protocolLength = protocolAt < end && (b.get(protocolAt) & 0x01) != 0 ? 1 : PPP_PROTOCOL;
        if (!tunnelHeader(Layer.PPP, at, protocolAt - at + protocolLength, end, reportedEnd, reassembled)) {
            return;
        }
        int protocol = protocolLength == 1 ? b.get(protocolAt) & 0xFF : b.getShort(protocolAt) & 0xFFFF;
        int inner = protocolAt + protocolLength;
        switch (protocol) {
            case PPP_IPV4 -> ipv4(b, inner, end, reportedEnd, false, reassembled);
            case PPP_IPV6 -> ipv6(b, inner, end, reportedEnd, false, reassembled);
            case PPP_MPLS, PPP_MPLS_MULTICAST -> {
                if (reassembled) {
                    data(inner, end, reportedEnd, false, true);
                } else {
                    mpls(b, inner, end, reportedEnd);
                }
            }
            default -> data(inner, end, reportedEnd, false, reassembled);
        }
    }

    /**
     * ERSPAN, a switch's mirrored frame in GRE (the Cisco draft, draft-foschiano-erspan): type I
     * has no header of its own (GRE without a sequence number), type II 8 bytes, type III 12, and
     * 8 more when its O bit announces the platform-specific subheader. Wireshark tells the
     * types apart the same way; the frame follows.
     */
    private void erspan(ByteBuffer b, int at, int end, int reportedEnd, boolean reassembled, int type) {
        int headerLength = switch (type) {
            case 1 -> 0;
            case 2 -> 8;
            default -> end - at >= 12 && (b.get(at + 11) & 1) != 0 ? 20 : 12;
        };
        if (tunnelHeader(Layer.ERSPAN, at, headerLength, end, reportedEnd, reassembled)) {
            tunnelledFrame(b, at + headerLength, end, reportedEnd, reassembled);
        }
    }

    /**
     * Adds a tunnel's header layer of {@code headerLength} bytes; false (with the problem noted)
     * when the layers are full or the header runs past what was captured or past the datagram.
     */
    private boolean tunnelHeader(Layer layer, int at, int headerLength, int end, int reportedEnd, boolean reassembled) {
        int index = add(layer, at, Math.min(headerLength, Math.max(0, end - at)), end, reportedEnd, false, reassembled);
        if (index < 0) {
            return false;
        }
        if (at + headerLength > end) {
            packet.problem(at + headerLength > reportedEnd ? Problem.BAD_HEADER_LENGTH : Problem.TRUNCATED_HEADER);
            return false;
        }
        packet.setHeaderLength(index, headerLength);
        return true;
    }

    /**
     * An Ethernet frame carried by a tunnel. The link-layer decoders read the record's buffer
     * only, so inside a datagram reassembled from fragments the frame stays data.
     */
    private void tunnelledFrame(ByteBuffer b, int at, int end, int reportedEnd, boolean reassembled) {
        if (reassembled) {
            data(at, end, reportedEnd, false, true);
        } else {
            ethernet(b, at, end, reportedEnd);
        }
    }

    /**
     * L2TP version 2 (RFC 2661, section 3.1; {@link L2tpHeader}). A data message
     * carries a PPP frame (with or without address and control, as tshark reads it); a control
     * message carries attribute-value pairs, which stay in the L2TP layer, as tshark lists no
     * protocol after l2tp. Called for version 2 only, with its flags captured.
     */
    private void l2tp(ByteBuffer b, int at, int end, int reportedEnd, boolean reassembled) {
        int headerLength = L2tpHeader.headerLength(b, at, end);
        boolean control = (b.getShort(at) & L2tpHeader.CONTROL) != 0;
        if (!tunnelHeader(Layer.L2TP, at, control ? Math.max(headerLength, end - at) : headerLength, end, reportedEnd,
                reassembled) || control) {
            return;
        }
        pppFrame(b, at + headerLength, end, reportedEnd, reassembled);
    }

    /**
     * A Network Service Header (RFC 8300, section 2): its length field (4-byte words) covers the
     * base, service path and context headers; its next-protocol field says what follows.
     */
    private void nsh(ByteBuffer b, int at, int end, int reportedEnd, boolean reassembled) {
        int headerLength = end - at >= 2 ? Math.max(NSH_MIN_HEADER, 4 * (b.get(at + 1) & 0x3F)) : NSH_MIN_HEADER;
        if (!tunnelHeader(Layer.NSH, at, headerLength, end, reportedEnd, reassembled)) {
            return;
        }
        nextProtocol(b, b.get(at + 3) & 0xFF, at + headerLength, end, reportedEnd, reassembled);
    }

    /**
     * What NSH's and VXLAN-GPE's next-protocol field names (the IANA registry both share): 1 IPv4,
     * 2 IPv6, 3 Ethernet, 4 NSH, 5 MPLS; anything else stays data.
     */
    private void nextProtocol(ByteBuffer b, int protocol, int at, int end, int reportedEnd, boolean reassembled) {
        switch (protocol) {
            case 1 -> ipv4(b, at, end, reportedEnd, false, reassembled);
            case 2 -> ipv6(b, at, end, reportedEnd, false, reassembled);
            case 3 -> tunnelledFrame(b, at, end, reportedEnd, reassembled);
            case 4 -> nsh(b, at, end, reportedEnd, reassembled);
            case 5 -> {
                if (reassembled) {
                    data(at, end, reportedEnd, false, true);
                } else {
                    mpls(b, at, end, reportedEnd);
                }
            }
            default -> data(at, end, reportedEnd, false, reassembled);
        }
    }

    /**
     * Whether a datagram between these ports goes to the tunnel's decoder. Wireshark tries the
     * lower port's protocol first (a DNS query sent from port 4789 to port 53 is DNS; to port
     * 3000, DIS), and tcplens does not know every protocol's port: so only when the tunnel's port
     * is the lower one. Tunnel endpoints send to it from a port taken from the ephemeral range
     * (RFC 7348, section 5: a hash of the inner packet's headers), which is higher, or from the
     * same port (GTP-U).
     */
    private static boolean tunnelPort(int port, int sourcePort, int destinationPort) {
        return Math.min(sourcePort, destinationPort) == port;
    }

    /**
     * VXLAN (RFC 7348) or Geneve (RFC 8926) on their ports: an Ethernet frame (or for Geneve any
     * EtherType) in a UDP datagram; GTP-U (3GPP TS 29.281) on its port: a user's IP packet; AYIYA
     * (IPv6 or IPv4 after a header with identity and signature) and Teredo (RFC 4380: IPv6) on
     * theirs; GRE-in-UDP (RFC 8086), VXLAN-GPE, L2TP and MPLS (RFC 7510) on theirs. The tunnelled packet's
     * transport becomes the packet's own, as in Wireshark, where its TCP segment has a
     * tcp.stream; the outer UDP stays a layer.
     */
    private boolean udpTunnel(ByteBuffer b, int at, int end, int reportedEnd, int sourcePort, int destinationPort,
                              boolean reassembled) {
        Layer layer = tunnelPort(UDP_PORT_VXLAN, sourcePort, destinationPort) ? Layer.VXLAN
                : tunnelPort(UDP_PORT_GENEVE, sourcePort, destinationPort) ? Layer.GENEVE
                : tunnelPort(UDP_PORT_GTP_USER, sourcePort, destinationPort) ? Layer.GTP
                : tunnelPort(UDP_PORT_AYIYA, sourcePort, destinationPort) ? Layer.AYIYA
                : tunnelPort(UDP_PORT_TEREDO, sourcePort, destinationPort) ? Layer.TEREDO
                : tunnelPort(UDP_PORT_GRE, sourcePort, destinationPort) ? Layer.GRE
                // L2TPv3 over UDP needs per-session settings to read: only version 2 is L2TP here.
                : tunnelPort(UDP_PORT_L2TP, sourcePort, destinationPort) && end - at >= 2
                        && (b.getShort(at) & L2tpHeader.VERSION) == 2
                        ? Layer.L2TP
                : tunnelPort(UDP_PORT_VXLAN_GPE, sourcePort, destinationPort) ? Layer.VXLAN_GPE
                : tunnelPort(UDP_PORT_MPLS, sourcePort, destinationPort) && !reassembled ? Layer.MPLS
                : null;
        if (layer == null) {
            return false;
        }
        // The datagram is the tunnel's: the packet's transport is the one inside, or none when the
        // tunnel's header is cut or carries no packet (so the outer UDP is not also the packet's
        // own flow, counted twice and its own tunnel parent in the Zeek log).
        packet.transport = -1;
        switch (layer) {
            case GRE -> {
                gre(b, at, end, reportedEnd, false, reassembled);
                return true;
            }
            case L2TP -> {
                l2tp(b, at, end, reportedEnd, reassembled);
                return true;
            }
            case MPLS -> {
                mpls(b, at, end, reportedEnd);
                return true;
            }
            case VXLAN_GPE -> {
                if (tunnelHeader(Layer.VXLAN_GPE, at, UDP_TUNNEL_HEADER, end, reportedEnd, reassembled)) {
                    // Without the P flag the next-protocol field is not set: Ethernet, as in plain VXLAN.
                    int next = (b.get(at) & 0x04) != 0 ? b.get(at + 3) & 0xFF : 3;
                    nextProtocol(b, next, at + UDP_TUNNEL_HEADER, end, reportedEnd, reassembled);
                }
                return true;
            }
            default -> { }
        }
        if (end - at < UDP_TUNNEL_HEADER && layer != Layer.TEREDO) {
            add(layer, at, Math.max(0, end - at), end, reportedEnd, false, reassembled);
            packet.problem(Problem.TRUNCATED_HEADER);
            return true;
        }
        int headerLength = switch (layer) {
            case VXLAN -> UDP_TUNNEL_HEADER;
            case GENEVE -> UDP_TUNNEL_HEADER + 4 * (b.get(at) & 0x3F);
            // 8 bytes, then the identity (2^n bytes) and the signature (4n bytes), n from their nibbles.
            case AYIYA -> UDP_TUNNEL_HEADER + (1 << ((b.get(at) >>> 4) & 0x0F)) + 4 * ((b.get(at + 1) >>> 4) & 0x0F);
            case TEREDO -> teredoHeaderLength(b, at, end);
            default -> gtpHeaderLength(b, at, end);
        };
        if (!tunnelHeader(layer, at, headerLength, end, reportedEnd, reassembled)) {
            return true;
        }
        int inner = at + headerLength;
        int type = switch (layer) {
            case VXLAN -> ETHERTYPE_TRANSPARENT_ETHERNET;
            // Geneve version 0 is the only one defined: what follows another is not known.
            case GENEVE -> (b.get(at) & 0xC0) == 0 ? b.getShort(at + 2) & 0xFFFF : -1;
            // AYIYA forwards what its next-header field names.
            case AYIYA -> (b.get(at + 2) & 0x0F) != AYIYA_FORWARD ? -1
                    : (b.get(at + 3) & 0xFF) == IPPROTO_IPV6 ? ETHERTYPE_IPV6
                    : (b.get(at + 3) & 0xFF) == IPPROTO_IPIP ? ETHERTYPE_IPV4 : -1;
            // Teredo carries IPv6 only (RFC 4380, section 5.1); its bubbles are IPv6 headers alone.
            case TEREDO -> inner < end && (b.get(inner) & 0xF0) == 0x60 ? ETHERTYPE_IPV6 : -1;
            // GTP version 1 with the GTP (not GTP') protocol type; a G-PDU's IP version is its first nibble.
            default -> (b.get(at) & 0xF0) != 0x30 || (b.get(at + 1) & 0xFF) != GTP_G_PDU || inner >= end ? -1
                    : (b.get(inner) & 0xF0) == 0x40 ? ETHERTYPE_IPV4
                    : (b.get(inner) & 0xF0) == 0x60 ? ETHERTYPE_IPV6 : -1;
        };
        switch (type) {
            case ETHERTYPE_TRANSPARENT_ETHERNET -> tunnelledFrame(b, inner, end, reportedEnd, reassembled);
            case ETHERTYPE_IPV4 -> ipv4(b, inner, end, reportedEnd, false, reassembled);
            case ETHERTYPE_IPV6 -> ipv6(b, inner, end, reportedEnd, false, reassembled);
            default -> data(inner, end, reportedEnd, false, reassembled);
        }
        return true;
    }

    /**
     * Teredo's headers before the IPv6 packet ({@link TeredoHeader}): an authentication header,
     * then an origin indication, each optional; none at all for plain tunnelled IPv6.
     */
    private static int teredoHeaderLength(ByteBuffer b, int at, int end) {
        int length = at + TeredoHeader.AUTHENTICATION_FIXED <= end ? TeredoHeader.authenticationLength(b, at) : 0;
        if (at + length + 2 <= end && TeredoHeader.originIndication(b, at + length)) {
            length += TeredoHeader.ORIGIN_LENGTH;
        }
        return length;
    }

    /**
     * GTP-U's header length: 8 bytes; 12 when the E, S or PN flag is set; then, after the E flag,
     * each extension header (its length in 4-byte units first, the next one's type last) until
     * a next type of 0. An extension of length 0 cannot end, and is given as running past the end.
     */
    private static int gtpHeaderLength(ByteBuffer b, int at, int end) {
        int flags = b.get(at) & 0xFF;
        if ((flags & 0x07) == 0) {
            return UDP_TUNNEL_HEADER;
        }
        int length = UDP_TUNNEL_HEADER + 4;
        if ((flags & 0x04) == 0 || at + length > end) {
            return length;
        }
        int nextType = b.get(at + UDP_TUNNEL_HEADER + 3) & 0xFF;
        while (nextType != 0) {
            if (at + length >= end) {
                return length + 4;
            }
            int words = b.get(at + length) & 0xFF;
            if (words == 0) {
                return Integer.MAX_VALUE / 4;
            }
            length += 4 * words;
            if (at + length > end) {
                return length;
            }
            nextType = b.get(at + length - 1) & 0xFF;
        }
        return length;
    }

    private void tcp(ByteBuffer b, int at, int end, int reportedEnd, boolean quoted, boolean reassembled) {
        int available = end - at;
        int index = add(Layer.TCP, at, Math.min(available, TcpHeader.MIN_LENGTH), end, reportedEnd, quoted, reassembled);
        if (index < 0) {
            return;
        }
        claimTransport(index, quoted);
        if (available < TcpHeader.MIN_LENGTH) {
            // Normal inside an ICMP error (RFC 792 quotes only 8 bytes); damage elsewhere.
            if (!quoted) {
                packet.problem(Problem.TRUNCATED_HEADER);
                // A snaplen cut inside the header: its data offset, when captured, still says
                // where the segment's data begins (tshark's tcp.len on such a segment).
                int headerLength = available > TcpHeader.DATA_OFFSET ? TcpHeader.headerLength(b, at) : 0;
                if (headerLength >= TcpHeader.MIN_LENGTH && at + headerLength <= reportedEnd) {
                    packet.setHeaderLength(index, headerLength);
                }
            }
            return;
        }
        int headerLength = TcpHeader.headerLength(b, at);
        if (headerLength < TcpHeader.MIN_LENGTH || at + headerLength > reportedEnd) {
            packet.problem(Problem.BAD_HEADER_LENGTH);
            return;
        }
        packet.setHeaderLength(index, headerLength);
        if (headerLength > available) {
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        if (!TcpOptions.valid(b, at + TcpHeader.MIN_LENGTH, at + headerLength)) {
            packet.problem(Problem.BAD_OPTION_LENGTH);
        }
        if (at + headerLength < reportedEnd) {
            data(at + headerLength, end, reportedEnd, quoted, reassembled);
        }
    }

    private void udp(ByteBuffer b, int at, int end, int reportedEnd, boolean quoted, boolean reassembled) {
        int available = end - at;
        int index = add(Layer.UDP, at, Math.min(available, UDP_HEADER), end, reportedEnd, quoted, reassembled);
        if (index < 0) {
            return;
        }
        claimTransport(index, quoted);
        if (available < UDP_HEADER) {
            if (!quoted) {
                packet.problem(Problem.TRUNCATED_HEADER);
            }
            return;
        }
        int length = b.getShort(at + 4) & 0xFFFF;
        if (!quoted && (length < UDP_HEADER || at + length > reportedEnd)) {
            packet.problem(Problem.BAD_UDP_LENGTH);
        }
        if (at + UDP_HEADER < end && (quoted || !udpTunnel(b, at + UDP_HEADER, end, reportedEnd,
                b.getShort(at) & 0xFFFF, b.getShort(at + 2) & 0xFFFF, reassembled))) {
            data(at + UDP_HEADER, end, reportedEnd, quoted, reassembled);
        }
    }

    private void icmp(ByteBuffer b, int at, int end, int reportedEnd, boolean quoted, boolean reassembled, Layer kind) {
        int available = end - at;
        int index = add(kind, at, Math.min(available, ICMP_HEADER), end, reportedEnd, quoted, reassembled);
        if (index < 0) {
            return;
        }
        claimTransport(index, quoted);
        if (available < 4) {
            packet.problem(Problem.TRUNCATED_HEADER);
            return;
        }
        if (quoted || available < ICMP_HEADER) {
            return;
        }
        int type = b.get(at) & 0xFF;
        boolean error = kind == Layer.ICMP ? IcmpTypes.isIcmpError(type) : IcmpTypes.isIcmpv6Error(type);
        if (error) {
            if (kind == Layer.ICMP && type == IcmpTypes.REDIRECT && at + ICMP_HEADER < end) {
                // Wireshark reads only what RFC 792 says a redirect quotes, the datagram's header
                // and its first 64 bits, whatever else follows: no TCP stream from a redirect.
                int quoteEnd = at + ICMP_HEADER + (b.get(at + ICMP_HEADER) & 0x0F) * 4 + 8;
                ipv4(b, at + ICMP_HEADER, Math.min(end, quoteEnd), Math.min(reportedEnd, quoteEnd), true, reassembled);
            } else if (kind == Layer.ICMP) {
                ipv4(b, at + ICMP_HEADER, end, reportedEnd, true, reassembled);
            } else {
                ipv6(b, at + ICMP_HEADER, end, reportedEnd, true, reassembled);
            }
        } else if (at + ICMP_HEADER < end) {
            data(at + ICMP_HEADER, end, reportedEnd, quoted, reassembled);
        }
    }

    private void claimTransport(int index, boolean quoted) {
        if (!quoted && packet.transport < 0) {
            packet.transport = index;
        }
    }

    private void data(int at, int end, int reportedEnd, boolean quoted, boolean reassembled) {
        if (at < reportedEnd) {
            add(Layer.DATA, at, 0, Math.max(at, end), reportedEnd, quoted, reassembled);
        }
    }

    private int add(Layer layer, int start, int headerLength, int end, int reportedEnd) {
        return add(layer, start, headerLength, end, reportedEnd, false, false);
    }

    private int add(Layer layer, int start, int headerLength, int end, int reportedEnd, boolean quoted,
                    boolean reassembled) {
        return packet.add(layer, start, headerLength, end, reportedEnd, quoted, reassembled);
    }
}
