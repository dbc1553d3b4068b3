package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * OpenBSD pf's log header (struct pfloghdr, LINKTYPE_PFLOG): its length, the logged packet's
 * address family, the rule's action and reason, the interface's name, the ruleset, the rule
 * number, ..., the direction. Offsets from the header's start; numbers in network byte order.
 */
public final class PflogHeader {
    public static final int ACTION = 2;
    public static final int INTERFACE = 4;
    public static final int INTERFACE_SIZE = 16;
    public static final int RULE_NUMBER = 36;
    public static final int DIRECTION = 60;

    private PflogHeader() { }

    /** The interface's name: printable ASCII up to the first NUL of its 16 bytes (other bytes as '.'). */
    public static String interfaceName(ByteBuffer b, int at) {
        StringBuilder name = new StringBuilder(INTERFACE_SIZE);
        for (int k = 0; k < INTERFACE_SIZE && b.get(at + INTERFACE + k) != 0; k++) {
            int ch = b.get(at + INTERFACE + k) & 0xFF;
            name.append(ch >= 0x20 && ch < 0x7F ? (char) ch : '.');
        }
        return name.toString();
    }

    /** The number of the rule that logged the packet (-1: the default rule). */
    public static int ruleNumber(ByteBuffer b, int at) {
        return b.getInt(at + RULE_NUMBER);
    }
}
