package io.tcplens.app;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's protection of QUIC Initial packets, which anyone can remove: its keys come from
 * the Destination Connection ID of the client's first Initial packet and a salt the version fixes
 * (RFC 9001, section 5.2; RFC 9369, section 3.3.1 for version 2; the drafts' salts where their
 * versions name them). Header protection is AES-128 in ECB mode over a 16-byte sample of the
 * ciphertext (RFC 9001, section 5.4.3), packet protection AES-128-GCM with the packet number
 * XORed into the IV (section 5.3).
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

    private QuicKeys(byte[] key, byte[] iv, byte[] hp) {
        this.packetKey = new SecretKeySpec(key, "AES");
        this.iv = iv;
        this.headerKey = new SecretKeySpec(hp, "AES");
    }

    /**
     * The client's and the server's Initial keys for a connection whose client first wrote to
     * {@code dcid}, or null when the version's salt is not known here ({@link QuicVersions}).
     */
    static QuicKeys[] initial(int version, byte[] dcid) {
        byte[] salt = switch (QuicVersions.draft(version)) {
            case 0 -> null;
            case QuicVersions.V2 -> SALT_V2;
            case QuicVersions.V1 -> SALT_V1;
            default -> {
                int draft = QuicVersions.draft(version);
                yield draft <= 22 ? SALT_DRAFT_22 : draft <= 28 ? SALT_DRAFT_23 : draft <= 32 ? SALT_DRAFT_29 : SALT_V1;
            }
        };
        if (salt == null || QuicVersions.isGoogle(version)) {
            return null;
        }
        // HKDF-Extract (RFC 5869, section 2.2): HMAC with the salt as the key.
        Mac extract = TlsRecordCipher.mac("HmacSHA256", salt);
        byte[] initialSecret = extract.doFinal(dcid);
        String prefix = version == QuicVersions.VERSION_2 ? "quicv2 " : "quic ";
        return new QuicKeys[] {
            of(TlsRecordCipher.expandLabel("HmacSHA256", initialSecret, "client in", 32), prefix),
            of(TlsRecordCipher.expandLabel("HmacSHA256", initialSecret, "server in", 32), prefix),
        };
    }

    private static QuicKeys of(byte[] secret, String prefix) {
        return new QuicKeys(TlsRecordCipher.expandLabel("HmacSHA256", secret, prefix + "key", 16),
                TlsRecordCipher.expandLabel("HmacSHA256", secret, prefix + "iv", 12),
                TlsRecordCipher.expandLabel("HmacSHA256", secret, prefix + "hp", 16));
    }

    /** The five bytes of header protection mask the 16-byte sample gives (RFC 9001, section 5.4.3). */
    byte[] mask(byte[] sample) {
        try {
            Cipher ecb = TlsRecordCipher.cipher("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, headerKey);
            return java.util.Arrays.copyOf(ecb.doFinal(sample), 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every Java runtime", e);
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
            Cipher gcm = TlsRecordCipher.cipher("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, packetKey, new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            return gcm.doFinal(sealed, from, length);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }
}
