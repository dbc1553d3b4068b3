package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2's corner cases in a TLS 1.3 connection built byte by byte and sealed with known
 * secrets (TLS_AES_128_GCM_SHA256; the key log below): a header block split by CONTINUATION, a
 * padded DATA frame, a frame header cut across records, a frame over three records, an unknown
 * frame type, PUSH_PROMISE, trailers ending a body, DATA on a stream without headers, the
 * dynamic table referred to, a media type found by stream number, and a header block HPACK
 * refuses. Expected: tshark 4.0.17 -n with the same key log on the same bytes.
 */
class Http2DialogueTest {
    private static final String ZERO_RANDOM = "00".repeat(32);
    private static final byte[] CLIENT_HANDSHAKE = secret(0x11);
    private static final byte[] SERVER_HANDSHAKE = secret(0x22);
    private static final byte[] CLIENT_APPLICATION = secret(0x33);
    private static final byte[] SERVER_APPLICATION = secret(0x44);

    private static byte[] secret(int fill) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) fill);
        return s;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    static String keyLog() {
        return "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + ZERO_RANDOM + " " + hex(CLIENT_HANDSHAKE) + "\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + ZERO_RANDOM + " " + hex(SERVER_HANDSHAKE) + "\n"
                + "CLIENT_TRAFFIC_SECRET_0 " + ZERO_RANDOM + " " + hex(CLIENT_APPLICATION) + "\n"
                + "SERVER_TRAFFIC_SECRET_0 " + ZERO_RANDOM + " " + hex(SERVER_APPLICATION) + "\n";
    }

    /** An HTTP/2 frame (RFC 9113, 4.1). */
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return new Bytes().u8(payload.length >> 16).u16(payload.length & 0xFFFF).u8(type).u8(flags).u32(stream).raw(payload).toArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** HPACK 5.1: an integer with an N-bit prefix, after the first byte's other bits. */
    private static Bytes integer(Bytes out, int high, int prefix, int value) {
        int max = (1 << prefix) - 1;
        if (value < max) {
            return out.u8(high | value);
        }
        out.u8(high | max);
        value -= max;
        while (value >= 128) {
            out.u8((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        return out.u8(value);
    }

    /** HPACK 6.1: an indexed field. */
    private static byte[] indexed(int index) {
        return integer(new Bytes(), 0x80, 7, index).toArray();
    }

    /** HPACK 6.2.2 with an indexed name, or 6.2.1 (added to the table) with {@code add}. */
    private static byte[] literal(boolean add, int nameIndex, String value) {
        byte[] v = ascii(value);
        return integer(integer(new Bytes(), add ? 0x40 : 0, add ? 6 : 4, nameIndex), 0, 7, v.length).raw(v).toArray();
    }

    /** HPACK 6.2.1 or 6.2.2 with a new name. */
    private static byte[] literal(boolean add, String name, String value) {
        byte[] n = ascii(name);
        byte[] v = ascii(value);
        return new Bytes().u8(add ? 0x40 : 0).u8(n.length).raw(n).u8(v.length).raw(v).toArray();
    }

    private static byte[] cat(byte[]... parts) {
        return TlsBytes.concat(parts);
    }

    private static byte[] part(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    static Path capture(Path dir) throws IOException {
        TlsBytes.Sealer clientHandshake = new TlsBytes.Sealer(CLIENT_HANDSHAKE);
        TlsBytes.Sealer serverHandshake = new TlsBytes.Sealer(SERVER_HANDSHAKE);
        TlsBytes.Sealer client = new TlsBytes.Sealer(CLIENT_APPLICATION);
        TlsBytes.Sealer server = new TlsBytes.Sealer(SERVER_APPLICATION);
        byte[] alpn = new Bytes().u16(3).u8(2).raw(ascii("h2")).toArray();
        byte[] encryptedExtensions = TlsBytes.handshake(8, cat(new Bytes().u16(alpn.length + 4).toArray(), TlsBytes.extension(16, alpn)));
        byte[] serverFinished = TlsBytes.handshake(20, new byte[32]);
        byte[] clientFinished = TlsBytes.handshake(20, new byte[32]);
        byte[] preface = ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        byte[] settings = frame(4, 0, 0, new Bytes().u16(3).u32(100).toArray());
        byte[] windowUpdate = frame(8, 0, 0, new Bytes().u32(1 << 20).toArray());
        // A request's block in two: the method and scheme in HEADERS, the path and authority in CONTINUATION.
        byte[] request = cat(indexed(2), indexed(7), literal(false, 4, "/a"), literal(true, 1, "example.test"),
                literal(true, "x-trace", "t1"));
        byte[] headers = frame(1, 0x1, 1, part(request, 0, 2));
        byte[] continuation = frame(9, 0x4, 1, part(request, 2, request.length));
        // The response: JSON, in a padded DATA frame and one that ends the stream.
        byte[] response = cat(indexed(8), literal(true, 31, "application/json"));
        byte[] dataPadded = frame(0, 0x8, 1, cat(new byte[] {3}, ascii("{\"ok\":"), new byte[3]));
        byte[] dataEnd = frame(0, 0x1, 1, ascii("true}"));
        byte[] ping = frame(6, 0, 0, new byte[8]);
        byte[] unknown = frame(0x20, 0, 0, new byte[4]);
        // A promise of stream 2, its response (the table's content-type entry again), its body over three records.
        byte[] promise = frame(5, 0x4, 1, cat(new Bytes().u32(2).toArray(), indexed(2), literal(false, 4, "/pushed"),
                indexed(62)));
        byte[] body = new byte[600];
        Arrays.fill(body, (byte) 'x');
        byte[] pushedHeaders = frame(1, 0x4, 2, cat(indexed(8), literal(false, 31, "text/html")));
        byte[] pushedData = frame(0, 0x1, 2, body);
        // Stream 5: a status, a body without a media type of its own, trailers that end it.
        byte[] status404 = frame(1, 0x4, 5, indexed(13));
        byte[] data5 = frame(0, 0, 5, ascii("gone"));
        byte[] trailers = frame(1, 0x5, 5, literal(false, "grpc-status", "0"));
        // DATA on a stream whose headers were never sent, a reset, and a block HPACK refuses (index 90), then GOAWAY.
        byte[] orphan = frame(0, 0x1, 9, ascii("orphan"));
        byte[] reset = frame(3, 0, 1, new Bytes().u32(8).toArray());
        byte[] broken = frame(1, 0x5, 11, indexed(90));
        byte[] later = frame(1, 0x5, 13, indexed(8));
        byte[] goaway = frame(7, 0, 0, new Bytes().u32(13).u32(0).toArray());
        byte[] pushedRecordData = cat(pushedHeaders, pushedData);
        return new TcpDialogue(50200, 443).handshake()
                .client(TlsBytes.record(22, TlsBytes.clientHello("h2.example")))
                .server(cat(TlsBytes.record(22, TlsBytes.serverHello(false, 0x001d)),
                        serverHandshake.seal(22, cat(encryptedExtensions, serverFinished))))
                .client(clientHandshake.seal(22, clientFinished))
                .client(client.seal(23, cat(preface, settings, windowUpdate)))
                .server(server.seal(23, cat(settings, frame(4, 0x1, 0, new byte[0]))))
                .client(client.seal(23, headers))
                .client(client.seal(23, continuation))
                .server(server.seal(23, cat(frame(1, 0x4, 1, response), dataPadded)))
                .server(server.seal(23, dataEnd))
                // A PING's header cut after 5 bytes, then its rest with an unknown frame.
                .client(client.seal(23, part(ping, 0, 5)))
                .client(client.seal(23, cat(part(ping, 5, ping.length), unknown)))
                .server(server.seal(23, promise))
                .server(server.seal(23, part(pushedRecordData, 0, 100)))
                .server(cat(server.seal(23, part(pushedRecordData, 100, 400)),
                        server.seal(23, part(pushedRecordData, 400, pushedRecordData.length))))
                .server(server.seal(23, cat(status404, data5)))
                .server(server.seal(23, trailers))
                .server(server.seal(23, orphan))
                .client(client.seal(23, reset))
                .server(server.seal(23, cat(broken, later)))
                .client(client.seal(23, goaway))
                .write(dir.resolve("http2-dialogue.pcap"));
    }

    private static List<String> expected(String name) throws IOException {
        try (var in = Http2DialogueTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * Every summary line equals tshark's: a request whose method and path come in different
     * frames (HEADERS, CONTINUATION) shows neither, as nghttp2 gives Wireshark each fragment's
     * fields; a cut frame header is TLS's marker, then the frame where it ends; a body's media
     * type from the table's entry; a promised response's body read by the promising stream's JSON
     * type (Wireshark reads a PUSH_PROMISE's headers in its own stream's context); trailers end a
     * body of no media type with no words; DATA without headers is read as nothing; an index
     * beyond HPACK's tables is "&lt;unknown&gt;" and the next block still decodes.
     */
    @Test
    void summaryLinesEqualTsharks(@TempDir Path dir) throws IOException {
        Path capture = capture(dir);
        Path keys = Files.writeString(dir.resolve("keys"), keyLog());
        List<String> expected = expected("http2-dialogue.summary.txt");
        assertThat(expected).anyMatch(l -> l.endsWith("HTTP2 115 CONTINUATION[1]"))
                .anyMatch(l -> l.contains("TLSv1.3 81 [TLS segment of a reassembled PDU]"))
                .anyMatch(l -> l.contains("HEADERS[11], HEADERS[13]: 200 OK"));
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "--tls-keylog", keys.toString()).lines())
                .containsExactlyElementsOf(expected);
        // Without the key log, TLS's words as before.
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString()).lines())
                .noneMatch(l -> l.contains("HTTP2")).anyMatch(l -> l.contains("Application Data"));
    }

    /** frame.protocols and HTTP/2's fields, every decoded header name and value, equal tshark's on every frame. */
    @Test
    void fieldsEqualTsharks(@TempDir Path dir) throws IOException {
        Path capture = capture(dir);
        Path keys = Files.writeString(dir.resolve("keys"), keyLog());
        List<String> expected = expected("http2-dialogue.fields.tsv");
        assertThat(expected).anyMatch(l -> l.startsWith("22\t") && l.contains("<unknown>,:status"));
        assertThat(TsharkParityTest.run(Http2SummaryTest.http2Fields("-r", capture.toString(), "--tls-keylog", keys.toString())).lines())
                .containsExactlyElementsOf(expected);
    }
}
