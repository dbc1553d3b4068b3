package io.tcplens.capture;

import static io.tcplens.testing.CaptureFilesBuilder.block;
import static io.tcplens.testing.CaptureFilesBuilder.endOfOptions;
import static io.tcplens.testing.CaptureFilesBuilder.enhancedPacket;
import static io.tcplens.testing.CaptureFilesBuilder.interfaceDescription;
import static io.tcplens.testing.CaptureFilesBuilder.option;
import static io.tcplens.testing.CaptureFilesBuilder.sectionHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcplens.testing.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    private static CaptureReader open(byte[] bytes) throws IOException {
        return CaptureFiles.open(new ByteArrayInputStream(bytes), "test.pcapng");
    }

    private static byte[] opts(byte[]... options) {
        return Bytes.concat(Bytes.concat(options), endOfOptions(LE));
    }

    @Test
    void readsEveryBlockKindAcrossTwoSectionsOfOppositeByteOrder() throws IOException {
        byte[] name = "eth0".getBytes(StandardCharsets.UTF_8);
        byte[] comment = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] file = Bytes.concat(
                sectionHeader(LE, opts(option(LE, 1, "section".getBytes(StandardCharsets.UTF_8)))),
                // Interface 0: Ethernet, nanosecond resolution, 100 s offset.
                interfaceDescription(LE, 1, 65535, opts(option(LE, 2, name), option(LE, 9, new byte[] {9}),
                        option(LE, 14, new Bytes(LE).u64(100).toArray()))),
                // Interface 1: raw IP, default microseconds.
                interfaceDescription(LE, 101, 65535, new byte[0]),
                enhancedPacket(LE, 0, 1_500_000_000_123_456_789L, new byte[60], 60, opts(option(LE, 1, comment))),
                enhancedPacket(LE, 1, 1_500_000_000_654_321L, new byte[40], 1500, new byte[0]),
                block(LE, 4, new Bytes(LE).u16(1).u16(8).hex("0a000001 6100 0000").u16(0).u16(0).toArray()),
                block(LE, 0x00000BAD, new Bytes(LE).u32(32473).hex("01020304").toArray()),
                block(LE, 0x12345678, new byte[8]),
                // Obsolete packet block on interface 1.
                block(LE, 2, new Bytes(LE).u16(1).u16(0).u32(0).u32(1_000_000).u32(4).u32(4).hex("45000000").toArray()),
                block(LE, 5, new Bytes(LE).u32(0).u32(0).u32(0)
                        .raw(option(LE, 4, new Bytes(LE).u64(10).toArray()))
                        .raw(option(LE, 5, new Bytes(LE).u64(3).toArray()))
                        .raw(option(LE, 7, new Bytes(LE).u64(7).toArray())).raw(endOfOptions(LE)).toArray()),
                // A new section in big-endian order with its own single interface.
                sectionHeader(BE, new byte[0]),
                interfaceDescription(BE, 113, 128, new byte[0]),
                block(BE, 3, new Bytes(BE).u32(200).raw(new byte[200]).toArray()));
        try (CaptureReader r = open(file)) {
            assertThat(r.format()).isEqualTo("pcapng");

            assertThat(r.next()).isTrue();
            PacketRecord p = r.record();
            assertThat(p.linkType()).isEqualTo(1);
            assertThat(p.interfaceId()).isZero();
            assertThat(p.epochSeconds()).isEqualTo(1_500_000_000L + 100);
            assertThat(p.nanos()).isEqualTo(123_456_789);
            assertThat(p.comment()).isEqualTo("hello");
            assertThat(p.recordNumber()).isEqualTo(4);

            assertThat(r.next()).isTrue();
            assertThat(p.linkType()).isEqualTo(101);
            assertThat(p.interfaceId()).isEqualTo(1);
            assertThat(p.epochSeconds()).isEqualTo(1_500_000_000L);
            assertThat(p.nanos()).isEqualTo(654_321_000);
            assertThat(p.capturedLength()).isEqualTo(40);
            assertThat(p.originalLength()).isEqualTo(1500);
            assertThat(p.comment()).isNull();

            assertThat(r.next()).as("obsolete packet block").isTrue();
            assertThat(p.interfaceId()).isEqualTo(1);
            assertThat(p.epochSeconds()).isEqualTo(1);
            assertThat(p.capturedLength()).isEqualTo(4);

            assertThat(r.next()).as("simple packet block in the second section").isTrue();
            assertThat(p.linkType()).isEqualTo(113);
            assertThat(p.interfaceId()).as("numbered across sections").isEqualTo(2);
            assertThat(p.capturedLength()).as("cut to the interface snaplen").isEqualTo(128);
            assertThat(p.originalLength()).isEqualTo(200);

            assertThat(r.next()).isFalse();
            CaptureInterface eth0 = r.interfaces().get(0);
            assertThat(eth0.name()).isEqualTo("eth0");
            assertThat(eth0.unitsPerSecond()).isEqualTo(1_000_000_000L);
            assertThat(eth0.received()).isEqualTo(10);
            assertThat(eth0.interfaceDrops()).isEqualTo(3);
            assertThat(eth0.osDrops()).isEqualTo(7);
            assertThat(r.interfaces()).hasSize(3);
        }
    }

    @Test
    void framesAreNumberedAsWiresharkNumbersThem() throws IOException {
        // Expected: tshark 4.0 -T fields -e frame.number on the same bytes lists frames 1-7; the
        // packets are 1, 3 and 7 (the custom blocks, the journal entry and the sysdig event are
        // frames without a packet; the decryption secrets and the unknown block are none).
        try (CaptureReader r = open(io.tcplens.testing.CaptureFilesBuilder.pcapngWithFramesWithoutPackets())) {
            long[] frames = new long[3];
            for (int i = 0; i < frames.length; i++) {
                assertThat(r.next()).isTrue();
                frames[i] = r.record().frameNumber();
            }
            assertThat(r.next()).isFalse();
            assertThat(frames).containsExactly(1, 3, 7);
            assertThat(r.record().recordNumber()).as("blocks of every kind").isEqualTo(11);
        }
    }

    /**
     * Section header versions as tshark 4.0 reads them: 1.0, and 1.2 as the same; any other
     * refused before any packet ("unknown SHB version 1.1" on libpcap's pcapng-invalid-vers-2).
     */
    @Test
    void sectionVersionsOneZeroAndOneTwoAreReadOthersRefused() throws IOException {
        for (int minor : new int[] {0, 2, 1}) {
            byte[] section = sectionHeader(LE, new byte[0]);
            section[14] = (byte) minor;
            byte[] file = Bytes.concat(section, interfaceDescription(LE, 1, 0, new byte[0]),
                    enhancedPacket(LE, 0, 1, new byte[14], 14, new byte[0]));
            if (minor == 1) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (CaptureReader r = open(file)) {
                        r.next();
                    }
                }).hasMessageContaining("pcapng version 1.1 is not supported (expected 1.0)");
                continue;
            }
            try (CaptureReader r = open(file)) {
                assertThat(r.next()).as("version 1.%d", minor).isTrue();
            }
        }
    }

    @Test
    void powerOfTwoResolution() throws IOException {
        byte[] file = Bytes.concat(sectionHeader(LE, new byte[0]),
                interfaceDescription(LE, 1, 0, opts(option(LE, 9, new byte[] {(byte) 0x80 | 10}))),
                enhancedPacket(LE, 0, 3 * 1024L + 512, new byte[14], 14, new byte[0]));
        try (CaptureReader r = open(file)) {
            assertThat(r.next()).isTrue();
            assertThat(r.record().epochSeconds()).isEqualTo(3);
            assertThat(r.record().nanos()).isEqualTo(500_000_000);
        }
    }

    @Test
    void blockWhoseTrailerDisagreesIsDamageAfterTheGoodPackets() throws IOException {
        byte[] good = enhancedPacket(LE, 0, 0, new byte[20], 20, new byte[0]);
        byte[] bad = enhancedPacket(LE, 0, 0, new byte[20], 20, new byte[0]);
        bad[bad.length - 4] = 99;
        byte[] head = Bytes.concat(sectionHeader(LE, new byte[0]), interfaceDescription(LE, 1, 0, new byte[0]));
        try (CaptureReader r = open(Bytes.concat(head, good, bad))) {
            assertThat(r.next()).isTrue();
            assertThatThrownBy(r::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                assertThat(e.offset()).isEqualTo(head.length + good.length);
                assertThat(e.record()).isEqualTo(4);
                assertThat(e.problem()).contains("disagrees with its trailer");
            });
        }
    }

    @Test
    void optionLongerThanItsBlockIsDamage() {
        byte[] shb = sectionHeader(LE, new Bytes(LE).u16(1).u16(12336).hex("41414141").toArray());
        assertThatThrownBy(() -> {
            try (CaptureReader r = open(shb)) {
                r.next();
            }
        }).isInstanceOfSatisfying(CaptureFormatException.class, e -> assertThat(e.problem()).contains("option 1 of length 12336"));
    }

    @Test
    void packetNamingAMissingInterfaceIsDamage() throws IOException {
        byte[] file = Bytes.concat(sectionHeader(LE, new byte[0]), enhancedPacket(LE, 3, 0, new byte[4], 4, new byte[0]));
        try (CaptureReader r = open(file)) {
            assertThatThrownBy(r::next).isInstanceOfSatisfying(CaptureFormatException.class,
                    e -> assertThat(e.problem()).contains("interface 3").contains("0 interface"));
        }
    }

    @Test
    void hugeBlockLengthIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] file = Bytes.concat(sectionHeader(LE, new byte[0]), new Bytes(LE).u32(6).u32(0x7FFFFFF0L).zeros(64).toArray());
        try (CaptureReader r = open(file)) {
            assertThatThrownBy(r::next).isInstanceOfSatisfying(CaptureFormatException.class,
                    e -> assertThat(e.problem()).contains("bigger than the maximum"));
        }
    }

    /** An enhanced packet block whose length on the wire is below its captured length: read, taken as captured, counted. */
    @Test
    void wireLengthBelowCapturedIsCounted() throws IOException {
        byte[] file = Bytes.concat(sectionHeader(LE, new byte[0]), interfaceDescription(LE, 1, 65535, new byte[0]),
                enhancedPacket(LE, 0, 1, new byte[60], 60, new byte[0]),
                enhancedPacket(LE, 0, 2, new byte[60], 42, new byte[0]));
        try (CaptureReader r = open(file)) {
            assertThat(r.next()).isTrue();
            assertThat(r.next()).isTrue();
            assertThat(r.record().originalLength()).isEqualTo(60);
            assertThat(r.next()).isFalse();
            assertThat(r.oddities().count(RecordOddities.Kind.WIRE_LENGTH_BELOW_CAPTURED)).isEqualTo(1);
            assertThat(r.oddities().describe("x")).singleElement().asString()
                    .startsWith("x: record 4 at byte offset ").contains("its length on the wire, 42 bytes, is below its captured length, 60");
        }
    }
}
