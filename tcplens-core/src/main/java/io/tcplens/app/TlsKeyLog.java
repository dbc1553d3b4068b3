package io.tcplens.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * TLS secrets in the NSS key log format that browsers, curl and OpenSSL write (SSLKEYLOGFILE) and
 * that pcapng's decryption secrets blocks carry: one line per secret, "LABEL client_random
 * secret" in hex. TLS 1.0 to 1.2 need the master secret (CLIENT_RANDOM); TLS 1.3 the traffic
 * secrets of the handshake and of the first application keys; an RSA key exchange, the
 * pre-master secret ("RSA", by the first 8 bytes of its encrypted form) or the server's private
 * key ({@link TlsRsaKeys}), from which the master secret is derived when the handshake is read.
 * Other labels (early traffic, exporter) are not used and are passed over.
 *
 * <p>Lines come from a file a user names or from the capture itself, so each is bounded: a line
 * longer than {@link #MAX_LINE} characters or beyond {@link #MAX_CONNECTIONS} connections is
 * skipped and counted.
 */
public final class TlsKeyLog {
    /** A label, a 32-byte random and a secret of at most 64 bytes, in hex, fit well under this. */
    static final int MAX_LINE = 512;
    public static final int MAX_CONNECTIONS = 100_000;

    /** One connection's secrets (by its ClientHello's random); null where the log has none. */
    static final class Secrets {
        byte[] master;
        byte[] clientHandshake;
        byte[] serverHandshake;
        byte[] clientApplication;
        byte[] serverApplication;
    }

    private final Map<String, Secrets> byClientRandom = new HashMap<>();
    /** RSA pre-master secrets by the hex of their encrypted form's first 8 bytes ("RSA" lines). */
    private final Map<String, byte[]> rsaPreMasters = new HashMap<>();
    private TlsRsaKeys rsaKeys;
    /** Key exchanges the RSA private keys opened. */
    private long rsaOpened;
    /**
     * Master secrets of TLS 1.0 to 1.2 sessions by their session ID ("id:" and hex) and their
     * session tickets ("ticket:" and hex), for the connections that resume them (an abbreviated
     * handshake has no key exchange to open), as Wireshark's session cache keeps them.
     */
    private final Map<String, byte[]> sessions = new HashMap<>();
    private long skipped;
    private long matched;
    /** Connections the named file held secrets for (the capture's own secrets come after). */
    private int fromFile;

    /**
     * Reads a key log file; throws when it cannot be read (a named file that is missing is the
     * user's to know). A line is read up to {@link #MAX_LINE} characters, the rest of a longer one
     * passed over, so that no file holds more than that in memory at once.
     */
    public static TlsKeyLog read(Path file) throws IOException {
        TlsKeyLog log = new TlsKeyLog();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            StringBuilder line = new StringBuilder(MAX_LINE + 1);
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    log.line(line.toString());
                    line.setLength(0);
                } else if (line.length() <= MAX_LINE) {
                    line.append((char) c);
                }
            }
            if (line.length() > 0) {
                log.line(line.toString());
            }
        }
        log.fromFile = log.size();
        return log;
    }

    /** Adds the lines of a key log carried by the capture (a pcapng decryption secrets block). */
    public void add(byte[] text) {
        String all = new String(text, StandardCharsets.ISO_8859_1);
        int start = 0;
        while (start < all.length()) {
            int end = all.indexOf('\n', start);
            if (end < 0) {
                end = all.length();
            }
            line(all.substring(start, end));
            start = end + 1;
        }
    }

    private void line(String line) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
            return;
        }
        if (l.length() > MAX_LINE) {
            skipped++;
            return;
        }
        String[] parts = l.split("\\s+");
        if (parts[0].equals("RSA")) {
            rsaLine(parts);
            return;
        }
        // Wireshark's key log regex (packet-tls-utils.c) is anchored at the line's start only: the
        // secret is the hex octets after the random, and whatever follows them is passed over (a
        // capture's secrets block may end its lines with a stray character: Wireshark's own
        // quic_follow_multistream.pcapng ends each with a backslash).
        int hexEnd = parts.length >= 3 ? hexPrefix(parts[2]) : 0;
        if (parts.length < 3 || parts[1].length() != 64 || hexEnd < 2) {
            skipped++;
            return;
        }
        byte[] secret;
        try {
            HexFormat.of().parseHex(parts[1]);
            secret = HexFormat.of().parseHex(parts[2], 0, hexEnd);
        } catch (IllegalArgumentException notHex) {
            skipped++;
            return;
        }
        Secrets s = secretsFor(parts[1].toLowerCase(Locale.ROOT));
        if (s == null) {
            skipped++;
            return;
        }
        switch (parts[0]) {
            case "CLIENT_RANDOM" -> s.master = secret.length == 48 ? secret : s.master;
            case "CLIENT_HANDSHAKE_TRAFFIC_SECRET" -> s.clientHandshake = secret;
            case "SERVER_HANDSHAKE_TRAFFIC_SECRET" -> s.serverHandshake = secret;
            case "CLIENT_TRAFFIC_SECRET_0" -> s.clientApplication = secret;
            case "SERVER_TRAFFIC_SECRET_0" -> s.serverApplication = secret;
            default -> { }
        }
    }

    /** "RSA <first 8 bytes of the encrypted pre-master secret> <pre-master secret>", in hex (NSS's format). */
    private void rsaLine(String[] parts) {
        if (parts.length < 3 || parts[1].length() != 16 || parts[2].length() != 2 * TlsRsaKeys.PRE_MASTER_LENGTH
                || rsaPreMasters.size() >= MAX_CONNECTIONS) {
            skipped++;
            return;
        }
        try {
            HexFormat.of().parseHex(parts[1]);
            rsaPreMasters.put(parts[1].toLowerCase(Locale.ROOT), HexFormat.of().parseHex(parts[2]));
        } catch (IllegalArgumentException notHex) {
            skipped++;
        }
    }

    /** Adds servers' RSA private keys to open RSA key exchanges with. */
    public TlsKeyLog rsaKeys(TlsRsaKeys keys) {
        rsaKeys = keys;
        return this;
    }

    /** True when an RSA key exchange can be opened here (a private key, or "RSA" lines). */
    boolean opensRsa() {
        return rsaKeyCount() > 0 || !rsaPreMasters.isEmpty();
    }

    /** The pre-master secret of an RSA key exchange's encrypted one, from an "RSA" line or a private key; else null. */
    byte[] rsaPreMasterSecret(byte[] encrypted) {
        byte[] known = encrypted.length >= 8 ? rsaPreMasters.get(HexFormat.of().formatHex(encrypted, 0, 8)) : null;
        if (known != null || rsaKeys == null) {
            return known;
        }
        byte[] opened = rsaKeys.preMasterSecret(encrypted);
        if (opened != null) {
            rsaOpened++;
        }
        return opened;
    }

    /** RSA private keys given (0 without). */
    public int rsaKeyCount() { return rsaKeys == null ? 0 : rsaKeys.size(); }

    /** Key exchanges the RSA private keys opened. */
    public long rsaKeyExchangesOpened() { return rsaOpened; }

    /**
     * Records the master secret a connection's RSA key exchange gave, as if a CLIENT_RANDOM line
     * had said it (a line already there wins); false when the cap of connections is reached.
     */
    boolean derivedMaster(byte[] clientRandom, byte[] master) {
        Secrets s = secretsFor(HexFormat.of().formatHex(clientRandom));
        if (s == null) {
            return false;
        }
        if (s.master == null) {
            s.master = master;
        }
        return true;
    }

    /** The secrets of a client random (lower-case hex), made when new; null when the cap of connections is reached. */
    private Secrets secretsFor(String random) {
        Secrets s = byClientRandom.get(random);
        if (s == null && byClientRandom.size() < MAX_CONNECTIONS) {
            s = new Secrets();
            byClientRandom.put(random, s);
        }
        return s;
    }

    /** Keeps a session's master secret under its session ID or ticket (see {@link #sessions}); the cap counts too. */
    void rememberSession(String kind, byte[] id, byte[] master) {
        if (id.length > 0 && master != null && sessions.size() < MAX_CONNECTIONS) {
            sessions.put(kind + ":" + HexFormat.of().formatHex(id), master);
        }
    }

    /** The master secret a session ID or ticket was remembered with, or null. */
    byte[] session(String kind, byte[] id) {
        return id.length == 0 ? null : sessions.get(kind + ":" + HexFormat.of().formatHex(id));
    }

    /** The length of the longest run of whole hex octets that begins the text. */
    private static int hexPrefix(String text) {
        int n = 0;
        while (n < text.length() && Character.digit(text.charAt(n), 16) >= 0) {
            n++;
        }
        return n & ~1;
    }

    /** The secrets for a ClientHello's random, or null. */
    Secrets forClientRandom(byte[] random) {
        return byClientRandom.get(HexFormat.of().formatHex(random));
    }

    /** A connection found its secrets here (counted once per connection by its reader). */
    void matched() {
        matched++;
    }

    /** Connections of the capture that found their secrets here. */
    public long connectionsMatched() { return matched; }

    /** Connections a named key log file held secrets for (0 without one). */
    public int connectionsFromFile() { return fromFile; }

    /** Connections with at least one secret. */
    public int size() { return byClientRandom.size(); }

    /** Lines skipped: malformed, too long, or beyond the cap. */
    public long skipped() { return skipped; }
}
