package io.tcplens.capture;

import static io.tcplens.testing.CaptureFilesBuilder.pcap;
import static io.tcplens.testing.CaptureFilesBuilder.pcapRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcplens.testing.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PcapReaderTest {

    private static CaptureReader open(byte[] bytes) throws IOException {
        return CaptureFiles.open(new ByteArrayInputStream(bytes), "test.pcap");
    }

    @Test
    void readsBothByteOrdersWithMicrosecondTimestamps() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            Bytes file = pcap(order, false, 65535, 1);
            pcapRecord(file, 1_600_000_000L, 123_456, new byte[60], 60);
            pcapRecord(file, 1_600_000_001L, 999_999, new byte[14], 1514);
            try (CaptureReader r = open(file.toArray())) {
                assertThat(r.format()).isEqualTo("pcap");
                assertThat(r.next()).isTrue();
                assertThat(r.record().epochSeconds()).isEqualTo(1_600_000_000L);
                assertThat(r.record().nanos()).isEqualTo(123_456_000);
                assertThat(r.record().capturedLength()).isEqualTo(60);
                assertThat(r.record().linkType()).isEqualTo(1);
                assertThat(r.record().truncated()).isFalse();
                assertThat(r.next()).isTrue();
                assertThat(r.record().capturedLength()).isEqualTo(14);
                assertThat(r.record().originalLength()).isEqualTo(1514);
                assertThat(r.record().truncated()).as("cut by the snaplen, kept and marked").isTrue();
                assertThat(r.record().fileOffset()).isEqualTo(24 + 16 + 60);
                assertThat(r.next()).isFalse();
            }
        }
    }

    /**
     * Versions as tshark 4.0's wiretap reads them: before 2.3 (and in DG/UX's 543.0) a record
     * header holds the original length before the captured one; in 2.3 either order was written,
     * and a captured length above the original one means the older order; 2.4 and later versions
     * (2.5 in libpcap's pcap-invalid-version-2.pcap) hold the captured length first; before 2.0
     * nothing is read.
     */
    @Test
    void versionsDecideTheOrderOfTheRecordLengths() throws IOException {
        int[][] cases = {{2, 2, 1514, 60}, {543, 0, 1514, 60}, {2, 3, 1514, 60}, {2, 3, 60, 1514}, {2, 5, 60, 1514}};
        for (int[] c : cases) {
            byte[] file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).toArray();
            java.nio.ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putShort(4, (short) c[0]).putShort(6, (short) c[1]);
            Bytes records = new Bytes(ByteOrder.LITTLE_ENDIAN).raw(file).u32(1).u32(0).u32(c[2]).u32(c[3]).raw(new byte[60]);
            try (CaptureReader r = open(records.toArray())) {
                assertThat(r.next()).as("version %d.%d", c[0], c[1]).isTrue();
                assertThat(r.record().capturedLength()).as("version %d.%d", c[0], c[1]).isEqualTo(60);
                assertThat(r.record().originalLength()).as("version %d.%d", c[0], c[1]).isEqualTo(1514);
            }
        }
        byte[] old = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).toArray();
        old[4] = 1;
        assertThatThrownBy(() -> open(old)).hasMessageContaining("pcap version 1.4 is not supported (expected 2.0 or later)");
    }

    @Test
    void readsNanosecondMagic() throws IOException {
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, true, 262144, 113);
        pcapRecord(file, 5, 123_456_789, new byte[16], 16);
        try (CaptureReader r = open(file.toArray())) {
            assertThat(r.format()).isEqualTo("pcap-ns");
            assertThat(r.next()).isTrue();
            assertThat(r.record().nanos()).isEqualTo(123_456_789);
            assertThat(r.record().linkType()).isEqualTo(113);
            assertThat(r.interfaces().get(0).unitsPerSecond()).isEqualTo(1_000_000_000L);
        }
    }

    @Test
    void recordBeyondTheMaximumIsDamageWithItsOffset() throws IOException {
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        pcapRecord(file, 1, 0, new byte[20], 20);
        file.u32(2).u32(0).u32(0xEA000000L).u32(64);
        try (CaptureReader r = open(file.toArray())) {
            assertThat(r.next()).isTrue();
            assertThatThrownBy(r::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                assertThat(e.record()).isEqualTo(2);
                assertThat(e.offset()).isEqualTo(24 + 16 + 20);
                assertThat(e.problem()).contains("3925868544").contains("262144");
            });
        }
    }

    @Test
    void fileCutInsideARecordReportsHowMuchWasThere() throws IOException {
        Bytes file = pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1);
        pcapRecord(file, 1, 0, new byte[40], 40);
        byte[] whole = file.toArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);
        try (CaptureReader r = open(cut)) {
            assertThatThrownBy(r::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                assertThat(e.offset()).isEqualTo(24);
                assertThat(e.problem()).contains("30 of 40 bytes");
            });
        }
    }

    @Test
    void unsupportedVersionIsNamed() {
        Bytes file = new Bytes().u32(0xA1B2C3D4L).u16(1).u16(4).zeros(16);
        assertThatThrownBy(() -> open(file.toArray())).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(e.problem()).contains("version 1.4"));
    }

    @Test
    void unknownMagicAndEmptyInputAreNamed() {
        assertThatThrownBy(() -> open(new byte[] {1, 2, 3, 4, 5})).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(e.problem()).contains("unknown file format (magic 0x01020304)"));
        assertThatThrownBy(() -> open(new byte[0])).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(e.problem()).contains("empty"));
    }

    @Test
    void gzipCompressedCaptureIsRecognisedByItsMagic() throws IOException {
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < 1000; i++) {
            pcapRecord(file, i, 0, new byte[100 + i % 50], 100 + i % 50);
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(file.toArray());
        }
        int count = 0;
        try (CaptureReader r = open(zipped.toByteArray())) {
            while (r.next()) {
                assertThat(r.record().capturedLength()).isEqualTo(100 + count % 50);
                count++;
            }
        }
        assertThat(count).isEqualTo(1000);
    }

    @Test
    void recordsLargerThanTheWindowAndManyRefillsStream() throws IOException {
        // 3000 records of 60 KiB: several window refills, one buffer throughout.
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 262144, 1);
        byte[] data = new byte[60_000];
        for (int i = 0; i < 3000; i++) {
            data[0] = (byte) i;
            pcapRecord(file, i, 0, data, data.length);
        }
        int count = 0;
        try (CaptureReader r = open(file.toArray())) {
            while (r.next()) {
                assertThat(r.record().buffer().get(r.record().dataOffset())).isEqualTo((byte) count);
                count++;
            }
        }
        assertThat(count).isEqualTo(3000);
    }

    /**
     * Headers that cannot be taken as written are read anyway and counted: a microseconds field
     * of 1,500,000 (tcpflow's tests/bug8.pcap has 8,915,240; tcpdump prints the seven digits,
     * tshark 4.0 keeps an over-long fraction) becomes one more second, and a length on the wire
     * below the captured length becomes the captured length, as in Wireshark.
     */
    @Test
    void oddHeadersAreReadAndCounted() throws IOException {
        Bytes file = pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        pcapRecord(file, 100, 1_500_000, new byte[20], 20);
        pcapRecord(file, 101, 999_999, new byte[30], 20);
        pcapRecord(file, 102, 2_000_000, new byte[20], 20);
        try (CaptureReader r = open(file.toArray())) {
            assertThat(r.next()).isTrue();
            assertThat(r.record().epochSeconds()).isEqualTo(101);
            assertThat(r.record().nanos()).isEqualTo(500_000_000);
            assertThat(r.next()).isTrue();
            assertThat(r.record().originalLength()).isEqualTo(30);
            assertThat(r.next()).isTrue();
            assertThat(r.record().epochSeconds()).isEqualTo(104);
            assertThat(r.next()).isFalse();
            RecordOddities odd = r.oddities();
            assertThat(odd.count(RecordOddities.Kind.FRACTION_OF_SECOND_TOO_BIG)).isEqualTo(2);
            assertThat(odd.count(RecordOddities.Kind.WIRE_LENGTH_BELOW_CAPTURED)).isEqualTo(1);
            assertThat(odd.describe("f.pcap")).containsExactly(
                    "f.pcap: record 1 at byte offset 24: its microseconds field, 1500000, is not below 1000000;"
                            + " the excess is carried into the seconds, so its time may be wrong (2 records in all)",
                    "f.pcap: record 2 at byte offset 60: its length on the wire, 20 bytes, is below its captured"
                            + " length, 30; taken as the captured length");
        }
        Bytes nanos = pcap(ByteOrder.BIG_ENDIAN, true, 65535, 1);
        pcapRecord(nanos, 7, 999_999_999, new byte[20], 20);
        try (CaptureReader r = open(nanos.toArray())) {
            assertThat(r.next()).isTrue();
            assertThat(r.next()).isFalse();
            assertThat(r.oddities().describe("x")).as("a nanosecond fraction up to 999,999,999 is fine").isEmpty();
        }
    }
}
