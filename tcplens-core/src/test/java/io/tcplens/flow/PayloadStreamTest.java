package io.tcplens.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One direction put back in order: what is delivered, when a hole is a gap, and what is only counted. */
class PayloadStreamTest {
    /** Records deliveries as "offset:text" and gaps as "gap offset+length". */
    private static final class Log implements PayloadStream.Receiver {
        final List<String> seen = new ArrayList<>();

        @Override
        public void bytes(ByteBuffer buffer, int at, int length, long offset) {
            byte[] b = new byte[length];
            buffer.get(at, b);
            seen.add(offset + ":" + new String(b, StandardCharsets.US_ASCII));
        }

        @Override
        public void gap(long offset, long length, boolean cut) {
            seen.add("gap " + offset + "+" + length + (cut ? " cut" : ""));
        }
    }

    private static void send(PayloadStream s, int seq, String text, Log log) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        s.segment(seq, ByteBuffer.wrap(b), 0, b.length, b.length, log);
    }

    @Test
    void retransmittedBytesAreDeliveredOnceAndOtherBytesAreCounted() {
        PayloadStream s = new PayloadStream();
        Log log = new Log();
        send(s, 1, "hello", log);
        send(s, 1, "hello", log);
        send(s, 4, "lo world", log);
        send(s, 1, "HELLO", log);
        assertThat(log.seen).containsExactly("0:hello", "5: world");
        assertThat(s.conflictingOverlaps()).isEqualTo(1);
        assertThat(s.gaps()).isZero();
    }

    @Test
    void afterAGapOnlyBytesSeenSinceAreCompared() {
        PayloadStream s = new PayloadStream();
        Log log = new Log();
        send(s, 1, "abc", log);
        s.acknowledged(11, log);
        send(s, 11, "xyz", log);
        // A late copy of bytes 4..13: the part in the gap was never seen, so it cannot conflict.
        send(s, 4, "QQQQQQQxyz", log);
        assertThat(s.conflictingOverlaps()).isZero();
        send(s, 11, "xYz", log);
        assertThat(s.conflictingOverlaps()).isEqualTo(1);
    }

    @Test
    void aSegmentAheadWaitsForTheHole() {
        PayloadStream s = new PayloadStream();
        Log log = new Log();
        send(s, 6, "world", log);
        assertThat(log.seen).isEmpty();
        send(s, 1, "hello", log);
        assertThat(log.seen).containsExactly("0:hello", "5:world");
    }

    @Test
    void theReceiverAcknowledgingPastAHoleMakesItAGapAndTheFinIsNoByte() {
        PayloadStream s = new PayloadStream();
        Log log = new Log();
        send(s, 1, "abc", log);
        send(s, 11, "xyz", log);
        s.acknowledged(14, log);
        assertThat(log.seen).containsExactly("0:abc", "gap 3+7", "10:xyz");
        assertThat(s.gaps()).isEqualTo(1);
        assertThat(s.gapOffset(0)).isEqualTo(3);
        assertThat(s.gapLength(0)).isEqualTo(7);
        // RFC 9293, section 3.4: the FIN has a sequence number but carries no byte of data.
        s.finished(14);
        s.acknowledged(15, log);
        assertThat(log.seen).hasSize(3);
    }

    @Test
    void bytesTheSnapshotLengthCutAreAGapSaidToBeCut() {
        PayloadStream s = new PayloadStream();
        Log log = new Log();
        byte[] b = "abcdef".getBytes(StandardCharsets.US_ASCII);
        s.segment(1, ByteBuffer.wrap(b), 0, 2, 6, log);
        send(s, 7, "g", log);
        assertThat(log.seen).containsExactly("0:ab", "gap 2+4 cut", "6:g");
    }

    @Test
    void aSharedBudgetThatIsFullGivesTheHoleUpAtOnce() {
        ReassemblyBudget budget = new ReassemblyBudget(4);
        PayloadStream s = new PayloadStream(budget);
        Log log = new Log();
        send(s, 1, "a", log);
        send(s, 5, "bcd", log);
        assertThat(log.seen).as("held within the budget").containsExactly("0:a");
        send(s, 20, "efgh", log);
        assertThat(log.seen).containsExactly("0:a", "gap 1+3", "4:bcd", "gap 7+12", "19:efgh");
        assertThat(budget.refusals()).isEqualTo(1);
        assertThat(budget.used()).as("everything held went back").isZero();
    }

    @Test
    void whatIsHeldIsBoundedAndTheHoleIsGivenUp() {
        PayloadStream s = new PayloadStream();
        Log log = new Log();
        send(s, 1, "a", log);
        for (int i = 0; i <= PayloadStream.MAX_HELD_SEGMENTS; i++) {
            send(s, 100 + i, "x", log);
        }
        assertThat(log.seen.get(0)).isEqualTo("0:a");
        assertThat(log.seen.get(1)).isEqualTo("gap 1+98");
        assertThat(log.seen).hasSize(2 + PayloadStream.MAX_HELD_SEGMENTS + 1);
        assertThat(s.gapBytes()).isEqualTo(98);
    }
}
