package io.tcplens.app;

import java.util.List;

/**
 * One TLS record (RFC 8446, section 5.1; RFC 5246, section 6.2), whole after reassembly across
 * TCP segments, with the handshake messages that end in it.
 *
 * <p>Content types: 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data, 24 heartbeat.
 *
 * @param contentType        its content type: the header's, or in TLS 1.3 the real one a key log's secrets revealed
 * @param version            the record layer's version
 * @param length             the body's length
 * @param opaque             a TLS 1.3 protected record, whose outer type 23 hides the real one (Wireshark's opaque_type)
 * @param encrypted          the body is protected (application data, or anything after ChangeCipherSpec before TLS 1.3)
 *                           and was not opened
 * @param decrypted          the body was protected and a key log's secrets opened it (what follows is its plaintext)
 * @param handshakes         the handshake messages that end in this record, of types Wireshark names, in order
 * @param unreadableFirst    the record's first handshake message is one Wireshark shows as "Encrypted Handshake
 *                           Message": the record looks encrypted, or the message's type is none it names
 * @param fragmentType       the type of a handshake message that begins the record and ends in a later
 *                           one (Wireshark's "[Client Hello Fragment]"), else -1
 * @param alertLevel         a readable alert's level, else -1
 * @param alertDescription   a readable alert's description, else -1
 */
public record TlsRecord(int contentType, int version, int length, boolean opaque, boolean encrypted, boolean decrypted,
                        List<TlsHandshake> handshakes, boolean unreadableFirst, int fragmentType,
                        int alertLevel, int alertDescription) {
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int HEARTBEAT = 24;

    /** Wireshark's Info column words for the record: its messages, or what it is. */
    public void describe(StringBuilder out) {
        switch (contentType) {
            case HANDSHAKE -> {
                if (encrypted || unreadableFirst) {
                    separate(out).append("Encrypted Handshake Message");
                }
                for (TlsHandshake m : handshakes) {
                    separate(out).append(m.name());
                }
                if (fragmentType >= 0) {
                    separate(out).append('[').append(TlsHandshake.named(fragmentType)
                            ? TlsHandshake.typeName(fragmentType) : "Encrypted Handshake Message").append(" Fragment]");
                }
            }
            case CHANGE_CIPHER_SPEC -> separate(out).append("Change Cipher Spec");
            case ALERT -> {
                if (alertLevel < 0) {
                    separate(out).append("Encrypted Alert");
                } else {
                    separate(out).append("Alert (Level: ").append(alertLevel == 1 ? "Warning" : alertLevel == 2 ? "Fatal"
                            : "Unknown (" + alertLevel + ")").append(", Description: ").append(alertName(alertDescription)).append(')');
                }
            }
            case APPLICATION_DATA -> separate(out).append("Application Data");
            case HEARTBEAT -> separate(out).append(encrypted ? "Encrypted Heartbeat" : "Heartbeat");
            default -> separate(out).append("Unknown record type ").append(contentType);
        }
    }

    private static StringBuilder separate(StringBuilder out) {
        return out.length() > 0 && out.charAt(out.length() - 1) != ' ' ? out.append(", ") : out;
    }

    /** RFC 8446, section 6, and RFC 5246, section 7.2: alert descriptions as Wireshark names them. */
    public static String alertName(int description) {
        return switch (description) {
            case 0 -> "Close Notify";
            case 10 -> "Unexpected Message";
            case 20 -> "Bad Record MAC";
            case 21 -> "Decryption Failed";
            case 22 -> "Record Overflow";
            case 30 -> "Decompression Failure";
            case 40 -> "Handshake Failure";
            case 41 -> "No Certificate";
            case 42 -> "Bad Certificate";
            case 43 -> "Unsupported Certificate";
            case 44 -> "Certificate Revoked";
            case 45 -> "Certificate Expired";
            case 46 -> "Certificate Unknown";
            case 47 -> "Illegal Parameter";
            case 48 -> "Unknown CA";
            case 49 -> "Access Denied";
            case 50 -> "Decode Error";
            case 51 -> "Decrypt Error";
            case 60 -> "Export Restriction";
            case 70 -> "Protocol Version";
            case 71 -> "Insufficient Security";
            case 80 -> "Internal Error";
            case 86 -> "Inappropriate Fallback";
            case 90 -> "User Canceled";
            case 100 -> "No Renegotiation";
            case 109 -> "Missing Extension";
            case 110 -> "Unsupported Extension";
            case 112 -> "Unrecognized Name";
            case 113 -> "Bad Certificate Status Response";
            case 115 -> "Unknown PSK Identity";
            case 116 -> "Certificate Required";
            case 120 -> "No Application Protocol";
            default -> "Unknown (" + description + ")";
        };
    }
}
