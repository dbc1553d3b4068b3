package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
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
    private static final String REASSEMBLED = "[TCP segment of a reassembled PDU]";

    @Test
    void startLinesAndMarkersAreTsharks(@TempDir Path dir) throws IOException {
        Path capture = new TcpDialogue(40000, 80)
                .client("GET / HT")
                .client("TP/1.1\r\nHo")
                .client("st: a\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
                .server("lo\r\n3\r\nabc\r\n")
                .server("0\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345")
                .server("678")
                .server("90")
                .write(dir.resolve("http-segments.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
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

    @Test
    void segmentsThatStartNoMessageAreContinuationOnAnHttpPortAndTheNextRequestIsRead(@TempDir Path dir) throws IOException {
        // After a request on port 80, Wireshark's HTTP calls a segment "Continuation" when it
        // begins with a byte no start line has, or when its first line is no request or status
        // line; a first line not complete yet waits for more (TCP's info with the marker); each
        // next segment is tried as a message's start again. Before, tcplens stopped reading the
        // side at the first such bytes, and the request after them was plain TCP.
        Path capture = new TcpDialogue(40000, 80)
                .client("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .client("\u0000\u0001binary")
                .client("hello")
                .client(" world\r\nmore")
                .client("GET /x HTTP/1.1\r\n\r\n")
                .server("junk line\r\n")
                .write(dir.resolve("http-continuation.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "HTTP|GET / HTTP/1.1 ",
                "HTTP|HTTP/1.1 200 OK ",
                "HTTP|Continuation",
                "TCP|40000 \u2192 80 [PSH, ACK] Seq=36 Ack=41 Win=8192 Len=5 " + REASSEMBLED,
                "HTTP|Continuation",
                "HTTP|GET /x HTTP/1.1 ",
                "HTTP|Continuation");
    }

    @Test
    void onAnHttpPortAConnectionWhoseFirstBytesAreNoHttpIsStillRead(@TempDir Path dir) throws IOException {
        // Port 80, joined inside something else: binary bytes, a line ended by a lone carriage
        // return (a line end to Wireshark), text without a line end (waits for more), its end;
        // Wireshark's HTTP reads each and then the request after them. Before, tcplens left a
        // connection whose first bytes were no HTTP unread, and its request was plain TCP.
        Path capture = new TcpDialogue(40000, 80)
                .client("\u0000\u0001binary")
                .server("Dx\rnot a line feed")
                .client("hello")
                .client(" world\r\nmore")
                .client("GET / HTTP/1.1\r\n\r\n")
                .client("\u0000bin")
                .write(dir.resolve("http-port-joined.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "TCP|40000 \u2192 80 [PSH, ACK] Seq=1 Ack=1 Win=8192 Len=8",
                "TCP|80 \u2192 40000 [PSH, ACK] Seq=1 Ack=9 Win=8192 Len=18",
                "TCP|40000 \u2192 80 [PSH, ACK] Seq=9 Ack=19 Win=8192 Len=5 " + REASSEMBLED,
                "TCP|40000 \u2192 80 [PSH, ACK] Seq=14 Ack=19 Win=8192 Len=12",
                "HTTP|GET / HTTP/1.1 ",
                "HTTP|Continuation");
    }

    /**
     * A body Wireshark's XML dissector reads (text/xml, application/xml, "+xml" types): the
     * protocol column says HTTP/XML and the info column has no media type after the start line,
     * which the media dissector adds for other bodies (nDPI's pps.pcap, starcraft_battle.pcap).
     */
    @Test
    void anXmlBodyIsHttpXmlWithoutItsMediaType(@TempDir Path dir) throws IOException {
        Path capture = new TcpDialogue(40001, 80)
                .client("GET /a HTTP/1.1\r\nHost: a\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\nContent-Length: 8\r\n\r\n<a>b</a>")
                .client("GET /b HTTP/1.1\r\nHost: a\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi")
                .write(dir.resolve("http-xml.pcap"));

        assertThat(TcpDialogue.columns(capture)).containsExactly(
                "HTTP|GET /a HTTP/1.1 ",
                "HTTP/XML|HTTP/1.1 200 OK ",
                "HTTP|GET /b HTTP/1.1 ",
                "HTTP|HTTP/1.1 200 OK  (text/plain)");
    }

    @Test
    void aFirstLineLongerThanTheHeadBoundIsWaitedForAsWiresharkWaits(@TempDir Path dir) throws IOException {
        // On port 8080 after a request, the server sends 73,000 bytes without a line end, then one.
        // Wireshark's HTTP waits for the first line's end however long it gets: every segment is
        // a segment of a reassembled PDU, and the one that ends the line no start line
        // ("Continuation"). Before, tcplens stopped reading the side past 64 KB (MAX_HEAD) and
        // showed plain TCP from there on (ookla.pcap's download on 8080: 2,842 such lines).
        TcpDialogue d = new TcpDialogue(40000, 8080).client("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        for (int i = 0; i < 50; i++) {
            d.server("x".repeat(1460));
        }
        Path capture = d.server("\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").write(dir.resolve("long-line.pcap"));
        List<String> lines = TcpDialogue.columns(capture);
        assertThat(lines).hasSize(52);
        assertThat(lines.get(0)).isEqualTo("HTTP|GET / HTTP/1.1 ");
        for (int i = 1; i <= 50; i++) {
            assertThat(lines.get(i)).as("frame %d", i + 1).isEqualTo("TCP|8080 \u2192 40000 [PSH, ACK] Seq=" + (1 + 1460 * (i - 1))
                    + " Ack=28 Win=8192 Len=1460 " + REASSEMBLED);
        }
        assertThat(lines.get(51)).isEqualTo("HTTP|Continuation");
    }
}
