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
 * regular file is mapped window by window, with the same offsets and bytes as read.
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
    private ByteSource mapped(byte[] content, int window) throws IOException {
        Path file = dir.resolve("capture");
        Files.write(file, content);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        byte[] head = new byte[4];
        channel.read(ByteBuffer.wrap(head));
        return new ByteSource(channel, head, window);
    }

    @Test
    void aFileIsReadThroughMappedWindowsRecordByRecordWithItsOffsetsRight() throws IOException {
        byte[] input = counting(1_000_003);
        ByteSource source = mapped(input, 4096);
        assertThat(source.buffer().isDirect()).isTrue();
        assertThat(source.buffer().capacity()).isEqualTo(4096);
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
        assertThat(source.atEnd()).isFalse();
        source.skip(source.available());
        assertThat(source.atEnd()).isTrue();
    }

    @Test
    void aMappedRecordLargerThanTheWindowIsMappedWhole() throws IOException {
        byte[] input = counting(100_000);
        ByteSource source = mapped(input, 4096);
        source.skip(10);
        assertThat(source.request(60_000)).isTrue();
        assertThat(source.offset()).isEqualTo(10);
        assertThat(source.buffer().get(source.position() + 59_999)).isEqualTo(input[60_009]);
        source.skip(60_000);
        // More than the file holds: what is there stays available, and nothing beyond it.
        assertThat(source.request(50_000)).isFalse();
        assertThat(source.available()).isEqualTo(100_000 - 60_010);
        assertThat(source.buffer().get(source.position() + source.available() - 1)).isEqualTo(input[99_999]);
    }

    @Test
    void thePacketReadBeforeANewWindowKeepsItsBytes() throws IOException {
        byte[] input = counting(20_000);
        ByteSource source = mapped(input, 4096);
        source.skip(4000);
        ByteBuffer before = source.buffer();
        int at = source.position();
        assertThat(source.request(1000)).isTrue();
        assertThat(source.buffer()).isNotSameAs(before);
        // The window before is still mapped: a decoder may look at the last packet read in it.
        for (int i = 0; i < 96; i++) {
            assertThat(before.get(at + i)).isEqualTo(input[4000 + i]);
        }
    }

    @Test
    void aFileThatGrowsWhileReadIsReadToItsNewEnd() throws IOException {
        byte[] input = counting(10_000);
        ByteSource source = mapped(java.util.Arrays.copyOf(input, 6000), 4096);
        source.skip(4000);
        assertThat(source.request(3000)).isFalse();
        assertThat(source.available()).isEqualTo(2000);
        assertThat(source.damage()).isNull();
        // The file as read so far ended there; a file still being written has more later.
        ByteSource growing = mapped(java.util.Arrays.copyOf(input, 6000), 4096);
        growing.skip(4000);
        assertThat(growing.request(1000)).isTrue();
        Files.write(dir.resolve("capture"), java.util.Arrays.copyOfRange(input, 6000, 10_000), StandardOpenOption.APPEND);
        growing.skip(1000);
        assertThat(growing.request(4000)).isTrue();
        assertThat(growing.offset()).isEqualTo(5000);
        assertThat(growing.buffer().get(growing.position() + 3999)).isEqualTo(input[8999]);
    }

    @Test
    void aFileOfNothingButItsMagicNumberIsReadNotMapped() throws IOException {
        ByteSource source = mapped(new byte[4], 4096);
        assertThat(source.buffer().capacity()).isEqualTo(ByteSource.INITIAL_WINDOW);
        assertThat(source.available()).isEqualTo(4);
    }

    @Test
    void aMappedFileThatShrinksWhileReadEndsAsDamageWithoutReadingItsGonePages() throws IOException {
        byte[] input = counting(20_000);
        ByteSource source = mapped(input, 4096);
        source.skip(4000);
        try (FileChannel writer = FileChannel.open(dir.resolve("capture"), StandardOpenOption.WRITE)) {
            writer.truncate(3000);
        }
        assertThat(source.request(1000)).isFalse();
        assertThat(source.available()).isZero();
        assertThat(source.damage()).isEqualTo("the file shrank to 3000 bytes while it was read (it had at least "
                + "4096), and packets read after byte offset 0 may have been read wrong");
    }

    /**
     * Cut beyond the windows mapped so far (a capture truncated, or rotated and rewritten, ahead
     * of the reader): no byte read is lost or wrong, but the capture does not end where it ends
     * now, and that is damage to report, not a clean end.
     */
    @Test
    void aMappedFileCutAheadOfTheReaderIsReadToItsNewEndThenEndsAsDamage() throws IOException {
        byte[] input = counting(20_000);
        ByteSource source = mapped(input, 4096);
        try (FileChannel writer = FileChannel.open(dir.resolve("capture"), StandardOpenOption.WRITE)) {
            writer.truncate(10_000);
        }
        long offset = 0;
        while (source.request(1000)) {
            assertThat(source.buffer().get(source.position() + 999)).isEqualTo(input[(int) offset + 999]);
            source.skip(1000);
            offset += 1000;
        }
        assertThat(offset).isEqualTo(10_000);
        assertThat(source.damage()).isEqualTo("the file shrank from 20000 to 10000 bytes while it was read");
    }

    /** The same through the pcap reader: a record cut by the shrinkage, or the cut between two records. */
    @Test
    void aPcapFileCutAheadOfTheReaderEndsWithTheShrinkageNamed() throws IOException {
        io.tcplens.testing.Bytes file = io.tcplens.testing.CaptureFilesBuilder.pcap(java.nio.ByteOrder.LITTLE_ENDIAN,
                false, 65535, 1);
        for (int i = 0; i < 20; i++) {
            io.tcplens.testing.CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L + i, 0, new byte[984], 984);
        }
        byte[] bytes = file.toArray();
        // 24 bytes of file header, then 20 records of 16 + 984 bytes.
        assertThat(bytes).hasSize(20_024);
        for (int[] cut : new int[][] {{10_524, 11}, {10_024, 11}}) {
            ByteSource source = mapped(bytes, 4096);
            PcapReader reader = new PcapReader(source, "f.pcap");
            try (FileChannel writer = FileChannel.open(dir.resolve("capture"), StandardOpenOption.WRITE)) {
                writer.truncate(cut[0]);
            }
            int read = 0;
            CaptureFormatException damage = null;
            try {
                while (reader.next()) {
                    read++;
                }
            } catch (CaptureFormatException e) {
                damage = e;
            }
            assertThat(read).isEqualTo(10);
            assertThat(damage).isNotNull();
            assertThat(damage.getMessage()).isEqualTo("f.pcap: record 11 at byte offset 10024: "
                    + (cut[0] == 10_024 ? "the capture stops here" : "packet cut short: 484 of 984 bytes before the end of the file")
                    + " (the file shrank from 20024 to " + cut[0] + " bytes while it was read)");
            reader.close();
        }
    }

    /**
     * A load from a page past the file's new end faults, but the JVM lets the load go on with
     * garbage and raises the InternalError only later: the reader often finds a record header
     * that makes no sense first. Its account of that then names the shrinkage as the cause.
     */
    @Test
    void aReadersAccountOfDamageNamesTheShrinkageWhenTheMappedFileShrank() throws IOException {
        ByteSource source = mapped(counting(20_000), 4096);
        assertThat(source.withDamage("captured length 3339212688 is bigger than the maximum"))
                .isEqualTo("captured length 3339212688 is bigger than the maximum");
        try (FileChannel writer = FileChannel.open(dir.resolve("capture"), StandardOpenOption.WRITE)) {
            writer.truncate(100);
        }
        assertThat(source.withDamage("captured length 3339212688 is bigger than the maximum"))
                .isEqualTo("captured length 3339212688 is bigger than the maximum (the file shrank to 100 bytes "
                        + "while it was read (it had at least 4096), and packets read after byte offset 0 may "
                        + "have been read wrong)");
        assertThat(source.damage()).startsWith("the file shrank to 100 bytes");
    }

    @Test
    void aFaultOnAMappedFileIsDamageOnlyWhenTheFileShrank() throws IOException {
        ByteSource source = mapped(counting(20_000), 4096);
        InternalError fault = new InternalError("a fault occurred in an unsafe memory access");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.shrank(fault, "f.pcap", 3, 40))
                .isSameAs(fault);
        try (FileChannel writer = FileChannel.open(dir.resolve("capture"), StandardOpenOption.WRITE)) {
            writer.truncate(100);
        }
        source.close();
        assertThat(source.shrank(fault, "f.pcap", 3, 40).getMessage()).isEqualTo("f.pcap: record 3 at byte offset 40: "
                + "the file shrank to 100 bytes while it was read (it had at least 4096), and packets read after "
                + "byte offset 0 may have been read wrong; the analysis stops here");
    }

    @Test
    void aNamedPipeOpenedByItsPathIsReadNotMapped() throws Exception {
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
            ByteSource source = new ByteSource(channel, head, 4096);
            assertThat(source.request(input.length)).isTrue();
            assertThat(source.buffer().get(source.position() + input.length - 1)).isEqualTo(input[input.length - 1]);
            assertThat(source.request(input.length + 1)).isFalse();
        } finally {
            writer.join(10_000);
        }
    }
}
