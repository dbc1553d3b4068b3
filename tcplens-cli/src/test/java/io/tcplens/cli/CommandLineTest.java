package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The command line as a whole: Main builds only the subcommand the arguments name, so the usage,
 * help and a mistyped subcommand must still see all of them.
 */
class CommandLineTest {
    private static final String[] SUBCOMMANDS = {"packets", "conns", "explain", "fields", "stats", "alerts", "tls",
        "follow", "capture", "interfaces", "demo", "help"};

    @Test
    void withoutArgumentsTheUsageListsEverySubcommandOnStandardOutput() {
        TsharkParityTest.Result r = TsharkParityTest.run();
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: tcplens [-hV] [COMMAND]\n");
        for (String name : SUBCOMMANDS) {
            assertThat(r.lines()).anySatisfy(line -> assertThat(line).startsWith("  " + name + " "));
        }
    }

    @Test
    void helpAndTheUsageOfOneSubcommandNameTheParent() {
        assertThat(TsharkParityTest.run("--help").lines()).contains(TsharkParityTest.run().lines().toArray(String[]::new));
        assertThat(TsharkParityTest.run("help", "conns").out()).startsWith("Usage: tcplens conns ");
        assertThat(TsharkParityTest.run("conns", "--help").out()).startsWith("Usage: tcplens conns ");
    }

    @Test
    void aMistypedSubcommandIsAnsweredWithTheNearestOne() {
        TsharkParityTest.Result r = TsharkParityTest.run("conn", "-r", "x.pcap");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched arguments from index 0: 'conn', '-r', 'x.pcap'")
                .contains("Did you mean: tcplens conns?");
    }

    @Test
    void theTopLevelOptionsAndASubcommandWithoutArgumentsRun() {
        TsharkParityTest.Result r = TsharkParityTest.run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("tcplens ");
        assertThat(TsharkParityTest.run("fields").status()).isZero();
    }
}
