package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 inside TLS records a key log opens, against tshark 4.0 with the same key log (recorded by
 * scripts/record-tshark-oracle.sh): samples/loopback-http2.pcap (scripts/loopback-http2.sh) is
 * curl and nghttpd over TLS 1.3, three connections: one GET, three streams on one connection (a
 * 100 KB body whose DATA frames cross TLS records, and records that cross TCP segments of up to
 * 42 KB), a POST of a form with a JSON answer.
 */
class Http2SummaryTest {
    private static final String CAPTURE = "samples/loopback-http2.pcap";
    private static final String FIELDS = "frame.number,frame.protocols,http2.magic,http2.type,http2.streamid,http2.length,"
            + "http2.flags,http2.header.name,http2.header.value,http2.headers.method,http2.headers.path,"
            + "http2.headers.status,http2.headers.authority,http2.headers.scheme";

    /**
     * The packets command with -T fields and HTTP/2's fields (the ones scripts/record-tshark-oracle.sh
     * records), after {@code head} (the capture and its key log).
     */
    static String[] http2Fields(String... head) {
        List<String> args = new java.util.ArrayList<>(List.of("packets"));
        args.addAll(List.of(head));
        args.addAll(List.of("-T", "fields"));
        for (String f : FIELDS.split(",")) {
            args.add("-e");
            args.add(f);
        }
        return args.toArray(String[]::new);
    }

    private static String keys() {
        return SharedCaptures.root().resolve("samples/loopback-http2.keys").toString();
    }

    /**
     * Every summary line equals tshark's: the frame types and streams ("Magic, SETTINGS[0],
     * WINDOW_UPDATE[0]"), the request and status from the HPACK-decoded headers ("HEADERS[3]: GET
     * /big.txt", "HEADERS[5]: 404 Not Found"), a body's dissector where its stream ends ("DATA[1]
     * (text/html)", "HTTP2/JSON ... JavaScript Object Notation (application/json)"), and TLS's
     * marker where a DATA frame waits for later records, with Wireshark's fences
     * ("[TLS segment of a reassembled PDU], DATA[3][TLS segment of a reassembled PDU]").
     */
    @Test
    void summaryLinesEqualTsharksWithTheKeyLog() throws IOException {
        List<String> expected = Files.readAllLines(SharedCaptures.tshark(CAPTURE, "keylog-summary.txt"), StandardCharsets.UTF_8);
        assertThat(expected).anyMatch(l -> l.contains("HTTP2") && l.contains("Magic, SETTINGS[0], WINDOW_UPDATE[0]"))
                .anyMatch(l -> l.contains("TLSv1.3") && l.contains("[TLS segment of a reassembled PDU], DATA[3][TLS segment of a reassembled PDU]"))
                .anyMatch(l -> l.contains("HTTP2/JSON") && l.contains("JavaScript Object Notation (application/json)"));
        String capture = SharedCaptures.capture(CAPTURE).toString();
        assertThat(TsharkParityTest.run("packets", "-r", capture, "--tls-keylog", keys()).lines()).containsExactlyElementsOf(expected);
    }

    /**
     * HTTP/2's fields (type, stream, length, flags, every decoded header name and value, the
     * pseudo-headers) and frame.protocols ("tls:http2:http2:data-text-lines" where a frame ends
     * a DATA frame put together from records and reads another) equal tshark's on every frame, but
     * the X.509 layers tshark lists in the three frames that carry the server's certificate (not
     * decoded by tcplens; the same over TCP without HTTP/2).
     */
    /**
     * stats with the key log counts the packets containing HTTP/2 and its bodies' dissectors as
     * tshark's -z io,phs does (http2: 28 frames under tls and 1 under tcp.segments, 48,453 +
     * 42,058 bytes; data-text-lines 3 + 1; json; urlencoded-form).
     */
    @Test
    void statsCountsHttp2AsTsharksHierarchy() {
        String capture = SharedCaptures.capture(CAPTURE).toString();
        assertThat(TsharkParityTest.run("stats", "-r", capture, "--tls-keylog", keys()).lines()).contains(
                "  http2                   29 packets          90511 bytes   34.5%",
                "  data-text-lines          4 packets           2269 bytes    4.8%",
                "  urlencoded-form          1 packets            121 bytes    1.2%",
                "  json                     1 packets            215 bytes    1.2%");
    }

    @Test
    void fieldsEqualTsharksWithTheKeyLog() throws IOException {
        List<String> expected = Files.readAllLines(SharedCaptures.tshark(CAPTURE, "keylog-http2.tsv"), StandardCharsets.UTF_8);
        String capture = SharedCaptures.capture(CAPTURE).toString();
        List<String> mine = TsharkParityTest.run(http2Fields("-r", capture, "--tls-keylog", keys())).lines();
        assertThat(mine).hasSameSizeAs(expected);
        int certificates = 0;
        for (int i = 0; i < expected.size(); i++) {
            String theirs = expected.get(i);
            if (theirs.contains(":x509sat:")) {
                certificates++;
                theirs = theirs.replaceFirst("\\ttcp\\b", "\ttcp").replaceAll(":x509[a-z]+|:pkcs-1", "");
            }
            assertThat(mine.get(i)).as("frame %d", i + 1).isEqualTo(theirs);
        }
        assertThat(certificates).isEqualTo(3);
        assertThat(expected).anyMatch(l -> l.contains("tls:http2:http2:data-text-lines"))
                .anyMatch(l -> l.contains(":method,:path,:scheme,:authority,user-agent,accept"));
    }

    /**
     * Cleartext HTTP/2 with prior knowledge on port 8080, one of HTTP's ports to Wireshark
     * (samples/loopback-h2c.pcap, `scripts/loopback-http2.sh h2c`): Wireshark's HTTP hands a
     * connection that begins with the client's preface to HTTP/2, and TCP puts frames together
     * across segments (desegment_tcp: "[TCP segment of a reassembled PDU]" in TCP's words where a
     * segment only continues a frame, "tcp:http:http2:http:http2:data-text-lines" where a frame
     * ends one and reads another): every summary line and field equals tshark's, no key log needed.
     */
    @Test
    void cleartextHttp2EqualsTsharks() throws IOException {
        checkCleartext("samples/loopback-h2c.pcap");
        String capture = SharedCaptures.capture("samples/loopback-h2c.pcap").toString();
        assertThat(Files.readAllLines(SharedCaptures.tshark("samples/loopback-h2c.pcap", "summary.txt"), StandardCharsets.UTF_8))
                .anyMatch(l -> l.contains("HTTP2") && l.contains("HEADERS[1]: GET /big.txt"))
                .anyMatch(l -> l.contains(" TCP ") && l.endsWith("[TCP segment of a reassembled PDU]"));
        assertThat(Files.readAllLines(SharedCaptures.tshark("samples/loopback-h2c.pcap", "http2.tsv"), StandardCharsets.UTF_8))
                .anyMatch(l -> l.contains("tcp:http:http2:http:http2:data-text-lines"));
        // stats counts the packets containing HTTP/2 and its bodies' dissectors as tshark's -z io,phs
        // does at its top (http2 frames:14 bytes:96840; data-text-lines 1 + 1 under tcp.segments).
        assertThat(TsharkParityTest.run("stats", "-r", capture).lines())
                .contains("  http2                   14 packets          96840 bytes   34.1%",
                        "  data-text-lines          2 packets          21895 bytes    4.9%")
                .noneMatch(l -> l.startsWith("  http "));
        // The filter, -V and -T json know HTTP/2's fields too.
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-Y", "http2.headers.path == \"/big.txt\"", "-V").out())
                .contains("    HyperText Transfer Protocol 2\n", "Path: /big.txt    [http2.headers.path]");
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-Y", "http2.type == 1", "-T", "json").out())
                .contains("\"http2.headers.status\" : \"200\"");
        assertThat(TsharkParityTest.run("explain", "-r", capture, "--stream", "1").out())
                .contains("Application: HTTP/2 in clear (prior knowledge)").contains("HTTP/2, stream 1: GET /big.txt");
    }

    /**
     * An HTTP/1.1 request to upgrade to h2c (RFC 7540, 3.2) answered with 101 Switching Protocols
     * and the server's HTTP/2 frames in the same segment (samples/loopback-h2c-upgrade.pcap,
     * `scripts/loopback-http2.sh upgrade`): HTTP's words for the 101, then HTTP/2's after its fence
     * ("HTTP/1.1 101 Switching Protocols , SETTINGS[0], HEADERS[1]: 200 OK, DATA[1] (text/plain)"),
     * and the client's preface after it: every line and field equals tshark's.
     */
    @Test
    void anUpgradeToH2cEqualsTsharks() throws IOException {
        checkCleartext("samples/loopback-h2c-upgrade.pcap");
        assertThat(Files.readAllLines(SharedCaptures.tshark("samples/loopback-h2c-upgrade.pcap", "summary.txt"), StandardCharsets.UTF_8))
                .anyMatch(l -> l.contains(" HTTP2 ") && l.contains("HTTP/1.1 101 Switching Protocols , SETTINGS[0], HEADERS[1]: 200 OK"));
        String capture = SharedCaptures.capture("samples/loopback-h2c-upgrade.pcap").toString();
        assertThat(TsharkParityTest.run("explain", "-r", capture).out())
                .contains("Application: HTTP/2 in clear (upgraded from HTTP/1.1: h2c)")
                .containsSubsequence("GET /upgrade HTTP/1.1", "HTTP/1.1 101 Switching Protocols", "HTTP/2, stream 1: 200 OK");
    }

    /** A cleartext sample's summary lines and HTTP/2 fields against tshark's (recorded). */
    private static void checkCleartext(String sample) throws IOException {
        String capture = SharedCaptures.capture(sample).toString();
        List<String> lines = Files.readAllLines(SharedCaptures.tshark(sample, "summary.txt"), StandardCharsets.UTF_8);
        assertThat(TsharkParityTest.run("packets", "-r", capture).lines()).containsExactlyElementsOf(lines);
        List<String> expected = Files.readAllLines(SharedCaptures.tshark(sample, "http2.tsv"), StandardCharsets.UTF_8);
        assertThat(TsharkParityTest.run(http2Fields("-r", capture)).lines()).containsExactlyElementsOf(expected);
    }
}
