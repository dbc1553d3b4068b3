package io.tcplens.flow;

/**
 * The bytes that reassembly may hold for all connections together (segments waiting for a hole,
 * records and handshake messages under way): each connection's own limits are small, but a
 * capture of many connections that all leave holes must not add them up without bound. What is
 * refused is counted; the connection then gives up the hole (a gap) or stops reading, and says so.
 */
public final class ReassemblyBudget {
    /** The default for one command: 64 MiB. */
    public static final long DEFAULT_BYTES = 64L << 20;

    private final long max;
    private long used;
    private long refusals;

    public ReassemblyBudget(long max) {
        this.max = max;
    }

    /** Takes {@code n} bytes if they fit. */
    public boolean take(long n) {
        if (used + n > max) {
            refusals++;
            return false;
        }
        used += n;
        return true;
    }

    public void give(long n) {
        used -= n;
    }

    public long used() { return used; }

    public long max() { return max; }

    /** Requests refused for lack of room. */
    public long refusals() { return refusals; }
}
