package io.tcplens.app;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One TLS connection's RSA key exchange, opened with a server's private key or an "RSA" key log
 * line: the handshake messages hashed as they pass (the extended master secret's session hash,
 * RFC 7627 section 3, covers every message from the ClientHello to the ClientKeyExchange), and
 * the master secret derived at the ClientKeyExchange, as Wireshark's ssl_decrypt_pre_master_secret
 * and ssl_generate_pre_master_secret do it. Kept only while a key exchange can still come.
 */
final class TlsRsaKeyExchange {
    private final MessageDigest md5;
    private final MessageDigest sha1;
    private final MessageDigest sha256;
    private final MessageDigest sha384;

    TlsRsaKeyExchange() {
        try {
            md5 = MessageDigest.getInstance("MD5");
            sha1 = MessageDigest.getInstance("SHA-1");
            sha256 = MessageDigest.getInstance("SHA-256");
            sha384 = MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks a hash every Java platform has", e);
        }
    }

    /** A whole handshake message, header included, in the order the connection sent them. */
    void message(byte[] b, int at, int length) {
        md5.update(b, at, length);
        sha1.update(b, at, length);
        sha256.update(b, at, length);
        sha384.update(b, at, length);
    }

    /**
     * The master secret of a ClientKeyExchange whose body ({@code body}, RFC 5246 section
     * 7.4.7.1: the encrypted pre-master secret behind a 2-byte length) the key log or a private
     * key opens; null when neither does or the suite is not supported. Call after {@link
     * #message} took the ClientKeyExchange itself.
     */
    byte[] masterSecret(TlsKeyLog keys, byte[] body, int version, int suite, boolean extended,
                        byte[] clientRandom, byte[] serverRandom) {
        if (body.length < 2 || ((body[0] & 0xFF) << 8 | (body[1] & 0xFF)) != body.length - 2) {
            return null;
        }
        byte[] encrypted = java.util.Arrays.copyOfRange(body, 2, body.length);
        byte[] preMaster = keys.rsaPreMasterSecret(encrypted);
        if (preMaster == null) {
            return null;
        }
        byte[] seed;
        if (extended) {
            String hash = TlsRecordCipher.sessionHash(version, suite);
            seed = hash == null ? TlsRecordCipher.concat(md5.digest(), sha1.digest()) : hash.equals("SHA-384") ? sha384.digest() : sha256.digest();
        } else {
            seed = TlsRecordCipher.concat(clientRandom, serverRandom);
        }
        return TlsRecordCipher.masterSecret(version, suite, preMaster, extended, seed);
    }
}
