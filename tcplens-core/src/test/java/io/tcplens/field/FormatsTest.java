package io.tcplens.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A double as tshark prints an FT_DOUBLE field (icmp.resptime): C's printf("%.15g"). Expected
 * values are what C's printf (Python's "%.15g", the same formatting) writes for each number.
 */
class FormatsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1, 1",
            "0.076, 0.076",
            "0.00001, 1e-05",
            "-0.00001, -1e-05",
            "0.0001, 0.0001",
            "0.000123456, 0.000123456",
            "123456.789, 123456.789",
            "1.5, 1.5",
            "-2.5, -2.5",
            "0, 0",
            "12345678.123456789, 12345678.1234568",
            "999999999.999999999, 1000000000",
            "9000000000, 9000000000",
            "0.000000001, 1e-09",
    })
    void aDoubleIsPrintedAsCPrintfsPercentPoint15G(String value, String printed) {
        long billionths = new java.math.BigDecimal(value).movePointRight(9).longValueExact();
        assertThat(Formats.double15(new StringBuilder(), billionths).toString()).isEqualTo(printed);
    }
}
