package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Link (Ethernet, tags, PPPoE, LLC, cooked), MPLS, IP (with IPv6's extension headers), GRE and
 * UDP headers that stop short, cut by the capture's snapshot length or by the frame's
 * own end: the columns say what tshark's dissectors had read when they stopped. Ethernet shows
 * its destination from 6 bytes and its source from 12; IPv4 its source from 16 bytes and its
 * destination only after the options (a source route may change it); IPv6 its source from 24
 * and its destination from 40; a cooked header (SLL) names itself and its packet type from 4
 * bytes (12 in version 2) and its sender from the address's last byte. The Info column ends
 * with "[Packet size limited during capture]" for a cut frame and "[Malformed Packet]" for a
 * short one, after IPv6's own words for a short header. Expected: tshark 4.0.17 -n on the same
 * bytes, "SOURCE|DESTINATION|PROTOCOL|INFO".
 */
class CutHeaderColumnsTest {
    private static final String CUT = "[Packet size limited during capture]";
    private static final String MALFORMED = "[Malformed Packet]";
    private static final byte[] ETHERNET_IPV4 = Bytes.fromHex("001122334455" + "66778899aabb" + "0800");
    private static final byte[] ETHERNET_IPV6 = Bytes.fromHex("001122334455" + "66778899aabb" + "86dd");
    private static final byte[] IPV4 = Bytes.fromHex("450000280001000040067cc9c0000201c0000202");
    /** An IPv4 header of 24 bytes: the 20 fixed ones and four NOP options. */
    private static final byte[] IPV4_OPTIONS = Bytes.fromHex("4600002c0001000040067cc9c0000201c000020201010101");
    private static final byte[] IPV6 = Bytes.fromHex("6000000000140640" + "20010db8000000000000000000000001"
            + "20010db8000000000000000000000002");

    private static byte[] concat(byte[] a, byte[] b, int bLength) {
        byte[] out = Arrays.copyOf(a, a.length + bLength);
        System.arraycopy(b, 0, out, a.length, bLength);
        return out;
    }

    /** The frames as records (captured bytes, original length), one a second, and their columns. */
    private static List<String> columns(Path dir, int linkType, List<byte[]> frames, List<Integer> originalLengths)
            throws IOException {
        Bytes pcap = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, linkType);
        for (int i = 0; i < frames.size(); i++) {
            CaptureFilesBuilder.pcapRecord(pcap, 1 + i, 0, frames.get(i), originalLengths.get(i));
        }
        Path capture = dir.resolve("cut-" + linkType + "-" + frames.size() + ".pcap");
        Files.write(capture, pcap.toArray());
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "_ws.col.Source", "-e", "_ws.col.Destination", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
        assertThat(r.status()).as(r.err()).isZero();
        return r.lines();
    }

    @Test
    void ipHeadersCutByTheSnapshotLength(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new java.util.ArrayList<>();
        List<Integer> lengths = new java.util.ArrayList<>();
        for (int cut : new int[] {1, 4, 8, 12, 13, 16, 19}) {
            frames.add(concat(ETHERNET_IPV4, IPV4, cut));
            lengths.add(60);
        }
        for (int cut : new int[] {20, 22}) {
            frames.add(concat(ETHERNET_IPV4, IPV4_OPTIONS, cut));
            lengths.add(60);
        }
        for (int cut : new int[] {4, 8, 20, 24, 39}) {
            frames.add(concat(ETHERNET_IPV6, IPV6, cut));
            lengths.add(74);
        }
        String macs = "66:77:88:99:aa:bb|00:11:22:33:44:55|";
        assertThat(columns(dir, 1, frames, lengths)).containsExactly(
                macs + "IPv4|" + CUT, macs + "IPv4|" + CUT, macs + "IPv4|" + CUT, macs + "IPv4|" + CUT, macs + "IPv4|" + CUT,
                "192.0.2.1|00:11:22:33:44:55|IPv4|" + CUT, "192.0.2.1|00:11:22:33:44:55|IPv4|" + CUT,
                "192.0.2.1|00:11:22:33:44:55|IPv4|" + CUT, "192.0.2.1|00:11:22:33:44:55|IPv4|" + CUT,
                macs + "IPv6|" + CUT, macs + "IPv6|" + CUT, macs + "IPv6|" + CUT,
                "2001:db8::1|00:11:22:33:44:55|IPv6|" + CUT, "2001:db8::1|00:11:22:33:44:55|IPv6|" + CUT);
    }

    /**
     * IPv4 in IPv4 whose inner header the capture cut: tshark takes the inner source once its
     * bytes are there, while the destination stays the outer one (the inner header is cut before
     * its options were read).
     */
    @Test
    void aTunnelsInnerHeaderCut(@TempDir Path dir) throws IOException {
        byte[] outer = Bytes.fromHex("450000300001000040047cc9c0000201c0000202");
        byte[] inner = Bytes.fromHex("450000280001000040067cc90a0000010a000002");
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {0, 4, 16, 19}) {
            frames.add(concat(concat(ETHERNET_IPV4, outer, outer.length), inner, cut));
        }
        assertThat(columns(dir, 1, frames, frames.stream().map(f -> 80).toList())).containsExactly(
                "192.0.2.1|192.0.2.2|IPv4|" + CUT, "192.0.2.1|192.0.2.2|IPv4|" + CUT,
                "10.0.0.1|192.0.2.2|IPv4|" + CUT, "10.0.0.1|192.0.2.2|IPv4|" + CUT);
    }

    @Test
    void ipHeadersLongerThanTheirFrame(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {4, 16, 19}) {
            frames.add(concat(ETHERNET_IPV4, IPV4, cut));
        }
        for (int cut : new int[] {8, 24, 39}) {
            frames.add(concat(ETHERNET_IPV6, IPV6, cut));
        }
        assertThat(columns(dir, 1, frames, frames.stream().map(f -> f.length).toList())).containsExactly(
                "66:77:88:99:aa:bb|00:11:22:33:44:55|IPv4|" + MALFORMED,
                "192.0.2.1|00:11:22:33:44:55|IPv4|" + MALFORMED,
                "192.0.2.1|00:11:22:33:44:55|IPv4|" + MALFORMED,
                "66:77:88:99:aa:bb|00:11:22:33:44:55|IPv6|Invalid IPv6 header (8 bytes, need exactly 40)" + MALFORMED,
                "2001:db8::1|00:11:22:33:44:55|IPv6|Invalid IPv6 header (24 bytes, need exactly 40)" + MALFORMED,
                "2001:db8::1|00:11:22:33:44:55|IPv6|Invalid IPv6 header (39 bytes, need exactly 40)" + MALFORMED);
    }

    @Test
    void ethernetHeadersCut(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {1, 5, 6, 10, 12, 13}) {
            frames.add(Arrays.copyOf(ETHERNET_IPV4, cut));
        }
        assertThat(columns(dir, 1, frames, frames.stream().map(f -> 60).toList())).containsExactly(
                "||Ethernet|" + CUT, "||Ethernet|" + CUT,
                "|00:11:22:33:44:55|Ethernet|" + CUT, "|00:11:22:33:44:55|Ethernet|" + CUT,
                "66:77:88:99:aa:bb|00:11:22:33:44:55|Ethernet|" + CUT, "66:77:88:99:aa:bb|00:11:22:33:44:55|Ethernet|" + CUT);
    }

    /**
     * An 802.1Q tag cut short names itself "VLAN" and shows its fields once its first two bytes
     * are there; a cut tag's last bytes are no EtherType ("0x6408" was read from a tag cut after
     * one byte of its type). A UDP header shows its ports from 4 bytes and its length from 6;
     * cut before its ports, the protocol column is the IP layer's.
     */
    @Test
    void tagAndUdpHeadersCut(@TempDir Path dir) throws IOException {
        byte[] tagged = Bytes.fromHex("001122334455" + "66778899aabb" + "8100" + "0064" + "0800");
        byte[] udp = Bytes.fromHex("450000280001000040117cc9c0000201c0000202" + "1f90005000140000");
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {14, 15, 16, 17}) {
            frames.add(Arrays.copyOf(tagged, cut));
        }
        for (int cut : new int[] {2, 4, 6}) {
            frames.add(concat(ETHERNET_IPV4, udp, 20 + cut));
        }
        String macs = "66:77:88:99:aa:bb|00:11:22:33:44:55|VLAN|";
        String ips = "192.0.2.1|192.0.2.2|";
        assertThat(columns(dir, 1, frames, frames.stream().map(f -> 60).toList())).containsExactly(
                macs + CUT, macs + CUT, macs + "PRI: 0  DEI: 0  ID: 100" + CUT, macs + "PRI: 0  DEI: 0  ID: 100" + CUT,
                ips + "IPv4|" + CUT, ips + "UDP|8080 \u2192 80" + CUT, ips + "UDP|8080 \u2192 80 Len=12" + CUT);
    }

    /**
     * IPv6 extension headers cut after 0 to 7 of their bytes: tshark 4.0 names the hop-by-hop,
     * routing and destination options headers before it stops (a fragment header, nothing). An
     * MPLS label stack with nothing after it, or cut: "MPLS Label Switched Packet", since tshark
     * reads the byte after the stack to choose what follows.
     */
    @Test
    void extensionHeadersAndLabelsCut(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new java.util.ArrayList<>();
        String[][] extensions = {{"00", "3a00010400000000"}, {"2b", "3a00000000000000"}, {"3c", "3a00010400000000"},
            {"2c", "3a00000100000001"}};
        for (String[] extension : extensions) {
            byte[] header = Bytes.fromHex("60000000" + "0014" + extension[0] + "40" + "20010db8000000000000000000000001"
                    + "20010db8000000000000000000000002");
            for (int cut : new int[] {0, 1, 2, 7}) {
                frames.add(concat(concat(ETHERNET_IPV6, header, header.length), Bytes.fromHex(extension[1]), cut));
            }
        }
        byte[] labelled = Bytes.fromHex("001122334455" + "66778899aabb" + "8847" + "000641ff");
        for (int cut : new int[] {14, 15, 17, 18}) {
            frames.add(Arrays.copyOf(labelled, cut));
        }
        List<String> expected = new java.util.ArrayList<>();
        for (String words : new String[] {"IPv6 hop-by-hop options", "IPv6 routing", "IPv6 destination options", ""}) {
            for (int i = 0; i < 4; i++) {
                expected.add("2001:db8::1|2001:db8::2|IPv6|" + words + CUT);
            }
        }
        for (int i = 0; i < 4; i++) {
            expected.add("66:77:88:99:aa:bb|00:11:22:33:44:55|MPLS|MPLS Label Switched Packet" + CUT);
        }
        assertThat(columns(dir, 1, frames, frames.stream().map(f -> 80).toList())).containsExactlyElementsOf(expected);
    }

    /**
     * An 802.1ad tag ("802.1ad", its fields from two bytes), a PPPoE session header ("PPPoES",
     * "Session Data" once its code is there), a GRE header cut before its protocol type (the
     * IPv4 layer's column) and an 802.3 frame with fewer than LLC's three bytes ("LLC").
     */
    @Test
    void moreLinkAndTunnelHeadersCut(@TempDir Path dir) throws IOException {
        String macs = "001122334455" + "66778899aabb";
        byte[] qinq = Bytes.fromHex(macs + "88a8" + "00c8" + "8100" + "0064" + "0800");
        byte[] pppoe = Bytes.fromHex(macs + "8864" + "11000001001c" + "0021");
        byte[] gre = Bytes.fromHex("4500002800010000402f7cc9c0000201c0000202" + "00000800");
        byte[] llc = Bytes.fromHex(macs + "0026" + "424203" + "0000");
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {14, 15, 16}) {
            frames.add(Arrays.copyOf(qinq, cut));
        }
        for (int cut : new int[] {14, 16, 20, 21}) {
            frames.add(Arrays.copyOf(pppoe, cut));
        }
        for (int cut : new int[] {1, 2, 3}) {
            frames.add(concat(ETHERNET_IPV4, gre, 20 + cut));
        }
        for (int cut : new int[] {14, 15, 16}) {
            frames.add(Arrays.copyOf(llc, cut));
        }
        List<String> protocolAndInfo = columns(dir, 1, frames, frames.stream().map(f -> 60).toList()).stream()
                .map(line -> line.substring(line.indexOf('|', line.indexOf('|') + 1) + 1)).toList();
        assertThat(protocolAndInfo).containsExactly(
                "802.1ad|" + CUT, "802.1ad|" + CUT, "802.1ad|PRI: 0  DROP: 0 ID: 200" + CUT,
                "PPPoES|" + CUT, "PPPoES|Session Data" + CUT, "PPPoES|Session Data" + CUT, "PPPoES|Session Data" + CUT,
                "IPv4|" + CUT, "IPv4|" + CUT, "IPv4|" + CUT,
                "LLC|" + CUT, "LLC|" + CUT, "LLC|" + CUT);
    }

    /** A cooked header (link type 113) of packet type {@code type}: a 6-byte address, then IPv4's EtherType. */
    private static byte[] cooked(int type) {
        return Bytes.fromHex(String.format("%04x", type) + "0001" + "0006" + "0011223344550000" + "0800");
    }

    @Test
    void cookedHeadersCut(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {1, 2, 3, 4, 6, 10, 11, 12, 13, 14, 15}) {
            frames.add(Arrays.copyOf(cooked(0), cut));
        }
        for (int type : new int[] {1, 2, 3, 4, 7}) {
            frames.add(Arrays.copyOf(cooked(type), 10));
        }
        frames.add(concat(cooked(0), IPV4, 8));
        String us = "||SLL|Unicast to us" + CUT;
        String usFrom = "00:11:22:33:44:55||SLL|Unicast to us" + CUT;
        assertThat(columns(dir, 113, frames, frames.stream().map(f -> 56).toList())).containsExactly(
                "|||" + CUT, "|||" + CUT, "|||" + CUT, us, us, us, us, usFrom, usFrom, usFrom, usFrom,
                "||SLL|Broadcast" + CUT, "||SLL|Multicast" + CUT, "||SLL|Unicast to another host" + CUT,
                "||SLL|Sent by us" + CUT, "||SLL|Unknown (7)" + CUT,
                "00:11:22:33:44:55||IPv4|" + CUT);
    }

    @Test
    void cookedHeadersLongerThanTheirFrame(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {0, 3, 5, 12}) {
            frames.add(Arrays.copyOf(cooked(0), cut));
        }
        assertThat(columns(dir, 113, frames, frames.stream().map(f -> f.length).toList())).containsExactly(
                "|||" + MALFORMED, "|||" + MALFORMED, "||SLL|Unicast to us" + MALFORMED,
                "00:11:22:33:44:55||SLL|Unicast to us" + MALFORMED);
    }

    /**
     * Version 2 (link type 276): the same rules from its own offsets. tshark 4.0 reads the
     * one-byte packet type as two bytes and calls every type "Unknown (6)" here (6 being the
     * address length after it); tcplens names the type the header holds, as it does for whole
     * headers (a known difference, PacketSummary.etherTypeCarrierInfo).
     */
    @Test
    void cookedHeadersOfVersionTwoCut(@TempDir Path dir) throws IOException {
        byte[] header = Bytes.fromHex("0800" + "0000" + "00000001" + "0001" + "00" + "06" + "0011223344550000");
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int cut : new int[] {1, 2, 4, 8, 10, 11, 12, 17, 18, 19}) {
            frames.add(Arrays.copyOf(header, cut));
        }
        frames.add(concat(header, IPV4, 1));
        String nothing = "|||" + CUT;
        assertThat(columns(dir, 276, frames, frames.stream().map(f -> 56).toList())).containsExactly(
                nothing, nothing, nothing, nothing, nothing, nothing,
                "||SLL|Unicast to us" + CUT, "||SLL|Unicast to us" + CUT,
                "00:11:22:33:44:55||SLL|Unicast to us" + CUT, "00:11:22:33:44:55||SLL|Unicast to us" + CUT,
                "00:11:22:33:44:55||IPv4|" + CUT);
    }
}
