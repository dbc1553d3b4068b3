package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.report.FollowReport;
import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tcplens follow} against tshark 4.0.17's {@code -z follow,tcp,MODE,N} on the streams of
 * testdata/follow/streams.txt (recorded by scripts/record-follow-oracle.sh): plain HTTP, TLS,
 * FTP control and data, out-of-order segments, a gap the receiver acknowledged (LDAP), segments
 * cut by the snapshot length, TCP Fast Open, IPv6.
 */
class FollowCommandTest {
    /** Each "capture stream" line of a list in testdata/follow, in the three modes. */
    private static Stream<Arguments> listed(String list) throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(SharedCaptures.root().resolve("testdata/follow/" + list))) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            for (String mode : List.of("ascii", "hex", "raw")) {
                out.add(Arguments.of(parts[0], parts[1], mode));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> streams() throws IOException {
        return listed("streams.txt");
    }

    @ParameterizedTest(name = "{0} stream {1} {2}")
    @MethodSource("streams")
    void equalsTshark(String capture, String stream, String mode) throws IOException {
        TsharkParityTest.Result r = follow(capture, stream, mode);
        assertThat(r.out()).isEqualTo(withoutLoneCarriageReturns(
                Files.readString(tsharks(capture, stream + "." + mode), StandardCharsets.UTF_8)));
    }

    /** tshark's recorded output for a capture's stream ({@code view}: "N.MODE" or "N.tls.MODE"). */
    private static Path tsharks(String capture, String view) {
        return SharedCaptures.root().resolve("testdata/tshark/follow/" + capture.replace('/', '_') + "." + view + ".txt");
    }

    /** tcplens follow on the stream, which must succeed. */
    private static TsharkParityTest.Result follow(String capture, String stream, String mode, String... more) {
        List<String> args = new ArrayList<>(List.of("follow", "-r", SharedCaptures.capture(capture).toString(),
                "--stream", stream, "--format", mode));
        args.addAll(List.of(more));
        TsharkParityTest.Result r = TsharkParityTest.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return r;
    }

    static Stream<Arguments> tlsStreams() throws IOException {
        return listed("tls-streams.txt");
    }

    /**
     * {@code follow --tls} against tshark's {@code -z follow,tls,MODE,N} on a capture that carries
     * its TLS secrets (TLS 1.2 and 1.3 streams of samples/loopback-https-dsb.pcapng): each opened
     * application data record a chunk, node 0 the side whose record was opened first (the server
     * in TLS 1.3). The one difference is tshark's: it names node 1 ":0" (its TLS tap fills in only
     * node 0's endpoint), where tcplens names node 1's endpoint.
     */
    @ParameterizedTest(name = "{0} stream {1} tls {2}")
    @MethodSource("tlsStreams")
    void tlsEqualsTshark(String capture, String stream, String mode) throws IOException {
        List<String> want = new ArrayList<>(Files.readAllLines(tsharks(capture, stream + ".tls." + mode), StandardCharsets.UTF_8));
        List<String> got = follow(capture, stream, mode, "--tls").out().lines().toList();
        assertThat(want.get(5)).isEqualTo("Node 1: :0");
        assertThat(got.get(5)).matches("Node 1: 127\\.0\\.0\\.1:\\d+").isNotEqualTo(got.get(4).replace("Node 0", "Node 1"));
        want.set(5, got.get(5));
        assertThat(got).containsExactlyElementsOf(want);
    }

    /**
     * The one deliberate difference from tshark: its ascii view prints a carriage return that
     * ends no line as it is, and on a terminal the rest of the line then overwrites what the
     * stream's sender had printed before it (rule 7). tcplens prints a dot there, as for any
     * other control byte. In the hex and raw views there is none of either.
     */
    private static String withoutLoneCarriageReturns(String tshark) {
        return tshark.replaceAll("\r(?!\n)", ".");
    }

    @Test
    void aLoneCarriageReturnIsADotButCrlfStays() {
        StringWriter text = new StringWriter();
        FollowReport report = new FollowReport(new PrintWriter(text), FollowReport.Mode.ascii);
        byte[] payload = "GET /evil\rGET /fine HTTP/1.1\r\n\r".getBytes(StandardCharsets.US_ASCII);
        report.chunk(0, ByteBuffer.wrap(payload), 0, payload.length);
        assertThat(text.toString()).isEqualTo(payload.length + "\nGET /evil.GET /fine HTTP/1.1\r\n\r\n");
    }

    @Test
    void aStreamThatIsNotThereIsSaidSo() {
        TsharkParityTest.Result r = TsharkParityTest.run("follow", "-r",
                SharedCaptures.capture("zeek/http_get.pcap").toString(), "--stream", "7");
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("has no TCP stream 7");
    }
}
