package io.tcplens.bench;

import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.report.ConnectionReport;
import io.tcplens.report.StreamOrder;
import io.tcplens.report.Utf8Output;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The connection engine over a whole capture: read, decode, track every connection (Zeek's
 * view included) and judge each one's verdicts as it is released. One operation is one file;
 * packets per second = packets in the file / seconds per operation. Run with
 * {@code -p file=gen1M.pcap} (../shared/bench/pcapgen.c makes it) and {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx1g"})
public class ConnectionEngineBenchmark {
    @Param("gen1M.pcap")
    public String file;

    @Benchmark
    public long trackAndJudge() throws IOException {
        long[] judged = {0};
        long n = track(new ConnectionTracker(c -> judged[0] += ConnectionAnalysis.of(c).handshake().ordinal()));
        return n + judged[0];
    }

    /**
     * What {@code conns -T csv} does, warm: the above, plus each connection's CSV row kept in
     * stream order and printed to a discarding writer. Against a cold {@code conns} run on the
     * same file, the difference is the JVM's warm-up (mostly JIT compilation).
     */
    @Benchmark
    public long connsCsv() throws IOException {
        // The command line's output, discarding: CSV rows reach it as bytes, as they reach stdout.
        PrintWriter out = new Utf8Output(OutputStream.nullOutputStream());
        ConnectionReport report = new ConnectionReport(out);
        StreamOrder order = new StreamOrder(out);
        long n = track(new ConnectionTracker(c -> order.add(c.stream(), report.csvRow(ConnectionAnalysis.of(c)))));
        order.finish();
        out.flush();
        return n + order.waiting();
    }

    /** Reads and decodes the whole file through the tracker, then finishes every connection; returns the packet count. */
    private long track(ConnectionTracker tracker) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        long n = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                decoder.decode(reader.record(), ++n, packet);
                tracker.observe(packet);
            }
        }
        tracker.finishAll();
        return n;
    }
}
