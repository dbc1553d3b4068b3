package io.tcplens.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import org.junit.jupiter.api.Test;

/** The reading window grows with the bytes that arrive, not with the lengths a file claims. */
class ByteSourceTest {

    private static ByteSource over(byte[] bytes) {
        return new ByteSource(Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    private static byte[] counting(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 7 + i / 251);
        }
        return bytes;
    }

    @Test
    void aHugeClaimedLengthInASmallInputCostsOnlyTheBytesThere() throws IOException {
        ByteSource source = over(counting(20_000));
        assertThat(source.request(ByteSource.MAX_WINDOW)).isFalse();
        assertThat(source.available()).isEqualTo(20_000);
        assertThat(source.buffer().capacity()).isEqualTo(ByteSource.INITIAL_WINDOW);
    }

    @Test
    void aRecordLargerThanTheWindowIsReadWholeWithItsOffsetsRight() throws IOException {
        byte[] input = counting(6 << 20);
        ByteSource source = over(input);
        assertThat(source.request(1000)).isTrue();
        source.skip(1000);
        int record = 5 << 20;
        assertThat(source.request(record)).isTrue();
        assertThat(source.offset()).isEqualTo(1000);
        assertThat(source.buffer().capacity()).isBetween(record, 2 * record);
        for (int i = 0; i < record; i += 4099) {
            assertThat(source.buffer().get(source.position() + i)).isEqualTo(input[1000 + i]);
        }
        source.skip(record);
        assertThat(source.request(input.length - 1000 - record)).isTrue();
        assertThat(source.request(input.length - record)).isFalse();
    }

    @Test
    void aLongInputIsReadThroughTheFullWindowRecordByRecord() throws IOException {
        byte[] input = counting(3 << 20);
        ByteSource source = over(input);
        int record = 1500;
        long offset = 0;
        while (source.request(record)) {
            assertThat(source.offset()).isEqualTo(offset);
            assertThat(source.buffer().get(source.position() + record - 1)).isEqualTo(input[(int) offset + record - 1]);
            source.skip(record);
            offset += record;
        }
        assertThat(offset).isEqualTo(input.length / record * record);
        assertThat(source.available()).isEqualTo(input.length % record);
        assertThat(source.buffer().capacity()).isEqualTo(ByteSource.READ_WINDOW);
    }
}
