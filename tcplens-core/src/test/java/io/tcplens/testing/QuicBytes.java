package io.tcplens.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * QUIC packets built byte by byte (RFC 9000, section 17), Initial packets sealed with the keys
 * their client's first Destination Connection ID gives (RFC 9001, sections 5.2 to 5.4), so that
 * tshark opens them as it opens a real client's and server's.
 */
public final class QuicBytes {
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 0x6b3343cf;

    private QuicBytes() { }

    /** A variable-length integer in its shortest form (RFC 9000, section 16). */
    public static byte[] varint(long v) {
        if (v < 64) {
            return new byte[] {(byte) v};
        }
        if (v < 16384) {
            return new Bytes().u16((int) (0x4000 | v)).toArray();
        }
        if (v < (1L << 30)) {
            return new Bytes().u32(0x80000000L | v).toArray();
        }
        return new Bytes().u64(0xC000000000000000L | v).toArray();
    }

    /** A CRYPTO frame: its offset in the stream and the bytes. */
    public static byte[] crypto(long offset, byte[] data) {
        return Bytes.concat(varint(6), varint(offset), varint(data.length), data);
    }

    /** An ACK frame acknowledging packets {@code largest - firstRange} to {@code largest}. */
    public static byte[] ack(long largest, long firstRange) {
        return Bytes.concat(varint(2), varint(largest), varint(0), varint(0), varint(firstRange));
    }

    /**
     * A long-header packet with a protected payload: {@code typeBits} as sent (version 1: 0 Initial,
     * 2 Handshake), the packet number in {@code pnLength} bytes. Sealed with {@code keys} (from
     * {@link #initialKeys}) when given; otherwise the payload is written as it is (a Handshake
     * packet's bytes, which only the TLS secrets would open).
     */
    public static byte[] longPacket(int typeBits, int version, byte[] dcid, byte[] scid, byte[] token, long packetNumber,
                                    int pnLength, byte[] payload, Keys keys) {
        Bytes header = new Bytes().u8(0xC0 | (typeBits << 4) | (pnLength - 1)).u32(version & 0xFFFFFFFFL)
                .u8(dcid.length).raw(dcid).u8(scid.length).raw(scid);
        if (token != null) {
            header.raw(varint(token.length)).raw(token);
        }
        int sealedLength = payload.length + (keys != null ? 16 : 0);
        // A two-byte length field, as most implementations write it.
        header.u16(0x4000 | (pnLength + sealedLength));
        for (int i = pnLength - 1; i >= 0; i--) {
            header.u8((int) (packetNumber >>> (8 * i)));
        }
        byte[] head = header.toArray();
        if (keys == null) {
            return Bytes.concat(head, payload);
        }
        return protect(head, pnLength, packetNumber, payload, keys);
    }

    /** A short-header (1-RTT) packet: its DCID and opaque bytes (the key phase and the rest protected). */
    public static byte[] shortPacket(byte[] dcid, byte[] opaque) {
        return Bytes.concat(new byte[] {0x41}, dcid, opaque);
    }

    /** One direction's Initial keys. */
    public record Keys(byte[] key, byte[] iv, byte[] hp) { }

    /** The client's and the server's Initial keys for a client's first DCID (RFC 9001, section 5.2; RFC 9369 for version 2). */
    public static Keys[] initialKeys(int version, byte[] dcid) {
        String salt = version == VERSION_2 ? "0dede3def700a6db819381be6e269dcbf9bd2ed9" : "38762cf7f55934b34d179ae6a4c80cadccbb7f0a";
        String prefix = version == VERSION_2 ? "quicv2 " : "quic ";
        byte[] initial = hmac(Bytes.fromHex(salt), dcid);
        Keys[] keys = new Keys[2];
        for (int side = 0; side < 2; side++) {
            byte[] secret = expandLabel(initial, side == 0 ? "client in" : "server in", 32);
            keys[side] = new Keys(expandLabel(secret, prefix + "key", 16), expandLabel(secret, prefix + "iv", 12),
                    expandLabel(secret, prefix + "hp", 16));
        }
        return keys;
    }

    private static byte[] protect(byte[] head, int pnLength, long packetNumber, byte[] payload, Keys keys) {
        try {
            byte[] nonce = keys.iv().clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (packetNumber >>> (8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(head);
            byte[] packet = Bytes.concat(head, gcm.doFinal(payload));
            int pnOffset = head.length - pnLength;
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
            byte[] mask = ecb.doFinal(packet, pnOffset + 4, 16);
            packet[0] ^= (byte) (mask[0] & 0x0F);
            for (int i = 0; i < pnLength; i++) {
                packet[pnOffset + i] ^= mask[1 + i];
            }
            return packet;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HKDF-Expand-Label with an empty context, for outputs of at most one hash (RFC 8446, section 7.1). */
    static byte[] expandLabel(byte[] secret, String label, int length) {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new Bytes().u16(length).u8(full.length).raw(full).u8(0).u8(1).toArray();
        return java.util.Arrays.copyOf(hmac(secret, info), length);
    }
}
