package io.tcplens.decode;

/** ICMP and ICMPv6 message types: those that quote the datagram that caused them, and the queries. */
public final class IcmpTypes {
    /** RFC 792: redirect, an error that quotes the datagram's header and its first 64 bits. */
    public static final int REDIRECT = 5;
    /** RFC 792: echo reply and echo request. */
    public static final int ECHO_REPLY = 0;
    public static final int ECHO_REQUEST = 8;
    /** RFC 792 and RFC 950: timestamp (13, 14), information (15, 16) and address mask (17, 18), with echo's identifier and sequence number. */
    public static final int TIMESTAMP_REQUEST = 13;
    public static final int ADDRESS_MASK_REPLY = 18;
    /** RFC 8335: extended echo request and reply (an identifier, a one-byte sequence number). */
    public static final int EXTENDED_ECHO_REQUEST = 42;
    public static final int EXTENDED_ECHO_REPLY = 43;
    /** RFC 4443, section 4: ICMPv6 echo request and reply. */
    public static final int ICMPV6_ECHO_REQUEST = 128;
    public static final int ICMPV6_ECHO_REPLY = 129;
    /** RFC 8335: ICMPv6 extended echo request and reply. */
    public static final int ICMPV6_EXTENDED_ECHO_REQUEST = 160;
    public static final int ICMPV6_EXTENDED_ECHO_REPLY = 161;

    private IcmpTypes() { }

    /** RFC 792: destination unreachable (3), source quench (4), redirect (5), time exceeded (11), parameter problem (12). */
    public static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** RFC 4443, section 2.1: error messages are types 0-127; 1-4 are defined. */
    public static boolean isIcmpv6Error(int type) {
        return type >= 1 && type <= 4;
    }
}
