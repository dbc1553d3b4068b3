package io.tcplens.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One row of output built directly as UTF-8 bytes, for the rows written once per connection on a
 * large capture ({@code conns} in every format): the bytes go into {@link StreamOrder}'s waiting
 * chunks and out to a {@link Utf8Output} as they are, where a {@code StringBuilder} row was copied
 * to characters, narrowed to bytes to wait, widened back to characters and encoded again on the
 * way out. On the 10M-packet benchmark capture (470,000 rows) the builder's appends alone were
 * about 5% of a one-core {@code conns -T csv} run.
 */
public final class ByteRow {
    private byte[] bytes = new byte[256];
    private int length;
    /** For the rare text formatted by code that writes to builders (IPv6 addresses). */
    private final StringBuilder scratch = new StringBuilder(48);
    /** The characters of text being appended. */
    private char[] chars = new char[256];

    /** Empties the row for reuse. */
    public ByteRow clear() {
        length = 0;
        return this;
    }

    public int length() {
        return length;
    }

    /** The row's bytes, valid up to {@link #length()}; the array is the row's own and changes with it. */
    byte[] bytes() {
        return bytes;
    }

    /** The row as a stream of bytes to append to (for JSON rows written by a generator). */
    public java.io.OutputStream stream() {
        return stream;
    }

    /** Appends to the row (see {@link #stream()}). */
    private final java.io.OutputStream stream = new java.io.OutputStream() {
        @Override
        public void write(int b) {
            room(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int from, int n) {
            room(n);
            System.arraycopy(b, from, bytes, length, n);
            length += n;
        }
    };

    /** A cleared builder the caller formats into and then appends (the same builder each call). */
    public StringBuilder scratch() {
        scratch.setLength(0);
        return scratch;
    }

    /** Appends a character (UTF-8 encoded; use {@link #append(CharSequence)} for a surrogate pair). */
    public ByteRow append(char c) {
        if (c < 0x80) {
            room(1);
            bytes[length++] = (byte) c;
            return this;
        }
        return appendEncoded(String.valueOf(c));
    }

    /** Appends text, UTF-8 encoded. */
    public ByteRow append(CharSequence text) {
        int n = text.length();
        char[] chars = charsOf(text, n);
        room(n);
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                // Not ASCII (rows are, in practice): the rest through the JDK's encoder.
                return appendEncoded(new String(chars, i, n - i));
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    /**
     * The text's characters, copied in one call where the text allows it: a character at a time
     * from a StringBuffer (a StringWriter's, as texts reach {@link StreamOrder} from writers) is a
     * synchronized call each.
     */
    private char[] charsOf(CharSequence text, int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        if (text instanceof String s) {
            s.getChars(0, n, chars, 0);
        } else if (text instanceof StringBuilder s) {
            s.getChars(0, n, chars, 0);
        } else if (text instanceof StringBuffer s) {
            s.getChars(0, n, chars, 0);
        } else {
            for (int i = 0; i < n; i++) {
                chars[i] = text.charAt(i);
            }
        }
        return chars;
    }

    private ByteRow appendEncoded(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        room(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    public ByteRow append(boolean value) {
        return append(value ? "true" : "false");
    }

    /** Appends a number in decimal, as {@code StringBuilder.append(long)} writes it. */
    public ByteRow append(long value) {
        if (value == Long.MIN_VALUE) {
            return append("-9223372036854775808");
        }
        room(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int end = length + digits;
        for (int at = end - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    /** Appends {@code value} with exactly {@code digits} digits, zeros first (0 <= value < 10^digits). */
    public ByteRow appendPadded(long value, int digits) {
        room(digits);
        for (int at = length + digits - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
        }
    }

    /** The row as text (tests, and a row that cannot wait in a chunk). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
