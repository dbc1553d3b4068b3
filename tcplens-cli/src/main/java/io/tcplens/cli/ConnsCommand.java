package io.tcplens.cli;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.TcpConnection;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.report.ConnectionReport;
import io.tcplens.report.ZeekConnLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tcplens conns}: one row per connection, in stream order. */
@Command(name = "conns", mixinStandardHelpOptions = true, sortOptions = false,
        description = "One row per TCP connection: handshake, teardown, Zeek's conn_state and history, counters.")
final class ConnsCommand implements Callable<Integer> {

    enum Output { text, json, csv, zeek }

    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Capture to read; - for standard input.")
    String file;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output: text (default), json, csv, zeek (a Zeek conn.log).")
    Output format = Output.text;

    /** Every TCP connection of a capture, in stream order, with the exit status and capture span. */
    record Connections(List<TcpConnection> list, int status, long first, long last) { }

    /** Reads the whole capture through the connection engine; damage is reported on {@code err}. */
    static Connections read(String file, PrintWriter err) throws IOException {
        List<TcpConnection> connections = new ArrayList<>();
        ConnectionTracker tracker = new ConnectionTracker(connections::add);
        int status = 0;
        long first = 0;
        long last = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            long number = 0;
            while (reader.next()) {
                decoder.decode(reader.record(), ++number, packet);
                if (number == 1) {
                    first = reader.record().epochNanos();
                }
                last = reader.record().epochNanos();
                tracker.observe(packet);
            }
        } catch (NoSuchFileException e) {
            err.println("tcplens: " + file + ": no such file");
            return new Connections(List.of(), Main.EXIT_DAMAGED_INPUT, 0, 0);
        } catch (CaptureFormatException e) {
            err.println("tcplens: " + e.getMessage());
            status = Main.EXIT_DAMAGED_INPUT;
        }
        tracker.finishAll();
        connections.sort(Comparator.comparingLong(TcpConnection::stream));
        return new Connections(connections, status, first, last);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Connections read = read(file, spec.commandLine().getErr());
        List<TcpConnection> connections = read.list();
        long first = read.first();
        long last = read.last();
        ConnectionReport report = new ConnectionReport(out);
        switch (format) {
            case zeek -> {
                ZeekConnLog zeek = new ZeekConnLog(out);
                zeek.header(first);
                connections.forEach(zeek::tcp);
                zeek.close(last);
            }
            case text -> {
                report.textHeader();
                connections.forEach(c -> report.text(ConnectionAnalysis.of(c)));
            }
            case csv -> {
                report.csvHeader();
                connections.forEach(c -> report.csv(ConnectionAnalysis.of(c)));
            }
            case json -> connections.forEach(c -> report.json(ConnectionAnalysis.of(c)));
        }
        out.flush();
        return read.status();
    }
}
