package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spanning tree BPDUs as tshark 4.0 reads them (packet-bpdu.c), after LLC's SAP 0x42 or Cisco's
 * PVST+ SNAP header: configuration, RST (with the topology change flag), topology change
 * notification, MST, an unknown type, and a BPDU cut before its port identifier (malformed, no
 * field shown). Expected: tshark 4.0.17 on the same bytes. Not decoded: a GARP application's
 * frame (GVRP, GMRP), which tshark tells from a BPDU by its group address; tcplens leaves it as
 * LLC, and the MST instances' records, whose flags tshark adds to the stp.flags.* fields.
 */
class StpBpduTest {
    private static final String STP_GROUP = "01:80:c2:00:00:00";
    private static final String LLC = "42:42:03";

    private static byte[] bpdu(int version, int type, int flags, int rootPriority, String rootMac, long cost,
                               int bridgePriority, String bridgeMac, int port, byte[] extra) {
        return new Bytes().u16(0).u8(version).u8(type).u8(flags).u16(rootPriority).hex(rootMac).u32(cost)
                .u16(bridgePriority).hex(bridgeMac).u16(port).u16(0).u16(20 * 256).u16(2 * 256).u16(15 * 256)
                .raw(extra).toArray();
    }

    private static byte[] ieee8023(String destination, String llc, byte[] body) {
        byte[] header = new Bytes().hex(llc).toArray();
        return new Bytes().hex(destination).hex("00:11:22:33:44:55").u16(header.length + body.length).raw(header)
                .raw(body).toArray();
    }

    @Test
    void bpdusAsTsharkShowsThem(@TempDir Path dir) throws IOException {
        byte[] configuration = bpdu(0, 0, 0, 0x8001, "00:aa:bb:cc:dd:ee", 4, 0x8001, "00:11:22:33:44:55", 0x8002, new byte[0]);
        Path capture = dir.resolve("stp.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                ieee8023(STP_GROUP, LLC, configuration),
                ieee8023(STP_GROUP, LLC, bpdu(2, 2, 0x3d, 0x1000, "00:aa:bb:cc:dd:ee", 20000, 0x8000, "00:11:22:33:44:55",
                        0x8003, new byte[1])),
                ieee8023(STP_GROUP, LLC, new Bytes().u16(0).u8(0).u8(0x80).toArray()),
                ieee8023(STP_GROUP, LLC, bpdu(3, 2, 0x7c, 0, "00:aa:bb:cc:dd:ee", 0, 0x8000, "00:11:22:33:44:55", 0x800f,
                        new Bytes().u8(0).u16(64).zeros(64).toArray())),
                // Cisco's PVST+ to its own group address.
                ieee8023("01:00:0c:cc:cc:cd", "aa:aa:03:00:00:0c:01:0b", bpdu(2, 2, 0x0e, 0x8001, "00:aa:bb:cc:dd:ee", 0,
                        0x8001, "00:aa:bb:cc:dd:ee", 0x8004, new byte[1])),
                ieee8023(STP_GROUP, LLC, Arrays.copyOf(configuration, 20)),
                ieee8023(STP_GROUP, LLC, new Bytes().u16(0).u8(0).u8(0x55).zeros(30).toArray())));
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.protocols",
                "-e", "stp.version", "-e", "stp.type", "-e", "stp.flags", "-e", "stp.flags.tcack", "-e", "stp.flags.tc",
                "-e", "stp.root.prio", "-e", "stp.root.ext", "-e", "stp.root.hw", "-e", "stp.root.cost", "-e", "stp.bridge.prio",
                "-e", "stp.bridge.ext", "-e", "stp.bridge.hw", "-e", "stp.port", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info")
                .lines()).containsExactly(
                "eth:llc:stp\t0\t0x00\t0x00\t0\t0\t32768\t1\t00:aa:bb:cc:dd:ee\t4\t32768\t1\t00:11:22:33:44:55\t0x8002\tSTP\t"
                        + "Conf. Root = 32768/1/00:aa:bb:cc:dd:ee  Cost = 4  Port = 0x8002",
                "eth:llc:stp\t2\t0x02\t0x3d\t0\t1\t4096\t0\t00:aa:bb:cc:dd:ee\t20000\t32768\t0\t00:11:22:33:44:55\t0x8003\tSTP\t"
                        + "RST. TC + Root = 4096/0/00:aa:bb:cc:dd:ee  Cost = 20000  Port = 0x8003",
                "eth:llc:stp\t0\t0x80\t\t\t\t\t\t\t\t\t\t\t\tSTP\tTopology Change Notification",
                "eth:llc:stp\t3\t0x02\t0x7c\t0\t0\t0\t0\t00:aa:bb:cc:dd:ee\t0\t32768\t0\t00:11:22:33:44:55\t0x800f\tSTP\t"
                        + "MST. Root = 0/0/00:aa:bb:cc:dd:ee  Cost = 0  Port = 0x800f",
                "eth:llc:stp\t2\t0x02\t0x0e\t0\t0\t32768\t1\t00:aa:bb:cc:dd:ee\t0\t32768\t1\t00:aa:bb:cc:dd:ee\t0x8004\tSTP\t"
                        + "RST. Root = 32768/1/00:aa:bb:cc:dd:ee  Cost = 0  Port = 0x8004",
                "eth:llc:stp\t\t\t\t\t\t\t\t\t\t\t\t\t\tSTP\t[Malformed Packet]",
                "eth:llc:stp\t0\t0x55\t\t\t\t\t\t\t\t\t\t\t\tSTP\tUnknown BPDU type (85)");
        // RST's own flags (tshark shows them for type 0x02 only).
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "stp.type",
                "-e", "stp.flags.agreement", "-e", "stp.flags.forwarding", "-e", "stp.flags.learning",
                "-e", "stp.flags.port_role", "-e", "stp.flags.proposal").lines()).containsExactly(
                "0x00\t\t\t\t\t", "0x02\t0\t1\t1\t3\t0", "0x80\t\t\t\t\t", "0x02\t1\t1\t1\t3\t0",
                "0x02\t0\t0\t0\t3\t1", "\t\t\t\t\t", "0x55\t\t\t\t\t");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "stp.flags.tc == 1").lines()).containsExactly(
                "    2   1.000000 00:11:22:33:44:55 \u2192 01:80:c2:00:00:00 STP 53 RST. TC + Root = 4096/0/00:aa:bb:cc:dd:ee  Cost = 20000  Port = 0x8003");
    }
}
