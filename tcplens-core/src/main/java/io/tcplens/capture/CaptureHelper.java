package io.tcplens.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live capture the way Wireshark does it: privileges stay with a small capture helper
 * ({@code dumpcap} from wireshark-common, else {@code tcpdump}) that writes the packets to a
 * pipe; tcplens reads the pipe with its ordinary streaming reader. The helper is always ended
 * with SIGTERM (so dumpcap finishes its pcapng with the interface statistics) and waited for.
 */
public final class CaptureHelper implements AutoCloseable {
    /** Where Debian installs the helpers; PATH is searched too. */
    private static final List<String> DUMPCAP = List.of("/usr/bin/dumpcap", "/usr/sbin/dumpcap");
    private static final List<String> TCPDUMP = List.of("/usr/bin/tcpdump", "/usr/sbin/tcpdump");
    private static final Pattern DROPS = Pattern.compile(
            "Packets received/dropped on interface '[^']*': (\\d+)/(\\d+)");
    private static final Pattern TCPDUMP_DROPS = Pattern.compile("(\\d+) packets? dropped by kernel");

    /**
     * What to capture.
     *
     * @param captureFilter BPF, or null for everything
     * @param maxPackets    the helper stops by itself after this many (0: no limit)
     */
    public record Request(String iface, String captureFilter, int snaplen, long maxPackets) { }

    /** Why a capture could not start, with the command that fixes it. */
    public static final class CaptureUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        public CaptureUnavailable(String message) {
            super(message);
        }
    }

    private final Process process;
    private final String helper;
    private final List<String> messages = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread stderrReader;
    private volatile long helperReceived = -1;
    private volatile long helperDropped = -1;

    private CaptureHelper(Process process, String helper) {
        this.process = process;
        this.helper = helper;
        this.stderrReader = new Thread(this::readMessages, "capture-helper-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /**
     * The helper that would be used, or null when neither is installed: dumpcap first, unless
     * the environment variable TCPLENS_CAPTURE_HELPER says tcpdump.
     */
    public static Path findHelper() {
        boolean tcpdumpFirst = "tcpdump".equals(System.getenv("TCPLENS_CAPTURE_HELPER"));
        for (List<String> candidates : tcpdumpFirst ? List.of(TCPDUMP, DUMPCAP) : List.of(DUMPCAP, TCPDUMP)) {
            for (String c : candidates) {
                Path p = Path.of(c);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
            String name = Path.of(candidates.get(0)).getFileName().toString();
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Starts the helper and waits (up to 10 s) until it says it is capturing. dumpcap says so
     * before it opens the interface: wait for the first bytes of its output too (see
     * {@code LiveCapture.start}) before making traffic that must be captured.
     */
    public static CaptureHelper start(Request request) throws IOException {
        Path helper = findHelper();
        if (helper == null) {
            throw new CaptureUnavailable("no capture helper: tcplens captures through dumpcap or tcpdump.\n"
                    + "Install one:  apt-get install -y tcpdump   (or: apt-get install -y wireshark-common, for dumpcap)");
        }
        boolean dumpcap = helper.getFileName().toString().equals("dumpcap");
        List<String> command = new ArrayList<>();
        command.add(helper.toString());
        if (dumpcap) {
            command.addAll(List.of("-i", request.iface(), "-w", "-", "-s", Integer.toString(request.snaplen())));
            if (request.maxPackets() > 0) {
                command.addAll(List.of("-c", Long.toString(request.maxPackets())));
            }
            if (request.captureFilter() != null) {
                command.addAll(List.of("-f", request.captureFilter(), "--capture-comment",
                        "capture filter: " + request.captureFilter()));
            }
        } else {
            // --immediate-mode and -U: each packet is handed over and written as it comes, so the
            // pipe is live and nothing waits in a kernel buffer when the capture is stopped.
            command.addAll(List.of("-i", request.iface(), "--immediate-mode", "-U", "-w", "-",
                    "-s", Integer.toString(request.snaplen()), "-n"));
            if (request.maxPackets() > 0) {
                command.addAll(List.of("-c", Long.toString(request.maxPackets())));
            }
            if (request.captureFilter() != null) {
                command.add(request.captureFilter());
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        CaptureHelper h = new CaptureHelper(pb.start(), helper.getFileName().toString());
        try {
            boolean started = h.ready.await(10, TimeUnit.SECONDS);
            if (!h.process.isAlive() || !started) {
                h.close();
                throw h.failure(request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            h.close();
            throw new IOException("interrupted while starting " + h.helper);
        }
        return h;
    }

    private CaptureUnavailable failure(Request request) {
        String said = String.join("\n", messages()).strip();
        String lower = said.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("permission") || lower.contains("not permitted")) {
            return new CaptureUnavailable("no permission to capture on " + request.iface() + " (" + helper + " said: "
                    + firstLine(said) + ").\nCapture as root, or give the helper the capture capabilities:  "
                    + "setcap cap_net_raw,cap_net_admin=eip " + findHelper());
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist") || lower.contains("there is no device")
                || lower.contains("no suitable device")) {
            return new CaptureUnavailable("no capture interface named " + request.iface()
                    + " (tcplens interfaces lists them)");
        }
        if (lower.contains("filter") || lower.contains("syntax error")) {
            return new CaptureUnavailable("the capture filter (BPF) was refused: " + firstLine(said));
        }
        return new CaptureUnavailable(helper + " could not start capturing on " + request.iface() + ": "
                + (said.isEmpty() ? "it said nothing" : firstLine(said)));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void readMessages() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (messages) {
                    if (messages.size() < 200) {
                        messages.add(line);
                    }
                }
                if (line.startsWith("Capturing on") || line.startsWith("tcpdump: listening on")
                        || line.startsWith("listening on")) {
                    ready.countDown();
                }
                Matcher m = DROPS.matcher(line);
                if (m.find()) {
                    helperReceived = Long.parseLong(m.group(1));
                    helperDropped = Long.parseLong(m.group(2));
                }
                Matcher t = TCPDUMP_DROPS.matcher(line);
                if (t.find()) {
                    helperDropped = Long.parseLong(t.group(1));
                }
            }
        } catch (IOException e) {
            // The helper has gone; what it said so far is kept.
        } finally {
            ready.countDown();
        }
    }

    /** The helper's name ("dumpcap" or "tcpdump"). */
    public String helper() { return helper; }

    /** The capture bytes as the helper writes them (pcapng from dumpcap, pcap from tcpdump). */
    public InputStream packets() {
        return process.getInputStream();
    }

    /**
     * Asks the helper to stop (SIGTERM): it finishes its output, then the pipe ends. Through the
     * process handle: {@link Process#destroy()} would also close the pipe before it is read out.
     */
    public void stop() {
        process.toHandle().destroy();
    }

    /** Packets the helper says it received and dropped (-1 when it did not say). */
    public long received() { return helperReceived; }

    public long dropped() { return helperDropped; }

    /** What the helper printed on its standard error. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Stops the helper if it still runs and waits for it; forcibly after 5 s. Never leaves it running. */
    @Override
    public void close() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
