package io.tcplens.capture;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Records read whole but not as their header said: each kind counted, its first record kept, so
 * that a command can say so after the packets (rule 4: a bogus header gets a clear message, and
 * every packet is still analysed). Noting one costs a counter; the words are built only when told.
 */
public final class RecordOddities {

    /** What a record's header said that cannot be taken as written. */
    public enum Kind {
        /**
         * A pcap record's fraction of a second is not below one second (1,000,000 microseconds or
         * 1,000,000,000 nanoseconds). Wireshark 4.0 keeps it as an over-long fraction and prints
         * a garbled time (1147551795.325305408 for tcpflow's bug8.pcap, 1147551795 s and 8,915,240
         * microseconds); tcpdump prints the seven digits (1147551795.8915240); tcplens carries the
         * excess into the seconds, which keeps the time a valid instant but not necessarily the
         * true one.
         */
        FRACTION_OF_SECOND_TOO_BIG,
        /**
         * The length on the wire is below the captured length; read as the captured length, as
         * Wireshark does (a packet cannot have been cut to more bytes than it had).
         */
        WIRE_LENGTH_BELOW_CAPTURED
    }

    private final Map<Kind, First> firsts = new EnumMap<>(Kind.class);
    private final long[] counts = new long[Kind.values().length];

    /** Notes one record of this kind; {@code value} is the header field as read. */
    void note(Kind kind, long record, long offset, long value, long limit) {
        if (counts[kind.ordinal()]++ == 0) {
            firsts.put(kind, new First(record, offset, value, limit));
        }
    }

    public long count(Kind kind) { return counts[kind.ordinal()]; }

    /** One line per kind seen: where it first happened, what was read, what tcplens did, how many. */
    public List<String> describe(String file) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Kind, First> e : firsts.entrySet()) {
            First f = e.getValue();
            long n = counts[e.getKey().ordinal()];
            String where = file + ": record " + f.record + " at byte offset " + f.offset + ": ";
            String more = n > 1 ? " (" + n + " records in all)" : "";
            lines.add(where + switch (e.getKey()) {
                case FRACTION_OF_SECOND_TOO_BIG -> "its " + (f.limit == 1_000_000L ? "microseconds" : "nanoseconds")
                        + " field, " + f.value + ", is not below " + f.limit + "; the excess is carried into"
                        + " the seconds, so its time may be wrong" + more;
                case WIRE_LENGTH_BELOW_CAPTURED -> "its length on the wire, " + f.value
                        + " bytes, is below its captured length, " + f.limit + "; taken as the captured length" + more;
            });
        }
        return lines;
    }

    private record First(long record, long offset, long value, long limit) { }
}
