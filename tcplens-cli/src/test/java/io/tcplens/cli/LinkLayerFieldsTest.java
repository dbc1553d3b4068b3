package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Link layers that Zeek and tshark both read, and datagrams whose transport is not decoded, on
 * captures built byte by byte: the fields and the summary lines are what tshark 4.0 printed for
 * the same bytes (-T fields -E occurrence=a, and the default summary).
 */
class LinkLayerFieldsTest {

    private static String capture(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file.toString();
    }

    /**
     * FDDI (link type 10): Wireshark reads its addresses bit-swapped (00:11:22:33:44:55 on the
     * wire is 00:88:44:cc:22:aa) and lists each twice in fddi.dst, fddi.src and fddi.addr.
     */
    @Test
    void fddiFramesCarryLlcAndIp(@TempDir Path dir) throws IOException {
        String file = capture(dir, "fddi.pcap", CaptureFilesBuilder.fddiCapture());
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", file, "-T", "fields", "-E", "occurrence=a",
                "-e", "frame.number", "-e", "frame.protocols", "-e", "tcp.stream", "-e", "fddi.fc", "-e", "fddi.dst",
                "-e", "fddi.src", "-e", "fddi.addr", "-e", "ip.src");
        assertThat(r.lines()).containsExactly("1\tfddi:llc:ip:tcp\t0\t0x50\t00:88:44:cc:22:aa,00:88:44:cc:22:aa\t"
                + "66:aa:22:cc:44:88,66:aa:22:cc:44:88\t"
                + "00:88:44:cc:22:aa,00:88:44:cc:22:aa,66:aa:22:cc:44:88,66:aa:22:cc:44:88\t10.1.1.1");
        assertThat(TsharkParityTest.run("packets", "-r", file).lines()).containsExactly(
                "    1   0.000000     10.1.1.1 → 10.1.1.2     TCP 61 40000 → 80 [SYN] Seq=0 Win=8192 Len=0");
    }

    /** Cisco's VN-Tag: its bits, then the EtherType it names (IPv4, or an 802.1Q tag first). */
    @Test
    void vnTaggedFramesCarryTheirPayload(@TempDir Path dir) throws IOException {
        String file = capture(dir, "vntag.pcap", CaptureFilesBuilder.vntagCapture());
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", file, "-T", "fields",
                "-e", "frame.number", "-e", "frame.protocols", "-e", "tcp.stream", "-e", "vntag.dir", "-e", "vntag.ptr",
                "-e", "vntag.dst", "-e", "vntag.looped", "-e", "vntag.r", "-e", "vntag.version", "-e", "vntag.src",
                "-e", "vntag.etype", "-e", "vlan.id");
        assertThat(r.lines()).containsExactly(
                "1\teth:ethertype:vntag:ethertype:ip:tcp\t0\t1\t0\t5\t0\t0\t0\t7\t0x0800\t",
                "2\teth:ethertype:vntag:ethertype:vlan:ethertype:ip:tcp\t0\t0\t1\t0\t1\t0\t1\t9\t0x8100\t10");
        assertThat(TsharkParityTest.run("packets", "-r", file).lines()).containsExactly(
                "    1   0.000000     10.1.1.1 → 10.1.1.2     TCP 60 40000 → 80 [SYN] Seq=0 Win=8192 Len=0",
                "    2   0.000001     10.1.1.1 → 10.1.1.2     TCP 64 [TCP Retransmission] 40000 → 80 [SYN] Seq=0 Win=8192 Len=0");
    }

    /**
     * IPv4 without a decoded transport: GRE whose payload is not followed says what it
     * encapsulates; only a real fragment is "Fragmented IP protocol" (an unfragmented GRE
     * datagram was told so before).
     */
    @Test
    void undecodedDatagramsAreToldAsTsharkTellsThem(@TempDir Path dir) throws IOException {
        String file = capture(dir, "undecoded.pcap", CaptureFilesBuilder.undecodedIpCapture());
        assertThat(TsharkParityTest.run("packets", "-r", file).lines()).containsExactly(
                "    1   0.000000      1.1.1.1 → 2.2.2.2      GRE 58 Encapsulated 0x1234 (unknown)",
                "    2   0.000001      1.1.1.1 → 2.2.2.2      GRE 58 Encapsulated 0x8F00 (unknown)",
                "    3   0.000002      1.1.1.1 → 2.2.2.2      GRE 38 Encapsulated Possible GRE keepalive packet",
                "    4   0.000003      1.1.1.1 → 2.2.2.2      IPv4 50 Fragmented IP protocol (proto=TCP 6, off=0, ID=0007)",
                "    5   0.000004      1.1.1.1 → 2.2.2.2      IPv4 50 Fragmented IP protocol (proto=TCP 6, off=80, ID=0007)");
    }

    /**
     * ICMP messages a snaplen cut: Wireshark says so for an error (its quote is cut), a
     * timestamp request and an echo whose 8-byte header is cut, not for an echo whose data only
     * is cut (frames built as scripts/icmp-scenarios.py builds its messages; tshark 4.0's lines).
     */
    @Test
    void cutIcmpMessagesSayTheCaptureWasCut(@TempDir Path dir) throws IOException {
        byte[] quote = io.tcplens.testing.Frames.ipv4("10.0.0.2", "10.0.0.9", 17,
                io.tcplens.testing.Frames.udp(1, 2, new byte[50]));
        byte[][] messages = {
            new io.tcplens.testing.Bytes().u8(8).u8(0).u16(0).u16(1).u16(1).raw(new byte[100]).toArray(),
            new io.tcplens.testing.Bytes().u8(8).u8(0).u16(0).u16(1).u16(2).raw(new byte[100]).toArray(),
            new io.tcplens.testing.Bytes().u8(3).u8(3).u16(0).u32(0).raw(quote).toArray(),
            new io.tcplens.testing.Bytes().u8(13).u8(0).u16(0).u32(0).raw(new byte[24]).toArray(),
            new io.tcplens.testing.Bytes().u8(4).u8(0).u16(0).u32(0).raw(quote).toArray()};
        int[] kept = {18, 6, 18, 10, 18};
        io.tcplens.testing.Bytes file = CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < messages.length; i++) {
            byte[] frame = io.tcplens.testing.Frames.ethernet(0x0800,
                    io.tcplens.testing.Frames.ipv4("10.0.0.1", "10.0.0.2", 1, messages[i]));
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, i * 1000L, java.util.Arrays.copyOf(frame, 34 + kept[i]),
                    frame.length);
        }
        assertThat(TsharkParityTest.run("packets", "-r", capture(dir, "cut-icmp.pcap", file.toArray())).lines()
                .stream().map(l -> l.substring(l.indexOf(" ICMP ") + 1))).containsExactly(
                "ICMP 142 Echo (ping) request  id=0x0001, seq=1/256, ttl=64",
                "ICMP 142 Echo (ping) request [Packet size limited during capture]",
                "ICMP 120 Destination unreachable (Port unreachable)[Packet size limited during capture]",
                "ICMP 66 Timestamp request    id=0x0000, seq=0/0, ttl=64[Packet size limited during capture]",
                "ICMP 120 Source quench (flow control)[Packet size limited during capture]");
    }

    /**
     * Fragments that are not reassembled (yet): Wireshark lists their payload as data, and an
     * IPv6 fragment's summary gives its offset in bytes, the more-fragments flag, the
     * identification and the next header (tshark 4.0 on the same bytes built with scapy).
     */
    @Test
    void fragmentsNotReassembledAreData(@TempDir Path dir) throws IOException {
        byte[] udp = io.tcplens.testing.Frames.udp(3333, 53, new byte[400]);
        byte[][] frames = {
            io.tcplens.testing.Frames.ethernet(0x86DD, io.tcplens.testing.Frames.ipv6("fd00::1", "fd00::2", 44,
                    io.tcplens.testing.Bytes.concat(new io.tcplens.testing.Bytes().u8(17).u8(0).u16(1).u32(5).toArray(),
                            java.util.Arrays.copyOf(udp, 200)))),
            io.tcplens.testing.Frames.ethernet(0x86DD, io.tcplens.testing.Frames.ipv6("fd00::1", "fd00::2", 44,
                    io.tcplens.testing.Bytes.concat(new io.tcplens.testing.Bytes().u8(17).u8(0).u16(200).u32(0x12345678L).toArray(),
                            java.util.Arrays.copyOfRange(udp, 200, 300)))),
            io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("10.0.0.1", "10.0.0.2", 17, 7, 0, true,
                    java.util.Arrays.copyOf(udp, 200))),
            io.tcplens.testing.Frames.ethernet(0x0800, io.tcplens.testing.Frames.ipv4("10.0.0.1", "10.0.0.2", 17, 9, 240, false,
                    java.util.Arrays.copyOfRange(udp, 200, 300)))};
        io.tcplens.testing.Bytes file = CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (byte[] frame : frames) {
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L, 0, frame, frame.length);
        }
        String capture = capture(dir, "fragments.pcap", file.toArray());
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-T", "fields", "-e", "frame.protocols").lines())
                .containsExactly("eth:ethertype:ipv6:ipv6.fraghdr:data", "eth:ethertype:ipv6:ipv6.fraghdr:data",
                        "eth:ethertype:ip:data", "eth:ethertype:ip:data");
        assertThat(TsharkParityTest.run("packets", "-r", capture).lines().stream().map(l -> l.substring(l.indexOf(" IPv") + 1)))
                .containsExactly("IPv6 262 IPv6 fragment (off=0 more=y ident=0x00000005 nxt=17)",
                        "IPv6 162 IPv6 fragment (off=200 more=n ident=0x12345678 nxt=17)",
                        "IPv4 234 Fragmented IP protocol (proto=UDP 17, off=0, ID=0007)",
                        "IPv4 134 Fragmented IP protocol (proto=UDP 17, off=240, ID=0009)");
    }
}
