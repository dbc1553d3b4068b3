package io.tcplens.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.analysis.StreamVerdicts;
import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.field.PacketContext;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.StreamFinals;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter suite of testdata/filters/expressions.txt, on each capture of captures.txt, selects
 * the packets tshark 4.0.17 selected ({@code tshark -2 -r F -Y EXPR}, recorded by
 * scripts/record-filter-oracle.sh into testdata/tshark/filters). Where tcplens is right and tshark
 * is not, or tshark decodes something tcplens does not yet, the case is listed in
 * known-differences.tsv with the reason; a listed case that stops differing fails too, so the
 * list cannot go stale.
 */
class DisplayFilterParityTest {

    static Stream<String> captures() throws IOException {
        return lines(SharedCaptures.root().resolve("testdata/filters/captures.txt")).stream();
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    /** capture + TAB + expression → reason, from known-differences.tsv. */
    private static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : lines(SharedCaptures.root().resolve("testdata/filters/known-differences.tsv"))) {
            String[] f = line.split("\t", 3);
            known.put(f[0] + "\t" + f[1], f[2]);
        }
        return known;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void selectsThePacketsTsharkSelects(String capture) throws IOException {
        Path expectedFile = SharedCaptures.root().resolve("testdata/tshark/filters")
                .resolve(capture.replace('/', '_') + ".tsv");
        Map<String, String> recorded = new LinkedHashMap<>();
        for (String line : Files.readAllLines(expectedFile, StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            recorded.put(line.substring(0, tab), line.substring(tab + 1));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String expression : lines(SharedCaptures.root().resolve("testdata/filters/expressions.txt"))) {
            assertThat(recorded).as("tshark's answer for " + expression + " on " + capture).containsKey(expression);
            expected.put(expression, recorded.get(expression));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(150);
        List<String> names = new ArrayList<>();
        List<DisplayFilter> filters = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            try {
                filters.add(DisplayFilter.compile(e.getKey()));
                names.add(e.getKey());
            } catch (FilterException x) {
                if (!e.getValue().equals("error")) {
                    problems.add(e.getKey() + ": tshark accepts it, tcplens says " + x.getMessage());
                }
            }
        }
        Path file = SharedCaptures.capture(capture);
        List<StringBuilder> selected = select(file, filters);
        Map<String, String> known = knownDifferences();
        for (int i = 0; i < names.size(); i++) {
            String want = expected.get(names.get(i));
            String got = selected.get(i).length() == 0 ? "-" : selected.get(i).toString();
            String key = capture + "\t" + names.get(i);
            if (want.equals("error")) {
                if (!known.containsKey(key)) {
                    problems.add(names.get(i) + ": tshark rejects it, tcplens accepts it");
                }
            } else if (!want.equals(got) && !known.containsKey(key)) {
                problems.add(names.get(i) + ": tshark " + want + ", tcplens " + got);
            } else if (want.equals(got) && known.containsKey(key)) {
                problems.add(names.get(i) + ": listed as a known difference but now agrees with tshark");
            }
        }
        assertThat(problems).as("filters on " + capture).isEmpty();
    }

    /** Runs every filter over the capture (two passes, as tshark -2), collecting frame ranges. */
    private static List<StringBuilder> select(Path file, List<DisplayFilter> filters) throws IOException {
        StreamFinals finals = new StreamFinals();
        ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, false,
                new StreamVerdicts(finals), finals);
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        long number = 0;
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            while (reader.next()) {
                decoder.decode(reader.record(), ++number, packet);
                tracker.observe(packet);
            }
        } catch (CaptureFormatException e) {
            // As tshark: the packets before the damage count.
        }
        tracker.finishAll();

        TcpSequenceNumbering numbering = new TcpSequenceNumbering();
        numbering.analyseSequences();
        PacketContext context = new PacketContext(numbering);
        context.finals(finals);
        List<long[]> runs = new ArrayList<>();
        List<StringBuilder> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            runs.add(new long[] {-1, -1});
            out.add(new StringBuilder());
        }
        number = 0;
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            while (reader.next()) {
                decoder.decode(reader.record(), ++number, packet);
                numbering.observe(packet);
                context.set(packet);
                for (int i = 0; i < filters.size(); i++) {
                    if (filters.get(i).matches(context)) {
                        long[] run = runs.get(i);
                        if (run[0] >= 0 && run[1] == number - 1) {
                            run[1] = number;
                        } else {
                            flush(out.get(i), run);
                            run[0] = number;
                            run[1] = number;
                        }
                    }
                }
            }
        } catch (CaptureFormatException e) {
            // As above.
        }
        for (int i = 0; i < filters.size(); i++) {
            flush(out.get(i), runs.get(i));
        }
        return out;
    }

    private static void flush(StringBuilder s, long[] run) {
        if (run[0] < 0) {
            return;
        }
        if (s.length() > 0) {
            s.append(',');
        }
        s.append(run[0]);
        if (run[1] != run[0]) {
            s.append('-').append(run[1]);
        }
    }
}
