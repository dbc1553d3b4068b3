package io.tcplens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The text row's RTT column says what String.format("%.3f", nanos / 1e6) says, without a Formatter per row. */
class MillisecondsTest {

    private static String expected(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    @Test
    void roundsHalfUpAsTheFormatterDoes() {
        long[] edges = {-1, 0, 1, 499, 500, 501, 999, 1_000, 1_499, 1_500, 65_072_500, 65_072_499, 999_999_499,
                999_999_500, 1_000_000_000, 123_456_789_012L, 999_999_999_999_999L, 1_000_000_000_000_000L, Long.MAX_VALUE};
        for (long n : edges) {
            assertThat(ConnectionReport.milliseconds(new StringBuilder(), n)).as("%d ns", n).hasToString(expected(n));
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // Whole microseconds and half microseconds (the rounding's edge) as often as any value.
            long n = random.nextLong(1L << random.nextInt(1, 50));
            n = switch (i % 3) {
                case 0 -> n;
                case 1 -> n / 1000 * 1000 + 500;
                default -> n / 1000 * 1000 + 499;
            };
            assertThat(ConnectionReport.milliseconds(new StringBuilder(), n).toString()).as("%d ns", n).isEqualTo(expected(n));
        }
    }
}
