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
 * same connections' CSV rows put in those columns (the text rows are padded by hand, for speed):
 * each cell starts (or, right-aligned, ends) where its column does, unless the cells before it
 * ran past that point, and then one space after them (an IPv6 pair of endpoints overruns its 47
 * characters; the row is back under the header once later cells' padding took up the excess).
 */
class TextRowsTest {
    private static final int[] WIDTHS = {6, 47, 20, 28, 6, 14, 14, 14, 11, 9};
    /** The first six columns are left-aligned (%-Ns), the last four right-aligned (%Ns). */
    private static final int FIRST_RIGHT_ALIGNED = 6;

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
            expected.add(inColumns(f[0], ends, f[6], teardown, f[10], f[11].isEmpty() ? "-" : f[11],
                    f[15] + "/" + f[16], f[17] + "/" + f[18], f[23], rtt));
        }
        assertThat(text).as(capture).containsExactlyElementsOf(expected);
        assertThat(text.get(0)).startsWith("stream originator \u2192 responder");
    }

    /** The cells placed in the header's columns, as the class comment says. */
    static String inColumns(String... cells) {
        StringBuilder row = new StringBuilder();
        int columnStart = 0;
        for (int k = 0; k < cells.length; k++) {
            int earliest = k == 0 ? 0 : row.length() + 1;
            int start = k < FIRST_RIGHT_ALIGNED ? Math.max(columnStart, earliest)
                    : Math.max(columnStart + WIDTHS[k] - cells[k].length(), earliest);
            row.append(" ".repeat(start - row.length())).append(cells[k]);
            if (k < FIRST_RIGHT_ALIGNED) {
                // A left-aligned cell's column is filled to its end; the next cell starts after it.
                row.append(" ".repeat(Math.max(0, columnStart + WIDTHS[k] - row.length())));
            }
            columnStart += WIDTHS[k] + 1;
        }
        return row.toString();
    }

    /** Where nothing overruns, the columns are String.format's with the header's format. */
    @org.junit.jupiter.api.Test
    void withoutOverrunTheColumnsAreTheHeadersFormat() {
        String[] cells = {"12", "10.0.0.1:1 \u2192 10.0.0.2:2", "three_way", "four_way (originator)", "SF", "ShADadFf",
            "5/6", "300/400", "1.000000", "2.500"};
        assertThat(inColumns(cells)).isEqualTo(String.format(Locale.ROOT,
                "%-6s %-47s %-20s %-28s %-6s %-14s %14s %14s %11s %9s", (Object[]) cells));
        // An overrun of 10 in the endpoints is taken up by the handshake column's 11 spare characters.
        cells[1] = "[2001:618:400::5199:cc70]:35995 \u2192 [2001:618:1:8000::5]:80";
        String row = inColumns(cells);
        assertThat(row.indexOf("four_way")).isEqualTo(6 + 1 + 47 + 1 + 20 + 1);
        assertThat(row).contains(":80 three_way  four_way");
    }

    private static String endpoint(String address, String port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
