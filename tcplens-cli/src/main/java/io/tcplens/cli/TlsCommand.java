package io.tcplens.cli;

import io.tcplens.app.AppLayer;
import io.tcplens.app.AppSession;
import io.tcplens.app.QuicTracker;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.TcpConnection;
import io.tcplens.report.ConnectionReport;
import io.tcplens.report.StreamOrder;
import io.tcplens.report.TlsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tcplens tls}: each TLS connection's handshake in one entry, printed in stream order as
 * connections finish, so that memory follows the connections open at once, not the capture.
 */
@Command(name = "tls", mixinStandardHelpOptions = true, sortOptions = false,
        description = "One entry per TLS connection: server name, ALPN, version, cipher, key-exchange group, "
                + "certificate, JA3/JA3S/JA4, the handshake in Zeek's ssl_history letters, and how it ended.")
final class TlsCommand implements Callable<Integer> {
    enum Output { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Capture to read; - for standard input.")
    String file;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output: text (default) or json (one object per line).")
    Output format = Output.text;

    @picocli.CommandLine.Mixin
    TlsKeyOptions tlsKeys;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StreamOrder order = new StreamOrder(out);
        StringWriter text = new StringWriter();
        PrintWriter textOut = new PrintWriter(text);
        long[] found = {0};
        AppLayer application = tlsKeys.appLayer(err);
        if (application == null) {
            return Main.EXIT_USAGE;
        }
        application.keepCertificates().readQuic();
        ConnsCommand.Reading read = ConnsCommand.read(file, false, err, first -> { }, ConnectionTracker.Listener.of(c -> {
            if (!(c.application() instanceof AppSession app) || app.tls() == null || !app.tls().confirmed()) {
                order.add(c.stream(), "");
                return;
            }
            found[0]++;
            text.getBuffer().setLength(0);
            TlsReport.Row row = row(c, app);
            try {
                if (format == Output.json) {
                    TlsReport.json(textOut, row);
                } else {
                    TlsReport.text(textOut, row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            textOut.flush();
            order.add(c.stream(), text.toString());
        }, stream -> order.add(stream, "")), null, null, application);
        ConnsCommand.reportApplicationCaps(application, err);
        order.finish();
        ConnsCommand.reportOrder(order, err);
        // QUIC connections after the TCP ones: their hellos, from the Initial packets.
        for (QuicTracker.Hellos q : application.quicHellos()) {
            found[0]++;
            if (format == Output.json) {
                TlsReport.quicJson(out, q);
            } else {
                TlsReport.quicText(out, q);
            }
        }
        ConnsCommand.reportQuic(application.quicNotes(), err);
        if (found[0] == 0 && format == Output.text) {
            out.println("No TLS connections.");
        }
        out.flush();
        return read.status();
    }

    /** The TLS client is who sent the ClientHello; without one seen, the TCP originator. */
    private static TlsReport.Row row(TcpConnection c, AppSession app) {
        int client = app.tls().clientSide() >= 0 ? app.tls().clientSide() : c.originator();
        return new TlsReport.Row(c.stream(), ConnectionReport.endpoint(c, client), ConnectionReport.endpoint(c, 1 - client), app.tls());
    }
}
