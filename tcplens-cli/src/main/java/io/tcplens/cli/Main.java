package io.tcplens.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tcplens} command: subcommands per job, as tshark's options are per task. */
@Command(name = "tcplens", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Makes every TCP connection's life visible: packets, handshakes, teardowns, states.",
        subcommands = {PacketsCommand.class, ConnsCommand.class, ExplainCommand.class, FieldsCommand.class,
            StatsCommand.class, AlertsCommand.class, TlsCommand.class, FollowCommand.class, CaptureCommand.class, InterfacesCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status for bad usage (an unknown option, an invalid field name). */
    static final int EXIT_USAGE = 1;
    /** Exit status when the capture could not be read whole (damage after the packets delivered). */
    static final int EXIT_DAMAGED_INPUT = 2;
    /** Exit status when live capture cannot start (no helper, no permission, no such interface). */
    static final int EXIT_CAPTURE = 3;

    public static void main(String[] args) {
        // Buffered, UTF-8 whatever the locale: tshark's arrows and middle dots are part of the output.
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = run(out, err, args);
        out.flush();
        System.exit(status);
    }

    /** Runs the command line with the given output streams and returns the exit status (tests call this in-process). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tcplens: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return 70;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
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
