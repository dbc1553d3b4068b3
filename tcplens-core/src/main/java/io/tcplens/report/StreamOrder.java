package io.tcplens.report;

import java.io.PrintWriter;
import java.util.TreeMap;

/**
 * Prints per-connection text in stream order although connections finish in any order: a
 * connection's text waits only while an earlier stream is still open. Streams are numbered
 * without gaps from 0, and every stream finishes by the end of the capture.
 */
public final class StreamOrder {
    private final PrintWriter out;
    private final TreeMap<Long, String> waiting = new TreeMap<>();
    private long next;

    public StreamOrder(PrintWriter out) {
        this.out = out;
    }

    public void add(long stream, String text) {
        waiting.put(stream, text);
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
            out.print(waiting.pollFirstEntry().getValue());
            next++;
        }
    }

    /** Prints whatever is left (streams that were never seen leave no gap). */
    public void finish() {
        while (!waiting.isEmpty()) {
            out.print(waiting.pollFirstEntry().getValue());
        }
    }

    /** Texts held back, waiting for an earlier stream. */
    public int waiting() {
        return waiting.size();
    }
}
