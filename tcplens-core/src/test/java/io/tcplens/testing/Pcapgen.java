package io.tcplens.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Captures made by ../shared/bench/pcapgen.c, compiled here with gcc (the test is skipped,
 * visibly, where no C compiler exists). The generator is deterministic: the same options give
 * the same bytes, so oracle output recorded for a generated capture stays valid while the
 * generator's source is unchanged.
 */
public final class Pcapgen {
    private Pcapgen() { }

    /** The generator built once for this JVM (its folder goes at exit); null until built, or when gcc failed. */
    private static Path built;
    private static boolean tried;

    /** The generator's source in the shared folder. */
    private static Path source() {
        return SharedCaptures.root().resolve("../shared/bench/pcapgen.c").normalize();
    }

    /** Builds the generator the first time (half a second of gcc, once rather than per capture). */
    private static synchronized Path generator() throws IOException, InterruptedException {
        if (!tried) {
            tried = true;
            Path folder = Files.createTempDirectory("pcapgen");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(folder)) {
                    files.forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // A leftover folder in the temporary directory is all that is lost.
                }
                folder.toFile().delete();
            }));
            Path generator = folder.resolve("pcapgen");
            if (run(folder, List.of("gcc", "-O2", "-o", generator.toString(), source().toString()))) {
                built = generator;
            }
        }
        return built;
    }

    /**
     * Writes {@code dir/gen.pcap} with the given options; when {@code truth} is not null, the
     * generator's ground truth goes to that file.
     */
    public static Path generate(Path dir, List<String> options, Path truth) throws IOException, InterruptedException {
        Path generator = generator();
        Assumptions.assumeTrue(generator != null, "gcc could not build " + source());
        Path capture = dir.resolve("gen.pcap");
        List<String> command = new ArrayList<>(List.of(generator.toString(), "-o", capture.toString()));
        command.addAll(options);
        if (truth != null) {
            command.addAll(List.of("-t", truth.toString()));
        }
        if (!run(dir, command)) {
            throw new IOException("pcapgen failed: " + String.join(" ", command) + "\n" + Files.readString(dir.resolve("log.txt")));
        }
        return capture;
    }

    /** Options as written in a line of text (split on blanks). */
    public static List<String> options(String line) {
        return line.isBlank() ? List.of() : List.of(line.trim().split("\\s+"));
    }

    private static boolean run(Path dir, List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log.txt").toFile()).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
