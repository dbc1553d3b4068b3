package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.report.Utf8Output;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that goes away ({@code tcplens ... | head}) stops the command, with the status of a tool
 * killed by SIGPIPE and nothing said; an output that cannot be written (a full disk) stops it with
 * a message. Before, both were swallowed: the capture was read to its end and a full disk lost
 * the output's tail without a word.
 */
class OutputFailureTest {
    /** 100,000 unanswered SYNs from as many ports: megabytes of output in every format. */
    private static final int PACKETS = 100_000;
    @TempDir
    static Path dir;
    private static Path capture;

    @BeforeAll
    static void buildCapture() throws IOException {
        byte[][] frames = new byte[PACKETS][];
        for (int i = 0; i < PACKETS; i++) {
            byte[] tcp = Frames.tcp(1024 + i % 60_000, 80, 1000L * i, 0, 0x02, 64240, new byte[0], new byte[0]);
            frames[i] = Frames.ethernet(0x0800, Frames.ipv4("10.0.0." + (1 + i / 60_000), "10.0.1.1", 6, tcp));
        }
        capture = dir.resolve("syns.pcap");
        Files.write(capture, CaptureFilesBuilder.pcapOf(1, frames));
    }

    /** Takes {@code accepted} bytes, then fails every write with {@code message}, counting the writes tried after. */
    private static final class FailingStream extends OutputStream {
        private final int accepted;
        private final String message;
        private long written;
        int writesAfterFailure;

        FailingStream(int accepted, String message) {
            this.accepted = accepted;
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int from, int n) throws IOException {
            if (written + n > accepted) {
                if (written > accepted) {
                    writesAfterFailure++;
                }
                written = accepted + 1L;
                throw new IOException(message);
            }
            written += n;
        }
    }

    private static int run(FailingStream stream, StringWriter err, String... args) {
        String[] withCapture = new String[args.length + 2];
        withCapture[0] = args[0];
        withCapture[1] = "-r";
        withCapture[2] = capture.toString();
        System.arraycopy(args, 1, withCapture, 3, args.length - 1);
        PrintWriter out = new Utf8Output(new StandardOutput(stream));
        return Main.run(out, new PrintWriter(err, true), withCapture);
    }

    @Test
    void aReaderThatGoesAwayStopsEveryCommandQuietly() {
        String[][] commands = {
            {"packets"}, {"packets", "-V"}, {"packets", "-T", "json"}, {"packets", "-T", "fields", "-e", "tcp.srcport"},
            {"conns"}, {"conns", "-T", "csv"}, {"conns", "-T", "json"}, {"conns", "-T", "zeek"}, {"explain"}, {"explain", "-T", "json"},
        };
        for (String[] command : commands) {
            FailingStream stream = new FailingStream(64 << 10, "Broken pipe");
            StringWriter err = new StringWriter();
            int status = run(stream, err, command);
            assertThat(status).as(String.join(" ", command)).isEqualTo(Main.EXIT_READER_GONE);
            assertThat(err.toString()).as(String.join(" ", command)).isEmpty();
            // The first failure stopped the output: nothing else was tried on the stream.
            assertThat(stream.writesAfterFailure).as(String.join(" ", command)).isZero();
        }
    }

    @Test
    void anOutputThatCannotBeWrittenIsSaid() {
        FailingStream stream = new FailingStream(10_000, "No space left on device");
        StringWriter err = new StringWriter();
        assertThat(run(stream, err, "packets")).isEqualTo(Main.EXIT_OUTPUT_FAILED);
        assertThat(err.toString()).isEqualTo("tcplens: cannot write the output: No space left on device" + System.lineSeparator());
    }

    /** The real thing: a process whose reader closes the pipe after one line, as {@code head -1} does. */
    @Test
    void aClosedPipeEndsTheProcessWithSigpipesStatus() throws Exception {
        Process tcplens = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "packets", "-r", capture.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] first = new byte[16];
        assertThat(tcplens.getInputStream().readNBytes(first, 0, first.length)).isEqualTo(first.length);
        tcplens.getInputStream().close();
        assertThat(tcplens.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tcplens.exitValue()).isEqualTo(Main.EXIT_READER_GONE);
        assertThat(new String(tcplens.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("    1   0.000000");
    }
}
