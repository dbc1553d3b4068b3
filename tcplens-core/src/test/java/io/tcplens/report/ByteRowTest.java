package io.tcplens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A row built as bytes says exactly what a StringBuilder given the same appends says, in UTF-8. */
class ByteRowTest {

    @Test
    void numbersAreWrittenAsStringBuilderWritesThem() {
        long[] values = {0, 7, 9, 10, 99, 100, 65535, -1, -10, 4294967295L, Integer.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE + 1, 1_000_000_000_000_000_000L};
        ByteRow row = new ByteRow();
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            row.append(v).append(',');
            expected.append(v).append(',');
        }
        assertThat(row.toString()).isEqualTo(expected.toString());
        assertThat(row.length()).isEqualTo(expected.length());
    }

    @Test
    void paddedNumbersKeepTheirLeadingZeros() {
        assertThat(new ByteRow().appendPadded(0, 6).append('|').appendPadded(42, 6).append('|').appendPadded(999_999, 6)
                .toString()).isEqualTo("000000|000042|999999");
    }

    @Test
    void textIsEncodedAsUtf8WhateverItsCharacters() {
        // ASCII, Latin-1, a BMP arrow, a surrogate pair (U+1F600), each as a char and in text.
        String text = "a,\u00e9 \u2192 \uD83D\uDE00 z";
        ByteRow row = new ByteRow().append(text).append('\u00e9').append('\u2192').append(true).append(false);
        byte[] expected = (text + "\u00e9\u2192truefalse").getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(row.bytes(), row.length())).isEqualTo(expected);
        assertThat(row.toString()).isEqualTo(text + "\u00e9\u2192truefalse");
    }

    @Test
    void everyKindOfTextIsCopiedWhole() {
        // Builders and buffers are copied in one call, any other CharSequence a character at a time.
        String text = "x\u00e9,".repeat(300);
        ByteRow row = new ByteRow().append(new StringBuilder(text)).append(new StringBuffer(text))
                .append(java.nio.CharBuffer.wrap(text)).append(text);
        assertThat(row.toString()).isEqualTo(text.repeat(4));
    }

    @Test
    void itsStreamAppendsBytes() throws Exception {
        ByteRow row = new ByteRow().append("a");
        byte[] big = "\u2192".repeat(200).getBytes(StandardCharsets.UTF_8);
        row.stream().write('b');
        row.stream().write(big, 3, big.length - 3);
        assertThat(row.toString()).isEqualTo("ab" + "\u2192".repeat(199));
        // A JSON generator writes through it (conns -T json).
        try (var j = JsonLines.FACTORY.createGenerator(row.clear().stream(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            j.writeStartObject();
            j.writeStringField("k", "\u00e9\u0085\u2028");
            j.writeEndObject();
        }
        assertThat(row.toString()).isEqualTo("{\"k\":\"\u00e9\\u0085\\u2028\"}");
    }

    @Test
    void growsPastItsFirstArrayAndClearsForReuse() {
        ByteRow row = new ByteRow();
        String long1 = "x".repeat(1000);
        row.append(long1).append(123456789L);
        assertThat(row.toString()).isEqualTo(long1 + "123456789");
        row.clear().append("next");
        assertThat(row.toString()).isEqualTo("next");
        assertThat(row.scratch().append("::1")).hasToString("::1");
        assertThat(row.scratch()).isEmpty();
    }

    @Test
    void zeekSecondsMatchTheBuilderForm() {
        long[] nanos = {0, 499, 500, 1_000_000_000, 1_700_000_000_123_456_789L, -1, -1_500, 999_999_999_999L};
        for (long n : nanos) {
            assertThat(ZeekConnLog.seconds(new ByteRow(), n).toString()).as("%d ns", n)
                    .isEqualTo(ZeekConnLog.seconds(new StringBuilder(), n).toString());
        }
    }
}
