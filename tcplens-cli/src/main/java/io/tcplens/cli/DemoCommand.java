package io.tcplens.cli;

import io.tcplens.analysis.ConnectionAnalysis;
import io.tcplens.capture.CaptureHelper;
import io.tcplens.flow.TcpConnection;
import io.tcplens.report.ExplainReport;
import io.tcplens.report.LiveEventReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tcplens demo}: the first run. A TCP server and client on this machine's loopback talk
 * briefly while tcplens captures them live, then tcplens explains that connection: the real
 * handshake and teardown of this machine's TCP stack. Without permission to capture, it says so
 * and explains the capture shipped in the repository.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Capture a small TCP conversation on loopback live and explain it (needs capture permission).")
final class DemoCommand implements Callable<Integer> {
    private static final String SAMPLE = "samples/loopback-http.pcap";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            int port = server.getLocalPort();
            CaptureCommand.LiveCapture capture = new CaptureCommand.LiveCapture(
                    new CaptureHelper.Request("lo", "tcp port " + port, 262144, 0), null, null);
            List<TcpConnection> connections = new ArrayList<>();
            LiveEventReport events = new LiveEventReport(out, false);
            capture.onEvent = events::write;
            capture.onConnection = connections::add;
            try {
                capture.start();
            } catch (CaptureHelper.CaptureUnavailable e) {
                CaptureCommand.LiveCapture.unavailable(e, err);
                return explainSample(out, err);
            }
            out.println("tcplens demo: a server on 127.0.0.1:" + port + " and a client exchange a few bytes and close,");
            out.println("captured live on lo (capture filter 'tcp port " + port + "'). Events as they happen:");
            out.flush();
            int[] status = {0};
            Thread reading = new Thread(() -> {
                try {
                    status[0] = capture.read(null, out, err);
                } catch (IOException e) {
                    err.println("tcplens: " + e.getMessage());
                    status[0] = Main.EXIT_CAPTURE;
                }
            }, "demo-capture");
            reading.start();
            talk(server, loopback, port);
            // Let the last ACKs reach the capture before stopping it.
            Thread.sleep(500);
            capture.stop();
            reading.join(15_000);
            out.println();
            ExplainReport report = new ExplainReport(out);
            for (TcpConnection c : connections) {
                report.text(ConnectionAnalysis.of(c));
            }
            out.flush();
            return status[0];
        }
    }

    /** The conversation: the client says hello, the server answers, the client closes, then the server. */
    private static void talk(ServerSocket server, InetAddress loopback, int port) throws Exception {
        Thread serving = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[256];
                int n = in.read(buffer);
                s.getOutputStream().write(("hello back, I got " + Math.max(n, 0) + " bytes\n").getBytes(StandardCharsets.US_ASCII));
                while (in.read(buffer) >= 0) {
                    // Until the client's FIN.
                }
            } catch (IOException e) {
                // The demo's own server: nothing to report beyond what the capture shows.
            }
        }, "demo-server");
        serving.start();
        try (Socket client = new Socket(loopback, port)) {
            OutputStream o = client.getOutputStream();
            o.write("hello tcplens\n".getBytes(StandardCharsets.US_ASCII));
            client.getInputStream().read(new byte[256]);
            Thread.sleep(100);
        }
        serving.join(5000);
    }

    /** The shipped capture's story, for a machine where capturing is not allowed. */
    private static int explainSample(PrintWriter out, PrintWriter err) {
        Path sample = findSample();
        if (sample == null) {
            err.println("tcplens: and " + SAMPLE + " was not found (run from the repository)");
            return Main.EXIT_CAPTURE;
        }
        out.println("tcplens demo: explaining the capture shipped in the repository instead (" + sample + "):");
        out.println();
        out.flush();
        int status = Main.run(out, err, "explain", "-r", sample.toString());
        return status == 0 ? Main.EXIT_CAPTURE : status;
    }

    private static Path findSample() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(SAMPLE));
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                candidates.add(p.resolve(SAMPLE));
            }
        } catch (Exception e) {
            // Only the working directory then.
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }
}
