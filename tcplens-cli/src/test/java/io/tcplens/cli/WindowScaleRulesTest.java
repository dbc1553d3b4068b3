package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which window scale applies after SYNs and SYN-ACKs with and without the option, retransmitted
 * or not, and the order of the markers on a SYN-ACK that reuses the ports: the differences
 * scripts/fuzz-streams.py found between tcplens and tshark 4.0 on random dialogues, each on its
 * own client port, with an ACK from each side after the handshake packets. Expected: tshark
 * 4.0.17 -n on the same bytes.
 */
class WindowScaleRulesTest {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    /** MSS 1460, NOP, window scale 7. */
    private static final byte[] WS = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 7};
    private static final byte[] NONE = {};

    @Test
    void scaleFactorsAndPortReuseMarkersAreTsharks(@TempDir Path dir) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        // 2001: SYN with the option, its retransmission without, SYN-ACK with: 7 both ways.
        dialogue(frames, 2001, client(2001, 100, 0, SYN, WS), client(2001, 100, 0, SYN, NONE), server(2001, 900, 101, SYN | ACK, WS));
        // 2002: SYN without, its retransmission with, SYN-ACK with: 7 both ways.
        dialogue(frames, 2002, client(2002, 100, 0, SYN, NONE), client(2002, 100, 0, SYN, WS), server(2002, 900, 101, SYN | ACK, WS));
        // 2003: SYN with, SYN-ACK without: no scaling either way.
        dialogue(frames, 2003, client(2003, 100, 0, SYN, WS), server(2003, 900, 101, SYN | ACK, NONE));
        // 2004: SYN with, SYN-ACK without, SYN-ACK retransmitted with: still none either way.
        dialogue(frames, 2004, client(2004, 100, 0, SYN, WS), server(2004, 900, 101, SYN | ACK, NONE),
                server(2004, 900, 101, SYN | ACK, WS));
        // 2005: SYN with, SYN-ACK without, SYN retransmitted with: the client's own shift again,
        // the server's none (tshark scales each side by its own).
        dialogue(frames, 2005, client(2005, 100, 0, SYN, WS), server(2005, 900, 101, SYN | ACK, NONE),
                client(2005, 100, 0, SYN, WS));
        // 2006: SYN without, SYN-ACK with: none either way.
        dialogue(frames, 2006, client(2006, 100, 0, SYN, NONE), server(2006, 900, 101, SYN | ACK, WS));
        // 2007: SYN-ACK with (before its SYN), SYN without: none either way.
        dialogue(frames, 2007, server(2007, 900, 101, SYN | ACK, WS), client(2007, 100, 0, SYN, NONE));
        // 2008: both with, then a SYN-ACK with a new, lower ISN without the option (port reuse
        // in tshark's words, and a retransmission, being below the highest sequence number
        // sent): the shifts stay; "[TCP Retransmission]" comes before "[TCP Port numbers reused]".
        dialogue(frames, 2008, client(2008, 100, 0, SYN, WS), server(2008, 900, 101, SYN | ACK, WS),
                server(2008, 500, 101, SYN | ACK, NONE));
        Path capture = dir.resolve("window-scale.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames.toArray(new byte[0][])));

        // Per frame: the client port of the dialogue, the scale factor (empty on SYNs), the window.
        assertThat(String.join(" ", TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields",
                "-E", "separator=:", "-e", "tcp.port", "-e", "tcp.window_size_scalefactor", "-e", "tcp.window_size").lines()))
                .isEqualTo("2001,80::8192 2001,80::8192 80,2001::8192 2001,80:128:1048576 80,2001:128:1048576 2002,80::8192 "
                + "2002,80::8192 80,2002::8192 2002,80:128:1048576 80,2002:128:1048576 2003,80::8192 80,2003::8192 "
                + "2003,80:-2:8192 80,2003:-2:8192 2004,80::8192 80,2004::8192 80,2004::8192 2004,80:-2:8192 "
                + "80,2004:-2:8192 2005,80::8192 80,2005::8192 2005,80::8192 2005,80:128:1048576 80,2005:-2:8192 "
                + "2006,80::8192 80,2006::8192 2006,80:-2:8192 80,2006:-2:8192 80,2007::8192 2007,80::8192 "
                + "2007,80:-2:8192 80,2007:-2:8192 2008,80::8192 80,2008::8192 80,2008::8192 2008,80:128:1048576 "
                + "80,2008:128:1048576");
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "tcp.port == 2008").lines().get(2))
                .contains("[TCP Retransmission] [TCP Port numbers reused] 80 \u2192 2008 [SYN, ACK]");
    }

    /** The packets, then an ACK from the client and one from the server. */
    private static void dialogue(List<byte[]> frames, int port, byte[]... packets) {
        frames.addAll(List.of(packets));
        frames.add(client(port, 101, 901, ACK, NONE));
        frames.add(server(port, 901, 101, ACK, NONE));
    }

    private static byte[] client(int port, long seq, long ack, int flags, byte[] options) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                Frames.tcp(port, 80, seq, ack, flags, 8192, options, new byte[0])));
    }

    private static byte[] server(int port, long seq, long ack, int flags, byte[] options) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                Frames.tcp(80, port, seq, ack, flags, 8192, options, new byte[0])));
    }
}
