package io.tcplens.filter;

import io.tcplens.field.Field;
import io.tcplens.field.FieldSink;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The occurrences of one operand in one packet, collected without allocating once warm:
 * numbers (integers, booleans, IPv4 addresses, times in nanoseconds) as longs; everything with
 * bytes (addresses, byte strings, strings in UTF-8, protocols) in one reused pool. Constants
 * compiled from literals live in a Values too, with an optional prefix length (CIDR).
 */
final class Values implements FieldSink {
    int count;
    long[] numbers = new long[4];
    int[] offsets = new int[4];
    int[] lengths = new int[4];
    /** A protocol occurrence's own item length (for len()); the byte length otherwise. */
    int[] items = new int[4];
    /** Prefix bits of a CIDR constant; -1 for an exact value. */
    int[] prefixes = new int[4];
    byte[] pool = new byte[256];
    int used;

    void clear() {
        count = 0;
        used = 0;
    }

    private int slot() {
        if (count == numbers.length) {
            int n = count * 2;
            numbers = Arrays.copyOf(numbers, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            items = Arrays.copyOf(items, n);
            prefixes = Arrays.copyOf(prefixes, n);
        }
        prefixes[count] = -1;
        return count++;
    }

    void number(long value) {
        int s = slot();  // first: slot() may replace the arrays
        numbers[s] = value;
    }

    private int reserve(int length) {
        if (used + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, used + length));
        }
        int at = used;
        used += length;
        return at;
    }

    /** Adds a byte occurrence and returns its slot; its bytes are to be written at offsets[slot]. */
    int bytes(int length) {
        int s = slot();
        offsets[s] = reserve(length);
        lengths[s] = length;
        items[s] = length;
        return s;
    }

    void bytes(byte[] source, int from, int length) {
        int s = bytes(length);
        System.arraycopy(source, from, pool, offsets[s], length);
    }

    void bytes(ByteBuffer buffer, int at, int length) {
        int s = bytes(length);
        buffer.get(at, pool, offsets[s], length);
    }

    // ---- FieldSink: a field's occurrences ----

    @Override
    public void unsigned(Field field, long value) {
        number(value);
    }

    @Override
    public void signed(Field field, long value) {
        number(value);
    }

    @Override
    public void bool(Field field, boolean value) {
        number(value ? 1 : 0);
    }

    @Override
    public void ipv4(Field field, int address) {
        number(address & 0xFFFFFFFFL);
    }

    @Override
    public void ipv6(Field field, ByteBuffer buffer, int at) {
        bytes(buffer, at, 16);
    }

    @Override
    public void ether(Field field, ByteBuffer buffer, int at) {
        bytes(buffer, at, 6);
    }

    @Override
    public void bytes(Field field, ByteBuffer buffer, int at, int length) {
        bytes(buffer, at, length);
    }

    @Override
    public void text(Field field, CharSequence value) {
        // UTF-8 by hand: no String or byte[] per occurrence.
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        int s = bytes(length);
        int o = offsets[s];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                pool[o++] = (byte) c;
            } else if (c < 0x800) {
                pool[o++] = (byte) (0xC0 | (c >> 6));
                pool[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                pool[o++] = (byte) (0xF0 | (cp >> 18));
                pool[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                pool[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                pool[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                pool[o++] = '?';
                pool[o++] = '?';
            } else {
                pool[o++] = (byte) (0xE0 | (c >> 12));
                pool[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                pool[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    @Override
    public void time(Field field, long nanos) {
        number(nanos);
    }

    /** Compared in billionths, as filter literals of a double are read. */
    @Override
    public void decimal(Field field, long billionths) {
        number(billionths);
    }

    /** Compared as nanoseconds since the epoch, as filter literals are; beyond a long's range, its end. */
    @Override
    public void instant(Field field, long epochSeconds, int nanos) {
        number(saturatedNanos(epochSeconds, nanos));
    }

    /** Compared as nanoseconds, as filter literals are; beyond a long's range, its end. */
    @Override
    public void span(Field field, long seconds, int nanos) {
        number(saturatedNanos(seconds, nanos));
    }

    private static long saturatedNanos(long seconds, int nanos) {
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + nanos;
    }

    @Override
    public void present(Field field, ByteBuffer buffer, int at, int length, int itemLength) {
        int s = bytes(length);
        buffer.get(at, pool, offsets[s], length);
        items[s] = itemLength;
    }
}
