package io.tcplens.cli;

import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.flow.TcpConnection;
import io.tcplens.report.ExplainReport;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConnsCommand.Connections read = ConnsCommand.read(file, err);
        ExplainReport report = new ExplainReport(out);
        boolean found = false;
        for (TcpConnection c : read.list()) {
            if (stream != null && c.stream() != stream) {
                continue;
            }
            found = true;
            ConnectionAnalysis a = ConnectionAnalysis.of(c);
            if (format == Output.json) {
                report.json(a);
            } else {
                report.text(a);
            }
        }
        out.flush();
        if (stream != null && !found) {
            err.println("tcplens: no TCP stream " + stream + " in " + file + " (streams 0 to " + (read.list().size() - 1) + ")");
            return Main.EXIT_USAGE;
        }
        return read.status();
    }
}
