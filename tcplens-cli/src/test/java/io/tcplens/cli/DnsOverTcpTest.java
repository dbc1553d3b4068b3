package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS over TCP (RFC 1035, section 4.2.2; RFC 7766) on a dialogue built byte by byte: messages
 * after their two-byte length, whole in a segment, split across segments (the length itself
 * too), several in one segment. Expected: tshark 4.0.17 -n on the same bytes.
 */
class DnsOverTcpTest {
    private static final String REASSEMBLED = "[TCP segment of a reassembled PDU]";

    static byte[] query(int id, String... labels) {
        Bytes b = new Bytes().u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
        for (String l : labels) {
            b.u8(l.length()).raw(l.getBytes(StandardCharsets.US_ASCII));
        }
        return b.u8(0).u16(1).u16(1).toArray();
    }

    /** The response to {@link #query}: the question again, then one A record by a pointer to it. */
    static byte[] response(int id, String address, String... labels) {
        byte[] q = query(id, labels);
        Bytes b = new Bytes().raw(q);
        byte[] a = b.toArray();
        a[2] = (byte) 0x81;
        a[3] = (byte) 0x80;
        a[7] = 1;
        Bytes out = new Bytes().raw(a).u16(0xC00C).u16(1).u16(1).u32(300).u16(4);
        for (String part : address.split("\\.")) {
            out.u8(Integer.parseInt(part));
        }
        return out.toArray();
    }

    /** A message after its length (RFC 1035, section 4.2.2). */
    static byte[] framed(byte[] message) {
        return new Bytes().u16(message.length).raw(message).toArray();
    }

    static byte[] slice(byte[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    static TcpDialogue dialogue() {
        byte[] q1 = framed(query(0x1234, "www", "example", "com"));
        byte[] r1 = framed(response(0x1234, "93.184.216.34", "www", "example", "com"));
        byte[] q2 = framed(query(0x0002, "a", "test"));
        byte[] q3 = framed(query(0x0003, "b", "test"));
        byte[] r2 = framed(response(0x0002, "10.0.0.2", "a", "test"));
        byte[] r3 = framed(response(0x0003, "10.0.0.3", "b", "test"));
        byte[] q4 = framed(query(0x0004, "c", "test"));
        return new TcpDialogue(40053, 53)
                .client(q1)
                .server(slice(r1, 0, 12))
                .server(slice(r1, 12, r1.length))
                .client(SshSummaryTest.concat(q2, q3))
                .server(SshSummaryTest.concat(r2, slice(r3, 0, 5)))
                .server(slice(r3, 5, r3.length))
                .client(slice(q4, 0, 1))
                .client(slice(q4, 1, q4.length));
    }

    @Test
    void linesAreTsharks(@TempDir Path dir) throws IOException {
        Path capture = dialogue().write(dir.resolve("dns-tcp.pcap"));
        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "DNS|Standard query 0x1234 A www.example.com",
                // The message needs the next segment: Wireshark's DNS is not called, TCP's words stay.
                "TCP|53 \u2192 40053 [PSH, ACK] Seq=1 Ack=36 Win=8192 Len=12 " + REASSEMBLED,
                "DNS|Standard query response 0x1234 A www.example.com A 93.184.216.34",
                // Two messages in one segment: each clears the column, the last one's words stay.
                "DNS|Standard query 0x0003 A b.test",
                "DNS|Standard query response 0x0002 A a.test A 10.0.0.2",
                "DNS|Standard query response 0x0003 A b.test A 10.0.0.3",
                // Only the first byte of the length came.
                "TCP|40053 \u2192 53 [PSH, ACK] Seq=88 Ack=136 Win=8192 Len=1 " + REASSEMBLED,
                "DNS|Standard query 0x0004 A c.test");
    }

    @Test
    void fieldsOfEveryMessageInTheSegmentAreTsharks(@TempDir Path dir) throws IOException {
        Path capture = dialogue().write(dir.resolve("dns-tcp.pcap"));
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "dns", "-T", "fields",
                "-E", "occurrence=a", "-e", "frame.number", "-e", "frame.protocols", "-e", "dns.id", "-e", "dns.flags.response",
                "-e", "dns.qry.name", "-e", "dns.a");
        assertThat(r.lines()).containsExactly(
                "1\teth:ethertype:ip:tcp:dns\t0x1234\t0\twww.example.com\t",
                "3\teth:ethertype:ip:tcp:dns\t0x1234\t1\twww.example.com\t93.184.216.34",
                "4\teth:ethertype:ip:tcp:dns\t0x0002,0x0003\t0,0\ta.test,b.test\t",
                "5\teth:ethertype:ip:tcp:dns\t0x0002\t1\ta.test\t10.0.0.2",
                "6\teth:ethertype:ip:tcp:dns\t0x0003\t1\tb.test\t10.0.0.3",
                "8\teth:ethertype:ip:tcp:dns\t0x0004\t0\tc.test\t");
    }

    @Test
    void zeekNamesTheServiceDnsOnPort53(@TempDir Path dir) throws IOException {
        // Zeek's DNS analyzer is registered for 53/tcp (base/protocols/dns/main.zeek) and logs the service once it parsed a message.
        Path capture = dialogue().write(dir.resolve("dns-tcp.pcap"));
        List<String> rows = TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").lines().stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).split("\t")[7]).isEqualTo("dns");
    }
}
