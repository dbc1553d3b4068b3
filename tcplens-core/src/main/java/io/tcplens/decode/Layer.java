package io.tcplens.decode;

/** The protocol layers the decoder recognises, in the order they can appear in a frame. */
public enum Layer {
    ETHERNET("eth"),
    FDDI("fddi"),
    RADIOTAP("radiotap"),
    WLAN_RADIO("wlan_radio"),
    WLAN("wlan"),
    LLC("llc"),
    /** A spanning tree BPDU (802.1D/802.1w/802.1s) after LLC's SAP 0x42. */
    STP("stp"),
    VLAN("vlan"),
    /** 802.1ad's service tag (EtherType 0x88A8); the old 0x9100 tag is {@link #VLAN}, as in Wireshark. */
    IEEE8021AD("ieee8021ad"),
    /**
     * Provider backbone bridging's I-TAG with the customer's addresses (802.1ah). After an
     * 802.1ad tag Wireshark shows it inside that tag's protocol: see {@link #leftOutOfProtocols}.
     */
    PBB("ieee8021ah"),
    /** Cisco's VN-Tag (EtherType 0x8926). */
    VNTAG("vntag"),
    MACSEC("macsec"),
    ARISTA("avsp"),
    /**
     * Cisco FabricPath's header in place of an Ethernet header (EtherType 0x8903 where the type
     * field is), then a whole Ethernet frame and the FabricPath frame's FCS.
     */
    FABRICPATH("cfp"),
    /** 802.1BR's E-Tag (EtherType 0x893F). */
    ETAG("etag"),
    PPPOE("pppoes"),
    PPP("ppp"),
    CHDLC("chdlc"),
    FRAME_RELAY("fr"),
    JUNIPER("juniper"),
    IPNET("ipnet"),
    MPLS("mpls"),
    /** IP over InfiniBand's pseudo-header (LINKTYPE_IPOIB). */
    IPOIB("ipoib"),
    LINUX_SLL("sll"),
    /** Wireshark dissects both versions as the protocol "sll". */
    LINUX_SLL2("sll"),
    BSD_NULL("null"),
    RAW_IP("raw"),
    NFLOG("nflog"),
    PFLOG("pflog"),
    ARP("arp"),
    IPV4("ip"),
    IPV6("ipv6"),
    IPV6_HOP_BY_HOP("ipv6.hopopts"),
    IPV6_ROUTING("ipv6.routing"),
    IPV6_FRAGMENT("ipv6.fraghdr"),
    IPV6_DESTINATION("ipv6.dstopts"),
    TCP("tcp"),
    UDP("udp"),
    ICMP("icmp"),
    ICMPV6("icmpv6"),
    /** Tunnels: what they carry follows them (an IP packet or an Ethernet frame). */
    GRE("gre"),
    PIM("pim"),
    /** A switch's mirrored frame inside GRE (types I to III; type I has no header of its own). */
    ERSPAN("erspan"),
    VXLAN("vxlan"),
    GENEVE("geneve"),
    GTP("gtp"),
    AYIYA("ayiya"),
    TEREDO("teredo"),
    /** VXLAN-GPE (UDP 4790): Wireshark's vxlan protocol, which tshark 4.0 leaves out of frame.protocols here. */
    VXLAN_GPE("vxlan"),
    /** Network Service Header (RFC 8300): after Ethernet, VXLAN-GPE or itself. */
    NSH("nsh"),
    /** L2TP version 2 on UDP 1701 (RFC 2661): a data message carries PPP. */
    L2TP("l2tp"),
    /** Bytes after the last header this decoder understands (application data). */
    DATA("data");

    private final String protocolName;

    Layer(String protocolName) {
        this.protocolName = protocolName;
    }

    /** Wireshark's protocol name, as in {@code frame.protocols}. */
    public String protocolName() {
        return protocolName;
    }

    /**
     * True when Wireshark leaves this layer out of {@code frame.protocols}: an 802.1ah I-TAG after
     * an 802.1ad tag, which that tag's dissector reads itself (no ieee8021ah protocol either), and
     * VXLAN-GPE, which tshark 4.0 omits there though its vxlan protocol and fields are present.
     */
    public boolean leftOutOfProtocols(Layer before) {
        return this == PBB && before == IEEE8021AD || this == VXLAN_GPE;
    }

    /** True after which Wireshark's dissector hands on by EtherType ({@code frame.protocols} shows "ethertype"). */
    public boolean handsOnByEtherType() {
        return this == ETHERNET || this == VLAN || this == IEEE8021AD || this == PBB || this == VNTAG || this == ETAG
                || this == LINUX_SLL || this == LINUX_SLL2;
    }

    public boolean isIp() {
        return this == IPV4 || this == IPV6;
    }

    /**
     * True when Wireshark's item for this protocol spans its header only (so {@code len(ip)} is
     * the header length); ICMP's and data's items span the rest of the packet.
     */
    public boolean itemIsHeader() {
        return this != ICMP && this != ICMPV6 && this != DATA;
    }

    /**
     * True for the layers Zeek's packet analysis does not decode (E-Tag, NSH, VXLAN-GPE, L2TP, PIM, MACsec, Arista's header,
     * Cisco FabricPath):
     * Zeek sees no connection inside them, so its conn.log has none. The link layers among them
     * (Cisco HDLC, Frame Relay, Juniper's, Solaris ipnet, pflog, IP over InfiniBand) have no entry in Zeek's root dispatch map, nor
     * Cisco's framing among its PPP protocols: Zeek then reads the frame as an IP packet
     * (scripts/base/packet-protocols/root/main.zeek, its default analyzer), which it is not.
     */
    public boolean hiddenFromZeek() {
        return this == ETAG || this == NSH || this == VXLAN_GPE || this == L2TP || this == PIM || this == MACSEC
                || this == ARISTA || this == FABRICPATH
                || this == CHDLC || this == FRAME_RELAY || this == JUNIPER || this == IPNET || this == PFLOG
                || this == IPOIB;
    }

    /** A tunnel carried in UDP, whose datagrams Zeek logs as a flow of their own (service vxlan, teredo, ...). */
    public boolean isUdpTunnel() {
        return this == VXLAN || this == GENEVE || this == GTP || this == AYIYA || this == TEREDO;
    }

    public boolean isIpv6Extension() {
        return this == IPV6_HOP_BY_HOP || this == IPV6_ROUTING || this == IPV6_FRAGMENT || this == IPV6_DESTINATION;
    }
}
