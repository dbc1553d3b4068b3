package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol that reads an HTTP body, by its media type, as Wireshark 4.0's media_type table
 * names it in frame.protocols (line-based text, JSON, XML, URL-encoded forms, media for another
 * type, data for application/octet-stream or no type; an image's dissector only for the bytes of
 * such an image), and the words it adds to the Info column (the media type in lower case, as
 * Wireshark's HTTP keeps it, or the image's own words). Expected: tshark 4.0.17 -n on the same bytes.
 */
class HttpBodyProtocolsTest {
    static TcpDialogue dialogue() {
        TcpDialogue d = new TcpDialogue(40000, 80);
        String[][] bodies = {{"text/html; charset=utf-8", "hello"}, {"Text/Plain", "hello"}, {"application/json", "{\"a\":1}"},
            {"application/octet-stream", "hello"}, {null, "hello"}, {"application/x-www-form-urlencoded", "a=1&b=2"},
            {"application/soap+xml", "<a/>"}, {"application/x-unknown-thing", "hello"},
            {"image/png", "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0001\u0008\u0002\u0000\u0000\u0000\u0090wS\u00de"},
            {"image/jpeg", "\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000\u0001\u0001\u0000\u0000\u0001\u0000\u0001\u0000\u0000\u00ff\u00d9"},
            // A 1x1 GIF, and a GIF too short for Wireshark's (20 bytes at least): media.
            {"image/gif", "GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000\u0000\u0000\u0000\u00ff\u00ff\u00ff!\u00f9\u0004\u0001\u0000\u0000\u0000\u0000,\u0000\u0000\u0000\u0000\u0001\u0000\u0001\u0000\u0000\u0002\u0002D\u0001\u0000;"},
            {"image/gif", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"},
            // A program served as a PNG (exe_download_as_png.pcap does it): no PNG signature, so media.
            {"image/png", "MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000"}};
        for (String[] b : bodies) {
            d.client("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            d.server("HTTP/1.1 200 OK\r\n" + (b[0] != null ? "Content-Type: " + b[0] + "\r\n" : "") + "Content-Length: "
                    + b[1].length() + "\r\n\r\n" + b[1]);
        }
        return d;
    }

    @Test
    void bodiesAreReadByTheProtocolTheirMediaTypeNames(@TempDir Path dir) throws IOException {
        Path capture = dialogue().write(dir.resolve("bodies.pcap"));
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "http.response", "-T", "fields",
                "-e", "frame.protocols", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
        String http = "eth:ethertype:ip:tcp:http";
        assertThat(r.lines()).containsExactly(
                http + ":data-text-lines\tHTTP\tHTTP/1.1 200 OK  (text/html)",
                http + ":data-text-lines\tHTTP\tHTTP/1.1 200 OK  (text/plain)",
                http + ":json\tHTTP/JSON\tHTTP/1.1 200 OK , JavaScript Object Notation (application/json)",
                http + ":data\tHTTP\tHTTP/1.1 200 OK ",
                http + ":data\tHTTP\tHTTP/1.1 200 OK ",
                http + ":urlencoded-form\tHTTP\tHTTP/1.1 200 OK  (application/x-www-form-urlencoded)",
                http + ":xml\tHTTP/XML\tHTTP/1.1 200 OK ",
                http + ":media\tHTTP\tHTTP/1.1 200 OK  (application/x-unknown-thing)",
                http + ":png\tHTTP\tHTTP/1.1 200 OK  (PNG)",
                http + ":image-jfif\tHTTP\tHTTP/1.1 200 OK  (JPEG JFIF image)",
                http + ":image-gif\tHTTP\tHTTP/1.1 200 OK  (GIF89a)",
                http + ":media\tHTTP\tHTTP/1.1 200 OK  (image/gif)",
                http + ":media\tHTTP\tHTTP/1.1 200 OK  (image/png)");
    }
}
