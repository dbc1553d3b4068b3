package io.tcplens.cli;

import io.tcplens.app.TlsKeyLog;
import io.tcplens.app.TlsRsaKeys;
import io.tcplens.report.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where TLS secrets come from, for the commands that read TLS records: a key log file named with
 * {@code --tls-keylog FILE}, or as tshark names it, {@code -o tls.keylog_file:FILE}; servers' RSA
 * private keys named with {@code --tls-rsa-key FILE}, or as tshark's RSA keys list, {@code -o
 * uat:rsa_keys:"FILE",""}. The capture's own decryption secrets blocks (pcapng) are used whatever
 * is named, as tshark uses them.
 */
final class TlsKeyOptions {
    private static final String KEYLOG_PREFERENCE = "tls.keylog_file:";
    private static final String RSA_KEYS_PREFERENCE = "uat:rsa_keys:";

    @Option(names = "--tls-keylog", paramLabel = "FILE",
            description = "TLS key log (SSLKEYLOGFILE's format) to open TLS 1.0 to 1.3 records with (AES-GCM, ChaCha20-Poly1305 and AES-CBC suites).")
    Path keyLog;

    @Option(names = "--tls-rsa-key", paramLabel = "FILE",
            description = "A server's RSA private key (PEM, not encrypted) to open TLS 1.0 to 1.2 connections whose key exchange is RSA (TLS_RSA_WITH_*), repeatable.")
    List<Path> rsaKeys = new ArrayList<>();

    @Option(names = "-o", paramLabel = "PREF:VALUE",
            description = "A Wireshark preference; tcplens knows tls.keylog_file:FILE (the same as --tls-keylog) and uat:rsa_keys:\"FILE\",\"\" (as --tls-rsa-key).")
    List<String> preferences = new ArrayList<>();

    /**
     * The key file of a record of tshark's RSA keys list ("FILE","PASSWORD", CSV with double
     * quotes); null when it is not one. A password is for PKCS #12 files, which tcplens does not
     * read: a PEM key has none.
     */
    static Path rsaKeyRecord(String record) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"(?:,\"(?:[^\"\\\\]|\\\\.)*\")?").matcher(record);
        return m.matches() && !m.group(1).isEmpty() ? Path.of(m.group(1).replaceAll("\\\\(.)", "$1")) : null;
    }

    /**
     * Says when a named key log file held secrets but none of the capture's TLS connections was
     * theirs (a key log of another session, the commonest mistake), so that the reader does not
     * wonder why every record stayed encrypted. A capture's own secrets are not the reader's to
     * check: they may be for protocols tcplens does not open (DTLS, QUIC).
     */
    static void reportUnmatched(TlsKeyLog keys, PrintWriter err) {
        if (keys != null && keys.connectionsFromFile() > 0 && keys.connectionsMatched() == 0) {
            int n = keys.connectionsFromFile();
            err.println("tcplens: note: the TLS key log holds secrets for " + n + (n == 1 ? " connection" : " connections")
                    + ", but no TLS connection read here has one of their ClientHello randoms: no record was opened");
        }
        if (keys != null && keys.rsaKeyCount() > 0 && keys.rsaKeyExchangesOpened() == 0) {
            // Another server's key, or connections whose key exchange is not RSA (ECDHE's is
            // forward secret: no key opens it).
            err.println("tcplens: note: the RSA private " + (keys.rsaKeyCount() == 1 ? "key" : "keys")
                    + " opened no TLS key exchange read here (another server's key, or no connection exchanged its keys by RSA)");
        }
    }

    /**
     * An application layer that opens TLS with the key log ({@link #load}); null after saying on
     * {@code err} why the key log cannot be used.
     */
    io.tcplens.app.AppLayer appLayer(PrintWriter err) {
        TlsKeyLog keys = load(err);
        return keys == null ? null : new io.tcplens.app.AppLayer().tlsKeys(keys);
    }

    /**
     * The key log to read TLS with: the named file's secrets, or none yet (the capture's own are
     * added as they are read); null after saying on {@code err} why it cannot be used.
     */
    TlsKeyLog load(PrintWriter err) {
        Path file = keyLog;
        List<Path> rsa = new ArrayList<>(rsaKeys);
        for (String p : preferences) {
            if (p.startsWith(KEYLOG_PREFERENCE)) {
                file = Path.of(p.substring(KEYLOG_PREFERENCE.length()));
            } else if (p.startsWith(RSA_KEYS_PREFERENCE)) {
                Path key = rsaKeyRecord(p.substring(RSA_KEYS_PREFERENCE.length()));
                if (key == null) {
                    err.println("tcplens: the RSA keys record \"" + SafeText.of(p) + "\" is not \"FILE\",\"PASSWORD\" (tshark's uat:rsa_keys)");
                    return null;
                }
                rsa.add(key);
            } else {
                err.println("tcplens: unknown preference \"" + SafeText.of(p) + "\" (tcplens knows " + KEYLOG_PREFERENCE + "FILE and "
                        + RSA_KEYS_PREFERENCE + "\"FILE\",\"\")");
                return null;
            }
        }
        TlsRsaKeys keys = rsa.isEmpty() ? null : new TlsRsaKeys();
        for (Path key : rsa) {
            try {
                keys.read(key);
            } catch (IOException e) {
                err.println("tcplens: cannot use the RSA private key " + SafeText.of(key.toString()) + ": " + SafeText.of(String.valueOf(e.getMessage())));
                return null;
            }
        }
        if (file == null) {
            return new TlsKeyLog().rsaKeys(keys);
        }
        try {
            TlsKeyLog log = TlsKeyLog.read(file).rsaKeys(keys);
            if (log.skipped() > 0) {
                err.println("tcplens: note: " + log.skipped() + " lines of the TLS key log " + SafeText.of(file.toString())
                        + " were not secrets tcplens reads (malformed, too long, or beyond "
                        + TlsKeyLog.MAX_CONNECTIONS + " connections)");
            }
            return log;
        } catch (IOException e) {
            err.println("tcplens: cannot read the TLS key log " + SafeText.of(file.toString()) + ": " + SafeText.of(String.valueOf(e.getMessage())));
            return null;
        }
    }
}
