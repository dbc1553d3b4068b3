package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The info column of the segments of an HTTP message split across segments: Wireshark's HTTP
 * writes the start line on each frame it dissects the message again with (its head or a chunked
 * body incomplete: it asks for one more segment), not on the frames of a Content-Length body (asked
 * for whole), and nothing while the start line itself is incomplete. Expected: tshark 4.0.17 -n on
 * the same bytes (protocol and info columns).
 */
class HttpSegmentInfoTest {
    private static final int PSH_ACK = 0x18;
    private static final String REASSEMBLED = "[TCP segment of a reassembled PDU]";

    @Test
    void startLinesAndMarkersAreTsharks(@TempDir Path dir) throws IOException {
        Dialogue d = new Dialogue();
        d.client("GET / HT");
        d.client("TP/1.1\r\nHo");
        d.client("st: a\r\n\r\n");
        d.server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
        d.server("lo\r\n3\r\nabc\r\n");
        d.server("0\r\n\r\n");
        d.server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
        d.server("678");
        d.server("90");
        Path capture = dir.resolve("http-segments.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, d.frames.toArray(new byte[0][])));

        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "_ws.col.Protocol", "-e", "_ws.col.Info").lines()).containsExactly(
                "TCP|40000 \u2192 80 [PSH, ACK] Seq=1 Ack=1 Win=8192 Len=8 " + REASSEMBLED,
                "TCP|GET / HTTP/1.1  " + REASSEMBLED,
                "HTTP|GET / HTTP/1.1 ",
                "TCP|HTTP/1.1 200 OK  " + REASSEMBLED,
                "TCP|HTTP/1.1 200 OK  " + REASSEMBLED,
                "HTTP|HTTP/1.1 200 OK ",
                "TCP|HTTP/1.1 200 OK  " + REASSEMBLED,
                "TCP|80 \u2192 40000 [PSH, ACK] Seq=115 Ack=28 Win=8192 Len=3 " + REASSEMBLED,
                "HTTP|HTTP/1.1 200 OK ");
    }

    /** Segments of one connection without its handshake, each side's numbers following on. */
    private static final class Dialogue {
        final List<byte[]> frames = new ArrayList<>();
        long clientSeq = 1000;
        long serverSeq = 5000;

        void client(String text) {
            byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
            frames.add(Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                    Frames.tcp(40000, 80, clientSeq, serverSeq, PSH_ACK, 8192, new byte[0], payload))));
            clientSeq += payload.length;
        }

        void server(String text) {
            byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
            frames.add(Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                    Frames.tcp(80, 40000, serverSeq, clientSeq, PSH_ACK, 8192, new byte[0], payload))));
            serverSeq += payload.length;
        }
    }
}
