package io.tcplens.decode;

import java.util.Arrays;

/**
 * What tshark 4.0 does with each EtherType, for the ones tcplens does not decode: whether a
 * dissector of its own claims the payload, or it is shown as data under the type's number, with
 * the type's registered name in the info column when it has one.
 *
 * <p>Both tables were observed, not guessed: tshark 4.0.17 ({@code -T fields -e eth.type -e
 * _ws.col.Protocol -e _ws.col.Info -e frame.protocols}) on one built Ethernet frame for every
 * type from 0x0600 to 0xffff, once with 46 zero bytes after the type and once with 46 random
 * bytes. A type is "dissected" when its frame's protocols were anything but
 * {@code eth:ethertype:data}. Only two depended on the bytes: 0x4742 (C15 call history), counted
 * as dissected, and 0x86dd, IPv6, which tshark shows as data when the version is not 6 (the
 * decoder's IPv6 handles that case itself).
 */
public final class EtherTypes {
    private EtherTypes() { }

    /** The EtherTypes tshark 4.0 hands to a dissector (including those tcplens decodes), sorted. */
    static final int[] DISSECTED = {
        0x0600, 0x0641, 0x0643, 0x0644, 0x0645, 0x0712, 0x0713, 0x0800, 0x0806, 0x08f0, 0x08ff, 0x0bad,
        0x0baf, 0x0c15, 0x2001, 0x2065, 0x2067, 0x22e5, 0x22ea, 0x22f0, 0x22f1, 0x22f3, 0x22f4, 0x2323,
        0x2452, 0x4305, 0x4742, 0x6000, 0x6003, 0x6004, 0x6558, 0x8021, 0x8023, 0x8035, 0x8038, 0x8057,
        0x8059, 0x809a, 0x809b, 0x80d5, 0x80e1, 0x80f3, 0x80fd, 0x80ff, 0x8100, 0x8102, 0x8103, 0x8133,
        0x8137, 0x8181, 0x81fd, 0x8204, 0x8207, 0x8281, 0x86dd, 0x872d, 0x8783, 0x8808, 0x8809, 0x8847,
        0x8848, 0x8863, 0x8864, 0x886c, 0x886d, 0x886f, 0x8870, 0x8874, 0x887b, 0x888e, 0x8892, 0x8899,
        0x889a, 0x889b, 0x88a1, 0x88a2, 0x88a4, 0x88a8, 0x88ae, 0x88b7, 0x88b8, 0x88ba, 0x88bb, 0x88c7,
        0x88ca, 0x88cc, 0x88cd, 0x88d8, 0x88d9, 0x88dc, 0x88de, 0x88e1, 0x88e3, 0x88e5, 0x88e7, 0x88ee,
        0x88f5, 0x88f6, 0x88f7, 0x88f8, 0x88fb, 0x8901, 0x8902, 0x8903, 0x8906, 0x8909, 0x890d, 0x8911,
        0x8914, 0x8915, 0x8917, 0x891d, 0x8926, 0x892d, 0x892f, 0x893a, 0x893f, 0x8940, 0x8942, 0x8947,
        0x894f, 0x8988, 0x9000, 0x9021, 0x9022, 0x9100, 0x9104, 0x99fe, 0xa0ed, 0xaaaa, 0xabcd, 0xaefe,
        0xb4e3, 0xbbbb, 0xc021, 0xc023, 0xc029, 0xc02b, 0xc02d, 0xc0de, 0xc0df, 0xc223, 0xcafe, 0xd00d,
        0xd28b, 0xe555, 0xf052, 0xf1c1, 0xfcfc, 0xfff2,
    };

    /**
     * Types no dissector claims that tshark 4.0 names in the info column, and IPv6's, named when
     * its dissector refuses another version; sorted.
     */
    static final int[] NAMED = {
        0x0805, 0x0842, 0x1984, 0x3c07, 0x3e3f, 0x6001, 0x6002, 0x6005, 0x6006, 0x6007, 0x8041, 0x8104,
        0x81ff, 0x86dd, 0x8819, 0x885a, 0x8881, 0x8884, 0x88ab, 0x88ad, 0x88b4, 0x88b5, 0x88b6, 0x88b9, 0x88d2,
        0x892b,
    };
    static final String[] NAMES = {
        "X.25 Layer 3", "Wake on LAN", "Netmon Train", "3Com NBP Datagram", "EPL_V1", "DEC DNA Dump/Load",
        "DEC DNA Remote Console", "DEC Diagnostics", "DEC Customer use", "DEC LAVC/SCA", "DEC LAST",
        "Simple Loop Protection Protocol (old)", "Cabletron SFVLAN 1.8 Tag-Based Flood", "IPv6", "Cirrus Cobranet Packet",
        "Foundry proprietary", "CDMA2000 A10 Unstructured byte stream", "ATM over Ethernet",
        "ETHERNET Powerlink v2", "XiMeta Technology", "WAI Authentication Protocol",
        "Local Experimental Ethertype 1", "Local Experimental Ethertype 2", "IEC 61850/GSE management services",
        "CDMA2000 A10 3GPP2 Packet", "Schweitzer Engineering Labs Layer 2 Protocol",
    };

    /** EtherTypes start here; a smaller value in the type field is 802.3's length. */
    public static final int MIN_TYPE = 0x0600;

    /** True when tshark 4.0 hands a payload of this type to a dissector of its own. */
    public static boolean dissectedByTshark(int type) {
        return Arrays.binarySearch(DISSECTED, type) >= 0;
    }

    /** The name tshark 4.0 shows in the info column for a payload of this type no dissector took, or null. */
    public static String name(int type) {
        int i = Arrays.binarySearch(NAMED, type);
        return i >= 0 ? NAMES[i] : null;
    }
}
