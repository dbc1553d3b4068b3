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
}
