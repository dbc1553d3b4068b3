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
 * One direction's record protection, keyed from a key log's secrets: TLS 1.0 to 1.2 from the
 * master secret (RFC 2246, RFC 4346 and RFC 5246, section 6.3) with the AEAD suites (AES-GCM, RFC
 * 5288; ChaCha20-Poly1305, RFC 7905) and the AES-CBC suites with HMAC (MAC-then-encrypt, or
 * encrypt-then-MAC when the ServerHello accepted RFC 7366's extension), TLS 1.3 from a traffic
 * secret (RFC 8446, sections 5.2, 5.3 and 7.3). It opens the direction's records in order,
 * counting each one it is given, opened or not; a CBC record opens only when its MAC proves the
 * key (decryption alone cannot tell a wrong key).
 *
 * <p>Stream ciphers (RC4), 3DES, Camellia, ARIA and the other suites are not supported: {@link
 * #tls12} returns null for them, and their records stay encrypted.
 */
final class TlsRecordCipher {
    private enum Aead { AES_GCM, CHACHA20_POLY1305, AES_CBC }

    private final Aead aead;
    private final SecretKeySpec key;
    /** TLS 1.2 GCM: the 4-byte implicit salt; otherwise the 12-byte IV XORed with the sequence number. */
    private final byte[] iv;
    private final boolean tls13;
    private long sequence;
    /** CBC: the record MAC's key and HMAC name; null for the AEAD suites. */
    private final SecretKeySpec macKey;
    /** CBC: TLS 1.0's IV chaining (each record's IV the previous record's last block; RFC 2246, section 6.2.3.2). */
    private final boolean implicitIv;
    /** CBC: the MAC is over the ciphertext and follows it (RFC 7366). */
    private final boolean encryptThenMac;
    /** TLS 1.3: the traffic secret the key and IV come from, and its suite's key length and HMAC, for {@link #updated}; else null. */
    private byte[] trafficSecret;
    private int keyLength;
    private String hmac;
    /**
     * The JDK's ciphers and MACs by name, made once per thread and initialised again for each use
     * (finding a provider's implementation cost more than a small record's decryption: on 20,000
     * TLS 1.3 connections, a third of the time spent opening records). Every use runs init to
     * doFinal without another use in between, so one instance of each serves all connections.
     */
    private static final ThreadLocal<java.util.Map<String, Cipher>> CIPHERS = ThreadLocal.withInitial(java.util.HashMap::new);
    private static final ThreadLocal<java.util.Map<String, Mac>> MACS = ThreadLocal.withInitial(java.util.HashMap::new);

    private TlsRecordCipher(Aead aead, byte[] key, byte[] iv, boolean tls13) {
        this(aead, key, iv, tls13, null, false, false);
    }

    private TlsRecordCipher(Aead aead, byte[] key, byte[] iv, boolean tls13, SecretKeySpec macKey,
                            boolean implicitIv, boolean encryptThenMac) {
        this.aead = aead;
        this.key = new SecretKeySpec(key, aead == Aead.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
        this.iv = iv;
        this.tls13 = tls13;
        this.macKey = macKey;
        this.implicitIv = implicitIv;
        this.encryptThenMac = encryptThenMac;
    }

    /**
     * A TLS 1.0 to 1.2 suite: its cipher, key length, record MAC (CBC; null for AEAD) and the
     * PRF's hash in TLS 1.2 (before 1.2 the PRF is MD5 and SHA-1's); null when not supported.
     */
    private record Suite(Aead aead, int keyLength, String mac, String prfHash) { }

    private static Suite tls12Suite(int suite) {
        return switch (suite) {
            // *_WITH_AES_128_GCM_SHA256: RSA, DHE_RSA, ECDHE_ECDSA, ECDHE_RSA (RFC 5288, RFC 5289).
            case 0x009c, 0x009e, 0xc02b, 0xc02f -> new Suite(Aead.AES_GCM, 16, null, "HmacSHA256");
            case 0x009d, 0x009f, 0xc02c, 0xc030 -> new Suite(Aead.AES_GCM, 32, null, "HmacSHA384");
            // ECDHE_RSA, ECDHE_ECDSA, DHE_RSA with CHACHA20_POLY1305_SHA256 (RFC 7905).
            case 0xcca8, 0xcca9, 0xccaa -> new Suite(Aead.CHACHA20_POLY1305, 32, null, "HmacSHA256");
            // *_WITH_AES_128_CBC_SHA and *_256_CBC_SHA: RSA, DHE_RSA, ECDHE_ECDSA, ECDHE_RSA (RFC 5246, RFC 4492).
            case 0x002f, 0x0033, 0xc009, 0xc013 -> new Suite(Aead.AES_CBC, 16, "HmacSHA1", "HmacSHA256");
            case 0x0035, 0x0039, 0xc00a, 0xc014 -> new Suite(Aead.AES_CBC, 32, "HmacSHA1", "HmacSHA256");
            // *_CBC_SHA256 (RFC 5246, RFC 5289) and ECDHE's *_AES_256_CBC_SHA384.
            case 0x003c, 0x0067, 0xc023, 0xc027 -> new Suite(Aead.AES_CBC, 16, "HmacSHA256", "HmacSHA256");
            case 0x003d, 0x006b -> new Suite(Aead.AES_CBC, 32, "HmacSHA256", "HmacSHA256");
            case 0xc024, 0xc028 -> new Suite(Aead.AES_CBC, 32, "HmacSHA384", "HmacSHA384");
            default -> null;
        };
    }

    /**
     * True for the supported suites whose key exchange is RSA (TLS_RSA_WITH_*, RFC 5246 and RFC
     * 5288): the client sends the pre-master secret encrypted to the server's certificate key.
     */
    static boolean rsaKeyExchange(int suite) {
        return switch (suite) {
            case 0x002f, 0x0035, 0x003c, 0x003d, 0x009c, 0x009d -> true;
            default -> false;
        };
    }

    /**
     * The master secret from a pre-master secret (RFC 5246, section 8.1): PRF(pre_master_secret,
     * "master secret", client_random + server_random), or with the extended master secret (RFC
     * 7627, section 4) PRF(pre_master_secret, "extended master secret", session_hash); the PRF
     * of the version and suite. Null when the suite is not supported.
     */
    static byte[] masterSecret(int version, int suite, byte[] preMaster, boolean extended, byte[] seedOrSessionHash) {
        Suite s = tls12Suite(suite);
        if (s == null) {
            return null;
        }
        String label = extended ? "extended master secret" : "master secret";
        return version == 0x0303 ? prf(s.prfHash, preMaster, label, seedOrSessionHash, 48)
                : prf10(preMaster, label, seedOrSessionHash, 48);
    }

    /**
     * The hash of the extended master secret's session hash (RFC 7627, section 3): TLS 1.2's
     * PRF hash ("SHA-256", "SHA-384"); null before TLS 1.2, whose session hash is MD5 and SHA-1's
     * (RFC 5246's handshake hash of TLS 1.0 and 1.1), or for a suite not supported.
     */
    static String sessionHash(int version, int suite) {
        Suite s = tls12Suite(suite);
        return s == null || version != 0x0303 ? null : s.prfHash.equals("HmacSHA384") ? "SHA-384" : "SHA-256";
    }

    /**
     * The cipher of one TLS 1.0 to 1.2 direction (the client's when {@code client}) of {@code
     * version}, or null when the suite is not supported; {@code encryptThenMac}: the ServerHello
     * accepted RFC 7366's extension (it matters to CBC suites only).
     */
    static TlsRecordCipher tls12(int version, int suite, byte[] master, byte[] clientRandom, byte[] serverRandom,
                                 boolean client, boolean encryptThenMac) {
        Suite s = tls12Suite(suite);
        if (s == null || master == null || version < 0x0301 || version > 0x0303 || (s.aead != Aead.AES_CBC && version != 0x0303)) {
            return null;
        }
        int macLength = s.mac == null ? 0 : macLength(s.mac);
        // Implicit IVs: AEAD's salt or nonce, and TLS 1.0's CBC IV (later CBC records carry theirs).
        int ivLength = switch (s.aead) {
            case AES_GCM -> 4;
            case CHACHA20_POLY1305 -> 12;
            case AES_CBC -> version == 0x0301 ? 16 : 0;
        };
        // key_block: the MAC keys, the write keys, the IVs, each client's then server's.
        byte[] seed = concat(serverRandom, clientRandom);
        int blockLength = 2 * (macLength + s.keyLength + ivLength);
        byte[] block = version == 0x0303 ? prf(s.prfHash, master, "key expansion", seed, blockLength)
                : prf10(master, "key expansion", seed, blockLength);
        int macAt = client ? 0 : macLength;
        int keyAt = 2 * macLength + (client ? 0 : s.keyLength);
        int ivAt = 2 * (macLength + s.keyLength) + (client ? 0 : ivLength);
        byte[] key = Arrays.copyOfRange(block, keyAt, keyAt + s.keyLength);
        byte[] iv = Arrays.copyOfRange(block, ivAt, ivAt + ivLength);
        if (s.aead != Aead.AES_CBC) {
            return new TlsRecordCipher(s.aead, key, iv, false);
        }
        return new TlsRecordCipher(s.aead, key, iv, false, new SecretKeySpec(Arrays.copyOfRange(block, macAt, macAt + macLength), s.mac),
                version == 0x0301, encryptThenMac);
    }

    private static int macLength(String hmac) {
        return switch (hmac) {
            case "HmacSHA1" -> 20;
            case "HmacSHA256" -> 32;
            default -> 48;
        };
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
        TlsRecordCipher c = new TlsRecordCipher(aead, expandLabel(hmac, secret, "key", keyLength), expandLabel(hmac, secret, "iv", 12), true);
        c.trafficSecret = secret;
        c.keyLength = keyLength;
        c.hmac = hmac;
        return c;
    }

    /**
     * The direction's cipher after its KeyUpdate (RFC 8446, section 7.2): the next traffic secret
     * is HKDF-Expand-Label(secret, "traffic upd", "", Hash.length), its key and IV derived as
     * before and the sequence number back at 0. Null for a TLS 1.2 cipher (no KeyUpdate there).
     */
    TlsRecordCipher updated() {
        if (trafficSecret == null) {
            return null;
        }
        return tls13(aead, keyLength, hmac, expandLabel(hmac, trafficSecret, "traffic upd", macLength(hmac)));
    }

    /**
     * Opens the direction's next record (its header's type, version and body), or returns null
     * when it does not authenticate (another key, a record the capture cut). In TLS 1.3 the
     * plaintext still ends with the real content type and its padding ({@link #innerType}).
     */
    byte[] open(int type, int version, byte[] body, int length) {
        long seq = sequence++;
        if (aead == Aead.AES_CBC) {
            return openCbc(seq, type, version, body, length);
        }
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
                aad = header(seq, type, version, plain);
            }
            Cipher c = cipher(aead == Aead.AES_GCM ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
            c.init(Cipher.DECRYPT_MODE, key, aead == Aead.AES_GCM ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
            c.updateAAD(aad);
            return c.doFinal(body, start, length - start);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * A CBC record (RFC 5246, section 6.2.3.2): after TLS 1.0 an explicit IV block first, then the
     * blocks; inside, the content, its MAC and the padding. With encrypt-then-MAC (RFC 7366) the MAC
     * follows the blocks and covers them instead. The MAC is checked either way: it is what proves
     * the key (a wrong key decrypts CBC into noise without an error).
     */
    private byte[] openCbc(long seq, int type, int version, byte[] body, int length) {
        try {
            Mac mac = mac(macKey.getAlgorithm(), macKey);
            int macLength = mac.getMacLength();
            int blocks = encryptThenMac ? length - macLength : length;
            int ivLength = implicitIv ? 0 : 16;
            if (blocks < ivLength + 16 || (blocks - ivLength) % 16 != 0) {
                return null;
            }
            if (encryptThenMac) {
                mac.update(header(seq, type, version, blocks));
                mac.update(body, 0, blocks);
                if (!java.security.MessageDigest.isEqual(mac.doFinal(), Arrays.copyOfRange(body, blocks, length))) {
                    return null;
                }
            }
            byte[] recordIv = implicitIv ? iv : Arrays.copyOfRange(body, 0, 16);
            Cipher c = cipher("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(recordIv));
            byte[] plain = c.doFinal(body, ivLength, blocks - ivLength);
            if (implicitIv) {
                // TLS 1.0: the next record's IV is this record's last ciphertext block.
                System.arraycopy(body, blocks - 16, iv, 0, 16);
            }
            int padding = plain[plain.length - 1] & 0xFF;
            int content = plain.length - padding - 1 - (encryptThenMac ? 0 : macLength);
            if (content < 0) {
                return null;
            }
            if (!encryptThenMac) {
                mac.update(header(seq, type, version, content));
                mac.update(plain, 0, content);
                if (!java.security.MessageDigest.isEqual(mac.doFinal(), Arrays.copyOfRange(plain, content, content + macLength))) {
                    return null;
                }
            }
            return Arrays.copyOf(plain, content);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    static Cipher cipher(String transformation) throws GeneralSecurityException {
        Cipher c = CIPHERS.get().get(transformation);
        if (c == null) {
            c = Cipher.getInstance(transformation);
            CIPHERS.get().put(transformation, c);
        }
        return c;
    }

    /** The MAC's input before the content (RFC 5246, section 6.2.3.1): seq_num, type, version, length. */
    private static byte[] header(long seq, int type, int version, int length) {
        byte[] h = new byte[13];
        for (int i = 0; i < 8; i++) {
            h[i] = (byte) (seq >>> (56 - 8 * i));
        }
        h[8] = (byte) type;
        h[9] = (byte) (version >> 8);
        h[10] = (byte) version;
        h[11] = (byte) (length >> 8);
        h[12] = (byte) length;
        return h;
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

    /** The two arrays one after the other (PRF seeds and labels, the RSA exchange's session hash). */
    static byte[] concat(byte[] a, byte[] b) {
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

    /**
     * RFC 2246, section 5: TLS 1.0's and 1.1's PRF, P_MD5 over the secret's first half XORed with
     * P_SHA-1 over its second half (the halves share the middle byte of an odd length).
     */
    private static byte[] prf10(byte[] secret, String label, byte[] seed, int length) {
        int half = (secret.length + 1) / 2;
        byte[] md5 = prf("HmacMD5", Arrays.copyOfRange(secret, 0, half), label, seed, length);
        byte[] sha1 = prf("HmacSHA1", Arrays.copyOfRange(secret, secret.length - half, secret.length), label, seed, length);
        for (int i = 0; i < length; i++) {
            md5[i] ^= sha1[i];
        }
        return md5;
    }

    /** RFC 8446, section 7.1: HKDF-Expand-Label(secret, label, "", length) (RFC 5869's expand). */
    static byte[] expandLabel(String hmac, byte[] secret, String label, int length) {
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

    static Mac mac(String algorithm, byte[] key) {
        return mac(algorithm, new SecretKeySpec(key, algorithm));
    }

    /** The thread's MAC of the algorithm, initialised with the key. */
    private static Mac mac(String algorithm, SecretKeySpec key) {
        try {
            Mac mac = MACS.get().get(algorithm);
            if (mac == null) {
                mac = Mac.getInstance(algorithm);
                MACS.get().put(algorithm, mac);
            }
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
