package io.tcplens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Rows in stream order, and the bounds on what waits for a stream still open. */
class StreamOrderTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @Test
    void printsInStreamOrderWhateverOrderConnectionsFinish() {
        StreamOrder order = new StreamOrder(out);
        order.add(2, "c");
        order.add(1, "b");
        assertThat(text.toString()).isEmpty();
        assertThat(order.waiting()).isEqualTo(2);
        order.add(0, "a");
        order.add(3, "d");
        out.flush();
        assertThat(text.toString()).isEqualTo("abcd");
        assertThat(order.passedOver()).isZero();
    }

    @Test
    void waitingTextKeepsEveryCharacter() {
        // Waiting text is kept as UTF-8: Latin-1 characters above 0x7F and a character above
        // U+00FF wait as two and three bytes, and must come back as the same characters.
        StreamOrder order = new StreamOrder(out);
        StringBuilder built = new StringBuilder("caf\u00e9 \u00ff\u0080\n");
        order.add(3, built);
        order.add(2, "arrow \u2192 \u00e9\n");
        order.add(1, "plain\n");
        assertThat(order.waiting()).isEqualTo(3);
        order.add(0, "first\n");
        out.flush();
        assertThat(text.toString()).isEqualTo("first\nplain\narrow \u2192 \u00e9\ncaf\u00e9 \u00ff\u0080\n");
    }

    @Test
    void rowsOfBytesComeOutAsTheSameTextToEitherOutput() {
        // The same adds, once to a writer of characters and once to the command line's output,
        // which takes the waiting rows' bytes as they are: the texts must be equal.
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        Utf8Output bytesOut = new Utf8Output(stream);
        String tooLong = "y".repeat((1 << 20) + 1) + "\n";
        for (PrintWriter target : new PrintWriter[] {out, bytesOut}) {
            StreamOrder order = new StreamOrder(target);
            target.println("header \u2192");
            ByteRow row = new ByteRow();
            order.add(3, row.clear().append("3,caf\u00e9,").append(-42L).append('\n'));
            order.add(2, "2 \u2192 text\n");
            order.add(5, row.clear().append(tooLong));
            order.add(2, row.clear().append("2 again\n"));
            order.add(1, row.clear().append("1 at once? no, 0 is open\n"));
            order.add(0, row.clear().append("0\n"));
            assertThat(order.waiting()).isEqualTo(1);
            order.add(4, row.clear().append("4\n"));
            order.add(1, row.clear().append("1 late\n"));
            order.finish();
            target.println("footer");
            target.flush();
        }
        String expected = "header \u2192\n0\n1 at once? no, 0 is open\n2 \u2192 text\n2 again\n3,caf\u00e9,-42\n4\n"
                + tooLong + "1 late\nfooter\n";
        assertThat(text.toString()).isEqualTo(expected);
        assertThat(stream.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void tooMuchWaitingTextPassesOverTheOpenStream() {
        StreamOrder order = new StreamOrder(out, 10, 1 << 20);
        order.add(1, "bbbb");
        order.add(2, "cccc");
        assertThat(text.toString()).isEmpty();
        // 12 characters wait for stream 0: they are printed, stream 0 is passed over.
        order.add(3, "dddd");
        out.flush();
        assertThat(text.toString()).isEqualTo("bbbbccccdddd");
        assertThat(order.passedOver()).isEqualTo(1);
        assertThat(order.waiting()).isZero();
        // Its row still comes, late; later streams go on in order.
        order.add(5, "f");
        order.add(0, "a");
        order.add(4, "e");
        order.finish();
        out.flush();
        assertThat(text.toString()).isEqualTo("bbbbccccdddd" + "a" + "ef");
    }

    @Test
    void chunksWhoseRowsAllPrintedAreReused() {
        // Each odd stream waits a moment for the even one before it, so every row is stored and
        // printed soon after: 20 MB pass through the chunks, but one chunk at a time is enough.
        StreamOrder order = new StreamOrder(new PrintWriter(java.io.Writer.nullWriter()));
        String row = "x".repeat(999) + "\n";
        for (int pair = 0; pair < 10_000; pair++) {
            order.add(2L * pair + 1, row);
            order.add(2L * pair, row);
        }
        assertThat(order.waiting()).isZero();
        assertThat(order.chunksInUse()).isEqualTo(1);
    }

    @Test
    void rowsWaitingAcrossManySlabsComeOutWhole() {
        // 40 MB of rows wait for stream 0: more than the first slabs hold together (1 + 1 + 2 +
        // 4 + 8 + 16 MiB), so chunks are cut from seven slabs; every row must come out whole and
        // in order, each with its stream number and its own filler.
        StringBuilder seen = new StringBuilder();
        long[] rows = {0};
        java.io.Writer check = new java.io.Writer() {
            @Override
            public void write(char[] chars, int from, int n) {
                for (int i = from; i < from + n; i++) {
                    if (chars[i] != '\n') {
                        seen.append(chars[i]);
                        continue;
                    }
                    assertThat(seen.toString()).isEqualTo(row(rows[0]++));
                    seen.setLength(0);
                }
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        StreamOrder order = new StreamOrder(new PrintWriter(check));
        int streams = 40_000;
        for (int stream = 1; stream < streams; stream++) {
            order.add(stream, row(stream) + "\n");
        }
        assertThat(order.chunksInUse()).isGreaterThan(38);
        order.add(0, row(0) + "\n");
        assertThat(rows[0]).isEqualTo(streams);
        assertThat(order.waiting()).isZero();
    }

    /** A row of 1,000 characters: the stream number, then a letter that depends on it. */
    private static String row(long stream) {
        String number = Long.toString(stream);
        return number + String.valueOf((char) ('a' + stream % 26)).repeat(1000 - number.length() - 1);
    }

    @Test
    void fewWaitingRowsCannotPinUnboundedChunks() {
        // Among rows printed soon after they are stored, one in a thousand belongs to a stream far
        // ahead and keeps waiting: a chunk each, for a few kilobytes of waiting text. The chunks'
        // memory is bounded like the waiting characters (4 MiB here, so at most 5 chunks).
        StreamOrder order = new StreamOrder(new PrintWriter(java.io.Writer.nullWriter()), 4L << 20, 1 << 20);
        String row = "x".repeat(999) + "\n";
        long far = 500_000;
        for (int pair = 0; pair < 20_000; pair++) {
            if (pair % 1000 == 0) {
                order.add(far++, row);
            }
            order.add(2L * pair + 1, row);
            order.add(2L * pair, row);
            assertThat(order.chunksInUse()).isLessThanOrEqualTo(5);
        }
        assertThat(order.passedOver()).isPositive();
    }

    @Test
    void aStreamFarAheadPassesOverTheOpenOnes() {
        StreamOrder order = new StreamOrder(out, 1 << 20, 8);
        order.add(2, "c");
        order.add(20, "u");
        out.flush();
        // Stream 2's text is printed; 0, 1 and 3..19 are passed over (19 streams).
        assertThat(text.toString()).isEqualTo("cu");
        assertThat(order.passedOver()).isEqualTo(2 + 17);
        order.add(1, "b");
        order.add(21, "v");
        out.flush();
        assertThat(text.toString()).isEqualTo("cubv");
    }

    @Test
    void keepsWideCharactersAndRepeatedStreamsWhileWaiting() {
        StreamOrder order = new StreamOrder(out);
        order.add(2, "c \u2192 \u2713\n");
        order.add(1, "b\u00e9\n");
        order.add(1, "b again\n");
        order.add(0, new StringBuilder("a\n"));
        out.flush();
        assertThat(text.toString()).isEqualTo("a\nb\u00e9\nb again\nc \u2192 \u2713\n");
        assertThat(order.waiting()).isZero();
    }

    @Test
    void anEmptyTextWaitingFirstIsKeptAsAStreamSeen() {
        // A command with nothing to say about a connection (tls on a connection without TLS)
        // adds empty text; it must still hold its place and let the later streams through.
        StreamOrder order = new StreamOrder(out);
        order.add(1, "");
        order.add(2, "c");
        order.add(0, "a");
        out.flush();
        assertThat(text.toString()).isEqualTo("ac");
        assertThat(order.waiting()).isZero();
    }

    @Test
    void rowsSpanningManyChunksComeBackInOrderAndChunksAreReused() {
        StreamOrder order = new StreamOrder(out);
        StringBuilder expected = new StringBuilder();
        StringBuilder row = new StringBuilder();
        // Three rounds of 30,000 rows of 100 characters (3 MB each), each round added backwards
        // behind its first stream: every round waits whole, across several 1 MiB chunks.
        int streams = 0;
        for (int round = 0; round < 3; round++) {
            int first = streams;
            for (int s = first + 29_999; s >= first; s--) {
                row.setLength(0);
                row.append(s);
                while (row.length() < 99) {
                    row.append((char) ('a' + s % 26));
                }
                row.append('\n');
                order.add(s, row);
            }
            streams += 30_000;
            assertThat(order.waiting()).isZero();
        }
        for (int s = 0; s < streams; s++) {
            row.setLength(0);
            row.append(s);
            while (row.length() < 99) {
                row.append((char) ('a' + s % 26));
            }
            expected.append(row).append('\n');
        }
        out.flush();
        assertThat(text.toString()).isEqualTo(expected.toString());
    }

    /**
     * Random orders, repeated and missing streams, empty, wide and chunk-sized texts, against a
     * plain model of the contract: a text waits until every earlier stream was added, a text for
     * a stream already printed is printed at once, and finish prints the rest in stream order.
     */
    @Test
    void agreesWithAPlainModelOnRandomArrivals() {
        for (long seed = 1; seed <= 30; seed++) {
            StreamOrder order = checkAgainstModel(seed, target -> new StreamOrder(target));
            assertThat(order.spilledRows()).isZero();
        }
    }

    /**
     * The same with 64 KiB of waiting text in memory at most: the rest waits in a spill file, and
     * every text still comes in stream order, none passed over, through a writer of characters and
     * through the command line's output of bytes alike.
     */
    @Test
    void rowsSpilledToDiskComeBackInStreamOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        long spilled = 0;
        for (long seed = 1; seed <= 30; seed++) {
            StreamOrder order = checkAgainstModel(seed, target -> new StreamOrder(target, 64 << 10, 1 << 20, 1L << 30, dir));
            assertThat(order.spillFailure()).isNull();
            spilled += order.spilledRows();
            // The file went from the directory as soon as it was open.
            try (var files = java.nio.file.Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
        assertThat(spilled).isGreaterThan(1000);
    }

    /**
     * Random orders, repeated and missing streams, empty, wide and chunk-sized texts, against a
     * plain model of the contract: a text waits until every earlier stream was added, a text for
     * a stream already printed is printed at once, and finish prints the rest in stream order.
     * Checked through a writer of characters and through an output of UTF-8 bytes; returns the
     * order used with the latter.
     */
    private static StreamOrder checkAgainstModel(long seed, java.util.function.Function<PrintWriter, StreamOrder> orders) {
        StreamOrder last = null;
        for (boolean bytes : new boolean[] {false, true}) {
            java.util.Random random = new java.util.Random(seed);
            StringWriter actual = new StringWriter();
            java.io.ByteArrayOutputStream actualBytes = new java.io.ByteArrayOutputStream();
            PrintWriter actualOut = bytes ? new Utf8Output(actualBytes) : new PrintWriter(actual);
            StreamOrder order = orders.apply(actualOut);
            StringBuilder expected = new StringBuilder();
            java.util.TreeMap<Long, StringBuilder> modelWaiting = new java.util.TreeMap<>();
            long modelNext = 0;
            int streams = 1 + random.nextInt(3000);
            java.util.List<Long> arrivals = new java.util.ArrayList<>();
            for (long stream = 0; stream < streams; stream++) {
                int copies = random.nextInt(20) == 0 ? 0 : random.nextInt(15) == 0 ? 2 : 1;
                for (int i = 0; i < copies; i++) {
                    arrivals.add(stream);
                }
            }
            // Mostly in order with some streams late, as connections finish.
            for (int i = 0; i < arrivals.size(); i++) {
                if (random.nextInt(4) == 0) {
                    int j = Math.min(arrivals.size() - 1, i + random.nextInt(200));
                    java.util.Collections.swap(arrivals, i, j);
                }
            }
            for (long stream : arrivals) {
                String text = randomText(random, stream);
                order.add(stream, text);
                if (stream < modelNext) {
                    expected.append(text);
                    continue;
                }
                modelWaiting.computeIfAbsent(stream, k -> new StringBuilder()).append(text);
                while (modelWaiting.containsKey(modelNext)) {
                    expected.append(modelWaiting.remove(modelNext));
                    modelNext++;
                }
            }
            order.finish();
            modelWaiting.values().forEach(expected::append);
            actualOut.flush();
            String got = bytes ? actualBytes.toString(java.nio.charset.StandardCharsets.UTF_8) : actual.toString();
            assertThat(got).as("seed %d, output of %s", seed, bytes ? "bytes" : "characters").isEqualTo(expected.toString());
            assertThat(order.passedOver()).isZero();
            last = order;
        }
        return last;
    }

    /**
     * Rows spilled at different times are read back interleaved (a connection that finished late
     * went to a later spill); each spill reads ahead on its own, so the file is read about once,
     * not once per switch between spills.
     */
    @Test
    void interleavedSpillsReadTheFileAboutOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StreamOrder order = new StreamOrder(new PrintWriter(java.io.Writer.nullWriter()), 1 << 20, 1 << 20, 1L << 30, dir);
        String row = "r".repeat(199) + "\n";
        // Stream 0 stays open. Odd streams finish at once, even ones a round later: each spill
        // holds the odd streams of its round and the even ones of the round before.
        int perRound = 20_000;
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < perRound; i++) {
                long stream = 1 + (long) round * perRound + i;
                if (stream % 2 == 1) {
                    order.add(stream, row);
                }
                long earlier = stream - perRound;
                if (earlier > 0 && earlier % 2 == 0) {
                    order.add(earlier, row);
                }
            }
        }
        assertThat(order.spilledRows()).isPositive();
        order.add(0, row);
        order.finish();
        assertThat(order.passedOver()).isZero();
        assertThat(order.spillBytesRead()).isBetween(order.spilledBytes(), order.spilledBytes() + (order.spills() * 256L << 10));
    }

    @Test
    void aSpillThatFailsPassesOverAndSaysWhy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // No such directory: the file cannot be made.
        StreamOrder missing = new StreamOrder(out, 10, 1 << 20, 1L << 30, dir.resolve("missing"));
        missing.add(1, "bbbb");
        missing.add(2, "cccc");
        missing.add(3, "dddd");
        out.flush();
        assertThat(text.toString()).isEqualTo("bbbbccccdddd");
        assertThat(missing.passedOver()).isEqualTo(1);
        assertThat(missing.spillFailure()).contains("missing");
        // The bound on disk: the first spill fits, the second would not; what was on disk is printed too.
        text.getBuffer().setLength(0);
        StreamOrder bounded = new StreamOrder(out, 10, 1 << 20, 16, dir);
        bounded.add(1, "bbbbbbbbbbb");
        assertThat(bounded.spilledBytes()).isEqualTo(11);
        bounded.add(2, "ccccccccccc");
        out.flush();
        assertThat(text.toString()).isEqualTo("bbbbbbbbbbbccccccccccc");
        assertThat(bounded.passedOver()).isEqualTo(1);
        assertThat(bounded.spillFailure()).contains("MiB of rows would wait on disk");
        bounded.add(0, "a");
        bounded.finish();
        out.flush();
        assertThat(text.toString()).isEqualTo("bbbbbbbbbbbccccccccccc" + "a");
    }

    @Test
    void longRowsAndRepeatedStreamsWaitOnDiskToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StreamOrder order = new StreamOrder(out, 1000, 1 << 20, 1L << 30, dir);
        String beyondReadAhead = "w".repeat(300 << 10) + "\n";
        String beyondChunk = "\u2192".repeat((1 << 20) / 3 + 5) + "\n";
        order.add(2, beyondReadAhead);
        order.add(3, beyondChunk);
        // Stream 2 again: its first text is read back from disk, joined, and waits on disk again.
        order.add(2, "2 again\n");
        order.add(1, "1 caf\u00e9\n");
        assertThat(order.spilledRows()).isEqualTo(3);
        order.add(4, "4\n");
        order.add(0, "0\n");
        order.finish();
        out.flush();
        assertThat(text.toString()).isEqualTo("0\n1 caf\u00e9\n" + beyondReadAhead + "2 again\n" + beyondChunk + "4\n");
        assertThat(order.passedOver()).isZero();
    }

    private static String randomText(java.util.Random random, long stream) {
        int kind = random.nextInt(100);
        if (kind < 5) {
            return "";
        }
        if (kind == 5 && random.nextInt(30) == 0) {
            // Longer than a chunk: waits as a string.
            return "x".repeat((1 << 20) + random.nextInt(10)) + stream + "\n";
        }
        StringBuilder text = new StringBuilder().append(stream).append(':');
        int length = random.nextInt(kind < 10 ? 5000 : 200);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(200);
            text.append(pick == 0 ? '\u2192' : pick == 1 ? '\u00e9' : (char) ('a' + pick % 26));
        }
        return text.append('\n').toString();
    }
}
