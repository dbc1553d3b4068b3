package io.tcplens.decode;

import static io.tcplens.testing.Frames.ethernet;
import static io.tcplens.testing.Frames.ipv4;
import static io.tcplens.testing.Frames.ipv6;
import static io.tcplens.testing.Frames.tcp;
import static io.tcplens.testing.Frames.udp;
import static io.tcplens.testing.Frames.vlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.PacketRecord;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.Frames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private static final byte[] NO_OPTIONS = new byte[0];
    private static final byte[] SYN_OPTIONS = Bytes.fromHex("020405b4 0402 080a 00000001 00000000 01 030307");

    private final PacketDecoder decoder = new PacketDecoder();

    private Packet decode(int linkType, byte[] frame) {
        return decode(linkType, frame, frame.length, 0);
    }

    private Packet decode(int linkType, byte[] frame, int originalLength, long seconds) {
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, originalLength, seconds, 0, linkType);
        return decoder.decode(record, 1, new Packet());
    }

    private static List<Layer> layers(Packet p) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < p.layerCount(); i++) {
            out.add(p.layer(i));
        }
        return out;
    }

    @Test
    void ethernetIpv4TcpWithOptions() {
        byte[] frame = ethernet(0x0800, Frames.withTcpChecksum(ipv4("10.0.0.1", "10.0.0.2", 6,
                tcp(57063, 80, 1926459878L, 0, TcpHeader.SYN, 64240, SYN_OPTIONS, NO_OPTIONS))));
        Packet p = decode(1, frame);
        assertThat(layers(p)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.TCP);
        assertThat(p.problemCount()).isZero();
        int t = p.tcp();
        ByteBuffer b = p.buffer(t);
        assertThat(TcpHeader.sourcePort(b, p.start(t))).isEqualTo(57063);
        assertThat(TcpHeader.sequence(b, p.start(t)) & 0xFFFFFFFFL).isEqualTo(1926459878L);
        assertThat(TcpHeader.flags(b, p.start(t))).isEqualTo(TcpHeader.SYN);
        assertThat(p.headerLength(t)).isEqualTo(40);
        assertThat(Checksums.transport(p, t)).isEqualTo(Checksums.GOOD);
        assertThat(Checksums.ipv4Header(p, p.network())).isEqualTo(Checksums.GOOD);
        int mss = TcpOptions.find(b, p.start(t) + 20, p.start(t) + 40, TcpHeader.OPT_MSS);
        assertThat(b.getShort(mss + 2)).isEqualTo((short) 1460);
    }

    @Test
    void badChecksumIsANoteNotADrop() {
        byte[] datagram = Frames.withTcpChecksum(ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, 4, TcpHeader.ACK, 5, NO_OPTIONS, NO_OPTIONS)));
        datagram[datagram.length - 3] ^= 0x55;
        Packet p = decode(101, datagram);
        assertThat(p.tcp()).isPositive();
        assertThat(Checksums.transport(p, p.tcp())).isEqualTo(Checksums.BAD);
    }

    @Test
    void truncatedTcpHeaderStopsThereAndKeepsThePacket() {
        byte[] datagram = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, 4, TcpHeader.ACK, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] cut = java.util.Arrays.copyOf(datagram, 20 + 12);
        Packet p = decode(101, cut, datagram.length, 0);
        assertThat(layers(p)).containsExactly(Layer.RAW_IP, Layer.IPV4, Layer.TCP);
        assertThat(p.hasProblem(Problem.TRUNCATED_HEADER)).isTrue();
        assertThat(p.has(p.tcp(), 4, 4)).as("seq captured").isTrue();
        assertThat(p.has(p.tcp(), 12, 2)).as("flags not captured").isFalse();
    }

    @Test
    void dataOffsetBelowFiveWordsIsABadHeaderLength() {
        byte[] segment = tcp(1, 2, 3, 4, TcpHeader.ACK, 5, NO_OPTIONS, NO_OPTIONS);
        segment[12] = 0x40;
        Packet p = decode(101, ipv4("10.0.0.1", "10.0.0.2", 6, segment));
        assertThat(p.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();
        assertThat(p.tcp()).as("still listed as TCP").isPositive();
    }

    @Test
    void tcpOptionRunningPastTheHeaderIsABadOptionLength() {
        Packet p = decode(101, ipv4("10.0.0.1", "10.0.0.2", 6,
                tcp(1, 2, 3, 4, TcpHeader.SYN, 5, Bytes.fromHex("0209 05b4"), NO_OPTIONS)));
        assertThat(p.hasProblem(Problem.BAD_OPTION_LENGTH)).isTrue();
    }

    @Test
    void ipv4HeaderLengthBelowFiveWords() {
        byte[] datagram = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, 4, TcpHeader.ACK, 5, NO_OPTIONS, NO_OPTIONS));
        datagram[0] = 0x44;
        Packet p = decode(101, datagram);
        assertThat(p.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();
        assertThat(p.tcp()).isNegative();
    }

    @Test
    void icmpErrorQuotesTheIpHeaderAndEightBytesOfTcp() {
        byte[] original = ipv4("10.0.0.2", "192.0.2.9", 6, tcp(1470, 25, 2126795847L, 2934727550L, TcpHeader.ACK, 65073,
                NO_OPTIONS, new byte[100]));
        byte[] quoted = java.util.Arrays.copyOf(original, 28);
        byte[] icmp = new Bytes().u8(3).u8(4).u16(0).u16(0).u16(1492).raw(quoted).toArray();
        Packet p = decode(101, ipv4("192.168.1.1", "10.0.0.2", 1, icmp));
        assertThat(layers(p)).containsExactly(Layer.RAW_IP, Layer.IPV4, Layer.ICMP, Layer.IPV4, Layer.TCP);
        assertThat(p.quoted(3)).isTrue();
        assertThat(p.quoted(4)).isTrue();
        assertThat(p.layer(p.transport())).isEqualTo(Layer.ICMP);
        assertThat(p.tcp()).as("the quoted TCP header is not the packet's own").isNegative();
        assertThat(p.problemCount()).as("an 8-byte quote is normal").isZero();
        assertThat(p.has(4, 0, 8)).isTrue();
        assertThat(p.has(4, 8, 4)).isFalse();
    }

    @Test
    void ipv4FragmentsAreReassembledOutOfOrder() {
        byte[] segment = tcp(40000, 80, 1000, 2000, TcpHeader.ACK | TcpHeader.PSH, 512, NO_OPTIONS, new byte[100]);
        byte[] first = java.util.Arrays.copyOfRange(segment, 0, 64);
        byte[] second = java.util.Arrays.copyOfRange(segment, 64, segment.length);
        Packet late = decode(101, ipv4("10.0.0.1", "10.0.0.2", 6, 77, 64, false, second), second.length + 20, 1);
        assertThat(late.tcp()).as("incomplete: listed, no TCP yet").isNegative();
        assertThat(decoder.fragments().pending()).isEqualTo(1);
        Packet whole = decode(101, ipv4("10.0.0.1", "10.0.0.2", 6, 77, 0, true, first), first.length + 20, 1);
        assertThat(whole.tcp()).isPositive();
        assertThat(whole.reassembled(whole.tcp())).isTrue();
        assertThat(TcpHeader.sourcePort(whole.buffer(whole.tcp()), whole.start(whole.tcp()))).isEqualTo(40000);
        assertThat(whole.reportedEnd(whole.tcp()) - whole.start(whole.tcp())).isEqualTo(segment.length);
        assertThat(decoder.fragments().reassembled()).isEqualTo(1);
        assertThat(decoder.fragments().pending()).isZero();
    }

    @Test
    void ipv6FragmentsAreReassembledAndAtomicFragmentsDecodeInPlace() {
        byte[] segment = udp(5353, 53, new byte[40]);
        byte[] part1 = new Bytes().u8(17).u8(0).u16(1).u32(99).raw(java.util.Arrays.copyOfRange(segment, 0, 24)).toArray();
        byte[] part2 = new Bytes().u8(17).u8(0).u16(24).u32(99).raw(java.util.Arrays.copyOfRange(segment, 24, segment.length)).toArray();
        assertThat(decode(101, ipv6("2001:db8::1", "2001:db8::2", 44, part1)).udp()).isNegative();
        Packet p = decode(101, ipv6("2001:db8::1", "2001:db8::2", 44, part2));
        assertThat(p.udp()).isPositive();
        assertThat(p.buffer(p.udp()).getShort(p.start(p.udp())) & 0xFFFF).isEqualTo(5353);

        byte[] atomic = new Bytes().u8(6).u8(0).u16(0).u32(7).raw(tcp(1, 2, 3, 4, TcpHeader.ACK, 5, NO_OPTIONS, NO_OPTIONS)).toArray();
        Packet a = decode(101, ipv6("2001:db8::1", "2001:db8::2", 44, atomic));
        assertThat(layers(a)).containsExactly(Layer.RAW_IP, Layer.IPV6, Layer.IPV6_FRAGMENT, Layer.TCP);
    }

    @Test
    void ipv6ExtensionHeaderChain() {
        byte[] tcpSegment = tcp(1, 2, 3, 4, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS);
        byte[] dstOpts = new Bytes().u8(6).u8(0).hex("010400000000").toArray();
        byte[] routing = new Bytes().u8(60).u8(0).u8(0).u8(0).zeros(4).toArray();
        byte[] hopByHop = new Bytes().u8(43).u8(0).hex("010400000000").toArray();
        Packet p = decode(1, ethernet(0x86DD, ipv6("fe80::1", "fe80::2", 0, Bytes.concat(hopByHop, routing, dstOpts, tcpSegment))));
        assertThat(layers(p)).containsExactly(Layer.ETHERNET, Layer.IPV6, Layer.IPV6_HOP_BY_HOP, Layer.IPV6_ROUTING,
                Layer.IPV6_DESTINATION, Layer.TCP);
    }

    @Test
    void stackedVlanTagsPppoeAndMpls() {
        byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 3, 4, TcpHeader.ACK, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] pppoe = new Bytes().u8(0x11).u8(0).u16(0x0f07).u16(ip.length + 2).u16(0x0021).raw(ip).toArray();
        Packet q = decode(1, ethernet(0x88A8, vlan(100, 0x8100, vlan(200, 0x8864, pppoe))));
        // tshark: eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:pppoes:ppp:ip:tcp.
        assertThat(layers(q)).containsExactly(Layer.ETHERNET, Layer.IEEE8021AD, Layer.VLAN, Layer.PPPOE, Layer.PPP, Layer.IPV4, Layer.TCP);
        Packet old = decode(1, ethernet(0x9100, vlan(100, 0x8100, vlan(200, 0x0800, ip))));
        assertThat(layers(old)).as("0x9100 is vlan to tshark").containsExactly(Layer.ETHERNET, Layer.VLAN, Layer.VLAN, Layer.IPV4, Layer.TCP);

        byte[] mpls = new Bytes().u32((1000L << 12) | 64).u32((2000L << 12) | 0x100 | 64).raw(ip).toArray();
        Packet m = decode(1, ethernet(0x8847, mpls));
        assertThat(layers(m)).containsExactly(Layer.ETHERNET, Layer.MPLS, Layer.MPLS, Layer.IPV4, Layer.TCP);
    }

    /**
     * 802.1ah (MAC-in-MAC): I-TAG, customer addresses and type, then the customer's payload, alone
     * or after an 802.1ad backbone tag (tshark 4.0 and Zeek decode both); cut short, a problem.
     */
    @Test
    void providerBackboneBridgingCarriesTheCustomerFrame() {
        byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 6, tcp(1, 2, 3, 4, TcpHeader.ACK, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] customer = new Bytes().raw(Frames.MAC_A).raw(Frames.MAC_B).toArray();
        byte[] itag = new Bytes().u32(0x60001234L).raw(customer).u16(0x0800).raw(ip).toArray();
        Packet plain = decode(1, ethernet(0x88E7, itag));
        assertThat(layers(plain)).containsExactly(Layer.ETHERNET, Layer.PBB, Layer.IPV4, Layer.TCP);
        assertThat(plain.headerLength(1)).isEqualTo(18);

        byte[] tagged = new Bytes().u32(0xA8001234L).raw(customer).u16(0x8100).raw(vlan(42, 0x0800, ip)).toArray();
        Packet backbone = decode(1, ethernet(0x88A8, vlan(100, 0x88E7, tagged)));
        assertThat(layers(backbone)).containsExactly(Layer.ETHERNET, Layer.IEEE8021AD, Layer.PBB, Layer.VLAN, Layer.IPV4, Layer.TCP);
        assertThat(backbone.tcp()).isEqualTo(5);

        Packet cut = decode(1, ethernet(0x88E7, java.util.Arrays.copyOf(itag, 10)));
        assertThat(layers(cut)).containsExactly(Layer.ETHERNET, Layer.PBB);
        assertThat(cut.tcp()).isNegative();
        assertThat(cut.hasProblem(Problem.TRUNCATED_HEADER)).isTrue();
    }

    @Test
    void linuxCookedV1V2BsdLoopbackAnd8023Llc() {
        byte[] ip = ipv4("1.1.1.1", "2.2.2.2", 17, udp(1, 2, new byte[4]));
        byte[] sll = new Bytes().u16(0).u16(1).u16(6).raw(Frames.MAC_A).zeros(2).u16(0x0800).raw(ip).toArray();
        assertThat(layers(decode(113, sll))).containsExactly(Layer.LINUX_SLL, Layer.IPV4, Layer.UDP, Layer.DATA);
        byte[] sll2 = new Bytes().u16(0x0800).u16(0).u32(2).u16(1).u8(0).u8(6).raw(Frames.MAC_A).zeros(2).raw(ip).toArray();
        assertThat(layers(decode(276, sll2))).containsExactly(Layer.LINUX_SLL2, Layer.IPV4, Layer.UDP, Layer.DATA);
        byte[] nullLittle = new Bytes(java.nio.ByteOrder.LITTLE_ENDIAN).u32(2).raw(ip).toArray();
        assertThat(layers(decode(0, nullLittle))).containsExactly(Layer.BSD_NULL, Layer.IPV4, Layer.UDP, Layer.DATA);
        byte[] ip6 = ipv6("::1", "::1", 17, udp(1, 2, new byte[0]));
        byte[] loopBig = new Bytes().u32(30).raw(ip6).toArray();
        assertThat(layers(decode(108, loopBig))).containsExactly(Layer.BSD_NULL, Layer.IPV6, Layer.UDP);
        // 802.3 with LLC's SAP 0x42 carries a BPDU; an LLC with another SAP stays LLC alone.
        byte[] stp = ethernet(38, new Bytes().hex("424203").zeros(35).toArray());
        assertThat(layers(decode(1, stp))).containsExactly(Layer.ETHERNET, Layer.LLC, Layer.STP);
        byte[] netbios = ethernet(38, new Bytes().hex("f0f003").zeros(35).toArray());
        assertThat(layers(decode(1, netbios))).containsExactly(Layer.ETHERNET, Layer.LLC);
        assertThat(layers(decode(228, ip))).containsExactly(Layer.IPV4, Layer.UDP, Layer.DATA);
    }

    /**
     * GRE (RFC 2784/2890), VXLAN (RFC 7348), Geneve (RFC 8926) and GTP-U: the segment inside is the
     * packet's own TCP (its stream and analysis), the outer UDP stays a layer; what the decoder
     * cannot follow stays data, and a header that runs past the packet is a located problem.
     */
    @Test
    void tunnelsCarryThePacketsOwnTcp() {
        byte[] inner = ipv4("10.9.0.1", "10.9.0.2", 6, tcp(40000, 80, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] innerFrame = ethernet(0x0800, inner);

        Packet gre = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0).u16(0x0800).raw(inner).toArray())));
        assertThat(layers(gre)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.GRE, Layer.IPV4, Layer.TCP);
        assertThat(gre.network()).as("the inner IP carries the TCP").isEqualTo(3);
        assertThat(TcpHeader.sourcePort(gre.buffer(gre.tcp()), gre.start(gre.tcp()))).isEqualTo(40000);

        // Checksum, key and sequence number present: 16 bytes of header, then an Ethernet frame.
        byte[] greOptions = new Bytes().u16(0xB000).u16(0x6558).u16(0).u16(0).u32(42).u32(7).raw(innerFrame).toArray();
        Packet bridged = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47, greOptions)));
        assertThat(layers(bridged)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.GRE, Layer.ETHERNET, Layer.IPV4, Layer.TCP);
        assertThat(bridged.headerLength(2)).isEqualTo(16);

        // The RFC 1701 routing bit and versions above 1: what follows is not followed.
        for (int flags : new int[] {0x4000, 0x0002}) {
            Packet other = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                    new Bytes().u16(flags).u16(0x0800).zeros(4).raw(inner).toArray())));
            assertThat(other.tcp()).as("flags %04x", flags).isNegative();
            assertThat(layers(other)).endsWith(Layer.GRE, Layer.DATA);
        }
        // PPTP's enhanced GRE (version 1, RFC 2637): key (payload length, call ID), sequence and
        // acknowledgment numbers, then PPP with address and control, or compressed to one byte of
        // protocol; IP inside. An acknowledgment alone has no PPP; version 1 with IP is followed too (tshark 4.0).
        byte[] pppFull = new Bytes().u8(0xFF).u8(0x03).u16(0x0021).raw(inner).toArray();
        Packet pptp = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0x3081).u16(0x880B).u16(pppFull.length).u16(7).u32(1).u32(5).raw(pppFull).toArray())));
        assertThat(layers(pptp)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.GRE, Layer.PPP, Layer.IPV4, Layer.TCP);
        assertThat(pptp.headerLength(2)).isEqualTo(16);
        assertThat(pptp.headerLength(3)).isEqualTo(4);
        byte[] pppCompressed = new Bytes().u8(0x21).raw(inner).toArray();
        Packet compressed = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0x3001).u16(0x880B).u16(pppCompressed.length).u16(7).u32(2).raw(pppCompressed).toArray())));
        assertThat(layers(compressed)).endsWith(Layer.GRE, Layer.PPP, Layer.IPV4, Layer.TCP);
        assertThat(compressed.headerLength(3)).isEqualTo(1);
        Packet ackAlone = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0x2081).u16(0x880B).u16(0).u16(7).u32(9).toArray())));
        assertThat(layers(ackAlone)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.GRE);
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0x2001).u16(0x0800).u16(inner.length).u16(7).raw(inner).toArray())))))
                .endsWith(Layer.GRE, Layer.IPV4, Layer.TCP);

        // ERSPAN: type I (no sequence number, no header of its own), type II (8 bytes), type III
        // (12 bytes, 20 with the platform-specific subheader its O bit announces).
        Packet erspan1 = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0).u16(0x88BE).raw(innerFrame).toArray())));
        assertThat(layers(erspan1)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.GRE, Layer.ERSPAN, Layer.ETHERNET,
                Layer.IPV4, Layer.TCP);
        assertThat(erspan1.headerLength(3)).isZero();
        Packet erspan2 = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0x1000).u16(0x88BE).u32(9).u16(0x1007).u16(100).u32(5).raw(innerFrame).toArray())));
        assertThat(layers(erspan2)).endsWith(Layer.ERSPAN, Layer.ETHERNET, Layer.IPV4, Layer.TCP);
        assertThat(erspan2.headerLength(3)).isEqualTo(8);
        for (int o : new int[] {0, 1}) {
            Packet erspan3 = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                    new Bytes().u16(0).u16(0x22EB).u16(0x2008).u16(200).u32(1000).u16(0).u16(o).zeros(8 * o).raw(innerFrame)
                            .toArray())));
            assertThat(layers(erspan3)).endsWith(Layer.ERSPAN, Layer.ETHERNET, Layer.IPV4, Layer.TCP);
            assertThat(erspan3.headerLength(3)).isEqualTo(12 + 8 * o);
        }
        Packet cutErspan = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                new Bytes().u16(0x1000).u16(0x88BE).u32(9).u16(0x1007).toArray())));
        assertThat(layers(cutErspan)).endsWith(Layer.GRE, Layer.ERSPAN);
        assertThat(cutErspan.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();

        // GRE-in-UDP (RFC 8086) on port 4754, when it is the lower port (tshark 4.0: udp:gre:ip:tcp).
        byte[] greHeader = new Bytes().u16(0).u16(0x0800).raw(inner).toArray();
        Packet greInUdp = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(51000, 4754, greHeader))));
        assertThat(layers(greInUdp)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.GRE, Layer.IPV4, Layer.TCP);
        assertThat(greInUdp.transport()).as("the inner TCP is the packet's transport").isEqualTo(greInUdp.tcp());
        assertThat(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(53, 4754, greHeader)))).tcp())
                .as("from port 53 it is DNS to tshark").isNegative();
        // Aruba's GRE: 802.11 data frames (no FCS) under 0x8200-0x8370 in steps of 0x10 (tshark 4.0
        // and Zeek); 0x8201 and 0x8380 stay data to tshark.
        byte[] wireless = new Bytes().u8(0x08).u8(0x01).u16(0).raw(Frames.MAC_B).raw(Frames.MAC_A).raw(Frames.MAC_B).u16(0)
                .hex("aaaa03000000").u16(0x0800).raw(inner).toArray();
        for (int type : new int[] {0x8200, 0x8210, 0x8370, 0x8201, 0x8380}) {
            Packet aruba = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                    new Bytes().u16(0).u16(type).raw(wireless).toArray())));
            boolean followed = type != 0x8201 && type != 0x8380;
            assertThat(aruba.tcp() >= 0).as("GRE type %04x", type).isEqualTo(followed);
            if (followed) {
                assertThat(layers(aruba)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.GRE, Layer.WLAN, Layer.LLC,
                        Layer.IPV4, Layer.TCP);
            }
        }

        // NSH (RFC 8300) over Ethernet and inside VXLAN-GPE (UDP 4790): its length field counts
        // 4-byte words; the next protocol names IPv4 (1), Ethernet (3) or NSH (4). tshark 4.0:
        // nsh:ip:tcp, udp:nsh:ip:tcp (no vxlan in frame.protocols), and a length past the end is a problem.
        byte[] nshIp = new Bytes().u8(0x0F).u8(0xC6).u8(1).u8(1).u32(0x0A_FFL).zeros(16).raw(inner).toArray();
        assertThat(layers(decode(1, ethernet(0x894F, nshIp))))
                .containsExactly(Layer.ETHERNET, Layer.NSH, Layer.IPV4, Layer.TCP);
        Packet gpe = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(52000, 4790,
                new Bytes().u8(0x0C).zeros(2).u8(4).u32(77L << 8).raw(nshIp).toArray()))));
        assertThat(layers(gpe)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.VXLAN_GPE, Layer.NSH,
                Layer.IPV4, Layer.TCP);
        assertThat(gpe.hiddenFromZeek(gpe.tcp())).as("Zeek decodes neither").isTrue();
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(52000, 4790,
                new Bytes().u8(0x08).zeros(3).u32(77L << 8).raw(innerFrame).toArray()))))))
                .as("without the P flag: Ethernet, as VXLAN").endsWith(Layer.VXLAN_GPE, Layer.ETHERNET, Layer.IPV4, Layer.TCP);
        Packet longNsh = decode(1, ethernet(0x894F, new Bytes().u8(0x0F).u8(0xFF).u8(1).u8(1).u32(1).toArray()));
        assertThat(layers(longNsh)).endsWith(Layer.NSH);
        assertThat(longNsh.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();
        // L2TP version 2 on UDP 1701 (tshark 4.0: udp:l2tp:ppp:ip:tcp): the length, sequence and
        // offset fields as the flags announce them; a control message ends at l2tp; version 3 stays data.
        byte[] ppp = new Bytes().u16(0xFF03).u16(0x0021).raw(inner).toArray();
        Packet l2tp = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(1701, 1701,
                new Bytes().u16(0x4A02).u16(16 + ppp.length).u16(7).u16(3).u16(1).u16(2).u16(2).zeros(2).raw(ppp).toArray()))));
        assertThat(layers(l2tp)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.L2TP, Layer.PPP, Layer.IPV4,
                Layer.TCP);
        assertThat(l2tp.headerLength(3)).as("flags, length, ids, Ns, Nr, offset size and 2 bytes of pad").isEqualTo(16);
        assertThat(l2tp.hiddenFromZeek(l2tp.tcp())).isTrue();
        Packet control = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(1701, 1701,
                Bytes.fromHex("c80200140007000000020001" + "8008000000000006")))));
        assertThat(layers(control)).endsWith(Layer.UDP, Layer.L2TP);
        assertThat(control.transport()).as("a tunnel's datagram, not a UDP flow of its own").isNegative();
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(1701, 1701,
                new Bytes().u16(0x0003).u32(5).raw(ppp).toArray()))))))
                .endsWith(Layer.UDP, Layer.DATA);

        // 802.1BR's E-Tag: 6 bytes, then the EtherType (tshark 4.0: etag:ethertype:ip:tcp); Zeek does not decode it.
        Packet etag = decode(1, ethernet(0x893F, new Bytes().u16(0x6005).u16(0x0007).u16(0).u16(0x0800).raw(inner).toArray()));
        assertThat(layers(etag)).containsExactly(Layer.ETHERNET, Layer.ETAG, Layer.IPV4, Layer.TCP);
        assertThat(etag.hiddenFromZeek(etag.tcp())).isTrue();
        assertThat(gre.hiddenFromZeek(gre.tcp())).isFalse();

        // The key announced but cut off by the end of the datagram.
        Packet cut = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47, new Bytes().u16(0x2000).u16(0x0800).u16(1).toArray())));
        assertThat(layers(cut)).endsWith(Layer.GRE);
        assertThat(cut.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();

        byte[] vxlan = new Bytes().u8(0x08).zeros(3).u8(0).u8(0).u8(42).u8(0).raw(innerFrame).toArray();
        Packet v = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49152, 4789, vxlan))));
        assertThat(layers(v)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.VXLAN, Layer.ETHERNET,
                Layer.IPV4, Layer.TCP);
        assertThat(v.tcp()).as("the inner TCP is the packet's own").isEqualTo(6);
        assertThat(v.udp()).isNegative();

        // Wireshark tries the lower port's protocol first: from port 4789 to 53 is DNS, to 3000
        // DIS (tshark 4.0 on these bytes), to 50000 VXLAN.
        for (int lowerPort : new int[] {53, 3000}) {
            Packet other = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(4789, lowerPort, vxlan))));
            assertThat(layers(other)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.DATA);
        }
        assertThat(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(4789, 50000, vxlan)))).tcp()).isPositive();

        // Geneve with 8 bytes of options (length 2 words) carrying IPv6 directly.
        byte[] inner6 = ipv6("fd00::1", "fd00::2", 6, tcp(40001, 443, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] geneve = new Bytes().u8(0x02).u8(0).u16(0x86DD).u8(0).u8(0).u8(77).u8(0).hex("0102030100000007").raw(inner6).toArray();
        Packet g = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(50000, 6081, geneve))));
        assertThat(layers(g)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.GENEVE, Layer.IPV6, Layer.TCP);
        assertThat(g.headerLength(3)).isEqualTo(16);

        // Options announced beyond the datagram; and a version this decoder does not know.
        byte[] overlong = new Bytes().u8(0x3F).u8(0).u16(0x6558).zeros(4).toArray();
        Packet o = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(50000, 6081, overlong))));
        assertThat(layers(o)).endsWith(Layer.UDP, Layer.GENEVE);
        assertThat(o.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();
        byte[] version1 = new Bytes().u8(0x40).u8(0).u16(0x86DD).zeros(4).raw(inner6).toArray();
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(50000, 6081, version1))))))
                .endsWith(Layer.GENEVE, Layer.DATA);

        // GTP-U (TS 29.281): a G-PDU with a sequence number (12 bytes), then one with an
        // extension header of one word before the IP packet (16 bytes).
        byte[] gtp = new Bytes().u8(0x32).u8(0xFF).u16(inner.length + 4).u32(0x1000).u16(5).u8(0).u8(0).raw(inner).toArray();
        Packet u = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(2152, 2152, gtp))));
        assertThat(layers(u)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.GTP, Layer.IPV4, Layer.TCP);
        assertThat(u.headerLength(3)).isEqualTo(12);
        byte[] extension = new Bytes().u8(0x34).u8(0xFF).u16(inner.length + 8).u32(0x1000).u16(0).u8(0).u8(0x85)
                .u8(1).u8(0).u8(9).u8(0).raw(inner).toArray();
        Packet e = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(2152, 2152, extension))));
        assertThat(layers(e)).endsWith(Layer.GTP, Layer.IPV4, Layer.TCP);
        assertThat(e.headerLength(3)).isEqualTo(16);
        // An extension header of length 0 would never end; a message other than a G-PDU carries no user packet.
        byte[] endless = new Bytes().u8(0x34).u8(0xFF).u16(12).u32(1).u16(0).u8(0).u8(0x85).u8(0).zeros(7).toArray();
        Packet n = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(2152, 2152, endless))));
        assertThat(layers(n)).endsWith(Layer.UDP, Layer.GTP);
        assertThat(n.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();
        byte[] echo = new Bytes().u8(0x32).u8(1).u16(4).u32(0).u16(1).u8(0).u8(0).raw(inner).toArray();
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(2152, 2152, echo))))))
                .endsWith(Layer.GTP, Layer.DATA);

        // AYIYA on port 5072: 8 bytes, a 2^4-byte identity, a 4*5-byte signature (44 in all), then
        // what the next-header field names when the operation is "forward" (1); data otherwise.
        Packet a = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(53859, 5072, ayiya(1, 41, inner6)))));
        assertThat(layers(a)).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.AYIYA, Layer.IPV6, Layer.TCP);
        assertThat(a.headerLength(3)).isEqualTo(44);
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(53859, 5072, ayiya(1, 4, inner)))))))
                .endsWith(Layer.AYIYA, Layer.IPV4, Layer.TCP);
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(53859, 5072, ayiya(0, 41, inner6)))))))
                .endsWith(Layer.AYIYA, Layer.DATA);
        byte[] cutAyiya = java.util.Arrays.copyOf(ayiya(1, 41, inner6), 30);
        Packet ca = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(53859, 5072, cutAyiya))));
        assertThat(layers(ca)).endsWith(Layer.UDP, Layer.AYIYA);
        assertThat(ca.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();

        // Teredo on port 3544 (RFC 4380): plain IPv6; after an origin indication (8 bytes); after an
        // authentication header (4 + 2 + 3 + 8 + 1 = 18 bytes) and an origin indication (26).
        byte[] origin = new Bytes().u16(0).u16(3797 ^ 0xFFFF).u32(~0xC0A80210).toArray();
        byte[] authentication = new Bytes().u16(1).u8(2).u8(3).raw("abxyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .zeros(8).u8(0).toArray();
        int[][] headers = {{0}, {8}, {18}, {26}};
        byte[][] prefixes = {new byte[0], origin, authentication, new Bytes().raw(authentication).raw(origin).toArray()};
        for (int i = 0; i < prefixes.length; i++) {
            byte[] teredo = new Bytes().raw(prefixes[i]).raw(inner6).toArray();
            Packet t = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(3797, 3544, teredo))));
            assertThat(layers(t)).as("prefix %d", i).containsExactly(Layer.ETHERNET, Layer.IPV4, Layer.UDP, Layer.TEREDO,
                    Layer.IPV6, Layer.TCP);
            assertThat(t.headerLength(3)).isEqualTo(headers[i][0]);
        }
        // Only on port 3544, as tshark 4.0 (its Teredo heuristic is off): a Teredo relay's other
        // ports carry data; and from 3544 to a lower port, that port's protocol goes first.
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(3797, 32900, inner6))))))
                .endsWith(Layer.UDP, Layer.DATA);
        assertThat(layers(decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(3544, 53, inner6))))))
                .endsWith(Layer.UDP, Layer.DATA);
        // An authentication header announcing more than the datagram holds.
        byte[] overlongAuthentication = new Bytes().u16(1).u8(200).u8(200).zeros(10).toArray();
        Packet ot = decode(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(3797, 3544, overlongAuthentication))));
        assertThat(layers(ot)).endsWith(Layer.UDP, Layer.TEREDO);
        assertThat(ot.hasProblem(Problem.BAD_HEADER_LENGTH)).isTrue();
    }

    /** An AYIYA header (idlen 4, idtype 1, siglen 5, SHA-1, shared secret) with its identity and signature, then {@code payload}. */
    private static byte[] ayiya(int opcode, int nextHeader, byte[] payload) {
        return new Bytes().u8(0x41).u8(0x52).u8(0x10 | opcode).u8(nextHeader).u32(1257655296).zeros(16).zeros(20).raw(payload)
                .toArray();
    }

    /**
     * Serial links: PPP (LINKTYPE_PPP 9) with the address and control bytes, without them, or with
     * the protocol compressed to one byte; PPP in HDLC-like framing (50), where Cisco's framing is
     * told by its address and sits under an empty PPP item; Cisco HDLC (104). The layers are the
     * ones tshark 4.0 lists in frame.protocols for the same bytes ("ppp:ip:tcp", "ppp:chdlc:ip:tcp",
     * "chdlc:ipv6:tcp", "chdlc:slarp").
     */
    @Test
    void serialLinksCarryPppOrCiscoHdlc() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 80, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] ip6 = ipv6("2001:db8::1", "2001:db8::2", 6, tcp(1235, 80, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        byte[][] ppp = {new Bytes().u8(0xFF).u8(0x03).u16(0x0021).raw(ip).toArray(), new Bytes().u16(0x0021).raw(ip).toArray(),
            new Bytes().u8(0x21).raw(ip).toArray()};
        int[] lengths = {4, 2, 1};
        for (int i = 0; i < ppp.length; i++) {
            Packet p = decode(9, ppp[i]);
            assertThat(layers(p)).as("form %d", i).containsExactly(Layer.PPP, Layer.IPV4, Layer.TCP);
            assertThat(p.headerLength(0)).isEqualTo(lengths[i]);
        }
        assertThat(layers(decode(9, new Bytes().u8(0xFF).u8(0x03).u16(0x0057).raw(ip6).toArray())))
                .containsExactly(Layer.PPP, Layer.IPV6, Layer.TCP);
        assertThat(layers(decode(50, ppp[0]))).containsExactly(Layer.PPP, Layer.IPV4, Layer.TCP);
        Packet cisco = decode(50, new Bytes().u8(0x0F).u8(0).u16(0x0800).raw(ip).toArray());
        assertThat(layers(cisco)).containsExactly(Layer.PPP, Layer.CHDLC, Layer.IPV4, Layer.TCP);
        assertThat(cisco.headerLength(0)).isZero();
        assertThat(layers(decode(104, new Bytes().u8(0x8F).u8(0).u16(0x86DD).raw(ip6).toArray())))
                .containsExactly(Layer.CHDLC, Layer.IPV6, Layer.TCP);
        assertThat(layers(decode(104, new Bytes().u8(0x0F).u8(0).u16(0x8035).zeros(28).toArray()))).containsExactly(Layer.CHDLC);
        Packet cut = decode(104, new Bytes().u8(0x0F).u8(0).toArray());
        assertThat(layers(cut)).containsExactly(Layer.CHDLC);
        assertThat(cut.hasProblem(Problem.TRUNCATED_HEADER)).isTrue();
        assertThat(decode(9, new byte[0]).layerCount()).isZero();
    }

    /**
     * NFLOG (239): family, version, resource id, then little-endian attributes padded to 4 bytes;
     * the payload attribute (9) is the IP datagram. tshark 4.0 on the same bytes: "nflog:ip:tcp",
     * "nflog:ipv6:tcp", and "nflog" alone for attributes it cannot walk (big-endian lengths).
     */
    @Test
    void nflogCarriesTheLoggedDatagram() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 80, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] ip6 = ipv6("2001:db8::1", "2001:db8::2", 6, tcp(1235, 80, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        Packet v4 = decode(239, nflog(2, true, ip));
        assertThat(layers(v4)).containsExactly(Layer.NFLOG, Layer.IPV4, Layer.TCP);
        assertThat(v4.headerLength(0)).as("header, packet-header and prefix attributes, payload's own header").isEqualTo(28);
        assertThat(layers(decode(239, nflog(10, true, ip6)))).containsExactly(Layer.NFLOG, Layer.IPV6, Layer.TCP);
        assertThat(layers(decode(239, nflog(2, false, ip)))).containsExactly(Layer.NFLOG);
        // The payload attribute cut by the snaplen: the datagram is as far as it was captured.
        byte[] whole = nflog(2, true, ip);
        Packet cut = decode(239, java.util.Arrays.copyOf(whole, whole.length - 10), whole.length, 0);
        assertThat(layers(cut)).startsWith(Layer.NFLOG, Layer.IPV4, Layer.TCP);
        assertThat(layers(decode(239, new byte[] {2, 0}))).containsExactly(Layer.NFLOG);
    }

    /**
     * pflog (117): the header's first byte is its length, padded to 4 (61 -> 64, 100 stays); the
     * second the family: 2 IPv4, 24/28/30 IPv6 (OpenBSD, FreeBSD, macOS); another leaves data.
     * tshark 4.0 on the same bytes: "pflog:ip:tcp", "pflog:ipv6:tcp", "pflog:data".
     */
    @Test
    void pflogCarriesTheLoggedDatagram() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 22, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] ip6 = ipv6("2001:db8::1", "2001:db8::2", 6, tcp(1235, 22, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        Packet v4 = decode(117, new Bytes().u8(61).u8(2).u8(0).u8(1).raw("em0".getBytes()).zeros(57).raw(ip).toArray());
        assertThat(layers(v4)).containsExactly(Layer.PFLOG, Layer.IPV4, Layer.TCP);
        assertThat(v4.headerLength(0)).isEqualTo(64);
        for (int family : new int[] {24, 28, 30}) {
            assertThat(layers(decode(117, new Bytes().u8(100).u8(family).zeros(98).raw(ip6).toArray())))
                    .as("family %d", family).containsExactly(Layer.PFLOG, Layer.IPV6, Layer.TCP);
        }
        assertThat(layers(decode(117, new Bytes().u8(61).u8(99).zeros(62).raw(ip).toArray()))).containsExactly(Layer.PFLOG, Layer.DATA);
        Packet cut = decode(117, new Bytes().u8(61).u8(2).zeros(20).toArray());
        assertThat(layers(cut)).containsExactly(Layer.PFLOG);
        assertThat(cut.hasProblem(Problem.TRUNCATED_HEADER)).isTrue();
    }

    /**
     * 802.11 (105) and radiotap (127): a data frame's header is 24 bytes, 30 with four addresses,
     * +2 for QoS, +4 more with HT control; LLC/SNAP and IP follow unless the frame is protected or
     * a null function; other types stay whole. Radiotap's Flags field, found after the present
     * words and the aligned TSFT, says whether an FCS ends the frame. tshark 4.0 on the same
     * kinds of frames: "radiotap:wlan_radio:wlan:llc:ip:tcp", "wlan:llc:ip:tcp", "wlan:data", "wlan".
     */
    @Test
    void wirelessFramesCarryLlcAndIp() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 80, 1, 0, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS));
        byte[] snap = new Bytes().u8(0xAA).u8(0xAA).u8(0x03).zeros(3).u16(0x0800).raw(ip).toArray();
        int[][] kinds = {{0x08, 0x02, 24}, {0x88, 0x01, 26}, {0x88, 0x03, 32}, {0x88, 0x81, 30}};
        for (int[] kind : kinds) {
            byte[] frame = new Bytes().u8(kind[0]).u8(kind[1]).zeros(kind[2] - 2).raw(snap).toArray();
            Packet p = decode(105, frame);
            assertThat(layers(p)).as("control %02x flags %02x", kind[0], kind[1])
                    .containsExactly(Layer.WLAN, Layer.LLC, Layer.IPV4, Layer.TCP);
            assertThat(p.headerLength(0)).isEqualTo(kind[2]);
        }
        assertThat(layers(decode(105, new Bytes().u8(0x08).u8(0x42).zeros(22).zeros(40).toArray())))
                .containsExactly(Layer.WLAN, Layer.DATA);
        assertThat(layers(decode(105, new Bytes().u8(0xC8).u8(0x01).zeros(24).toArray()))).containsExactly(Layer.WLAN);
        assertThat(layers(decode(105, new Bytes().u8(0x80).u8(0).zeros(40).toArray()))).containsExactly(Layer.WLAN);

        byte[] data = new Bytes().u8(0x08).u8(0x02).zeros(22).raw(snap).toArray();
        byte[] plain = new Bytes().u8(0).u8(0).u8(8).u8(0).zeros(4).raw(data).toArray();
        assertThat(layers(decode(127, plain))).containsExactly(Layer.RADIOTAP, Layer.WLAN_RADIO, Layer.WLAN, Layer.LLC,
                Layer.IPV4, Layer.TCP);
        // TSFT (8 bytes at 8) then Flags with the FCS bit: the frame's last 4 bytes are no data.
        byte[] fcs = new Bytes().u8(0).u8(0).u8(17).u8(0).u8(3).zeros(3).zeros(8).u8(0x10).raw(data).u32(0x01020304).toArray();
        Packet withFcs = decode(127, fcs);
        assertThat(layers(withFcs)).endsWith(Layer.IPV4, Layer.TCP);
        assertThat(withFcs.reportedEnd(2) - withFcs.start(2)).as("the 802.11 frame ends before its FCS").isEqualTo(data.length);
        // Two present words (bit 31), then Flags at byte 12.
        byte[] extended = new Bytes().u8(0).u8(0).u8(13).u8(0).u8(2).u8(0).u8(0).u8(0x80).zeros(4).u8(0x10).raw(data)
                .u32(0x01020304).toArray();
        Packet twoWords = decode(127, extended);
        assertThat(layers(twoWords)).endsWith(Layer.IPV4, Layer.TCP);
        assertThat(twoWords.reportedEnd(2) - twoWords.start(2)).isEqualTo(data.length);
        Packet noFcs = decode(127, plain);
        assertThat(noFcs.reportedEnd(2) - noFcs.start(2)).isEqualTo(data.length);
        // A length of 2, below radiotap's fixed 8 bytes: the frame is read after those 8.
        Packet lying = decode(127, new Bytes().u8(0).u8(0).u8(2).u8(0).zeros(4).raw(data).toArray());
        assertThat(layers(lying)).containsExactly(Layer.RADIOTAP, Layer.WLAN_RADIO, Layer.WLAN, Layer.LLC, Layer.IPV4, Layer.TCP);
        Packet cut = decode(127, new Bytes().u8(0).u8(0).u8(40).u8(0).zeros(4).toArray());
        assertThat(layers(cut)).containsExactly(Layer.RADIOTAP);
        assertThat(cut.hasProblem(Problem.TRUNCATED_HEADER)).isTrue();
    }

    /** An NFLOG record: its header, a packet-header attribute, a prefix "test", then the payload. */
    private static byte[] nflog(int family, boolean littleEndian, byte[] payload) {
        Bytes b = new Bytes().u8(family).u8(0).u16(5);
        int[][] attributes = {{8, 1}, {9, 10}, {4 + payload.length, 9}};
        byte[][] values = {new Bytes().u16(family == 2 ? 0x0800 : 0x86DD).u8(3).u8(0).toArray(), "test\0".getBytes(), payload};
        for (int i = 0; i < attributes.length; i++) {
            int length = attributes[i][0];
            int type = attributes[i][1];
            b = littleEndian ? b.u8(length & 0xFF).u8(length >> 8).u8(type).u8(0) : b.u16(length).u16(type);
            b = b.raw(values[i]).zeros((4 - length % 4) % 4);
        }
        return b.toArray();
    }

    @Test
    void randomBytesOnEveryLinkTypeNeverThrowNorHitADecoderBug() {
        Random random = new Random(7);
        int[] linkTypes = {0, 1, 9, 12, 14, 50, 101, 104, 105, 107, 108, 113, 117, 127, 178, 198, 226, 228, 229, 239, 276,
            9999};
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, 4, TcpHeader.SYN, 5, SYN_OPTIONS, new byte[30]));
        byte[][] seeds = {
            ethernet(0x0800, ip),
            // Tunnels: GRE with every optional field carrying Ethernet, VXLAN, Geneve with an option.
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                    new Bytes().u16(0xB000).u16(0x6558).zeros(12).raw(ethernet(0x0800, ip)).toArray())),
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17,
                    udp(50000, 4789, new Bytes().u8(8).zeros(7).raw(ethernet(0x0800, ip)).toArray()))),
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17,
                    udp(50000, 6081, new Bytes().u8(1).u8(0).u16(0x0800).zeros(8).raw(ip).toArray()))),
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17,
                    udp(2152, 2152, new Bytes().u8(0x36).u8(0xFF).u16(0).u32(1).zeros(3).u8(0x85).u8(1).zeros(3).raw(ip).toArray()))),
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(53859, 5072, ayiya(1, 4, ip)))),
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47,
                    new Bytes().u16(0x3081).u16(0x880B).u16(0).u16(7).u32(1).u32(1).u8(0xFF).u8(0x03).u16(0x21).raw(ip).toArray())),
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(3797, 3544,
                    new Bytes().u16(1).u8(1).u8(1).zeros(11).u16(0).zeros(6)
                            .raw(ipv6("2001::1", "2001::2", 6, tcp(1, 2, 3, 4, TcpHeader.SYN, 5, NO_OPTIONS, NO_OPTIONS))).toArray()))),
            // The round of 2026-12-05: Frame Relay (Cisco's and RFC 2427's), Juniper's and ipnet's
            // headers, MACsec, PIM Register, an IPv6 header under IPv4's EtherType.
            new Bytes().u8(0x18).u8(0x41).u16(0x0800).raw(ip).toArray(),
            new Bytes().u8(0x80).u8(0xE0).u8(0x12).u8(0x9D).u8(0x03).u8(0x80).zeros(3).u16(0x0800).raw(ip).toArray(),
            new Bytes().u8(0x4D).u8(0x47).u8(0x43).u8(0x80).u16(6).u8(1).u8(4).u32(7).raw(ethernet(0x0800, ip)).toArray(),
            new Bytes().u8(1).u8(2).u16(0).u32(ip.length).zeros(16).raw(ip).toArray(),
            ethernet(0x88E5, new Bytes().u8(0x20).u8(0).u32(1).zeros(8).u16(0x0800).raw(ip).zeros(16).toArray()),
            ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 103, new Bytes().u8(0x21).zeros(7).raw(ip).toArray())),
            ethernet(0x0800, ipv6("2001::1", "2001::2", 6, tcp(1, 2, 3, 4, TcpHeader.SYN, 5, SYN_OPTIONS, new byte[30]))),
        };
        for (int i = 0; i < 200_000; i++) {
            byte[] frame = random.nextInt(3) == 0 ? new byte[random.nextInt(120)] : seeds[random.nextInt(seeds.length)].clone();
            if (frame.length > 0) {
                for (int k = 0; k < 1 + random.nextInt(6); k++) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                }
            } else {
                continue;
            }
            Packet p = decode(linkTypes[random.nextInt(linkTypes.length)], frame, frame.length + random.nextInt(3) * 40, i);
            assertThat(p.hasProblem(Problem.DECODER_BUG)).as("frame %d", i).isFalse();
        }
    }
}
