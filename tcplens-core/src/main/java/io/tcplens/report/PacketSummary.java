package io.tcplens.report;

import io.tcplens.app.AppFrame;
import io.tcplens.app.FtpDataLink;
import io.tcplens.app.FtpMessage;
import io.tcplens.app.HttpMessage;
import io.tcplens.app.QuicDatagram;
import io.tcplens.app.TlsRecord;
import io.tcplens.decode.ArpHeader;
import io.tcplens.decode.DnsMessage;
import io.tcplens.decode.EtherTypes;
import io.tcplens.decode.IpProtocols;
import io.tcplens.decode.Ipv4Header;
import io.tcplens.decode.Ipv6Header;
import io.tcplens.decode.L2tpHeader;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.PflogHeader;
import io.tcplens.decode.Problem;
import io.tcplens.decode.StpBpdu;
import io.tcplens.decode.TcpHeader;
import io.tcplens.decode.TcpOptions;
import io.tcplens.decode.UdpApplication;
import io.tcplens.field.Formats;
import io.tcplens.field.PacketContext;
import io.tcplens.field.TcpText;
import io.tcplens.flow.ArpDuplicates;
import io.tcplens.flow.ExpertFlag;
import io.tcplens.flow.SequenceAnalysis;
import io.tcplens.flow.TcpSequenceNumbering;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * One line per packet, laid out like tshark's default output: number, relative time, source,
 * destination, protocol, length and the info column. Protocol and info describe the highest
 * layer decoded; application protocols join as their decoders land.
 */
public final class PacketSummary {
    /** tshark pads the source and destination columns to at least this width. */
    private static final int ADDRESS_WIDTH = 12;

    private static final String[] ACCECN_0_ORDER = {"EE0B", "ECEB", "EE1B"};
    private static final String[] ACCECN_1_ORDER = {"EE1B", "ECEB", "EE0B"};

    private final StringBuilder scratch = new StringBuilder(64);

    /** Appends the line (without a newline). {@code timeDecimals}: 6 for µs captures, 9 for ns. */
    public void append(StringBuilder out, PacketContext context, int timeDecimals) {
        Packet p = context.packet();
        pad(out, Long.toString(p.number()), 5, true);
        out.append(' ');
        scratch.setLength(0);
        time(scratch, context, timeDecimals);
        pad(out, scratch, 10, true);
        out.append(' ');
        scratch.setLength(0);
        source(scratch, p, true);
        pad(out, scratch, ADDRESS_WIDTH, true);
        out.append(" \u2192 ");
        scratch.setLength(0);
        source(scratch, p, false);
        pad(out, scratch, ADDRESS_WIDTH, false);
        String application = application(context);
        out.append(' ').append(protocol(context, application)).append(' ').append(p.record().originalLength()).append(' ');
        info(out, context, application);
    }

    /**
     * One column of the line, unpadded, as tshark's {@code -e _ws.col.*} fields give them:
     * {@code column} is one of "No.", "Time", "Source", "Destination", "Protocol", "Length", "Info".
     */
    public static void column(StringBuilder out, PacketContext context, String column) {
        Packet p = context.packet();
        switch (column) {
            case "No." -> out.append(p.number());
            case "Time" -> time(out, context, context.timeDecimals());
            case "Source" -> source(out, p, true);
            case "Destination" -> source(out, p, false);
            case "Protocol" -> out.append(protocol(context, application(context)));
            case "Length" -> out.append(p.record().originalLength());
            case "Info" -> info(out, context, application(context));
            default -> throw new IllegalArgumentException("no column " + column);
        }
    }

    private static void time(StringBuilder out, PacketContext context, int timeDecimals) {
        if (context.timed()) {
            Formats.seconds(out, context.relativeSeconds(), context.relativeNano(), timeDecimals);
        }
    }

    /**
     * The application's protocol column for the packet, or null when it shows none, or when
     * Wireshark's HTTP stopped in a cut start line before it wrote its columns.
     */
    private static String application(PacketContext context) {
        if (context.quic() != null) {
            return context.quic().http3() ? "HTTP3" : "QUIC";
        }
        DnsMessage dns = context.dns();
        if (dns != null) {
            return dns.kind().column();
        }
        UdpApplication udp = context.udpApplication();
        if (udp != null) {
            return udp.column();
        }
        AppFrame app = context.app();
        boolean cutBeforeColumns = app != null && app.cut() && app.cutStartLine() == null;
        return !cutBeforeColumns && app != null && context.packet().tcp() >= 0 ? applicationColumn(app) : null;
    }

    /**
     * The protocol column: the application's when it shows one, else the highest layer's; "TCP"
     * for a segment of a record or message later segments complete (Wireshark's TCP names it so
     * when it holds the segment for reassembly, whatever an option dissector had named: MPTCP).
     */
    private static String protocol(PacketContext context, String application) {
        Packet p = context.packet();
        AppFrame app = context.app();
        if (application == null && app != null && p.tcp() >= 0 && app.pdu() != AppFrame.Pdu.NONE
                && p.transport() == p.tcp()) {
            return tunnelled(p, "TCP");
        }
        return tunnelled(p, application != null ? application : protocolColumn(p));
    }

    /** The info column; {@code application} is {@link #application}'s answer. */
    /**
     * Wireshark's Info column holds at most COL_MAX_INFO_LEN - 1 bytes (4,095; epan/column-info.h):
     * longer words (a long header, a long reply, a message's many lines) end there.
     */
    static final int MAX_INFO_BYTES = 4095;

    private static void info(StringBuilder out, PacketContext context, String application) {
        int start = out.length();
        unboundedInfo(out, context, application);
        // Cut at a character's boundary: the bytes counted as UTF-8 writes them.
        int bytes = 0;
        for (int i = start; i < out.length(); i++) {
            char c = out.charAt(i);
            // A surrogate pair is four bytes, counted at its first half.
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : Character.isLowSurrogate(c) ? 0 : 3;
            if (bytes + size > MAX_INFO_BYTES) {
                out.setLength(i);
                return;
            }
            bytes += size;
        }
    }

    private static void unboundedInfo(StringBuilder out, PacketContext context, String application) {
        Packet p = context.packet();
        QuicDatagram quic = context.quic();
        if (quic != null) {
            if (quic.afterUdpInfo()) {
                layerInfo(out, context);
            }
            // Connection IDs in hex and Wireshark's words: nothing of a stranger's bytes as text.
            out.append(quic.info());
            return;
        }
        DnsMessage dns = context.dns();
        if (dns != null) {
            if (p.tcp() >= 0) {
                // Over TCP: Wireshark's DNS clears the column but for TCP's fenced markers.
                markers(out, context);
            }
            dnsInfo(out, dns);
            return;
        }
        UdpApplication udp = context.udpApplication();
        if (udp != null) {
            // Words of a stranger's datagram (SSDP's first line) were escaped when read.
            out.append(udp.info());
            return;
        }
        AppFrame app = context.app();
        if (app != null && app.cut() && app.cutStartLine() == null) {
            layerInfo(out, context);
            out.append(CUT);
            return;
        }
        if (application != null && app.cut() && !app.http().isEmpty()) {
            markers(out, context);
            SafeText.append(out, app.cutStartLine()).append(' ').append(CUT);
        } else if (application != null) {
            if (app.sshShown() && app.sshComplete()) {
                // Wireshark's SSH puts the sender's role before everything, TCP's markers included.
                out.append(app.sshFromServer() ? "Server: " : "Client: ");
            }
            int start = out.length();
            markers(out, context);
            if (app.http2() != null) {
                // TLS and HTTP/2 wrote after TCP's fenced markers (Http2Columns); a stranger's header values escaped.
                if (out.length() > start && app.http2().leadingSeparator()) {
                    out.append(", ");
                }
                SafeText.append(out, app.http2().info());
                return;
            }
            if (out.length() > start && ((app.tlsWords() && !app.httpInTls() && !tlsWords(app).isEmpty()) || app.sshShown())) {
                // Wireshark's TLS appends its words with a separator when the column is not empty,
                // and TCP's markers stay in it (fenced): "[TCP ACKed unseen segment] , Application Data".
                out.append(", ");
            }
            if (app.segment() != null && app.segment().info() == null) {
                // The dissector read complete lines, wrote nothing, and asked for more (IMAP): TCP's words stay.
                out.setLength(start);
                layerInfo(out, context);
            } else {
                applicationInfo(out, app, p);
            }
        } else if (app != null && p.tcp() >= 0 && app.pdu() == AppFrame.Pdu.STARTED) {
            // Wireshark shows what the application dissector wrote before it asked for more segments.
            markers(out, context);
            if (app.startLine() != null) {
                SafeText.append(out, app.startLine()).append("  ");
            } else if (app.segment() != null && app.segment().info() != null) {
                SafeText.append(out, app.segment().info()).append(' ');
            }
            out.append(REASSEMBLED);
        } else {
            layerInfo(out, context);
            if (app != null && p.tcp() >= 0 && app.pdu() == AppFrame.Pdu.CONTINUED) {
                out.append(' ').append(REASSEMBLED);
            }
        }
    }

    /**
     * Wireshark's Info column for a DNS message (packet-dns.c, dissect_dns_common): the opcode,
     * "response", the id, a response's error; each question's type and name; each record's type
     * and what its data shows, in all three sections. Names come from strangers: control
     * characters are escaped.
     */
    private static void dnsInfo(StringBuilder out, DnsMessage dns) {
        if (dns.flags() >= 0) {
            out.append(DnsMessage.opcodeName(dns.opcode())).append(dns.response() ? " response" : "")
                    .append(String.format(Locale.ROOT, " 0x%04x", dns.id()));
            if (dns.response() && dns.rcode() != 0) {
                out.append(' ').append(DnsMessage.rcodeName(dns.rcode()));
            }
        }
        boolean mdns = dns.kind() == UdpApplication.Protocol.MDNS;
        for (DnsMessage.Question q : dns.questions()) {
            out.append(' ').append(DnsMessage.typeName(q.type())).append(' ');
            SafeText.append(out, q.name());
            if (mdns) {
                out.append(q.unicastResponse() ? ", \"QU\" question" : ", \"QM\" question");
            }
        }
        for (DnsMessage.Resource r : dns.resources()) {
            out.append(' ').append(DnsMessage.typeName(r.type()));
            if (r.cacheFlush()) {
                out.append(", cache flush");
            }
            SafeText.append(out, r.info());
        }
        switch (dns.stop()) {
            case CUT -> out.append(CUT);
            case MALFORMED -> out.append("[Malformed Packet]");
            case NONE -> { }
        }
    }

    private static final String REASSEMBLED = "[TCP segment of a reassembled PDU]";
    private static final String CUT = "[Packet size limited during capture]";

    /** Wireshark's protocol column for the application layer, or null when the frame shows none. */
    private static String applicationColumn(AppFrame app) {
        if (app.http2() != null) {
            return app.http2().protocol();
        }
        if (app.httpInTls() && !app.http().isEmpty() && !app.httpAfterTlsMarker()) {
            return httpColumn(app);
        }
        if (!app.tlsRecords().isEmpty() && app.session() != null && app.session().tls() != null) {
            return app.session().tls().columnName(app.tlsRecords());
        }
        if (app.tlsSkipped() != null) {
            return app.tlsSkippedColumn();
        }
        if (app.sshShown()) {
            return app.sshColumn();
        }
        if (app.httpShown()) {
            return httpColumn(app);
        }
        if (app.ftp() != null) {
            return "FTP";
        }
        if (app.segment() != null && app.segment().column() != null) {
            return app.segment().column();
        }
        return app.ftpData() != null ? "FTP-DATA" : null;
    }

    /**
     * What Wireshark's TLS writes for the frame's records and skipped bytes: nothing for a record
     * that only carries the middle of a handshake message.
     */
    private static String tlsWords(AppFrame app) {
        StringBuilder words = new StringBuilder();
        for (TlsRecord r : app.tlsRecords()) {
            r.describe(words);
        }
        if (app.tlsSkipped() != null) {
            words.append(words.length() > 0 ? ", " : "").append(app.tlsSkipped());
        }
        return words.toString();
    }

    /** HTTP's protocol column: named after a JSON or XML body's dissector when one read it. */
    private static String httpColumn(AppFrame app) {
        for (HttpMessage m : app.http()) {
            if (m.bodyLength() > 0 && m.jsonBody()) {
                return "HTTP/JSON";
            }
            if (m.bodyLength() > 0 && m.xmlBody()) {
                return "HTTP/XML";
            }
        }
        return "HTTP";
    }

    private static void applicationInfo(StringBuilder out, AppFrame app, Packet p) {
        if (app.httpInTls()) {
            // Wireshark's TLS reassembles HTTP across records as TCP does across segments.
            if (app.http().isEmpty() || app.httpAfterTlsMarker()) {
                out.append("[TLS segment of a reassembled PDU]");
            }
            if (!app.http().isEmpty()) {
                httpInfo(out, app);
            }
        } else if (app.tlsWords()) {
            out.append(tlsWords(app));
        } else if (app.sshShown()) {
            // An identification string's bytes were escaped as Wireshark's format_text escapes them when read.
            for (int i = 0; i < app.sshMessages().size(); i++) {
                out.append(i > 0 ? ", " : "").append(app.sshMessages().get(i).words());
            }
        } else if (app.httpShown()) {
            httpInfo(out, app);
        } else if (app.ftp() != null) {
            FtpMessage m = app.ftp();
            out.append(m.request() ? "Request: " : "Response: ");
            SafeText.append(out, m.line());
        } else if (app.segment() != null && app.segment().info() != null) {
            // Escaped as Wireshark's format_text escapes when read; SafeText guards the rest.
            SafeText.append(out, app.segment().info());
        } else if (app.ftpData() != null) {
            FtpDataLink link = app.ftpData();
            out.append("FTP Data: ").append(p.payloadLength(p.tcp())).append(" bytes (").append(link.method()).append(')');
            if (link.command() != null) {
                out.append(" (");
                SafeText.append(out, link.command()).append(')');
            }
        }
    }

    /** HTTP's words for the messages that end in the frame ("Continuation" for a cut segment without one). */
    private static void httpInfo(StringBuilder out, AppFrame app) {
        if (app.http().isEmpty()) {
            out.append("Continuation");
        }
        for (int i = 0; i < app.http().size(); i++) {
            HttpMessage m = app.http().get(i);
            if (i > 0) {
                out.append(", ");
            }
            SafeText.append(out, m.startLine()).append(' ');
            String body = m.bodyProtocol();
            if (body != null) {
                StringBuilder words = new StringBuilder();
                m.appendBodyWords(words, body);
                SafeText.append(out, words);
            }
        }
    }

    /** The TCP expert markers that lead the Info column of a segment, whatever protocol it carries. */
    private static void markers(StringBuilder out, PacketContext context) {
        TcpSequenceNumbering n = context.tcp();
        int tcp = context.packet().tcp();
        // A segment whose options the capture cut shows none (Packet.tcpHeaderCaptured).
        if (n != null && n.known() && n.analysis() != null && n.analysis().analysed()
                && (tcp < 0 || context.packet().tcpHeaderCaptured(tcp))) {
            expertMarkers(out, n.analysis());
        }
    }

    private static void pad(StringBuilder out, CharSequence value, int width, boolean right) {
        if (right) {
            for (int i = value.length(); i < width; i++) {
                out.append(' ');
            }
        }
        out.append(value);
        if (!right) {
            for (int i = value.length(); i < width; i++) {
                out.append(' ');
            }
        }
    }

    /** Network addresses when there is an IP layer, else hardware addresses. */
    private static void source(StringBuilder out, Packet p, boolean source) {
        int ip = p.network();
        // An IP header after it that the capture cut (a tunnel's inner one, which never became the
        // network layer) replaces its address once tshark read that far (checked on IPv4 in IPv4
        // cut after 16 bytes: the inner source, the outer destination). Quoted headers do not.
        for (int i = p.layerCount() - 1; i > ip; i--) {
            if (p.layer(i).isIp() && !p.quoted(i) && addressRead(p, i, source)) {
                ip = i;
                break;
            }
        }
        if (ip >= 0 && addressRead(p, ip, source)) {
            ByteBuffer b = p.buffer(ip);
            int at = p.start(ip);
            if (p.layer(ip) == Layer.IPV4) {
                Formats.ipv4(out, b.getInt(at + (source ? Ipv4Header.SOURCE : Ipv4Header.DESTINATION)));
            } else {
                Formats.ipv6(out, b, at + (source ? Ipv6Header.SOURCE : Ipv6Header.DESTINATION));
            }
            return;
        }
        int eth = p.find(Layer.ETHERNET);
        // The destination comes first: a header cut after it shows it (tshark 4.0).
        if (eth >= 0 && p.has(eth, 0, source ? 12 : 6)) {
            Formats.mac(out, p.buffer(eth), p.start(eth) + (source ? 6 : 0));
        } else if (p.layerCount() > 0 && (p.layer(0) == Layer.LINUX_SLL || p.layer(0) == Layer.LINUX_SLL2)) {
            // A cooked capture has the sender's link-layer address only: tshark 4.0 shows it as
            // the source (a MAC address when 6 bytes long, an IPv4 address when 4) and no destination.
            boolean v1 = p.layer(0) == Layer.LINUX_SLL;
            int lengthAt = v1 ? 4 : 11;
            int addressAt = v1 ? 6 : 12;
            // A header the capture cut shows the address once its bytes are there (tshark 4.0 on
            // cooked headers of both versions cut byte by byte).
            if (source && p.has(0, lengthAt, v1 ? 2 : 1)) {
                ByteBuffer b = p.buffer(0);
                int at = p.start(0);
                int length = v1 ? b.getShort(at + lengthAt) & 0xFFFF : b.get(at + lengthAt) & 0xFF;
                if (length == 6 && p.has(0, addressAt, 6)) {
                    Formats.mac(out, b, at + addressAt);
                } else if (length == 4 && p.has(0, addressAt, 4)) {
                    Formats.ipv4(out, b.getInt(at + addressAt));
                }
            }
        } else if (p.layerCount() > 0 && (p.layer(0) == Layer.PPP || p.layer(0) == Layer.CHDLC || p.layer(0) == Layer.RAW_IP)) {
            // A serial link's frames have no addresses, nor has raw IP of another version
            // (tshark 4.0: "N/A").
            out.append("N/A");
        }
    }

    /**
     * Whether tshark 4.0 had taken the IP header's source (or destination) address when it
     * stopped, so that the address columns show it. On a header the capture cut, its IP
     * dissectors stop where the bytes end: IPv4 has the source once its 16 first bytes are there,
     * and the destination only after the options, which may route the datagram elsewhere (strict
     * and loose source routes); IPv6 has the source with 24 bytes and the destination with the
     * whole 40 (checked with tshark 4.0 on headers cut byte by byte). An IPv4 header length under
     * 20 bytes keeps the older rule, the 20 fixed bytes.
     */
    private static boolean addressRead(Packet p, int ip, boolean source) {
        if (!source) {
            return ipHeaderCaptured(p, ip);
        }
        if (p.layer(ip) != Layer.IPV4) {
            return p.has(ip, 0, 24);
        }
        int headerLength = p.has(ip, 0, 1) ? Ipv4Header.headerLength(p.buffer(ip), p.start(ip)) : 0;
        return p.has(ip, 0, headerLength < Ipv4Header.MIN_LENGTH ? Ipv4Header.MIN_LENGTH : 16);
    }

    /** True when the capture holds the IP header whole (IPv4 with its options; IPv6's fixed 40 bytes). */
    private static boolean ipHeaderCaptured(Packet p, int ip) {
        if (p.layer(ip) != Layer.IPV4) {
            return p.has(ip, 0, 40);
        }
        return p.has(ip, 0, 1) && p.has(ip, 0, Math.max(Ipv4Header.MIN_LENGTH, Ipv4Header.headerLength(p.buffer(ip), p.start(ip))));
    }

    /**
     * The protocol column of a header cut before tshark named it: the IP layer's before it
     * ("IPv4", "IPv6"), or {@code own} when no IP layer comes just before.
     */
    private static String ipBefore(Packet p, int i, String own) {
        return i == 0 || !p.layer(i - 1).isIp() ? own : p.layer(i - 1) == Layer.IPV4 ? "IPv4" : "IPv6";
    }

    /**
     * Wireshark's GTP dissector wraps the protocol of the user's packet it carries: "GTP <TCP>",
     * "GTP <HTTP>". The other tunnels leave the inner protocol's name alone.
     */
    private static String tunnelled(Packet p, String protocol) {
        int gtp = p.find(Layer.GTP);
        return gtp >= 0 && gtp + 1 < p.layerCount() && p.layer(gtp + 1).isIp() ? "GTP <" + protocol + ">" : protocol;
    }

    static String protocolColumn(Packet p) {
        if (l2tpControl(p) >= 0) {
            return "L2TP";
        }
        int t = p.transport();
        if (t >= 0) {
            return switch (p.layer(t)) {
                case TCP -> p.tcpMptcpOptions(t) > 0 ? "MPTCP" : "TCP";
                // Cut before its ports, a UDP header leaves the column to the IP layer before it.
                case UDP -> p.has(t, 0, 4) ? "UDP" : ipBefore(p, t, "UDP");
                case ICMP -> "ICMP";
                case ICMPV6 -> "ICMPv6";
                default -> p.layer(t).protocolName().toUpperCase(java.util.Locale.ROOT);
            };
        }
        int etherType = undissectedEtherType(p);
        if (etherType >= 0) {
            return String.format("0x%04x", etherType);
        }
        for (int i = p.layerCount() - 1; i >= 0; i--) {
            switch (p.layer(i)) {
                case ARP: return arpProtocol(p, i);
                case IPV4: return readByIpDispatcher(p, i) && bogusIpv4Version(p, i) ? "IP" : "IPv4";
                case IPV6, IPV6_FRAGMENT, IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DESTINATION: return "IPv6";
                case STP: return "STP";
                case LLC: return "LLC";
                // PPPoE cut before PPP's protocol field is "PPPoES" (tshark 4.0).
                case PPPOE, PPP: return p.layer(i) == Layer.PPPOE && !p.has(i, 0, PPPOE_WITH_PROTOCOL) ? "PPPoES" : "PPP";
                case CHDLC: return "CHDLC";
                case FRAME_RELAY: return "FR";
                case JUNIPER: return "Juniper Ethernet";
                case MACSEC: return "MACSEC";
                case ARISTA: return "AVSP";
                case FABRICPATH: return "FabricPath";
                case IPNET: return "IPNET";
                // Raw IP of neither version: tshark 4.0's raw dissector says "N/A".
                case RAW_IP: return "N/A";
                // A cooked capture's header, alone: cut before tshark named it, nothing.
                case LINUX_SLL, LINUX_SLL2: return p.has(i, 0, sllNamedAfter(p, i)) ? "SLL" : "";
                // A tag cut short names itself (tshark 4.0).
                case VLAN, IEEE8021AD:
                    if (!p.has(i, 0, PacketDecoder.typedLinkHeaderLength(p.layer(i)))) {
                        return p.layer(i) == Layer.VLAN ? "VLAN" : "802.1ad";
                    }
                    break;
                case NFLOG: return "NFLOG";
                case WLAN: return "802.11";
                case PFLOG: return "PFLOG";
                case MPLS: return "MPLS";
                // A tunnel whose payload was not followed: Wireshark names the tunnel (tshark 4.0
                // on built packets: "GRE", "Geneve", "GTP"; VXLAN's short name is "VxLAN").
                // GRE cut before its protocol type leaves the column to the IP layer before it.
                case GRE: return p.has(i, 0, GRE_FIXED) ? "GRE" : ipBefore(p, i, "GRE");
                case PIM: return "PIMv2";
                case ERSPAN: return "ERSPAN";
                case VXLAN: return "VxLAN";
                case GENEVE: return "Geneve";
                case GTP: return "GTP";
                case AYIYA: return "AYIYA";
                case TEREDO: return "Teredo";
                default: break;
            }
        }
        if (llcCut(p)) {
            return "LLC";
        }
        return p.layerCount() > 0 ? "Ethernet" : "Frame";
    }

    /**
     * The EtherType after which the packet holds only data, because tshark 4.0 has no dissector
     * for it (then the protocol column is the type's number), or -1. The type is read from the
     * last header before the data: Ethernet's, a tag's or a cooked capture's.
     */
    private static int undissectedEtherType(Packet p) {
        int carrier = etherTypeCarrier(p);
        boolean refusedIpv6 = carrier + 1 < p.layerCount() && p.ipv6Refused(carrier + 1);
        // A header the capture cut has no type to read (a cut VLAN tag's recorded length is what
        // the capture holds, and its last two bytes are no type: "0x6408" was read there).
        if (carrier < 0 || !p.layer(carrier).handsOnByEtherType()
                || !p.has(carrier, 0, PacketDecoder.typedLinkHeaderLength(p.layer(carrier)))) {
            return -1;
        }
        int offset = switch (p.layer(carrier)) {
            case ETHERNET -> 12;
            case LINUX_SLL -> 14;
            case LINUX_SLL2 -> 0;
            // The tags end with the type of what follows them.
            default -> p.headerLength(carrier) - 2;
        };
        // A header the capture cut (a record of no bytes has a header of none) has no type to read.
        if (offset < 0 || !p.has(carrier, offset, 2)) {
            return -1;
        }
        int type = p.buffer(carrier).getShort(p.start(carrier) + offset) & 0xFFFF;
        return refusedIpv6 || type >= EtherTypes.MIN_TYPE && !EtherTypes.dissectedByTshark(type) ? type : -1;
    }

    /**
     * tshark 4.0's words for a spanning tree BPDU (packet-bpdu.c): "Conf. Root = 32768/0/MAC
     * Cost = 0  Port = 0x8001", "RST. ..." (MST. for version 3, SPT. for 4), "TC + " before the
     * root when the topology changed, "Topology Change Notification". A BPDU cut before its
     * port identifier is malformed.
     */
    private static void stpInfo(StringBuilder out, Packet p, int stp) {
        ByteBuffer b = p.buffer(stp);
        int at = p.start(stp);
        if (!p.has(stp, 0, StpBpdu.TYPE + 1)) {
            out.append("[Malformed Packet]");
            return;
        }
        int type = StpBpdu.type(b, at);
        if (type == StpBpdu.TYPE_TOPOLOGY_CHANGE) {
            out.append("Topology Change Notification");
            return;
        }
        if (!StpBpdu.hasIdentifiers(b, at)) {
            out.append("Unknown BPDU type (").append(type).append(')');
            return;
        }
        if (!p.has(stp, 0, StpBpdu.THROUGH_PORT)) {
            out.append("[Malformed Packet]");
            return;
        }
        if (type == StpBpdu.TYPE_RST) {
            int version = b.get(at + StpBpdu.VERSION) & 0xFF;
            out.append(version == 3 ? "MST. " : version == 4 ? "SPT. " : "RST. ");
        } else {
            out.append("Conf. ");
        }
        if ((b.get(at + StpBpdu.FLAGS) & StpBpdu.FLAG_TOPOLOGY_CHANGE) != 0) {
            out.append("TC + ");
        }
        int root = at + StpBpdu.ROOT;
        out.append("Root = ").append(StpBpdu.priority(b, root)).append('/').append(StpBpdu.extension(b, root)).append('/');
        Formats.mac(out, b, root + 2);
        out.append("  Cost = ").append(b.getInt(at + StpBpdu.ROOT_COST) & 0xFFFFFFFFL).append("  Port = ");
        Formats.hex(out, b.getShort(at + StpBpdu.PORT) & 0xFFFF, 4);
    }

    /** The layer before the packet's data (and a refused IPv6 header): where an EtherType would be read. */
    private static int etherTypeCarrier(Packet p) {
        int carrier = layerBeforeData(p);
        return carrier >= 0 && p.ipv6Refused(carrier) ? carrier - 1 : carrier;
    }

    /** The packet's last layer but its trailing data, if any (-1 for none). */
    private static int layerBeforeData(Packet p) {
        int last = p.layerCount() - 1;
        return last >= 0 && p.layer(last) == Layer.DATA ? last - 1 : last;
    }

    /** True when the IPv4 layer {@code i} is the one byte of a version other than 4 (PacketDecoder.ipv4). */
    private static boolean bogusIpv4Version(Packet p, int i) {
        return p.hasProblem(Problem.BAD_VERSION) && p.has(i, 0, 1) && Ipv4Header.version(p.buffer(i), p.start(i)) != 4;
    }

    /**
     * True when tshark 4.0 reads layer {@code i} with its "ip" dispatcher rather than by IPv4's
     * EtherType: inside IP (the layer before is an IP header or an IPv6 extension header), or as
     * the first layer of the raw IPv4 link type (228), whose bogus version it words the same way
     * (checked on a built frame of version 3: "IP", "Bogus IP version (3)").
     */
    private static boolean readByIpDispatcher(Packet p, int i) {
        if (i == 0) {
            return true;
        }
        return switch (p.layer(i - 1)) {
            case IPV4, IPV6, IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DESTINATION, IPV6_FRAGMENT -> true;
            default -> false;
        };
    }

    /** The IP header (or IPv6 extension header) that the packet's data, if any, follows; or -1. */
    private static int undissectedIpCarrier(Packet p) {
        int carrier = layerBeforeData(p);
        if (carrier < 0 || p.quoted(carrier) || p.headerLength(carrier) <= 0 || !p.has(carrier, 0, p.headerLength(carrier))) {
            return -1;
        }
        return switch (p.layer(carrier)) {
            case IPV4 -> p.headerLength(carrier) >= Ipv4Header.MIN_LENGTH
                    && Ipv4Header.version(p.buffer(carrier), p.start(carrier)) == 4 ? carrier : -1;
            case IPV6 -> p.headerLength(carrier) == Ipv6Header.LENGTH ? carrier : -1;
            case IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DESTINATION -> carrier;
            default -> -1;
        };
    }

    /**
     * The IP protocol number that the packet's data (if any) is, when tshark 4.0 has no
     * dissector for it (IpProtocols), or -1. A fragment's is not: its info says it is one.
     * {@code carrier} is {@link #undissectedIpCarrier}'s answer.
     */
    private static int undissectedIpProtocol(Packet p, int carrier) {
        if (carrier < 0) {
            return -1;
        }
        ByteBuffer b = p.buffer(carrier);
        int at = p.start(carrier);
        // IPv4 names the protocol only when it hands data on; IPv6 names it even without any.
        boolean data = p.layer(p.layerCount() - 1) == Layer.DATA;
        int protocol = switch (p.layer(carrier)) {
            case IPV4 -> !data || Ipv4Header.moreFragments(b, at) || Ipv4Header.fragmentOffset(b, at) > 0
                    ? -1 : Ipv4Header.protocol(b, at);
            case IPV6 -> b.get(at + 6) & 0xFF;
            default -> b.get(at) & 0xFF;
        };
        return protocol >= 0 && !IpProtocols.dissectedByTshark(protocol) ? protocol : -1;
    }

    /** Linux's packet types in a cooked capture's header, as tshark 4.0 names them; index = type. */
    private static final String[] SLL_PACKET_TYPES = {"Unicast to us", "Broadcast", "Multicast",
        "Unicast to another host", "Sent by us"};

    /**
     * The info column of a packet whose EtherType tshark does not dissect and has no name for:
     * what the header before the data wrote there (tshark 4.0's words). Ethernet's dissector
     * starts the column with "Ethernet II", a tag's replaces it with its fields, VN-Tag's and
     * E-Tag's clear it, and a cooked capture's names the packet type.
     */
    private static void etherTypeCarrierInfo(StringBuilder out, Packet p, int carrier) {
        ByteBuffer b = p.buffer(carrier);
        int at = p.start(carrier);
        switch (p.layer(carrier)) {
            case ETHERNET -> out.append("Ethernet II");
            case VLAN -> {
                int tci = b.getShort(at) & 0xFFFF;
                out.append("PRI: ").append(tci >> 13).append("  DEI: ").append((tci >> 12) & 1)
                        .append("  ID: ").append(tci & 0xFFF);
            }
            case IEEE8021AD -> {
                int tci = b.getShort(at) & 0xFFFF;
                out.append("PRI: ").append(tci >> 13).append("  DROP: ").append((tci >> 12) & 1)
                        .append(" ID: ").append(tci & 0xFFF);
            }
            case PBB -> {
                int tci = b.getInt(at);
                out.append("PRI: ").append(tci >>> 29).append("  Drop: ").append((tci >> 28) & 1)
                        .append("  NCA: ").append((tci >> 27) & 1).append("  Res1: ").append((tci >> 26) & 1)
                        .append("  Res2: ").append((tci >> 24) & 3).append("  I-SID: ").append(tci & 0xFFFFFF);
            }
            // tshark 4.0 reads SLL2's one-byte packet type as two bytes, with the address length
            // after it, and so names almost every packet "Unknown (N)" here (its sll.pkttype field
            // is right): tcplens names the type that field shows.
            case LINUX_SLL, LINUX_SLL2 -> sllPacketType(out, p, carrier);
            default -> { }
        }
    }

    /**
     * The Info column of a packet whose last header stops short, as tshark 4.0 writes it before
     * it stops (checked on headers cut byte by byte): a cooked header's packet type once it is
     * read, an 802.1Q or 802.1ad tag's fields once its first two bytes are there, PPPoE's
     * "Session Data" once its code is, nothing of GRE, of an 802.3 frame's LLC header or of an
     * Ethernet header shorter than 14 bytes; then why it stopped. False when the last header is whole.
     */
    private static boolean cutShortInfo(StringBuilder out, Packet p) {
        int last = p.layerCount() - 1;
        if (llcCut(p)) {
            out.append(cutOrMalformed(p));
            return true;
        }
        if (last < 0) {
            return false;
        }
        Layer layer = p.layer(last);
        if (layer == Layer.LINUX_SLL || layer == Layer.LINUX_SLL2) {
            if (last != 0 || p.has(0, 0, PacketDecoder.typedLinkHeaderLength(layer))) {
                return false;
            }
            if (p.has(0, 0, sllNamedAfter(p, 0))) {
                sllPacketType(out, p, 0);
            }
        } else if (last == 0) {
            // A frame shorter than an Ethernet header (a record of no bytes, say): tshark's
            // Ethernet dissector throws reading it.
            if (layer != Layer.ETHERNET || p.has(0, 0, PacketDecoder.typedLinkHeaderLength(layer))) {
                return false;
            }
        } else if (layer == Layer.VLAN || layer == Layer.IEEE8021AD) {
            if (p.has(last, 0, PacketDecoder.typedLinkHeaderLength(layer))) {
                return false;
            }
            if (p.has(last, 0, 2)) {
                etherTypeCarrierInfo(out, p, last);
            }
        } else if (layer == Layer.PPPOE) {
            if (p.has(last, 0, PPPOE_WITH_PROTOCOL)) {
                return false;
            }
            if (p.has(last, 0, 2) && p.buffer(last).get(p.start(last) + 1) == 0) {
                out.append("Session Data");
            }
        } else if (layer != Layer.GRE || p.has(last, 0, GRE_FIXED)) {
            return false;
        }
        out.append(cutOrMalformed(p));
        return true;
    }

    /** PPPoE's session header and the PPP protocol field after it. */
    private static final int PPPOE_WITH_PROTOCOL = 8;
    /** GRE's flags and protocol type. */
    private static final int GRE_FIXED = 4;
    /** LLC's DSAP, SSAP and control byte (IEEE 802.2). */
    private static final int LLC_MIN = 3;

    /**
     * An 802.3 frame (a length where the EtherType would be) with fewer than LLC's 3 bytes after
     * its header: the decoder records no LLC layer, tshark names the protocol LLC and stops.
     */
    private static boolean llcCut(Packet p) {
        int last = p.layerCount() - 1;
        int header = PacketDecoder.typedLinkHeaderLength(Layer.ETHERNET);
        return last == 0 && p.layer(0) == Layer.ETHERNET && p.has(0, 0, header)
                && (p.buffer(0).getShort(p.start(0) + header - 2) & 0xFFFF) <= PacketDecoder.MAX_8023_LENGTH
                && !p.has(0, header, LLC_MIN);
    }

    /**
     * Why a header stops short, in tshark's words: the capture cut the frame, or the frame
     * itself is shorter than the header.
     */
    private static String cutOrMalformed(Packet p) {
        return p.record().capturedLength() < p.record().originalLength() ? CUT : "[Malformed Packet]";
    }

    /** The packet type of a cooked capture's header, by name. */
    private static void sllPacketType(StringBuilder out, Packet p, int sll) {
        ByteBuffer b = p.buffer(sll);
        int at = p.start(sll);
        int type = p.layer(sll) == Layer.LINUX_SLL ? b.getShort(at) & 0xFFFF : b.get(at + 10) & 0xFF;
        out.append(type < SLL_PACKET_TYPES.length ? SLL_PACKET_TYPES[type] : "Unknown (" + type + ")");
    }

    /**
     * How many bytes of a cooked capture's header tshark 4.0 reads before it names the protocol
     * and the packet type: the packet type and the link-layer address type (4), in version 2 up
     * to the packet type (12). With fewer it stops with an empty protocol column.
     */
    private static int sllNamedAfter(Packet p, int sll) {
        return p.layer(sll) == Layer.LINUX_SLL ? 4 : 12;
    }

    /** L2TP's control message types (RFC 2661, section 6), as tshark 4.0 names them; index = type. */
    private static final String[] L2TP_MESSAGES = {null, "SCCRQ", "SCCRP", "SCCCN", "StopCCN", "Reserved", "Hello",
        "OCRQ", "OCRP", "OCCN", "ICRQ", "ICRP", "ICCN", "Reserved", "CDN", "WEN", "SLI"};

    /** Index of the packet's last layer when it is an L2TP control message (its header read whole), or -1. */
    private static int l2tpControl(Packet p) {
        int last = p.layerCount() - 1;
        return last >= 0 && p.layer(last) == Layer.L2TP && p.has(last, 0, 2)
                && (p.buffer(last).getShort(p.start(last)) & L2tpHeader.CONTROL) != 0 ? last : -1;
    }

    /**
     * "Control Message - SCCRQ (tunnel id=5, session id=0)": the type from the first attribute
     * when it is the message type (vendor 0, attribute 0); "ZLB" without attributes.
     */
    private static void l2tpControlInfo(StringBuilder out, Packet p, int i) {
        ByteBuffer b = p.buffer(i);
        int at = p.start(i);
        int end = p.capturedEnd(i);
        int ids = at + L2tpHeader.tunnelIdOffset(b.getShort(at) & 0xFFFF);
        int avps = at + L2tpHeader.headerLength(b, at, end);
        out.append("Control Message");
        if (ids + 4 > end) {
            return;
        }
        if (avps >= end) {
            out.append(" - ZLB     ");
        } else if (avps + 8 <= end && b.getShort(avps + 2) == 0 && b.getShort(avps + 4) == 0) {
            int type = b.getShort(avps + 6) & 0xFFFF;
            String name = type < L2TP_MESSAGES.length ? L2TP_MESSAGES[type] : null;
            out.append(" - ").append(name != null ? name : "Unknown (" + type + ")");
        }
        out.append(" (tunnel id=").append(b.getShort(ids) & 0xFFFF).append(", session id=")
                .append(b.getShort(ids + 2) & 0xFFFF).append(')');
    }

    /** pf's action names as tshark 4.0 prints them (by their numbers in OpenBSD's pfvar.h). */
    private static final String[] PFLOG_ACTIONS = {"pass", "block", "scrub", null, "nat", "nonat", "binat", "nobinat",
        "rdr", "nordr", "synproxy-drop"};

    private static void layerInfo(StringBuilder out, PacketContext context) {
        Packet p = context.packet();
        if (p.layerCount() > 0 && p.layer(0) == Layer.PFLOG && p.has(0, PflogHeader.RULE_NUMBER, 4)) {
            // pf's log leads the line with what the rule did, where: "[pass em0/1] ".
            ByteBuffer b = p.buffer(0);
            int at = p.start(0);
            int action = b.get(at + PflogHeader.ACTION) & 0xFF;
            String name = action < PFLOG_ACTIONS.length ? PFLOG_ACTIONS[action] : null;
            out.append('[').append(name != null ? name : "unknown (" + action + ")").append(' ')
                    .append(PflogHeader.interfaceName(b, at)).append('/').append(PflogHeader.ruleNumber(b, at)).append("] ");
        }
        int t = p.transport();
        int l2tp = l2tpControl(p);
        if (l2tp >= 0) {
            l2tpControlInfo(out, p, l2tp);
            return;
        }
        if (t < 0 && cutShortInfo(out, p)) {
            return;
        }
        if (t < 0) {
            int arp = p.find(Layer.ARP);
            int last = p.layerCount() - 1;
            int etherType = undissectedEtherType(p);
            int beforeData = layerBeforeData(p);
            int ipCarrier = undissectedIpCarrier(p);
            int ipProtocol = undissectedIpProtocol(p, ipCarrier);
            if (last >= 0 && p.layer(last) == Layer.STP) {
                stpInfo(out, p, last);
            } else if (etherType >= 0) {
                String name = EtherTypes.name(etherType);
                if (name != null) {
                    out.append(name);
                } else {
                    etherTypeCarrierInfo(out, p, etherTypeCarrier(p));
                }
            } else if (arp >= 0) {
                arpInfo(out, context, arp);
            } else if (last >= 0 && p.layer(last) == Layer.GRE && p.has(last, 2, 2)) {
                // GRE with nothing followed after it, in tshark 4.0's words: PPTP's acknowledgment
                // alone, a keepalive (type 0 without payload), or a protocol type not followed.
                int type = p.buffer(last).getShort(p.start(last) + 2) & 0xFFFF;
                out.append("Encapsulated ").append(type == PacketDecoder.GRE_PPP ? "PPP"
                        : type == 0 && p.capturedEnd(last) <= p.start(last) + p.headerLength(last) ? "Possible GRE keepalive packet"
                        : String.format("0x%04X (unknown)", type));
            } else if (beforeData == 0 && p.layer(0) == Layer.RAW_IP) {
                out.append("Raw packet data");
            } else if (beforeData == 0 && p.ipv6Refused(0)) {
                // The raw IPv6 link type (229): tshark 4.0's IPv6 dissector refuses the header and
                // says why (checked on a built frame of version 5).
                out.append("Bogus IPv6 version (").append(Ipv6Header.version(p.buffer(0), p.start(0))).append(", must be 6)");
            } else if (last >= 0 && p.layer(last) == Layer.IPV4 && bogusIpv4Version(p, last)) {
                // tshark 4.0's words for a version that is neither 4 nor 6 where IPv4 was expected:
                // by its EtherType IPv4's own dissector says it; inside IP (protocol 4) or on the
                // raw IPv4 link type the "ip" dispatcher does, in other words.
                int version = Ipv4Header.version(p.buffer(last), p.start(last));
                if (readByIpDispatcher(p, last)) {
                    out.append("Bogus IP version (").append(version).append(')');
                } else {
                    out.append("Bogus IPv4 version (").append(version).append(", must be 4)");
                }
            } else if (last >= 0 && p.layer(last) == Layer.IPV4 && p.hasProblem(Problem.BAD_HEADER_LENGTH)
                    && Ipv4Header.version(p.buffer(last), p.start(last)) == 4
                    && Ipv4Header.headerLength(p.buffer(last), p.start(last)) < Ipv4Header.MIN_LENGTH) {
                // tshark 4.0's words for an IPv4 header length under 20 bytes (PacketDecoder.ipv4).
                out.append("Bogus IP header length (").append(Ipv4Header.headerLength(p.buffer(last), p.start(last)))
                        .append(", must be at least 20)");
            } else if (p.network() >= 0 && p.layer(p.network()) == Layer.IPV4
                    && (Ipv4Header.moreFragments(p.buffer(p.network()), p.start(p.network()))
                        || Ipv4Header.fragmentOffset(p.buffer(p.network()), p.start(p.network())) > 0)) {
                // A fragment that was not reassembled.
                ByteBuffer b = p.buffer(p.network());
                int at = p.start(p.network());
                int protocol = Ipv4Header.protocol(b, at);
                out.append("Fragmented IP protocol (proto=").append(IpProtocols.name(protocol)).append(' ')
                        .append(protocol).append(", off=").append(Ipv4Header.fragmentOffset(b, at)).append(", ID=");
                out.append(String.format("%04x", Ipv4Header.identification(b, at)));
                out.append(')');
            } else if (last >= 0 && p.layer(last).isIp() && !ipHeaderCaptured(p, last)) {
                // tshark 4.0's IP dissectors stop where their header's bytes end, and say why; its
                // IPv6 first says how short the frame left the header.
                int left = p.reportedEnd(last) - p.start(last);
                if (p.layer(last) == Layer.IPV6 && left < 40) {
                    out.append("Invalid IPv6 header (").append(left).append(" bytes, need exactly 40)");
                }
                out.append(cutOrMalformed(p));
            } else if (last >= 0 && IPV6_EXTENSION_WORDS.containsKey(p.layer(last))
                    && p.capturedEnd(last) < p.start(last) + Math.max(8, p.headerLength(last))) {
                // An IPv6 extension header cut short: tshark 4.0 names it, then stops (checked
                // with 0 to 7 of its bytes; a fragment header has no words of its own).
                out.append(IPV6_EXTENSION_WORDS.get(p.layer(last))).append(cutOrMalformed(p));
            } else if (last >= 0 && p.layer(last) == Layer.MPLS && p.capturedEnd(last) <= p.start(last) + p.headerLength(last)) {
                // A label stack with nothing after it, or cut: tshark 4.0 reads the first byte
                // after the stack to choose the payload's dissector, and stops there.
                out.append("MPLS Label Switched Packet").append(cutOrMalformed(p));
            } else if (ipProtocol >= 0) {
                // A protocol no dissector of tshark's takes (one that tshark decodes and tcplens
                // does not, such as ESP or OSPF, has no info here, where tshark has its own).
                if (p.layer(ipCarrier) == Layer.IPV4) {
                    out.append(IpProtocols.name(ipProtocol)).append(" (").append(ipProtocol).append(')');
                } else if (ipProtocol == IpProtocols.NO_NEXT_HEADER) {
                    out.append("IPv6 no next header");
                } else {
                    out.append("Unknown IP Protocol: ").append(IpProtocols.name(ipProtocol)).append(" (").append(ipProtocol).append(')');
                }
            } else {
                ipv6FragmentInfo(out, p);
            }
            return;
        }
        ByteBuffer b = p.buffer(t);
        int at = p.start(t);
        switch (p.layer(t)) {
            case TCP -> tcpInfo(out, context, b, at, t);
            case UDP -> {
                // A header cut short shows what tshark 4.0 read before it stopped: the ports from
                // 4 bytes, the length from 6.
                if (p.has(t, 0, 4)) {
                    out.append(b.getShort(at) & 0xFFFF).append(" \u2192 ").append(b.getShort(at + 2) & 0xFFFF);
                }
                if (p.has(t, 0, 6)) {
                    out.append(" Len=").append(Math.max(0, (b.getShort(at + 4) & 0xFFFF) - 8));
                }
                if (!p.has(t, 0, 8)) {
                    out.append(cutOrMalformed(p));
                }
            }
            case ICMP, ICMPV6 -> {
                if (p.has(t, 0, 2)) {
                    if (p.layer(t) == Layer.ICMP) {
                        IcmpText.icmp(out, p, t, context.echoRequestFrame());
                    } else {
                        IcmpText.icmpv6(out, p, t, context.echoRequestFrame());
                    }
                    if (IcmpText.cut(p, t)) {
                        out.append(CUT);
                    }
                }
            }
            default -> { }
        }
    }

    /** What tshark 4.0 writes in the Info column for an IPv6 extension header before it stops in it. */
    private static final java.util.Map<Layer, String> IPV6_EXTENSION_WORDS = java.util.Map.of(
            Layer.IPV6_HOP_BY_HOP, "IPv6 hop-by-hop options", Layer.IPV6_ROUTING, "IPv6 routing",
            Layer.IPV6_DESTINATION, "IPv6 destination options", Layer.IPV6_FRAGMENT, "");

    /** An IPv6 fragment that was not reassembled, in tshark 4.0's words (offset in bytes). */
    private static void ipv6FragmentInfo(StringBuilder out, Packet p) {
        int f = p.find(Layer.IPV6_FRAGMENT);
        if (f < 0 || p.quoted(f) || !p.has(f, 0, Ipv6Header.FRAGMENT_HEADER_LENGTH)) {
            return;
        }
        ByteBuffer b = p.buffer(f);
        int at = p.start(f);
        int offset = Ipv6Header.fragmentOffset(b, at);
        boolean more = Ipv6Header.moreFragments(b, at);
        if (offset == 0 && !more) {
            return;
        }
        out.append("IPv6 fragment (off=").append(offset).append(" more=").append(more ? 'y' : 'n').append(" ident=");
        Formats.hex(out, Ipv6Header.fragmentIdentification(b, at) & 0xFFFFFFFFL, 8);
        out.append(" nxt=").append(b.get(at) & 0xFF).append(')');
    }

    /**
     * tshark 4.0's words for an ARP message (packet-arp.c): who has an address, who is at it, an
     * RFC 5227 probe or announcement, a gratuitous message, the reverse, inverse and ATM (MARS)
     * operations, and after them a duplicate use of an address (PacketContext.arpDuplicate). A
     * message whose addresses overrun the packet is malformed.
     */
    private static void arpInfo(StringBuilder out, PacketContext context, int arp) {
        Packet p = context.packet();
        ByteBuffer b = p.buffer(arp);
        int at = p.start(arp);
        if (!p.has(arp, 0, ArpHeader.FIXED)) {
            out.append("[Malformed Packet]");
            return;
        }
        int length = ArpHeader.length(b, at);
        if (p.reportedEnd(arp) - at < length) {
            out.append("[Malformed Packet]");
            return;
        }
        if (!p.has(arp, 0, length)) {
            out.append(CUT);
            return;
        }
        int op = ArpHeader.opcode(b, at);
        int senderHw = ArpHeader.senderHardware(b, at);
        int senderProto = ArpHeader.senderProtocol(b, at);
        int targetHw = ArpHeader.targetHardware(b, at);
        int targetProto = ArpHeader.targetProtocol(b, at);
        // The checks read 6 bytes of the target's hardware address and 4 of the sender's
        // protocol address whatever their sizes, as tshark does: only within the message.
        boolean classified = (op == ArpHeader.REQUEST || op == ArpHeader.REPLY)
                && targetHw + 6 <= at + length && senderProto + 4 <= at + length;
        boolean gratuitous = classified && ArpHeader.gratuitous(b, at);
        switch (op) {
            case ArpHeader.REQUEST -> {
                if (gratuitous) {
                    boolean announcement = ArpHeader.announcement(b, at);
                    arpProtocolAddress(out.append(announcement ? "ARP Announcement for " : "Gratuitous ARP for "), b, at, targetProto);
                    if (!announcement) {
                        out.append(" (Request)");
                    }
                } else if (classified && ArpHeader.probe(b, at)) {
                    arpProtocolAddress(out.append("Who has "), b, at, targetProto).append("? (ARP Probe)");
                } else {
                    arpProtocolAddress(out.append("Who has "), b, at, targetProto).append("? Tell ");
                    arpProtocolAddress(out, b, at, senderProto);
                }
            }
            case ArpHeader.REPLY -> {
                if (gratuitous) {
                    arpProtocolAddress(out.append("Gratuitous ARP for "), b, at, senderProto).append(" (Reply)");
                } else {
                    arpProtocolAddress(out, b, at, senderProto).append(" is at ");
                    arpHardwareAddress(out, b, at, senderHw);
                }
            }
            case 3, 5, 8 -> {
                arpHardwareAddress(out.append("Who is "), b, at, targetHw).append("? Tell ");
                arpHardwareAddress(out, b, at, senderHw);
            }
            case 4, 6 -> {
                arpHardwareAddress(out, b, at, targetHw).append(" is at ");
                arpProtocolAddress(out, b, at, targetProto);
            }
            case 7 -> out.append("DRARP Error");
            case 9 -> {
                arpHardwareAddress(out, b, at, senderHw).append(" is at ");
                arpProtocolAddress(out, b, at, senderProto);
            }
            case 10 -> out.append("ARP NAK");
            case 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 -> {
                arpHardwareAddress(out.append(ARP_FROM_AT[op - 11]).append(" from "), b, at, senderHw).append(" at ");
                arpProtocolAddress(out, b, at, senderProto);
            }
            case 24, 25 -> out.append("Experimental ").append(op - 23).append(" ( opcode ").append(op).append(" )");
            case 0, 0xFFFF -> out.append("Reserved opcode ").append(op);
            default -> Formats.hex(out.append("Unknown ARP opcode "), op, 4);
        }
        if (context.arpDuplicate() != ArpDuplicates.NONE) {
            Formats.ipv4(out.append(" (duplicate use of "), (int) context.arpDuplicate()).append(" detected!)");
        }
    }

    /** tshark 4.0's names of the MARS operations 11-22 and MAPOS's UNARP (23), before "from ... at ...". */
    private static final String[] ARP_FROM_AT = {"MARS request", "MARS MULTI request", "MARS MSERV request",
        "MARS JOIN request", "MARS LEAVE", "MARS NAK", "MARS UNSERV request", "MARS SJOIN request", "MARS SLEAVE",
        "MARS grouplist request", "MARS grouplist reply", "MARS redirect map", "MAPOS UNARP request"};

    /** The protocol column of an ARP message: tshark 4.0 names the reverse, inverse and ATM kinds. */
    private static String arpProtocol(Packet p, int arp) {
        if (!p.has(arp, 0, ArpHeader.FIXED)) {
            return "ARP";
        }
        int op = ArpHeader.opcode(p.buffer(arp), p.start(arp));
        return switch (op) {
            case 3, 4 -> "RARP";
            case 5, 6, 7 -> "DRARP";
            case 8, 9 -> "Inverse ARP";
            case 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 -> "MARS";
            case 23 -> "MAPOS";
            default -> "ARP";
        };
    }

    /** A hardware address as tshark shows it: a MAC address, or the bytes in hex. */
    private static StringBuilder arpHardwareAddress(StringBuilder out, ByteBuffer b, int at, int address) {
        int size = ArpHeader.hardwareSize(b, at);
        if (size == 0) {
            return out.append("<No address>");
        }
        return ArpHeader.macAddresses(b, at) ? Formats.mac(out, b, address) : arpBytes(out, b, address, size);
    }

    /** A protocol address as tshark shows it: an IPv4 address, or the bytes in hex. */
    private static StringBuilder arpProtocolAddress(StringBuilder out, ByteBuffer b, int at, int address) {
        int size = ArpHeader.protocolSize(b, at);
        if (size == 0) {
            return out.append("<No address>");
        }
        return ArpHeader.ipv4Addresses(b, at) ? Formats.ipv4(out, b.getInt(address)) : arpBytes(out, b, address, size);
    }

    /** Wireshark's bytes_to_str: hex digits without separators, at most 36 bytes, then an ellipsis. */
    private static StringBuilder arpBytes(StringBuilder out, ByteBuffer b, int address, int size) {
        Formats.bytes(out, b, address, Math.min(size, 36));
        return size > 36 ? out.append('\u2026') : out;
    }

    private static final ExpertFlag[] EXPERT_FLAGS = ExpertFlag.values();

    /**
     * The expert markers tshark puts first in a TCP segment's Info column, e.g. "[TCP Dup ACK 7#2] ".
     * Wireshark prepends each marker in turn, so the last one it adds comes first.
     */
    private static void expertMarkers(StringBuilder out, SequenceAnalysis analysis) {
        for (int i = EXPERT_FLAGS.length - 1; i >= 0; i--) {
            ExpertFlag flag = EXPERT_FLAGS[i];
            if (!flag.in(analysis.flags()) || flag == ExpertFlag.REUSED_PORTS) {
                continue;
            }
            if (flag == ExpertFlag.DUPLICATE_ACK) {
                out.append("[TCP Dup ACK ").append(analysis.dupAckFrame()).append('#').append(analysis.dupAckNum()).append("] ");
            } else {
                out.append(flag.marker()).append(' ');
            }
        }
        // Port reuse comes after the others: on a SYN-ACK with a new ISN, which stays in its
        // stream and is analysed, tshark 4.0 writes "[TCP Retransmission] [TCP Port numbers
        // reused]" (also after Out-Of-Order and Previous segment not captured; a SYN that
        // reuses the ports starts a new conversation and has no other marker).
        if (ExpertFlag.REUSED_PORTS.in(analysis.flags())) {
            out.append(ExpertFlag.REUSED_PORTS.marker()).append(' ');
        }
    }

    private static void tcpInfo(StringBuilder out, PacketContext context, ByteBuffer b, int at, int t) {
        tcpHeaderInfo(out, context, b, at, t);
        // Wireshark's TCP stops at the first header byte the snaplen cut (one inside the segment
        // as the IP length reports it) and says so; a header that overruns the datagram itself is
        // malformed instead, not cut.
        Packet p = context.packet();
        int headerEnd = at + (p.has(t, 0, TcpHeader.MIN_LENGTH) ? p.headerLength(t) : TcpHeader.MIN_LENGTH);
        if (p.capturedEnd(t) < headerEnd && p.capturedEnd(t) < p.reportedEnd(t)) {
            out.append(CUT);
        }
    }

    private static void tcpHeaderInfo(StringBuilder out, PacketContext context, ByteBuffer b, int at, int t) {
        Packet p = context.packet();
        if (!p.has(t, 0, TcpHeader.MIN_LENGTH)) {
            // Wireshark has read ports, sequence and acknowledgment numbers, flags and window
            // (the first 16 bytes) before it writes the flags; the length needs the whole header.
            if (p.has(t, 0, TcpHeader.WINDOW + 2)) {
                tcpFlagsSeqAckWindow(out, context, b, at, TcpHeader.flags(b, at), true);
            } else if (p.has(t, 0, 4)) {
                out.append(TcpHeader.sourcePort(b, at)).append(" \u2192 ").append(TcpHeader.destinationPort(b, at));
            }
            return;
        }
        int flags = TcpHeader.flags(b, at);
        if (p.tcpBogusHeaderLength(t)) {
            // tshark 4.0 writes the flags, numbers and window, then gives up on a bogus header
            // length: no markers, no length, no options (see Fields.pastBogusTcpHeader).
            tcpFlagsSeqAckWindow(out, context, b, at, flags, true);
            out.append(", bogus TCP header length (").append(TcpHeader.headerLength(b, at)).append(", must be at least 20)");
            return;
        }
        if (p.tcpShortSegment(t)) {
            // A short segment (its header runs past its end on the wire): tshark does not analyse
            // it, so its numbers and window are raw, and reading its options past the end throws.
            tcpFlagsSeqAckWindow(out, context, b, at, flags, false);
            urgentPointer(out, b, at, flags);
            // The options up to the segment's end, then the one that runs past it throws.
            int end = Math.min(p.capturedEnd(t), p.reportedEnd(t));
            tcpOptionsInfo(out, b, at, end, null);
            out.append(optionPastTheEnd(b, at, end) ? "[Malformed Packet: length of contained item exceeds length of "
                    + "containing item]" : "[Malformed Packet]");
            return;
        }
        TcpSequenceNumbering n = context.tcp();
        boolean known = n != null && n.known();
        if (t == p.tcp()) {
            markers(out, context);
        }
        tcpFlagsSeqAckWindow(out, context, b, at, flags, true);
        urgentPointer(out, b, at, flags);
        if (!p.inUnreassembledFragment(t)) {
            out.append(" Len=").append(p.payloadLength(t));
        }
        tcpOptionsInfo(out, b, at, p.capturedHeaderEnd(t), known ? n : null);
    }

    private static void urgentPointer(StringBuilder out, ByteBuffer b, int at, int flags) {
        if ((flags & TcpHeader.URG) != 0) {
            out.append(" Urg=").append(TcpHeader.urgentPointer(b, at));
        }
    }

    /**
     * True when a short segment's end falls inside an option whose kind and length bytes are
     * before it and whose length fits the header its data offset announces: tshark then cuts
     * the option's bytes from a segment too short for them, an item longer than its container.
     * Past the end of a whole option, reading the next kind or length byte is a plain read past
     * the end; an option longer than the announced header is only an expert note to tshark.
     */
    private static boolean optionPastTheEnd(ByteBuffer b, int at, int end) {
        int last = -1;
        for (int o = TcpOptions.first(b, at + TcpHeader.MIN_LENGTH, end); o >= 0; o = TcpOptions.next(b, o, end)) {
            last = o;
        }
        if (last < 0 || last + 1 >= end) {
            return false;
        }
        int kind = TcpOptions.kind(b, last);
        int optionEnd = last + (b.get(last + 1) & 0xFF);
        return kind != TcpHeader.OPT_END && kind != TcpHeader.OPT_NOP && optionEnd > end
                && optionEnd <= at + TcpHeader.headerLength(b, at);
    }

    /**
     * The options tshark names in the info column, those whole before {@code end}; SACK edges
     * relative to the acknowledgment number's base when {@code n} knows it.
     */
    private static void tcpOptionsInfo(StringBuilder out, ByteBuffer b, int at, int end, TcpSequenceNumbering n) {
        boolean known = n != null;
        for (int o = TcpOptions.first(b, at + TcpHeader.MIN_LENGTH, end); o >= 0; o = TcpOptions.next(b, o, end)) {
            int kind = TcpOptions.kind(b, o);
            if (kind != TcpHeader.OPT_END && kind != TcpHeader.OPT_NOP && !TcpOptions.fits(b, o, end)) {
                // An option whose length is too short or runs past the header ends Wireshark's
                // reading of the options: it shows neither that option nor any after it.
                break;
            }
            switch (kind) {
                case TcpHeader.OPT_MSS -> {
                    if (TcpOptions.complete(b, o, end, 4)) {
                        out.append(" MSS=").append(b.getShort(o + 2) & 0xFFFF);
                    }
                }
                case TcpHeader.OPT_WINDOW_SCALE -> {
                    if (TcpOptions.complete(b, o, end, 3)) {
                        out.append(" WS=").append(1L << Math.min(14, b.get(o + 2) & 0xFF));
                    }
                }
                case TcpHeader.OPT_SACK_PERMITTED -> out.append(" SACK_PERM");
                case TcpHeader.OPT_TIMESTAMPS -> {
                    if (TcpOptions.complete(b, o, end, 10)) {
                        out.append(" TSval=").append(b.getInt(o + 2) & 0xFFFFFFFFL)
                                .append(" TSecr=").append(b.getInt(o + 6) & 0xFFFFFFFFL);
                    }
                }
                case TcpHeader.OPT_SACK -> {
                    int length = TcpOptions.length(b, o, end);
                    long base = known ? ((TcpHeader.acknowledgment(b, at) & 0xFFFFFFFFL) - n.relativeAck()) : 0;
                    for (int e = o + 2; e + 8 <= o + length && e + 8 <= end; e += 8) {
                        out.append(" SLE=").append(((b.getInt(e) & 0xFFFFFFFFL) - base) & 0xFFFFFFFFL)
                                .append(" SRE=").append(((b.getInt(e + 4) & 0xFFFFFFFFL) - base) & 0xFFFFFFFFL);
                    }
                }
                case TcpHeader.OPT_FAST_OPEN -> out.append(TcpOptions.length(b, o, end) == 2 ? " TFO=R" : " TFO=C");
                case TcpHeader.OPT_ECHO, TcpHeader.OPT_ECHO_REPLY -> {
                    if (TcpOptions.complete(b, o, end, 6)) {
                        out.append(" ECHO=").append(b.getInt(o + 2) & 0xFFFFFFFFL);
                    }
                }
                case TcpHeader.OPT_CC, TcpHeader.OPT_CC_NEW, TcpHeader.OPT_CC_ECHO -> {
                    if (TcpOptions.complete(b, o, end, 6)) {
                        out.append(" CC=").append(b.getInt(o + 2) & 0xFFFFFFFFL);
                    }
                }
                // RFC 2385's signature and RFC 5925's authentication: named whatever their length
                // (Wireshark writes the second without a space before it).
                case TcpHeader.OPT_MD5 -> out.append(" MD5");
                case TcpHeader.OPT_AUTHENTICATION -> out.append("TCP AO");
                case TcpHeader.OPT_USER_TIMEOUT -> {
                    if (TcpOptions.complete(b, o, end, 4)) {
                        out.append(" USER_TO=").append(b.getShort(o + 2) & 0x7FFF);
                    }
                }
                case TcpHeader.OPT_EXPERIMENTAL, TcpHeader.OPT_EXPERIMENTAL_FD -> {
                    int length = TcpOptions.length(b, o, end);
                    int exid = length >= 4 && o + 4 <= end ? b.getShort(o + 2) & 0xFFFF : -1;
                    if (exid == TcpHeader.EXID_FAST_OPEN) {
                        out.append(length == 4 ? " TFO=R" : " TFO=C");
                    } else if (exid == TcpHeader.EXID_ACCECN_0 || exid == TcpHeader.EXID_ACCECN_1) {
                        accEcnCounters(out, b, o + 4, Math.min(o + length, end), exid == TcpHeader.EXID_ACCECN_0);
                    } else if (exid == TcpHeader.EXID_ACK_RATE_REQUEST) {
                        if (length == 4) {
                            out.append(" TARR");
                        } else if (length == 5 && o + 5 <= end) {
                            out.append(" TARR=").append((b.get(o + 4) & 0xFE) >> 1);
                        }
                    } else if (exid >= 0) {
                        // Any other experiment: its identifier in hex (packet-tcp.c, dissect_tcpopt_exp).
                        out.append(" ExID=").append(Integer.toHexString(exid).toUpperCase(java.util.Locale.ROOT));
                    }
                }
                case TcpHeader.OPT_ACCECN_0, TcpHeader.OPT_ACCECN_1 -> accEcnCounters(out, b, o + 2,
                        Math.min(o + TcpOptions.length(b, o, end), end), kind == TcpHeader.OPT_ACCECN_0);
                default -> { }
            }
        }
    }

    /**
     * "40000 → 80 [SYN, ACK] Seq=0 Ack=1 Win=8192": ports, flags, sequence and acknowledgment
     * numbers and window; relative and scaled only when {@code analysed}.
     */
    private static void tcpFlagsSeqAckWindow(StringBuilder out, PacketContext context, ByteBuffer b, int at, int flags,
            boolean analysed) {
        TcpSequenceNumbering n = analysed ? context.tcp() : null;
        boolean known = n != null && n.known();
        out.append(TcpHeader.sourcePort(b, at)).append(" \u2192 ").append(TcpHeader.destinationPort(b, at)).append(" [");
        TcpText.flagNamesOrNone(out, flags, known && n.accurateEcn()).append("] Seq=");
        out.append(known ? n.relativeSeq() : TcpHeader.sequence(b, at) & 0xFFFFFFFFL);
        if ((flags & TcpHeader.ACK) != 0) {
            out.append(" Ack=").append(known ? n.relativeAck() : TcpHeader.acknowledgment(b, at) & 0xFFFFFFFFL);
        }
        long window = TcpHeader.window(b, at);
        int shift = known ? n.windowShift() : TcpSequenceNumbering.SCALE_UNKNOWN;
        out.append(" Win=").append(shift >= 0 ? window << shift : window);
    }

    /** The 24-bit byte counters of an Accurate ECN option, in the option's order. */
    private static void accEcnCounters(StringBuilder out, ByteBuffer b, int at, int end, boolean orderZero) {
        String[] names = orderZero ? ACCECN_0_ORDER : ACCECN_1_ORDER;
        for (int k = 0; k < 3 && at + 3 * (k + 1) <= end; k++) {
            int e = at + 3 * k;
            int counter = ((b.get(e) & 0xFF) << 16) | ((b.get(e + 1) & 0xFF) << 8) | (b.get(e + 2) & 0xFF);
            out.append(' ').append(names[k]).append('=').append(counter);
        }
    }
}
