package io.tcplens.decode;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;

/**
 * What a UDP datagram carries, for the protocols whose summary line tcplens writes as Wireshark
 * 4.0 does: found by port as Wireshark's UDP dissector finds it (the lower port's protocol first,
 * then the higher's), read only as far as the Info column needs. DNS, mDNS and LLMNR have their
 * own reader with fields ({@link DnsMessage}); the others here give their protocol and Info
 * column: DHCP (RFC 2131) and plain BOOTP (RFC 951), NTP (RFC 5905), SSDP (UPnP's discovery, HTTP
 * over UDP) and the NetBIOS name service (RFC 1002).
 *
 * @param protocol the protocol, which names it in filters and frame.protocols
 * @param column   Wireshark's protocol column
 * @param info     Wireshark's Info column
 */
public record UdpApplication(Protocol protocol, String column, String info) {
    /** The UDP protocols tcplens knows by port, with Wireshark's filter names and protocol columns. */
    public enum Protocol {
        DNS("dns", "DNS"), MDNS("mdns", "MDNS"), LLMNR("llmnr", "LLMNR"), DHCP("dhcp", "DHCP"), NTP("ntp", "NTP"),
        NBNS("nbns", "NBNS"), SSDP("ssdp", "SSDP");

        private final String filterName;
        private final String column;

        Protocol(String filterName, String column) {
            this.filterName = filterName;
            this.column = column;
        }

        public String filterName() { return filterName; }

        /** Wireshark's protocol column (a DHCP message without a type is "BOOTP": {@link UdpApplication#column()}). */
        public String column() { return column; }

        /** DNS, mDNS and LLMNR share the message format {@link DnsMessage} reads. */
        boolean dnsFormat() { return this == DNS || this == MDNS || this == LLMNR; }
    }

    /** Wireshark's registrations of these protocols on UDP ports (packet-dns.c, -dhcp.c, -ntp.c, -nbt.c, -http.c). */
    static Protocol ofPort(int port) {
        return switch (port) {
            case 53 -> Protocol.DNS;
            case 5353 -> Protocol.MDNS;
            case 5355 -> Protocol.LLMNR;
            case 67, 68 -> Protocol.DHCP;
            case 123 -> Protocol.NTP;
            case 137 -> Protocol.NBNS;
            case 1900 -> Protocol.SSDP;
            default -> null;
        };
    }

    /**
     * The protocol of a datagram between these ports, or null. Wireshark tries the lower port's
     * dissector first (port 0 is none), then the higher's when the lower has none or declines the
     * bytes; tcplens takes the higher port's protocol whenever the lower is not one of its own (a
     * lower port whose own protocol would accept the datagram, syslog's 514 to SSDP's 1900 say,
     * is read as the higher port's protocol here, and is rare).
     */
    public static Protocol protocolOf(int sourcePort, int destinationPort) {
        int low = Math.min(sourcePort, destinationPort);
        int high = Math.max(sourcePort, destinationPort);
        Protocol p = low == 0 ? null : ofPort(low);
        return p != null ? p : ofPort(high);
    }

    /**
     * The payload of a packet's own UDP datagram (not one an ICMP error quotes, nor one that
     * carries a tunnel): where it starts, where the capture and the UDP length end it, and the
     * protocol its ports give (null: none of tcplens's).
     */
    public record Payload(ByteBuffer buffer, int start, int captured, int reported, Protocol protocol) {
        public static Payload of(Packet p) {
            int u = p.transport();
            int last = p.layerCount() - 1;
            boolean carriesData = u == last || (u == last - 1 && p.layer(last) == Layer.DATA);
            if (u < 0 || p.layer(u) != Layer.UDP || p.quoted(u) || !carriesData || !p.has(u, 0, 8)) {
                return null;
            }
            ByteBuffer b = p.buffer(u);
            int at = p.start(u);
            int udpLength = b.getShort(at + 4) & 0xFFFF;
            int reported = p.reportedEnd(u);
            if (udpLength >= 8) {
                reported = Math.min(reported, at + udpLength);
            }
            reported = Math.max(p.payloadStart(u), reported);
            return new Payload(b, p.payloadStart(u), Math.min(p.capturedEnd(u), reported), reported,
                    protocolOf(b.getShort(at) & 0xFFFF, b.getShort(at + 2) & 0xFFFF));
        }
    }

    /** The summary of the packet's datagram for DHCP, NTP, NBNS or SSDP, or null (DNS: {@link DnsMessage}). */
    public static UdpApplication of(Packet p) {
        Payload d = Payload.of(p);
        if (d == null || d.protocol() == null) {
            return null;
        }
        return switch (d.protocol()) {
            case DHCP -> dhcp(d.buffer(), d.start(), d.captured(), d.reported());
            case NTP -> ntp(d.buffer(), d.start(), d.captured(), d.reported());
            case SSDP -> ssdp(d.buffer(), d.start(), d.captured());
            case NBNS -> DnsMessage.nbns(d.buffer(), d.start(), d.captured(), d.reported());
            case DNS, MDNS, LLMNR -> null;
        };
    }

    /** The protocol of a packet's datagram from its two readings (either may be null), or null. */
    public static Protocol protocolOf(DnsMessage dns, UdpApplication other) {
        return dns != null ? dns.kind() : other != null ? other.protocol() : null;
    }

    /** What Wireshark appends when a read runs past the captured bytes, or past the datagram. */
    static String past(int end, int captured, int reported) {
        return end > reported ? "[Malformed Packet]" : end > captured ? "[Packet size limited during capture]" : "";
    }

    /**
     * DHCP: "DHCP Discover - Transaction ID 0x...", the message type from option 53 (the last
     * one, read as Wireshark's first pass over the options reads them); without that option, BOOTP's
     * "Boot Request from MAC (MAC)" or "Boot Reply" (packet-dhcp.c, dissect_dhcp).
     */
    private static UdpApplication dhcp(ByteBuffer b, int start, int captured, int reported) {
        if (start + 3 > captured) {
            return new UdpApplication(Protocol.DHCP, "BOOTP", past(start + 3, captured, reported));
        }
        int op = b.get(start) & 0xFF;
        int htype = b.get(start + 1) & 0xFF;
        int hlen = b.get(start + 2) & 0xFF;
        String boot;
        switch (op) {
            case 1 -> {
                int chaddr = start + 28;
                if (chaddr + hlen > captured) {
                    return new UdpApplication(Protocol.DHCP, "BOOTP", past(chaddr + hlen, captured, reported));
                }
                String address = hardwareAddress(b, chaddr, hlen);
                boot = (htype == 1 || htype == 6) && hlen == 6
                        ? "Boot Request from " + address + " (" + address + ")" : "Boot Request from " + address;
            }
            case 2 -> boot = "Boot Reply";
            default -> boot = "Unknown BOOTP message type (" + op + ")";
        }
        // Without the magic cookie (RFC 2132, section 2) the 64 bytes of BOOTP's vendor area come first.
        int options = start + 236;
        options += options + 4 <= captured && b.getInt(options) == 0x63825363 ? 4 : 64;
        // Wireshark's first pass looks for option 53 (the message type; the last one counts);
        // the dissection that follows reads the fixed header and every option in full, so a
        // message the capture cut, or an option that overruns the datagram, ends the line with
        // the mark of that exception.
        String type = null;
        int read = options;
        for (int at = options; at < reported; ) {
            if (at >= captured) {
                read = at + 1;
                break;
            }
            int code = b.get(at) & 0xFF;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                at++;
                continue;
            }
            int length = at + 1 < captured ? b.get(at + 1) & 0xFF : 0;
            if (code == 53 && length >= 1 && at + 2 + length <= captured) {
                type = dhcpType(b.get(at + 2) & 0xFF);
            }
            read = Math.max(read, at + 2 + length);
            at += 2 + length;
        }
        // The dissection reads in order: past the captured bytes first, unless the capture kept all
        // the datagram reports.
        String mark = read <= captured ? "" : captured < reported ? "[Packet size limited during capture]" : "[Malformed Packet]";
        if (type == null) {
            return new UdpApplication(Protocol.DHCP, "BOOTP", boot + mark);
        }
        return new UdpApplication(Protocol.DHCP, "DHCP", String.format(Locale.ROOT, "DHCP %-8s - Transaction ID 0x%x",
                type, b.getInt(start + 4) & 0xFFFFFFFFL) + mark);
    }

    /** Wireshark's names of DHCP message types (packet-dhcp.c, opt53_text). */
    private static String dhcpType(int type) {
        return switch (type) {
            case 1 -> "Discover";
            case 2 -> "Offer";
            case 3 -> "Request";
            case 4 -> "Decline";
            case 5 -> "ACK";
            case 6 -> "NAK";
            case 7 -> "Release";
            case 8 -> "Inform";
            case 9 -> "Force Renew";
            case 10 -> "Lease query";
            case 11 -> "Lease Unassigned";
            case 12 -> "Lease Unknown";
            case 13 -> "Lease Active";
            case 14 -> "Bulk Lease Query";
            case 15 -> "Lease Query Done";
            case 16 -> "Active LeaseQuery";
            case 17 -> "Lease Query Status";
            case 18 -> "TLS";
            default -> String.format(Locale.ROOT, "Unknown Message Type (0x%02x)", type);
        };
    }

    private static String hardwareAddress(ByteBuffer b, int at, int length) {
        StringBuilder s = new StringBuilder(3 * length);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(String.format(Locale.ROOT, "%02x", b.get(at + i) & 0xFF));
        }
        return s.toString();
    }

    /**
     * NTP: "NTP Version 4, client" (packet-ntp.c, dissect_ntp: the version and the mode of the
     * first byte). Control (mode 6) and private (mode 7) messages show that much here; Wireshark
     * goes on with their request's name.
     */
    private static UdpApplication ntp(ByteBuffer b, int start, int captured, int reported) {
        if (start + 1 > captured) {
            return new UdpApplication(Protocol.NTP, "NTP", past(start + 1, captured, reported));
        }
        int flags = b.get(start) & 0xFF;
        int version = (flags >> 3) & 7;
        String versionName = version >= 1 && version <= 4 ? "NTP Version " + version : "reserved";
        String mode = switch (flags & 7) {
            case 0 -> "reserved";
            case 1 -> "symmetric active";
            case 2 -> "symmetric passive";
            case 3 -> "client";
            case 4 -> "server";
            case 5 -> "broadcast";
            case 6 -> "control";
            default -> "private";
        };
        return new UdpApplication(Protocol.NTP, "NTP", versionName + ", " + mode);
    }

    private static final Set<String> SSDP_METHODS = Set.of("M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE",
            "M-POST", "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS");

    /**
     * SSDP, which Wireshark reads with its HTTP dissector: the first line and a space when it is
     * a request or status line (packet-http.c, dissect_http_message); other bytes are no SSDP
     * (the dissector declines them, and the datagram stays UDP data). Control characters in the
     * line are escaped as in a DNS name.
     */
    private static UdpApplication ssdp(ByteBuffer b, int start, int captured) {
        int end = start;
        while (end < captured && b.get(end) != '\r' && b.get(end) != '\n') {
            end++;
        }
        byte[] line = new byte[end - start];
        b.get(start, line);
        String text = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        boolean startLine = text.startsWith("HTTP/") || (space > 0 && SSDP_METHODS.contains(text.substring(0, space)));
        return startLine ? new UdpApplication(Protocol.SSDP, "SSDP", DnsMessage.displayText(line, line.length) + " ") : null;
    }
}
