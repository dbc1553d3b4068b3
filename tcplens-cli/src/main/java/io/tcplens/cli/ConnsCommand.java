package io.tcplens.cli;

import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.field.PacketContext;
import io.tcplens.filter.DisplayFilter;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.StreamFinals;
import io.tcplens.flow.TcpConnection;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.report.ConnectionReport;
import io.tcplens.report.SafeText;
import io.tcplens.report.StreamOrder;
import io.tcplens.report.ZeekConnLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Display filter (Wireshark's language): keep the connections with at least one matching "
                    + "packet, e.g. 'ip.addr == 10.1.2.3' or 'tcplens.teardown == \"reset\"'.")
    String displayFilter;

    @Option(names = "--vlan-aware", description = "Key connections by VLAN ids too (Zeek's vlan_fivetuple): the same "
            + "addresses and ports on two VLANs are two connections. Off by default, as in tshark and Zeek, because "
            + "the two directions of one connection may be tagged differently.")
    boolean vlanAware;

    /** The capture's span and how reading ended. */
    record Reading(int status, long first, long last) { }

    /**
     * A display filter choosing connections, with the final per-stream values of a first pass
     * (null when it needs none). Connections and flows with a matching packet are marked selected.
     */
    record Selection(DisplayFilter filter, StreamFinals finals) {
        /** Compiles {@code -Y} (null when absent); exits with a message on a bad filter. */
        static Selection of(String text, String file, boolean vlanAware, PrintWriter err) throws IOException {
            DisplayFilter filter = DisplayFilters.compile(text, err);
            if (filter == null) {
                return null;
            }
            return new Selection(filter, filter.needsFinalValues()
                    ? DisplayFilters.firstPass(file, vlanAware, filter.needsVerdicts(), err) : null);
        }
    }

    /**
     * Reads the whole capture through the connection engine, handing each connection to
     * {@code finished} as soon as it is released; damage is reported on {@code err}.
     * {@code datagrams}, when given, also sees every packet (UDP and ICMP flows);
     * {@code selection}, when given, marks the connections and flows it selects.
     */
    static Reading read(String file, boolean vlanAware, PrintWriter err, java.util.function.LongConsumer firstPacket,
                        ConnectionTracker.Listener finished, DatagramFlows datagrams,
                        Selection selection) throws IOException {
        return read(file, vlanAware, err, firstPacket, finished, datagrams, selection, null);
    }

    /**
     * Counts the packet's UDP or ICMP flow, and the UDP flow of the tunnel that carried it, which
     * becomes a tunnel parent of the connection or flow inside. Returns the packet's own flow.
     */
    private static DatagramFlows.Flow observeDatagrams(DatagramFlows datagrams, Packet packet, TcpConnection connection) {
        DatagramFlows.Flow tunnel = datagrams.observeTunnel(packet);
        DatagramFlows.Flow flow = datagrams.observe(packet);
        if (tunnel != null) {
            if (connection != null) {
                connection.tunnelledBy(tunnel);
            } else if (flow != null) {
                flow.tunnelledBy(tunnel);
            }
        }
        return flow;
    }

    /** As above, with the application stage run on every packet when {@code app} is given. */
    static Reading read(String file, boolean vlanAware, PrintWriter err, java.util.function.LongConsumer firstPacket,
                        ConnectionTracker.Listener finished, DatagramFlows datagrams,
                        Selection selection, io.tcplens.app.AppLayer app) throws IOException {
        ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, vlanAware, finished);
        PacketContext context = new PacketContext(tracker.numbering());
        // -Y may test the summary line's columns (_ws.col.*), as packets -Y can.
        context.columns(io.tcplens.report.PacketSummary::column);
        if (app != null && app.dialogue()) {
            // A story tells each packet's expert flags (retransmissions, duplicate ACKs, ...) too.
            tracker.numbering().analyseSequences();
        }
        if (selection != null) {
            context.finals(selection.finals());
            if (selection.filter().needsSequenceAnalysis()) {
                tracker.numbering().analyseSequences();
            }
        }
        int status = 0;
        long first = 0;
        long last = 0;
        CaptureReader opened = CaptureInput.open(file, err);
        if (opened == null) {
            return new Reading(Main.EXIT_DAMAGED_INPUT, 0, 0);
        }
        if (app != null) {
            app.listen(opened);
        }
        try (CaptureReader reader = opened) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            boolean firstSeen = false;
            while (reader.next()) {
                decoder.decode(reader.record(), reader.record().frameNumber(), packet);
                if (!firstSeen) {
                    firstSeen = true;
                    first = reader.record().epochNanos();
                    firstPacket.accept(first);
                }
                last = reader.record().epochNanos();
                tracker.observe(packet);
                if (app != null) {
                    app.observe(packet, tracker.numbering());
                }
                DatagramFlows.Flow flow = datagrams != null ? observeDatagrams(datagrams, packet, tracker.current()) : null;
                if (selection != null) {
                    context.set(packet);
                    if (selection.filter().matches(context)) {
                        TcpConnection c = tracker.current();
                        if (c != null) {
                            c.select();
                        }
                        if (flow != null) {
                            flow.select();
                        }
                    }
                }
            }
        } catch (CaptureFormatException e) {
            err.println("tcplens: " + e.getMessage());
            status = Main.EXIT_DAMAGED_INPUT;
        }
        CaptureInput.tellOddities(opened, err);
        tracker.finishAll();
        if (datagrams != null) {
            datagrams.finishAll();
        }
        reportCaps(tracker, err);
        return new Reading(status, first, last);
    }

    /** Says when a cap on memory changed what is reported (rule: bounded tables count and tell what they dropped). */
    static void reportCaps(ConnectionTracker tracker, PrintWriter err) {
        if (tracker.releasedEarly() > 0) {
            err.println("tcplens: note: " + tracker.releasedEarly() + " connections were reported before their end, because more than "
                    + ConnectionTracker.MAX_LIVE_CONNECTIONS + " were open at once (the least recently active went first)");
        }
        if (tracker.conversationsEvicted() > 0) {
            err.println("tcplens: note: " + tracker.conversationsEvicted() + " conversations were dropped from the full table ("
                    + ConversationTable.DEFAULT_MAX_CONVERSATIONS + "); a later packet of one starts a new stream");
        }
    }

    /** Says what the QUIC reading noted: an internal error, connections forgotten, memory full. */
    static void reportQuic(java.util.List<String> notes, PrintWriter err) {
        for (String note : notes) {
            err.println("tcplens: " + SafeText.of(note));
        }
    }

    /** Says when the application stage's caps forgot something (rule: bounded tables tell what they dropped). */
    static void reportApplicationCaps(io.tcplens.app.AppLayer app, PrintWriter err) {
        if (app.budget().refusals() > 0) {
            err.println("tcplens: note: the reassembly memory shared by all connections (" + (app.budget().max() >> 20)
                    + " MiB) was full " + app.budget().refusals() + " times: holes were given up as gaps, or a "
                    + "connection's records were not read further (explain says which)");
        }
        TlsKeyOptions.reportUnmatched(app.tlsKeyLog(), err);
        if (app.readerFaults() > 0) {
            err.println("tcplens: warning: an internal error stopped the reading of " + app.readerFaults()
                    + " connections' application layer (their TCP analysis and all other packets went on; please report it); "
                    + "the first: " + SafeText.of(app.firstReaderFault()));
        }
        if (app.ftpAnnouncementsForgotten() > 0) {
            err.println("tcplens: note: " + app.ftpAnnouncementsForgotten() + " FTP data endpoints were forgotten before use (at most "
                    + io.tcplens.app.AppLayer.MAX_FTP_ANNOUNCEMENTS + " are remembered); their data connections are not linked");
        }
    }

    /** Says when rows left stream order because too much text waited for a connection still open. */
    static void reportOrder(StreamOrder order, PrintWriter err) {
        if (order.passedOver() > 0) {
            String why = order.spillFailure() == null ? "" : " (they could not wait on disk: " + SafeText.of(order.spillFailure()) + ")";
            err.println("tcplens: note: " + order.passedOver() + " streams still open were passed over to bound the rows waiting "
                    + "for them" + why + "; their rows came later, out of stream order");
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Selection selection = null;
        if (displayFilter != null) {
            selection = Selection.of(displayFilter, file, vlanAware, spec.commandLine().getErr());
            if (selection == null) {
                return Main.EXIT_USAGE;
            }
        }
        Selection chosen = selection;
        // Each format builds a connection's row as bytes (ByteRow) that stream order keeps or prints as they are.
        ConnectionReport report = new ConnectionReport(out);
        ZeekConnLog zeek = new ZeekConnLog(out, vlanAware);
        StreamOrder order = new StreamOrder(out);
        switch (format) {
            case text -> report.textHeader();
            case csv -> report.csvHeader();
            default -> { }
        }
        // Rows are formatted as connections are released, so memory holds text, not connections.
        boolean[] headerDone = {false};
        // Zeek's service column: the protocol the application stage recognised.
        io.tcplens.app.AppLayer application = format == Output.zeek ? new io.tcplens.app.AppLayer() : null;
        // Zeek's conn.log has UDP and ICMP flows too; they are printed as they finish.
        StringWriter datagramRows = new StringWriter();
        ZeekConnLog datagramLog = new ZeekConnLog(new PrintWriter(datagramRows, true), vlanAware);
        DatagramFlows datagrams = format == Output.zeek ? new DatagramFlows(f -> {
            if (chosen == null || f.selected()) {
                datagramLog.datagram(f);
            }
        }) : null;
        Reading read = read(file, vlanAware, spec.commandLine().getErr(), first -> {
            if (format == Output.zeek) {
                new ZeekConnLog(out, vlanAware).header(first);
                headerDone[0] = true;
            }
        // Every format writes the connection's row before the listener returns: nothing of it is
        // kept, so the tracker may reuse its objects for a later connection (under a flood).
        }, ConnectionTracker.Listener.reporting(c -> {
            if (chosen != null && !c.selected()) {
                order.add(c.stream(), "");
                return;
            }
            order.add(c.stream(), switch (format) {
                case csv -> report.csvRow(ConnectionAnalysis.of(c));
                case json -> report.jsonRow(ConnectionAnalysis.of(c));
                case text -> report.textRow(ConnectionAnalysis.of(c));
                case zeek -> zeek.tcpRows(c);
            });
        }, stream -> order.add(stream, "")), datagrams, selection, application);
        if (application != null) {
            reportApplicationCaps(application, spec.commandLine().getErr());
        }
        if (format == Output.zeek && !headerDone[0]) {
            new ZeekConnLog(out, vlanAware).header(read.first());
        }
        order.finish();
        reportOrder(order, spec.commandLine().getErr());
        out.print(datagramRows);
        if (format == Output.zeek) {
            new ZeekConnLog(out).close(read.last());
        }
        out.flush();
        return read.status();
    }
}
