package io.tcplens.app;

/**
 * QUIC version numbers as Wireshark 4.0 knows them (packet-quic.c, quic_draft_version): each
 * maps to the IETF draft whose formats it follows, which decides the Initial salt and whether a
 * datagram on an unknown port is taken for QUIC at all (draft 11 and later only).
 */
final class QuicVersions {
    /** RFC 9000's version 1 and RFC 9369's version 2. */
    static final int VERSION_1 = 0x00000001;
    static final int VERSION_2 = 0x6b3343cf;
    /** What {@link #draft} says for version 1 (the last draft's number) and for version 2. */
    static final int V1 = 34;
    static final int V2 = 100;

    private QuicVersions() { }

    /** The draft the version follows; 0 when it is none Wireshark knows (Version Negotiation's 0 too). */
    static int draft(int version) {
        if ((version >>> 8) == 0xff0000) {
            return version & 0xff;
        }
        return switch (version) {
            case 0xfaceb001 -> 22;
            // Facebook's mvfst, and Google's QUIC versions Q050, T050 and T051 (not drafts, but read as 27).
            case 0xfaceb002, 0xfaceb00e, 0x51303530, 0x54303530, 0x54303531 -> 27;
            case VERSION_1 -> V1;
            case VERSION_2 -> V2;
            // RFC 9000, section 15: versions 0x?a?a?a?a force version negotiation; read as draft 29.
            default -> (version & 0x0f0f0f0f) == 0x0a0a0a0a ? 29 : 0;
        };
    }

    /** Google's QUIC (Q050, T050, T051): its own Initial salts and frames, which tcplens does not read. */
    static boolean isGoogle(int version) {
        return version == 0x51303530 || version == 0x54303530 || version == 0x54303531;
    }

    /** The long header's packet type (RFC 9000, section 17.2; RFC 9369 moved the codes in version 2). */
    static QuicPacketType longType(int firstByte, int version) {
        int bits = (firstByte & 0x30) >> 4;
        if (version == 0) {
            return QuicPacketType.VERSION_NEGOTIATION;
        }
        if (version == VERSION_2) {
            return switch (bits) {
                case 0 -> QuicPacketType.RETRY;
                case 1 -> QuicPacketType.INITIAL;
                case 2 -> QuicPacketType.ZERO_RTT;
                default -> QuicPacketType.HANDSHAKE;
            };
        }
        return switch (bits) {
            case 0 -> QuicPacketType.INITIAL;
            case 1 -> QuicPacketType.ZERO_RTT;
            case 2 -> QuicPacketType.HANDSHAKE;
            default -> QuicPacketType.RETRY;
        };
    }
}
