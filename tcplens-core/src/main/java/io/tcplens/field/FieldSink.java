package io.tcplens.field;

import java.nio.ByteBuffer;

/**
 * Receives field occurrences as typed values: a formatter turns them into tshark's text, a
 * filter compares them without building strings.
 */
public interface FieldSink {
    void unsigned(Field field, long value);

    void signed(Field field, long value);

    void bool(Field field, boolean value);

    void ipv4(Field field, int address);

    void ipv6(Field field, ByteBuffer buffer, int at);

    void ether(Field field, ByteBuffer buffer, int at);

    void bytes(Field field, ByteBuffer buffer, int at, int length);

    void text(Field field, CharSequence value);

    /** A real number in billionths ({@link FieldType#DOUBLE}). */
    void decimal(Field field, long billionths);

    /** A time in nanoseconds (relative, or epoch), shown with nine decimals. */
    void time(Field field, long nanos);

    /**
     * A capture time: seconds since the epoch and the nanoseconds within that second. Kept in two
     * parts because a count of nanoseconds in a long ends in 2262, and a capture's timestamps may
     * say any 64-bit number of seconds (tcpdump's smb_data_print-segv.pcapng has a packet in 4139).
     */
    void instant(Field field, long epochSeconds, int nanos);

    /**
     * A time between two capture times, as whole seconds rounded down and the nanoseconds after
     * them (-0.25 s is -1 and 750,000,000), for the same reason as {@link #instant}.
     */
    void span(Field field, long seconds, int nanos);

    /**
     * The time from one capture time to another (negative when the second is later), each as
     * seconds and nanoseconds, given as {@link #span}: the one subtraction every stream's and
     * packet's relative time shares.
     */
    default void spanBetween(Field field, long seconds, int nano, long sinceSeconds, int sinceNano) {
        long nanos = (long) nano - sinceNano;
        span(field, seconds - sinceSeconds + Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * A protocol's presence (the value of a field named after the protocol itself). Its bytes,
     * as Wireshark gives them to {@code contains}, slices and {@code len()}: {@code length}
     * bytes from {@code at} (the layer and what it carries), of which the protocol's own item
     * covers {@code itemLength}.
     */
    void present(Field field, ByteBuffer buffer, int at, int length, int itemLength);
}
