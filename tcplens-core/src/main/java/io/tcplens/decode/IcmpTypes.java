package io.tcplens.decode;

/** ICMP and ICMPv6 message types that quote the datagram that caused them. */
public final class IcmpTypes {
    /** RFC 792: redirect, an error that quotes the datagram's header and its first 64 bits. */
    public static final int REDIRECT = 5;

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
