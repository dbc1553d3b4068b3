package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcp.completeness of a conversation's first frame when it is a SYN with other bits: tshark 4.0
 * counts only the SYN (and its data) when the frame creates the conversation, and adds the
 * frame's other bits in the second pass, after the frame has shown its value. A stream of one
 * such frame therefore shows SYN (and data) alone; with later frames, the final value has every
 * bit. nDPI's ip_fragmented_garbage.pcap has a lone SYN+RST with data (9 in tshark, not 41).
 * Expected: tshark 4.0.17 -n -2 on the same bytes.
 */
class FirstFrameCompletenessTest {
    @Test
    void aLoneSynShowsOnlyItsSynAndDataBits(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("syn-rst.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                segment("192.0.2.1", "192.0.2.2", 40001, 80, 0x006, "abcd"),   // SYN+RST with data, alone
                segment("192.0.2.1", "192.0.2.2", 40002, 80, 0x006, ""),       // SYN+RST, alone
                segment("192.0.2.1", "192.0.2.2", 40003, 80, 0x003, ""),       // SYN+FIN, alone
                segment("192.0.2.1", "192.0.2.2", 40004, 80, 0x006, ""),       // SYN+RST, then a RST back
                segment("192.0.2.2", "192.0.2.1", 80, 40004, 0x004, "")));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.flags", "-e", "tcp.len", "-e", "tcp.stream", "-e", "tcp.completeness").lines()).containsExactly(
                "1\t0x0006\t4\t0\t9",
                "2\t0x0006\t0\t1\t1",
                "3\t0x0003\t0\t2\t1",
                "4\t0x0006\t0\t3\t33",
                "5\t0x0004\t0\t3\t33");
    }

    private static byte[] segment(String src, String dst, int sport, int dport, int flags, String payload) {
        return Frames.ethernet(0x0800, Frames.ipv4(src, dst, 6,
                Frames.tcp(sport, dport, sport == 80 ? 5000 : 1000, 0, flags, flags == 0x004 ? 0 : 8192, new byte[0],
                        payload.getBytes())));
    }
}
