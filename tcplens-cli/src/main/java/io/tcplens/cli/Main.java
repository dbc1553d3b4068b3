package io.tcplens.cli;

import io.tcplens.report.Utf8Output;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tcplens} command: subcommands per job, as tshark's options are per task. */
@Command(name = "tcplens", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Makes every TCP connection's life visible: packets, handshakes, teardowns, states.")
public final class Main implements Runnable {
    /**
     * The subcommands, in the order the usage lists them. They are added in {@link #run(PrintWriter,
     * PrintWriter, String...)}, not named in the annotation: picocli builds the model of every
     * subcommand it is given by reflection over its annotations, which took 0.2 s of the main
     * thread and most of the JIT's start-up work (measured with async-profiler on `--version`,
     * 0.55 s in all on one core against 0.11 s for a bare JVM), while a run needs only one.
     * Building only that one: `conns` on a 3-connection capture 0.53-0.56 s -> 0.41-0.43 s, one
     * core, 6 alternating pairs (picocli's own classes are Java 5 bytecode, which CDS cannot archive).
     */
    private static final Class<?>[] SUBCOMMANDS = {PacketsCommand.class, ConnsCommand.class, ExplainCommand.class,
        FieldsCommand.class, StatsCommand.class, AlertsCommand.class, TlsCommand.class, FollowCommand.class,
        CaptureCommand.class, InterfacesCommand.class, DemoCommand.class, CommandLine.HelpCommand.class};

    @Spec
    private CommandSpec spec;

    /** Exit status for bad usage (an unknown option, an invalid field name). */
    static final int EXIT_USAGE = 1;
    /** Exit status when the capture could not be read whole (damage after the packets delivered). */
    static final int EXIT_DAMAGED_INPUT = 2;
    /** Exit status when live capture cannot start (no helper, no permission, no such interface). */
    static final int EXIT_CAPTURE = 3;
    /** Exit status when the output's reader went away ({@code | head}): a Unix tool killed by SIGPIPE (13) exits 128 + 13. */
    static final int EXIT_READER_GONE = 141;
    /** Exit status when the output could not be written for another reason (a full disk): sysexits' EX_IOERR. */
    static final int EXIT_OUTPUT_FAILED = 74;

    public static void main(String[] args) {
        // Buffered, UTF-8 whatever the locale: tshark's arrows and middle dots are part of the output.
        // Rows built as bytes (conns -T csv) go to the same stream without a detour through characters.
        PrintWriter out = new Utf8Output(StandardOutput.ofProcess());
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = run(out, err, args);
        try {
            out.flush();
        } catch (StandardOutput.Failure e) {
            status = status != 0 ? status : outputFailed(e, err);
        }
        System.exit(status);
    }

    /** Runs the command line with the given output streams and returns the exit status (tests call this in-process). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        Class<?> named = args.length == 0 ? null : subcommandNamed(args[0]);
        for (Class<?> subcommand : SUBCOMMANDS) {
            // The one the arguments name, or all of them (for the usage, help and suggestions).
            if (named == null || subcommand == named) {
                cli.addSubcommand(subcommand);
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof StandardOutput.Failure failure) {
                return outputFailed(failure, commandLine.getErr());
            }
            commandLine.getErr().println("tcplens: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return 70;
        });
        return cli.execute(args);
    }

    /** The command stopped because its output could not be written: quietly when the reader went away. */
    private static int outputFailed(StandardOutput.Failure failure, PrintWriter err) {
        if (failure.readerGone()) {
            return EXIT_READER_GONE;
        }
        err.println("tcplens: cannot write the output: " + failure.getMessage());
        return EXIT_OUTPUT_FAILED;
    }

    /** The subcommand whose name or alias is {@code word}; null for any other word (an option, a typo, {@code help}). */
    private static Class<?> subcommandNamed(String word) {
        for (Class<?> subcommand : SUBCOMMANDS) {
            Command command = subcommand.getAnnotation(Command.class);
            if (subcommand != CommandLine.HelpCommand.class
                    && (command.name().equals(word) || java.util.Arrays.asList(command.aliases()).contains(word))) {
                return subcommand;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/tcplens-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"tcplens " + p.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
