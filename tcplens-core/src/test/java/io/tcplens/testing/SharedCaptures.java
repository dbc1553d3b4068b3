package io.tcplens.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real captures in ../shared/captures and the tshark output recorded for them. */
public final class SharedCaptures {
    private SharedCaptures() { }

    public static Path root() {
        String root = System.getProperty("tcplens.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        // From a module directory, the repository root is one up.
        if (!Files.isDirectory(base.resolve("testdata")) && Files.isDirectory(base.getParent().resolve("testdata"))) {
            base = base.getParent();
        }
        return base;
    }

    public static Path captures() {
        return root().resolve("../shared/captures").normalize();
    }

    /** A capture by its name in the oracle data: under ../shared/captures, or samples/ in this repository. */
    public static Path capture(String relative) {
        return relative.startsWith("samples/") ? root().resolve(relative) : captures().resolve(relative);
    }

    /** The expected tshark output for a capture and view (judged.tsv, wide.tsv, summary.txt, stderr.txt). */
    public static Path tshark(String relative, String view) {
        return root().resolve("testdata/tshark").resolve(relative + "." + view);
    }

    /** Every shared capture, as paths relative to the captures folder, sorted, then the repository's samples. */
    public static List<String> all() throws IOException {
        Path base = captures();
        try (Stream<Path> files = Files.walk(base)) {
            List<String> all = new java.util.ArrayList<>(files.filter(Files::isRegularFile)
                    .map(p -> base.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng"))
                    .sorted()
                    .toList());
            all.add("samples/loopback-http.pcap");
            all.add("samples/loopback-scenarios.pcap");
            all.add("samples/netns-loss.pcap");
            all.add("samples/tunnels.pcap");
            all.add("samples/stream-corner-cases.pcap");
            all.add("samples/tcp-option-cases.pcap");
            all.add("samples/provider-bridging.pcap");
            all.add("samples/icmp-messages.pcap");
            all.add("samples/loopback-https.pcap");
            all.add("samples/loopback-https-dsb.pcapng");
            all.add("samples/loopback-https-rsa.pcap");
            all.add("samples/loopback-tls13-keyupdate.pcapng");
            all.add("samples/loopback-quic.pcap");
            all.add("samples/loopback-quic-suites.pcap");
            all.add("samples/loopback-http2.pcap");
            all.add("samples/loopback-h2c.pcap");
            all.add("samples/loopback-h2c-upgrade.pcap");
            return all;
        }
    }
}
