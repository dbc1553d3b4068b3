package io.tcplens.field;

import java.nio.ByteBuffer;

/**
 * Formats field occurrences as tshark 4.0's {@code -T fields} does: decimal or zero-padded hex
 * integers, 1/0 booleans, dotted and RFC 5952 addresses, plain hex bytes, times in seconds with
 * nine decimals. Occurrences are joined with the aggregator; {@link Occurrence} keeps the first,
 * the last or all of them.
 */
public final class TextSink implements FieldSink {

    /** tshark's {@code -E occurrence=f|l|a}. */
    public enum Occurrence { FIRST, LAST, ALL }

    private final StringBuilder out;
    private final char aggregator;
    private final Occurrence occurrence;
    private int fieldStart;
    private int count;
    private int lastStart;

    public TextSink(StringBuilder out, char aggregator, Occurrence occurrence) {
        this.out = out;
        this.aggregator = aggregator;
        this.occurrence = occurrence;
    }

    /** Starts a field's value at the current end of the output. */
    public void begin() {
        fieldStart = out.length();
        count = 0;
    }

    /** Number of occurrences written since {@link #begin()}. */
    public int count() {
        return count;
    }

    /** Prepares for one more occurrence; false when it is to be skipped (occurrence=f after the first). */
    private boolean next() {
        if (occurrence == Occurrence.FIRST && count > 0) {
            return false;
        }
        if (occurrence == Occurrence.LAST && count > 0) {
            out.setLength(fieldStart);
        } else if (count > 0) {
            out.append(aggregator);
        }
        lastStart = out.length();
        count++;
        return true;
    }

    @Override
    public void unsigned(Field field, long value) {
        if (!next()) {
            return;
        }
        if (field.hex()) {
            Formats.hex(out, value, field.type().hexDigits());
        } else {
            out.append(value);
        }
    }

    @Override
    public void signed(Field field, long value) {
        if (next()) {
            out.append(value);
        }
    }

    @Override
    public void bool(Field field, boolean value) {
        if (next()) {
            out.append(value ? '1' : '0');
        }
    }

    @Override
    public void ipv4(Field field, int address) {
        if (next()) {
            Formats.ipv4(out, address);
        }
    }

    @Override
    public void ipv6(Field field, ByteBuffer buffer, int at) {
        if (next()) {
            Formats.ipv6(out, buffer, at);
        }
    }

    @Override
    public void ether(Field field, ByteBuffer buffer, int at) {
        if (next()) {
            Formats.mac(out, buffer, at);
        }
    }

    @Override
    public void bytes(Field field, ByteBuffer buffer, int at, int length) {
        if (next()) {
            Formats.bytes(out, buffer, at, length);
        }
    }

    @Override
    public void text(Field field, CharSequence value) {
        if (next()) {
            // Strings come from the capture (a TLS server name, a URI, a RST's text): no control
            // character reaches the terminal or breaks the line and its separators.
            Formats.safeText(out, value);
        }
    }

    @Override
    public void time(Field field, long nanos) {
        if (next()) {
            Formats.seconds(out, nanos, 9);
        }
    }

    @Override
    public void decimal(Field field, long billionths) {
        if (next()) {
            Formats.double15(out, billionths);
        }
    }

    @Override
    public void instant(Field field, long epochSeconds, int nanos) {
        if (next()) {
            if (field.type() == FieldType.ABSOLUTE_TIME) {
                Formats.localDateTime(out, epochSeconds, nanos);
            } else {
                Formats.seconds(out, epochSeconds, nanos, 9);
            }
        }
    }

    @Override
    public void span(Field field, long seconds, int nanos) {
        if (next()) {
            Formats.seconds(out, seconds, nanos, 9);
        }
    }

    @Override
    public void present(Field field, ByteBuffer buffer, int at, int length, int itemLength) {
        if (next()) {
            out.append(field.label());
        }
    }

    /** Start of the last occurrence written. */
    int lastStart() {
        return lastStart;
    }
}
