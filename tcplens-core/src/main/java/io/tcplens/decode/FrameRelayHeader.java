package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * Frame Relay (LINKTYPE_FRELAY, 107): a Q.922 address of 2 to 4 bytes (ITU-T Q.922, section
 * 3.2), each byte's last bit (EA) set on the address's last, then either RFC 2427's
 * encapsulation (control 0x03, an optional pad byte 0x00, a network layer protocol id, and for
 * SNAP an OUI and protocol id) or Cisco's (an EtherType right after the address), told apart by
 * the control byte as tshark 4.0's default (FRF 3.2 / Cisco HDLC) does: on DLCI 0 (signalling)
 * and for an XID frame another control byte is shown and what follows left as data. Shared by
 * the decoder, which finds what follows, and the fields.
 */
public final class FrameRelayHeader {
    /** RFC 2427's control byte: an unnumbered information frame. */
    public static final int UI = 0x03;
    /** Network layer protocol ids (ISO/IEC TR 9577) that RFC 2427 carries and tcplens follows. */
    public static final int NLPID_PAD = 0x00;
    public static final int NLPID_SNAP = 0x80;
    public static final int NLPID_IPV6 = 0x8E;
    public static final int NLPID_IPV4 = 0xCC;
    /** XID's control byte (an unnumbered frame, modifier XID), which tshark leaves undecoded. */
    public static final int XID = 0xAF;
    /** The bit that ends the address (EA), and the one that marks DL-CORE control in its last byte (D/C). */
    private static final int EA = 0x01;
    private static final int DC = 0x02;

    private FrameRelayHeader() { }

    /**
     * The address's length, up to its first byte with EA set, read as tshark 4.0 reads it: a
     * first byte with EA set is a bogus 1-byte address (DLCI 0); bytes past the fourth without
     * EA are bogus extras, skipped. -1 when the captured bytes end before EA.
     */
    public static int addressLength(ByteBuffer b, int at, int end) {
        for (int i = at; i < end; i++) {
            if ((b.get(i) & EA) != 0) {
                return i - at + 1;
            }
        }
        return -1;
    }

    /**
     * The DLCI (Q.922 section 3.2, figure 3): 6 bits of the first byte and 4 of the second, then
     * 7 of a third byte that does not end the address, then 6 of the last byte unless it is
     * DL-CORE control (D/C set). A bogus 1-byte address has DLCI 0.
     */
    public static long dlci(ByteBuffer b, int at, int addressLength) {
        if (addressLength < 2) {
            return 0;
        }
        long dlci = ((b.get(at) & 0xFC) >>> 2) << 4 | (b.get(at + 1) & 0xF0) >>> 4;
        if (addressLength == 2) {
            return dlci;
        }
        if (addressLength > 3) {
            dlci = dlci << 7 | (b.get(at + 2) & 0xFE) >>> 1;
        }
        int last = b.get(at + addressLength - 1) & 0xFF;
        return (last & DC) != 0 ? dlci : dlci << 6 | last >>> 2;
    }

    /**
     * True when Cisco's encapsulation follows the address: off DLCI 0, a first byte that is
     * neither UI nor XID, and an EtherType that tshark's Cisco HDLC table and tcplens both
     * decode (IPv4, IPv6, MPLS). For another type tshark 4.0 goes on guessing (an RFC 2427
     * header with another control field, then raw Ethernet); tcplens leaves it as data.
     */
    public static boolean cisco(ByteBuffer b, int at, int addressLength, int end) {
        int control = at + addressLength;
        if (control + 2 > end || controlShown(b, at, addressLength, end)) {
            return false;
        }
        int type = b.getShort(control) & 0xFFFF;
        return type == 0x0800 || type == 0x86DD || type == 0x8847 || type == 0x8848;
    }

    /** True when tshark shows the byte after the address as a control field: UI, XID, or anything on DLCI 0. */
    public static boolean controlShown(ByteBuffer b, int at, int addressLength, int end) {
        int control = at + addressLength;
        if (control >= end) {
            return false;
        }
        int value = b.get(control) & 0xFF;
        return value == UI || value == XID || dlci(b, at, addressLength) == 0;
    }

    /** Where the network layer protocol id is, after the control byte and any pad byte. */
    public static int nlpidAt(ByteBuffer b, int control, int end) {
        int at = control + 1;
        return at < end && (b.get(at) & 0xFF) == NLPID_PAD ? at + 1 : at;
    }
}
