package io.tcplens.report;

import io.tcplens.decode.Layer;
import io.tcplens.field.Fields;
import io.tcplens.decode.Packet;
import io.tcplens.field.Field;
import io.tcplens.field.PacketContext;
import io.tcplens.field.TextSink;

/**
 * The packet detail view ({@code -V}): every layer with every decoded field — its name, value,
 * Wireshark field name and meaning — grouped under the five layers the textbooks teach
 * (physical: bits; data link: frame; network: packet; transport: segment; application: message).
 */
public final class PacketDetail {
    private final StringBuilder value = new StringBuilder(64);
    private final TextSink sink = new TextSink(value, ',', TextSink.Occurrence.ALL);

    /** Appends the detail of the context's packet; lines end with '\n' except the last. */
    public void append(StringBuilder out, PacketContext context, String format, int timeDecimals) {
        Packet p = context.packet();
        long wire = p.record().originalLength();
        long captured = p.record().capturedLength();
        out.append("Frame ").append(p.number()).append(": ").append(wire).append(" bytes on wire (").append(wire * 8)
                .append(" bits), ").append(captured).append(" bytes captured (").append(captured * 8).append(" bits)");
        if (p.record().truncated()) {
            out.append(" [cut by the snaplen: ").append(wire - captured).append(" bytes not captured]");
        }
        out.append('\n');
        out.append("  [Physical layer: ").append(wire * 8).append(" bits on the wire; capture record in ").append(format)
                .append("]\n");
        context.focus(-1);
        fields(out, context, LayerFields.FRAME, "    ");
        String lastStage = null;
        for (int i = 0; i < p.layerCount(); i++) {
            Layer layer = p.layer(i);
            if (layer == Layer.DATA && !context.payloadIsData() && context.udpApplication() == null) {
                // No data layer where tshark has none (PacketContext.payloadIsData): a protocol's
                // fields follow below instead. DHCP, NTP, NBNS and SSDP have no fields of their own
                // yet, so their bytes stay shown as data.
                continue;
            }
            String stage = stage(layer);
            if (!stage.equals(lastStage)) {
                out.append("  [").append(stage).append("]\n");
                lastStage = stage;
            }
            out.append("    ").append(title(layer));
            if (p.quoted(i)) {
                out.append(" (quoted inside the ICMP error)");
            }
            if (p.reassembled(i)) {
                out.append(" (from the reassembled datagram)");
            }
            out.append('\n');
            context.focus(i);
            if (layer == Layer.DATA) {
                int present = p.capturedEnd(i) - p.start(i);
                int claimed = p.reportedEnd(i) - p.start(i);
                out.append("      Data: ").append(present).append(" bytes");
                if (claimed != present) {
                    out.append(" captured of ").append(claimed).append(" the headers announce");
                }
                out.append('\n');
            } else {
                fields(out, context, LayerFields.of(layer), "      ");
            }
        }
        context.focus(-1);
        application(out, context);
        for (int i = 0; i < p.problemCount(); i++) {
            int l = p.problemLayer(i);
            out.append("  [Problem: ").append(p.problem(i).code()).append(" in ")
                    .append(l >= 0 ? p.layer(l).protocolName() : "frame").append("]\n");
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        out.append('\n');
    }

    /** The application protocols the frame shows, each with its fields (TLS records, HTTP and FTP messages). */
    private void application(StringBuilder out, PacketContext context) {
        boolean first = true;
        for (String protocol : LayerFields.APPLICATION_NAMES) {
            Field item = Fields.get(protocol);
            value.setLength(0);
            sink.begin();
            item.extractor().extract(context, item, sink);
            if (sink.count() == 0) {
                continue;
            }
            if (first) {
                Packet p = context.packet();
                if (p.tcp() >= 0) {
                    out.append("  [Application layer: the message, as read from the reassembled stream]\n");
                } else if (context.dns() != null || context.quic() != null || p.layer(p.layerCount() - 1) != Layer.DATA) {
                    // (A datagram's data, shown above, already opened this layer.)
                    out.append("  [Application layer: the message]\n");
                }
                first = false;
            }
            out.append("    ").append(item.label()).append('\n');
            fields(out, context, LayerFields.application(protocol), "      ");
        }
    }

    private void fields(StringBuilder out, PacketContext context, Iterable<Field> fields, String indent) {
        for (Field f : fields) {
            value.setLength(0);
            sink.begin();
            f.extractor().extract(context, f, sink);
            if (sink.count() == 0) {
                continue;
            }
            out.append(indent).append(f.label()).append(": ");
            SafeText.append(out, value);
            out.append("    [").append(f.name()).append("] ").append(f.meaning()).append('\n');
        }
    }

    private static String stage(Layer layer) {
        return switch (layer) {
            case ETHERNET, FDDI, RADIOTAP, WLAN_RADIO, WLAN, LLC, VLAN, IEEE8021AD, PBB, VNTAG, MACSEC, ARISTA, FABRICPATH, ETAG, PPPOE, PPP, CHDLC, FRAME_RELAY, JUNIPER, IPNET, IPOIB, MPLS, LINUX_SLL, LINUX_SLL2, BSD_NULL, RAW_IP, NFLOG, PFLOG, ARP, STP ->
                    "Data link layer: the frame";
            case IPV4, IPV6, IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_FRAGMENT, IPV6_DESTINATION, ICMP, ICMPV6 ->
                    "Network layer: the packet";
            case TCP, UDP -> "Transport layer: the segment";
            case GRE, PIM, ERSPAN, VXLAN, VXLAN_GPE, NSH, L2TP, GENEVE, GTP, AYIYA, TEREDO -> "Tunnel: the packet inside is the one that travels on";
            case DATA -> "Application layer: the message";
        };
    }

    private static String title(Layer layer) {
        return switch (layer) {
            case ETHERNET -> "Ethernet II";
            case RADIOTAP -> "Radiotap Header";
            case WLAN_RADIO -> "802.11 radio information";
            case WLAN -> "IEEE 802.11 frame";
            case LLC -> "Logical-Link Control";
            case STP -> "Spanning Tree Protocol";
            case VLAN -> "802.1Q Virtual LAN";
            case IEEE8021AD -> "IEEE 802.1ad";
            case PBB -> "IEEE 802.1ah";
            case VNTAG -> "VN-Tag";
            case ETAG -> "802.1BR E-Tag";
            case VXLAN_GPE -> "Virtual eXtensible Local Area Network (GPE)";
            case NSH -> "Network Service Header";
            case L2TP -> "Layer 2 Tunneling Protocol";
            case FDDI -> "Fiber Distributed Data Interface";
            case PPPOE -> "PPP-over-Ethernet Session";
            case PPP -> "Point-to-Point Protocol";
            case CHDLC -> "Cisco HDLC";
            case FRAME_RELAY -> "Frame Relay";
            case JUNIPER -> "Juniper Ethernet";
            case MACSEC -> "802.1AE Security tag";
            case ARISTA -> "Arista Vendor Specific Protocol";
            case FABRICPATH -> "Cisco FabricPath";
            case IPNET -> "Solaris IPNET";
            case IPOIB -> "IP over Infiniband";
            case MPLS -> "MultiProtocol Label Switching Header";
            case LINUX_SLL -> "Linux cooked capture v1";
            case LINUX_SLL2 -> "Linux cooked capture v2";
            case BSD_NULL -> "Null/Loopback";
            case RAW_IP -> "Raw packet data";
            case NFLOG -> "Linux Netfilter NFLOG";
            case PFLOG -> "PF Log";
            case ARP -> "Address Resolution Protocol";
            case IPV4 -> "Internet Protocol Version 4";
            case IPV6 -> "Internet Protocol Version 6";
            case IPV6_HOP_BY_HOP -> "IPv6 Hop-by-Hop Option";
            case IPV6_ROUTING -> "IPv6 Routing Header";
            case IPV6_FRAGMENT -> "IPv6 Fragment Header";
            case IPV6_DESTINATION -> "IPv6 Destination Options";
            case TCP -> "Transmission Control Protocol";
            case GRE -> "Generic Routing Encapsulation";
            case PIM -> "Protocol Independent Multicast";
            case ERSPAN -> "Encapsulated Remote Switch Packet ANalysis";
            case VXLAN -> "Virtual eXtensible Local Area Network";
            case GENEVE -> "Generic Network Virtualization Encapsulation";
            case GTP -> "GPRS Tunneling Protocol";
            case AYIYA -> "Anything in Anything Protocol";
            case TEREDO -> "Teredo IPv6 over UDP tunneling";
            case UDP -> "User Datagram Protocol";
            case ICMP -> "Internet Control Message Protocol";
            case ICMPV6 -> "Internet Control Message Protocol v6";
            case DATA -> "Data (application payload)";
        };
    }
}
