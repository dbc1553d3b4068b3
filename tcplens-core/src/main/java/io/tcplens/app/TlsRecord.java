package io.tcplens.app;

import java.util.List;

/**
 * One TLS record (RFC 8446, section 5.1; RFC 5246, section 6.2), whole after reassembly across
 * TCP segments, with the handshake messages that end in it.
 *
 * @param contentType        20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data, 24 heartbeat
 * @param version            the record layer's version
 * @param length             the body's length
 * @param opaque             a TLS 1.3 protected record, whose outer type 23 hides the real one (Wireshark's opaque_type)
 * @param encrypted          the body is protected (application data, or anything after ChangeCipherSpec before TLS 1.3)
 * @param handshakes         the handshake messages that end in this record, in order
 * @param alertLevel         an unprotected alert's level, else -1
 * @param alertDescription   an unprotected alert's description, else -1
 */
public record TlsRecord(int contentType, int version, int length, boolean opaque, boolean encrypted,
                        List<TlsHandshake> handshakes, int alertLevel, int alertDescription) {
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int HEARTBEAT = 24;
}
