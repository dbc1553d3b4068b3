package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule 4 for the application layer: the TLS, HTTP, FTP, SSH, SMTP and IMAP captures of the corpus
 * (and dialogues built for SMTP, IMAP, POP3, RESP and WHOIS), RESP, WHOIS and MPTCP with bytes
 * overwritten at random (fixed seeds, so a failure replays) still give every command an answer,
 * never an exception: lengths that lie, records cut anywhere, garbage where a handshake was.
 */
class MutatedApplicationCapturesTest {
    private static final int SEEDS = 12;

    @ParameterizedTest
    @ValueSource(strings = {"zeek/tls_tls1.2.pcap", "zeek/tls_hrr.pcap", "zeek/tls_client-certificate.pcap",
            "scapy/tls_nss_example.pcap", "zeek/http_get.pcap", "zeek/wikipedia.pcap", "zeek/ftp_ipv4.pcap",
            "zeek/tls_irc-starttls.pcap", "suricata-verify/ja4-tls.pcap", "tcpdump/ssh.pcap", "zeek/tcp_ssh-dups.pcap",
            "zeek/smtp.pcap", "suricata-verify/smtp-to-comma.pcap", "suricata-verify/tcp-async-01.pcap",
            "tcpdump/resp_1_benchmark.pcap", "tcpdump/mptcp-fclose.pcap", "tcpdump/whois.pcap"})
    void everyCommandAnswersWithoutAnException(String capture, @TempDir Path dir) throws IOException {
        answersWhenMutated(capture, Files.readAllBytes(SharedCaptures.capture(capture)), dir);
    }

    /** The dialogues built for SMTP's, IMAP's, POP3's, RESP's and WHOIS's corner cases, mutated the same way. */
    @org.junit.jupiter.api.Test
    void builtMailDialoguesAnswerWhenMutated(@TempDir Path dir) throws IOException {
        answersWhenMutated("smtp dialogue", Files.readAllBytes(SmtpSummaryTest.dialogue(dir)), dir);
        answersWhenMutated("imap dialogue", Files.readAllBytes(ImapSummaryTest.dialogue(dir)), dir);
        answersWhenMutated("pop dialogue", Files.readAllBytes(PopSummaryTest.dialogue(dir)), dir);
        answersWhenMutated("resp dialogue", Files.readAllBytes(RespSummaryTest.dialogue(dir)), dir);
        answersWhenMutated("whois dialogue", Files.readAllBytes(WhoisSummaryTest.dialogue(dir)), dir);
    }

    private static void answersWhenMutated(String capture, byte[] original, Path dir) throws IOException {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed * 7919L + capture.hashCode());
            byte[] bytes = original.clone();
            // Overwrite a few hundred bytes after the file header, where records and payloads are.
            int flips = 50 + random.nextInt(300);
            for (int i = 0; i < flips; i++) {
                int at = 24 + random.nextInt(bytes.length - 24);
                bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : bytes[at] ^ (1 << random.nextInt(8)));
            }
            Path file = dir.resolve("mutated-" + seed + ".pcap");
            Files.write(file, bytes);
            String f = file.toString();
            for (String[] command : List.of(
                    new String[] {"packets", "-r", f},
                    new String[] {"packets", "-r", f, "-V"},
                    new String[] {"packets", "-r", f, "-T", "fields", "-E", "occurrence=a", "-e", "tls.handshake.type",
                            "-e", "tls.handshake.ja3", "-e", "tls.handshake.ja4", "-e", "tls.handshake.certificate_length",
                            "-e", "http.request.uri", "-e", "ftp.request.command", "-e", "ftp-data.command",
                            "-e", "ssh.protocol", "-e", "ssh.message_code", "-e", "ssh.kex.hassh", "-e", "ssh.host_key.type",
                            "-e", "smtp.req.command", "-e", "smtp.rsp.parameter", "-e", "imap.isrequest", "-e", "imf.from",
                            "-e", "pop.request.command", "-e", "pop.response.description",
                            "-e", "frame.protocols"},
                    new String[] {"tls", "-r", f, "-T", "json"},
                    new String[] {"explain", "-r", f},
                    new String[] {"follow", "-r", f, "--stream", "0", "--format", "hex"})) {
                TsharkParityTest.Result r = TsharkParityTest.run(command);
                String what = capture + " seed " + seed + ": " + String.join(" ", command);
                assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(r.status()).as(what + "\n" + r.err()).isIn(0, Main.EXIT_USAGE, Main.EXIT_DAMAGED_INPUT);
            }
        }
    }
}
