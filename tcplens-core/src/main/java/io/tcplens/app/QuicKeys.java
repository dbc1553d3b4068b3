package io.tcplens.app;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's QUIC packet protection. Initial packets' keys, which anyone can derive, come from
 * the Destination Connection ID of the client's first Initial packet and a salt the version fixes
 * (RFC 9001, section 5.2; RFC 9369, section 3.3.1 for version 2; the drafts' salts where their
 * versions name them); Handshake and 1-RTT packets' from the TLS 1.3 traffic secrets a key log
 * gives (section 5.1), with the connection's cipher suite. Header protection is AES in ECB mode
 * over a 16-byte sample of the ciphertext, or ChaCha20 (sections 5.4.3 and 5.4.4); packet
 * protection the suite's AEAD with the packet number XORed into the IV (section 5.3).
 */
final class QuicKeys {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT_V1 = HEX.parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static final byte[] SALT_V2 = HEX.parseHex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    private static final byte[] SALT_DRAFT_29 = HEX.parseHex("afbfec289993d24c9e9786f19c6111e04390a899");
    private static final byte[] SALT_DRAFT_23 = HEX.parseHex("c3eef712c72ebb5a11a7d2432bb46365bef9f502");
    private static final byte[] SALT_DRAFT_22 = HEX.parseHex("7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a");

    private final SecretKeySpec packetKey;
    private final byte[] iv;
    private final SecretKeySpec headerKey;
    /** ChaCha20-Poly1305 and ChaCha20 header protection (RFC 9001, section 5.4.4); AES otherwise. */
    private final boolean chacha;
    /** What the next key phase is derived from (RFC 9001, section 6.1); null for Initial keys. */
    private final byte[] secret;
    private final String hmac;
    private final String prefix;

    private QuicKeys(byte[] key, byte[] iv, byte[] hp, boolean chacha, byte[] secret, String hmac, String prefix) {
        this.packetKey = new SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        this.iv = iv;
        this.headerKey = new SecretKeySpec(hp, chacha ? "ChaCha20" : "AES");
        this.chacha = chacha;
        this.secret = secret;
        this.hmac = hmac;
        this.prefix = prefix;
    }

    /**
     * The client's and the server's Initial keys for a connection whose client first wrote to
     * {@code dcid}, or null when the version's salt is not known here ({@link QuicVersions}).
     */
    static QuicKeys[] initial(int version, byte[] dcid) {
        int draft = QuicVersions.draft(version);
        byte[] salt = switch (draft) {
            case 0 -> null;
            case QuicVersions.V2 -> SALT_V2;
            case QuicVersions.V1 -> SALT_V1;
            default -> draft <= 22 ? SALT_DRAFT_22 : draft <= 28 ? SALT_DRAFT_23 : draft <= 32 ? SALT_DRAFT_29 : SALT_V1;
        };
        if (salt == null || QuicVersions.isGoogle(version)) {
            return null;
        }
        // HKDF-Extract (RFC 5869, section 2.2): HMAC with the salt as the key.
        Mac extract = TlsRecordCipher.mac("HmacSHA256", salt);
        byte[] initialSecret = extract.doFinal(dcid);
        String prefix = prefix(version);
        return new QuicKeys[] {
            of(TlsRecordCipher.expandLabel("HmacSHA256", initialSecret, "client in", 32), "HmacSHA256", 16, false, prefix),
            of(TlsRecordCipher.expandLabel("HmacSHA256", initialSecret, "server in", 32), "HmacSHA256", 16, false, prefix),
        };
    }

    /**
     * One direction's keys from a TLS 1.3 traffic secret (a key log's handshake or application
     * secret) for the connection's cipher suite (RFC 9001, section 5.1), or null for a suite QUIC
     * does not use here (TLS_AES_128_CCM_SHA256 among them) or for a secret the log lacks (null).
     */
    static QuicKeys fromSecret(int cipherSuite, byte[] secret, int version) {
        if (secret == null) {
            return null;
        }
        return switch (cipherSuite) {
            case 0x1301 -> of(secret, "HmacSHA256", 16, false, prefix(version));
            case 0x1302 -> of(secret, "HmacSHA384", 32, false, prefix(version));
            case 0x1303 -> of(secret, "HmacSHA256", 32, true, prefix(version));
            default -> null;
        };
    }

    /** RFC 9369, section 3.3.2: version 2 labels its keys "quicv2 ...". */
    private static String prefix(int version) {
        return version == QuicVersions.VERSION_2 ? "quicv2 " : "quic ";
    }

    private static QuicKeys of(byte[] secret, String hmac, int keyLength, boolean chacha, String prefix) {
        return new QuicKeys(TlsRecordCipher.expandLabel(hmac, secret, prefix + "key", keyLength),
                TlsRecordCipher.expandLabel(hmac, secret, prefix + "iv", 12),
                TlsRecordCipher.expandLabel(hmac, secret, prefix + "hp", keyLength), chacha, secret, hmac, prefix);
    }

    /**
     * The keys of the next key phase (RFC 9001, section 6.1): a new secret from "quic ku"
     * ("quicv2 ku"), new packet keys from it; the header protection key stays.
     */
    QuicKeys next() {
        byte[] nextSecret = TlsRecordCipher.expandLabel(hmac, secret, prefix + "ku", secret.length);
        return new QuicKeys(TlsRecordCipher.expandLabel(hmac, nextSecret, prefix + "key", packetKey.getEncoded().length),
                TlsRecordCipher.expandLabel(hmac, nextSecret, prefix + "iv", 12), headerKey.getEncoded(), chacha, nextSecret,
                hmac, prefix);
    }

    /**
     * The five bytes of header protection mask the 16-byte sample gives: AES-ECB of the sample
     * (RFC 9001, section 5.4.3), or ChaCha20 over five zero bytes with the sample's first four
     * bytes (little-endian) as the counter and the rest as the nonce (section 5.4.4).
     */
    byte[] mask(byte[] sample) {
        try {
            if (chacha) {
                // A fresh instance: the JDK refuses to encrypt twice with one key and nonce, and
                // two packets may carry the same sample.
                Cipher c = Cipher.getInstance("ChaCha20");
                int counter = (sample[0] & 0xFF) | (sample[1] & 0xFF) << 8 | (sample[2] & 0xFF) << 16 | (sample[3] & 0xFF) << 24;
                c.init(Cipher.ENCRYPT_MODE, headerKey,
                        new javax.crypto.spec.ChaCha20ParameterSpec(java.util.Arrays.copyOfRange(sample, 4, 16), counter));
                return c.doFinal(new byte[5]);
            }
            Cipher ecb = TlsRecordCipher.cipher("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, headerKey);
            return java.util.Arrays.copyOf(ecb.doFinal(sample), 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES and ChaCha20 are part of every Java runtime", e);
        }
    }

    /**
     * The plaintext of a packet's payload, or null when it does not authenticate (another key, a
     * damaged or cut packet): {@code header} is the unprotected header, the associated data.
     */
    byte[] open(long packetNumber, byte[] header, byte[] sealed, int from, int length) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
        }
        try {
            Cipher aead = TlsRecordCipher.cipher(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
            aead.init(Cipher.DECRYPT_MODE, packetKey, chacha ? new javax.crypto.spec.IvParameterSpec(nonce)
                    : new GCMParameterSpec(128, nonce));
            aead.updateAAD(header);
            return aead.doFinal(sealed, from, length);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }
}
