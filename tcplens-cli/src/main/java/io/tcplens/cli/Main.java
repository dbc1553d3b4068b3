package io.tcplens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tcplens} command: subcommands per job, as tshark's options are per task. */
@Command(name = "tcplens", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Makes every TCP connection's life visible: packets, handshakes, teardowns, states.",
        subcommands = {PacketsCommand.class, FieldsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status for bad usage (an unknown option, an invalid field name). */
    static final int EXIT_USAGE = 1;
    /** Exit status when the capture could not be read whole (damage after the packets delivered). */
    static final int EXIT_DAMAGED_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (tests call this in-process). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
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
