package io.tcplens.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a spoofed SYN flood for the alerts memory benchmark: {@code N} SYNs from random
 * addresses, ports and TTLs to one server port, 100,000 per second of capture time, as a pcap.
 * Usage: {@code java -cp benchmarks.jar io.tcplens.bench.SynFloodCapture OUT.pcap N}.
 */
public final class SynFloodCapture {
    private SynFloodCapture() { }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        SplittableRandom random = new SplittableRandom(1);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            o.write(header.array());
            ByteBuffer record = ByteBuffer.allocate(16 + 54);
            for (long i = 0; i < count; i++) {
                long micros = i * 10;
                record.clear().order(ByteOrder.LITTLE_ENDIAN);
                record.putInt((int) (1_700_000_000L + micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(54).putInt(54);
                record.order(ByteOrder.BIG_ENDIAN);
                record.put(new byte[] {0, 0x1b, 0x21, 0, 0, 1, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
                int src = (1 + random.nextInt(222)) << 24 | random.nextInt(1 << 24);
                int ipStart = record.position();
                record.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) i).putShort((short) 0)
                        .put((byte) (30 + random.nextInt(200))).put((byte) 6).putShort((short) 0)
                        .putInt(src).putInt(0xC0A80001);
                int sum = 0;
                for (int k = 0; k < 20; k += 2) {
                    sum += record.getShort(ipStart + k) & 0xFFFF;
                }
                while ((sum >> 16) != 0) {
                    sum = (sum & 0xFFFF) + (sum >> 16);
                }
                record.putShort(ipStart + 10, (short) ~sum);
                record.putShort((short) (1024 + random.nextInt(64000))).putShort((short) 80).putInt(random.nextInt())
                        .putInt(0).putShort((short) 0x5002).putShort((short) 8192).putShort((short) 0).putShort((short) 0);
                o.write(record.array(), 0, record.position());
            }
        }
    }
}
