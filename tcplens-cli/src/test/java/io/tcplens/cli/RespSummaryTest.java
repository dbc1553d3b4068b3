package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis's protocol (RESP) in the packet list, as Wireshark 4.0's RESP dissector shows it.
 * Expected: tshark 4.0.17 -n on the same bytes.
 */
class RespSummaryTest {
    static Path dialogue(Path dir) throws IOException {
        return new TcpDialogue(40000, 6379).handshake()
                .client("PING\r\n")
                .server("+PONG\r\n")
                .client("*1\r\n$4\r\nPING\r\n")
                .server("-ERR unknown command\r\n")
                .client("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n")
                .server(":42\r\n")
                .client("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n")
                .server("$5\r\nvalue\r\n")
                .server("$-1\r\n")
                .server("*2\r\n$1\r\na\r\n:1\r\n")
                .client("*2\r\n$3\r\nGET\r\n$3\r\nk")
                .client("ey\r\n")
                .server("$5\r\nval")
                .server("ue\r\n")
                .server("$200\r\n" + "x".repeat(200) + "\r\n")
                .server("$3\r\n\u00ff\u00fe\u0000\r\n")
                .client("*1\r\n")
                .client("$4\r\nPING\r\n")
                .client("\r\n")
                .client("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n")
                .server("+PONG\r\n+PONG\r\n")
                .client("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET")
                .client("\r\n$1\r\nx\r\n")
                .server("+OK\r\n$10\r\n01234")
                .server("56789\r\n")
                .client("*1\r\n$4\r\nPI")
                .client("NG\r\n")
                // A simple string with bytes above 0x7F (UTF-8, then Latin-1): read as ASCII, each is U+FFFD.
                .server("+caf\u00c3\u00a9 \u00e9t\u00e9\r\n")
                .write(dir.resolve("resp-dialogue.pcap"));
    }

    @Test
    void linesAndProtocolsAreTsharks(@TempDir Path dir) throws IOException {
        // An inline command ([fragment]); each type as a reply (simple string, error, integer,
        // bulk string, null bulk string, array); a request array split inside a bulk string (the
        // array is read again with the next segment: TCP, RESP's words and the marker); a reply's
        // bulk string split (Wireshark's TCP holds the segments until the announced length has
        // come); a long and a binary bulk string; an array header alone; a stray CRLF; pipelined
        // requests and replies; a complete message followed by an incomplete one (RESP, with
        // " [continuation]"); a request split inside its first line; a simple string with bytes
        // above 0x7F (tshark reads it with ENC_ASCII: each such byte is U+FFFD).
        assertThat(TcpDialogue.columnsAndProtocols(dialogue(dir))).containsExactly(
                "1|TCP|40000 \u2192 6379 [SYN] Seq=0 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "2|TCP|6379 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "3|TCP|40000 \u2192 6379 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "4|RESP|Request: [fragment]|eth:ethertype:ip:tcp:resp",
                "5|RESP|Response: PONG|eth:ethertype:ip:tcp:resp",
                "6|RESP|Request: PING|eth:ethertype:ip:tcp:resp",
                "7|RESP|Response: Error: ERR unknown command|eth:ethertype:ip:tcp:resp",
                "8|RESP|Request: SET key value|eth:ethertype:ip:tcp:resp",
                "9|RESP|Response: 42|eth:ethertype:ip:tcp:resp",
                "10|RESP|Request: GET key|eth:ethertype:ip:tcp:resp",
                "11|RESP|Response: value|eth:ethertype:ip:tcp:resp",
                "12|RESP|Response:|eth:ethertype:ip:tcp:resp",
                "13|RESP|Response: Array(2)|eth:ethertype:ip:tcp:resp",
                "14|TCP|Request: GET [continuation] [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp:resp",
                "15|RESP|Request: GET key|eth:ethertype:ip:tcp:resp",
                "16|TCP|Response: [continuation] [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp:resp",
                "17|RESP|Response: value|eth:ethertype:ip:tcp:resp",
                "18|RESP|Response: BulkString(200)|eth:ethertype:ip:tcp:resp",
                "19|RESP|Response: BulkString(3)|eth:ethertype:ip:tcp:resp",
                "20|TCP|Request: [continuation] [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp:resp",
                "21|RESP|Request: PING|eth:ethertype:ip:tcp:resp",
                "22|RESP|Request:|eth:ethertype:ip:tcp:resp",
                "23|RESP|Request: PING PING|eth:ethertype:ip:tcp:resp",
                "24|RESP|Response: PONG PONG|eth:ethertype:ip:tcp:resp",
                "25|RESP|Request: PING [continuation]|eth:ethertype:ip:tcp:resp",
                "26|RESP|Request: GET x|eth:ethertype:ip:tcp:resp",
                "27|RESP|Response: OK [continuation]|eth:ethertype:ip:tcp:resp",
                "28|RESP|Response: 0123456789|eth:ethertype:ip:tcp:resp",
                "29|TCP|Request: [continuation] [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp:resp",
                "30|RESP|Request: PING|eth:ethertype:ip:tcp:resp",
                "31|RESP|Response: caf\ufffd\ufffd \ufffdt\ufffd|eth:ethertype:ip:tcp:resp");
    }

    @Test
    void sharedCaptureLinesAreTsharks() throws IOException {
        // redis-benchmark's traffic (tcpdump/resp_1_benchmark.pcap): 150 lines.
        TsharkParityTest.summaryLinesAreTsharks("tcpdump/resp_1_benchmark.pcap");
    }
}
