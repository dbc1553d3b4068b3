package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.app.AppLayer;
import io.tcplens.flow.TcpConnection;
import io.tcplens.report.ExplainReport;
import io.tcplens.report.ZeekConnLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rule 4 and rule 7 under a coverage-guided fuzzer (Jazzer): whatever bytes a capture file holds,
 * and whatever text a display filter is, every command answers with a status and a message,
 * never an exception, and what it prints is safe and well-formed.
 *
 * <p>In an ordinary test run (CI) each method replays the inputs kept beside this class in
 * {@code src/test/resources/io/tcplens/cli/CommandFuzzTestInputs/METHOD/}: seeds made by our own
 * tools, and every input the fuzzer once found failing, so that a fixed bug stays fixed. With
 * {@code JAZZER_FUZZ=1} (see {@code scripts/fuzz.sh}) one method is fuzzed instead, and a failing
 * input is written to that folder.
 */
class CommandFuzzTest {
    private static final JsonFactory JSON = new JsonFactory();
    /** One file rewritten for each input: the commands read captures by name, as users run them. */
    private static final Path CAPTURE = temporary("capture");

    /**
     * The reports every capture goes through; "-r FILE" is added to each. The plain packet list
     * and the CSV rows are left out: -V and JSON print the same values through the same code,
     * and each command more costs the fuzzer a tenth of its speed (about 12 inputs a second here).
     */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("packets", "-V"),
            List.of("packets", "-T", "json"),
            List.of("packets", "-T", "fields", "-E", "occurrence=a", "-e", "tcp.stream", "-e", "tcp.completeness",
                    "-e", "tcp.analysis.flags", "-e", "tcp.options", "-e", "tls.handshake.extensions_server_name",
                    "-e", "http.request.uri", "-e", "ftp.request.command"),
            List.of("conns", "-T", "json"),
            List.of("conns", "-T", "zeek"),
            List.of("explain"),
            List.of("explain", "-T", "json"),
            List.of("stats"),
            List.of("alerts", "-T", "json"),
            List.of("tls", "-T", "json"),
            List.of("follow", "--stream", "0"));

    @FuzzTest(maxDuration = "5m")
    void everyCommandAnswersAnyCapture(byte[] capture) throws IOException {
        Files.write(CAPTURE, capture);
        for (List<String> command : COMMANDS) {
            String[] args = withFile(command);
            TsharkParityTest.Result r = TsharkParityTest.run(args);
            String what = String.join(" ", args);
            if (command.get(0).equals("follow") && r.err().contains("has no TCP stream 0")) {
                // A capture without TCP: follow answers as to a stream number that is not there
                // (or, when the capture is damaged too, with the damage's status).
                assertThat(r.status()).as(what).isIn(Main.EXIT_USAGE, Main.EXIT_DAMAGED_INPUT);
                continue;
            }
            assertAnswered(r, what, Main.EXIT_DAMAGED_INPUT);
            assertSafeOutput(r.out(), what);
            if (command.contains("json")) {
                assertJson(r.out(), what);
            }
            if (command.contains("zeek")) {
                assertZeekColumns(r.out(), what);
            }
        }
    }

    /**
     * The connection engine's story, checked where it states a fact, in one pass without the
     * command line around it (about 330 inputs a second here, against 12): every arithmetic check marked
     * correct is correct as printed ("ack = ISN + 1"), and one marked wrong is wrong; Zeek's
     * conn_state is one of its thirteen and its history uses only Zeek's letters; completeness
     * uses only Wireshark's six bits; every connection counts at least the packet that opened it.
     */
    @FuzzTest(maxDuration = "5m")
    void everyConnectionIsToldTruly(byte[] capture) throws IOException {
        Files.write(CAPTURE, capture);
        StringWriter text = new StringWriter();
        PrintWriter textOut = new PrintWriter(text);
        ExplainReport explain = new ExplainReport(textOut);
        ZeekConnLog zeek = new ZeekConnLog(textOut, false);
        StringWriter err = new StringWriter();
        ConnsCommand.read(CAPTURE.toString(), false, new PrintWriter(err), first -> { }, c -> {
            ConnectionAnalysis a = ConnectionAnalysis.of(c);
            String what = "stream " + c.stream();
            assertThat(c.packets(0) + c.packets(1)).as(what).isPositive();
            assertThat(c.completeness() & ~63).as(what + ": completeness " + c.completeness()).isZero();
            for (TcpConnection.ZeekRow row : c.zeekRows()) {
                assertThat(row.zeek().connState()).as(what).isIn(ZEEK_CONN_STATES);
                assertThat(row.zeek().history()).as(what).matches("\\^?[SsHhAaDdFfRrCcGgTtWwIiQq]*");
            }
            List<ConnectionAnalysis.Check> checks = new ArrayList<>(a.handshakeChecks());
            checks.addAll(a.teardownChecks());
            for (ConnectionAnalysis.Check check : checks) {
                if (check.extra().isEmpty()) {
                    assertThat(check.value() == ((check.of() + 1) & 0xFFFFFFFFL))
                            .as("%s: %s %s", what, check.text(), check.mark()).isEqualTo(check.ok());
                }
            }
            // The packets not kept as events, gap by gap, and the kept ones add up to the
            // connection's packets and payload each way (explain's ladder and JSON count on it).
            long packets = c.eventCount();
            long[] payload = new long[2];
            for (TcpConnection.Event e : c.events()) {
                payload[e.side()] += e.payload();
            }
            for (TcpConnection.Gap gap : c.gaps()) {
                assertThat(gap.packets()).as(what + ": " + gap).isPositive();
                assertThat(gap.before()).as(what + ": " + gap).isBetween(1, c.eventCount());
                packets += gap.packets();
                payload[0] += gap.payload(0);
                payload[1] += gap.payload(1);
            }
            assertThat(packets).as(what + ": events and gaps").isEqualTo(c.packets(0) + c.packets(1));
            assertThat(payload).as(what + ": payload of events and gaps").containsExactly(c.payload(0), c.payload(1));
            text.getBuffer().setLength(0);
            explain.text(a);
            explain.json(a);
            zeek.tcp(c);
            textOut.flush();
            assertSafeOutput(text.toString(), what);
        }, null, null, new AppLayer().recordDialogue());
        assertThat(err.toString()).doesNotContain("Exception");
    }

    /** Zeek's conn_state values (base/protocols/conn/main.zeek). */
    private static final List<String> ZEEK_CONN_STATES = List.of(
            "S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH");

    /**
     * A display filter's text is typed by a person: a typo gets a usage message, never an
     * exception. The input is the filter's text (UTF-8) up to its first line feed, then a capture.
     * The dictionary (field names, words and operators) is written by scripts/fuzz.sh.
     */
    @DictionaryFile(resourcePath = "display-filter.dict")
    @FuzzTest(maxDuration = "5m")
    void everyFilterAnswers(byte[] input) throws IOException {
        int end = 0;
        while (end < input.length && input[end] != '\n') {
            end++;
        }
        String filter = new String(input, 0, end, StandardCharsets.UTF_8);
        Files.write(CAPTURE, Arrays.copyOfRange(input, Math.min(input.length, end + 1), input.length));
        for (String[] args : new String[][] {
                {"packets", "-r", CAPTURE.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number"},
                {"conns", "-r", CAPTURE.toString(), "-Y", filter, "-T", "csv"}}) {
            TsharkParityTest.Result r = TsharkParityTest.run(args);
            String what = String.join(" ", args);
            assertAnswered(r, what, Main.EXIT_USAGE, Main.EXIT_DAMAGED_INPUT);
            assertSafeOutput(r.err(), what);
        }
    }

    private static void assertAnswered(TsharkParityTest.Result r, String what, Integer... failures) {
        assertThat(r.err()).as(what).doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
        List<Integer> allowed = new ArrayList<>(List.of(failures));
        allowed.add(0);
        assertThat(r.status()).as(what + "\n" + r.err()).isIn(allowed);
    }

    /**
     * Rule 7: bytes from the capture never reach the terminal as control characters. A carriage
     * return passes only as the first half of a line end (follow's ascii view keeps HTTP's CRLF).
     */
    private static void assertSafeOutput(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
            boolean control = (c < 0x20 && c != '\t' && !lineEnd) || (c >= 0x7F && c < 0xA0)
                    || c == '\u2028' || c == '\u2029';
            assertThat(control).as("%s: control character U+%04X at %d", what, (int) c, i).isFalse();
        }
    }

    /** The output is one JSON document or a sequence of them, each complete. */
    private static void assertJson(String text, String what) {
        try (JsonParser p = JSON.createParser(text)) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + e.getMessage(), e);
        }
    }

    /** Every record of a Zeek log has as many columns as its #fields line names. */
    private static void assertZeekColumns(String text, String what) {
        int columns = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("#fields\t")) {
                columns = line.split("\t", -1).length - 1;
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                assertThat(line.split("\t", -1)).as(what + ": " + line).hasSize(columns);
            }
        }
    }

    private static String[] withFile(List<String> command) {
        String[] args = new String[command.size() + 2];
        args[0] = command.get(0);
        args[1] = "-r";
        args[2] = CAPTURE.toString();
        for (int i = 1; i < command.size(); i++) {
            args[i + 2] = command.get(i);
        }
        return args;
    }

    private static Path temporary(String name) {
        try {
            Path file = Files.createTempFile("tcplens-fuzz-" + name, ".bin");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
