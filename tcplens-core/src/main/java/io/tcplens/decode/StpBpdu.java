package io.tcplens.decode;

import java.nio.ByteBuffer;

/**
 * A spanning tree BPDU (IEEE 802.1D, 802.1w's RST, 802.1s's MST): protocol id, version, type,
 * then for a configuration or RST BPDU the flags, the root's identifier (priority with the system
 * id extension, and MAC address), the root path cost, the sender's identifier and port, and the
 * four timers. Shared by the fields and the summary line, which read it as tshark 4.0 does
 * (packet-bpdu.c).
 */
public final class StpBpdu {
    public static final int TYPE_CONFIGURATION = 0x00;
    public static final int TYPE_RST = 0x02;
    public static final int TYPE_TOPOLOGY_CHANGE = 0x80;
    public static final int VERSION = 2;
    public static final int TYPE = 3;
    public static final int FLAGS = 4;
    public static final int ROOT = 5;
    public static final int ROOT_COST = 13;
    public static final int BRIDGE = 17;
    public static final int PORT = 25;
    /** Bytes of a configuration or RST BPDU up to the port identifier, which the summary line reads. */
    public static final int THROUGH_PORT = 27;
    /** The flag both kinds share: the topology changed. */
    public static final int FLAG_TOPOLOGY_CHANGE = 0x01;

    private StpBpdu() { }

    public static int type(ByteBuffer b, int at) { return b.get(at + TYPE) & 0xFF; }

    /** A configuration or RST BPDU: the kinds with flags, identifiers and timers. */
    public static boolean hasIdentifiers(ByteBuffer b, int at) {
        int type = type(b, at);
        return type == TYPE_CONFIGURATION || type == TYPE_RST;
    }

    /** An identifier's priority, without the system id extension (its low 12 bits). */
    public static int priority(ByteBuffer b, int identifier) { return b.getShort(identifier) & 0xF000; }

    /** An identifier's system id extension (a VLAN or MST instance). */
    public static int extension(ByteBuffer b, int identifier) { return b.getShort(identifier) & 0x0FFF; }
}
