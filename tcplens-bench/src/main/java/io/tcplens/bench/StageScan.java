package io.tcplens.bench;

import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.ConversationTable;
import io.tcplens.report.ConnectionReport;
import io.tcplens.report.StreamOrder;
import io.tcplens.report.Utf8Output;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Where a cold {@code conns} run's time goes, one stage more per run: each stage is its own
 * JVM run (start-up and JIT warm-up included, as a user's run pays them), so the difference
 * between two stages' times is what the later stage adds. {@code scripts/bench-stages.sh} runs
 * them alternating, pinned to one core.
 *
 * <ul>
 *   <li>{@code floor}: the JVM's floor for the job, independent of tcplens's code: read the pcap
 *       through a 1 MiB direct buffer, parse Ethernet (VLAN tags), IPv4/IPv6 and TCP ports, and
 *       count packets per bidirectional 5-tuple in an open-addressing table of primitive arrays
 *       (the work of ../shared/bench/flowscan.c, in Java).</li>
 *   <li>{@code read}: tcplens's reader only.</li>
 *   <li>{@code decode}: reader and decoder.</li>
 *   <li>{@code conversations}: and the conversation table (stream numbers, relative numbers,
 *       completeness).</li>
 *   <li>{@code track}: and the connection engine (events, Zeek's view), connections released
 *       unjudged.</li>
 *   <li>{@code judge}: and each connection's verdicts.</li>
 *   <li>{@code csv}: and each connection's CSV row in stream order, to a discarding writer:
 *       {@code conns -T csv} without the command line's parts.</li>
 * </ul>
 *
 * Usage: {@code java -cp benchmarks.jar io.tcplens.bench.StageScan STAGE FILE}; prints the
 * stage, the packet count and a checksum of what it computed (so that nothing is optimised away).
 */
public final class StageScan {
    private StageScan() { }

    public static void main(String[] args) throws IOException {
        String stage = args[0];
        String file = args[1];
        long result = switch (stage) {
            case "floor" -> FloorScan.scan(Path.of(file));
            case "read", "decode", "conversations", "track", "judge", "csv" -> tcplens(stage, file);
            default -> throw new IllegalArgumentException("unknown stage " + stage
                    + " (floor, read, decode, conversations, track, judge, csv)");
        };
        System.out.println(stage + " " + result);
    }

    private static long tcplens(String stage, String file) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        long[] sum = {0};
        // The command line's output, discarding: CSV rows reach it as bytes, as they reach stdout.
        PrintWriter out = new Utf8Output(OutputStream.nullOutputStream());
        ConnectionReport report = new ConnectionReport(out);
        StreamOrder order = new StreamOrder(out);
        ConversationTable conversations = new ConversationTable();
        ConnectionTracker tracker = new ConnectionTracker(switch (stage) {
            case "judge" -> c -> sum[0] += ConnectionAnalysis.of(c).handshake().ordinal();
            case "csv" -> c -> order.add(c.stream(), report.csvRow(ConnectionAnalysis.of(c)));
            default -> c -> sum[0] += c.stream();
        });
        long n = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                n++;
                switch (stage) {
                    case "read" -> sum[0] += reader.record().capturedLength();
                    case "decode" -> {
                        decoder.decode(reader.record(), n, packet);
                        sum[0] += packet.tcp();
                    }
                    case "conversations" -> {
                        decoder.decode(reader.record(), n, packet);
                        if (conversations.lookup(packet) != null) {
                            sum[0] += conversations.direction();
                        }
                    }
                    default -> {
                        decoder.decode(reader.record(), n, packet);
                        tracker.observe(packet);
                    }
                }
            }
        }
        tracker.finishAll();
        order.finish();
        out.flush();
        return n * 31 + sum[0] + order.waiting() + conversations.size();
    }

    /** flowscan's work in plain Java, as the floor a JVM run of the job cannot go below. */
    static final class FloorScan {
        private long[] addressA;
        private long[] addressALow;
        private long[] addressB;
        private long[] addressBLow;
        /** Ports and a used bit; 0 marks a free slot. */
        private long[] ports;
        private int[] packets;
        private int mask;
        private int used;

        private FloorScan() {
            allocate(1 << 16);
        }

        static long scan(Path file) throws IOException {
            FloorScan table = new FloorScan();
            long n = 0;
            try (FileChannel channel = FileChannel.open(file)) {
                ByteBuffer b = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(b);
                b.flip();
                if (b.remaining() < 24 || b.getInt(0) != 0xA1B2C3D4 || b.getInt(20) != 1) {
                    throw new IOException(file + ": the floor reads only what pcapgen writes:"
                            + " a little-endian classic pcap of Ethernet frames");
                }
                b.position(24);
                while (true) {
                    if (b.remaining() < 16 || b.remaining() < 16 + b.getInt(b.position() + 8)) {
                        b.compact();
                        channel.read(b);
                        b.flip();
                        if (b.remaining() < 16 || b.remaining() < 16 + b.getInt(b.position() + 8)) {
                            break;
                        }
                    }
                    int record = b.position();
                    int data = record + 16;
                    b.position(data + b.getInt(record + 8));
                    n++;
                    table.packet(b, data);
                }
            }
            return n * 31 + table.used;
        }

        private void packet(ByteBuffer b, int at) {
            int etherType = big16(b, at + 12);
            at += 14;
            while (etherType == 0x8100 || etherType == 0x88A8) {
                etherType = big16(b, at + 2);
                at += 4;
            }
            long aHigh = 0;
            long aLow;
            long bHigh = 0;
            long bLow;
            int tcp;
            if (etherType == 0x0800 && b.get(at + 9) == 6) {
                aLow = Integer.toUnsignedLong(Integer.reverseBytes(b.getInt(at + 12)));
                bLow = Integer.toUnsignedLong(Integer.reverseBytes(b.getInt(at + 16)));
                tcp = at + (b.get(at) & 0xF) * 4;
            } else if (etherType == 0x86DD && b.get(at + 6) == 6) {
                aHigh = b.getLong(at + 8);
                aLow = b.getLong(at + 16);
                bHigh = b.getLong(at + 24);
                bLow = b.getLong(at + 32);
                tcp = at + 40;
            } else {
                return;
            }
            int sourcePort = big16(b, tcp);
            int destinationPort = big16(b, tcp + 2);
            int order = Long.compareUnsigned(aHigh, bHigh);
            if (order == 0) {
                order = Long.compareUnsigned(aLow, bLow);
            }
            if (order == 0) {
                order = Integer.compare(sourcePort, destinationPort);
            }
            if (order <= 0) {
                count(aHigh, aLow, bHigh, bLow, (long) sourcePort << 32 | (long) destinationPort << 16 | 1);
            } else {
                count(bHigh, bLow, aHigh, aLow, (long) destinationPort << 32 | (long) sourcePort << 16 | 1);
            }
        }

        private static int big16(ByteBuffer b, int at) {
            return (b.get(at) & 0xFF) << 8 | b.get(at + 1) & 0xFF;
        }

        private void count(long aHigh, long aLow, long bHigh, long bLow, long portsAndUsed) {
            int slot = hash(aHigh, aLow, bHigh, bLow, portsAndUsed) & mask;
            for (long p; (p = ports[slot]) != 0; slot = (slot + 1) & mask) {
                if (p == portsAndUsed && addressALow[slot] == aLow && addressBLow[slot] == bLow
                        && addressA[slot] == aHigh && addressB[slot] == bHigh) {
                    packets[slot]++;
                    return;
                }
            }
            put(slot, aHigh, aLow, bHigh, bLow, portsAndUsed, 1);
            if (++used * 2 > ports.length) {
                grow();
            }
        }

        private void put(int slot, long aHigh, long aLow, long bHigh, long bLow, long portsAndUsed, int count) {
            addressA[slot] = aHigh;
            addressALow[slot] = aLow;
            addressB[slot] = bHigh;
            addressBLow[slot] = bLow;
            ports[slot] = portsAndUsed;
            packets[slot] = count;
        }

        private static int hash(long aHigh, long aLow, long bHigh, long bLow, long portsAndUsed) {
            long h = aHigh * 0x9e3779b97f4a7c15L ^ aLow;
            h = h * 0x9e3779b97f4a7c15L ^ bHigh;
            h = h * 0x9e3779b97f4a7c15L ^ bLow;
            h = h * 0x9e3779b97f4a7c15L ^ portsAndUsed;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return (int) h;
        }

        private void allocate(int capacity) {
            addressA = new long[capacity];
            addressALow = new long[capacity];
            addressB = new long[capacity];
            addressBLow = new long[capacity];
            ports = new long[capacity];
            packets = new int[capacity];
            mask = capacity - 1;
        }

        private void grow() {
            long[] a = addressA;
            long[] aLow = addressALow;
            long[] bHigh = addressB;
            long[] bLow = addressBLow;
            long[] p = ports;
            int[] counts = packets;
            allocate(p.length * 2);
            for (int i = 0; i < p.length; i++) {
                if (p[i] != 0) {
                    int slot = hash(a[i], aLow[i], bHigh[i], bLow[i], p[i]) & mask;
                    while (ports[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    put(slot, a[i], aLow[i], bHigh[i], bLow[i], p[i], counts[i]);
                }
            }
        }
    }
}
