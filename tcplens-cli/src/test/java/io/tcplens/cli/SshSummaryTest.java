package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH's summary lines and fields on a dialogue built byte by byte (RFC 4253): identification
 * strings, key exchange packets split across segments and packed several to a segment, the key
 * exchange method that names messages 30 to 49, NEWKEYS, then encrypted bytes. Expected: tshark
 * 4.0.17 -n on the same bytes, but where tshark writes no words for a packet after NEWKEYS (it
 * tries to decrypt chacha20-poly1305 with keys it does not have, and its attempt fails): tcplens
 * says "Encrypted packet (len=N)" there, as tshark does for a cipher it does not try.
 */
class SshSummaryTest {
    private static final String REASSEMBLED = "[TCP segment of a reassembled PDU]";

    /** A binary packet (RFC 4253, section 6): length, padding length, the message, 4 to 11 bytes of padding to a multiple of 8. */
    static byte[] packet(int code, byte[] body) {
        int padding = 8 - ((5 + 1 + body.length) % 8);
        if (padding < 4) {
            padding += 8;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = 1 + 1 + body.length + padding;
        out.writeBytes(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        out.write(padding);
        out.write(code);
        out.writeBytes(body);
        out.writeBytes(new byte[padding]);
        return out.toByteArray();
    }

    /** A KEXINIT's body: a cookie, the ten name-lists, first_kex_packet_follows 0, 4 reserved bytes. */
    static byte[] kexInit(String... lists) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            out.write(0x40 + i);
        }
        for (String list : lists) {
            byte[] b = list.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(new byte[] {0, 0, (byte) (b.length >>> 8), (byte) b.length});
            out.writeBytes(b);
        }
        out.writeBytes(new byte[5]);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An SSH string: its length in 4 bytes, then its bytes (RFC 4251, section 5). */
    static byte[] string(byte[] value) {
        int n = value.length;
        return concat(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}, value);
    }

    static byte[] slice(byte[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    /** Bytes that look encrypted (a fixed pseudo-random sequence). */
    static byte[] noise(int n, long seed) {
        byte[] out = new byte[n];
        new java.util.Random(seed).nextBytes(out);
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Both sides' key exchange, as an OpenSSH client and server run it, on the server port given,
     * both offering {@code cipher} first; the client's identification string in two segments when
     * {@code splitClientString}.
     */
    static TcpDialogue dialogue(int serverPort, String cipher, boolean splitClientString) {
        return dialogue(new TcpDialogue(40022, serverPort), cipher, splitClientString);
    }

    /** The SSH dialogue's segments, after what {@code d} holds already. */
    static TcpDialogue dialogue(TcpDialogue d, String cipher, boolean splitClientString) {
        String ciphers = cipher + ",aes128-ctr";
        byte[] clientKex = packet(20, kexInit("curve25519-sha256,diffie-hellman-group14-sha256", "ssh-ed25519,rsa-sha2-512",
                ciphers, ciphers, "umac-64-etm@openssh.com,hmac-sha2-256", "umac-64-etm@openssh.com,hmac-sha2-256",
                "none,zlib@openssh.com", "none,zlib@openssh.com", "", ""));
        byte[] serverKex = packet(20, kexInit("diffie-hellman-group14-sha256,curve25519-sha256", "rsa-sha2-512,ssh-ed25519",
                ciphers, ciphers, "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", ""));
        // K_S (the host key: its type and a 32-byte key), Q_S, the signature (its type and 64 bytes); RFC 5656, section 4.
        byte[] hostKey = concat(string(ascii("ssh-ed25519")), string(new byte[32]));
        byte[] signature = concat(string(ascii("ssh-ed25519")), string(new byte[64]));
        byte[] reply = packet(31, concat(string(hostKey), string(new byte[32]), string(signature)));
        byte[] ignore = packet(2, new byte[] {0, 0, 0, 1, 'x'});
        byte[] unknown = packet(199, new byte[3]);
        // The server speaks first; the version is still unknown: "SSH".
        d.server("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        if (splitClientString) {
            d.client("SSH-2.0-Open").client("SSH_9.6\r\n");
        } else {
            d.client("SSH-2.0-OpenSSH_9.6\r\n");
        }
        return d
                // Its KEXINIT whole, then an Ignore message and the first bytes of the next packet.
                .client(clientKex)
                .client(concat(ignore, slice(unknown, 0, 6)))
                .client(slice(unknown, 6, unknown.length))
                // The server's KEXINIT in three segments, the first shorter than the length field.
                .server(slice(serverKex, 0, 3))
                .server(slice(serverKex, 3, 40))
                .server(slice(serverKex, 40, serverKex.length))
                // The agreed method is curve25519-sha256 (the client's first the server offers): ECDH names.
                .client(packet(30, string(new byte[32])))
                .server(concat(reply, packet(21, new byte[0]), noise(60, 1)))
                .client(packet(21, new byte[0]))
                .client(noise(36, 2))
                .server(noise(52, 3));
    }

    /** tshark 4.0.17's protocol and info columns of {@link #dialogue} with a cipher it does not try to decrypt (3des-cbc). */
    private static final List<String> TSHARK_LINES = List.of(
            // The server speaks first: the version is not known yet.
            "SSH|Server: Protocol (SSH-2.0-OpenSSH_9.2p1 Debian-2)",
            "SSH|Client: Protocol (SSH-2.0-OpenSSH_9.6)",
            "SSHv2|Client: Key Exchange Init",
            // A packet ended here and the next needs more: tshark's dissector returned early, before its "Client: ".
            "SSHv2|Ignore",
            "SSHv2|Client: Unknown (199)",
            "TCP|" + REASSEMBLED,
            // The length field was cut: the dissector runs again on this segment, so it is no plain continuation.
            "TCP|" + REASSEMBLED,
            "SSHv2|Server: Key Exchange Init",
            "SSHv2|Client: Elliptic Curve Diffie-Hellman Key Exchange Init",
            "SSHv2|Server: Elliptic Curve Diffie-Hellman Key Exchange Reply, New Keys, Encrypted packet (len=60)",
            "SSHv2|Client: New Keys",
            "SSHv2|Client: Encrypted packet (len=36)",
            "SSHv2|Server: Encrypted packet (len=52)");

    @Test
    void withACipherTsharkDoesNotTryEveryLineIsTsharks(@TempDir Path dir) throws IOException {
        Path capture = dialogue(22, "3des-cbc", false).write(dir.resolve("ssh-3des.pcap"));
        assertThat(TcpDialogue.columns(capture)).isEqualTo(TSHARK_LINES);
    }

    @Test
    void withACipherTsharkTriesToDecryptTheEncryptedPacketsAreStillNamed(@TempDir Path dir) throws IOException {
        // tshark writes frames 10, 12 and 13 as "Server: Elliptic Curve Diffie-Hellman Key Exchange
        // Reply, New Keys", "Client: " and "Server: " here (see the class comment); tcplens's lines
        // do not depend on the cipher.
        Path capture = dialogue(22, "chacha20-poly1305@openssh.com", false).write(dir.resolve("ssh.pcap"));
        assertThat(TcpDialogue.columns(capture)).isEqualTo(TSHARK_LINES);
    }

    @Test
    void fieldsAreTsharks(@TempDir Path dir) throws IOException {
        Path capture = dialogue(22, "chacha20-poly1305@openssh.com", false).write(dir.resolve("ssh.pcap"));
        TsharkParityTest.Result r = TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "occurrence=a",
                "-e", "frame.number", "-e", "ssh.direction", "-e", "ssh.protocol", "-e", "ssh.packet_length",
                "-e", "ssh.padding_length", "-e", "ssh.message_code", "-e", "ssh.kex.hassh", "-e", "ssh.kex.hasshserver",
                "-e", "ssh.host_key.type", "-e", "frame.protocols");
        String ssh = "eth:ethertype:ip:tcp:ssh";
        assertThat(r.lines()).containsExactly(
                "1\t1\tSSH-2.0-OpenSSH_9.2p1 Debian-2\t\t\t\t\t\t\t" + ssh,
                "2\t0\tSSH-2.0-OpenSSH_9.6\t\t\t\t\t\t\t" + ssh,
                "3\t0\t\t340\t10\t20\tfc696bd4cd7984941d0ef79b47aca33a\t\t\t" + ssh,
                "4\t\t\t12\t5\t2\t\t\t\t" + ssh,
                "5\t0\t\t12\t7\t199\t\t\t\t" + ssh,
                "6\t\t\t\t\t\t\t\t\t" + ssh,
                "7\t\t\t\t\t\t\t\t\t" + ssh,
                "8\t1\t\t252\t4\t20\t\tb7c53768759c7cc4ef6af1b04a71b938\t\t" + ssh,
                "9\t0\t\t44\t6\t30\t\t\t\t" + ssh,
                "10\t1\t\t188,12\t8,10\t31,21\t\t\tssh-ed25519\t" + ssh,
                "11\t0\t\t12\t10\t21\t\t\t\t" + ssh,
                "12\t0\t\t\t\t\t\t\t\t" + ssh,
                "13\t1\t\t\t\t\t\t\t\t" + ssh);
    }

    @Test
    void anIdentificationStringInTwoSegmentsIsReassembled(@TempDir Path dir) throws IOException {
        // tshark 4.0 fails here: while the line has no end, its SSH asks TCP for "linelen -
        // remaining" more bytes with linelen -1 (packet-ssh.c, ssh_dissect_protocol), a negative
        // count, so the line is never put together; the second part, "SSH_9.6", is then no
        // identification string, the client's version stays unknown, and tshark calls every
        // later segment of both sides "Encrypted packet". tcplens reads the line when it ends.
        Path capture = dialogue(22, "3des-cbc", true).write(dir.resolve("ssh-split.pcap"));
        assertThat(TcpDialogue.columns(capture)).startsWith(
                "SSH|Server: Protocol (SSH-2.0-OpenSSH_9.2p1 Debian-2)",
                "TCP|" + REASSEMBLED,
                "SSH|Client: Protocol (SSH-2.0-OpenSSH_9.6)",
                "SSHv2|Client: Key Exchange Init");
    }

    @Test
    void zeekNamesTheServiceSshOnceAKeyExchangeEnds(@TempDir Path dir) throws IOException {
        // Zeek's SSH analyzer confirms the protocol on a NEWKEYS (ssh-analyzer.pac, proc_newkeys);
        // it runs on port 22 and, elsewhere, where both sides begin with "SSH-2." (its dpd_ssh
        // signatures). No Zeek was at hand: the rule is read in Zeek's source. Like Zeek's SSL and
        // HTTP analyzers, it reads nothing of a partial connection (SSH.cc: DeliverStream returns
        // when TCP()->IsPartial()), so the handshake must be there.
        String cipher = "chacha20-poly1305@openssh.com";
        assertThat(zeekService(dialogue(new TcpDialogue(40022, 22).handshake(), cipher, false).write(dir.resolve("a.pcap"))))
                .isEqualTo("ssh");
        Path elsewhere = dialogue(new TcpDialogue(40022, 2222).handshake(), cipher, false).write(dir.resolve("b.pcap"));
        assertThat(zeekService(elsewhere)).isEqualTo("ssh");
        // Off SSH's ports tshark reads no SSH, and neither do tcplens's summary lines.
        assertThat(TcpDialogue.columns(elsewhere)).allMatch(line -> line.startsWith("TCP|"));
        Path noKeys = new TcpDialogue(40022, 22).handshake().server("SSH-2.0-OpenSSH_9.2p1\r\n")
                .client("SSH-2.0-OpenSSH_9.6\r\n").write(dir.resolve("c.pcap"));
        assertThat(zeekService(noKeys)).isEqualTo("-");
        // The same key exchange caught without its handshake: partial, so no service.
        assertThat(zeekService(dialogue(22, cipher, false).write(dir.resolve("d.pcap")))).isEqualTo("-");
    }

    @Test
    void explainTellsTheKeyExchange(@TempDir Path dir) throws IOException {
        Path capture = dialogue(22, "chacha20-poly1305@openssh.com", false).write(dir.resolve("ssh.pcap"));
        String story = TsharkParityTest.run("explain", "-r", capture.toString()).out();
        // Each choice is the client's first name that the server offers too (RFC 4253, section 7.1).
        assertThat(story).contains("Application: SSH")
                .contains("client identifies itself: SSH-2.0-OpenSSH_9.6")
                .contains("agreed: key exchange curve25519-sha256, host key ssh-ed25519, cipher client to server "
                        + "chacha20-poly1305@openssh.com, server to client chacha20-poly1305@openssh.com")
                .contains("server takes the new keys (NEWKEYS): what it sends next is encrypted");
    }

    private static String zeekService(Path capture) {
        List<String> rows = TsharkParityTest.run("conns", "-r", capture.toString(), "-T", "zeek").lines().stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(rows).hasSize(1);
        return rows.get(0).split("\t")[7];
    }
}
