package io.tcplens.cli;

import io.tcplens.app.AppLayer;
import io.tcplens.app.AppSession;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.field.PacketContext;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.report.TlsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tcplens tls}: each TLS connection's handshake in one block. */
@Command(name = "tls", mixinStandardHelpOptions = true, sortOptions = false,
        description = "One entry per TLS connection: server name, ALPN, version, cipher, key-exchange group, "
                + "certificate, JA3/JA3S, the handshake in Zeek's ssl_history letters, and how it ended.")
final class TlsCommand implements Callable<Integer> {
    enum Output { text, json }

    /** TLS connections reported at most; later ones are counted. */
    static final int MAX_ROWS = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Capture to read; - for standard input.")
    String file;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output: text (default) or json.")
    Output format = Output.text;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureReader opened = CaptureInput.open(file, err);
        if (opened == null) {
            return Main.EXIT_DAMAGED_INPUT;
        }
        int status = 0;
        List<TlsReport.Row> rows = new ArrayList<>();
        Map<AppSession, Boolean> seen = new IdentityHashMap<>();
        long uncounted = 0;
        TcpSequenceNumbering numbering = new TcpSequenceNumbering();
        AppLayer app = new AppLayer();
        PacketContext context = new PacketContext(numbering);
        Endpoints endpoints = new Endpoints();
        try (CaptureReader reader = opened) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            long number = 0;
            while (reader.next()) {
                decoder.decode(reader.record(), ++number, packet);
                numbering.observe(packet);
                app.observe(packet, numbering);
                AppSession s = app.frame().session();
                if (s == null || s.tls() == null || seen.containsKey(s)) {
                    continue;
                }
                seen.put(s, Boolean.TRUE);
                if (rows.size() >= MAX_ROWS) {
                    uncounted++;
                    continue;
                }
                context.set(packet);
                String source = endpoints.of(context, true);
                String destination = endpoints.of(context, false);
                boolean fromClient = s.tls().clientSide() < 0 || s.tls().clientSide() == numbering.direction();
                rows.add(new TlsReport.Row(numbering.conversation().stream(), fromClient ? source : destination,
                        fromClient ? destination : source, s.tls()));
            }
        } catch (CaptureFormatException e) {
            err.println("tcplens: " + e.getMessage());
            status = Main.EXIT_DAMAGED_INPUT;
        }
        if (format == Output.json) {
            TlsReport.json(out, rows);
        } else {
            TlsReport.text(out, rows, uncounted);
        }
        out.flush();
        return status;
    }
}
