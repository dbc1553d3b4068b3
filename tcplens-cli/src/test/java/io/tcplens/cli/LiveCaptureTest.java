package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcplens.analysis.HandshakeKind;
import io.tcplens.analysis.LiveEvents;
import io.tcplens.analysis.TeardownKind;
import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureHelper;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.TcpHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture on loopback, each test on its own ports with a capture filter on them, bounded
 * in time. Needs a capture helper and the permission to capture (CI runs as root after .ci/run
 * installs tcpdump when no helper is there); without them the tests are skipped with the reason.
 */
@Timeout(60)
class LiveCaptureTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @BeforeAll
    static void canCapture() {
        assumeTrue(CaptureHelper.findHelper() != null, "no capture helper (dumpcap or tcpdump) installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "capturing needs root here");
    }

    /** Captures while {@code traffic} runs; returns the events. */
    private List<LiveEvents.Event> capture(String filter, Path file, Runnable traffic) throws Exception {
        return capture(filter, file, traffic, null);
    }

    /** The same, also writing each packet's summary line (as --packets) into {@code lines} when given. */
    private List<LiveEvents.Event> capture(String filter, Path file, Runnable traffic, List<String> lines) throws Exception {
        List<LiveEvents.Event> events = Collections.synchronizedList(new ArrayList<>());
        CaptureCommand.LiveCapture capture = new CaptureCommand.LiveCapture(
                new CaptureHelper.Request("lo", filter, 262144, 0), file, null);
        capture.onEvent = events::add;
        if (lines != null) {
            io.tcplens.report.PacketSummary summary = new io.tcplens.report.PacketSummary();
            capture.onPacket = context -> {
                StringBuilder line = new StringBuilder();
                summary.append(line, context, 6);
                lines.add(line.toString());
            };
        }
        capture.start();
        StringWriter out = new StringWriter();
        Thread reading = new Thread(() -> {
            try {
                capture.read(null, new PrintWriter(out), new PrintWriter(new StringWriter()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        reading.start();
        traffic.run();
        Thread.sleep(500);
        capture.stop();
        reading.join(20_000);
        assertThat(reading.isAlive()).isFalse();
        assertThat(out.toString()).contains("Capture on lo by");
        captureSummary = out.toString();
        return events;
    }

    /** What the last capture printed at its end (packets, connections by verdict, drops). */
    private String captureSummary;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aConnectionOpenedUsedAndClosedIsReportedLiveAndWritten() throws Exception {
        Path file = dir.resolve("live.pcapng");
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            int port = server.getLocalPort();
            List<LiveEvents.Event> events = capture("tcp port " + port, file, () -> {
                Thread serving = new Thread(() -> {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        byte[] b = new byte[64];
                        in.read(b);
                        s.getOutputStream().write("pong\n".getBytes(StandardCharsets.US_ASCII));
                        while (in.read(b) >= 0) {
                            // until the client's FIN
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                serving.start();
                try (Socket client = new Socket(LOOPBACK, port)) {
                    client.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    client.getInputStream().read(new byte[64]);
                    serving.join(5000);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(events).extracting(LiveEvents.Event::kind)
                    .containsExactly(LiveEvents.Kind.OPENED, LiveEvents.Kind.CLOSED);
            assertThat(events.get(0).analysis().handshake()).isEqualTo(HandshakeKind.THREE_WAY);
            assertThat(events.get(0).analysis().initialRttNanos()).isPositive();
            // Linux acknowledges a FIN and sends its own in one segment when the socket closes
            // at once (three packets); a delayed close gives four.
            assertThat(events.get(1).analysis().teardown()).isIn(TeardownKind.THREE_PACKET, TeardownKind.FOUR_WAY);
            // The client closed first: the socket closed after the read of "pong".
            assertThat(events.get(1).analysis().initiator().id()).isEqualTo("originator");
            // One connection, said in the singular (it was "1 TCP connections").
            assertThat(captureSummary).containsPattern(" packets, 1 TCP connection\n");
        }
        // The written file has the same packets: the SYN first, the last ACK last.
        List<Integer> flags = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            PacketDecoder decoder = new PacketDecoder();
            Packet p = new Packet();
            long n = 0;
            while (reader.next()) {
                decoder.decode(reader.record(), ++n, p);
                flags.add(TcpHeader.flags(p.buffer(p.tcp()), p.start(p.tcp())));
            }
        }
        assertThat(flags).hasSizeGreaterThanOrEqualTo(8);
        assertThat(flags.get(0)).isEqualTo(TcpHeader.SYN);
        assertThat(flags.get(flags.size() - 1)).isEqualTo(TcpHeader.ACK);
        tsharkCountsTheSame(file, flags.size());
    }

    /**
     * --packets reads the application layer live: an HTTP request and response on loopback show as
     * tshark shows them ("GET /x HTTP/1.1 ", "HTTP/1.1 200 OK  (text/plain)").
     */
    @Test
    void packetLinesShowHttpLive() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            int port = server.getLocalPort();
            capture("tcp port " + port, dir.resolve("http.pcapng"), () -> {
                Thread serving = new Thread(() -> {
                    try (Socket s = server.accept()) {
                        s.getInputStream().read(new byte[256]);
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                serving.start();
                try (Socket client = new Socket(LOOPBACK, port)) {
                    client.getOutputStream().write("GET /x HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.getInputStream().read(new byte[256]);
                    serving.join(5000);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, lines);
        }
        assertThat(lines).anyMatch(l -> l.contains(" HTTP ") && l.endsWith("GET /x HTTP/1.1 "));
        assertThat(lines).anyMatch(l -> l.contains(" HTTP ") && l.endsWith("HTTP/1.1 200 OK  (text/plain)"));
    }

    private static void tsharkCountsTheSame(Path file, int packets) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            return;
        }
        Process p = new ProcessBuilder("/usr/bin/tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.number")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        assertThat(out.strip().split("\n")).hasSize(packets);
    }

    @Test
    void aRefusedConnectionIsReportedAsRefused() throws Exception {
        int port = freePort();
        List<LiveEvents.Event> events = capture("tcp port " + port, null, () -> {
            try (Socket s = new Socket(LOOPBACK, port)) {
                throw new IllegalStateException("something listens on " + port);
            } catch (ConnectException expected) {
                // Nothing listens: the kernel answered the SYN with a RST.
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(events).extracting(LiveEvents.Event::kind).containsExactly(LiveEvents.Kind.REFUSED);
        assertThat(events.get(0).analysis().handshake()).isEqualTo(HandshakeKind.REFUSED);
    }

    @Test
    void aResetIsReportedWithItsSender() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            int port = server.getLocalPort();
            List<LiveEvents.Event> events = capture("tcp port " + port, null, () -> {
                try (Socket client = new Socket(LOOPBACK, port); Socket accepted = server.accept()) {
                    client.getOutputStream().write(1);
                    accepted.getInputStream().read();
                    // Linger 0: close sends a RST instead of a FIN (the server aborts).
                    accepted.setSoLinger(true, 0);
                    accepted.close();
                    Thread.sleep(200);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(events).extracting(LiveEvents.Event::kind).contains(LiveEvents.Kind.OPENED, LiveEvents.Kind.RESET);
            LiveEvents.Event reset = events.stream().filter(e -> e.kind() == LiveEvents.Kind.RESET).findFirst().orElseThrow();
            assertThat(reset.analysis().resetSide()).isEqualTo(reset.analysis().connection().responder());
        }
    }

    @Test
    void sigtermMidCaptureLeavesAValidFileAndNoHelper() throws Exception {
        Path file = dir.resolve("stopped.pcapng");
        int port = freePort();
        String filter = "tcp port " + port;
        Process tcplens = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "capture", "-i", "lo", "-f", filter, "-w", file.toString())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((!Files.exists(file) || Files.size(file) == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.size(file)).isPositive();
        try (Socket s = new Socket(LOOPBACK, port)) {
            throw new IllegalStateException("something listens on " + port);
        } catch (ConnectException expected) {
            // A SYN and a RST to capture.
        }
        Thread.sleep(300);
        tcplens.toHandle().destroy();  // SIGTERM, keeping the pipe (Process.destroy would close it)
        assertThat(tcplens.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String said = new String(tcplens.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(said).contains("refused").contains("Capture on lo by");
        // The file reads back whole, with the interface statistics dumpcap writes when it stops.
        int packets = 0;
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            while (reader.next()) {
                packets++;
            }
            if (said.contains("by dumpcap")) {
                assertThat(reader.interfaces().get(0).interfaceDrops()).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(packets).isEqualTo(2);
        assertThat(ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(filter)).orElse(false))
                .toList()).isEmpty();
    }

    @Test
    void anUnknownInterfaceIsAClearMessage() {
        TsharkParityTest.Result r = TsharkParityTest.run("capture", "-i", "nosuchif0", "--duration", "1");
        assertThat(r.status()).isEqualTo(Main.EXIT_CAPTURE);
        assertThat(r.err()).contains("nosuchif0");
    }
}
