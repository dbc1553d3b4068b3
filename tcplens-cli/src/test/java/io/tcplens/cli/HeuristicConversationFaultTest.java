package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.decode.TcpHeader;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A place where tshark 4.0's stream numbers are wrong and tcplens's are not. VNC's heuristic
 * dissector, on the first segment that looks like an RFB version ("RFB 003.008\n") on a port
 * that is not VNC's, makes a new conversation for the same addresses and ports from that frame
 * on (packet-vnc.c, test_vnc_protocol: conversation_new(pinfo->num, ...)). TCP finds that newer
 * conversation for every later frame; it carries no TCP state, so tshark starts a second stream
 * in the middle of the connection, with the relative numbers restarted: on nDPI's vnc.pcap
 * (port 6900) 3,539 of the connection's frames get stream 1, with sequence numbers 12 bytes
 * short and the window unscaled. With VNC off ({@code --disable-protocol vnc}) tshark numbers
 * the connection as one stream, and tcplens agrees with that on every frame of vnc.pcap (stream,
 * relative seq and ack, window). Expected here: tshark 4.0.17 on the same bytes with VNC off;
 * its default output is kept below to show the fault.
 */
class HeuristicConversationFaultTest {
    /** tshark 4.0.17 by default on the capture below: tcp.stream, tcp.seq, tcp.ack (frames 5 and 6 in a new stream). */
    static final String TSHARK_WITH_VNC = "0\t0\t0|0\t0\t1|0\t1\t1|0\t1\t1|1\t1\t1|1\t1\t13";

    @Test
    void aHeuristicDissectorsNewConversationDoesNotSplitTheStream(@TempDir Path dir) throws IOException {
        int syn = TcpHeader.SYN;
        int ack = TcpHeader.ACK;
        int psh = TcpHeader.PSH;
        byte[] version = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
        Path capture = dir.resolve("vnc-heuristic.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1,
                segment(true, 1000, 0, syn, new byte[0]),
                segment(false, 5000, 1001, syn | ack, new byte[0]),
                segment(true, 1001, 5001, ack, new byte[0]),
                segment(false, 5001, 1001, psh | ack, version),
                segment(true, 1001, 5013, psh | ack, version),
                segment(false, 5013, 1013, ack, new byte[0])));

        String ours = String.join("|", TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields",
                "-e", "tcp.stream", "-e", "tcp.seq", "-e", "tcp.ack").lines());
        // tshark 4.0.17 --disable-protocol vnc on the same bytes.
        assertThat(ours).isEqualTo("0\t0\t0|0\t0\t1|0\t1\t1|0\t1\t1|0\t1\t13|0\t13\t13")
                .isNotEqualTo(TSHARK_WITH_VNC);
    }

    /** Client 10.0.0.1:40000, server 10.0.0.2:6900 (not a VNC port: only the heuristic finds it). */
    private static byte[] segment(boolean client, long seq, long ackNumber, int flags, byte[] payload) {
        byte[] tcp = Frames.tcp(client ? 40000 : 6900, client ? 6900 : 40000, seq, ackNumber, flags, 8192,
                new byte[0], payload);
        return Frames.ethernet(0x0800, Frames.withTcpChecksum(Frames.ipv4(client ? "10.0.0.1" : "10.0.0.2",
                client ? "10.0.0.2" : "10.0.0.1", 6, tcp)));
    }
}
