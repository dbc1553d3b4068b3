package io.tcplens.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.Problem;
import io.tcplens.testing.SharedCaptures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged files never crash, hang or lose data: cut at every byte offset, or with length fields
 * overwritten, a capture gives every packet before the damage and then one located error.
 */
class DamagedCaptureTest {

    /** Reads everything; returns the record offsets delivered, or throws only CaptureFormatException. */
    private static List<Long> readAll(byte[] bytes, PacketDecoder decoder) throws IOException {
        List<Long> offsets = new ArrayList<>();
        Packet packet = new Packet();
        try (CaptureReader r = CaptureFiles.open(new ByteArrayInputStream(bytes), "damaged")) {
            while (r.next()) {
                offsets.add(r.record().fileOffset());
                decoder.decode(r.record(), offsets.size(), packet);
                assertThat(packet.hasProblem(Problem.DECODER_BUG)).as("decoder bug on record at %d", r.record().fileOffset()).isFalse();
            }
        }
        return offsets;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeek/tcp_handshake-reorder.pcap", "zeek/tcp_retransmit-timeout.pcapng",
            "zeek/pcapng-multi-interface.pcapng", "tcpdump/tcp-handshake-nano.pcap"})
    void cutAtEveryByteOffsetDeliversEveryWholeRecordBefore(String capture) throws IOException {
        byte[] whole = Files.readAllBytes(SharedCaptures.capture(capture));
        List<Long> all = readAll(whole, new PacketDecoder());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int cut = 0; cut < whole.length; cut++) {
                byte[] part = Arrays.copyOf(whole, cut);
                List<Long> delivered = new ArrayList<>();
                try {
                    delivered = readAll(part, new PacketDecoder());
                } catch (CaptureFormatException e) {
                    assertThat(e.offset()).isBetween(0L, (long) cut);
                    delivered = readUntilDamage(part);
                }
                // Exactly the records that end at or before the cut.
                long expected = all.stream().filter(o -> recordEnd(whole, all, o) <= part.length).count();
                assertThat((long) delivered.size()).as("cut at %d", cut).isEqualTo(expected);
            }
        });
    }

    private static List<Long> readUntilDamage(byte[] bytes) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(new ByteArrayInputStream(bytes), "damaged")) {
            while (r.next()) {
                offsets.add(r.record().fileOffset());
            }
        } catch (CaptureFormatException e) {
            return offsets;
        }
        return offsets;
    }

    /** Where the record starting at {@code offset} ends: the next record's start, or the end of the file. */
    private static long recordEnd(byte[] whole, List<Long> all, long offset) {
        int i = all.indexOf(offset);
        if (i + 1 < all.size()) {
            return all.get(i + 1);
        }
        // The last record ends where the file does, unless non-packet blocks follow it.
        return whole.length - trailingNonPacketBytes(whole, offset);
    }

    private static long trailingNonPacketBytes(byte[] whole, long lastPacket) {
        ByteBuffer b = ByteBuffer.wrap(whole);
        if (b.getInt(0) != 0x0A0D0D0A) {
            return 0;
        }
        b.order(b.getInt(8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long end = lastPacket + b.getInt((int) lastPacket + 4);
        return whole.length - end;
    }

    /**
     * A gzip-compressed capture cut anywhere, or with its compressed bytes overwritten, gives
     * the packets decompressed before the damage (the same records as the whole file's first
     * ones) and then one located error that names the compression: never an exception of the
     * decompressor (found by CommandFuzzTest: a damaged gzip trailer was an internal error).
     */
    @ParameterizedTest
    @ValueSource(strings = {"zeek/tcp_handshake-reorder.pcap", "zeek/pcapng-multi-interface.pcapng"})
    void damagedGzipGivesThePacketsBeforeAndOneLocatedError(String capture) throws IOException {
        byte[] plain = Files.readAllBytes(SharedCaptures.capture(capture));
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        byte[] whole = zipped.toByteArray();
        List<Long> all = readAll(whole, new PacketDecoder());
        assertThat(all).isEqualTo(readAll(plain, new PacketDecoder()));
        Random random = new Random(7);
        for (int trial = 0; trial < whole.length + 2000; trial++) {
            byte[] damaged;
            if (trial < whole.length) {
                damaged = Arrays.copyOf(whole, trial);
            } else {
                damaged = whole.clone();
                // Past the 10-byte gzip header, which says only that it is gzip.
                damaged[10 + random.nextInt(whole.length - 10)] ^= (byte) (1 + random.nextInt(255));
            }
            List<Long> delivered = new ArrayList<>();
            try (CaptureReader r = CaptureFiles.open(new ByteArrayInputStream(damaged), "damaged.gz")) {
                while (r.next()) {
                    delivered.add(r.record().fileOffset());
                }
                // Only a flip the decompressor cannot see (none expected: CRC-32 checks every byte) ends cleanly.
                assertThat(trial).as("a cut gzip file ends cleanly").isGreaterThanOrEqualTo(whole.length);
            } catch (CaptureFormatException e) {
                if (trial >= 2 && trial < whole.length) {
                    // From its two magic bytes on, the file is known to be gzip.
                    assertThat(e.getMessage()).as("cut at %d", trial).contains("gzip");
                }
            }
            assertThat(delivered).as("trial %d", trial).isEqualTo(all.subList(0, Math.min(delivered.size(), all.size())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeek/http_get.pcap", "zeek/vlan-pcp-dei.pcapng", "zeek/ldap_gap-data-missing.pcapng"})
    void lengthFieldsOverwrittenWithHugeAndTinyValuesFailCleanly(String capture) throws IOException {
        byte[] whole = Files.readAllBytes(SharedCaptures.capture(capture));
        int[] values = {0, 1, 3, 4, 11, 12, 0x7FFFFFFF, 0xFFFFFFFF, 0x00040001, 65535};
        Random random = new Random(42);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            // Every 4-byte aligned position gets each value, both byte orders: every length field is hit.
            for (int at = 0; at + 4 <= whole.length; at += 4) {
                for (int v : values) {
                    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                        byte[] damaged = whole.clone();
                        ByteBuffer.wrap(damaged).order(order).putInt(at, v);
                        try {
                            readAll(damaged, new PacketDecoder());
                        } catch (CaptureFormatException e) {
                            assertThat(e.getMessage()).contains("damaged").contains("byte offset");
                        }
                    }
                }
            }
            // And random bytes anywhere, many times.
            for (int i = 0; i < 3000; i++) {
                byte[] damaged = whole.clone();
                for (int k = 0; k < 8; k++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                try {
                    readAll(damaged, new PacketDecoder());
                } catch (CaptureFormatException expected) {
                    // Located damage is the correct outcome.
                } catch (RuntimeException e) {
                    fail("unexpected " + e, e);
                }
            }
        });
    }
}
