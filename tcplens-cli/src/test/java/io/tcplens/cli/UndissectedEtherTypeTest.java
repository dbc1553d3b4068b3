package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An EtherType that no dissector of tshark's claims: the payload is data, the protocol column
 * is the type's number, and the info column is the type's registered name, or what the header
 * before it wrote there (Ethernet's "Ethernet II", a tag's fields, a cooked capture's packet
 * type). Also the two bogus versions where IP was expected: IPv6's dissector refuses another
 * version and leaves data, IPv4's says "Bogus IPv4 version". Expected: tshark 4.0.17 on the same
 * bytes ({@code -T fields -e _ws.col.Protocol -e _ws.col.Info -e frame.protocols -e data.len},
 * and the summary lines), with one fault of tshark's kept and explained below.
 */
class UndissectedEtherTypeTest {
    private static final byte[] FORTY = new Bytes().hex("0102030405060708090a0b0c0d0e0f1011121314"
            + "15161718191a1b1c1d1e1f202122232425262728").toArray();

    @Test
    void ethernetAndTagsShowTheTypeAndDataAsTsharkDoes(@TempDir Path dir) throws IOException {
        byte[] badIpv6 = new Bytes().hex("50").raw(FORTY).toArray();
        byte[] badIpv4 = new Bytes().hex("35").raw(FORTY).toArray();
        Path capture = dir.resolve("ethertypes.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                // Registered, no dissector: its name.
                Frames.ethernet(0x88b5, FORTY),
                // Not registered: Ethernet's words; no payload: no data either.
                Frames.ethernet(0x9999, FORTY),
                Frames.ethernet(0x9999, new byte[0]),
                // 802.1Q (PRI 1, DEI 1, VLAN 7), 802.1ad (PRI 5, VLAN 5), 802.1ah (PRI 4, I-SID 291).
                Frames.ethernet(0x8100, Frames.vlan(0x3007, 0x9999, FORTY)),
                Frames.ethernet(0x88a8, Frames.vlan(0xa005, 0x9999, FORTY)),
                Frames.ethernet(0x88e7, new Bytes().hex("80000123aabbccddeeff112233445566").u16(0x9999).raw(FORTY).toArray()),
                // VN-Tag and E-Tag clear the info column.
                Frames.ethernet(0x8926, new Bytes().hex("80010002").u16(0x9999).raw(FORTY).toArray()),
                Frames.ethernet(0x893f, new Bytes().hex("000000000000").u16(0x9999).raw(FORTY).toArray()),
                // A registered name replaces a tag's words.
                Frames.ethernet(0x8100, Frames.vlan(5, 0x88b5, FORTY)),
                // IPv6's type with version 5, behind a tag; IPv4's with version 3.
                Frames.ethernet(0x8100, Frames.vlan(5, 0x86dd, badIpv6)),
                Frames.ethernet(0x0800, badIpv4)));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info", "-e", "frame.protocols", "-e", "data.len").lines()).containsExactly(
                "0x88b5\tLocal Experimental Ethertype 1\teth:ethertype:data\t40",
                "0x9999\tEthernet II\teth:ethertype:data\t40",
                "0x9999\tEthernet II\teth\t",
                "0x9999\tPRI: 1  DEI: 1  ID: 7\teth:ethertype:vlan:ethertype:data\t40",
                "0x9999\tPRI: 5  DROP: 0 ID: 5\teth:ethertype:ieee8021ad:ethertype:data\t40",
                "0x9999\tPRI: 4  Drop: 0  NCA: 0  Res1: 0  Res2: 0  I-SID: 291\teth:ethertype:ieee8021ah:ethertype:data\t40",
                "0x9999\t\teth:ethertype:vntag:ethertype:data\t40",
                "0x9999\t\teth:ethertype:etag:ethertype:data\t40",
                "0x88b5\tLocal Experimental Ethertype 1\teth:ethertype:vlan:ethertype:data\t40",
                "0x86dd\tIPv6\teth:ethertype:vlan:ethertype:data\t41",
                "IPv4\tBogus IPv4 version (3, must be 4)\teth:ethertype:ip\t");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).startsWith(
                "    1   0.000000 00:11:22:33:44:55 \u2192 66:77:88:99:aa:bb 0x88b5 54 Local Experimental Ethertype 1",
                "    2   1.000000 00:11:22:33:44:55 \u2192 66:77:88:99:aa:bb 0x9999 54 Ethernet II",
                "    3   2.000000 00:11:22:33:44:55 \u2192 66:77:88:99:aa:bb 0x9999 14 Ethernet II",
                "    4   3.000000 00:11:22:33:44:55 \u2192 66:77:88:99:aa:bb 0x9999 58 PRI: 1  DEI: 1  ID: 7");
    }

    /**
     * The same bogus versions on the raw link types, where no EtherType came first. Raw IP (101)
     * goes by the version nibble and shows another one as data with "N/A" columns; raw IPv4
     * (228) goes through tshark's "ip" dispatcher, which words the bogus version as inside IP;
     * raw IPv6 (229) refuses the header with its reason and lists no protocol at all. Expected:
     * tshark 4.0.17 on the same bytes (the summary lines and the fields below).
     */
    @Test
    void rawLinkTypesShowBogusVersionsAsTsharkDoes(@TempDir Path dir) throws IOException {
        byte[] version5 = new Bytes().hex("50").raw(FORTY).toArray();
        byte[] version3 = new Bytes().hex("35").raw(FORTY).toArray();
        assertLinesAndColumns(dir.resolve("raw.pcap"), CaptureFilesBuilder.pcapOf(101, version5, version3),
                new String[] {"    1   0.000000          N/A \u2192 N/A          N/A 41 Raw packet data",
                        "    2   1.000000          N/A \u2192 N/A          N/A 41 Raw packet data"},
                "N/A\tRaw packet data\traw:data", "N/A\tRaw packet data\traw:data");
        assertLinesAndColumns(dir.resolve("ipv4.pcap"), CaptureFilesBuilder.pcapOf(228, version3),
                new String[] {"    1   0.000000              \u2192              IP 41 Bogus IP version (3)"},
                "IP\tBogus IP version (3)\tip");
        assertLinesAndColumns(dir.resolve("ipv6.pcap"), CaptureFilesBuilder.pcapOf(229, version5),
                new String[] {"    1   0.000000              \u2192              IPv6 41 Bogus IPv6 version (5, must be 6)"},
                "IPv6\tBogus IPv6 version (5, must be 6)\t");
    }

    /** Writes the capture; its summary lines, and its protocol and info columns with frame.protocols, are as given. */
    private static void assertLinesAndColumns(Path file, byte[] capture, String[] lines, String... columns) throws IOException {
        Files.write(file, capture);
        assertThat(TsharkParityTest.run("packets", "-r", file.toString()).lines()).containsExactly(lines);
        assertThat(TsharkParityTest.run("packets", "-r", file.toString(), "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info", "-e", "frame.protocols").lines()).containsExactly(columns);
    }

    /**
     * A cooked capture's packet type names the packet. tshark 4.0 reads SLL2's one-byte packet
     * type as two bytes, with the address length after it (packet-sll.c: {@code tvb_get_ntohs(tvb,
     * 10)}), so its info column says "Unknown (6)" for a packet its own {@code sll.pkttype} field
     * shows as 0, unicast to us: tcplens names the type that field shows.
     */
    @Test
    void cookedCapturesNameThePacketType(@TempDir Path dir) throws IOException {
        Path sll = dir.resolve("sll.pcap");
        Files.write(sll, CaptureFilesBuilder.pcapOf(113,
                new Bytes().hex("0000000100066677 8899aabb0000".replace(" ", "")).u16(0x9999).raw(FORTY).toArray(),
                new Bytes().hex("0004000100066677 8899aabb0000".replace(" ", "")).u16(0x88b5).raw(FORTY).toArray()));
        assertThat(TsharkParityTest.run("packets", "-r", sll.toString(), "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info", "-e", "frame.protocols").lines()).containsExactly(
                "0x9999\tUnicast to us\tsll:ethertype:data",
                "0x88b5\tLocal Experimental Ethertype 1\tsll:ethertype:data");

        Path sll2 = dir.resolve("sll2.pcap");
        Files.write(sll2, CaptureFilesBuilder.pcapOf(276,
                new Bytes().u16(0x9999).hex("0000 00000002 0001 00 06 66778899aabb0000".replace(" ", "")).raw(FORTY).toArray()));
        // tshark 4.0.17: "0x9999\tUnknown (6)\tsll:ethertype:data" (its fault, above).
        assertThat(TsharkParityTest.run("packets", "-r", sll2.toString(), "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info", "-e", "frame.protocols").lines()).containsExactly(
                "0x9999\tUnicast to us\tsll:ethertype:data");
    }
}
