package io.tcplens.cli;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.TcpConnection;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.report.ConnectionReport;
import io.tcplens.report.StreamOrder;
import io.tcplens.report.ZeekConnLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
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

    @Option(names = "--vlan-aware", description = "Key connections by VLAN ids too (Zeek's vlan_fivetuple): the same "
            + "addresses and ports on two VLANs are two connections. Off by default, as in tshark and Zeek, because "
            + "the two directions of one connection may be tagged differently.")
    boolean vlanAware;

    /** The capture's span and how reading ended. */
    record Reading(int status, long first, long last) { }

    /**
     * Reads the whole capture through the connection engine, handing each connection to
     * {@code finished} as soon as it is released; damage is reported on {@code err}.
     */
    static Reading read(String file, boolean vlanAware, PrintWriter err, java.util.function.LongConsumer firstPacket,
                        java.util.function.Consumer<TcpConnection> finished) throws IOException {
        return read(file, vlanAware, err, firstPacket, finished, null);
    }

    /** As above; {@code datagrams}, when given, also sees every packet (UDP and ICMP flows). */
    static Reading read(String file, boolean vlanAware, PrintWriter err, java.util.function.LongConsumer firstPacket,
                        java.util.function.Consumer<TcpConnection> finished, DatagramFlows datagrams) throws IOException {
        ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, vlanAware, finished::accept);
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
                    firstPacket.accept(first);
                }
                last = reader.record().epochNanos();
                tracker.observe(packet);
                if (datagrams != null) {
                    datagrams.observe(packet);
                }
            }
        } catch (NoSuchFileException e) {
            err.println("tcplens: " + file + ": no such file");
            return new Reading(Main.EXIT_DAMAGED_INPUT, 0, 0);
        } catch (CaptureFormatException e) {
            err.println("tcplens: " + e.getMessage());
            status = Main.EXIT_DAMAGED_INPUT;
        }
        tracker.finishAll();
        if (datagrams != null) {
            datagrams.finishAll();
        }
        return new Reading(status, first, last);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        StringWriter row = new StringWriter();
        PrintWriter rowOut = new PrintWriter(row);
        ConnectionReport report = new ConnectionReport(rowOut);
        ZeekConnLog zeek = new ZeekConnLog(rowOut, vlanAware);
        StreamOrder order = new StreamOrder(out);
        switch (format) {
            case text -> new ConnectionReport(out).textHeader();
            case csv -> new ConnectionReport(out).csvHeader();
            default -> { }
        }
        // Rows are formatted as connections are released, so memory holds text, not connections.
        boolean[] headerDone = {false};
        // Zeek's conn.log has UDP and ICMP flows too; they are printed as they finish.
        StringWriter datagramRows = new StringWriter();
        ZeekConnLog datagramLog = new ZeekConnLog(new PrintWriter(datagramRows, true), vlanAware);
        DatagramFlows datagrams = format == Output.zeek ? new DatagramFlows(datagramLog::datagram) : null;
        Reading read = read(file, vlanAware, spec.commandLine().getErr(), first -> {
            if (format == Output.zeek) {
                new ZeekConnLog(out, vlanAware).header(first);
                headerDone[0] = true;
            }
        }, c -> {
            row.getBuffer().setLength(0);
            switch (format) {
                case zeek -> zeek.tcp(c);
                case text -> report.text(ConnectionAnalysis.of(c));
                case csv -> report.csv(ConnectionAnalysis.of(c));
                case json -> report.json(ConnectionAnalysis.of(c));
            }
            rowOut.flush();
            order.add(c.stream(), row.toString());
        }, datagrams);
        if (format == Output.zeek && !headerDone[0]) {
            new ZeekConnLog(out, vlanAware).header(read.first());
        }
        order.finish();
        out.print(datagramRows);
        if (format == Output.zeek) {
            new ZeekConnLog(out).close(read.last());
        }
        out.flush();
        return read.status();
    }
}
