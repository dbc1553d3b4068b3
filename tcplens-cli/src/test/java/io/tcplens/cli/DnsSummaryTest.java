package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS, mDNS and LLMNR messages built byte by byte (RFC 1035, section 4; RFC 6762; RFC 4795) for
 * the corners of Wireshark's DNS dissector: compression pointers, a pointer loop, names with
 * control characters and bytes that are no UTF-8, the root, every section in the Info column,
 * an error code, mDNS's QU and cache-flush bits and an NSEC bit map, unknown types, a reserved
 * label type, a count that promises more records than the message holds, a pointer past the
 * message, a message the snapshot length cut, and DNS on other ports, found by Wireshark's
 * heuristic. Expected: tshark 4.0.17 -n on the same bytes.
 */
class DnsSummaryTest {
    private final UdpDatagrams datagrams = new UdpDatagrams();

    private static Bytes header(int id, int flags, int questions, int answers, int authority, int additional) {
        return new Bytes().u16(id).u16(flags).u16(questions).u16(answers).u16(authority).u16(additional);
    }

    /** A name as labels (no compression), ending with the root. */
    private static byte[] name(String... labels) {
        Bytes b = new Bytes();
        for (String l : labels) {
            byte[] bytes = l.getBytes(StandardCharsets.ISO_8859_1);
            b.u8(bytes.length).raw(bytes);
        }
        return b.u8(0).toArray();
    }

    private static byte[] pointer(int offset) {
        return new Bytes().u16(0xC000 | offset).toArray();
    }

    private static Bytes record(byte[] owner, int type, int dnsClass, long ttl, byte[] data) {
        return new Bytes().raw(owner).u16(type).u16(dnsClass).u32(ttl).u16(data.length).raw(data);
    }

    @Test
    void infoColumnsEqualTsharks(@TempDir Path dir) throws IOException {
        // 1. A query: "Standard query 0x1234 A www.example.com".
        datagrams.add("10.0.0.1", "10.0.0.2", 40000, 53, header(0x1234, 0x0100, 1, 0, 0, 0)
                .raw(name("www", "example", "com")).u16(1).u16(1).toArray());
        // 2. Its answer: a CNAME through a pointer into the question, an A, an NS in the authority
        //    section and an OPT record (the root's name) in the additional section.
        datagrams.add("10.0.0.2", "10.0.0.1", 53, 40000, header(0x1234, 0x8180, 1, 2, 1, 1)
                .raw(name("www", "example", "com")).u16(1).u16(1)
                .raw(record(pointer(12), 5, 1, 300, new Bytes().u8(3).raw("web".getBytes(StandardCharsets.US_ASCII))
                        .raw(pointer(16)).toArray()).toArray())
                .raw(record(pointer(45), 1, 1, 60, new byte[] {93, (byte) 184, (byte) 216, 34}).toArray())
                .raw(record(pointer(16), 2, 1, 86400, new Bytes().u8(3).raw("ns1".getBytes(StandardCharsets.US_ASCII))
                        .raw(pointer(16)).toArray()).toArray())
                .raw(record(new byte[] {0}, 41, 4096, 0, new byte[0]).toArray()).toArray());
        // 3. No such name, with the zone's SOA in the authority section.
        datagrams.add("10.0.0.2", "10.0.0.1", 53, 40001, header(0x0042, 0x8183, 1, 0, 1, 0)
                .raw(name("nope", "example", "com")).u16(28).u16(1)
                .raw(record(pointer(17), 6, 1, 900, new Bytes().raw(name("ns", "example", "com"))
                        .raw(name("hostmaster", "example", "com")).u32(1).u32(7200).u32(900).u32(1209600).u32(300)
                        .toArray()).toArray()).toArray());
        // 4. A name that is a pointer to itself.
        datagrams.add("10.0.0.1", "10.0.0.2", 40002, 53, header(0x0001, 0x0100, 1, 0, 0, 0).raw(pointer(12)).u16(1).u16(1).toArray());
        // 5. Labels with a control character, UTF-8 and a byte that is no UTF-8.
        datagrams.add("10.0.0.1", "10.0.0.2", 40003, 53, header(0x0002, 0x0100, 1, 0, 0, 0)
                .raw(new Bytes().u8(5).raw(new byte[] {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9}).u8(3)
                        .raw(new byte[] {'a', 1, 'b'}).u8(2).raw(new byte[] {'x', (byte) 0xFF}).u8(0).toArray())
                .u16(1).u16(1).toArray());
        // 6. Two answers promised, one present.
        datagrams.add("10.0.0.2", "10.0.0.1", 53, 40004, header(0x0003, 0x8180, 1, 2, 0, 0)
                .raw(name("a", "example")).u16(1).u16(1)
                .raw(record(pointer(12), 1, 1, 60, new byte[] {10, 1, 2, 3}).toArray()).toArray());
        // 7. A reserved label type (binary 10).
        datagrams.add("10.0.0.1", "10.0.0.2", 40005, 53, header(0x0004, 0x0100, 1, 0, 0, 0)
                .raw(new byte[] {(byte) 0x81, 'x', 0}).u16(1).u16(1).toArray());
        // 8. A pointer past the message.
        datagrams.add("10.0.0.1", "10.0.0.2", 40006, 53, header(0x0005, 0x0100, 1, 0, 0, 0).raw(pointer(500)).u16(1).u16(1).toArray());
        // 9. Unknown types, MX, AAAA, PTR, SRV and TXT answers; a server failure.
        datagrams.add("10.0.0.2", "10.0.0.1", 53, 40007, header(0x0006, 0x8182, 1, 5, 0, 0)
                .raw(name("m", "example")).u16(65000).u16(1)
                .raw(record(pointer(12), 15, 1, 60, new Bytes().u16(10).raw(name("mail", "example")).toArray()).toArray())
                .raw(record(pointer(12), 28, 1, 60, Bytes.fromHex("20010db8000000000000000000000001")).toArray())
                .raw(record(pointer(12), 12, 1, 60, name("host", "example")).toArray())
                .raw(record(pointer(12), 33, 1, 60, new Bytes().u16(0).u16(5).u16(5060).raw(name("sip", "example")).toArray()).toArray())
                .raw(record(pointer(12), 16, 1, 60, new Bytes().u8(5).raw("hello".getBytes(StandardCharsets.US_ASCII)).toArray()).toArray())
                .toArray());
        // 10. mDNS: a QU question, then an answer with cache-flush records (SRV, NSEC with a bit map of A and AAAA).
        datagrams.add("10.0.0.3", "224.0.0.251", 5353, 5353, header(0, 0, 1, 0, 0, 0)
                .raw(name("_http", "_tcp", "local")).u16(12).u16(0x8001).toArray());
        datagrams.add("10.0.0.4", "224.0.0.251", 5353, 5353, header(0, 0x8400, 0, 2, 0, 0)
                .raw(record(name("web", "_http", "_tcp", "local"), 33, 0x8001, 120,
                        new Bytes().u16(0).u16(0).u16(80).raw(name("host", "local")).toArray()).toArray())
                .raw(record(name("host", "local"), 47, 0x8001, 120,
                        new Bytes().raw(name("host", "local")).u8(0).u8(4).raw(new byte[] {0x40, 0, 0, 0x08}).toArray()).toArray())
                .toArray());
        // 11. LLMNR: a query for ANY.
        datagrams.add("10.0.0.5", "224.0.0.252", 50000, 5355, header(0x7777, 0, 1, 0, 0, 0).raw(name("printer")).u16(255).u16(1).toArray());
        // 12. An answer the snapshot length cut inside its A record.
        datagrams.add("10.0.0.2", "10.0.0.1", 53, 40008, header(0x0008, 0x8180, 1, 1, 0, 0)
                .raw(name("c", "example")).u16(1).u16(1)
                .raw(record(pointer(12), 1, 1, 60, new byte[] {10, 9, 8, 7}).toArray()).toArray(), 41);
        // 13. A query between ports that are none of DNS's, which Wireshark's heuristic takes for
        //     DNS (one question, no answer), and 14. a datagram the heuristic declines (two questions).
        datagrams.add("10.0.0.1", "10.0.0.2", 65282, 65333, header(0x0009, 0x0100, 1, 0, 0, 0)
                .raw(name("odd", "port")).u16(1).u16(1).toArray());
        datagrams.add("10.0.0.1", "10.0.0.2", 65283, 65333, header(0x000a, 0x0100, 2, 0, 0, 0)
                .raw(name("odd", "port")).u16(1).u16(1).toArray());
        Path capture = datagrams.write(dir.resolve("dns-corners.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "DNS|Standard query 0x1234 A www.example.com",
                "DNS|Standard query response 0x1234 A www.example.com CNAME web.example.com A 93.184.216.34 NS ns1.example.com OPT",
                "DNS|Standard query response 0x0042 No such name AAAA nope.example.com SOA ns.example.com",
                "DNS|Standard query 0x0001 A <Name contains a pointer that loops>",
                "DNS|Standard query 0x0002 A caf\u00e9.a\\001b.x\ufffd",
                "DNS|Standard query response 0x0003 A a.example A 10.1.2.3[Malformed Packet]",
                "DNS|Standard query 0x0004[Malformed Packet]",
                "DNS|Standard query 0x0005[Malformed Packet]",
                "DNS|Standard query response 0x0006 Server failure Unknown (65000) m.example MX 10 mail.example "
                        + "AAAA 2001:db8::1 PTR host.example SRV 0 5 5060 sip.example TXT",
                "MDNS|Standard query 0x0000 PTR _http._tcp.local, \"QU\" question",
                "MDNS|Standard query response 0x0000 SRV, cache flush 0 0 80 host.local NSEC, cache flush host.local",
                "LLMNR|Standard query 0x7777 ANY printer",
                "DNS|Standard query response 0x0008 A c.example A[Packet size limited during capture]",
                "DNS|Standard query 0x0009 A odd.port",
                "UDP|65283 \u2192 65333 Len=26");
        // The fields of the same messages: an SRV record's name is no dns.resp.name, an NSEC bit
        // map's types are dns.resp.type values, a record cut short shows no field at all.
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "frame.number", "-e", "dns.qry.name", "-e", "dns.resp.name", "-e", "dns.resp.type", "-e", "dns.a",
                "-e", "dns.aaaa", "-e", "dns.cname", "-e", "dns.ns", "-e", "dns.soa.mname", "-e", "dns.mx.mail_exchange",
                "-e", "dns.ptr.domain_name", "-e", "dns.flags.rcode").lines()).containsExactly(
                "1|www.example.com||||||||||",
                "2|www.example.com|www.example.com,web.example.com,example.com,<Root>|5,1,2,41|93.184.216.34||web.example.com|ns1.example.com||||0",
                "3|nope.example.com|example.com|6|||||ns.example.com|||3",
                "4|<Name contains a pointer that loops>||||||||||",
                "5|caf\u00e9.a\\001b.x\ufffd||||||||||",
                "6|a.example|a.example|1|10.1.2.3|||||||0",
                "7|||||||||||",
                "8|||||||||||",
                "9|m.example|m.example,m.example,m.example,m.example|15,28,12,33,16||2001:db8::1||||mail.example|host.example|2",
                "10|_http._tcp.local||||||||||",
                "11||host.local|33,47,1,28||||||||0",
                "12|printer||||||||||",
                "13|c.example||||||||||0",
                "14|odd.port||||||||||",
                "15|||||||||||");
        // The display filter knows the three protocols apart.
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "mdns or llmnr", "-T", "fields",
                "-e", "frame.number").lines()).containsExactly("10", "11", "12");
    }
}
