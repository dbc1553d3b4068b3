package io.tcplens.flow;

import java.util.Arrays;

/**
 * What each stream ended up with, collected in a first pass over a file so that a second pass
 * can print final values on every packet, as {@code tshark -2} does. One int per stream.
 */
public final class StreamFinals implements ConversationTable.Listener {
    private int[] completeness = new int[1024];
    private long streams;

    @Override
    public void finished(TcpConversation c) {
        long s = c.stream();
        if (s >= Integer.MAX_VALUE - 8) {
            return;
        }
        if (s >= completeness.length) {
            completeness = Arrays.copyOf(completeness, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(s + 1, 2L * completeness.length)));
        }
        completeness[(int) s] = c.completeness;
        streams = Math.max(streams, s + 1);
    }

    /** The stream's final completeness, or -1 when the first pass did not see it. */
    public int completeness(long stream) {
        return stream < streams ? completeness[(int) stream] : -1;
    }
}
