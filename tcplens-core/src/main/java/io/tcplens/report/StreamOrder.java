package io.tcplens.report;

import java.io.PrintWriter;

/**
 * Prints per-connection text in stream order although connections finish in any order: a
 * connection's text waits only while an earlier stream is still open. Streams are numbered
 * without gaps from 0, so the waiting texts live in an array indexed by stream (a circular
 * window starting at the next stream to print).
 */
public final class StreamOrder {
    private final PrintWriter out;
    private String[] window = new String[1024];
    /** Index in window of stream {@link #next}. */
    private int head;
    private long next;
    private int waiting;

    public StreamOrder(PrintWriter out) {
        this.out = out;
    }

    public void add(long stream, String text) {
        if (stream < next) {
            out.print(text);
            return;
        }
        long distance = stream - next;
        while (distance >= window.length) {
            grow();
        }
        int slot = (int) ((head + distance) % window.length);
        // A stream reported twice keeps both texts, in order.
        window[slot] = window[slot] == null ? text : window[slot] + text;
        waiting++;
        while (window[head] != null) {
            out.print(window[head]);
            window[head] = null;
            waiting--;
            head = (head + 1) % window.length;
            next++;
        }
    }

    /** Prints whatever is left (streams that were never seen leave no gap). */
    public void finish() {
        for (int i = 0; i < window.length && waiting > 0; i++) {
            int slot = (head + i) % window.length;
            if (window[slot] != null) {
                out.print(window[slot]);
                window[slot] = null;
                waiting--;
            }
        }
    }

    /** Texts held back, waiting for an earlier stream. */
    public int waiting() {
        return waiting;
    }

    private void grow() {
        String[] bigger = new String[window.length * 2];
        for (int i = 0; i < window.length; i++) {
            bigger[i] = window[(head + i) % window.length];
        }
        window = bigger;
        head = 0;
    }
}
