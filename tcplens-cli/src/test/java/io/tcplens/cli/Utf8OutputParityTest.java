package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.report.Utf8Output;
import io.tcplens.testing.SharedCaptures;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line's own output ({@link Utf8Output}, which takes the CSV rows and the rows that
 * waited for stream order as bytes) prints exactly what a plain writer of characters gets, which
 * is what every other test reads.
 */
class Utf8OutputParityTest {

    static Stream<String> captures() throws Exception {
        return SharedCaptures.all().stream();
    }

    private static String throughBytes(String... args) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Utf8Output out = new Utf8Output(stream);
        int status = Main.run(out, new PrintWriter(new StringWriter()), args);
        out.flush();
        return status + "\n" + stream.toString(StandardCharsets.UTF_8);
    }

    private static String throughCharacters(String... args) {
        TsharkParityTest.Result r = TsharkParityTest.run(args);
        return r.status() + "\n" + r.out();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everySharedCaptureGivesTheSameRowsEitherWay(String capture) {
        String file = SharedCaptures.capture(capture).toString();
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"conns", "-r", file, "-T", "csv"});
        if (capture.startsWith("zeek/")) {
            // The other formats, where text and arrows (non-ASCII) wait for stream order.
            commands.add(new String[] {"conns", "-r", file});
            commands.add(new String[] {"conns", "-r", file, "-T", "zeek"});
            commands.add(new String[] {"conns", "-r", file, "-T", "json"});
            commands.add(new String[] {"explain", "-r", file});
        }
        for (String[] args : commands) {
            String expected = throughCharacters(args);
            assertThat(throughBytes(args)).as(String.join(" ", args)).isEqualTo(expected);
        }
    }
}
