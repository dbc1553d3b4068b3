package io.tcplens.cli;

import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.report.ExplainReport;
import io.tcplens.report.SafeText;
import io.tcplens.report.StreamOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tcplens explain}: each connection's story, ladder diagram and verdicts. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tell each TCP connection's life: handshake and teardown packet by packet, checked, with a ladder diagram and both ends' states.")
final class ExplainCommand implements Callable<Integer> {

    enum Output { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Capture to read; - for standard input.")
    String file;

    @Option(names = "--stream", paramLabel = "N", description = "Only this connection (its tcp.stream number).")
    Long stream;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output: text (default) or json (one object per connection).")
    Output format = Output.text;

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Display filter (Wireshark's language): explain only the connections with a matching packet.")
    String displayFilter;

    @Option(names = "--vlan-aware", description = "Key connections by VLAN ids too (see conns --help).")
    boolean vlanAware;

    @picocli.CommandLine.Mixin
    TlsKeyOptions tlsKeys;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConnsCommand.Selection selection = null;
        if (displayFilter != null) {
            selection = ConnsCommand.Selection.of(displayFilter, file, vlanAware, err);
            if (selection == null) {
                return Main.EXIT_USAGE;
            }
        }
        ConnsCommand.Selection chosen = selection;
        io.tcplens.app.AppLayer app = tlsKeys.appLayer(err);
        if (app == null) {
            return Main.EXIT_USAGE;
        }
        app.recordDialogue();
        StringWriter text = new StringWriter();
        PrintWriter textOut = new PrintWriter(text);
        ExplainReport report = new ExplainReport(textOut);
        StreamOrder order = new StreamOrder(out);
        long[] streams = {0};
        boolean[] found = {false};
        boolean[] quotesOnly = {false};
        ConnsCommand.Reading read = ConnsCommand.read(file, vlanAware, err, first -> { }, ConnectionTracker.Listener.of(c -> {
            streams[0] = Math.max(streams[0], c.stream() + 1);
            if ((stream != null && c.stream() != stream) || (chosen != null && !c.selected())) {
                order.add(c.stream(), "");
                return;
            }
            found[0] = true;
            text.getBuffer().setLength(0);
            ConnectionAnalysis a = ConnectionAnalysis.of(c);
            if (format == Output.json) {
                report.json(a);
            } else {
                report.text(a);
            }
            textOut.flush();
            order.add(c.stream(), text.toString());
        }, quoted -> {
            streams[0] = Math.max(streams[0], quoted + 1);
            quotesOnly[0] |= stream != null && quoted == stream;
            order.add(quoted, "");
        }), null, selection, app);
        ConnsCommand.reportApplicationCaps(app, err);
        order.finish();
        ConnsCommand.reportOrder(order, err);
        out.flush();
        if (stream != null && quotesOnly[0]) {
            err.println("tcplens: stream " + stream + " in " + file + " has no packets of its own, only ICMP errors quoting "
                    + "a TCP header (tshark numbers those too): there is no connection to explain");
            return Main.EXIT_USAGE;
        }
        if (stream != null && !found[0] && selection == null) {
            err.println("tcplens: no TCP stream " + stream + " in " + file + " (" + (streams[0] == 0 ? "it has no TCP streams"
                    : streams[0] == 1 ? "its only stream is 0" : "streams 0 to " + (streams[0] - 1)) + ")");
            return Main.EXIT_USAGE;
        }
        if (stream == null && selection == null && streams[0] == 0 && read.status() == 0) {
            // An empty answer would look like a failure: say why there is none.
            err.println("tcplens: note: " + SafeText.of(file) + " has no TCP connection to explain (explain tells TCP "
                    + "connections; `tcplens tls` lists QUIC's handshakes, `tcplens conns -T zeek` every UDP and ICMP flow)");
        }
        return read.status();
    }
}
