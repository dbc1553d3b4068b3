package io.tcplens.field;

import io.tcplens.decode.DnsMessage;
import io.tcplens.decode.UdpApplication;
import java.util.function.Predicate;

/**
 * The protocols of UDP datagrams tcplens reads (DHCP, NTP, the NetBIOS name service and SSDP,
 * whose presence is all it shows of them), and DNS's fields (and mDNS's and LLMNR's, which Wireshark 4.0 gives the same {@code dns.*} names),
 * with Wireshark's names, types and display bases (packet-dns.c's hf_register_info). Records of
 * all three sections count for {@code dns.resp.*}, in message order, as there.
 */
final class DnsFields {
    private DnsFields() { }

    @FunctionalInterface
    private interface MessageField {
        void visit(DnsMessage m, Field f, FieldSink s);
    }

    @FunctionalInterface
    private interface RecordField {
        void visit(DnsMessage m, DnsMessage.Resource r, Field f, FieldSink s);
    }

    private static Field.Extractor message(MessageField visit) {
        return (c, f, s) -> {
            if (c.inFocus(c.packet.transport())) {
                for (DnsMessage m : c.dnsMessages()) {
                    visit.visit(m, f, s);
                }
            }
        };
    }

    private static Field.Extractor records(RecordField visit) {
        return message((m, f, s) -> {
            for (DnsMessage.Resource r : m.resources()) {
                if (r.whole()) {
                    visit.visit(m, r, f, s);
                }
            }
        });
    }

    /** A field of the records of one type, present when their data was read. */
    private static Field.Extractor records(int type, RecordField visit) {
        return records((m, r, f, s) -> {
            if (r.type() == type && r.dataRead() && r.dataLength() > 0) {
                visit.visit(m, r, f, s);
            }
        });
    }

    private static Field.Extractor protocol(UdpApplication.Protocol kind) {
        return message((m, f, s) -> {
            if (m.kind() == kind) {
                s.present(f, m.buffer(), m.start(), Math.max(0, m.length()), Math.max(0, m.length()));
            }
        });
    }

    /** A header count, under its name for queries or for updates (RFC 2136 renames the sections). */
    private static Field.Extractor count(int section, boolean update) {
        return message((m, f, s) -> {
            if (m.count(section) >= 0 && (m.opcode() == 5) == update) {
                s.unsigned(f, m.count(section));
            }
        });
    }

    private static Field.Extractor header(Predicate<DnsMessage> present, java.util.function.ToLongFunction<DnsMessage> value) {
        return message((m, f, s) -> {
            if (m.flags() >= 0 && present.test(m)) {
                s.unsigned(f, value.applyAsLong(m));
            }
        });
    }

    /** Appends the datagram's protocol (DNS's, or DHCP's, NTP's, ...; DNS over TCP's too) to the stack, which ends without its "data" then. */
    static void protocolStack(PacketContext c, StringBuilder out) {
        DnsMessage m = c.dns();
        UdpApplication.Protocol p = UdpApplication.protocolOf(m, m == null ? c.udpApplication() : null);
        if (p != null) {
            out.append(':').append(p.filterName());
        }
    }

    static void declare() {
        for (UdpApplication.Protocol kind : new UdpApplication.Protocol[] {UdpApplication.Protocol.DNS,
                UdpApplication.Protocol.MDNS, UdpApplication.Protocol.LLMNR}) {
            String label = switch (kind) {
                case DNS -> "Domain Name System";
                case MDNS -> "Multicast Domain Name System";
                default -> "Link-local Multicast Name Resolution";
            };
            Fields.dec(kind.filterName(), FieldType.PROTOCOL, label, "A " + kind.column() + " message"
                    + (kind == UdpApplication.Protocol.DNS ? " (UDP, or TCP on ports 53 and 5353)" : " (UDP)"), protocol(kind));
        }
        for (UdpApplication.Protocol p : new UdpApplication.Protocol[] {UdpApplication.Protocol.DHCP,
                UdpApplication.Protocol.NTP, UdpApplication.Protocol.NBNS, UdpApplication.Protocol.SSDP}) {
            String label = switch (p) {
                case DHCP -> "Dynamic Host Configuration Protocol";
                case NTP -> "Network Time Protocol";
                case NBNS -> "NetBIOS Name Service";
                default -> "Simple Service Discovery Protocol";
            };
            Fields.dec(p.filterName(), FieldType.PROTOCOL, label, "A " + p.filterName().toUpperCase(java.util.Locale.ROOT)
                    + " datagram (its summary line only; no fields of its own yet)", (c, f, s) -> {
                        UdpApplication u = c.udpApplication();
                        int t = c.packet.transport();
                        if (u != null && u.protocol() == p && c.inFocus(t)) {
                            int start = c.packet.payloadStart(t);
                            int length = Math.max(0, c.packet.capturedEnd(t) - start);
                            s.present(f, c.packet.buffer(t), start, length, length);
                        }
                    });
        }
        Fields.hex("dns.id", FieldType.UINT16, "Transaction ID", "Matches a response to its query",
                header(m -> true, DnsMessage::id));
        Fields.hex("dns.flags", FieldType.UINT16, "Flags", "The header's flags word", header(m -> true, DnsMessage::flags));
        Fields.dec("dns.flags.response", FieldType.BOOLEAN, "Response", "1 for a response, 0 for a query",
                message((m, f, s) -> {
                    if (m.flags() >= 0) {
                        s.bool(f, m.response());
                    }
                }));
        Fields.dec("dns.flags.opcode", FieldType.UINT16, "Opcode", "0 standard query, 4 notify, 5 update",
                header(m -> true, DnsMessage::opcode));
        Fields.dec("dns.flags.rcode", FieldType.UINT16, "Reply code", "A response's outcome: 0 no error, 3 no such name, ...",
                header(DnsMessage::response, DnsMessage::rcode));
        Fields.dec("dns.count.queries", FieldType.UINT16, "Questions", "Questions in the message", count(0, false));
        Fields.dec("dns.count.zones", FieldType.UINT16, "Zones", "An update's zone count", count(0, true));
        Fields.dec("dns.count.answers", FieldType.UINT16, "Answer RRs", "Records in the answer section", count(1, false));
        Fields.dec("dns.count.prerequisites", FieldType.UINT16, "Prerequisites", "An update's prerequisite count", count(1, true));
        Fields.dec("dns.count.auth_rr", FieldType.UINT16, "Authority RRs", "Records in the authority section", count(2, false));
        Fields.dec("dns.count.updates", FieldType.UINT16, "Updates", "An update's update count", count(2, true));
        Fields.dec("dns.count.add_rr", FieldType.UINT16, "Additional RRs", "Records in the additional section",
                message((m, f, s) -> {
                    if (m.count(3) >= 0) {
                        s.unsigned(f, m.count(3));
                    }
                }));
        Fields.dec("dns.qry.name", FieldType.STRING, "Name", "A question's name", message((m, f, s) -> {
            for (DnsMessage.Question q : m.questions()) {
                s.text(f, q.name());
            }
        }));
        Fields.dec("dns.qry.type", FieldType.UINT16, "Type", "A question's type (1 A, 28 AAAA, 5 CNAME, 12 PTR, ...)",
                message((m, f, s) -> {
                    for (DnsMessage.Question q : m.questions()) {
                        s.unsigned(f, q.type());
                    }
                }));
        Fields.hex("dns.qry.class", FieldType.UINT16, "Class", "A question's class (1 IN)", message((m, f, s) -> {
            for (DnsMessage.Question q : m.questions()) {
                s.unsigned(f, q.dnsClass());
            }
        }));
        // An SRV record's name is shown as its service, protocol and name (dns.srv.*) instead.
        Fields.dec("dns.resp.name", FieldType.STRING, "Name", "A record's name (not an SRV record's)", records((m, r, f, s) -> {
            if (r.type() != DnsMessage.TYPE_SRV) {
                s.text(f, r.name());
            }
        }));
        // An NSEC record's bit map lists types under the same name, after the record's own.
        Fields.dec("dns.resp.type", FieldType.UINT16, "Type", "A record's type, and the types an NSEC record lists",
                records((m, r, f, s) -> {
                    s.unsigned(f, r.type());
                    for (int t : r.bitmapTypes()) {
                        s.unsigned(f, t);
                    }
                }));
        // OPT (RFC 6891) puts the UDP payload size and extended flags where class and TTL are.
        Fields.hex("dns.resp.class", FieldType.UINT16, "Class", "A record's class (1 IN)", records((m, r, f, s) -> {
            if (r.type() != DnsMessage.TYPE_OPT) {
                s.unsigned(f, r.dnsClass());
            }
        }));
        Fields.dec("dns.resp.ttl", FieldType.UINT32, "Time to live", "Seconds a record may be cached", records((m, r, f, s) -> {
            if (r.type() != DnsMessage.TYPE_OPT && r.ttl() >= 0) {
                s.unsigned(f, r.ttl());
            }
        }));
        Fields.dec("dns.resp.len", FieldType.UINT16, "Data length", "Bytes of a record's data",
                records((m, r, f, s) -> s.unsigned(f, r.dataLength())));
        Fields.dec("dns.a", FieldType.IPV4, "Address", "An A record's IPv4 address",
                records(DnsMessage.TYPE_A, (m, r, f, s) -> s.ipv4(f, m.buffer().getInt(r.dataAt()))));
        Fields.dec("dns.aaaa", FieldType.IPV6, "AAAA Address", "An AAAA record's IPv6 address",
                records(DnsMessage.TYPE_AAAA, (m, r, f, s) -> s.ipv6(f, m.buffer(), r.dataAt())));
        target("dns.cname", DnsMessage.TYPE_CNAME, "CNAME", "The canonical name an alias stands for");
        target("dns.ptr.domain_name", DnsMessage.TYPE_PTR, "Domain Name", "The name a PTR record points to");
        target("dns.ns", DnsMessage.TYPE_NS, "Name Server", "An NS record's name server");
        target("dns.soa.mname", DnsMessage.TYPE_SOA, "Primary name server", "An SOA record's primary name server");
        Fields.dec("dns.mx.preference", FieldType.UINT16, "Preference", "An MX record's preference (lower first)",
                records(DnsMessage.TYPE_MX, (m, r, f, s) -> s.unsigned(f, r.preference())));
        target("dns.mx.mail_exchange", DnsMessage.TYPE_MX, "Mail Exchange", "An MX record's mail server");
    }

    /** The name the data of the records of one type holds. */
    private static void target(String name, int type, String label, String meaning) {
        Fields.dec(name, FieldType.STRING, label, meaning, records(type, (m, r, f, s) -> s.text(f, r.target())));
    }
}
