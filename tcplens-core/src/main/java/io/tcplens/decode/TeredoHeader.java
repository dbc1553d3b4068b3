package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * Teredo's optional headers before the IPv6 packet (RFC 4380, sections 5.1.1 and 5.1.2): an
 * authentication header (0x0001, the client identifier's and the authentication value's
 * lengths, both, an 8-byte nonce and a confirmation byte), then an origin indication (0x0000,
 * the client's port and address, each sent inverted). Shared by the decoder, which skips them,
 * and the fields, which show them.
 */
public final class TeredoHeader {
    /** The fixed part of the authentication header: its type and the two lengths. */
    public static final int AUTHENTICATION_FIXED = 4;
    public static final int ORIGIN_LENGTH = 8;
    private static final int AUTHENTICATION = 0x0001;
    private static final int ORIGIN_INDICATION = 0x0000;
    private static final int NONCE_AND_CONFIRMATION = 8 + 1;

    private TeredoHeader() { }

    /**
     * The length of the authentication header at {@code at}, or 0 when none starts there. Reads
     * its {@link #AUTHENTICATION_FIXED} bytes, which the caller has.
     */
    public static int authenticationLength(ByteBuffer b, int at) {
        if ((b.getShort(at) & 0xFFFF) != AUTHENTICATION) {
            return 0;
        }
        return AUTHENTICATION_FIXED + (b.get(at + 2) & 0xFF) + (b.get(at + 3) & 0xFF) + NONCE_AND_CONFIRMATION;
    }

    /** True when an origin indication starts at {@code at} (its 2-byte type, which the caller has). */
    public static boolean originIndication(ByteBuffer b, int at) {
        return (b.getShort(at) & 0xFFFF) == ORIGIN_INDICATION;
    }
}
