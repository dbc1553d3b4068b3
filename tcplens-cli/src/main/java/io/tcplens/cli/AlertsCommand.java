package io.tcplens.cli;

import io.tcplens.analysis.AttackDetector;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.report.AlertReport;
import io.tcplens.report.ZeekConnLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tcplens alerts}: SYN floods, SYN scans and backscatter found in a capture. */
@Command(name = "alerts", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Find SYN floods (half-open connections piling up against one target), SYN scans and SYN-ACK backscatter.")
final class AlertsCommand implements Callable<Integer> {
    enum Output { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Capture to read; - for standard input.")
    String file;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output: text (default) or json (an array of alerts).")
    Output format = Output.text;

    @Option(names = "--backlog", paramLabel = "N", description = "Half-open connections at once against one target that make a flood (default ${DEFAULT-VALUE}).")
    int backlog = AttackDetector.Thresholds.DEFAULTS.backlog();

    @Option(names = "--half-open-timeout", paramLabel = "SECONDS", description = "A half-open connection expires after this long (default ${DEFAULT-VALUE}).")
    double halfOpenTimeout = AttackDetector.Thresholds.DEFAULTS.halfOpenTimeoutSeconds();

    @Option(names = "--scan-ports", paramLabel = "N", description = "Ports one source probes on one host that make a scan (default ${DEFAULT-VALUE}).")
    int scanPorts = AttackDetector.Thresholds.DEFAULTS.scanPorts();

    @Option(names = "--backscatter", paramLabel = "N", description = "Unsolicited SYN-ACKs and RSTs from one host that make backscatter (default ${DEFAULT-VALUE}).")
    int backscatter = AttackDetector.Thresholds.DEFAULTS.backscatter();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AttackDetector detector = new AttackDetector(
                new AttackDetector.Thresholds(backlog, halfOpenTimeout, scanPorts, backscatter), ZeekConnLog::address);
        int status = 0;
        CaptureReader opened = CaptureInput.open(file, err);
        if (opened == null) {
            return Main.EXIT_DAMAGED_INPUT;
        }
        try (CaptureReader reader = opened) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            while (reader.next()) {
                decoder.decode(reader.record(), reader.record().frameNumber(), packet);
                detector.observe(packet);
            }
        } catch (CaptureFormatException e) {
            err.println("tcplens: " + e.getMessage());
            status = Main.EXIT_DAMAGED_INPUT;
        }
        CaptureInput.tellOddities(opened, err);
        AlertReport report = new AlertReport(out);
        if (format == Output.json) {
            report.json(detector.alerts());
        } else {
            report.text(detector.alerts(), detector.limits());
        }
        return status;
    }
}
