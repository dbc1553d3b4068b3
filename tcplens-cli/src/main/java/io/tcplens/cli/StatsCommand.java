package io.tcplens.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.app.AppLayer;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.DnsMessage;
import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.UdpApplication;
import io.tcplens.field.PacketContext;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.report.ExpertSummary;
import io.tcplens.report.JsonLines;
import io.tcplens.report.SafeText;
import io.tcplens.report.TcpConversationTable;
import io.tcplens.report.TcpEndpointTable;
import io.tcplens.report.ZeekConnLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tcplens stats}: the capture in numbers. */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The capture in numbers: packets, bytes, duration, protocols, TCP conversations and endpoints "
                + "(as tshark -z conv,tcp and -z endpoints,tcp), "
                + "the host matrix, and the connections' handshake, teardown and conn_state verdicts.")
final class StatsCommand implements Callable<Integer> {
    enum Output { text, json }

    /** Host pairs shown at most in the matrix (the busiest first). */
    static final int MATRIX_ROWS = 50;
    /** Host pairs counted at most; beyond it new pairs are counted as "other". */
    static final int MAX_HOST_PAIRS = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Capture to read; - for standard input.")
    String file;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output: text (default) or json.")
    Output format = Output.text;

    @Option(names = "--sort", paramLabel = "KEY",
            description = "Order of the TCP conversations: frames (tshark's, default), bytes, start, duration.")
    TcpConversationTable.Sort sort = TcpConversationTable.Sort.frames;

    @Option(names = "-z", paramLabel = "TABLE",
            description = "Only this table, exactly as tshark -q -z prints it: conv,tcp or endpoints,tcp (repeatable).")
    List<String> only;

    @picocli.CommandLine.Mixin
    TlsKeyOptions tlsKeys;

    /** Packets and bytes each way between two hosts (A the lower address in text order). */
    private static final class HostPair {
        final String a;
        final String b;
        long packetsAB;
        long bytesAB;
        long packetsBA;
        long bytesBA;

        HostPair(String a, String b) {
            this.a = a;
            this.b = b;
        }

        long bytes() {
            return bytesAB + bytesBA;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (only != null && !only.stream().allMatch(t -> t.equals("conv,tcp") || t.equals("endpoints,tcp"))) {
            err.println("tcplens: -z supports conv,tcp and endpoints,tcp");
            return Main.EXIT_USAGE;
        }
        Map<String, Integer> handshakes = new TreeMap<>();
        Map<String, Integer> teardowns = new TreeMap<>();
        Map<String, Integer> states = new TreeMap<>();
        ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, c -> {
            ConnectionAnalysis a = ConnectionAnalysis.of(c);
            handshakes.merge(a.handshake().id(), 1, Integer::sum);
            teardowns.merge(a.teardown().id(), 1, Integer::sum);
            states.merge(a.zeekConnState(), 1, Integer::sum);
        });
        // Expert flags and validation notes, counted for the summary.
        tracker.numbering().analyseSequences();
        ExpertSummary expert = new ExpertSummary();
        TcpConversationTable conversations = new TcpConversationTable();
        // The protocols inside the TLS records a key log opens count too, as in tshark's -z io,phs.
        AppLayer app = tlsKeys.appLayer(err);
        if (app == null) {
            return Main.EXIT_USAGE;
        }
        PacketContext context = new PacketContext(tracker.numbering());
        context.app(app.frame());
        context.quicKeyLog(app.tlsKeyLog());
        Map<String, long[]> protocols = new LinkedHashMap<>();
        Map<String, HostPair> hosts = new HashMap<>();
        long otherPairs = 0;
        long packets = 0;
        long bytes = 0;
        long first = 0;
        long last = 0;
        int status = 0;
        // Not a capture at all: no statistics, as tshark prints none.
        CaptureReader opened = CaptureInput.open(file, err);
        if (opened == null) {
            return Main.EXIT_DAMAGED_INPUT;
        }
        app.listen(opened);
        try (CaptureReader reader = opened) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            while (reader.next()) {
                packets++;
                decoder.decode(reader.record(), reader.record().frameNumber(), packet);
                long length = packet.record().originalLength();
                long now = packet.record().epochNanos();
                if (packets == 1) {
                    first = now;
                }
                last = now;
                bytes += length;
                tracker.observe(packet);
                app.observe(packet, tracker.numbering());
                conversations.observe(packet, tracker.numbering());
                if (tracker.numbering().known()) {
                    expert.observe(tracker.numbering().analysis(), tracker.numbering().conversation().stream(), packet);
                } else if (tracker.numbering().quotedConversation() != null) {
                    // A quoted SYN with a new ISN: tshark counts its reused ports too.
                    expert.observe(tracker.numbering().analysis(), tracker.numbering().quotedConversation().stream(), packet,
                            tracker.numbering().quotedLayer());
                }
                // A datagram of a UDP protocol tcplens reads, or a segment of a TCP one (TLS, SSH,
                // HTTP, FTP, DNS), counts as that protocol, not as data, as in tshark's protocol
                // hierarchy; a payload shown as no data (frame.protocols' rules) counts as none.
                context.set(packet);
                DnsMessage dns = context.dns();
                UdpApplication.Protocol datagram = UdpApplication.protocolOf(dns, dns == null ? context.udpApplication() : null);
                String application = datagram != null ? datagram.filterName() : packet.tcp() >= 0 ? app.frame().protocolName() : null;
                if (context.quic() != null) {
                    // tshark's hierarchy nests each coalesced packet's "quic" under the one before and shows
                    // no "tls" for CRYPTO data: a packet containing QUIC counts once, as quic.
                    application = "quic";
                }
                boolean data = context.payloadIsData();
                for (int i = 0; i < packet.layerCount(); i++) {
                    if (!packet.quoted(i) && !(!data && packet.layer(i) == Layer.DATA)) {
                        count(protocols, packet.layer(i).protocolName(), length);
                    }
                }
                if (application != null) {
                    count(protocols, application, length);
                }
                if (packet.tcp() >= 0 && app.frame().httpInTls() && !app.frame().http().isEmpty()) {
                    // HTTP inside TLS records a key log opened.
                    count(protocols, "http", length);
                }
                if (packet.tcp() >= 0 && app.frame().http2() != null) {
                    // HTTP/2 and its bodies' dissectors, once a packet: tshark's hierarchy nests
                    // each HTTP/2 frame under the one before, but a packet containing it counts once
                    // at the top ("http" over TCP has no item of its own there).
                    app.frame().http2().layers().stream().filter(l -> !l.equals("tls") && !l.equals("http")).distinct()
                            .forEach(l -> count(protocols, l, length));
                }
                int ip = packet.network();
                if (ip >= 0) {
                    String src = ZeekConnLog.address(DatagramFlows.address(packet, ip, true));
                    String dst = ZeekConnLog.address(DatagramFlows.address(packet, ip, false));
                    boolean forward = src.compareTo(dst) <= 0;
                    String key = forward ? src + " " + dst : dst + " " + src;
                    HostPair h = hosts.get(key);
                    if (h == null && hosts.size() < MAX_HOST_PAIRS) {
                        h = forward ? new HostPair(src, dst) : new HostPair(dst, src);
                        hosts.put(key, h);
                    }
                    if (h == null) {
                        otherPairs++;
                    } else if (forward) {
                        h.packetsAB++;
                        h.bytesAB += length;
                    } else {
                        h.packetsBA++;
                        h.bytesBA += length;
                    }
                }
            }
        } catch (CaptureFormatException e) {
            err.println("tcplens: " + e.getMessage());
            if (packets == 0) {
                // Damaged before its first packet (a bad section header): tshark prints nothing either.
                return Main.EXIT_DAMAGED_INPUT;
            }
            status = Main.EXIT_DAMAGED_INPUT;
        }
        CaptureInput.tellOddities(opened, err);
        TlsKeyOptions.reportUnmatched(app.tlsKeyLog(), err);
        ConnsCommand.reportQuic(context.quicNotes(), err);
        tracker.finishAll();
        if (only != null) {
            for (String table : only) {
                if (table.equals("conv,tcp")) {
                    conversations.print(out, sort);
                } else {
                    conversations.endpoints().print(out);
                }
            }
            out.flush();
            return status;
        }
        List<HostPair> matrix = new ArrayList<>(hosts.values());
        matrix.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
        if (matrix.size() > MATRIX_ROWS) {
            matrix = matrix.subList(0, MATRIX_ROWS);
        }
        double seconds = (last - first) / 1e9;
        if (format == Output.json) {
            json(out, packets, bytes, first, last, protocols, conversations.rows(sort), conversations.captureStart(),
                    conversations.uncountedConversations(), conversations.uncountedPackets(), conversations.endpoints(), matrix,
                    handshakes, teardowns, states, expert);
            return status;
        }
        out.printf(Locale.ROOT, "Capture: %d packets, %d bytes, %.6f s (from %s to %s), %.1f packets/s, average %.1f bytes%n",
                packets, bytes, seconds, ZeekConnLog.seconds(new StringBuilder(), first), ZeekConnLog.seconds(new StringBuilder(), last),
                seconds > 0 ? packets / seconds : 0.0, packets > 0 ? (double) bytes / packets : 0.0);
        out.println();
        out.println("Protocols (packets containing each, and their bytes):");
        // Names longer than the column ("data-text-lines") widen it, so that the numbers stay aligned.
        int width = Math.max(10, protocols.keySet().stream().mapToInt(String::length).max().orElse(0));
        for (Map.Entry<String, long[]> p : protocols.entrySet()) {
            out.printf(Locale.ROOT, "  %-" + width + "s %10d packets %14d bytes  %5.1f%%%n", p.getKey(), p.getValue()[0], p.getValue()[1],
                    packets > 0 ? 100.0 * p.getValue()[0] / packets : 0.0);
        }
        out.println();
        conversations.print(out, sort);
        out.println();
        conversations.endpoints().print(out);
        out.println();
        out.println("Host matrix (who talked to whom; busiest " + MATRIX_ROWS + " pairs by bytes):");
        out.printf(Locale.ROOT, "  %-40s %-40s %10s %12s %10s %12s%n", "host A", "host B", "pkts A->B", "bytes A->B", "pkts B->A", "bytes B->A");
        for (HostPair h : matrix) {
            out.printf(Locale.ROOT, "  %-40s %-40s %10d %12d %10d %12d%n", SafeText.of(h.a), SafeText.of(h.b),
                    h.packetsAB, h.bytesAB, h.packetsBA, h.bytesBA);
        }
        if (otherPairs > 0) {
            out.println("  (" + otherPairs + " packets between further host pairs, beyond the " + MAX_HOST_PAIRS + " counted)");
        }
        out.println();
        out.println("TCP connections by verdict:");
        out.println("  handshake:  " + handshakes);
        out.println("  teardown:   " + teardowns);
        out.println("  conn_state: " + states);
        out.println();
        expert.text(out);
        out.flush();
        return status;
    }

    private static void count(Map<String, long[]> protocols, String name, long length) {
        long[] c = protocols.computeIfAbsent(name, k -> new long[2]);
        c[0]++;
        c[1] += length;
    }

    private static void json(PrintWriter out, long packets, long bytes, long first, long last, Map<String, long[]> protocols,
                             List<TcpConversationTable.Row> conversations, long captureStart, long uncountedConversations,
                             long uncountedPackets, TcpEndpointTable endpoints,
                             List<HostPair> matrix, Map<String, Integer> handshakes,
                             Map<String, Integer> teardowns, Map<String, Integer> states, ExpertSummary expert)
            throws IOException {
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(out)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeObjectFieldStart("capture");
            j.writeNumberField("packets", packets);
            j.writeNumberField("bytes", bytes);
            j.writeNumberField("first", first / 1e9);
            j.writeNumberField("last", last / 1e9);
            j.writeNumberField("duration", (last - first) / 1e9);
            j.writeEndObject();
            j.writeObjectFieldStart("protocols");
            for (Map.Entry<String, long[]> p : protocols.entrySet()) {
                j.writeObjectFieldStart(p.getKey());
                j.writeNumberField("packets", p.getValue()[0]);
                j.writeNumberField("bytes", p.getValue()[1]);
                j.writeEndObject();
            }
            j.writeEndObject();
            j.writeArrayFieldStart("tcp_conversations");
            for (TcpConversationTable.Row r : conversations) {
                j.writeStartObject();
                j.writeStringField("a", r.a());
                j.writeStringField("b", r.b());
                j.writeNumberField("frames_a_to_b", r.framesAB());
                j.writeNumberField("bytes_a_to_b", r.bytesAB());
                j.writeNumberField("frames_b_to_a", r.framesBA());
                j.writeNumberField("bytes_b_to_a", r.bytesBA());
                j.writeNumberField("relative_start", (r.firstNanos() - captureStart) / 1e9);
                j.writeNumberField("duration", (r.lastNanos() - r.firstNanos()) / 1e9);
                j.writeEndObject();
            }
            j.writeEndArray();
            if (uncountedPackets > 0) {
                j.writeNumberField("tcp_conversations_uncounted", uncountedConversations);
                j.writeNumberField("tcp_conversations_uncounted_packets", uncountedPackets);
            }
            j.writeArrayFieldStart("tcp_endpoints");
            for (TcpEndpointTable.Endpoint e : endpoints.rows()) {
                j.writeStartObject();
                j.writeStringField("address", e.address());
                j.writeNumberField("port", e.port());
                j.writeNumberField("tx_frames", e.txFrames());
                j.writeNumberField("tx_bytes", e.txBytes());
                j.writeNumberField("rx_frames", e.rxFrames());
                j.writeNumberField("rx_bytes", e.rxBytes());
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeArrayFieldStart("host_matrix");
            for (HostPair h : matrix) {
                j.writeStartObject();
                j.writeStringField("a", h.a);
                j.writeStringField("b", h.b);
                j.writeNumberField("packets_a_to_b", h.packetsAB);
                j.writeNumberField("bytes_a_to_b", h.bytesAB);
                j.writeNumberField("packets_b_to_a", h.packetsBA);
                j.writeNumberField("bytes_b_to_a", h.bytesBA);
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeObjectFieldStart("verdicts");
            writeCounts(j, "handshake", handshakes);
            writeCounts(j, "teardown", teardowns);
            writeCounts(j, "conn_state", states);
            j.writeEndObject();
            expert.json(j);
            j.writeEndObject();
        }
        out.println();
        out.flush();
    }

    private static void writeCounts(JsonGenerator j, String name, Map<String, Integer> counts) throws IOException {
        j.writeObjectFieldStart(name);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            j.writeNumberField(e.getKey(), e.getValue());
        }
        j.writeEndObject();
    }
}
