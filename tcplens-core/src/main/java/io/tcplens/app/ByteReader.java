package io.tcplens.app;

/**
 * A cursor over a message's bytes that never reads past its end: a read that does not fit
 * returns -1 (or an empty range) and marks the reader {@link #truncated()}, so a message that
 * lies about a length is parsed as far as it goes and no further.
 */
final class ByteReader {
    private final byte[] data;
    private int position;
    private final int limit;
    private boolean truncated;

    ByteReader(byte[] data, int from, int limit) {
        this.data = data;
        this.position = from;
        this.limit = Math.min(limit, data.length);
    }

    int position() { return position; }

    int remaining() { return Math.max(0, limit - position); }

    boolean truncated() { return truncated; }

    private boolean fits(int n) {
        if (n < 0 || limit - position < n) {
            truncated = true;
            position = limit;
            return false;
        }
        return true;
    }

    int u8() {
        return fits(1) ? data[position++] & 0xFF : -1;
    }

    int u16() {
        if (!fits(2)) {
            return -1;
        }
        int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    int u24() {
        if (!fits(3)) {
            return -1;
        }
        int v = ((data[position] & 0xFF) << 16) | ((data[position + 1] & 0xFF) << 8) | (data[position + 2] & 0xFF);
        position += 3;
        return v;
    }

    long u32() {
        if (!fits(4)) {
            return -1;
        }
        long v = ((long) (data[position] & 0xFF) << 24) | ((data[position + 1] & 0xFF) << 16)
                | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
        position += 4;
        return v;
    }

    /** The next {@code n} bytes as a sub-reader (empty and truncated when they are not all there). */
    ByteReader slice(int n) {
        if (!fits(n)) {
            return new ByteReader(data, limit, limit);
        }
        ByteReader r = new ByteReader(data, position, position + n);
        position += n;
        return r;
    }

    byte[] bytes(int n) {
        if (!fits(n)) {
            return new byte[0];
        }
        byte[] out = java.util.Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** The bytes as text, one char per byte (ISO-8859-1): what the wire said, escaped later for display. */
    String latin1(int n) {
        if (!fits(n)) {
            return "";
        }
        String s = new String(data, position, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        position += n;
        return s;
    }
}
