package io.tcplens.decode;

/** The protocol layers the decoder recognises, in the order they can appear in a frame. */
public enum Layer {
    ETHERNET("eth"),
    RADIOTAP("radiotap"),
    WLAN_RADIO("wlan_radio"),
    WLAN("wlan"),
    LLC("llc"),
    VLAN("vlan"),
    PPPOE("pppoes"),
    PPP("ppp"),
    CHDLC("chdlc"),
    MPLS("mpls"),
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
    /** A switch's mirrored frame inside GRE (types I to III; type I has no header of its own). */
    ERSPAN("erspan"),
    VXLAN("vxlan"),
    GENEVE("geneve"),
    GTP("gtp"),
    AYIYA("ayiya"),
    TEREDO("teredo"),
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

    /** A tunnel carried in UDP, whose datagrams Zeek logs as a flow of their own (service vxlan, teredo, ...). */
    public boolean isUdpTunnel() {
        return this == VXLAN || this == GENEVE || this == GTP || this == AYIYA || this == TEREDO;
    }

    public boolean isIpv6Extension() {
        return this == IPV6_HOP_BY_HOP || this == IPV6_ROUTING || this == IPV6_FRAGMENT || this == IPV6_DESTINATION;
    }
}
