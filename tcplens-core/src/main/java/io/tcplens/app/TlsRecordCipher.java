package io.tcplens.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's record protection with the AEAD cipher suites (AES-GCM and ChaCha20-Poly1305),
 * keyed from a key log's secrets: TLS 1.2 from the master secret (RFC 5246, section 6.3; RFC 5288;
 * RFC 7905), TLS 1.3 from a traffic secret (RFC 8446, sections 5.2, 5.3 and 7.3). It opens the
 * direction's records in order, counting each one it is given, opened or not.
 *
 * <p>The block-cipher (CBC) and stream suites of older TLS are not supported: {@link #tls12} and
 * {@link #tls13} return null for them, and their records stay encrypted.
 */
final class TlsRecordCipher {
    private enum Aead { AES_GCM, CHACHA20_POLY1305 }

    private final Aead aead;
    private final SecretKeySpec key;
    /** TLS 1.2 GCM: the 4-byte implicit salt; otherwise the 12-byte IV XORed with the sequence number. */
    private final byte[] iv;
    private final boolean tls13;
    private long sequence;

    private TlsRecordCipher(Aead aead, byte[] key, byte[] iv, boolean tls13) {
        this.aead = aead;
        this.key = new SecretKeySpec(key, aead == Aead.AES_GCM ? "AES" : "ChaCha20");
        this.iv = iv;
        this.tls13 = tls13;
    }

    /** A TLS 1.2 suite's AEAD, key length and PRF hash, or null when not supported. */
    private record Suite(Aead aead, int keyLength, String hmac) { }

    private static Suite tls12Suite(int suite) {
        return switch (suite) {
            // *_WITH_AES_128_GCM_SHA256: RSA, DHE_RSA, ECDHE_ECDSA, ECDHE_RSA (RFC 5288, RFC 5289).
            case 0x009c, 0x009e, 0xc02b, 0xc02f -> new Suite(Aead.AES_GCM, 16, "HmacSHA256");
            case 0x009d, 0x009f, 0xc02c, 0xc030 -> new Suite(Aead.AES_GCM, 32, "HmacSHA384");
            // ECDHE_RSA, ECDHE_ECDSA, DHE_RSA with CHACHA20_POLY1305_SHA256 (RFC 7905).
            case 0xcca8, 0xcca9, 0xccaa -> new Suite(Aead.CHACHA20_POLY1305, 32, "HmacSHA256");
            default -> null;
        };
    }

    /**
     * The cipher of one TLS 1.2 direction (the client's when {@code client}), or null when the
     * suite is not supported.
     */
    static TlsRecordCipher tls12(int suite, byte[] master, byte[] clientRandom, byte[] serverRandom, boolean client) {
        Suite s = tls12Suite(suite);
        if (s == null || master == null) {
            return null;
        }
        int ivLength = s.aead == Aead.AES_GCM ? 4 : 12;
        // key_block: client_write_key, server_write_key, client_write_IV, server_write_IV (no MAC keys with AEAD).
        byte[] block = prf(s.hmac, master, "key expansion", concat(serverRandom, clientRandom), 2 * (s.keyLength + ivLength));
        int keyAt = client ? 0 : s.keyLength;
        int ivAt = 2 * s.keyLength + (client ? 0 : ivLength);
        return new TlsRecordCipher(s.aead, Arrays.copyOfRange(block, keyAt, keyAt + s.keyLength),
                Arrays.copyOfRange(block, ivAt, ivAt + ivLength), false);
    }

    /** The cipher of one TLS 1.3 direction from its traffic secret, or null when the suite is not supported. */
    static TlsRecordCipher tls13(int suite, byte[] secret) {
        if (secret == null) {
            return null;
        }
        return switch (suite) {
            case 0x1301 -> tls13(Aead.AES_GCM, 16, "HmacSHA256", secret);
            case 0x1302 -> tls13(Aead.AES_GCM, 32, "HmacSHA384", secret);
            case 0x1303 -> tls13(Aead.CHACHA20_POLY1305, 32, "HmacSHA256", secret);
            default -> null;
        };
    }

    private static TlsRecordCipher tls13(Aead aead, int keyLength, String hmac, byte[] secret) {
        return new TlsRecordCipher(aead, expandLabel(hmac, secret, "key", keyLength), expandLabel(hmac, secret, "iv", 12), true);
    }

    /**
     * Opens the direction's next record (its header's type, version and body), or returns null
     * when it does not authenticate (another key, a record the capture cut). In TLS 1.3 the
     * plaintext still ends with the real content type and its padding ({@link #innerType}).
     */
    byte[] open(int type, int version, byte[] body, int length) {
        long seq = sequence++;
        try {
            byte[] nonce;
            byte[] aad;
            int start = 0;
            if (tls13) {
                nonce = xorSequence(iv, seq);
                aad = new byte[] {(byte) type, (byte) (version >> 8), (byte) version, (byte) (length >> 8), (byte) length};
            } else {
                if (aead == Aead.AES_GCM) {
                    if (length < 8 + 16) {
                        return null;
                    }
                    // RFC 5288, section 3: the salt, then the record's explicit 8-byte nonce.
                    nonce = concat(iv, Arrays.copyOfRange(body, 0, 8));
                    start = 8;
                } else {
                    nonce = xorSequence(iv, seq);
                }
                int plain = length - start - 16;
                if (plain < 0) {
                    return null;
                }
                // RFC 5246, section 6.2.3.3: seq_num, type, version, length of the plaintext.
                aad = new byte[13];
                for (int i = 0; i < 8; i++) {
                    aad[i] = (byte) (seq >>> (56 - 8 * i));
                }
                aad[8] = (byte) type;
                aad[9] = (byte) (version >> 8);
                aad[10] = (byte) version;
                aad[11] = (byte) (plain >> 8);
                aad[12] = (byte) plain;
            }
            Cipher c = Cipher.getInstance(aead == Aead.AES_GCM ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
            c.init(Cipher.DECRYPT_MODE, key, aead == Aead.AES_GCM ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
            c.updateAAD(aad);
            return c.doFinal(body, start, length - start);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * RFC 8446, section 5.2: the real content type of a TLS 1.3 plaintext, the last byte that is
     * not zero (after it only padding); -1 when there is none (not a valid record). {@code
     * plain[0..}the returned length) is the content.
     */
    static int innerTypeAt(byte[] plain) {
        int i = plain.length - 1;
        while (i >= 0 && plain[i] == 0) {
            i--;
        }
        return i;
    }

    private static byte[] xorSequence(byte[] iv, long seq) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return nonce;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** RFC 5246, section 5: PRF(secret, label, seed) = P_hash(secret, label + seed). */
    private static byte[] prf(String hmac, byte[] secret, String label, byte[] seed, int length) {
        Mac mac = mac(hmac, secret);
        byte[] labelSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        byte[] out = new byte[length];
        // A(0) = seed, A(i) = HMAC(A(i-1)); each block is HMAC(A(i) + seed).
        byte[] a = labelSeed;
        for (int at = 0; at < length; ) {
            a = mac.doFinal(a);
            mac.update(a);
            at = fill(out, at, mac.doFinal(labelSeed));
        }
        return out;
    }

    /** RFC 8446, section 7.1: HKDF-Expand-Label(secret, label, "", length) (RFC 5869's expand). */
    private static byte[] expandLabel(String hmac, byte[] secret, String label, int length) {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + full.length + 1];
        info[0] = (byte) (length >> 8);
        info[1] = (byte) length;
        info[2] = (byte) full.length;
        System.arraycopy(full, 0, info, 3, full.length);
        Mac mac = mac(hmac, secret);
        byte[] out = new byte[length];
        // T(0) empty, T(i) = HMAC(T(i-1) | info | i).
        byte[] t = new byte[0];
        for (int at = 0, i = 1; at < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            at = fill(out, at, t);
        }
        return out;
    }

    /** Copies as much of {@code block} as {@code out} still takes at {@code at}; returns the new end. */
    private static int fill(byte[] out, int at, byte[] block) {
        int n = Math.min(block.length, out.length - at);
        System.arraycopy(block, 0, out, at, n);
        return at + n;
    }

    private static Mac mac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
