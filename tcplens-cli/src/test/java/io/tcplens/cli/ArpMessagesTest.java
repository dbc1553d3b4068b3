package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARP as tshark 4.0 reads it (packet-arp.c): the addresses as fields, RFC 5227's probes and
 * announcements, gratuitous requests and replies, a duplicate use of an address found in one
 * pass (the first MAC address that binds an address stays its binding), reverse ARP, an unknown
 * opcode, a hardware type whose addresses are bytes, and a message whose addresses overrun the
 * frame. Expected: tshark 4.0.17 on the same bytes (the fields below and the summary lines).
 */
class ArpMessagesTest {
    private static final String A = "02:00:00:00:00:0a";
    private static final String B = "02:00:00:00:00:0b";
    private static final String C = "02:00:00:00:00:0c";
    private static final String D = "02:00:00:00:00:0d";
    private static final String ZERO = "00:00:00:00:00:00";
    private static final String ALL = "ff:ff:ff:ff:ff:ff";

    private static byte[] frame(String destination, String source, int etherType, byte[] message) {
        return new Bytes().hex(destination).hex(source).u16(etherType).raw(message).toArray();
    }

    private static byte[] arp(int hardwareType, int op, String senderMac, String senderIp, String targetMac, String targetIp) {
        return new Bytes().u16(hardwareType).u16(0x0800).u8(6).u8(4).u16(op).hex(senderMac).raw(ip(senderIp))
                .hex(targetMac).raw(ip(targetIp)).toArray();
    }

    private static byte[] ip(String dotted) {
        return io.tcplens.testing.Frames.ipv4Address(dotted);
    }

    @Test
    void fieldsAndInfoAsTsharkShowsThem(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("arp.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                frame(ALL, A, 0x0806, arp(1, 1, A, "10.0.0.1", ZERO, "10.0.0.2")),
                frame(A, B, 0x0806, arp(1, 2, B, "10.0.0.2", A, "10.0.0.1")),
                // A probe, an announcement, gratuitous request and reply.
                frame(ALL, C, 0x0806, arp(1, 1, C, "0.0.0.0", ZERO, "10.0.0.9")),
                frame(ALL, C, 0x0806, arp(1, 1, C, "10.0.0.9", ZERO, "10.0.0.9")),
                frame(ALL, C, 0x0806, arp(1, 1, C, "10.0.0.9", ALL, "10.0.0.9")),
                frame(ALL, C, 0x0806, arp(1, 2, C, "10.0.0.9", ALL, "10.0.0.9")),
                // D claims 10.0.0.2, bound to B. In a reply tshark checks the target's binding
                // after the sender's and keeps only that verdict: A still has 10.0.0.1, so no
                // duplicate is shown; in a request the target is not checked, and it is.
                frame(A, D, 0x0806, arp(1, 2, D, "10.0.0.2", A, "10.0.0.1")),
                frame(ALL, D, 0x0806, arp(1, 1, D, "10.0.0.2", ZERO, "10.0.0.1")),
                // Reverse ARP (EtherType 0x8035), an unknown opcode, Frame Relay's hardware type.
                frame(ALL, A, 0x8035, arp(1, 3, A, "0.0.0.0", A, "0.0.0.0")),
                frame(A, B, 0x8035, arp(1, 4, B, "10.0.0.2", A, "10.0.0.1")),
                frame(ALL, A, 0x0806, arp(1, 0x0102, A, "10.0.0.1", ZERO, "10.0.0.2")),
                frame(ALL, A, 0x0806, arp(15, 2, "0a:0b:0c:0d:0e:0f", "10.0.0.5", ZERO, "10.0.0.1")),
                // Protocol addresses of 101 bytes: past the frame's end.
                frame(ALL, A, 0x0806, new Bytes().u16(1).u16(0x0800).u8(6).u8(101).u16(1).zeros(20).toArray())));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "arp.hw.type",
                "-e", "arp.proto.type", "-e", "arp.opcode", "-e", "arp.isgratuitous", "-e", "arp.isprobe",
                "-e", "arp.isannouncement", "-e", "arp.src.hw_mac", "-e", "arp.src.proto_ipv4", "-e", "arp.dst.hw_mac",
                "-e", "arp.dst.proto_ipv4", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info").lines()).containsExactly(
                "1\t0x0800\t1\t\t\t\t02:00:00:00:00:0a\t10.0.0.1\t00:00:00:00:00:00\t10.0.0.2\tARP\tWho has 10.0.0.2? Tell 10.0.0.1",
                "1\t0x0800\t2\t\t\t\t02:00:00:00:00:0b\t10.0.0.2\t02:00:00:00:00:0a\t10.0.0.1\tARP\t10.0.0.2 is at 02:00:00:00:00:0b",
                "1\t0x0800\t1\t\t1\t\t02:00:00:00:00:0c\t0.0.0.0\t00:00:00:00:00:00\t10.0.0.9\tARP\tWho has 10.0.0.9? (ARP Probe)",
                "1\t0x0800\t1\t1\t\t1\t02:00:00:00:00:0c\t10.0.0.9\t00:00:00:00:00:00\t10.0.0.9\tARP\tARP Announcement for 10.0.0.9",
                "1\t0x0800\t1\t1\t\t\t02:00:00:00:00:0c\t10.0.0.9\tff:ff:ff:ff:ff:ff\t10.0.0.9\tARP\tGratuitous ARP for 10.0.0.9 (Request)",
                "1\t0x0800\t2\t1\t\t\t02:00:00:00:00:0c\t10.0.0.9\tff:ff:ff:ff:ff:ff\t10.0.0.9\tARP\tGratuitous ARP for 10.0.0.9 (Reply)",
                "1\t0x0800\t2\t\t\t\t02:00:00:00:00:0d\t10.0.0.2\t02:00:00:00:00:0a\t10.0.0.1\tARP\t10.0.0.2 is at 02:00:00:00:00:0d",
                "1\t0x0800\t1\t\t\t\t02:00:00:00:00:0d\t10.0.0.2\t00:00:00:00:00:00\t10.0.0.1\tARP\tWho has 10.0.0.1? Tell 10.0.0.2 (duplicate use of 10.0.0.2 detected!)",
                "1\t0x0800\t3\t\t\t\t02:00:00:00:00:0a\t0.0.0.0\t02:00:00:00:00:0a\t0.0.0.0\tRARP\tWho is 02:00:00:00:00:0a? Tell 02:00:00:00:00:0a",
                "1\t0x0800\t4\t\t\t\t02:00:00:00:00:0b\t10.0.0.2\t02:00:00:00:00:0a\t10.0.0.1\tRARP\t02:00:00:00:00:0a is at 10.0.0.1",
                "1\t0x0800\t258\t\t\t\t02:00:00:00:00:0a\t10.0.0.1\t00:00:00:00:00:00\t10.0.0.2\tARP\tUnknown ARP opcode 0x0102",
                "15\t0x0800\t2\t\t\t\t\t10.0.0.5\t\t10.0.0.1\tARP\t10.0.0.5 is at 0a0b0c0d0e0f",
                "1\t0x0800\t1\t\t\t\t\t\t\t\tARP\t[Malformed Packet]");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "arp.isprobe or arp.isannouncement").lines())
                .containsExactly(
                "    3   2.000000 02:00:00:00:00:0c \u2192 ff:ff:ff:ff:ff:ff ARP 42 Who has 10.0.0.9? (ARP Probe)",
                "    4   3.000000 02:00:00:00:00:0c \u2192 ff:ff:ff:ff:ff:ff ARP 42 ARP Announcement for 10.0.0.9");
    }

    /** A cooked capture has only the sender's address: tshark shows it as the source, no destination. */
    @Test
    void aCookedCapturesSourceIsTheSendersAddress(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("sll.pcap");
        byte[] message = arp(1, 1, A, "10.0.0.1", ZERO, "10.0.0.2");
        Files.write(capture, CaptureFilesBuilder.pcapOf(113,
                new Bytes().u16(4).u16(1).u16(6).hex(A).hex("00:00").u16(0x0806).raw(message).toArray()));
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines()).containsExactly(
                "    1   0.000000 02:00:00:00:00:0a \u2192              ARP 44 Who has 10.0.0.2? Tell 10.0.0.1");
    }
}
