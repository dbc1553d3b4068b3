package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script (../tcplens), which the other tests bypass by running the commands in
 * process: what it hands the JVM. A stand-in {@code java} first on the PATH prints its arguments
 * instead of starting, and a stand-in {@code mvn} does nothing if the launcher decides to build.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "tcplens").toAbsolutePath().normalize();

    private static List<String> javaArguments(Path dir, Map<String, String> env, String... args) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        script(bin.resolve("mvn"), "#!/bin/sh\nexit 0\n");
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = LAUNCHER.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("TMPDIR");
        pb.environment().remove("TCPLENS_JAVA_OPTS");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Arrays.asList(out.split("\n"));
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void tmpdirBecomesTheJvmsTemporaryDirectory(@TempDir Path dir) throws Exception {
        // Rows beyond StreamOrder's bound wait in java.io.tmpdir, which the JVM does not take from TMPDIR.
        List<String> with = javaArguments(dir, Map.of("TMPDIR", "/var/tmp/spill"), "conns", "-r", "x.pcap");
        assertThat(with).contains("-Djava.io.tmpdir=/var/tmp/spill");
        assertThat(with.subList(with.indexOf("-jar") + 2, with.size())).containsExactly("conns", "-r", "x.pcap");
        List<String> without = javaArguments(dir, Map.of(), "conns", "-r", "x.pcap");
        assertThat(without).noneMatch(a -> a.startsWith("-Djava.io.tmpdir"));
    }

    @Test
    void heapBoundsFollowTheCommandAndGiveWayToTheUsers(@TempDir Path dir) throws Exception {
        assertThat(javaArguments(dir, Map.of(), "conns")).contains("-Xms896m", "-Xmx896m");
        assertThat(javaArguments(dir, Map.of(), "alerts")).contains("-Xms400m", "-Xmx400m");
        List<String> own = javaArguments(dir, Map.of("TCPLENS_JAVA_OPTS", "-Xmx4g"), "conns");
        assertThat(own).noneMatch(a -> a.startsWith("-Xms"));
        // The user's bound comes after the launcher's, and the JVM takes the last one given.
        assertThat(own.lastIndexOf("-Xmx4g")).isGreaterThan(own.indexOf("-Xmx896m"));
    }
}
