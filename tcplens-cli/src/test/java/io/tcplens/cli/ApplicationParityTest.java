package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application layer against tshark 4.0.17 on every shared capture where tshark finds TLS,
 * HTTP, FTP, DNS (mDNS, LLMNR), SSH, SMTP or IMAP: the fields of testdata/tshark/VIEW-fields.txt for the packets of the view's
 * filter (recorded by scripts/record-tshark-oracle.sh, ONLY=app). The {@code tls} view is the
 * command issue 6 is judged on.
 */
class ApplicationParityTest {
    /** View name, and the display filter it was recorded with. */
    private static final Map<String, String> VIEWS = Map.of(
            "tls", "tls.handshake",
            "tls-records", "tls",
            "http", "http",
            "ftp", "ftp",
            "ftp-data", "ftp-data",
            "dns", "dns or mdns or llmnr",
            "ssh", "ssh",
            "smtp", "smtp",
            "imap", "imap");

    /**
     * Frames where tcplens deliberately differs from tshark, by capture and view, with why. The
     * test requires them to still differ, so that a fix on either side shows up here.
     * <ul>
     * <li>tls_hrr.pcap: the server's segment with the second ServerHello (frame 11) arrives after
     * the segment that follows it (frame 9). tshark 4.0 does not reassemble out-of-order segments
     * by default (tcp.reassemble_out_of_order is off): it shows frame 9 as an empty TLS layer and
     * never reads the ServerHello. tcplens puts the segments in order and reads the ServerHello
     * in frame 11, where it became complete; tshark -o tcp.reassemble_out_of_order:TRUE agrees.
     * <li>ftp_ipv4.pcap: two active-mode data connections (PORT 141,142,220,235,131,46 and
     * ...,147,203) come from server port 61920 and 61918, not 20; tshark does not recognise them,
     * tcplens links them to the PORT commands in frames 57 and 75.
     * <li>ftp_retr.pcap: tshark names the first command after EPSV, SIZE /README (frame 29), as
     * the data connection's command; SIZE uses no data connection. tcplens names the transfer
     * command that did, RETR /README (frame 35).
     * <li>http_get-to-ssh-server.pcap: the connection to port 22 whose client sends an HTTP GET is
     * read as HTTP (see {@link #SUMMARY_DIFFERENCES}); tshark's SSH fields of frames 4 and 6 are not there.
     * <li>smtp.pcap: frames 26, 28, 29 and 30 are ICMP errors (fragmentation needed) quoting the
     * first 508 bytes of the client's DATA segments. tshark dissects the quoted TCP payload as SMTP
     * and adds it to the message it reassembles, so its message holds those bytes twice (the
     * headers and a MIME boundary among them) and its IMF in frame 45 finds a fourth part, a
     * second "(text/plain)" (see {@link #SUMMARY_DIFFERENCES}). tcplens reads a connection's own
     * segments only: three parts. With the four ICMP errors removed (editcap), tshark finds three
     * parts too.
     * </ul>
     * Besides these, in the ssh view a segment that tshark's SSH read again as a retransmission
     * (its summary line says so) has no SSH fields in tcplens, which reads each byte once.
     */
    static final Map<String, Set<Integer>> DIFFERENCES = Map.of(
            "zeek/tls_hrr.pcap tls", Set.of(11),
            "zeek/tls_hrr.pcap tls-records", Set.of(9, 11),
            "zeek/ftp_ipv4.pcap ftp-data", Set.of(63, 82),
            "zeek/ftp_retr.pcap ftp-data", Set.of(38, 39, 41, 42, 43, 46, 47, 48, 51, 52, 53, 54),
            "zeek/http_get-to-ssh-server.pcap ssh", Set.of(4, 6),
            "zeek/smtp.pcap smtp", Set.of(26, 28, 29, 30));

    static Stream<Arguments> recorded() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String capture : SharedCaptures.all()) {
            for (String view : new TreeSet<>(VIEWS.keySet())) {
                if (Files.exists(SharedCaptures.tshark(capture, view + ".tsv"))) {
                    out.add(Arguments.of(capture, view));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("recorded")
    void fieldsEqualTshark(String capture, String view) throws IOException {
        String[] fields = TsharkParityTest.fieldList(view + "-fields.txt");
        List<String> args = new ArrayList<>(List.of("packets", "-r", SharedCaptures.capture(capture).toString(),
                "-Y", VIEWS.get(view), "-T", "fields", "-E", "occurrence=a"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        TsharkParityTest.Result r = TsharkParityTest.run(args.toArray(String[]::new));
        boolean damaged = Files.exists(SharedCaptures.tshark(capture, "stderr.txt"));
        assertThat(r.status()).as(r.err()).isEqualTo(damaged ? Main.EXIT_DAMAGED_INPUT : 0);
        Map<Integer, String> want = byFrame(Files.readString(SharedCaptures.tshark(capture, view + ".tsv"), StandardCharsets.UTF_8));
        Map<Integer, String> got = byFrame(r.out());
        Set<Integer> differ = DIFFERENCES.getOrDefault(capture + " " + view, Set.of());
        Set<Integer> readAgain = view.equals("ssh") ? sshRetransmissions(capture) : Set.of();
        Set<Integer> frames = new TreeSet<>(want.keySet());
        frames.addAll(got.keySet());
        for (int frame : frames) {
            if (readAgain.contains(frame)) {
                assertThat(got.get(frame)).as("%s %s frame %d: a retransmission tshark read again", capture, view, frame).isNull();
            } else if (differ.contains(frame)) {
                assertThat(got.get(frame)).as("%s %s frame %d: documented difference", capture, view, frame)
                        .isNotEqualTo(want.get(frame));
            } else {
                assertThat(got.get(frame)).as("%s %s frame %d", capture, view, frame).isEqualTo(want.get(frame));
            }
        }
        assertThat(want).as("tshark found something in this view").isNotEmpty();
    }

    /** The frames whose tshark summary line is a retransmission its SSH read again. */
    private static Set<Integer> sshRetransmissions(String capture) throws IOException {
        Set<Integer> out = new TreeSet<>();
        for (String line : Files.readAllLines(SharedCaptures.tshark(capture, "summary.txt"), StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = NUMBER.matcher(line);
            if (SSH_RETRANSMISSION.matcher(line).matches() && m.matches()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    private static Map<Integer, String> byFrame(String text) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                out.put(Integer.parseInt(line.substring(0, line.indexOf('\t'))), line);
            }
        }
        return out;
    }

    /** tshark's protocol column for the protocols tcplens reads. */
    private static final java.util.regex.Pattern APPLICATION = java.util.regex.Pattern.compile(
            "^\\s*(\\d+)\\s+\\S+\\s+\\S+ \u2192 \\S+\\s+(TLSv1(\\.[0-3])?|SSLv3|HTTP|HTTP/JSON|FTP|FTP-DATA|DNS|MDNS|LLMNR|SSH|SSHv1|SSHv2|SMTP|SMTP/IMF|IMAP|IMAP/IMF|RESP|WHOIS) \\d+ .*");
    /** tshark's line of a retransmitted segment that its SSH read again. */
    private static final java.util.regex.Pattern SSH_RETRANSMISSION = java.util.regex.Pattern.compile(
            ".* SSH(v[12])? \\d+ (Client|Server): \\[TCP (Fast )?Retransmission\\] .*");
    /** tcplens's words for an SSH packet after NEWKEYS, which tshark leaves out when it tries to decrypt it. */
    private static final java.util.regex.Pattern ENCRYPTED_WORDS = java.util.regex.Pattern.compile("(, )?Encrypted packet \\(len=\\d+\\)");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("^\\s*(\\d+)\\s.*");

    /**
     * Summary lines where tcplens deliberately differs, by capture, with why (besides the frames of
     * {@link #DIFFERENCES}, which differ here for the same reasons):
     * <ul>
     * <li>http_get-to-ssh-server.pcap frame 4: an HTTP GET sent to port 22. tshark goes by the
     * port and calls it an encrypted SSH packet; tcplens reads the bytes, which are an HTTP request.
     * Having read the connection as HTTP, tcplens leaves the server's SSH identification string in
     * frame 6 unread (tshark: "Server: Protocol (SSH-2.0-OpenSSH_8.7)").
     * <li>http-mime-truncated.pcap frame 2663: tshark's multipart dissector names the zip file in
     * the POST body, "(zip)"; tcplens does not read multipart bodies (a gap, not tshark's fault).
     * <li>smtp.pcap frame 45: the message tshark put together with ICMP-quoted bytes in it (see
     * {@link #DIFFERENCES}) has one part more.
     * </ul>
     */
    static final Map<String, Set<Integer>> SUMMARY_DIFFERENCES = Map.of(
            "zeek/tls_hrr.pcap", Set.of(9, 11),
            "zeek/ftp_ipv4.pcap", Set.of(63, 82),
            "zeek/ftp_retr.pcap", Set.of(38, 39, 41, 42, 43, 46, 47, 48, 51, 52, 53, 54),
            "zeek/http_get-to-ssh-server.pcap", Set.of(4, 6),
            "suricata-verify/http-mime-truncated.pcap", Set.of(2663),
            "zeek/tls_irc-starttls.pcap", Set.of(8, 10, 12, 14, 17),
            "zeek/smtp.pcap", Set.of(45));

    static Stream<String> captures() throws IOException {
        return SharedCaptures.all().stream();
    }

    /**
     * The default one-line output of every frame where tshark or tcplens shows TLS, HTTP, FTP, DNS, SSH, SMTP, IMAP, RESP or WHOIS,
     * or where tcplens shows a segment of a record or message that later segments complete:
     * protocol column and Info column as tshark 4.0 writes them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void summaryLinesEqualTshark(String capture) throws IOException {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", SharedCaptures.capture(capture).toString());
        List<String> got = r.lines();
        String text = Files.readString(SharedCaptures.tshark(capture, "summary.txt"), StandardCharsets.UTF_8);
        List<String> want = text.isEmpty() ? List.of() : List.of(text.split("\n"));
        Set<Integer> differ = SUMMARY_DIFFERENCES.getOrDefault(capture, Set.of());
        for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
            String mine = got.get(i);
            String theirs = want.get(i);
            boolean application = APPLICATION.matcher(theirs).matches() || APPLICATION.matcher(mine).matches()
                    || mine.contains("[TCP segment of a reassembled PDU]") || mine.contains("[Packet size limited during capture]");
            if (!application) {
                continue;
            }
            java.util.regex.Matcher m = NUMBER.matcher(theirs);
            int frame = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (differ.contains(frame)) {
                assertThat(mine).as("%s frame %d: documented difference", capture, frame).isNotEqualTo(theirs);
            } else if (SSH_RETRANSMISSION.matcher(theirs).matches()) {
                // tshark's TCP hands a retransmitted segment that is no part of a reassembly to SSH
                // again, which reads it again; tcplens reads each byte of a stream once, and shows a
                // retransmission as TCP (tcp_ssh-dups.pcap sends every segment up to four times).
                assertThat(mine).as("%s frame %d", capture, frame).contains(" TCP ").contains("Retransmission] ");
            } else if (!theirs.contains("Encrypted packet") && ENCRYPTED_WORDS.matcher(mine).find()) {
                // After NEWKEYS tshark 4.0 tries to decrypt the ciphers it knows (chacha20-poly1305,
                // AES) without the keys, fails, and writes no words; tcplens says what the bytes are,
                // as tshark does for a cipher it does not try (SshSummaryTest). The rest is equal.
                assertThat(ENCRYPTED_WORDS.matcher(mine).replaceAll("")).as("%s frame %d", capture, frame).isEqualTo(theirs);
            } else {
                assertThat(mine).as("%s frame %d", capture, frame).isEqualTo(theirs);
            }
        }
    }

    /** JA4 against Suricata's expected value for ja4-tls.pcap (its suricata-verify test, tls.ja4). */
    @org.junit.jupiter.api.Test
    void ja4EqualsSuricatasExpectedValue() throws IOException {
        Path yaml = SharedCaptures.captures().resolve("suricata-verify/ja4-tls.pcap.suricata-test.yaml");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("tls\\.ja4:\\s*(\\S+)").matcher(Files.readString(yaml));
        assertThat(m.find()).isTrue();
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r",
                SharedCaptures.capture("suricata-verify/ja4-tls.pcap").toString(), "-Y", "tls.handshake.type == 1",
                "-T", "fields", "-e", "tls.handshake.ja4");
        assertThat(r.lines()).containsExactly(m.group(1));
        assertThat(TsharkParityTest.run("tls", "-r", SharedCaptures.capture("suricata-verify/ja4-tls.pcap").toString()).out())
                .contains("ja4 " + m.group(1));
    }

    /**
     * frame.protocols on every frame of four captures, against tshark's (testdata/tshark/*.protocols.tsv,
     * recorded by scripts/record-tshark-oracle.sh): TLS twice where a record put together from earlier
     * segments ends and more records follow in the same segment (tshark's TCP calls TLS for each part),
     * no data on a retransmission (its TCP hands the payload to no dissector) nor on a reset's text
     * (tcp.reset_cause), SSH, DNS, NBNS, HTTP.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tcpdump/ssh.pcap", "zeek/tls_tls13-ech.pcap", "zeek/wikipedia.pcap",
        "suricata-verify/bug-6244-tcp-rst-with-data.pcap"})
    void frameProtocolsAreTsharks(String capture) throws IOException {
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", SharedCaptures.capture(capture).toString(), "-T", "fields",
                "-e", "frame.number", "-e", "frame.protocols");
        String want = Files.readString(SharedCaptures.tshark(capture, "protocols.tsv"), StandardCharsets.UTF_8);
        assertThat(r.out()).isEqualTo(want);
    }

    /** -T json and -V show no data layer where frame.protocols has none: tshark -T json of these TLS frames has none. */
    @org.junit.jupiter.api.Test
    void detailShowsNoDataWhereAProtocolReadThePayload() {
        String capture = SharedCaptures.capture("zeek/tls_tls13-ech.pcap").toString();
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-Y", "tls", "-T", "json").out()).contains("\"tls\" :")
                .doesNotContain("\"data\" :");
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-Y", "tls", "-V").out()).contains("tls.record.content_type")
                .doesNotContain("Data (application payload)");
    }

    /** The captures with a view, so that a missing recording cannot pass unseen. */
    @org.junit.jupiter.api.Test
    void everyApplicationCaptureHasItsViews() throws IOException {
        Path root = SharedCaptures.root().resolve("testdata/tshark");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tls.tsv")).count()).isEqualTo(20);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".http.tsv")).count()).isEqualTo(26);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".ftp.tsv")).count()).isEqualTo(5);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".dns.tsv")).count()).isEqualTo(3);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".ssh.tsv")).count()).isEqualTo(3);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".smtp.tsv")).count()).isEqualTo(2);
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> p.toString().endsWith(".imap.tsv")).count()).isEqualTo(1);
        }
    }
}
