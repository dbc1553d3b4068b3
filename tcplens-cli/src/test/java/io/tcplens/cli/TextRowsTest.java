package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code conns}' default text rows are the columns of its header's format, checked against the
 * same connections' CSV rows put through that format with String.format (the text rows are padded
 * by hand, for speed).
 */
class TextRowsTest {
    private static final String FORMAT = "%-6s %-47s %-20s %-28s %-6s %-14s %14s %14s %11s %9s";

    static Stream<String> captures() throws Exception {
        return SharedCaptures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void textRowsAreTheCsvRowsInTheHeadersColumns(String capture) {
        String file = SharedCaptures.capture(capture).toString();
        List<String> text = TsharkParityTest.run("conns", "-r", file).lines();
        List<String> csv = TsharkParityTest.run("conns", "-r", file, "-T", "csv").lines();
        List<String> expected = new ArrayList<>();
        expected.add(text.isEmpty() ? null : text.get(0));
        for (String row : csv.subList(Math.min(1, csv.size()), csv.size())) {
            // No CSV field of a connection row is quoted: addresses, verdict ids, Zeek's state and history letters.
            String[] f = row.split(",", -1);
            String ends = endpoint(f[1], f[2]) + " \u2192 " + endpoint(f[3], f[4]) + (f[5].equals("true") ? " ?" : "");
            String teardown = f[7] + (f[8].equals("none") ? "" : " (" + f[8] + ")");
            String rtt = f[24].isEmpty() ? "-" : new BigDecimal(f[24]).movePointRight(3).toPlainString();
            expected.add(String.format(Locale.ROOT, FORMAT, f[0], ends, f[6], teardown, f[10], f[11].isEmpty() ? "-" : f[11],
                    f[15] + "/" + f[16], f[17] + "/" + f[18], f[23], rtt));
        }
        assertThat(text).as(capture).containsExactlyElementsOf(expected);
        assertThat(text.get(0)).startsWith("stream originator \u2192 responder");
    }

    private static String endpoint(String address, String port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
