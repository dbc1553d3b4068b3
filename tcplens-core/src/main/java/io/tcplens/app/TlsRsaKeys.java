package io.tcplens.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;

/**
 * Servers' RSA private keys, as Wireshark's RSA keys list takes them: with TLS's RSA key exchange
 * (TLS_RSA_WITH_*, TLS 1.0 to 1.2) the client sends the pre-master secret encrypted to the
 * server's certificate key (RFC 5246, section 7.4.7.1), so the server's private key opens the
 * connection without a key log. Keys are read from PEM files: PKCS #8 ("BEGIN PRIVATE KEY") or
 * PKCS #1 ("BEGIN RSA PRIVATE KEY"), not encrypted.
 */
public final class TlsRsaKeys {
    /** The PRE-master secret's length (RFC 5246, section 7.4.7.1: two version bytes and 46 random). */
    static final int PRE_MASTER_LENGTH = 48;
    /** A key file larger than this is no PEM private key. */
    private static final long MAX_FILE = 1 << 20;

    private final List<RSAPrivateKey> keys = new ArrayList<>();

    /**
     * Reads the RSA private keys of a PEM file; throws with a message that says what is wrong
     * (no key, an encrypted key, not RSA) when there is none to use.
     */
    public void read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE) {
            throw new IOException("not a PEM private key (over " + MAX_FILE + " bytes)");
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        int before = keys.size();
        for (String label : List.of("PRIVATE KEY", "RSA PRIVATE KEY")) {
            String begin = "-----BEGIN " + label + "-----";
            String end = "-----END " + label + "-----";
            for (int at = text.indexOf(begin); at >= 0; at = text.indexOf(begin, at + begin.length())) {
                int stop = text.indexOf(end, at);
                if (stop < 0) {
                    throw new IOException("a PEM block \"" + begin + "\" has no end line");
                }
                String body = text.substring(at + begin.length(), stop).replaceAll("\\s", "");
                byte[] der;
                try {
                    der = Base64.getDecoder().decode(body);
                } catch (IllegalArgumentException e) {
                    throw new IOException("a PEM block is not base64: " + e.getMessage());
                }
                keys.add(rsaKey(label.equals("PRIVATE KEY") ? der : pkcs8(der)));
            }
        }
        if (keys.size() == before) {
            throw new IOException(text.contains("ENCRYPTED PRIVATE KEY") || text.contains("Proc-Type: 4,ENCRYPTED")
                    ? "the private key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)"
                    : "no \"BEGIN PRIVATE KEY\" or \"BEGIN RSA PRIVATE KEY\" block");
        }
    }

    private static RSAPrivateKey rsaKey(byte[] pkcs8) throws IOException {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return (RSAPrivateKey) key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException("not an RSA private key (" + e.getMessage() + ")");
        }
    }

    /**
     * Wraps a PKCS #1 RSAPrivateKey in PKCS #8's PrivateKeyInfo (RFC 5208, section 5): version 0,
     * the rsaEncryption algorithm (1.2.840.113549.1.1.1, NULL parameters), and the key as an
     * OCTET STRING, which the JDK's key factory reads.
     */
    static byte[] pkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] inner = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, inner, 0, version.length);
        System.arraycopy(algorithm, 0, inner, version.length, algorithm.length);
        System.arraycopy(octets, 0, inner, version.length + algorithm.length, octets.length);
        return der(0x30, inner);
    }

    /** A DER element: tag, definite length, content. */
    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        int lengthBytes = n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
        byte[] out = new byte[2 + lengthBytes + n];
        out[0] = (byte) tag;
        if (lengthBytes == 0) {
            out[1] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | lengthBytes);
            for (int i = 0; i < lengthBytes; i++) {
                out[2 + i] = (byte) (n >>> (8 * (lengthBytes - 1 - i)));
            }
        }
        System.arraycopy(content, 0, out, 2 + lengthBytes, n);
        return out;
    }

    /** Keys read. */
    public int size() { return keys.size(); }

    /**
     * The pre-master secret a ClientKeyExchange carries encrypted (RSAES-PKCS1-v1_5, RFC 8017
     * section 7.2), opened with the first key that opens it to 48 bytes; null when none does.
     */
    byte[] preMasterSecret(byte[] encrypted) {
        for (RSAPrivateKey key : keys) {
            if ((key.getModulus().bitLength() + 7) / 8 != encrypted.length) {
                continue;
            }
            try {
                Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(Cipher.DECRYPT_MODE, key);
                byte[] secret = rsa.doFinal(encrypted);
                if (secret.length == PRE_MASTER_LENGTH) {
                    return secret;
                }
            } catch (GeneralSecurityException wrongKey) {
                // Another server's key: its padding check fails. The next key may be the one.
            }
        }
        return null;
    }
}
