package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summary lines of the UDP protocols tcplens names besides DNS: DHCP and plain BOOTP (RFC 2131,
 * RFC 951; a message without the magic cookie and shorter than BOOTP's vendor area is malformed,
 * one the capture cut is marked so), NTP (RFC 5905), SSDP (a datagram on its port that begins no
 * HTTP message is no SSDP) and the NetBIOS name service (RFC 1002; a question on port 137 sent
 * to 5353 is NBNS, the lower port's protocol), built byte by byte. Expected: tshark 4.0.17 -n on
 * the same bytes.
 */
class UdpSummaryTest {
    private final UdpDatagrams datagrams = new UdpDatagrams();

    /** A BOOTP message (RFC 951): op, an Ethernet address, and options after the magic cookie when given. */
    private static byte[] bootp(int op, long xid, byte[] options) {
        Bytes b = new Bytes().u8(op).u8(1).u8(6).u8(0).u32(xid).u16(0).u16(0x8000)
                .zeros(16).raw(Bytes.fromHex("001122334455")).zeros(10).zeros(64).zeros(128);
        if (options != null) {
            b.u32(0x63825363).raw(options);
        }
        return b.toArray();
    }

    /** A NetBIOS name, first-level encoded (RFC 1001, section 14.1): 15 characters padded with spaces, then the type. */
    private static byte[] netbiosName(String name, int type) {
        byte[] raw = new byte[16];
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(raw, (byte) ' ');
        System.arraycopy(text, 0, raw, 0, text.length);
        raw[15] = (byte) type;
        Bytes b = new Bytes().u8(32);
        for (byte c : raw) {
            b.u8('A' + ((c >> 4) & 15)).u8('A' + (c & 15));
        }
        return b.u8(0).toArray();
    }

    @Test
    void summaryLinesEqualTsharks(@TempDir Path dir) throws IOException {
        byte[] discover = new byte[] {53, 1, 1, 55, 2, 1, 3, (byte) 255};
        datagrams.add("0.0.0.0", "255.255.255.255", 68, 67, bootp(1, 0x7854470bL, discover));
        datagrams.add("10.0.0.1", "10.0.0.9", 67, 68, bootp(2, 0x00000abcL, new byte[] {0, 0, 53, 1, 2, (byte) 255}));
        datagrams.add("0.0.0.0", "255.255.255.255", 68, 67, bootp(1, 0x11L, null));
        datagrams.add("10.0.0.1", "10.0.0.9", 67, 68, bootp(2, 0x12L, new byte[] {53, 1, 99, (byte) 255}));
        datagrams.add("0.0.0.0", "255.255.255.255", 68, 67, bootp(1, 0x13L, discover), 100);
        datagrams.add("10.0.0.9", "10.0.0.1", 40000, 123, new Bytes().u8(0x23).zeros(47).toArray());
        datagrams.add("10.0.0.1", "10.0.0.9", 123, 40000, new Bytes().u8(0x1c).zeros(47).toArray());
        datagrams.add("10.0.0.9", "10.0.0.1", 123, 123, new Bytes().u8(0x0d).zeros(47).toArray());
        datagrams.add("10.0.0.9", "239.255.255.250", 50000, 1900,
                "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        datagrams.add("10.0.0.8", "239.255.255.250", 1900, 1900,
                "NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        datagrams.add("10.0.0.8", "10.0.0.9", 1900, 50000, "HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        datagrams.add("10.0.0.9", "239.255.255.250", 50001, 1900, "hello there\r\n".getBytes(StandardCharsets.US_ASCII));
        datagrams.add("10.0.0.9", "10.0.0.255", 137, 137, new Bytes().u16(0x8001).u16(0x0110).u16(1).u16(0).u16(0).u16(0)
                .raw(netbiosName("WORKGROUP", 0x1d)).u16(0x20).u16(1).toArray());
        datagrams.add("10.0.0.1", "10.0.0.9", 137, 137, new Bytes().u16(0x8001).u16(0x8500).u16(0).u16(1).u16(0).u16(0)
                .raw(netbiosName("WORKGROUP", 0x1d)).u16(0x20).u16(1).u32(300000).u16(6).u16(0).raw(new byte[] {10, 0, 0, 1})
                .toArray());
        datagrams.add("10.0.0.1", "10.0.0.9", 137, 137, new Bytes().u16(0x8002).u16(0x8503).u16(0).u16(0).u16(0).u16(0).toArray());
        datagrams.add("10.0.0.9", "10.0.0.255", 137, 137, new Bytes().u16(0x8003).u16(0x0010).u16(1).u16(0).u16(0).u16(0)
                .raw(new Bytes().u8(4).raw("abcd".getBytes(StandardCharsets.US_ASCII)).u8(0).toArray()).u16(0x20).u16(1).toArray());
        datagrams.add("10.0.0.9", "10.0.0.5", 137, 5353, new Bytes().u16(0x8004).u16(0x0000).u16(1).u16(0).u16(0).u16(0)
                .raw(netbiosName("*\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 0)).u16(0x21).u16(1).toArray());
        Path capture = datagrams.write(dir.resolve("udp-protocols.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "DHCP|DHCP Discover - Transaction ID 0x7854470b",
                "DHCP|DHCP Offer    - Transaction ID 0xabc",
                "BOOTP|Boot Request from 00:11:22:33:44:55 (00:11:22:33:44:55)[Malformed Packet]",
                "DHCP|DHCP Unknown Message Type (0x63) - Transaction ID 0x12",
                "BOOTP|Boot Request from 00:11:22:33:44:55 (00:11:22:33:44:55)[Packet size limited during capture]",
                "NTP|NTP Version 4, client",
                "NTP|NTP Version 3, server",
                "NTP|NTP Version 1, broadcast",
                "SSDP|M-SEARCH * HTTP/1.1 ",
                "SSDP|NOTIFY * HTTP/1.1 ",
                "SSDP|HTTP/1.1 200 OK ",
                "UDP|50001 \u2192 1900 Len=13",
                "NBNS|Name query NB WORKGROUP<1d>",
                "NBNS|Name query response NB 10.0.0.1",
                "NBNS|Name query response, Requested name does not exist",
                "NBNS|Name query NB Illegal NetBIOS name (1st character not between A and Z in first-level encoding)",
                "NBNS|Name query NBSTAT *<00><00><00><00><00><00><00><00><00><00><00><00><00><00><00>");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "dhcp", "-T", "fields", "-e", "frame.number")
                .lines()).containsExactly("1", "2", "3", "4", "5");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "frame.number == 13", "-T", "fields",
                "-e", "frame.protocols").lines()).containsExactly("eth:ethertype:ip:udp:nbns");
        // Zeek's conn.log names the services its analyzers read: dhcp, ntp, dns (NetBIOS names
        // too); SSDP has none (Zeek's conn.log rows of a DHCP exchange and an NTP poll: "udp dhcp",
        // "udp ntp").
        java.util.Map<String, String> services = new java.util.TreeMap<>();
        for (String row : TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").lines()) {
            if (!row.startsWith("#")) {
                String[] c = row.split("\t");
                services.merge(c[5], c[7], (a, b) -> a.equals(b) ? a : a + "," + b);
            }
        }
        assertThat(services).containsEntry("67", "dhcp").containsEntry("68", "dhcp").containsEntry("123", "ntp")
                .containsEntry("137", "dns").containsEntry("1900", "-");
    }
}
