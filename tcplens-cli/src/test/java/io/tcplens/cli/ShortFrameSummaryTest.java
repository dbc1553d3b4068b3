package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ethernet frames shorter than their header: a record of no bytes (tcpdump's test capture
 * bgp_vpn_rt-oobr.pcap has 37 of them after its first frame, and the summary line crashed on
 * them, reading the EtherType past the record), a 10-byte frame, and a frame the snapshot length
 * cut to 10 bytes. tshark's Ethernet dissector throws reading them: "[Malformed Packet]", or
 * "[Packet size limited during capture]" when the capture cut the frame. Expected: tshark 4.0.17
 * -n on the same bytes.
 */
class ShortFrameSummaryTest {
    @Test
    void framesShorterThanAnEthernetHeaderAreMalformedOrCut(@TempDir Path dir) throws IOException {
        Bytes pcap = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        byte[] ten = Bytes.fromHex("ffffffffffff00112233");
        CaptureFilesBuilder.pcapRecord(pcap, 1000, 0, ten, 10);
        CaptureFilesBuilder.pcapRecord(pcap, 1001, 0, ten, 60);
        // Last, so that reading past it runs past the file's bytes (the crash).
        CaptureFilesBuilder.pcapRecord(pcap, 1002, 0, new byte[0], 0);
        Path capture = dir.resolve("short-frames.pcap");
        Files.write(capture, pcap.toArray());

        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", capture.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "Ethernet|[Malformed Packet]",
                "Ethernet|[Packet size limited during capture]",
                "Ethernet|[Malformed Packet]");
    }

    /**
     * Linux cooked captures (link types 113 and 276) whose header the record cuts: the summary's
     * source column read the sender's address past the record (status 70, an internal error).
     * Here only the absence of the crash is checked; CutHeaderColumnsTest checks the columns
     * against tshark's ("SLL" or nothing, and "[Malformed Packet]").
     */
    @Test
    void cookedHeadersCutShortDoNotCrashTheList(@TempDir Path dir) throws IOException {
        for (int linkType : new int[] {113, 276}) {
            Bytes pcap = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, linkType);
            CaptureFilesBuilder.pcapRecord(pcap, 1000, 0, new byte[] {0, 4, 0, 1, 0}, 5);
            CaptureFilesBuilder.pcapRecord(pcap, 1001, 0, new byte[0], 0);
            Path capture = dir.resolve("sll" + linkType + ".pcap");
            Files.write(capture, pcap.toArray());
            TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", capture.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.lines()).hasSize(2);
        }
    }
}
