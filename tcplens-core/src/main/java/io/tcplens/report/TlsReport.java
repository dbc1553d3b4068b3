package io.tcplens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tcplens.app.QuicTracker;
import io.tcplens.app.TlsCertificate;
import io.tcplens.app.TlsHandshake;
import io.tcplens.app.TlsSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code tcplens tls}: one entry per TLS connection, as text or a JSON line. Strings from the capture are escaped. */
public final class TlsReport {
    /** One TLS connection: where it ran and its TLS layer. */
    public record Row(long stream, String client, String server, TlsSession tls) { }

    private TlsReport() { }

    public static String versionName(int version) {
        return TlsSession.versionName(version);
    }

    static String groupName(int group) {
        return TlsSession.groupName(group);
    }

    /** One connection's entry as text. */
    public static void text(PrintWriter out, Row r) {
        {
            TlsSession t = r.tls();
            TlsHandshake ch = t.clientHello();
            TlsHandshake sh = t.serverHello();
            StringBuilder line = new StringBuilder(256);
            line.append("stream ").append(r.stream()).append("  ");
            SafeText.append(line, r.client()).append(" \u2192 ");
            SafeText.append(line, r.server()).append('\n');
            names(line, ch, t.chosenAlpn());
            line.append("  version ").append(versionName(t.version())).append("  cipher ").append(cipher(sh))
                    .append("  group ").append(groupName(t.group()));
            if (t.recordsOpened() > 0) {
                line.append("  opened with the secrets given: ").append(t.recordsOpened()).append(t.recordsOpened() == 1 ? " record" : " records");
            }
            line.append('\n');
            certificate(line, leaf(t.certificate()));
            fingerprints(line, ch, sh);
            line.append("  history ").append(t.history().isEmpty() ? "-" : t.history())
                    .append("  outcome ").append(t.outcome().name().toLowerCase(Locale.ROOT));
            if (t.alertSide() >= 0 && t.alertDescription() >= 0) {
                line.append(" (alert ").append(t.alertDescription()).append(" from the ")
                        .append(t.alertSide() == t.clientSide() ? "client" : "server").append(')');
            }
            for (int side = 0; side < 2; side++) {
                if (t.stopped(side) != null) {
                    line.append("\n  not read further: ");
                    SafeText.append(line, t.stopped(side));
                }
            }
            out.println(line);
        }
    }

    /** The names line: server name, ALPN (the chosen one, or those offered) and the client's offers. */
    private static void names(StringBuilder line, TlsHandshake ch, java.util.List<String> chosenAlpn) {
        line.append("  server_name ");
        SafeText.append(line, ch != null && !ch.serverNames().isEmpty() ? String.join(",", ch.serverNames()) : "-");
        line.append("  alpn ");
        SafeText.append(line, !chosenAlpn.isEmpty() ? String.join(",", chosenAlpn)
                : ch != null && !ch.alpn().isEmpty() ? "offered " + String.join(",", ch.alpn()) : "-");
        if (ch != null && !ch.offers().isEmpty()) {
            line.append("  offers ").append(String.join(",", ch.offers()));
        }
        line.append('\n');
    }

    private static String cipher(TlsHandshake sh) {
        return sh != null && sh.cipherSuites().length > 0 ? String.format(Locale.ROOT, "0x%04x", sh.cipherSuites()[0]) : "-";
    }

    /** The fingerprints line: JA3, JA3S, JA4 (a QUIC ClientHello's begins with 'q'). */
    private static void fingerprints(StringBuilder line, TlsHandshake ch, TlsHandshake sh) {
        line.append("  ja3 ").append(ch != null ? ch.ja3() : "-").append("  ja3s ").append(sh != null ? sh.ja3() : "-")
                .append("  ja4 ").append(ch != null ? ch.ja4() : "-").append('\n');
    }

    /**
     * A QUIC connection's entry as text: its hellos, read from the Initial packets' CRYPTO frames,
     * which anyone can open (RFC 9001, section 5.2); the ALPN the server chose and its certificate
     * come from Handshake packets, which open only with a key log.
     */
    public static void quicText(PrintWriter out, QuicTracker.Hellos q) {
        StringBuilder line = new StringBuilder(256);
        line.append("quic ").append(q.number()).append("  ");
        SafeText.append(line, q.client()).append(" \u2192 ");
        SafeText.append(line, q.server()).append(String.format(Locale.ROOT, "  (QUIC version 0x%08x)", q.version())).append('\n');
        names(line, q.clientHello(), q.alpn() == null ? java.util.List.of() : java.util.List.of(q.alpn()));
        TlsHandshake sh = q.serverHello();
        line.append("  version ").append(sh != null ? versionName(quicTlsVersion(sh)) : "-")
                .append("  cipher ").append(cipher(sh))
                .append("  group ").append(groupName(sh != null && sh.keyShareGroups().length > 0 ? sh.keyShareGroups()[0] : -1))
                .append('\n');
        certificate(line, leaf(q.certificate()));
        fingerprints(line, q.clientHello(), sh);
        if (q.certificate() == null) {
            line.append("  certificate and the rest of the handshake: encrypted (a key log opens them)");
        } else {
            line.setLength(line.length() - 1);
        }
        out.println(line);
    }

    /** The version a QUIC ServerHello chose: its supported_versions (TLS 1.3), else its legacy field. */
    private static int quicTlsVersion(TlsHandshake sh) {
        return sh.supportedVersions().length > 0 ? sh.supportedVersions()[0] : sh.version();
    }

    /** A QUIC connection's entry as one line of JSON. */
    public static void quicJson(PrintWriter out, QuicTracker.Hellos q) throws IOException {
        java.io.StringWriter buffer = new java.io.StringWriter();
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(buffer)) {
            TlsHandshake ch = q.clientHello();
            TlsHandshake sh = q.serverHello();
            j.writeStartObject();
            j.writeNumberField("quic_connection", q.number());
            j.writeStringField("client", q.client());
            j.writeStringField("server", q.server());
            j.writeStringField("quic_version", String.format(Locale.ROOT, "0x%08x", q.version()));
            j.writeStringField("version", sh != null ? versionName(quicTlsVersion(sh)) : null);
            clientHello(j, ch);
            if (sh != null) {
                j.writeStringField("cipher", cipher(sh));
                j.writeStringField("alpn", q.alpn());
                j.writeStringField("ja3s", sh.ja3());
                j.writeStringField("ja3s_full", sh.ja3Full());
            }
            j.writeStringField("group", groupName(sh != null && sh.keyShareGroups().length > 0 ? sh.keyShareGroups()[0] : -1));
            certificates(j, q.certificate());
            j.writeEndObject();
        }
        out.println(buffer);
    }

    /** What a ClientHello tells, as JSON fields: server names, ALPN offered, JA3, JA4, the client's offers. */
    private static void clientHello(JsonGenerator j, TlsHandshake ch) throws IOException {
        j.writeArrayFieldStart("server_name");
        for (String n : ch.serverNames()) {
            j.writeString(n);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("alpn_offered");
        for (String a : ch.alpn()) {
            j.writeString(a);
        }
        j.writeEndArray();
        j.writeStringField("ja3", ch.ja3());
        j.writeStringField("ja3_full", ch.ja3Full());
        j.writeStringField("ja4", ch.ja4());
        j.writeArrayFieldStart("client_offers");
        for (String o : ch.offers()) {
            j.writeString(o);
        }
        j.writeEndArray();
    }

    /** The certificate chain as a JSON array "certificates" (nothing without a Certificate message). */
    private static void certificates(JsonGenerator j, TlsHandshake certificate) throws IOException {
        if (certificate == null) {
            return;
        }
        j.writeArrayFieldStart("certificates");
        for (TlsCertificate c : certificate.parsedCertificates()) {
            j.writeStartObject();
            if (c.problem() != null) {
                j.writeStringField("problem", c.problem());
            } else {
                j.writeStringField("subject", c.subject());
                j.writeStringField("issuer", c.issuer());
                j.writeStringField("not_before", c.notBefore().toString());
                j.writeStringField("not_after", c.notAfter().toString());
                j.writeArrayFieldStart("alternative_names");
                for (String n : c.alternativeNames()) {
                    j.writeString(n);
                }
                j.writeEndArray();
                j.writeStringField("key_type", c.keyType());
                j.writeNumberField("key_bits", c.keyBits());
                j.writeStringField("signature_algorithm", c.signatureAlgorithm());
            }
            j.writeEndObject();
        }
        j.writeEndArray();
    }

    private static TlsCertificate leaf(TlsHandshake c) {
        return c == null || c.parsedCertificates().isEmpty() ? null : c.parsedCertificates().get(0);
    }

    /** The certificate line: the leaf's subject, issuer, validity and key; nothing without one. */
    private static void certificate(StringBuilder line, TlsCertificate leaf) {
        if (leaf == null) {
            return;
        }
        line.append("  certificate ");
        if (leaf.problem() != null) {
            SafeText.append(line, leaf.problem());
        } else {
            SafeText.append(line, leaf.subject()).append("  issuer ");
            SafeText.append(line, leaf.issuer()).append("  valid ").append(leaf.notBefore())
                    .append(" to ").append(leaf.notAfter()).append("  key ").append(leaf.keyType())
                    .append(' ').append(leaf.keyBits());
        }
        line.append('\n');
    }

    /** One connection's entry as one line of JSON (JSON Lines, as conns -T json). */
    public static void json(PrintWriter out, Row r) throws IOException {
        java.io.StringWriter buffer = new java.io.StringWriter();
        try (JsonGenerator j = JsonLines.FACTORY.createGenerator(buffer)) {
            {
                TlsSession t = r.tls();
                TlsHandshake ch = t.clientHello();
                TlsHandshake sh = t.serverHello();
                j.writeStartObject();
                j.writeNumberField("stream", r.stream());
                j.writeStringField("client", r.client());
                j.writeStringField("server", r.server());
                j.writeStringField("version", versionName(t.version()));
                if (ch != null) {
                    clientHello(j, ch);
                }
                if (sh != null) {
                    j.writeStringField("cipher", sh.cipherSuites().length > 0
                            ? String.format(Locale.ROOT, "0x%04x", sh.cipherSuites()[0]) : null);
                    j.writeStringField("alpn", t.chosenAlpn().isEmpty() ? null : t.chosenAlpn().get(0));
                    j.writeStringField("ja3s", sh.ja3());
                    j.writeStringField("ja3s_full", sh.ja3Full());
                }
                j.writeStringField("group", groupName(t.group()));
                j.writeNumberField("records_opened", t.recordsOpened());
                certificates(j, t.certificate());
                j.writeStringField("ssl_history", t.history());
                j.writeStringField("outcome", t.outcome().name().toLowerCase(Locale.ROOT));
                if (t.alertSide() >= 0) {
                    j.writeStringField("alert_from", t.alertSide() == t.clientSide() ? "client" : "server");
                    if (t.alertDescription() >= 0) {
                        j.writeNumberField("alert_level", t.alertLevel());
                        j.writeNumberField("alert_description", t.alertDescription());
                    }
                }
                j.writeEndObject();
            }
        }
        out.println(buffer);
    }
}
