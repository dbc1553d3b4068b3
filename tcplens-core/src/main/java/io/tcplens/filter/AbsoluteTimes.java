package io.tcplens.filter;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date and time written in a display filter (frame.time's values), read as Wireshark 4.0 reads
 * one (epan/ftypes/ftype-time.c): ISO 8601 ("2023-11-14T22:13:20.5Z", an offset or none), or
 * "Nov 14, 2023 22:13:20[.fraction]", or "2023-11-14[ 22[:13[:20[.fraction]]]]", each of the last
 * two optionally followed by "UTC"; without a zone, in the local time zone (the JVM's, which
 * follows TZ as tshark does). The value is nanoseconds since the epoch.
 */
final class AbsoluteTimes {
    private AbsoluteTimes() { }

    private static final String FRACTION = "(?:\\.(\\d{1,9}))?";
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})" + FRACTION + ")?(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern MONTH_FIRST = Pattern.compile(
            "([A-Za-z]{3}) +(\\d{1,2}), (\\d{1,4}) (\\d{1,2}):(\\d{1,2}):(\\d{1,2})" + FRACTION + "\\s*(UTC)?");
    private static final Pattern DATE_FIRST = Pattern.compile(
            "(\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?: (\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})" + FRACTION + ")?)?)?\\s*(UTC)?");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    /** Nanoseconds since the epoch, or the error tshark gives for a value it cannot read. */
    static long parse(String text, Token token) throws FilterException {
        try {
            Matcher m = ISO.matcher(text);
            if (m.matches()) {
                LocalDateTime t = at(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7));
                String zone = m.group(8);
                ZoneId id = zone == null ? ZoneId.systemDefault()
                        : zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                return nanos(t.atZone(id));
            }
            m = MONTH_FIRST.matcher(text);
            if (m.matches()) {
                int month = MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT));
                if (month >= 0 && month % 3 == 0) {
                    LocalDateTime t = at(m.group(3), Integer.toString(month / 3 + 1), m.group(2), m.group(4), m.group(5),
                            m.group(6), m.group(7));
                    return nanos(t.atZone(m.group(8) != null ? ZoneOffset.UTC : ZoneId.systemDefault()));
                }
            }
            m = DATE_FIRST.matcher(text);
            if (m.matches()) {
                LocalDateTime t = at(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7));
                return nanos(t.atZone(m.group(8) != null ? ZoneOffset.UTC : ZoneId.systemDefault()));
            }
        } catch (DateTimeException | ArithmeticException e) {
            // A field out of range (month 13, hour 25): not a valid time, as below.
        }
        throw new FilterException("\"" + text + "\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or"
                + " \"2011-07-04 12:34:56\"", token);
    }

    private static LocalDateTime at(String year, String month, String day, String hour, String minute, String second,
                                    String fraction) {
        int nanos = 0;
        if (fraction != null) {
            nanos = Integer.parseInt((fraction + "00000000").substring(0, 9));
        }
        return LocalDateTime.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day),
                hour == null ? 0 : Integer.parseInt(hour), minute == null ? 0 : Integer.parseInt(minute),
                second == null ? 0 : Integer.parseInt(second), nanos);
    }

    private static long nanos(ZonedDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
