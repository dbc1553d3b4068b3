package io.tcplens.cli;

import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.analysis.LiveEvents;
import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureHelper;
import io.tcplens.capture.CaptureInterface;
import io.tcplens.capture.CaptureReader;
import io.tcplens.capture.PacketRecord;
import io.tcplens.capture.PcapngWriter;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.field.PacketContext;
import io.tcplens.filter.DisplayFilter;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.TcpConnection;
import io.tcplens.report.LiveEventReport;
import io.tcplens.report.PacketSummary;
import io.tcplens.report.SafeText;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tcplens capture}: live capture through dumpcap or tcpdump (see {@link CaptureHelper}),
 * with each connection's events printed as they happen.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Capture live and show each connection as it opens and closes (or each packet with --packets).")
final class CaptureCommand implements Callable<Integer> {

    enum Output { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "-i", paramLabel = "IFACE", required = true, description = "Interface to capture on (tcplens interfaces lists them).")
    String iface;

    @Option(names = "-f", paramLabel = "CAPTURE_FILTER", description = "Capture filter (BPF, as tcpdump), e.g. 'tcp port 80'.")
    String captureFilter;

    @Option(names = "-Y", paramLabel = "DISPLAY_FILTER",
            description = "Display filter (Wireshark's language): only matching packets, and connections with one.")
    String displayFilter;

    @Option(names = "-w", paramLabel = "FILE", description = "Also write everything captured to this pcapng file "
            + "(the capture filter as its comment, drop counts at the end).")
    Path writeTo;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    Double duration;

    @Option(names = "-c", paramLabel = "PACKETS", description = "Stop after this many packets.")
    long count;

    @Option(names = "-s", paramLabel = "SNAPLEN", description = "Bytes kept of each packet (default ${DEFAULT-VALUE}).")
    int snaplen = 262144;

    @Option(names = "--packets", description = "Print one line per packet (as tshark) instead of connection events.")
    boolean packets;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Event output: text (default) or json (one object per line).")
    Output format = Output.text;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DisplayFilter filter = null;
        if (displayFilter != null) {
            filter = DisplayFilters.compile(displayFilter, err);
            if (filter == null) {
                return Main.EXIT_USAGE;
            }
        }
        LiveEventReport events = new LiveEventReport(out, format == Output.json);
        PacketSummary summary = new PacketSummary();
        StringBuilder line = new StringBuilder(256);
        LiveCapture capture = new LiveCapture(new CaptureHelper.Request(iface, captureFilter, snaplen, count), writeTo, filter);
        if (packets) {
            capture.onPacket = context -> {
                line.setLength(0);
                summary.append(line, context, 6);
                out.append(line).append('\n');
                out.flush();
            };
        } else {
            capture.onEvent = events::write;
        }
        return capture.run(duration, out, err);
    }

    /**
     * One live capture: the helper, the reading loop through the connection engine, the stops
     * (duration, packet count, Ctrl-C or SIGTERM), and the summary at the end.
     */
    static final class LiveCapture {
        private final CaptureHelper.Request request;
        private final Path writeTo;
        private final DisplayFilter filter;
        Consumer<PacketContext> onPacket = c -> { };
        Consumer<LiveEvents.Event> onEvent = e -> { };
        /** Every connection at its release, after its events. */
        Consumer<TcpConnection> onConnection = c -> { };
        private final Map<String, Integer> verdicts = new TreeMap<>();
        private long packetCount;
        private long connections;
        private volatile CaptureHelper helper;
        private PcapngWriter file;
        private long lastNanos;
        private CaptureReader reader;

        LiveCapture(CaptureHelper.Request request, Path writeTo, DisplayFilter filter) {
            this.request = request;
            this.writeTo = writeTo;
            this.filter = filter;
        }

        /** Asks the capture to end (the helper stops; what it wrote is still read). */
        void stop() {
            CaptureHelper h = helper;
            if (h != null) {
                h.stop();
            }
        }

        /** Starts capturing and reads until the capture stops; the exit status. */
        int run(Double duration, PrintWriter out, PrintWriter err) throws IOException {
            try {
                start();
            } catch (CaptureHelper.CaptureUnavailable e) {
                unavailable(e, err);
                return Main.EXIT_CAPTURE;
            }
            return read(duration, out, err);
        }

        /**
         * Starts the helper; returns when it captures (traffic made after this is seen): the
         * helper writes its file header only once the interface is open, and opening the reader
         * waits for that header.
         */
        void start() throws IOException {
            helper = CaptureHelper.start(request);
            try {
                reader = CaptureFiles.open(helper.packets(), "live capture on " + request.iface());
                if (writeTo != null) {
                    file = new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(writeTo)),
                            request.captureFilter() != null ? "capture filter: " + request.captureFilter()
                                    : "tcplens live capture on " + request.iface());
                    // The file header is on disk as soon as capturing starts.
                    file.flush();
                }
            } catch (IOException e) {
                helper.close();
                String said = String.join(" ", helper.messages()).strip();
                throw new CaptureHelper.CaptureUnavailable(helper.helper() + " ended before capturing"
                        + (said.isEmpty() ? "" : ": " + said));
            }
        }

        static void unavailable(CaptureHelper.CaptureUnavailable e, PrintWriter err) {
            for (String line : e.getMessage().split("\n")) {
                err.println("tcplens: " + SafeText.of(line));
            }
        }

        /** Reads the started capture until it stops, then prints the summary. */
        int read(Double duration, PrintWriter out, PrintWriter err) throws IOException {
            CountDownLatch done = new CountDownLatch(1);
            // Ctrl-C and SIGTERM stop the helper; the loop then reads to the end of the pipe and
            // writes the summary before the JVM may exit.
            Thread hook = new Thread(() -> {
                stop();
                try {
                    done.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "capture-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            Thread timer = null;
            if (duration != null) {
                long millis = (long) (duration * 1000);
                timer = new Thread(() -> {
                    try {
                        Thread.sleep(millis);
                        stop();
                    } catch (InterruptedException e) {
                        // The capture ended first.
                    }
                }, "capture-duration");
                timer.setDaemon(true);
                timer.start();
            }
            int status = 0;
            LiveEvents live = new LiveEvents(e -> {
                if (filter == null || e.analysis().connection().selected()) {
                    onEvent.accept(e);
                }
            });
            ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, false, c -> {
                live.finished(c);
                count(c);
                onConnection.accept(c);
            });
            // Expert flags for --packets lines and for -Y, as tshark shows them live.
            tracker.numbering().analyseSequences();
            PacketContext context = new PacketContext(tracker.numbering());
            context.columns(PacketSummary::column);
            // TLS, HTTP and FTP in the --packets lines and for -Y, as in packets.
            io.tcplens.app.AppLayer app = new io.tcplens.app.AppLayer();
            context.app(app.frame());
            context.quicKeyLog(app.tlsKeyLog());
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            try {
                while (reader.next()) {
                    write(reader.record());
                    packetCount++;
                    decoder.decode(reader.record(), reader.record().frameNumber(), packet);
                    tracker.observe(packet);
                    app.observe(packet, tracker.numbering());
                    context.set(packet);
                    boolean shown = filter == null || filter.matches(context);
                    TcpConnection c = tracker.current();
                    if (shown && c != null) {
                        c.select();
                    }
                    if (shown) {
                        onPacket.accept(context);
                    }
                    if (c != null) {
                        live.packet(c, packet);
                    }
                }
            } catch (CaptureFormatException e) {
                err.println("tcplens: " + e.getMessage());
                status = Main.EXIT_DAMAGED_INPUT;
            } finally {
                tracker.finishAll();
                helper.close();
                if (timer != null) {
                    timer.interrupt();
                }
                if (file != null) {
                    finishFile();
                }
                summary(out);
                reader.close();
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down: the hook is running and waits for this.
                }
            }
            return status;
        }

        /** Everything captured goes to the -w file, whatever the display filter shows. */
        private void write(PacketRecord r) throws IOException {
            lastNanos = r.epochNanos();
            if (file == null) {
                return;
            }
            while (file.interfaces() <= r.interfaceId() && file.interfaces() < reader.interfaces().size()) {
                CaptureInterface i = reader.interfaces().get(file.interfaces());
                file.interfaceDescription(i.linkType(), i.snapLength(), request.iface(), request.captureFilter());
            }
            file.packet(r.interfaceId(), r.epochNanos(), r.buffer(), r.dataOffset(), r.capturedLength(), r.originalLength());
        }

        /**
         * Ends the -w file with each interface's statistics: drops as the kernel counted them
         * (dumpcap's own statistics block) or as the helper reported them (tcpdump).
         */
        private void finishFile() throws IOException {
            for (int k = 0; k < file.interfaces(); k++) {
                CaptureInterface i = reader.interfaces().get(k);
                long received = i.received() >= 0 ? i.received() : helper.received();
                long dropped = i.interfaceDrops() >= 0 ? i.interfaceDrops() : helper.dropped();
                file.statistics(k, lastNanos, received, dropped);
            }
            file.close();
        }

        private void count(TcpConnection c) {
            connections++;
            ConnectionAnalysis a = ConnectionAnalysis.of(c);
            verdicts.merge(a.handshake().id() + " / " + a.teardown().id(), 1, Integer::sum);
        }

        /** Packets, connections by verdict, drops by the kernel (pcapng statistics) and the helper. */
        private void summary(PrintWriter out) {
            StringBuilder s = new StringBuilder();
            s.append("Capture on ").append(request.iface()).append(" by ").append(helper.helper()).append(": ")
                    .append(packetCount).append(packetCount == 1 ? " packet, " : " packets, ")
                    .append(connections).append(connections == 1 ? " TCP connection\n" : " TCP connections\n");
            for (Map.Entry<String, Integer> v : verdicts.entrySet()) {
                s.append("  ").append(v.getValue()).append("  ").append(v.getKey()).append('\n');
            }
            long kernelDrops = -1;
            for (CaptureInterface i : reader.interfaces()) {
                if (i.interfaceDrops() >= 0) {
                    kernelDrops = Math.max(0, kernelDrops) + i.interfaceDrops();
                }
            }
            s.append("Dropped: ").append(kernelDrops >= 0 ? kernelDrops + " by the kernel (interface statistics)" : "kernel count not reported");
            s.append(", ").append(helper.dropped() >= 0 ? helper.dropped() + " reported by " + helper.helper()
                    : "none reported by " + helper.helper()).append('\n');
            out.print(s);
            out.flush();
        }
    }
}
