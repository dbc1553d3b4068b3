package io.tcplens.bench;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.field.PacketContext;
import io.tcplens.filter.DisplayFilter;
import io.tcplens.filter.FilterException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading and decoding speed, and allocation per packet (run with {@code -prof gc}).
 *
 * <p>{@code readAndDecodeFile}: one operation is one whole file, read from disk through the
 * streaming reader and decoded; packets per second = packets in the file / seconds per op.
 * {@code decodeOnePacket}: one operation decodes one packet held in memory (cycling through the
 * file's first {@value #IN_MEMORY} packets); its {@code gc.alloc.rate.norm} is the decoder's
 * allocation per packet.
 *
 * <p>{@code readDecodeAndFilterFile} and {@code decodeAndFilterOnePacket} add a display filter
 * ({@code -p filter=...}, by default the issue's {@code tcp.port == 443 and tcp.flags.syn == 1})
 * so its cost reads next to the unfiltered figures.
 *
 * <p>The capture comes from {@code -p file=...}; make one with ../shared/bench/pcapgen.c, e.g.
 * {@code pcapgen -o gen1M.pcap -P 1000000 -s 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx1g"})
public class ReadDecodeBenchmark {
    static final int IN_MEMORY = 100_000;

    @Param("gen1M.pcap")
    public String file;

    /** The typical display filter. */
    @Param("tcp.port == 443 and tcp.flags.syn == 1")
    public String filter;

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketContext context = new PacketContext(null);
    private DisplayFilter compiled;
    private final Packet packet = new Packet();
    private final PacketRecord[] records = new PacketRecord[IN_MEMORY];
    private int loaded;
    private int next;
    private long packetsInFile;

    @Setup(Level.Trial)
    public void load() throws IOException, FilterException {
        compiled = DisplayFilter.compile(filter);
        if (!Files.exists(Path.of(file))) {
            throw new IllegalStateException("no capture at " + file + ": make one with ../shared/bench/pcapgen.c");
        }
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                PacketRecord r = reader.record();
                if (loaded < IN_MEMORY) {
                    byte[] copy = new byte[r.capturedLength()];
                    r.buffer().get(r.dataOffset(), copy);
                    records[loaded++] = new PacketRecord().set(ByteBuffer.wrap(copy), 0, copy.length, r.originalLength(),
                            r.epochSeconds(), r.nanos(), r.linkType());
                }
                packetsInFile++;
            }
        }
        System.out.println("\n[bench] " + file + ": " + packetsInFile + " packets");
    }

    /** The whole file per operation: divide packets in the file by the time per op. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long readAndDecodeFile(Blackhole bh) throws IOException {
        long n = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                n++;
                decoder.decode(reader.record(), n, packet);
                bh.consume(packet.transport());
            }
        }
        return n;
    }

    /** Reading alone, to separate I/O from decoding. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long readFile(Blackhole bh) throws IOException {
        long n = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                n++;
                bh.consume(reader.record().capturedLength());
            }
        }
        return n;
    }

    /** As readAndDecodeFile, with the display filter tested on every packet. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long readDecodeAndFilterFile() throws IOException {
        long n = 0;
        long matched = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                n++;
                decoder.decode(reader.record(), n, packet);
                context.set(packet);
                if (compiled.matches(context)) {
                    matched++;
                }
            }
        }
        return matched;
    }

    /** One in-memory packet decoded and filtered; gc.alloc.rate.norm is the filter's allocation too. */
    @Benchmark
    public boolean decodeAndFilterOnePacket() {
        PacketRecord r = records[next];
        next = next + 1 == loaded ? 0 : next + 1;
        decoder.decode(r, next, packet);
        context.set(packet);
        return compiled.matches(context);
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public int decodeOnePacket() {
        PacketRecord r = records[next];
        next = next + 1 == loaded ? 0 : next + 1;
        decoder.decode(r, next, packet);
        return packet.transport();
    }
}
