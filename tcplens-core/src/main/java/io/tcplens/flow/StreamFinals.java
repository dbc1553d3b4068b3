package io.tcplens.flow;

import java.util.Arrays;

/**
 * What each stream ended up with, collected in a first pass over a file so that a second pass
 * can print and filter on final values on every packet, as {@code tshark -2} does: the
 * conversation's completeness, and codes for the connection's verdicts (set by the analysis;
 * this class only stores them).
 */
public final class StreamFinals implements ConversationTable.Listener {
    /** Verdict slots per stream. */
    public static final int HANDSHAKE = 0;
    public static final int TEARDOWN = 1;
    public static final int CONN_STATE = 2;
    private static final int VERDICTS = 3;

    private int[] completeness = new int[1024];
    /** What the stream's first frame shows (see {@link TcpConversation#completenessOnFirstFrame}). */
    private int[] completenessOnFirstFrame = new int[1024];
    /** VERDICTS bytes per stream: code + 1, so 0 means not known. */
    private byte[] verdicts = new byte[1024 * VERDICTS];
    private long streams;

    @Override
    public void finished(TcpConversation c) {
        int s = slot(c.stream());
        if (s >= 0) {
            completeness[s] = c.completeness();
            completenessOnFirstFrame[s] = c.completenessOnFirstFrame();
        }
    }

    /** Records a connection's verdict codes (each 0..254). */
    public void verdicts(long stream, int handshake, int teardown, int connState) {
        int s = slot(stream);
        if (s >= 0) {
            verdicts[s * VERDICTS + HANDSHAKE] = (byte) (handshake + 1);
            verdicts[s * VERDICTS + TEARDOWN] = (byte) (teardown + 1);
            verdicts[s * VERDICTS + CONN_STATE] = (byte) (connState + 1);
        }
    }

    private int slot(long s) {
        if (s < 0 || s >= (Integer.MAX_VALUE - 8) / VERDICTS) {
            return -1;
        }
        if (s >= completeness.length) {
            int n = (int) Math.min((Integer.MAX_VALUE - 8) / VERDICTS, Math.max(s + 1, 2L * completeness.length));
            completeness = Arrays.copyOf(completeness, n);
            completenessOnFirstFrame = Arrays.copyOf(completenessOnFirstFrame, n);
            verdicts = Arrays.copyOf(verdicts, n * VERDICTS);
        }
        streams = Math.max(streams, s + 1);
        return (int) s;
    }

    /** The stream's final completeness, or -1 when the first pass did not see it. */
    public int completeness(long stream) {
        return stream >= 0 && stream < streams ? completeness[(int) stream] : -1;
    }

    /** What the stream's first frame shows as its completeness, or -1 when the first pass did not see it. */
    public int completenessOnFirstFrame(long stream) {
        return stream >= 0 && stream < streams ? completenessOnFirstFrame[(int) stream] : -1;
    }

    /** A verdict code (slot HANDSHAKE, TEARDOWN or CONN_STATE), or -1 when not known. */
    public int verdict(long stream, int slot) {
        return stream >= 0 && stream < streams ? (verdicts[(int) stream * VERDICTS + slot] & 0xFF) - 1 : -1;
    }
}
