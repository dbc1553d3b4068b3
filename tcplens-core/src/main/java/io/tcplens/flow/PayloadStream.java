package io.tcplens.flow;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One direction's payload put back in sequence order, for the application parsers. Numbers are
 * relative sequence numbers (the first byte after the SYN is 1), compared wrap-safe.
 *
 * <p>Bytes already delivered are not delivered again (a retransmission, or the overlapping part
 * of one); when the overlap carries different bytes it is counted in {@link #conflictingOverlaps()}.
 * A segment beyond the next expected byte is held, up to {@link #MAX_HELD_BYTES} and
 * {@link #MAX_HELD_SEGMENTS}, until the hole is filled. The hole is declared a gap (bytes the
 * capture never saw) as soon as the receiver acknowledges past it, as Zeek does, or when the held
 * segments reach the limit; the parser is then told its offset and size and goes on after it.
 */
public final class PayloadStream {
    /** Out-of-order bytes held per direction at most. */
    public static final int MAX_HELD_BYTES = 1 << 20;
    /** Out-of-order segments held per direction at most. */
    public static final int MAX_HELD_SEGMENTS = 256;

    /** Receives the bytes in order. */
    public interface Receiver {
        /** {@code length} bytes at {@code at}, which start at {@code offset} of the stream (from 0). */
        void bytes(ByteBuffer buffer, int at, int length, long offset);

        /**
         * {@code length} bytes at {@code offset} were never captured: lost before the capture, or,
         * when {@code cut}, cut from their segment by the snapshot length.
         */
        void gap(long offset, long length, boolean cut);
    }

    /** What all streams together may hold; null for no shared limit (one stream followed alone). */
    private final ReassemblyBudget budget;
    /** Next expected relative sequence number. */
    private int next = 1;
    /** Stream offset of {@code next}. */
    private long offset;
    private boolean started;
    private boolean finSeen;
    private int finSeq;
    // Held segments, sorted by sequence number.
    private int heldCount;
    private int[] heldSeq = new int[0];
    private byte[][] heldData = new byte[0][];
    private long heldBytes;
    private long gapBytes;
    /** The first gaps: stream offset and length, in pairs. */
    private long[] firstGaps;
    /** Gaps listed individually at most; the rest are only counted. */
    public static final int MAX_GAPS_LISTED = 8;
    private long gaps;
    private long conflictingOverlaps;

    public PayloadStream() {
        this(null);
    }

    public PayloadStream(ReassemblyBudget budget) {
        this.budget = budget;
    }

    /**
     * Takes a segment's payload: {@code captured} of its bytes at {@code at}, starting at relative
     * sequence number {@code seq}. Bytes a snaplen cut off count as a gap.
     */
    public void segment(int seq, ByteBuffer buffer, int at, int captured, int length, Receiver receiver) {
        if (length <= 0) {
            return;
        }
        if (!started) {
            // A capture that began mid-stream: the first data seen starts it.
            started = true;
            if (seq - next > MAX_HELD_BYTES) {
                next = seq;
            }
        }
        int ahead = seq - next;
        if (ahead > 0) {
            int keep = Math.max(0, Math.min(captured, length));
            if (budget != null && !budget.take(keep)) {
                // No room left to wait for the hole: give it up now, as a gap.
                while (heldCount > 0 && heldSeq[0] - seq < 0) {
                    skipTo(heldSeq[0], receiver);
                    drain(receiver);
                }
                skipTo(seq, receiver);
                deliver(seq, buffer, at, captured, length, receiver);
                drain(receiver);
                return;
            }
            if (!hold(seq, buffer, at, captured, length) && budget != null) {
                budget.give(keep);
            }
            if (heldBytes > MAX_HELD_BYTES || heldCount > MAX_HELD_SEGMENTS) {
                skipTo(heldSeq[0], receiver);
                drain(receiver);
            }
            return;
        }
        deliver(seq, buffer, at, captured, length, receiver);
        drain(receiver);
    }

    /** The sender's FIN sits at relative sequence number {@code seq}: no data lies beyond it (RFC 9293, section 3.4). */
    public void finished(int seq) {
        finSeen = true;
        finSeq = seq;
    }

    /** The receiver acknowledged up to {@code ack} (relative): what it acknowledged and was not seen is a gap. */
    public void acknowledged(int ack, Receiver receiver) {
        if (finSeen && ack - finSeq > 0) {
            // The FIN takes a sequence number of its own, not a byte of data.
            ack = finSeq;
        }
        if (!started || ack - next <= 0) {
            return;
        }
        int until = heldCount > 0 && heldSeq[0] - ack < 0 ? heldSeq[0] : ack;
        skipTo(until, receiver);
        drain(receiver);
    }

    private void deliver(int seq, ByteBuffer buffer, int at, int captured, int length, Receiver receiver) {
        int skip = next - seq;
        if (skip >= length) {
            checkOverlap(seq, buffer, at, Math.min(captured, length));
            return;
        }
        if (skip > 0) {
            checkOverlap(seq, buffer, at, Math.min(captured, skip));
        }
        int fresh = length - skip;
        int freshCaptured = Math.max(0, Math.min(captured - skip, fresh));
        if (freshCaptured > 0) {
            remember(seq + skip, buffer, at + skip, freshCaptured);
            receiver.bytes(buffer, at + skip, freshCaptured, offset);
        }
        next += freshCaptured;
        offset += freshCaptured;
        if (freshCaptured < fresh) {
            skipTo(seq + length, receiver, true);
        }
    }

    /**
     * The last {@link #RECENT_BYTES} bytes delivered, by sequence number modulo the size: enough to
     * tell a retransmission of the latest segments that carries other bytes, at a small fixed cost
     * per followed direction (allocated on the first byte).
     */
    private static final int RECENT_BYTES = 256;
    private byte[] recent;
    /** Bytes delivered without a gap up to {@code next}: how much of {@link #recent} holds this stream's bytes. */
    private long contiguous;

    private void checkOverlap(int seq, ByteBuffer buffer, int at, int length) {
        if (recent == null) {
            return;
        }
        // Only the bytes still in the window [next - kept, next) can be compared.
        int kept = (int) Math.min(contiguous, RECENT_BYTES);
        int from = Math.max(0, (next - kept) - seq);
        int to = Math.min(length, next - seq);
        for (int i = from; i < to; i++) {
            if (buffer.get(at + i) != recent[(seq + i) & (RECENT_BYTES - 1)]) {
                conflictingOverlaps++;
                return;
            }
        }
    }

    private void remember(int seq, ByteBuffer buffer, int at, int length) {
        if (recent == null) {
            recent = new byte[RECENT_BYTES];
        }
        int from = Math.max(0, length - RECENT_BYTES);
        for (int i = from; i < length; i++) {
            recent[(seq + i) & (RECENT_BYTES - 1)] = buffer.get(at + i);
        }
        contiguous += length;
    }

    private void skipTo(int seq, Receiver receiver) {
        skipTo(seq, receiver, false);
    }

    private void skipTo(int seq, Receiver receiver, boolean cut) {
        int missing = seq - next;
        if (missing <= 0) {
            return;
        }
        receiver.gap(offset, missing, cut);
        contiguous = 0;
        if (gaps < MAX_GAPS_LISTED) {
            if (firstGaps == null) {
                firstGaps = new long[2 * MAX_GAPS_LISTED];
            }
            firstGaps[(int) (2 * gaps)] = offset;
            firstGaps[(int) (2 * gaps + 1)] = missing;
        }
        gaps++;
        gapBytes += missing;
        next = seq;
        offset += missing;
    }

    /** Keeps a copy of a segment beyond the hole; false when an equal one is already held. */
    private boolean hold(int seq, ByteBuffer buffer, int at, int captured, int length) {
        int i = heldCount;
        while (i > 0 && heldSeq[i - 1] - seq > 0) {
            i--;
        }
        if (i > 0 && heldSeq[i - 1] == seq && heldData[i - 1].length >= Math.min(captured, length)) {
            return false;
        }
        if (heldCount == heldSeq.length) {
            int n = Math.max(4, heldCount * 2);
            heldSeq = Arrays.copyOf(heldSeq, n);
            heldData = Arrays.copyOf(heldData, n);
        }
        System.arraycopy(heldSeq, i, heldSeq, i + 1, heldCount - i);
        System.arraycopy(heldData, i, heldData, i + 1, heldCount - i);
        byte[] copy = new byte[Math.max(0, Math.min(captured, length))];
        buffer.get(at, copy);
        heldSeq[i] = seq;
        heldData[i] = copy;
        heldCount++;
        // Only the captured bytes are held: an uncaptured tail becomes a gap when the next byte comes.
        heldBytes += copy.length;
        return true;
    }

    private void drain(Receiver receiver) {
        while (heldCount > 0 && heldSeq[0] - next <= 0) {
            int seq = heldSeq[0];
            byte[] data = heldData[0];
            heldCount--;
            heldBytes -= data.length;
            if (budget != null) {
                budget.give(data.length);
            }
            System.arraycopy(heldSeq, 1, heldSeq, 0, heldCount);
            System.arraycopy(heldData, 1, heldData, 0, heldCount);
            heldData[heldCount] = null;
            ByteBuffer wrapped = ByteBuffer.wrap(data);
            deliver(seq, wrapped, 0, data.length, data.length, receiver);
        }
    }

    /** The stream is dropped: what it holds goes back to the budget. */
    public void release() {
        if (budget != null) {
            budget.give(heldBytes);
        }
        heldBytes = 0;
        heldCount = 0;
        heldSeq = new int[0];
        heldData = new byte[0][];
    }

    /** Stream offset of the next byte expected. */
    public long offset() { return offset; }

    /** Holes declared and the bytes they spanned. */
    public long gaps() { return gaps; }

    public long gapBytes() { return gapBytes; }

    /** The {@code i}th gap (from 0, below {@link #MAX_GAPS_LISTED} and {@link #gaps()}): its stream offset and length. */
    public long gapOffset(int i) { return firstGaps[2 * i]; }

    public long gapLength(int i) { return firstGaps[2 * i + 1]; }

    /** Retransmissions whose bytes differed from the ones delivered first. */
    public long conflictingOverlaps() { return conflictingOverlaps; }
}
