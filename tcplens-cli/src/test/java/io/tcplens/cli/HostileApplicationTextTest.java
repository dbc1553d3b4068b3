package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.decode.TcpHeader;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings a stranger wrote into a capture (a TLS server name, an HTTP URI and User-Agent, an FTP
 * user name, an SSH identification string and key exchange list) carrying terminal escape sequences: no command prints an ESC, BEL or line break of
 * theirs raw. Built byte by byte: four connections on one capture.
 */
class HostileApplicationTextTest {
    private static final String HOSTILE = "evil\u001b]0;pwned\u0007\u001b[2J\r\nX";

    private static final class Capture {
        final Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        int second;

        void connection(int clientPort, int serverPort, byte[] clientData, byte[] serverData) {
            send(clientPort, serverPort, true, TcpHeader.SYN, 1000, 0, new byte[0]);
            send(clientPort, serverPort, false, TcpHeader.SYN | TcpHeader.ACK, 5000, 1001, new byte[0]);
            send(clientPort, serverPort, true, TcpHeader.ACK, 1001, 5001, new byte[0]);
            if (serverData.length > 0 && serverPort == 21) {
                send(clientPort, serverPort, false, TcpHeader.ACK | TcpHeader.PSH, 5001, 1001, serverData);
                send(clientPort, serverPort, true, TcpHeader.ACK | TcpHeader.PSH, 1001, 5001 + serverData.length, clientData);
            } else {
                send(clientPort, serverPort, true, TcpHeader.ACK | TcpHeader.PSH, 1001, 5001, clientData);
            }
        }

        void send(int clientPort, int serverPort, boolean fromClient, int flags, long seq, long ack, byte[] payload) {
            byte[] tcp = Frames.tcp(fromClient ? clientPort : serverPort, fromClient ? serverPort : clientPort, seq, ack, flags,
                    64240, new byte[0], payload);
            byte[] frame = Frames.ethernet(0x0800, Frames.withTcpChecksum(
                    Frames.ipv4(fromClient ? "10.0.0.1" : "10.0.0.2", fromClient ? "10.0.0.2" : "10.0.0.1", 6, tcp)));
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L + second++, 0, frame, frame.length);
        }
    }

    @Test
    void noCommandPrintsTheirControlCharacters(@TempDir Path dir) throws IOException {
        Capture c = new Capture();
        c.connection(40001, 443, TlsBytes.record(22, TlsBytes.clientHello(HOSTILE)), new byte[0]);
        c.connection(40002, 80, ("GET /" + HOSTILE + " HTTP/1.1\r\nHost: h\r\nUser-Agent: " + HOSTILE + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
        c.connection(40003, 21, ("USER " + HOSTILE.replace("\r\n", "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
                "220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
        String oneLine = HOSTILE.replace("\r\n", "");
        c.connection(40004, 22, SshSummaryTest.concat(("SSH-2.0-" + oneLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
                SshSummaryTest.packet(20, SshSummaryTest.kexInit(oneLine, "b", "c", "d", "e", "f", "g", "h", "", ""))),
                "SSH-2.0-server\r\n".getBytes(StandardCharsets.US_ASCII));
        Path capture = dir.resolve("hostile.pcap");
        Files.write(capture, c.file.toArray());
        String file = capture.toString();
        List<String[]> commands = List.of(
                new String[] {"packets", "-r", file},
                new String[] {"packets", "-r", file, "-V"},
                new String[] {"packets", "-r", file, "-T", "json"},
                new String[] {"packets", "-r", file, "-T", "fields", "-e", "tls.handshake.extensions_server_name",
                        "-e", "http.request.uri", "-e", "http.user_agent", "-e", "ftp.request.arg", "-e", "ssh.protocol",
                        "-e", "ssh.kex_algorithms"},
                new String[] {"tls", "-r", file},
                new String[] {"tls", "-r", file, "-T", "json"},
                new String[] {"explain", "-r", file},
                new String[] {"explain", "-r", file, "-T", "json"});
        for (String[] command : commands) {
            TsharkParityTest.Result r = TsharkParityTest.run(command);
            assertThat(r.status()).as(String.join(" ", command) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", command)).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
            assertThat(r.out()).as(String.join(" ", command)).contains("evil");
        }
        // The escapes show what was there.
        assertThat(TsharkParityTest.run(commands.get(3)).out()).contains("evil\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x0aX");
        // Wireshark's format_text escapes for an SSH identification string in the summary line.
        assertThat(TsharkParityTest.run(commands.get(0)).out()).contains("Client: Protocol (SSH-2.0-evil\\033]0;pwned\\a\\033[2JX)");
        assertThat(TsharkParityTest.run(commands.get(3)).out()).contains("SSH-2.0-evil\\033]0;pwned\\a\\033[2JX")
                .contains("\tevil\\x1b]0;pwned\\x07\\x1b[2JX");
    }
}
