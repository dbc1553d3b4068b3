package io.tcplens.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading window grows with the bytes that arrive, not with the lengths a file claims; a
 * regular file that grows is read to its new end, and one that shrinks while it is read ends as
 * damage naming the shrinkage, with every byte read before it intact.
 */
class ByteSourceTest {
    @TempDir
    Path dir;

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

    /** A source over a file, as CaptureFiles opens it: its first 4 bytes already read. */
    private ByteSource file(byte[] content) throws IOException {
        Path file = dir.resolve("capture");
        Files.write(file, content);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        byte[] head = new byte[4];
        channel.read(ByteBuffer.wrap(head));
        return new ByteSource(channel, head);
    }

    private void truncate(int size) throws IOException {
        try (FileChannel writer = FileChannel.open(dir.resolve("capture"), StandardOpenOption.WRITE)) {
            writer.truncate(size);
        }
    }

    @Test
    void aFileIsReadRecordByRecordWithItsOffsetsRight() throws IOException {
        byte[] input = counting(3_000_003);
        ByteSource source = file(input);
        int record = 1500;
        long offset = 0;
        while (source.request(record)) {
            assertThat(source.offset()).isEqualTo(offset);
            for (int i = 0; i < record; i += 499) {
                assertThat(source.buffer().get(source.position() + i)).isEqualTo(input[(int) offset + i]);
            }
            source.skip(record);
            offset += record;
        }
        assertThat(offset).isEqualTo(input.length / record * record);
        assertThat(source.available()).isEqualTo(input.length % record);
        assertThat(source.buffer().get(source.position())).isEqualTo(input[(int) offset]);
        assertThat(source.buffer().capacity()).isEqualTo(ByteSource.READ_WINDOW);
        assertThat(source.atEnd()).isFalse();
        source.skip(source.available());
        assertThat(source.atEnd()).isTrue();
        assertThat(source.damage()).isNull();
    }

    @Test
    void aFileThatGrowsWhileReadIsReadToItsNewEnd() throws IOException {
        byte[] input = counting(10_000);
        ByteSource source = file(java.util.Arrays.copyOf(input, 6000));
        assertThat(source.request(4000)).isTrue();
        source.skip(4000);
        assertThat(source.request(3000)).isFalse();
        assertThat(source.available()).isEqualTo(2000);
        assertThat(source.damage()).isNull();
        // The file as read so far ended there; a file still being written has more later.
        ByteSource growing = file(java.util.Arrays.copyOf(input, 6000));
        assertThat(growing.request(5000)).isTrue();
        Files.write(dir.resolve("capture"), java.util.Arrays.copyOfRange(input, 6000, 10_000), StandardOpenOption.APPEND);
        growing.skip(5000);
        assertThat(growing.request(4000)).isTrue();
        assertThat(growing.offset()).isEqualTo(5000);
        assertThat(growing.buffer().get(growing.position() + 3999)).isEqualTo(input[8999]);
    }

    /**
     * Cut ahead of the reader (a capture truncated, or rotated and rewritten): no byte read is
     * lost or wrong, but the capture does not end where it ends now, and that is damage to
     * report, not a clean end.
     */
    @Test
    void aFileCutAheadOfTheReaderIsReadToItsNewEndThenEndsAsDamage() throws IOException {
        byte[] input = counting(200_000);
        ByteSource source = file(input);
        assertThat(source.request(1000)).isTrue();
        truncate(150_000);
        long offset = 0;
        while (source.request(1000)) {
            assertThat(source.buffer().get(source.position() + 999)).isEqualTo(input[(int) offset + 999]);
            source.skip(1000);
            offset += 1000;
        }
        assertThat(offset).isEqualTo(150_000);
        assertThat(source.damage()).isEqualTo("the file shrank from 200000 to 150000 bytes while it was read");
    }

    /**
     * Cut behind the reader: the bytes already in the window are the file's as they were when
     * read, and they stay readable; the input ends after them, as damage.
     */
    @Test
    void aFileCutBehindTheReaderKeepsTheBytesAlreadyReadThenEndsAsDamage() throws IOException {
        byte[] input = counting(20_000);
        ByteSource source = file(input);
        assertThat(source.request(5000)).isTrue();
        source.skip(4000);
        truncate(3000);
        assertThat(source.request(1000)).isTrue();
        assertThat(source.buffer().get(source.position() + 999)).isEqualTo(input[4999]);
        assertThat(source.request(1_000_000)).isFalse();
        assertThat(source.available()).isEqualTo(16_000);
        assertThat(source.damage()).isEqualTo("the file shrank from 20000 to 3000 bytes while it was read");
    }

    /** The same through the pcap reader: a record cut by the shrinkage, or the cut between two records. */
    @Test
    void aPcapFileCutAheadOfTheReaderEndsWithTheShrinkageNamed() throws IOException {
        io.tcplens.testing.Bytes capture = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN,
                false, 65535, 1);
        for (int i = 0; i < 100; i++) {
            io.tcplens.testing.CaptureFilesBuilder.pcapRecord(capture, 1_700_000_000L + i, 0, new byte[984], 984);
        }
        byte[] bytes = capture.toArray();
        // 24 bytes of file header, then 100 records of 16 + 984 bytes: more than the first window.
        assertThat(bytes).hasSize(100_024);
        for (int cut : new int[] {80_524, 80_024}) {
            PcapReader reader = new PcapReader(file(bytes), "f.pcap");
            assertThat(reader.next()).isTrue();
            truncate(cut);
            int read = 1;
            CaptureFormatException damage = null;
            try {
                while (reader.next()) {
                    read++;
                }
            } catch (CaptureFormatException e) {
                damage = e;
            }
            assertThat(read).isEqualTo(80);
            assertThat(damage).isNotNull();
            assertThat(damage.getMessage()).isEqualTo("f.pcap: record 81 at byte offset 80024: "
                    + (cut == 80_024 ? "the capture stops here" : "packet cut short: 484 of 984 bytes before the end of the file")
                    + " (the file shrank from 100024 to " + cut + " bytes while it was read)");
            reader.close();
        }
    }

    /**
     * A file overwritten in place by a shorter one (another capture, say) has other bytes where
     * the reader goes on: it often finds a record header that makes no sense first. Its account
     * of that then names the shrinkage as the cause.
     */
    @Test
    void aReadersAccountOfDamageNamesTheShrinkageWhenTheFileShrank() throws IOException {
        ByteSource source = file(counting(20_000));
        assertThat(source.withDamage("captured length 3339212688 is bigger than the maximum"))
                .isEqualTo("captured length 3339212688 is bigger than the maximum");
        truncate(100);
        assertThat(source.withDamage("captured length 3339212688 is bigger than the maximum"))
                .isEqualTo("captured length 3339212688 is bigger than the maximum (the file shrank from 20000 to 100 "
                        + "bytes while it was read)");
        assertThat(source.damage()).isEqualTo("the file shrank from 20000 to 100 bytes while it was read");
    }

    /** A named pipe opened by its path is a FileChannel too, of size 0: its end is no shrinkage. */
    @Test
    void aNamedPipeOpenedByItsPathIsReadToItsEndWithoutDamage() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        byte[] input = counting(100_000);
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, input);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        try (FileChannel channel = FileChannel.open(fifo, StandardOpenOption.READ)) {
            byte[] head = new byte[4];
            channel.read(ByteBuffer.wrap(head));
            ByteSource source = new ByteSource(channel, head);
            assertThat(source.request(input.length)).isTrue();
            assertThat(source.buffer().get(source.position() + input.length - 1)).isEqualTo(input[input.length - 1]);
            assertThat(source.request(input.length + 1)).isFalse();
            assertThat(source.damage()).isNull();
            assertThat(source.withDamage("cut")).isEqualTo("cut");
        } finally {
            writer.join(10_000);
        }
    }
}
