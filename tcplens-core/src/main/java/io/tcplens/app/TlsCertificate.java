package io.tcplens.app;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What one certificate of a chain says, read with the JDK's X.509 parser: subject, issuer,
 * validity, subject alternative names, key and signature algorithm, and the signature
 * algorithms of its embedded Signed Certificate Timestamps (RFC 6962, section 3.3), which
 * Wireshark lists among tls.handshake.sig_hash_alg.
 *
 * @param problem why the bytes are not a certificate, else null (the other parts are then empty)
 */
public record TlsCertificate(String subject, String issuer, Instant notBefore, Instant notAfter,
                             List<String> alternativeNames, String keyType, int keyBits, String signatureAlgorithm,
                             int[] sctSignatureAlgorithms, String problem) {
    /** RFC 6962, section 3.3: the X.509v3 extension that carries the SCT list. */
    private static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";

    static TlsCertificate parse(byte[] der) {
        X509Certificate c;
        try {
            c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return new TlsCertificate(null, null, null, null, List.of(), null, 0, null, new int[0],
                    "not an X.509 certificate: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = c.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> a : alternatives) {
                    if (a.size() >= 2 && a.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // No readable names: the list stays empty.
        }
        PublicKey key = c.getPublicKey();
        int bits = key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength()
                : key instanceof ECPublicKey ec ? ec.getParams().getOrder().bitLength()
                : key instanceof DSAPublicKey dsa ? dsa.getParams().getP().bitLength() : 0;
        return new TlsCertificate(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), List.copyOf(names), key.getAlgorithm(), bits,
                c.getSigAlgName(), sctAlgorithms(c.getExtensionValue(SCT_LIST_OID)), null);
    }

    /**
     * The extension value is a DER OCTET STRING holding an OCTET STRING holding the TLS-encoded
     * list: a 2-byte length, then each SCT with its own 2-byte length (RFC 6962, section 3.3).
     */
    private static int[] sctAlgorithms(byte[] extension) {
        if (extension == null) {
            return new int[0];
        }
        int at = skipDerHeader(extension, 0);
        at = at < 0 ? -1 : skipDerHeader(extension, at);
        if (at < 0) {
            return new int[0];
        }
        ByteReader r = new ByteReader(extension, at, extension.length);
        ByteReader list = r.slice(Math.max(0, r.u16()));
        int[] out = new int[0];
        while (list.remaining() >= 2) {
            ByteReader sct = list.slice(list.u16());
            // version(1), log id(32), timestamp(8), extensions(2 + n), then hash(1) and signature(1) algorithms.
            sct.u8();
            sct.slice(32);
            sct.slice(8);
            sct.slice(Math.max(0, sct.u16()));
            int algorithm = sct.u16();
            if (algorithm >= 0) {
                out = java.util.Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = algorithm;
            }
        }
        return out;
    }

    /** The offset after an OCTET STRING's tag and length, or -1. */
    private static int skipDerHeader(byte[] der, int at) {
        if (at + 2 > der.length || der[at] != 0x04) {
            return -1;
        }
        int first = der[at + 1] & 0xFF;
        if (first < 0x80) {
            return at + 2;
        }
        int bytes = first & 0x7F;
        return bytes > 4 || at + 2 + bytes > der.length ? -1 : at + 2 + bytes;
    }
}
