package io.tcplens.cli;

import io.tcplens.app.TlsKeyLog;
import io.tcplens.report.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where TLS secrets come from, for the commands that read TLS records: a key log file named with
 * {@code --tls-keylog FILE}, or as tshark names it, {@code -o tls.keylog_file:FILE}. The
 * capture's own decryption secrets blocks (pcapng) are used whatever is named, as tshark uses them.
 */
final class TlsKeyOptions {
    private static final String KEYLOG_PREFERENCE = "tls.keylog_file:";

    @Option(names = "--tls-keylog", paramLabel = "FILE",
            description = "TLS key log (SSLKEYLOGFILE's format) to open TLS 1.0 to 1.3 records with (AES-GCM, ChaCha20-Poly1305 and AES-CBC suites).")
    Path keyLog;

    @Option(names = "-o", paramLabel = "PREF:VALUE",
            description = "A Wireshark preference; tcplens knows tls.keylog_file:FILE (the same as --tls-keylog).")
    List<String> preferences = new ArrayList<>();

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
        for (String p : preferences) {
            if (!p.startsWith(KEYLOG_PREFERENCE)) {
                err.println("tcplens: unknown preference \"" + SafeText.of(p) + "\" (tcplens knows " + KEYLOG_PREFERENCE + "FILE)");
                return null;
            }
            file = Path.of(p.substring(KEYLOG_PREFERENCE.length()));
        }
        if (file == null) {
            return new TlsKeyLog();
        }
        try {
            TlsKeyLog log = TlsKeyLog.read(file);
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
