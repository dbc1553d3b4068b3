package io.tcplens.testing;

import java.nio.charset.StandardCharsets;

/** TLS records and handshake messages built byte by byte, laid out as RFC 8446 lays them out. */
public final class TlsBytes {
    private TlsBytes() { }

    public static byte[] extension(int type, byte[] data) {
        return new Bytes().u16(type).u16(data.length).raw(data).toArray();
    }

    public static byte[] serverName(String name) {
        byte[] host = name.getBytes(StandardCharsets.ISO_8859_1);
        return extension(0, new Bytes().u16(host.length + 3).u8(0).u16(host.length).raw(host).toArray());
    }

    /**
     * A ClientHello offering TLS 1.3 (with GREASE in the cipher suites, versions and extensions),
     * server name {@code sni}, ALPN h2, groups x25519 and secp256r1, point format uncompressed.
     */
    public static byte[] clientHello(String sni) {
        return clientHello(sni, new byte[0]);
    }

    /** The same ClientHello with more extensions (each built by {@link #extension}) at the end. */
    public static byte[] clientHello(String sni, byte[] moreExtensions) {
        byte[] alpn = new Bytes().u16(3).u8(2).raw("h2".getBytes(StandardCharsets.US_ASCII)).toArray();
        byte[] extensions = concat(
                serverName(sni),
                extension(16, alpn),
                extension(43, new Bytes().u8(4).u16(0x0a0a).u16(0x0304).toArray()),
                extension(10, new Bytes().u16(4).u16(0x001d).u16(0x0017).toArray()),
                extension(11, new Bytes().u8(1).u8(0).toArray()),
                extension(0x0a0a, new byte[0]),
                moreExtensions);
        byte[] body = new Bytes().u16(0x0303).raw(new byte[32]).u8(0)
                .u16(6).u16(0x0a0a).u16(0x1301).u16(0xc02b)
                .u8(1).u8(0).u16(extensions.length).raw(extensions).toArray();
        return handshake(1, body);
    }

    /** A TLS 1.3 ServerHello choosing 0x1301, or a HelloRetryRequest asking for {@code group}. */
    public static byte[] serverHello(boolean retry, int group) {
        byte[] random = retry ? Bytes.fromHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c") : new byte[32];
        byte[] keyShare = retry ? new Bytes().u16(group).toArray()
                : new Bytes().u16(group).u16(32).raw(new byte[32]).toArray();
        byte[] extensions = concat(extension(43, new Bytes().u16(0x0304).toArray()), extension(51, keyShare));
        byte[] body = new Bytes().u16(0x0303).raw(random).u8(0).u16(0x1301).u8(0)
                .u16(extensions.length).raw(extensions).toArray();
        return handshake(2, body);
    }

    public static byte[] handshake(int type, byte[] body) {
        return new Bytes().u8(type).u8(body.length >> 16).u16(body.length & 0xFFFF).raw(body).toArray();
    }

    public static byte[] record(int type, byte[] body) {
        return new Bytes().u8(type).u16(0x0301).u16(body.length).raw(body).toArray();
    }

    public static byte[] concat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.raw(p);
        }
        return b.toArray();
    }

    /**
     * Seals TLS 1.3 records with TLS_AES_128_GCM_SHA256 under one traffic secret (RFC 8446,
     * sections 5.2, 5.3 and 7.3): the content and its real type inside, an application_data
     * record outside, one sequence number after another.
     */
    public static final class Sealer {
        private final byte[] key;
        private final byte[] iv;
        private long sequence;

        public Sealer(byte[] secret) {
            key = QuicBytes.expandLabel(secret, "key", 16);
            iv = QuicBytes.expandLabel(secret, "iv", 12);
        }

        public byte[] seal(int type, byte[] content) {
            byte[] inner = new Bytes().raw(content).u8(type).toArray();
            byte[] header = new Bytes().u8(23).u16(0x0303).u16(inner.length + 16).toArray();
            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
            }
            sequence++;
            try {
                javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                        new javax.crypto.spec.GCMParameterSpec(128, nonce));
                gcm.updateAAD(header);
                return concat(header, gcm.doFinal(inner));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
