package io.tcplens.cli;

import io.tcplens.app.AppLayer;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureInterface;
import io.tcplens.capture.CaptureReader;
import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.field.Field;
import io.tcplens.filter.DisplayFilter;
import io.tcplens.field.Fields;
import io.tcplens.field.PacketContext;
import io.tcplens.field.TextSink;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.report.PacketDetail;
import io.tcplens.report.PacketJson;
import io.tcplens.report.PacketSummary;
import io.tcplens.report.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tcplens packets}: one line per packet, or the fields asked for, as tshark prints them. */
@Command(name = "packets", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List packets like tshark: a summary line each, the full detail (-V), or fields (-T fields -e ...).")
final class PacketsCommand implements Callable<Integer> {

    enum Output { text, fields, json }

    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true,
            description = "Capture to read: pcap, pcapng, or either gzip-compressed; - for standard input.")
    String file;

    @Option(names = "-c", paramLabel = "N", description = "Stop after N packets.")
    long count = Long.MAX_VALUE;

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Display filter in Wireshark's language, e.g. 'tcp.port == 80 and tcp.flags.syn == 1': "
                    + "only matching packets are shown (numbers unchanged).")
    String displayFilter;

    @Option(names = "-V", description = "Show each packet's detail, layer by layer.")
    boolean detail;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output format: text (default), fields, json.")
    Output format = Output.text;

    @Option(names = "-e", paramLabel = "FIELD", description = "A field to print with -T fields (repeatable), e.g. tcp.seq.")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = "-E", paramLabel = "KEY=VALUE",
            description = "Fields output options, as tshark: header=y|n, separator=/t|/s|C, quote=d|s|n, occurrence=f|l|a, aggregator=C.")
    List<String> fieldOptions = new ArrayList<>();

    @picocli.CommandLine.Mixin
    TlsKeyOptions tlsKeys;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FieldsOutput fieldsOutput = null;
        if (format == Output.fields) {
            fieldsOutput = FieldsOutput.parse(fieldNames, fieldOptions, err);
            if (fieldsOutput == null) {
                return Main.EXIT_USAGE;
            }
        } else if (!fieldNames.isEmpty()) {
            err.println("tcplens: -e needs -T fields");
            return Main.EXIT_USAGE;
        }
        DisplayFilter filter = null;
        if (displayFilter != null) {
            filter = DisplayFilters.compile(displayFilter, err);
            if (filter == null) {
                return Main.EXIT_USAGE;
            }
        }
        AppLayer app = tlsKeys.appLayer(err);
        if (app == null) {
            return Main.EXIT_USAGE;
        }
        CaptureReader reader = CaptureInput.open(file, err);
        if (reader == null) {
            return Main.EXIT_DAMAGED_INPUT;
        }
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        TcpSequenceNumbering numbering = new TcpSequenceNumbering();
        // Expert flags for the fields, the filter and the Info column, as in tshark.
        numbering.analyseSequences();
        PacketContext context = new PacketContext(numbering);
        // TLS, HTTP and FTP: payload in order per direction, read by the protocol each connection speaks.
        app.listen(reader);
        context.app(app.frame());
        context.quicKeyLog(app.tlsKeyLog());
        if ((fieldsOutput != null && fieldsOutput.needsFinalValues()) || (filter != null && filter.needsFinalValues())) {
            boolean verdicts = (fieldsOutput != null && fieldsOutput.needsVerdicts()) || (filter != null && filter.needsVerdicts());
            context.finals(DisplayFilters.firstPass(file, false, verdicts, err));
        }
        PacketSummary summary = new PacketSummary();
        context.columns(PacketSummary::column);
        PacketDetail detailView = new PacketDetail();
        PacketJson json = format == Output.json ? new PacketJson(out) : null;
        StringBuilder line = new StringBuilder(256);
        int status = 0;
        long packetsRead = 0;
        try (reader) {
            if (fieldsOutput != null) {
                fieldsOutput.header(out);
            }
            while (packetsRead < count && reader.next()) {
                PacketRecord record = reader.record();
                packetsRead++;
                decoder.decode(record, record.frameNumber(), packet);
                numbering.observe(packet);
                app.observe(packet, numbering);
                context.set(packet);
                context.timeDecimals(timeDecimals(reader, record));
                if (filter != null && !filter.matches(context)) {
                    continue;
                }
                line.setLength(0);
                switch (format) {
                    case fields -> {
                        fieldsOutput.append(line, context);
                        out.append(line).append('\n');
                    }
                    case json -> json.write(context, timeDecimals(reader, record));
                    case text -> {
                        if (detail) {
                            detailView.append(line, context, reader.format(), context.timeDecimals());
                            out.append(line).append('\n');
                        } else {
                            summary.append(line, context, context.timeDecimals());
                            out.append(line).append('\n');
                        }
                    }
                }
            }
        } catch (CaptureFormatException e) {
            out.flush();
            err.println("tcplens: " + e.getMessage());
            status = Main.EXIT_DAMAGED_INPUT;
        } catch (StandardOutput.Failure e) {
            // The JSON array is left open: closing it would write to the output that failed.
            json = null;
            throw e;
        } finally {
            CaptureInput.tellOddities(reader, err);
            ConnsCommand.reportApplicationCaps(app, err);
            if (context.echoRequestsForgotten() > 0) {
                err.println("tcplens: note: " + context.echoRequestsForgotten() + " ICMP echo requests were forgotten unanswered (at most "
                        + io.tcplens.flow.IcmpEchoPairs.MAX_PENDING + " wait): a later reply to one says no \"(request in N)\"");
            }
            if (context.arpBindingsForgotten() > 0) {
                err.println("tcplens: note: " + context.arpBindingsForgotten() + " IPv4 addresses' ARP bindings were forgotten (at most "
                        + io.tcplens.flow.ArpDuplicates.MAX_BINDINGS + " are kept): a later duplicate use of one is not found");
            }
            ConnsCommand.reportQuic(context.quicNotes(), err);
            if (json != null) {
                json.close();
            }
            out.flush();
        }
        return status;
    }

    /** Decimals of the relative-time column: the resolution of the packet's interface, as tshark. */
    private static int timeDecimals(CaptureReader reader, PacketRecord record) {
        List<CaptureInterface> interfaces = reader.interfaces();
        long perSecond = record.interfaceId() < interfaces.size()
                ? interfaces.get(record.interfaceId()).unitsPerSecond() : 1_000_000L;
        // The digits the resolution fills: 6 for microseconds, 9 for nanoseconds, and for a
        // power-of-two resolution (pcapng's if_tsresol with its high bit) as many as tshark 4.0
        // shows: 2 for 1/256 s, the whole digits of log10 of the units per second.
        int decimals = 0;
        for (long v = 10; v <= perSecond && decimals < 9; v *= 10) {
            decimals++;
        }
        return decimals;
    }

    /** The -T fields layout: which fields, separators, quoting and occurrences. */
    static final class FieldsOutput {
        private final List<Field> fields;
        private final boolean header;
        private final String separator;
        private final char quote;
        private final TextSink.Occurrence occurrence;
        private final char aggregator;
        private StringBuilder target;
        private TextSink sink;

        private FieldsOutput(List<Field> fields, boolean header, String separator, char quote,
                             TextSink.Occurrence occurrence, char aggregator) {
            this.fields = fields;
            this.header = header;
            this.separator = separator;
            this.quote = quote;
            this.occurrence = occurrence;
            this.aggregator = aggregator;
        }

        static FieldsOutput parse(List<String> names, List<String> options, PrintWriter err) {
            if (names.isEmpty()) {
                err.println("tcplens: -T fields needs at least one -e FIELD");
                return null;
            }
            List<Field> fields = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String name : names) {
                Field f = Fields.get(name);
                if (f == null) {
                    unknown.add(name);
                } else {
                    fields.add(f);
                }
            }
            if (!unknown.isEmpty()) {
                err.println("tcplens: Some fields aren't valid:");
                for (String u : unknown) {
                    err.println("\t" + SafeText.of(u));
                }
                err.println("(tcplens fields lists the valid ones)");
                return null;
            }
            boolean header = false;
            String separator = "\t";
            char quote = 0;
            TextSink.Occurrence occurrence = TextSink.Occurrence.ALL;
            char aggregator = ',';
            for (String option : options) {
                int eq = option.indexOf('=');
                String key = eq < 0 ? option : option.substring(0, eq);
                String value = eq < 0 ? "" : option.substring(eq + 1);
                switch (key) {
                    case "header" -> header = value.equals("y");
                    case "separator" -> separator = value.equals("/t") ? "\t" : value.equals("/s") ? " " : value;
                    case "quote" -> quote = value.equals("d") ? '"' : value.equals("s") ? '\'' : 0;
                    case "occurrence" -> occurrence = value.equals("f") ? TextSink.Occurrence.FIRST
                            : value.equals("l") ? TextSink.Occurrence.LAST : TextSink.Occurrence.ALL;
                    case "aggregator" -> aggregator = value.equals("/s") ? ' ' : value.isEmpty() ? ',' : value.charAt(0);
                    default -> {
                        err.println("tcplens: invalid -E option \"" + SafeText.of(option)
                                + "\": expected header, separator, quote, occurrence or aggregator");
                        return null;
                    }
                }
            }
            return new FieldsOutput(fields, header, separator, quote, occurrence, aggregator);
        }

        /** True when a field shows a stream's final value, which needs a first pass. */
        boolean needsFinalValues() {
            return fields.stream().anyMatch(Field::finalValue);
        }

        /** True when a field is a connection verdict, which the first pass must analyse for. */
        boolean needsVerdicts() {
            return fields.stream().anyMatch(Field::connectionVerdict);
        }

        void header(PrintWriter out) {
            if (!header) {
                return;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    line.append(separator);
                }
                quoted(line, fields.get(i).name());
            }
            out.append(line).append('\n');
        }

        private void quoted(StringBuilder line, String value) {
            if (quote != 0) {
                line.append(quote).append(value).append(quote);
            } else {
                line.append(value);
            }
        }

        void append(StringBuilder line, PacketContext context) {
            if (target != line) {
                target = line;
                sink = new TextSink(line, aggregator, occurrence);
            }
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    line.append(separator);
                }
                int start = line.length();
                sink.begin();
                Field f = fields.get(i);
                f.extractor().extract(context, f, sink);
                if (quote != 0 && sink.count() > 0) {
                    line.insert(start, quote).append(quote);
                }
            }
        }
    }
}
