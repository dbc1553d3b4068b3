package io.tcplens.report;

import java.io.PrintWriter;

/**
 * Prints per-connection text in stream order although connections finish in any order: a
 * connection's text waits only while an earlier stream is still open. Streams are numbered
 * without gaps from 0, so the waiting texts live in an array indexed by stream (a circular
 * window starting at the next stream to print).
 *
 * <p>Waiting is bounded: a connection that stays open (a SYN waiting 75 s for an answer, a
 * session open all capture long) would otherwise hold every later row in memory. Beyond
 * {@link #MAX_WAITING_CHARS} characters or {@link #MAX_WINDOW} streams, the waiting texts are
 * printed at once and the streams still open are passed over: their rows come later, out of
 * order, and {@link #passedOver()} counts them.
 */
public final class StreamOrder {
    /**
     * Characters of text held back at most (96 to 192 MB, one or two bytes a character): enough
     * that the generated 10M-packet benchmark capture, whose unanswered SYNs hold about 400,000
     * CSV rows back for 75 s, stays in order.
     */
    public static final long MAX_WAITING_CHARS = 96L << 20;
    /** Streams between the next to print and the newest at most. */
    public static final int MAX_WINDOW = 1 << 20;

    private final PrintWriter out;
    private final long maxWaitingChars;
    private final int maxWindow;
    private String[] window = new String[1024];
    /** Index in window of stream {@link #next}. */
    private int head;
    private long next;
    private int waiting;
    private long waitingChars;
    private long passedOver;

    public StreamOrder(PrintWriter out) {
        this(out, MAX_WAITING_CHARS, MAX_WINDOW);
    }

    /** With other bounds (for tests). */
    StreamOrder(PrintWriter out, long maxWaitingChars, int maxWindow) {
        this.out = out;
        this.maxWaitingChars = maxWaitingChars;
        this.maxWindow = maxWindow;
    }

    public void add(long stream, String text) {
        if (stream < next) {
            out.print(text);
            return;
        }
        if (stream - next >= maxWindow) {
            printWaiting();
            if (stream - next >= maxWindow) {
                // Nothing waits: the streams in between are all still open; pass over them.
                passedOver += stream - next;
                next = stream;
                head = 0;
            }
        }
        long distance = stream - next;
        while (distance >= window.length) {
            grow();
        }
        int slot = (int) ((head + distance) % window.length);
        // A stream reported twice keeps both texts, in order.
        window[slot] = window[slot] == null ? text : window[slot] + text;
        waiting++;
        waitingChars += text.length();
        while (window[head] != null) {
            printHead();
        }
        if (waitingChars > maxWaitingChars) {
            printWaiting();
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
        waitingChars = 0;
    }

    /** Texts held back, waiting for an earlier stream. */
    public int waiting() {
        return waiting;
    }

    /** Streams passed over while still open, because too much text waited for them: their rows came out of order. */
    public long passedOver() {
        return passedOver;
    }

    private void printHead() {
        out.print(window[head]);
        waitingChars -= window[head].length();
        window[head] = null;
        waiting--;
        head = (head + 1) % window.length;
        next++;
    }

    /** Prints every waiting text in stream order, passing over the streams still open before them. */
    private void printWaiting() {
        while (waiting > 0) {
            if (window[head] != null) {
                printHead();
            } else {
                passedOver++;
                head = (head + 1) % window.length;
                next++;
            }
        }
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
