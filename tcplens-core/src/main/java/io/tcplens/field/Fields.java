package io.tcplens.field;

import io.tcplens.analysis.StreamVerdicts;
import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.ArpHeader;
import io.tcplens.decode.Checksums;
import io.tcplens.decode.StpBpdu;
import io.tcplens.decode.FrameRelayHeader;
import io.tcplens.decode.IcmpTypes;
import io.tcplens.decode.Ipv4Header;
import io.tcplens.decode.JuniperHeader;
import io.tcplens.decode.Ipv6Header;
import io.tcplens.decode.Layer;
import io.tcplens.decode.L2tpHeader;
import io.tcplens.decode.NflogHeader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.PflogHeader;
import io.tcplens.decode.TcpHeader;
import io.tcplens.decode.TcpOptions;
import io.tcplens.decode.TeredoHeader;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.ExpertFlag;
import io.tcplens.flow.SequenceAnalysis;
import io.tcplens.flow.StreamFinals;
import io.tcplens.flow.TcpConversation;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.flow.ValidationNote;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field registry: every field tcplens can print or filter on, declared once, with
 * Wireshark's names. Occurrences follow Wireshark's order: outer layers first, so in an ICMP
 * error {@code ip.src} gives the error's source and then the quoted datagram's.
 */
public final class Fields {
    private static final Map<String, Field> BY_NAME = new LinkedHashMap<>();

    private Fields() { }

    /** The field with this name, or null. */
    public static Field get(String name) {
        return BY_NAME.get(name);
    }

    /** All fields in declaration order (protocols in stack order). */
    public static Collection<Field> all() {
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    private static final ValidationNote[] NOTES = ValidationNote.values();

    private static void declare(String name, FieldType type, boolean hex, String label, String meaning,
                                Field.Extractor extractor) {
        BY_NAME.put(name, new Field(name, type, hex, label, meaning, extractor));
    }

    static void dec(String name, FieldType type, String label, String meaning, Field.Extractor e) {
        declare(name, type, false, label, meaning, e);
    }

    static void hex(String name, FieldType type, String label, String meaning, Field.Extractor e) {
        declare(name, type, true, label, meaning, e);
    }

    /** Visits a layer occurrence: index in the packet. */
    @FunctionalInterface
    interface LayerField {
        void visit(PacketContext c, Packet p, ByteBuffer b, int at, int index, Field f, FieldSink s);
    }

    /**
     * Declares a field found in every layer of a kind (quoted ones too when {@code quoted}),
     * present only when the {@code size} bytes at {@code offset} were captured.
     */
    static Field.Extractor each(Layer layer, boolean quoted, int offset, int size, LayerField visit) {
        return (c, f, s) -> {
            Packet p = c.packet;
            for (int i = 0; i < p.layerCount(); i++) {
                if (p.layer(i) == layer && (quoted || !p.quoted(i)) && p.has(i, offset, size) && c.inFocus(i)
                        && !beforeConversation(p, i, offset) && !pastBogusTcpHeader(p, i, offset, size)) {
                    visit.visit(c, p, p.buffer(i), p.start(i), i, f, s);
                }
            }
        };
    }

    /**
     * A TCP header quoted in an ICMP error with fewer bytes than tshark needs for the whole fixed
     * header's fields: it then shows the ports and the sequence number only (RFC 792 quotes 8 bytes).
     */
    private static boolean shortQuote(Packet p, int i) {
        return p.layer(i) == Layer.TCP && p.quoted(i) && !p.has(i, 0, ConversationTable.CONVERSATION_MIN_LENGTH);
    }

    /**
     * A field at {@code offset} of a TCP header cut before the bytes tshark reads ahead of the
     * conversation: tshark then shows the ports only, and in an ICMP error's quote the sequence
     * number too (checked with tshark 4.0 on headers cut after 8 to 19 bytes).
     */
    private static boolean beforeConversation(Packet p, int i, int offset) {
        return p.layer(i) == Layer.TCP && !p.has(i, 0, ConversationTable.CONVERSATION_MIN_LENGTH)
                && offset >= (p.quoted(i) ? 8 : 4);
    }

    /**
     * A TCP header whose data offset says fewer than 20 bytes: tshark 4.0 gives up after the
     * sequence number and the bogus header length (packet-tcp.c returns there), so no header
     * field from the acknowledgment number on is shown but the header length itself. nDPI's
     * ip_fragmented_garbage.pcap, kerberos_fuzz.pcapng and reasm_crash_anon.pcapng have them.
     */
    private static boolean pastBogusTcpHeader(Packet p, int i, int offset, int size) {
        return p.layer(i) == Layer.TCP && offset >= TcpHeader.ACKNOWLEDGMENT && !(offset == TcpHeader.DATA_OFFSET && size == 1)
                && p.tcpBogusHeaderLength(i);
    }

    /** A field of a Teredo authentication header (RFC 4380, section 5.1.1), at the start of the Teredo layer. */
    private static Field.Extractor teredoAuthentication(LayerField visit) {
        return each(Layer.TEREDO, true, 0, 4, (c, p, b, at, i, f, s) -> {
            if (teredoAuthenticationLength(p, b, at, i) > 0) {
                visit.visit(c, p, b, at, i, f, s);
            }
        });
    }

    /** A field of a Teredo origin indication (RFC 4380, section 5.1.2), after the authentication header if any. */
    private static Field.Extractor teredoOrigin(LayerField visit) {
        return each(Layer.TEREDO, true, 0, 2, (c, p, b, at, i, f, s) -> {
            int origin = teredoAuthenticationLength(p, b, at, i);
            if (p.has(i, origin, TeredoHeader.ORIGIN_LENGTH) && TeredoHeader.originIndication(b, at + origin)
                    && p.headerLength(i) == origin + TeredoHeader.ORIGIN_LENGTH) {
                visit.visit(c, p, b, at + origin, i, f, s);
            }
        });
    }

    /** Bytes of the Teredo layer's authentication header, captured whole; 0 when it has none. */
    private static int teredoAuthenticationLength(Packet p, ByteBuffer b, int at, int i) {
        if (!p.has(i, 0, TeredoHeader.AUTHENTICATION_FIXED)) {
            return 0;
        }
        int length = TeredoHeader.authenticationLength(b, at);
        return length > 0 && p.has(i, 0, length) ? length : 0;
    }

    /**
     * True when the GRE layer at {@code i} carries PPP (protocol 0x880b), as PPTP's enhanced GRE
     * does (RFC 2637, section 4.1): tshark then shows its key as payload length and call ID, and
     * its acknowledgment flag and number; otherwise RFC 2890's key.
     */
    private static boolean grePpp(Packet p, int i) {
        return p.has(i, 2, 2) && (p.buffer(i).getShort(p.start(i) + 2) & 0xFFFF) == PacketDecoder.GRE_PPP;
    }

    /** True when the PPP layer at {@code i} starts with the address and control bytes (0xff 0x03), as in GRE. */
    private static boolean pppAddressed(Packet p, ByteBuffer b, int at, int i) {
        return p.headerLength(i) >= 3 && p.has(i, 0, 2) && (b.get(at) & 0xFF) == 0xFF && (b.get(at + 1) & 0xFF) == 0x03;
    }

    /** Visits one NFLOG attribute: its start, length and type (little-endian, as tshark reads them). */
    @FunctionalInterface
    private interface NflogAttribute {
        void visit(ByteBuffer b, int tlv, int length, int type, Field f, FieldSink s);
    }

    /** Each attribute of the NFLOG layer, the payload's included, as far as they were captured. */
    private static Field.Extractor nflogAttributes(NflogAttribute visit) {
        return each(Layer.NFLOG, true, 0, NflogHeader.HEADER, (c, p, b, at, i, f, s) -> {
            int end = p.capturedEnd(i);
            int tlv = at + NflogHeader.HEADER;
            while (tlv + NflogHeader.ATTRIBUTE_HEADER <= end) {
                int length = NflogHeader.attributeLength(b, tlv);
                int type = NflogHeader.attributeType(b, tlv);
                if (length < NflogHeader.ATTRIBUTE_HEADER || tlv + length > end && type != NflogHeader.PAYLOAD) {
                    return;
                }
                visit.visit(b, tlv, length, type, f, s);
                if (type == NflogHeader.PAYLOAD) {
                    return;
                }
                tlv = NflogHeader.next(tlv, length);
            }
        });
    }

    /** The ICMP or ICMPv6 layer whose error quotes layer {@code i}, or null. */
    private static Layer quotedBy(Packet p, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (p.layer(j) == Layer.ICMP || p.layer(j) == Layer.ICMPV6) {
                return p.layer(j);
            }
        }
        return null;
    }

    /**
     * A part of a configuration or RST BPDU (the kinds with flags and identifiers), when captured.
     * tshark reads such a BPDU through its port identifier for the info column before it shows
     * any field: a BPDU cut before that shows none ({@link #stpHeader}).
     */
    private static Field.Extractor stp(int offset, int size, MessageField visit) {
        return each(Layer.STP, true, StpBpdu.TYPE, 1, (c, p, b, at, i, f, s) -> {
            if (StpBpdu.hasIdentifiers(b, at) && p.has(i, 0, StpBpdu.THROUGH_PORT) && p.has(i, offset, size)) {
                visit.visit(b, at, f, s);
            }
        });
    }

    /**
     * One flag of a BPDU's flags byte; {@code rstOnly} for those only an RST BPDU has (802.1w's
     * port role and state, the proposal and agreement), which tshark shows for no other type.
     */
    private static Field.Extractor stpFlag(int mask, boolean rstOnly) {
        return stp(StpBpdu.FLAGS, 1, (b, at, f, s) -> {
            if (!rstOnly || StpBpdu.type(b, at) == StpBpdu.TYPE_RST) {
                s.bool(f, (b.get(at + StpBpdu.FLAGS) & mask) != 0);
            }
        });
    }

    /**
     * The three fields of a bridge identifier in a BPDU (the root's or the sender's): its priority
     * and system id extension (the first two bytes), and its MAC address (the other six).
     */
    private static void stpBridgeIdentifier(String prefix, int offset, String title, String whose) {
        dec(prefix + ".prio", FieldType.UINT16, title + " Priority", whose + " priority (without the system id extension)",
                stp(offset, 2, (b, at, f, s) -> s.unsigned(f, StpBpdu.priority(b, at + offset))));
        dec(prefix + ".ext", FieldType.UINT16, title + " System ID Extension", whose + " VLAN or MST instance",
                stp(offset, 2, (b, at, f, s) -> s.unsigned(f, StpBpdu.extension(b, at + offset))));
        dec(prefix + ".hw", FieldType.ETHER, title + " System ID", whose + " MAC address",
                stp(offset + 2, 6, (b, at, f, s) -> s.ether(f, b, at + offset + 2)));
    }

    /** The protocol id, version and type of a BPDU, unless it is one cut before its port identifier. */
    private static Field.Extractor stpHeader(MessageField visit) {
        return each(Layer.STP, true, 0, StpBpdu.TYPE + 1, (c, p, b, at, i, f, s) -> {
            if (!StpBpdu.hasIdentifiers(b, at) || p.has(i, 0, StpBpdu.THROUGH_PORT)) {
                visit.visit(b, at, f, s);
            }
        });
    }

    /** Where in an ARP message at {@code at} an address starts. */
    private interface ArpAddress {
        int of(ByteBuffer b, int at);
    }

    /** A property of an ARP message at {@code at}. */
    private interface ArpTest {
        boolean test(ByteBuffer b, int at);
    }

    /** A boolean tshark shows only when it holds. */
    private static Field.Extractor arpFlag(ArpTest test) {
        return arpWhole((b, at, f, s) -> {
            if (test.test(b, at)) {
                s.bool(f, true);
            }
        });
    }

    /** A hardware address, when the message's are MAC addresses. */
    private static Field.Extractor arpMac(ArpAddress address) {
        return arpWhole((b, at, f, s) -> {
            if (ArpHeader.macAddresses(b, at)) {
                s.ether(f, b, address.of(b, at));
            }
        });
    }

    /** A protocol address, when the message's are IPv4 addresses. */
    private static Field.Extractor arpIpv4(ArpAddress address) {
        return arpWhole((b, at, f, s) -> {
            if (ArpHeader.ipv4Addresses(b, at)) {
                s.ipv4(f, b.getInt(address.of(b, at)));
            }
        });
    }

    /** Visits a field of a message read at {@code at} (ARP, a BPDU). */
    private interface MessageField {
        void visit(ByteBuffer b, int at, Field f, FieldSink s);
    }

    /**
     * A field of each ARP message whose four addresses are all there (with the 6 bytes of a
     * target MAC address and the 4 of a sender IPv4 address that the probe and announcement
     * checks read whatever the sizes), as tshark shows them only after reading them.
     */
    private static Field.Extractor arpWhole(MessageField visit) {
        return each(Layer.ARP, true, 0, ArpHeader.FIXED, (c, p, b, at, i, f, s) -> {
            int length = ArpHeader.length(b, at);
            int checked = Math.max(ArpHeader.targetHardware(b, at) + 6, ArpHeader.senderProtocol(b, at) + 4) - at;
            if (p.has(i, 0, Math.max(length, checked))) {
                visit.visit(b, at, f, s);
            }
        });
    }

    /**
     * Two bytes of an ICMP query message (echo 0/8, timestamp 13/14, information 15/16, address
     * mask 17/18; with {@code extendedEcho}, RFC 8335's 42/43 too), in either byte order; quoted
     * queries included.
     */
    private static Field.Extractor icmpQuery(int offset, boolean littleEndian, boolean extendedEcho) {
        return each(Layer.ICMP, true, offset, 2, (c, p, b, at, i, f, s) -> {
            int type = b.get(at) & 0xFF;
            boolean query = type == IcmpTypes.ECHO_REPLY || type == IcmpTypes.ECHO_REQUEST
                    || type >= IcmpTypes.TIMESTAMP_REQUEST && type <= IcmpTypes.ADDRESS_MASK_REPLY
                    || extendedEcho && (type == IcmpTypes.EXTENDED_ECHO_REQUEST || type == IcmpTypes.EXTENDED_ECHO_REPLY);
            if (query) {
                short v = b.getShort(at + offset);
                s.unsigned(f, (littleEndian ? Short.reverseBytes(v) : v) & 0xFFFF);
            }
        });
    }

    /** The request an echo reply answers (PacketContext's pairing), on the packet's own ICMP layer, not a quoted one. */
    private static Field.Extractor echoReply(Layer layer) {
        return each(layer, false, 0, 1, (c, p, b, at, i, f, s) -> {
            if (c.echoRequestFrame() > 0) {
                s.unsigned(f, c.echoRequestFrame());
            }
        });
    }

    /**
     * The time ping writes first in an echo's data, as Wireshark 4.0 guesses it (packet-icmp.c):
     * 32-bit seconds and microseconds, big-endian, else little-endian, taken when the seconds lie
     * less than a day from the packet's and the microseconds under a million. Wireshark compares
     * in C's int (the difference of seconds cut to 32 bits, the microseconds a signed int, so one
     * of 2^31 or more passes) and makes nanoseconds of the microseconds in int too: as here.
     */
    private static Field.Extractor echoDataTime(boolean relative) {
        return each(Layer.ICMP, true, 8, 8, (c, p, b, at, i, f, s) -> {
            int type = b.get(at) & 0xFF;
            if (type != IcmpTypes.ECHO_REQUEST && type != IcmpTypes.ECHO_REPLY) {
                return;
            }
            long frameSeconds = c.packet.record().epochSeconds();
            long seconds = b.getInt(at + 8) & 0xFFFFFFFFL;
            int micros = b.getInt(at + 12);
            if (Math.abs((int) (seconds - frameSeconds)) >= 86_400 || micros >= 1_000_000) {
                seconds = Integer.reverseBytes(b.getInt(at + 8)) & 0xFFFFFFFFL;
                micros = Integer.reverseBytes(b.getInt(at + 12));
            }
            if (Math.abs((int) (seconds - frameSeconds)) >= 86_400 || micros >= 1_000_000) {
                return;
            }
            int nanos = micros * 1000;
            if (!relative) {
                s.instant(f, seconds, nanos);
                return;
            }
            // nstime_delta: the packet's time minus the data's (whose nanoseconds the int above may have wrapped).
            s.spanBetween(f, frameSeconds, c.packet.record().nanos(), seconds, nanos);
        });
    }

    /**
     * A UDP stream's time, as packet-udp.c adds it: on a datagram of its own (not an ICMP error's
     * quote) that carries data (an empty one returns before the timestamps).
     */
    private static Field.Extractor udpTime(boolean delta) {
        return each(Layer.UDP, false, 0, 8, (c, p, b, at, i, f, s) -> {
            io.tcplens.flow.UdpStreams u = c.udpStreams();
            if (u.stream(i) < 0 || (b.getShort(at + 4) & 0xFFFF) == 8) {
                return;
            }
            s.spanBetween(f, p.record().epochSeconds(), p.record().nanos(), delta ? u.beforeSeconds(i) : u.firstSeconds(i),
                    delta ? u.beforeNano(i) : u.firstNano(i));
        });
    }

    /** An echo reply's round trip: the time since the request it answers, in ms (Wireshark's resptime, a double). */
    private static Field.Extractor echoResponseTime(Layer layer) {
        return each(layer, false, 0, 1, (c, p, b, at, i, f, s) -> {
            if (c.echoRequestFrame() > 0) {
                s.decimal(f, c.echoResponseBillionthsOfMs());
            }
        });
    }

    private static Field.Extractor u8(Layer layer, int offset, int mask, int shift) {
        return each(layer, true, offset, 1, (c, p, b, at, i, f, s) -> s.unsigned(f, ((b.get(at + offset) & mask) >>> shift)));
    }

    private static Field.Extractor u16(Layer layer, int offset, int mask, int shift) {
        return each(layer, true, offset, 2, (c, p, b, at, i, f, s) -> s.unsigned(f, ((b.getShort(at + offset) & mask) >>> shift)));
    }

    private interface FrameRelayField {
        void visit(Packet p, ByteBuffer b, int at, int addressLength, int capturedEnd, Field f, FieldSink s);
    }

    /** A field of each Frame Relay header whose Q.922 address is whole (FrameRelayHeader). */
    private static Field.Extractor frameRelay(FrameRelayField visit) {
        return each(Layer.FRAME_RELAY, false, 0, 1, (c, p, b, at, i, f, s) -> {
            int end = at + p.headerLength(i);
            int address = FrameRelayHeader.addressLength(b, at, end);
            if (address > 0) {
                visit.visit(p, b, at, address, end, f, s);
            }
        });
    }

    private interface AristaField {
        void visit(ByteBuffer b, int at, int version, Field f, FieldSink s);
    }

    /** A field of an Arista timestamp header (subtype 1), given its version. */
    private static Field.Extractor aristaTimestamp(AristaField visit) {
        return each(Layer.ARISTA, false, 0, 4, (c, p, b, at, i, f, s) -> {
            if ((b.getShort(at) & 0xFFFF) == 1) {
                visit.visit(b, at, b.getShort(at + 2) & 0xFFFF, f, s);
            }
        });
    }

    private interface SnapField {
        void visit(ByteBuffer b, int oui, Field f, FieldSink s);
    }

    /** A field of RFC 2427's SNAP header (NLPID 0x80, a 3-byte OUI at {@code oui}, a 2-byte protocol id). */
    private static Field.Extractor frameRelaySnap(SnapField visit) {
        return frameRelay((p, b, at, address, end, f, s) -> {
            int control = at + address;
            if (control < end && (b.get(control) & 0xFF) == FrameRelayHeader.UI) {
                int nlpid = FrameRelayHeader.nlpidAt(b, control, end);
                if (nlpid + 6 <= end && (b.get(nlpid) & 0xFF) == FrameRelayHeader.NLPID_SNAP) {
                    visit.visit(b, nlpid + 1, f, s);
                }
            }
        });
    }

    private static Field.Extractor u32(Layer layer, int offset) {
        return each(layer, true, offset, 4, (c, p, b, at, i, f, s) -> s.unsigned(f, b.getInt(at + offset) & 0xFFFFFFFFL));
    }

    /**
     * A GRE field present when its flag is set: the checksum (with its reserved half), key and
     * sequence number follow the fixed header in that order, each 4 bytes (RFC 2890, section 2).
     */
    private static Field.Extractor greOptional(int flag, LayerField visit) {
        return (c, f, s) -> {
            Packet p = c.packet;
            for (int i = 0; i < p.layerCount(); i++) {
                if (p.layer(i) != Layer.GRE || !p.has(i, 0, 2) || !c.inFocus(i)) {
                    continue;
                }
                ByteBuffer b = p.buffer(i);
                int flags = b.getShort(p.start(i)) & 0xFFFF;
                int offset = 4 + 4 * Integer.bitCount(flags & 0xB000 & ~(flag | (flag - 1)));
                if ((flags & flag) != 0 && p.has(i, offset, 4)) {
                    visit.visit(c, p, b, p.start(i) + offset, i, f, s);
                }
            }
        };
    }

    /**
     * An ERSPAN header field: {@code size} bytes at {@code offset}, masked and shifted; present in
     * headers of the given version only (1 type II, 2 type III; 0 both). Type I has no header.
     */
    private static Field.Extractor erspan(int offset, int size, long mask, int shift, int version) {
        return each(Layer.ERSPAN, true, offset, size, (c, p, b, at, i, f, s) -> {
            int v = (b.get(at) & 0xF0) >>> 4;
            if (p.headerLength(i) > 0 && (version == 0 || v == version)) {
                long raw = size == 2 ? b.getShort(at + offset) & 0xFFFFL : b.getInt(at + offset) & 0xFFFFFFFFL;
                s.unsigned(f, (raw & mask) >>> shift);
            }
        });
    }

    /**
     * A 2-byte part of an L2TP header ({@link L2tpHeader}), present when {@code flag} is set (0:
     * always), at the offset {@code offset} gives for the header's flags.
     */
    private static Field.Extractor l2tpPart(int flag, java.util.function.IntUnaryOperator offset) {
        return each(Layer.L2TP, true, 0, 2, (c, p, b, at, i, f, s) -> {
            int flags = b.getShort(at) & 0xFFFF;
            int part = offset.applyAsInt(flags);
            if ((flag == 0 || (flags & flag) != 0) && p.has(i, part, 2)) {
                s.unsigned(f, b.getShort(at + part) & 0xFFFF);
            }
        });
    }

    /** 3 bytes at the offset, as a number. */
    private static Field.Extractor u24(Layer layer, int offset) {
        return each(layer, true, offset, 3, (c, p, b, at, i, f, s) -> s.unsigned(f, (b.getShort(at + offset) & 0xFFFF) << 8
                | (b.get(at + offset + 2) & 0xFF)));
    }

    /** One field from two kinds of layer (the first kind's occurrences, then the second's). */
    private static Field.Extractor both(Field.Extractor first, Field.Extractor second) {
        return (c, f, s) -> {
            first.extract(c, f, s);
            second.extract(c, f, s);
        };
    }

    /** Bits of a layer's first 4 bytes, masked and shifted; a flag for a boolean field. */
    private static Field.Extractor bits32(Layer layer, long mask, int shift) {
        return each(layer, true, 0, 4, (c, p, b, at, i, f, s) -> {
            long v = ((b.getInt(at) & 0xFFFFFFFFL) & mask) >>> shift;
            if (f.type() == FieldType.BOOLEAN) {
                s.bool(f, v != 0);
            } else {
                s.unsigned(f, v);
            }
        });
    }

    /** An FDDI address with each byte's bits reversed, {@code times} times over. */
    private static void fddiAddress(Field f, FieldSink s, ByteBuffer b, int at, int times) {
        byte[] swapped = new byte[6];
        for (int k = 0; k < 6; k++) {
            swapped[k] = (byte) (Integer.reverse(b.get(at + k) & 0xFF) >>> 24);
        }
        for (int t = 0; t < times; t++) {
            s.ether(f, ByteBuffer.wrap(swapped), 0);
        }
    }

    private static Field.Extractor flag16(Layer layer, int offset, int mask) {
        return each(layer, true, offset, 2, (c, p, b, at, i, f, s) -> s.bool(f, (b.getShort(at + offset) & mask) != 0));
    }

    private static Field.Extractor protocol(Layer... layers) {
        return (c, f, s) -> {
            Packet p = c.packet;
            for (int i = 0; i < p.layerCount(); i++) {
                for (Layer l : layers) {
                    if (p.layer(i) == l && c.inFocus(i)) {
                        presentLayer(p, i, f, s);
                    }
                }
            }
        };
    }

    /** A protocol field's presence for the layer at index {@code i}, with Wireshark's item extent. */
    private static void presentLayer(Packet p, int i, Field f, FieldSink s) {
        int at = p.start(i);
        int length = Math.max(0, p.capturedEnd(i) - at);
        // Wireshark's items for headers cover the header only; ICMP's and the data item cover
        // the rest of the packet.
        int item = p.layer(i).itemIsHeader() ? Math.min(length, p.headerLength(i)) : length;
        s.present(f, p.buffer(i), at, length, item);
    }

    /**
     * AE, CWR or ECE as a flag, except where AccECN is in use: there the three bits are one
     * counter, {@code tcp.flags.ace}, and Wireshark shows no separate flags.
     */
    private static Field.Extractor ecnFlag(int mask) {
        return each(Layer.TCP, true, 12, 2, (c, p, b, at, i, f, s) -> {
            TcpSequenceNumbering n = current(c, i);
            if (n == null || !n.accurateEcn()) {
                s.bool(f, (b.getShort(at + 12) & mask) != 0);
            }
        });
    }

    /** The TCP option value at {@code offset} within each complete option of a kind and length. */
    private static Field.Extractor tcpOption(int kind, int length, int offset, int size) {
        return each(Layer.TCP, true, 0, TcpHeader.MIN_LENGTH, (c, p, b, at, i, f, s) -> {
            int end = p.capturedHeaderEnd(i);
            for (int o = TcpOptions.first(b, at + TcpHeader.MIN_LENGTH, end); o >= 0; o = TcpOptions.next(b, o, end)) {
                if (TcpOptions.kind(b, o) == kind && TcpOptions.complete(b, o, end, length)) {
                    long v = switch (size) {
                        case 1 -> b.get(o + offset) & 0xFF;
                        case 2 -> b.getShort(o + offset) & 0xFFFF;
                        case 4 -> b.getInt(o + offset) & 0xFFFFFFFFL;
                        default -> 0;
                    };
                    if (size == 0) {
                        s.bytes(f, b, o, length);
                    } else {
                        s.unsigned(f, v);
                    }
                }
            }
        });
    }

    /**
     * False where tshark does not know the segment's length: a header cut before a valid data
     * offset, a segment in an IPv4 fragment that was not reassembled, or a short segment; and
     * where it stops before the length's usual place (a bogus header length, whose tcp.len the
     * field itself writes).
     */
    private static boolean knownSegmentLength(Packet p, int tcp) {
        return p.headerLength(tcp) >= TcpHeader.MIN_LENGTH && !p.inUnreassembledFragment(tcp) && !p.tcpShortSegment(tcp)
                && !p.tcpBogusHeaderLength(tcp);
    }

    /** TCP payload length as the IP length fields report it, whatever the snaplen kept. */
    static long tcpSegmentLength(Packet p, int tcp) {
        return p.payloadLength(tcp);
    }

    private static boolean tcpUnquotedFull(Packet p, int i) {
        return !p.quoted(i) && p.has(i, 0, TcpHeader.MIN_LENGTH);
    }

    static {
        // ---- frame: the capture record ----
        dec("frame", FieldType.PROTOCOL, "Frame", "The capture record", (c, f, s) -> {
            PacketRecord r = c.packet.record();
            s.present(f, r.buffer(), r.dataOffset(), r.capturedLength(), r.capturedLength());
        });
        dec("frame.number", FieldType.UINT32, "Frame Number", "Ordinal of the packet in the capture, from 1",
                (c, f, s) -> s.unsigned(f, c.packet.number()));
        dec("frame.time", FieldType.ABSOLUTE_TIME, "Arrival Time", "When the packet was captured, in the local time zone",
                (c, f, s) -> {
                    if (c.timed()) {
                        s.instant(f, c.packet.record().epochSeconds(), c.packet.record().nanos());
                    }
                });
        dec("frame.time_epoch", FieldType.RELATIVE_TIME, "Epoch Time", "Seconds since 1970-01-01 UTC when the packet was captured",
                (c, f, s) -> {
                    if (c.timed()) {
                        s.instant(f, c.packet.record().epochSeconds(), c.packet.record().nanos());
                    }
                });
        dec("frame.time_relative", FieldType.RELATIVE_TIME, "Time since first frame", "Seconds since the first packet of the capture",
                (c, f, s) -> {
                    if (c.timed()) {
                        s.span(f, c.relativeSeconds(), c.relativeNano());
                    }
                });
        dec("frame.time_delta", FieldType.RELATIVE_TIME, "Time delta from previous captured frame", "Seconds since the previous packet",
                (c, f, s) -> {
                    if (c.timed()) {
                        s.span(f, c.deltaSeconds(), c.deltaNano());
                    }
                });
        dec("frame.len", FieldType.UINT32, "Frame length on the wire", "Bytes the packet had on the wire",
                (c, f, s) -> s.unsigned(f, c.packet.record().originalLength()));
        dec("frame.cap_len", FieldType.UINT32, "Frame length stored into the capture file", "Bytes the capture kept (snaplen may cut)",
                (c, f, s) -> s.unsigned(f, c.packet.record().capturedLength()));
        dec("frame.interface_id", FieldType.UINT32, "Interface id", "The capture interface (pcapng)",
                (c, f, s) -> s.unsigned(f, c.packet.record().interfaceId()));
        dec("frame.comment", FieldType.STRING, "Comment", "The pcapng packet comment", (c, f, s) -> {
            String comment = c.packet.record().comment();
            if (comment != null) {
                s.text(f, comment);
            }
        });
        dec("frame.protocols", FieldType.STRING, "Protocols in frame", "The protocol stack, outermost first", (c, f, s) -> {
            StringBuilder out = new StringBuilder("eth".length() * 8);
            protocolStack(c.packet, out);
            if (!c.payloadIsData() && out.length() >= 5 && out.substring(out.length() - 5).equals(":data")) {
                out.setLength(out.length() - 5);
            }
            ApplicationFields.protocolStack(c, out);
            DnsFields.protocolStack(c, out);
            QuicFields.protocolStack(c, out);
            s.text(f, out);
        });

        // ---- the summary line's columns (tshark's -e _ws.col.*), present where a command writes lines ----
        for (String column : new String[] {"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"}) {
            dec("_ws.col." + column, FieldType.STRING, column, "The summary line's " + column + " column, unpadded",
                    (c, f, s) -> {
                        if (c.columns != null) {
                            StringBuilder text = new StringBuilder(64);
                            c.columns.column(text, c, column);
                            s.text(f, text);
                        }
                    });
        }

        // ---- data link ----
        dec("eth", FieldType.PROTOCOL, "Ethernet II", "Ethernet frame header", protocol(Layer.ETHERNET));
        dec("eth.dst", FieldType.ETHER, "Destination", "Destination hardware address",
                each(Layer.ETHERNET, true, 0, 6, (c, p, b, at, i, f, s) -> s.ether(f, b, at)));
        dec("eth.src", FieldType.ETHER, "Source", "Source hardware address",
                each(Layer.ETHERNET, true, 6, 6, (c, p, b, at, i, f, s) -> s.ether(f, b, at + 6)));
        dec("eth.addr", FieldType.ETHER, "Address", "Source or destination hardware address",
                each(Layer.ETHERNET, true, 0, 12, (c, p, b, at, i, f, s) -> {
                    s.ether(f, b, at);
                    s.ether(f, b, at + 6);
                }));
        hex("eth.type", FieldType.UINT16, "Type", "EtherType of what the frame carries", (c, f, s) -> {
            Packet p = c.packet;
            for (int i = 0; i < p.layerCount(); i++) {
                if (p.layer(i) == Layer.ETHERNET && p.has(i, 12, 2) && c.inFocus(i)) {
                    int v = p.buffer(i).getShort(p.start(i) + 12) & 0xFFFF;
                    if (v > 1500) {
                        s.unsigned(f, v);
                    }
                }
            }
        });
        dec("vlan", FieldType.PROTOCOL, "802.1Q Virtual LAN", "VLAN tag", protocol(Layer.VLAN));
        dec("vlan.priority", FieldType.UINT16, "Priority", "Priority code point (802.1p)", u16(Layer.VLAN, 0, 0xE000, 13));
        dec("vlan.dei", FieldType.BOOLEAN, "DEI", "Drop eligible indicator", flag16(Layer.VLAN, 0, 0x1000));
        dec("vlan.id", FieldType.UINT16, "ID", "VLAN identifier", u16(Layer.VLAN, 0, 0x0FFF, 0));
        hex("vlan.etype", FieldType.UINT16, "Type", "EtherType after the tag", u16(Layer.VLAN, 2, 0xFFFF, 0));
        dec("ieee8021ad", FieldType.PROTOCOL, "IEEE 802.1ad", "Service VLAN tag (EtherType 0x88a8)",
                protocol(Layer.IEEE8021AD));
        dec("ieee8021ad.priority", FieldType.UINT16, "Priority", "Priority code point",
                u16(Layer.IEEE8021AD, 0, 0xE000, 13));
        dec("ieee8021ad.dei", FieldType.UINT16, "DEI", "Drop eligible indicator", u16(Layer.IEEE8021AD, 0, 0x1000, 12));
        dec("ieee8021ad.id", FieldType.UINT16, "ID", "Service VLAN identifier", u16(Layer.IEEE8021AD, 0, 0x0FFF, 0));
        dec("ieee8021ah", FieldType.PROTOCOL, "IEEE 802.1ah", "Provider backbone bridging I-TAG and customer addresses",
                (c, f, s) -> {
                    // After an 802.1ad tag Wireshark reads the I-TAG within that tag's protocol.
                    Packet p = c.packet;
                    for (int i = 0; i < p.layerCount(); i++) {
                        if (p.layer(i) == Layer.PBB && c.inFocus(i) && (i == 0 || !Layer.PBB.leftOutOfProtocols(p.layer(i - 1)))) {
                            presentLayer(p, i, f, s);
                        }
                    }
                });
        dec("ieee8021ah.priority", FieldType.UINT32, "Priority", "I-TAG priority code point", bits32(Layer.PBB, 0xE0000000L, 29));
        dec("ieee8021ah.drop", FieldType.UINT32, "DROP", "I-TAG drop eligible indicator", bits32(Layer.PBB, 0x10000000L, 28));
        dec("ieee8021ah.nca", FieldType.UINT32, "NCA", "I-TAG use-customer-addresses bit", bits32(Layer.PBB, 0x08000000L, 27));
        dec("ieee8021ah.res1", FieldType.UINT32, "RES1", "I-TAG reserved bit", bits32(Layer.PBB, 0x04000000L, 26));
        dec("ieee8021ah.res2", FieldType.UINT32, "RES2", "I-TAG reserved bits", bits32(Layer.PBB, 0x03000000L, 24));
        dec("ieee8021ah.isid", FieldType.UINT32, "I-SID", "Backbone service instance identifier", bits32(Layer.PBB, 0x00FFFFFFL, 0));
        dec("ieee8021ah.cdst", FieldType.ETHER, "C-Destination", "Customer destination address",
                each(Layer.PBB, true, 4, 6, (c, p, b, at, i, f, s) -> s.ether(f, b, at + 4)));
        dec("ieee8021ah.csrc", FieldType.ETHER, "C-Source", "Customer source address",
                each(Layer.PBB, true, 10, 6, (c, p, b, at, i, f, s) -> s.ether(f, b, at + 10)));
        hex("ieee8021ah.etype", FieldType.UINT16, "Type", "EtherType after the I-TAG, or after an 802.1ad tag without one",
                (c, f, s) -> {
                    // Wireshark's 802.1ad dissector shows its own type field under this name too,
                    // unless an I-TAG follows, whose customer type it shows instead.
                    Packet p = c.packet;
                    for (int i = 0; i < p.layerCount(); i++) {
                        int offset = p.layer(i) == Layer.PBB ? 16
                                : p.layer(i) == Layer.IEEE8021AD && (i + 1 == p.layerCount() || !p.layer(i + 1).leftOutOfProtocols(Layer.IEEE8021AD)) ? 2
                                : -1;
                        if (offset >= 0 && p.has(i, offset, 2) && c.inFocus(i)) {
                            s.unsigned(f, p.buffer(i).getShort(p.start(i) + offset) & 0xFFFF);
                        }
                    }
                });
        dec("vntag", FieldType.PROTOCOL, "VN-Tag", "Cisco's virtual interface tag", protocol(Layer.VNTAG));
        dec("vntag.dir", FieldType.BOOLEAN, "Direction", "Set when the tag travels to the host", bits32(Layer.VNTAG, 0x80000000L, 31));
        dec("vntag.ptr", FieldType.BOOLEAN, "Pointer", "Destination names a list of interfaces", bits32(Layer.VNTAG, 0x40000000L, 30));
        dec("vntag.dst", FieldType.UINT32, "Destination", "Destination virtual interface", bits32(Layer.VNTAG, 0x3FFF0000L, 16));
        dec("vntag.looped", FieldType.BOOLEAN, "Looped", "The frame came back to its source", bits32(Layer.VNTAG, 0x8000L, 15));
        dec("vntag.r", FieldType.UINT32, "Reserved", "Reserved bit", bits32(Layer.VNTAG, 0x4000L, 14));
        dec("vntag.version", FieldType.UINT32, "Version", "Tag version", bits32(Layer.VNTAG, 0x3000L, 12));
        dec("vntag.src", FieldType.UINT32, "Source", "Source virtual interface", bits32(Layer.VNTAG, 0x0FFFL, 0));
        hex("vntag.etype", FieldType.UINT16, "Type", "EtherType after the tag", u16(Layer.VNTAG, 4, 0xFFFF, 0));
        dec("fddi", FieldType.PROTOCOL, "Fiber Distributed Data Interface", "FDDI frame header", protocol(Layer.FDDI));
        hex("fddi.fc", FieldType.UINT8, "Frame Control", "Frame class, address length, format, priority", u8(Layer.FDDI, 0, 0xFF, 0));
        // LINKTYPE_FDDI's addresses are bit-swapped on the wire (Wireshark reads the link type so);
        // tshark lists each address twice in each of these fields.
        dec("fddi.dst", FieldType.ETHER, "Destination", "Destination address",
                each(Layer.FDDI, true, 1, 6, (c, p, b, at, i, f, s) -> fddiAddress(f, s, b, at + 1, 2)));
        dec("fddi.src", FieldType.ETHER, "Source", "Source address",
                each(Layer.FDDI, true, 7, 6, (c, p, b, at, i, f, s) -> fddiAddress(f, s, b, at + 7, 2)));
        dec("fddi.addr", FieldType.ETHER, "Source or Destination Address", "Source or destination address",
                each(Layer.FDDI, true, 1, 12, (c, p, b, at, i, f, s) -> {
                    fddiAddress(f, s, b, at + 1, 2);
                    fddiAddress(f, s, b, at + 7, 2);
                }));
        dec("sll", FieldType.PROTOCOL, "Linux cooked capture", "Linux cooked header (v1 or v2)",
                protocol(Layer.LINUX_SLL, Layer.LINUX_SLL2));
        dec("sll.pkttype", FieldType.UINT16, "Packet type", "To us, broadcast, multicast, other host, outgoing",
                u16(Layer.LINUX_SLL, 0, 0xFFFF, 0));
        hex("sll.etype", FieldType.UINT16, "Protocol", "EtherType", (c, f, s) -> {
            Packet p = c.packet;
            for (int i = 0; i < p.layerCount(); i++) {
                // v1 carries the EtherType at byte 14, v2 at byte 0.
                int offset = p.layer(i) == Layer.LINUX_SLL ? 14 : p.layer(i) == Layer.LINUX_SLL2 ? 0 : -1;
                if (offset >= 0 && p.has(i, offset, 2) && c.inFocus(i)) {
                    s.unsigned(f, p.buffer(i).getShort(p.start(i) + offset) & 0xFFFF);
                }
            }
        });
        dec("pppoes", FieldType.PROTOCOL, "PPP-over-Ethernet Session", "PPPoE session header", protocol(Layer.PPPOE));
        hex("pppoes.session_id", FieldType.UINT16, "Session ID", "PPPoE session", u16(Layer.PPPOE, 2, 0xFFFF, 0));
        dec("ppp", FieldType.PROTOCOL, "Point-to-Point Protocol", "PPP header", protocol(Layer.PPP));
        dec("nflog", FieldType.PROTOCOL, "Linux Netfilter NFLOG", "A packet logged by a netfilter rule", protocol(Layer.NFLOG));
        dec("nflog.family", FieldType.UINT8, "Family", "2 IPv4, 10 IPv6", u8(Layer.NFLOG, 0, 0xFF, 0));
        dec("nflog.version", FieldType.UINT8, "Version", "0", u8(Layer.NFLOG, 1, 0xFF, 0));
        dec("nflog.res_id", FieldType.UINT16, "Resource id", "The log group", u16(Layer.NFLOG, 2, 0xFFFF, 0));
        dec("nflog.tlv_length", FieldType.UINT16, "Length", "Each attribute's length (little-endian)",
                nflogAttributes((b, tlv, length, type, f, s) -> s.unsigned(f, length)));
        dec("nflog.tlv_type", FieldType.UINT16, "Type", "Each attribute's type (1 packet header, 9 payload, 10 prefix)",
                nflogAttributes((b, tlv, length, type, f, s) -> s.unsigned(f, type)));
        hex("nflog.protocol", FieldType.UINT16, "HW protocol", "EtherType of the logged packet (packet header attribute)",
                nflogAttributes((b, tlv, length, type, f, s) -> {
                    if (type == NflogHeader.PACKET_HEADER && length >= 8) {
                        s.unsigned(f, b.getShort(tlv + 4) & 0xFFFF);
                    }
                }));
        dec("nflog.hook", FieldType.UINT8, "Netfilter hook", "Where in netfilter the packet was logged",
                nflogAttributes((b, tlv, length, type, f, s) -> {
                    if (type == NflogHeader.PACKET_HEADER && length >= 8) {
                        s.unsigned(f, b.get(tlv + 6) & 0xFF);
                    }
                }));
        dec("radiotap", FieldType.PROTOCOL, "Radiotap Header", "The radio's view of an 802.11 frame", protocol(Layer.RADIOTAP));
        dec("radiotap.length", FieldType.UINT16, "Header length", "Bytes of the radiotap header (little-endian)",
                each(Layer.RADIOTAP, true, 2, 2, (c, p, b, at, i, f, s) -> s.unsigned(f, Short.toUnsignedInt(Short.reverseBytes(b.getShort(at + 2))))));
        dec("wlan", FieldType.PROTOCOL, "IEEE 802.11 wireless LAN", "An 802.11 frame", protocol(Layer.WLAN));
        hex("wlan.fc.type_subtype", FieldType.UINT16, "Type/Subtype", "0x0020 data, 0x0028 QoS data, 0x0008 beacon",
                each(Layer.WLAN, true, 0, 1, (c, p, b, at, i, f, s) -> s.unsigned(f, ((b.get(at) >>> 2) & 0x3) << 4 | ((b.get(at) >>> 4) & 0xF))));
        hex("wlan.fc.ds", FieldType.UINT8, "DS status", "1 to the distribution system, 2 from it, 3 both (four addresses)",
                u8(Layer.WLAN, 1, 0x03, 0));
        dec("pflog", FieldType.PROTOCOL, "PF Log", "A packet logged by OpenBSD's pf", protocol(Layer.PFLOG));
        dec("pflog.length", FieldType.UINT8, "Header Length", "Bytes of the header before padding", u8(Layer.PFLOG, 0, 0xFF, 0));
        dec("pflog.af", FieldType.UINT32, "Address Family", "2 IPv4; 24, 28 or 30 IPv6", u8(Layer.PFLOG, 1, 0xFF, 0));
        dec("pflog.action", FieldType.UINT16, "Action", "0 pass, 1 block, ...", u8(Layer.PFLOG, PflogHeader.ACTION, 0xFF, 0));
        dec("pflog.reason", FieldType.UINT16, "Reason", "1: the packet matched a rule", u8(Layer.PFLOG, 3, 0xFF, 0));
        dec("pflog.ifname", FieldType.STRING, "Interface", "The interface the packet went through",
                each(Layer.PFLOG, true, PflogHeader.INTERFACE, PflogHeader.INTERFACE_SIZE,
                        (c, p, b, at, i, f, s) -> s.text(f, PflogHeader.interfaceName(b, at))));
        dec("pflog.rulenr", FieldType.INT32, "Rule Number", "The rule that logged it (-1: the default rule)",
                each(Layer.PFLOG, true, PflogHeader.RULE_NUMBER, 4, (c, p, b, at, i, f, s) -> s.signed(f, PflogHeader.ruleNumber(b, at))));
        dec("pflog.dir", FieldType.UINT16, "Direction", "1 in, 2 out", u8(Layer.PFLOG, PflogHeader.DIRECTION, 0xFF, 0));
        dec("chdlc", FieldType.PROTOCOL, "Cisco HDLC", "Cisco's HDLC framing", protocol(Layer.CHDLC));
        hex("chdlc.address", FieldType.UINT8, "Address", "0x0f unicast, 0x8f broadcast", u8(Layer.CHDLC, 0, 0xFF, 0));
        hex("chdlc.control", FieldType.UINT8, "Control", "0", u8(Layer.CHDLC, 1, 0xFF, 0));
        hex("chdlc.protocol", FieldType.UINT16, "Protocol", "EtherType of what follows", u16(Layer.CHDLC, 2, 0xFFFF, 0));
        dec("ipnet", FieldType.PROTOCOL, "Solaris IPNET", "Solaris ipnet header (link type 226)", protocol(Layer.IPNET));
        dec("ipnet.version", FieldType.UINT8, "Header version", "1", u8(Layer.IPNET, 0, 0xFF, 0));
        dec("ipnet.family", FieldType.UINT8, "Address family", "Solaris's numbers: 2 IPv4, 26 IPv6", u8(Layer.IPNET, 1, 0xFF, 0));
        dec("ipnet.htype", FieldType.UINT16, "Hook type", "0 inbound, 1 outbound, 2 local", u16(Layer.IPNET, 2, 0xFFFF, 0));
        dec("ipnet.pktlen", FieldType.UINT32, "Data length", "Bytes after the header", u32(Layer.IPNET, 4));
        dec("ipnet.ifindex", FieldType.UINT32, "Interface index", "The interface it was seen on", u32(Layer.IPNET, 8));
        dec("ipnet.grifindex", FieldType.UINT32, "Group interface index", "IPMP group's interface", u32(Layer.IPNET, 12));
        dec("ipnet.zsrc", FieldType.UINT32, "Source Zone ID", "Sending zone", u32(Layer.IPNET, 16));
        dec("ipnet.zdst", FieldType.UINT32, "Destination Zone ID", "Receiving zone", u32(Layer.IPNET, 20));
        dec("juniper", FieldType.PROTOCOL, "Juniper", "A Juniper router's capture header (link type 178)", protocol(Layer.JUNIPER));
        hex("juniper.magic-number", FieldType.UINT24, "Magic Number", "0x4d4743 (\"MGC\")",
                each(Layer.JUNIPER, false, 0, 3, (c, p, b, at, i, f, s) -> s.unsigned(f, b.getInt(at) >>> 8)));
        dec("juniper.ext_total_len", FieldType.UINT16, "Extension(s) Total length", "Bytes of extension TLVs after the header",
                each(Layer.JUNIPER, false, 4, 2, (c, p, b, at, i, f, s) -> {
                    if (JuniperHeader.hasMagic(b, at) && (JuniperHeader.flags(b, at) & JuniperHeader.FLAG_EXT) != 0) {
                        s.unsigned(f, b.getShort(at + 4) & 0xFFFF);
                    }
                }));
        dec("fr", FieldType.PROTOCOL, "Frame Relay", "Frame Relay header (Q.922 address, RFC 2427 or Cisco encapsulation)",
                protocol(Layer.FRAME_RELAY));
        dec("fr.dlci", FieldType.UINT32, "DLCI", "Data link connection identifier: the virtual circuit",
                frameRelay((p, b, at, address, end, f, s) -> s.unsigned(f, FrameRelayHeader.dlci(b, at, address))));
        hex("fr.control", FieldType.UINT8, "Control Field", "0x03: RFC 2427's encapsulation (on DLCI 0 or XID: any)",
                frameRelay((p, b, at, address, end, f, s) -> {
                    if (FrameRelayHeader.controlShown(b, at, address, end)) {
                        s.unsigned(f, b.get(at + address) & 0xFF);
                    }
                }));
        // tshark 4.0 shows a pad byte before the protocol id as an NLPID of its own (0x00).
        hex("fr.nlpid", FieldType.UINT8, "NLPID", "What follows: 0xcc IPv4, 0x8e IPv6, 0x80 SNAP",
                frameRelay((p, b, at, address, end, f, s) -> {
                    int control = at + address;
                    if (control < end && (b.get(control) & 0xFF) == FrameRelayHeader.UI) {
                        for (int i = control + 1; i <= FrameRelayHeader.nlpidAt(b, control, end) && i < end; i++) {
                            s.unsigned(f, b.get(i) & 0xFF);
                        }
                    }
                }));
        dec("fr.snap.oui", FieldType.UINT24, "Organization Code", "SNAP's OUI (0: the type is an EtherType)",
                frameRelaySnap((b, oui, f, s) -> s.unsigned(f, b.getInt(oui - 1) & 0x00FFFFFF)));
        hex("fr.snaptype", FieldType.UINT16, "Type", "SNAP's EtherType (under OUI 0)",
                frameRelaySnap((b, oui, f, s) -> {
                    if ((b.getInt(oui - 1) & 0x00FFFFFF) == 0) {
                        s.unsigned(f, b.getShort(oui + 3) & 0xFFFF);
                    }
                }));
        hex("fr.chdlctype", FieldType.UINT16, "Type", "Cisco encapsulation's EtherType",
                frameRelay((p, b, at, address, end, f, s) -> {
                    if (FrameRelayHeader.cisco(b, at, address, end)) {
                        s.unsigned(f, b.getShort(at + address) & 0xFFFF);
                    }
                }));
        hex("ppp.address", FieldType.UINT8, "Address", "0xff: all stations (absent when compressed away)",
                each(Layer.PPP, true, 0, 2, (c, p, b, at, i, f, s) -> {
                    if (pppAddressed(p, b, at, i)) {
                        s.unsigned(f, b.get(at) & 0xFF);
                    }
                }));
        hex("ppp.control", FieldType.UINT8, "Control", "0x03: an unnumbered frame (absent when compressed away)",
                each(Layer.PPP, true, 0, 2, (c, p, b, at, i, f, s) -> {
                    if (pppAddressed(p, b, at, i)) {
                        s.unsigned(f, b.get(at + 1) & 0xFF);
                    }
                }));
        hex("ppp.protocol", FieldType.UINT16, "Protocol", "What PPP carries (0x0021 IPv4, 0x0057 IPv6)",
                each(Layer.PPP, true, 0, 1, (c, p, b, at, i, f, s) -> {
                    int from = pppAddressed(p, b, at, i) ? 2 : 0;
                    int length = p.headerLength(i) - from;
                    if (length == 1 && p.has(i, from, 1)) {
                        s.unsigned(f, b.get(at + from) & 0xFF);
                    } else if (length == 2 && p.has(i, from, 2)) {
                        s.unsigned(f, b.getShort(at + from) & 0xFFFF);
                    }
                }));
        dec("mpls", FieldType.PROTOCOL, "MultiProtocol Label Switching Header", "MPLS label stack entry", protocol(Layer.MPLS));
        dec("mpls.label", FieldType.UINT32, "MPLS Label", "Label value",
                each(Layer.MPLS, true, 0, 4, (c, p, b, at, i, f, s) -> s.unsigned(f, (b.getInt(at) >>> 12) & 0xFFFFF)));
        // ---- tunnels ----
        dec("pim", FieldType.PROTOCOL, "Protocol Independent Multicast", "PIM version 2 header (RFC 7761)", protocol(Layer.PIM));
        dec("pim.version", FieldType.UINT8, "Version", "2", u8(Layer.PIM, 0, 0xF0, 4));
        dec("pim.type", FieldType.UINT8, "Type", "1 Register (carries a multicast packet), 2 Register-Stop, 0 Hello, ...",
                u8(Layer.PIM, 0, 0x0F, 0));
        dec("gre", FieldType.PROTOCOL, "Generic Routing Encapsulation", "GRE header (RFC 2784, 2890)", protocol(Layer.GRE));
        hex("gre.flags_and_version", FieldType.UINT16, "Flags and Version", "Which optional fields follow; the version",
                u16(Layer.GRE, 0, 0xFFFF, 0));
        dec("gre.flags.checksum", FieldType.BOOLEAN, "Checksum Bit", "A checksum follows", flag16(Layer.GRE, 0, 0x8000));
        dec("gre.flags.routing", FieldType.BOOLEAN, "Routing Bit", "A routing list follows (RFC 1701)", flag16(Layer.GRE, 0, 0x4000));
        dec("gre.flags.key", FieldType.BOOLEAN, "Key Bit", "A key follows", flag16(Layer.GRE, 0, 0x2000));
        dec("gre.flags.sequence_number", FieldType.BOOLEAN, "Sequence Number Bit", "A sequence number follows",
                flag16(Layer.GRE, 0, 0x1000));
        dec("gre.flags.version", FieldType.UINT16, "Version", "0; 1 is PPTP's enhanced GRE", u16(Layer.GRE, 0, 0x7, 0));
        hex("gre.proto", FieldType.UINT16, "Protocol Type", "EtherType of what the tunnel carries", u16(Layer.GRE, 2, 0xFFFF, 0));
        dec("gre.flags.ack", FieldType.BOOLEAN, "Acknowledgment", "An acknowledgment number follows (PPTP)",
                each(Layer.GRE, true, 0, 2, (c, p, b, at, i, f, s) -> {
                    if (grePpp(p, i)) {
                        s.bool(f, (b.getShort(at) & 0x0080) != 0);
                    }
                }));
        hex("gre.checksum", FieldType.UINT16, "Checksum", "Internet checksum of the GRE header and payload",
                greOptional(0x8000, (c, p, b, at, i, f, s) -> s.unsigned(f, b.getShort(at) & 0xFFFF)));
        hex("gre.key", FieldType.UINT32, "Key", "Tells flows of one tunnel apart",
                greOptional(0x2000, (c, p, b, at, i, f, s) -> {
                    if (!grePpp(p, i)) {
                        s.unsigned(f, b.getInt(at) & 0xFFFFFFFFL);
                    }
                }));
        dec("gre.sequence_number", FieldType.UINT32, "Sequence Number", "Order of the tunnel's packets",
                greOptional(0x1000, (c, p, b, at, i, f, s) -> s.unsigned(f, b.getInt(at) & 0xFFFFFFFFL)));
        // PPTP's enhanced GRE (RFC 2637 section 4.1): the key is payload length and call ID, an ack may follow.
        dec("gre.key.payload_length", FieldType.UINT16, "Payload Length", "Bytes of PPP after the GRE header (PPTP)",
                greOptional(0x2000, (c, p, b, at, i, f, s) -> {
                    if (grePpp(p, i)) {
                        s.unsigned(f, b.getShort(at) & 0xFFFF);
                    }
                }));
        dec("gre.key.call_id", FieldType.UINT16, "Call ID", "The PPTP session",
                greOptional(0x2000, (c, p, b, at, i, f, s) -> {
                    if (grePpp(p, i)) {
                        s.unsigned(f, b.getShort(at + 2) & 0xFFFF);
                    }
                }));
        dec("gre.ack_number", FieldType.UINT32, "Acknowledgment Number", "The highest sequence number received (PPTP)",
                greOptional(0x0080, (c, p, b, at, i, f, s) -> {
                    if (grePpp(p, i)) {
                        s.unsigned(f, b.getInt(at) & 0xFFFFFFFFL);
                    }
                }));
        dec("erspan", FieldType.PROTOCOL, "Encapsulated Remote Switch Packet ANalysis", "A switch's mirrored frame (types I-III)",
                protocol(Layer.ERSPAN));
        dec("erspan.version", FieldType.UINT16, "Version", "1 type II, 2 type III (type I has no header)",
                erspan(0, 2, 0xF000, 12, 0));
        dec("erspan.vlan", FieldType.UINT16, "Vlan", "VLAN of the mirrored frame", erspan(0, 2, 0x0FFF, 0, 0));
        dec("erspan.cos", FieldType.UINT16, "COS", "Class of service of the mirrored frame", erspan(2, 2, 0xE000, 13, 0));
        dec("erspan.spanid", FieldType.UINT16, "SpanID", "The mirroring session", erspan(2, 2, 0x03FF, 0, 0));
        dec("erspan.index", FieldType.UINT32, "Index", "Port index (type II)", erspan(4, 4, 0xFFFFF, 0, 1));
        dec("erspan.timestamp", FieldType.UINT32, "Timestamp", "When the switch mirrored the frame (type III)",
                erspan(4, 4, 0xFFFFFFFFL, 0, 2));
        dec("erspan.o", FieldType.UINT16, "Optional Sub headers", "1: a platform-specific subheader follows (type III)",
                erspan(10, 2, 0x0001, 0, 2));
        dec("vxlan", FieldType.PROTOCOL, "Virtual eXtensible Local Area Network", "VXLAN header (RFC 7348), or VXLAN-GPE's",
                protocol(Layer.VXLAN, Layer.VXLAN_GPE));
        hex("vxlan.flags", FieldType.UINT16, "Flags", "0x0800: the VNI is valid (VXLAN-GPE: its flag byte)", both(
                u16(Layer.VXLAN, 0, 0xFFFF, 0),
                // tshark 4.0 shows VXLAN-GPE's 8-bit flags with two hex digits.
                each(Layer.VXLAN_GPE, true, 0, 1, (c, p, b, at, i, f, s) -> s.text(f, String.format("0x%02x", b.get(at) & 0xFF)))));
        dec("vxlan.ver", FieldType.UINT8, "Version", "VXLAN-GPE version", u8(Layer.VXLAN_GPE, 0, 0x30, 4));
        dec("vxlan.i_bit", FieldType.UINT8, "Instance", "VXLAN-GPE: the VNI is valid", u8(Layer.VXLAN_GPE, 0, 0x08, 3));
        dec("vxlan.p_bit", FieldType.UINT8, "Next Protocol Bit", "VXLAN-GPE: the next-protocol field is set",
                u8(Layer.VXLAN_GPE, 0, 0x04, 2));
        dec("vxlan.o_bit", FieldType.UINT8, "OAM bit", "VXLAN-GPE: an OAM packet", u8(Layer.VXLAN_GPE, 0, 0x01, 0));
        dec("vxlan.next_proto", FieldType.UINT8, "Next Protocol", "VXLAN-GPE: 1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH, 5 MPLS",
                u8(Layer.VXLAN_GPE, 3, 0xFF, 0));
        dec("vxlan.vni", FieldType.UINT24, "VXLAN Network Identifier (VNI)", "Which virtual network",
                both(u24(Layer.VXLAN, 4), u24(Layer.VXLAN_GPE, 4)));
        dec("l2tp", FieldType.PROTOCOL, "Layer 2 Tunneling Protocol", "L2TP version 2 header (RFC 2661, UDP 1701)",
                protocol(Layer.L2TP));
        hex("l2tp.flags", FieldType.UINT16, "Flags", "Type, length, sequence, offset and priority bits, and the version",
                u16(Layer.L2TP, 0, 0xFFFF, 0));
        dec("l2tp.type", FieldType.UINT16, "Type", "0 data message, 1 control message",
                u16(Layer.L2TP, 0, L2tpHeader.CONTROL, 15));
        dec("l2tp.length_bit", FieldType.BOOLEAN, "Length Bit", "The length field is present",
                flag16(Layer.L2TP, 0, L2tpHeader.LENGTH));
        dec("l2tp.seq_bit", FieldType.BOOLEAN, "Sequence Bit", "Ns and Nr are present", flag16(Layer.L2TP, 0, L2tpHeader.SEQUENCE));
        dec("l2tp.offset_bit", FieldType.BOOLEAN, "Offset bit", "An offset pad is present", flag16(Layer.L2TP, 0, L2tpHeader.OFFSET));
        dec("l2tp.priority", FieldType.BOOLEAN, "Priority", "Data message to be sent first", flag16(Layer.L2TP, 0, 0x0100));
        dec("l2tp.version", FieldType.UINT16, "Version", "2", u16(Layer.L2TP, 0, L2tpHeader.VERSION, 0));
        dec("l2tp.length", FieldType.UINT16, "Length", "Message length, when the length bit is set",
                l2tpPart(L2tpHeader.LENGTH, flags -> 2));
        dec("l2tp.tunnel", FieldType.UINT16, "Tunnel ID", "Tunnel identifier", l2tpPart(0, L2tpHeader::tunnelIdOffset));
        dec("l2tp.session", FieldType.UINT16, "Session ID", "Session identifier",
                l2tpPart(0, flags -> L2tpHeader.tunnelIdOffset(flags) + 2));
        dec("l2tp.Ns", FieldType.UINT16, "Ns", "Sequence number of this message",
                l2tpPart(L2tpHeader.SEQUENCE, flags -> L2tpHeader.tunnelIdOffset(flags) + 4));
        dec("l2tp.Nr", FieldType.UINT16, "Nr", "Sequence number expected next",
                l2tpPart(L2tpHeader.SEQUENCE, flags -> L2tpHeader.tunnelIdOffset(flags) + 6));
        dec("l2tp.offset", FieldType.UINT16, "Offset", "Bytes of padding before the payload",
                l2tpPart(L2tpHeader.OFFSET, L2tpHeader::offsetSizeOffset));
        dec("cfp", FieldType.PROTOCOL, "Cisco FabricPath", "FabricPath's header (EtherType 0x8903), before an Ethernet frame",
                protocol(Layer.FABRICPATH));
        // The header's last four bytes are the EtherType and the FTAG and TTL (10 and 6 bits),
        // after an 802.1ad or 802.1Q tag when the header has 20 bytes (PacketDecoder.fabricPath).
        hex("cfp.etype", FieldType.UINT16, "FP Ethertype", "0x8903",
                each(Layer.FABRICPATH, false, 0, 16, (c, p, b, at, i, f, s) -> s.unsigned(f, b.getShort(at + p.headerLength(i) - 4) & 0xFFFF)));
        dec("cfp.ftag", FieldType.UINT16, "FTAG", "Forwarding tag: the multidestination tree",
                each(Layer.FABRICPATH, false, 0, 16, (c, p, b, at, i, f, s) -> s.unsigned(f, (b.getShort(at + p.headerLength(i) - 2) & 0xFFC0) >>> 6)));
        dec("cfp.ttl", FieldType.UINT16, "TTL", "Hops left",
                each(Layer.FABRICPATH, false, 0, 16, (c, p, b, at, i, f, s) -> s.unsigned(f, b.getShort(at + p.headerLength(i) - 2) & 0x3F)));
        hex("cfp.fcs", FieldType.UINT32, "Frame check sequence", "The FabricPath frame's FCS (not verified)",
                each(Layer.FABRICPATH, false, 0, 16, (c, p, b, at, i, f, s) -> {
                    int fcs = p.reportedEnd(i) - PacketDecoder.ETHERNET_FCS;
                    if (fcs >= at + p.headerLength(i) && fcs + PacketDecoder.ETHERNET_FCS <= p.capturedEnd(i)) {
                        s.unsigned(f, b.getInt(fcs) & 0xFFFFFFFFL);
                    }
                }));
        dec("avsp", FieldType.PROTOCOL, "Arista Vendor Specific Protocol", "Arista's header (EtherType 0xd28b)", protocol(Layer.ARISTA));
        dec("avsp.sub_type", FieldType.UINT16, "Sub Type", "1: a timestamp", u16(Layer.ARISTA, 0, 0xFFFF, 0));
        hex("avsp.ver", FieldType.UINT16, "Version", "The timestamp's form: 0x10 and 0x110 64 bits, 0x20 and 0x120 48",
                aristaTimestamp((b, at, version, f, s) -> s.unsigned(f, version)));
        dec("avsp.64sec", FieldType.UINT32, "Seconds", "A 64-bit timestamp's seconds",
                aristaTimestamp((b, at, version, f, s) -> {
                    if ((version & 0xFF) == 0x10) {
                        s.unsigned(f, b.getInt(at + 4) & 0xFFFFFFFFL);
                    }
                }));
        dec("avsp.64ns", FieldType.UINT32, "Nanoseconds", "A 64-bit timestamp's nanoseconds",
                aristaTimestamp((b, at, version, f, s) -> {
                    if ((version & 0xFF) == 0x10) {
                        s.unsigned(f, b.getInt(at + 8) & 0xFFFFFFFFL);
                    }
                }));
        hex("avsp.etype", FieldType.UINT16, "Type", "EtherType of what follows",
                each(Layer.ARISTA, false, 0, 2, (c, p, b, at, i, f, s) -> {
                    int length = p.headerLength(i);
                    // A timestamp of unknown version (subtype 1, a 4-byte header) ends before any EtherType.
                    boolean stoppedAtVersion = (b.getShort(at) & 0xFFFF) == 1 && length == 4;
                    if (length >= 4 && p.has(i, length - 2, 2) && !stoppedAtVersion) {
                        s.unsigned(f, b.getShort(at + length - 2) & 0xFFFF);
                    }
                }));
        dec("macsec", FieldType.PROTOCOL, "802.1AE Security tag", "MACsec's SecTAG", protocol(Layer.MACSEC));
        hex("macsec.TCI", FieldType.UINT8, "TCI", "Tag control information: version, ES, SC, SCB, E, C",
                u8(Layer.MACSEC, 0, 0xFC, 2));
        hex("macsec.AN", FieldType.UINT8, "AN", "Association number", u8(Layer.MACSEC, 0, 0x03, 0));
        dec("macsec.SL", FieldType.UINT8, "Short length", "The data's length when under 48 bytes, else 0",
                u8(Layer.MACSEC, 1, 0xFF, 0));
        dec("macsec.PN", FieldType.UINT32, "Packet number", "Replay protection", u32(Layer.MACSEC, 2));
        hex("macsec.etype", FieldType.UINT16, "Ethertype", "What an integrity-only frame protects",
                each(Layer.MACSEC, false, 0, 1, (c, p, b, at, i, f, s) -> {
                    // An integrity-only frame's header ends with the EtherType (PacketDecoder.macsec);
                    // an encrypted or changed one (E or C set) has none.
                    int etype = p.headerLength(i) - 2;
                    if ((b.get(at) & 0x0C) == 0 && p.has(i, etype, 2)) {
                        s.unsigned(f, b.getShort(at + etype) & 0xFFFF);
                    }
                }));
        dec("nsh", FieldType.PROTOCOL, "Network Service Header", "Service function chaining header (RFC 8300)",
                protocol(Layer.NSH));
        dec("nsh.version", FieldType.UINT16, "Version", "NSH version", u16(Layer.NSH, 0, 0xC000, 14));
        dec("nsh.Obit", FieldType.UINT16, "O Bit", "An OAM packet", u16(Layer.NSH, 0, 0x2000, 13));
        dec("nsh.CBit", FieldType.UINT16, "C Bit", "Critical metadata (an earlier draft's bit)", u16(Layer.NSH, 0, 0x1000, 12));
        hex("nsh.ttl", FieldType.UINT16, "Time to live", "Service hops left", u16(Layer.NSH, 0, 0x0FC0, 6));
        dec("nsh.length", FieldType.UINT16, "Length", "Header length in 4-byte words", u16(Layer.NSH, 0, 0x003F, 0));
        dec("nsh.mdtype", FieldType.UINT8, "MD Type", "1: four fixed context headers; 2: metadata TLVs",
                u8(Layer.NSH, 2, 0xFF, 0));
        dec("nsh.nextproto", FieldType.UINT8, "Next Protocol", "1 IPv4, 2 IPv6, 3 Ethernet, 4 NSH, 5 MPLS", u8(Layer.NSH, 3, 0xFF, 0));
        dec("nsh.spi", FieldType.UINT24, "SPI", "Service path identifier",
                u24(Layer.NSH, 4));
        dec("nsh.si", FieldType.UINT8, "SI", "Service index", u8(Layer.NSH, 7, 0xFF, 0));
        dec("nsh.contextheader", FieldType.BYTES, "Context Header", "MD type 1: each of the four 4-byte context headers",
                each(Layer.NSH, true, 24, 0, (c, p, b, at, i, f, s) -> {
                    if ((b.get(at + 2) & 0xFF) == 1 && p.headerLength(i) >= 24) {
                        for (int k = 8; k < 24; k += 4) {
                            s.bytes(f, b, at + k, 4);
                        }
                    }
                }));
        dec("etag", FieldType.PROTOCOL, "802.1BR E-Tag", "A port extender's tag (EtherType 0x893f)", protocol(Layer.ETAG));
        dec("etag.pcp", FieldType.UINT16, "E-PCP", "Priority code point", u16(Layer.ETAG, 0, 0xE000, 13));
        dec("etag.dei", FieldType.UINT16, "E-DEI", "Drop eligible indicator", u16(Layer.ETAG, 0, 0x1000, 12));
        hex("etag.iecid_base", FieldType.UINT16, "Ingress_E-CID_base", "Ingress extended channel", u16(Layer.ETAG, 0, 0x0FFF, 0));
        dec("etag.resv", FieldType.UINT16, "Reserved", "Reserved bits", u16(Layer.ETAG, 2, 0xC000, 14));
        dec("etag.group", FieldType.UINT16, "GRP", "E-CID group", u16(Layer.ETAG, 2, 0x3000, 12));
        hex("etag.ecid_base", FieldType.UINT16, "E-CID_base", "Destination extended channel", u16(Layer.ETAG, 2, 0x0FFF, 0));
        hex("etag.iecid_ext", FieldType.UINT8, "Ingress_E-CID_ext", "Ingress extended channel, extension", u8(Layer.ETAG, 4, 0xFF, 0));
        hex("etag.ecid_ext", FieldType.UINT8, "E-CID_ext", "Destination extended channel, extension", u8(Layer.ETAG, 5, 0xFF, 0));
        hex("etag.etype", FieldType.UINT16, "Type", "EtherType after the tag", u16(Layer.ETAG, 6, 0xFFFF, 0));
        dec("geneve", FieldType.PROTOCOL, "Generic Network Virtualization Encapsulation", "Geneve header (RFC 8926)",
                protocol(Layer.GENEVE));
        dec("geneve.version", FieldType.UINT8, "Version", "0, the only one defined", u8(Layer.GENEVE, 0, 0xC0, 6));
        hex("geneve.proto_type", FieldType.UINT16, "Protocol Type", "EtherType of what the tunnel carries",
                u16(Layer.GENEVE, 2, 0xFFFF, 0));
        dec("gtp", FieldType.PROTOCOL, "GPRS Tunneling Protocol", "GTP-U header (3GPP TS 29.281)", protocol(Layer.GTP));
        hex("gtp.flags", FieldType.UINT8, "Flags", "Version, protocol type, and which optional fields follow",
                u8(Layer.GTP, 0, 0xFF, 0));
        hex("gtp.message", FieldType.UINT8, "Message Type", "0xff: a user's packet (G-PDU)", u8(Layer.GTP, 1, 0xFF, 0));
        dec("gtp.length", FieldType.UINT16, "Length", "Bytes after the mandatory 8-byte header", u16(Layer.GTP, 2, 0xFFFF, 0));
        hex("gtp.teid", FieldType.UINT32, "TEID", "Tunnel endpoint identifier: which user's tunnel", u32(Layer.GTP, 4));
        hex("gtp.seq_number", FieldType.UINT16, "Sequence number", "Present when the S flag is set",
                each(Layer.GTP, true, 8, 2, (c, p, b, at, i, f, s) -> {
                    if ((b.get(at) & 0x02) != 0) {
                        s.unsigned(f, b.getShort(at + 8) & 0xFFFF);
                    }
                }));
        dec("ayiya", FieldType.PROTOCOL, "Anything in Anything Protocol", "AYIYA header (SixXS's IPv6 tunnel, UDP 5072)",
                protocol(Layer.AYIYA));
        hex("ayiya.idlen", FieldType.UINT8, "Identity field length", "n: the identity is 2^n bytes", u8(Layer.AYIYA, 0, 0xF0, 4));
        hex("ayiya.idtype", FieldType.UINT8, "Identity field type", "1: an IPv6 address", u8(Layer.AYIYA, 0, 0x0F, 0));
        hex("ayiya.siglen", FieldType.UINT8, "Signature Length", "n: the signature is 4n bytes", u8(Layer.AYIYA, 1, 0xF0, 4));
        hex("ayiya.hashmethod", FieldType.UINT8, "Hash method", "2: SHA-1", u8(Layer.AYIYA, 1, 0x0F, 0));
        hex("ayiya.authmethod", FieldType.UINT8, "Authentication method", "1: shared secret", u8(Layer.AYIYA, 2, 0xF0, 4));
        hex("ayiya.opcode", FieldType.UINT8, "Operation Code", "1: a forwarded packet follows", u8(Layer.AYIYA, 2, 0x0F, 0));
        hex("ayiya.nextheader", FieldType.UINT8, "Next Header", "IP protocol number of what follows (41 IPv6)",
                u8(Layer.AYIYA, 3, 0xFF, 0));
        dec("ayiya.identity", FieldType.BYTES, "Identity", "Who sends (the tunnel endpoint's address)",
                each(Layer.AYIYA, true, 0, 8, (c, p, b, at, i, f, s) -> {
                    int length = 1 << ((b.get(at) >>> 4) & 0x0F);
                    if (p.has(i, 8, length)) {
                        s.bytes(f, b, at + 8, length);
                    }
                }));
        dec("ayiya.signature", FieldType.BYTES, "Signature", "Hash over the packet with the shared secret",
                each(Layer.AYIYA, true, 0, 8, (c, p, b, at, i, f, s) -> {
                    int from = 8 + (1 << ((b.get(at) >>> 4) & 0x0F));
                    int length = 4 * ((b.get(at + 1) >>> 4) & 0x0F);
                    if (length > 0 && p.has(i, from, length)) {
                        s.bytes(f, b, at + from, length);
                    }
                }));
        dec("teredo", FieldType.PROTOCOL, "Teredo IPv6 over UDP tunneling", "Teredo headers (RFC 4380), then IPv6",
                protocol(Layer.TEREDO));
        dec("teredo.auth", FieldType.NONE, "Teredo Authentication header", "Present when the packet carries one",
                teredoAuthentication((c, p, b, at, i, f, s) -> s.bool(f, true)));
        dec("teredo.auth.idlen", FieldType.UINT8, "Client identifier length", "Bytes of the client identifier",
                teredoAuthentication((c, p, b, at, i, f, s) -> s.unsigned(f, b.get(at + 2) & 0xFF)));
        dec("teredo.auth.aulen", FieldType.UINT8, "Authentication value length", "Bytes of the authentication value",
                teredoAuthentication((c, p, b, at, i, f, s) -> s.unsigned(f, b.get(at + 3) & 0xFF)));
        dec("teredo.auth.id", FieldType.BYTES, "Client identifier", "Who the client is",
                teredoAuthentication((c, p, b, at, i, f, s) -> {
                    if ((b.get(at + 2) & 0xFF) > 0) {
                        s.bytes(f, b, at + 4, b.get(at + 2) & 0xFF);
                    }
                }));
        dec("teredo.auth.value", FieldType.BYTES, "Authentication value", "HMAC over the packet",
                teredoAuthentication((c, p, b, at, i, f, s) -> {
                    if ((b.get(at + 3) & 0xFF) > 0) {
                        s.bytes(f, b, at + 4 + (b.get(at + 2) & 0xFF), b.get(at + 3) & 0xFF);
                    }
                }));
        dec("teredo.auth.nonce", FieldType.BYTES, "Nonce value", "Binds the reply to the request",
                teredoAuthentication((c, p, b, at, i, f, s) -> s.bytes(f, b, at + 4 + (b.get(at + 2) & 0xFF) + (b.get(at + 3) & 0xFF), 8)));
        dec("teredo.auth.conf", FieldType.BYTES, "Confirmation byte", "Non-zero: the client must renew its address",
                teredoAuthentication((c, p, b, at, i, f, s) -> s.bytes(f, b, at + 12 + (b.get(at + 2) & 0xFF) + (b.get(at + 3) & 0xFF), 1)));
        dec("teredo.orig", FieldType.NONE, "Teredo Origin Indication header", "Present when the packet carries one",
                teredoOrigin((c, p, b, at, i, f, s) -> s.bool(f, true)));
        dec("teredo.orig.port", FieldType.UINT16, "Origin UDP port", "The client's mapped port (sent inverted)",
                teredoOrigin((c, p, b, at, i, f, s) -> s.unsigned(f, ~b.getShort(at + 2) & 0xFFFF)));
        dec("teredo.orig.addr", FieldType.IPV4, "Origin IPv4 address", "The client's mapped address (sent inverted)",
                teredoOrigin((c, p, b, at, i, f, s) -> s.ipv4(f, ~b.getInt(at + 4))));
        // ---- spanning tree (packet-bpdu.c's fields; the timers and MST's parts are not shown yet) ----
        dec("stp", FieldType.PROTOCOL, "Spanning Tree Protocol", "A bridge's BPDU", protocol(Layer.STP));
        hex("stp.protocol", FieldType.UINT16, "Protocol Identifier", "0x0000: spanning tree",
                stpHeader((b, at, f, s) -> s.unsigned(f, b.getShort(at) & 0xFFFF)));
        dec("stp.version", FieldType.UINT8, "Protocol Version Identifier", "0 STP, 2 RSTP, 3 MSTP",
                stpHeader((b, at, f, s) -> s.unsigned(f, b.get(at + StpBpdu.VERSION) & 0xFF)));
        hex("stp.type", FieldType.UINT8, "BPDU Type", "0x00 configuration, 0x02 RST/MST, 0x80 topology change notification",
                stpHeader((b, at, f, s) -> s.unsigned(f, StpBpdu.type(b, at))));
        hex("stp.flags", FieldType.UINT8, "BPDU flags", "Topology change (0x01), its acknowledgment (0x80), RST's port role and state",
                stp(StpBpdu.FLAGS, 1, (b, at, f, s) -> s.unsigned(f, b.get(at + StpBpdu.FLAGS) & 0xFF)));
        dec("stp.flags.tcack", FieldType.BOOLEAN, "Topology Change Acknowledgment", "The root acknowledges a topology change",
                stpFlag(0x80, false));
        dec("stp.flags.tc", FieldType.BOOLEAN, "Topology Change", "The topology changed: bridges age their tables out faster",
                stpFlag(StpBpdu.FLAG_TOPOLOGY_CHANGE, false));
        dec("stp.flags.agreement", FieldType.BOOLEAN, "Agreement", "RST: the port agrees to the proposed role",
                stpFlag(0x40, true));
        dec("stp.flags.forwarding", FieldType.BOOLEAN, "Forwarding", "RST: the port forwards frames", stpFlag(0x20, true));
        dec("stp.flags.learning", FieldType.BOOLEAN, "Learning", "RST: the port learns addresses", stpFlag(0x10, true));
        dec("stp.flags.port_role", FieldType.UINT8, "Port Role", "RST: 1 alternate or backup, 2 root, 3 designated",
                stp(StpBpdu.FLAGS, 1, (b, at, f, s) -> {
                    if (StpBpdu.type(b, at) == StpBpdu.TYPE_RST) {
                        s.unsigned(f, (b.get(at + StpBpdu.FLAGS) & 0x0C) >>> 2);
                    }
                }));
        dec("stp.flags.proposal", FieldType.BOOLEAN, "Proposal", "RST: the port proposes to be designated", stpFlag(0x02, true));
        stpBridgeIdentifier("stp.root", StpBpdu.ROOT, "Root Bridge", "The root's");
        dec("stp.root.cost", FieldType.UINT32, "Root Path Cost", "The sender's cost to reach the root",
                stp(StpBpdu.ROOT_COST, 4, (b, at, f, s) -> s.unsigned(f, b.getInt(at + StpBpdu.ROOT_COST) & 0xFFFFFFFFL)));
        stpBridgeIdentifier("stp.bridge", StpBpdu.BRIDGE, "Bridge", "The sender's");
        hex("stp.port", FieldType.UINT16, "Port identifier", "The sender's port: priority and number",
                stp(StpBpdu.PORT, 2, (b, at, f, s) -> s.unsigned(f, b.getShort(at + StpBpdu.PORT) & 0xFFFF)));
        dec("arp", FieldType.PROTOCOL, "Address Resolution Protocol", "ARP message", protocol(Layer.ARP));
        dec("arp.hw.type", FieldType.UINT16, "Hardware type", "1 Ethernet", u16(Layer.ARP, 0, 0xFFFF, 0));
        hex("arp.proto.type", FieldType.UINT16, "Protocol type", "An EtherType: 0x0800 IPv4", u16(Layer.ARP, 2, 0xFFFF, 0));
        dec("arp.hw.size", FieldType.UINT8, "Hardware size", "Bytes in a hardware address (6 for MAC addresses)",
                u8(Layer.ARP, 4, 0xFF, 0));
        dec("arp.proto.size", FieldType.UINT8, "Protocol size", "Bytes in a protocol address (4 for IPv4)",
                u8(Layer.ARP, 5, 0xFF, 0));
        dec("arp.opcode", FieldType.UINT16, "Opcode", "1 request, 2 reply", u16(Layer.ARP, 6, 0xFFFF, 0));
        dec("arp.isgratuitous", FieldType.BOOLEAN, "Is gratuitous",
                "Sender and target protocol addresses are the same (shown only then)", arpFlag(ArpHeader::gratuitous));
        dec("arp.isprobe", FieldType.BOOLEAN, "Is probe",
                "A request from 0.0.0.0 asking whether an address is free (RFC 5227; shown only then)", arpFlag(ArpHeader::probe));
        dec("arp.isannouncement", FieldType.BOOLEAN, "Is announcement",
                "A gratuitous request with no target MAC address (RFC 5227; shown only then)", arpFlag(ArpHeader::announcement));
        dec("arp.src.hw_mac", FieldType.ETHER, "Sender MAC address", "The sender's hardware address",
                arpMac(ArpHeader::senderHardware));
        dec("arp.src.proto_ipv4", FieldType.IPV4, "Sender IP address", "The sender's protocol address",
                arpIpv4(ArpHeader::senderProtocol));
        dec("arp.dst.hw_mac", FieldType.ETHER, "Target MAC address", "The target's hardware address (none yet in a request)",
                arpMac(ArpHeader::targetHardware));
        dec("arp.dst.proto_ipv4", FieldType.IPV4, "Target IP address", "The address asked about, or answered to",
                arpIpv4(ArpHeader::targetProtocol));

        // ---- IPv4 ----
        dec("ip", FieldType.PROTOCOL, "Internet Protocol Version 4", "IPv4 header", protocol(Layer.IPV4));
        // tshark 4.0's IPv6 dissector adds ip.version beside ipv6.version: an IPv6 header has
        // one too, so `ip.version == 6` finds IPv6 packets (checked with tshark on
        // tcpdump's ipv6-bad-version.pcap, where a version 0 header shows ip.version 0).
        dec("ip.version", FieldType.UINT8, "Version", "4, or 6 on an IPv6 header", (c, f, s) -> {
            Packet p = c.packet;
            for (int i = 0; i < p.layerCount(); i++) {
                if (p.layer(i).isIp() && p.has(i, 0, 1) && c.inFocus(i)) {
                    s.unsigned(f, (p.buffer(i).get(p.start(i)) & 0xF0) >>> 4);
                }
            }
        });
        // Not for a header of another version, which shows ip.version alone (PacketDecoder.ipv4).
        dec("ip.hdr_len", FieldType.UINT8, "Header Length", "Header length in bytes (IHL × 4)",
                each(Layer.IPV4, true, 0, 1, (c, p, b, at, i, f, s) -> {
                    if (Ipv4Header.version(b, at) == 4) {
                        s.unsigned(f, Ipv4Header.headerLength(b, at));
                    }
                }));
        hex("ip.dsfield", FieldType.UINT8, "Differentiated Services Field", "DSCP and ECN", u8(Layer.IPV4, 1, 0xFF, 0));
        dec("ip.len", FieldType.UINT16, "Total Length", "Bytes in the datagram, header included", u16(Layer.IPV4, 2, 0xFFFF, 0));
        hex("ip.id", FieldType.UINT16, "Identification", "Groups the fragments of one datagram", u16(Layer.IPV4, 4, 0xFFFF, 0));
        hex("ip.flags", FieldType.UINT8, "Flags", "Reserved, don't fragment, more fragments", u8(Layer.IPV4, 6, 0xE0, 5));
        dec("ip.flags.rb", FieldType.BOOLEAN, "Reserved bit", "Must be zero (RFC 3514 notwithstanding)", flag16(Layer.IPV4, 6, 0x8000));
        dec("ip.flags.df", FieldType.BOOLEAN, "Don't fragment", "Routers must not fragment this datagram", flag16(Layer.IPV4, 6, 0x4000));
        dec("ip.flags.mf", FieldType.BOOLEAN, "More fragments", "More fragments of this datagram follow", flag16(Layer.IPV4, 6, 0x2000));
        dec("ip.frag_offset", FieldType.UINT16, "Fragment Offset", "Position of this fragment, in bytes",
                each(Layer.IPV4, true, 6, 2, (c, p, b, at, i, f, s) -> s.unsigned(f, Ipv4Header.fragmentOffset(b, at))));
        dec("ip.ttl", FieldType.UINT8, "Time to Live", "Hops left before the datagram is discarded", u8(Layer.IPV4, 8, 0xFF, 0));
        dec("ip.proto", FieldType.UINT8, "Protocol", "What the datagram carries (6 TCP, 17 UDP, 1 ICMP)", u8(Layer.IPV4, 9, 0xFF, 0));
        hex("ip.checksum", FieldType.UINT16, "Header Checksum", "Internet checksum of the header", u16(Layer.IPV4, 10, 0xFFFF, 0));
        dec("ip.checksum.status", FieldType.UINT8, "Header checksum status", "0 bad, 1 good, 2 not verifiable",
                each(Layer.IPV4, true, 0, Ipv4Header.MIN_LENGTH, (c, p, b, at, i, f, s) -> s.unsigned(f, Checksums.ipv4Header(p, i))));
        dec("ip.src", FieldType.IPV4, "Source Address", "Sender of the datagram",
                each(Layer.IPV4, true, 12, 4, (c, p, b, at, i, f, s) -> s.ipv4(f, b.getInt(at + 12))));
        dec("ip.addr", FieldType.IPV4, "Source or Destination Address", "Either address",
                each(Layer.IPV4, true, 12, 8, (c, p, b, at, i, f, s) -> {
                    s.ipv4(f, b.getInt(at + 12));
                    s.ipv4(f, b.getInt(at + 16));
                }));
        dec("ip.dst", FieldType.IPV4, "Destination Address", "Receiver of the datagram",
                each(Layer.IPV4, true, 16, 4, (c, p, b, at, i, f, s) -> s.ipv4(f, b.getInt(at + 16))));

        // ---- IPv6 ----
        dec("ipv6", FieldType.PROTOCOL, "Internet Protocol Version 6", "IPv6 header", protocol(Layer.IPV6));
        dec("ipv6.version", FieldType.UINT8, "Version", "6", u8(Layer.IPV6, 0, 0xF0, 4));
        hex("ipv6.tclass", FieldType.UINT32, "Traffic Class", "DSCP and ECN",
                each(Layer.IPV6, true, 0, 2, (c, p, b, at, i, f, s) -> s.unsigned(f, Ipv6Header.trafficClass(b, at))));
        hex("ipv6.flow", FieldType.UINT24, "Flow Label", "Flow label",
                each(Layer.IPV6, true, 0, 4, (c, p, b, at, i, f, s) -> s.unsigned(f, Ipv6Header.flowLabel(b, at))));
        dec("ipv6.plen", FieldType.UINT16, "Payload Length", "Bytes after the fixed header", u16(Layer.IPV6, 4, 0xFFFF, 0));
        dec("ipv6.nxt", FieldType.UINT8, "Next Header", "The header that follows", u8(Layer.IPV6, 6, 0xFF, 0));
        dec("ipv6.hlim", FieldType.UINT8, "Hop Limit", "Hops left before the datagram is discarded", u8(Layer.IPV6, 7, 0xFF, 0));
        dec("ipv6.src", FieldType.IPV6, "Source Address", "Sender of the datagram",
                each(Layer.IPV6, true, 8, 16, (c, p, b, at, i, f, s) -> s.ipv6(f, b, at + 8)));
        dec("ipv6.addr", FieldType.IPV6, "Source or Destination Address", "Either address",
                each(Layer.IPV6, true, 8, 32, (c, p, b, at, i, f, s) -> {
                    s.ipv6(f, b, at + 8);
                    s.ipv6(f, b, at + 24);
                }));
        dec("ipv6.dst", FieldType.IPV6, "Destination Address", "Receiver of the datagram",
                each(Layer.IPV6, true, 24, 16, (c, p, b, at, i, f, s) -> s.ipv6(f, b, at + 24)));

        // ---- TCP ----
        dec("tcp", FieldType.PROTOCOL, "Transmission Control Protocol", "TCP segment header", protocol(Layer.TCP));
        dec("tcp.srcport", FieldType.UINT16, "Source Port", "Port of the sending socket", u16(Layer.TCP, 0, 0xFFFF, 0));
        dec("tcp.dstport", FieldType.UINT16, "Destination Port", "Port of the receiving socket", u16(Layer.TCP, 2, 0xFFFF, 0));
        dec("tcp.port", FieldType.UINT16, "Source or Destination Port", "Either port",
                each(Layer.TCP, true, 0, 4, (c, p, b, at, i, f, s) -> {
                    s.unsigned(f, TcpHeader.sourcePort(b, at));
                    s.unsigned(f, TcpHeader.destinationPort(b, at));
                }));
        dec("tcp.stream", FieldType.UINT32, "Stream index", "The conversation's number, from 0, by first packet",
                each(Layer.TCP, true, 0, 4, (c, p, b, at, i, f, s) -> {
                    TcpConversation conversation = conversationOf(c, i);
                    if (conversation != null) {
                        s.unsigned(f, conversation.stream());
                    }
                }));
        dec("tcp.completeness", FieldType.UINT8, "Conversation completeness",
                "Bits seen in the conversation: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST",
                each(Layer.TCP, true, 0, 4, (c, p, b, at, i, f, s) -> {
                    TcpConversation conversation = conversationOf(c, i);
                    if (conversation != null) {
                        // tshark -2 shows the final value on every frame but the conversation's
                        // first, which shows its first pass's (TcpConversation#shownOnFirstFrame).
                        int last = c.finals == null ? -1 : conversation.onFirstFrame()
                                ? c.finals.completenessOnFirstFrame(conversation.stream())
                                : c.finals.completeness(conversation.stream());
                        s.unsigned(f, last >= 0 ? last : conversation.completeness());
                    }
                }));
        dec("tcp.seq", FieldType.UINT32, "Sequence Number", "Relative to the direction's initial sequence number (ISN = 0)",
                each(Layer.TCP, true, 4, 4, (c, p, b, at, i, f, s) -> {
                    // A short segment is not analysed by tshark, so it keeps its raw number.
                    TcpSequenceNumbering n = p.tcpShortSegment(i) ? null : current(c, i);
                    s.unsigned(f, n != null ? n.relativeSeq() : TcpHeader.sequence(b, at) & 0xFFFFFFFFL);
                }));
        dec("tcp.seq_raw", FieldType.UINT32, "Sequence Number (raw)", "The sequence number as on the wire",
                each(Layer.TCP, true, 4, 4, (c, p, b, at, i, f, s) -> {
                    // tshark 4.0 adds it to a quoted header only inside an ICMPv6 error (checked on built quotes).
                    if (!p.quoted(i) || (!shortQuote(p, i) && quotedBy(p, i) == Layer.ICMPV6)) {
                        s.unsigned(f, TcpHeader.sequence(b, at) & 0xFFFFFFFFL);
                    }
                }));
        dec("tcp.nxtseq", FieldType.UINT32, "Next Sequence Number", "Relative seq + segment length (+1 for SYN and for FIN)",
                each(Layer.TCP, false, 0, ConversationTable.CONVERSATION_MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    TcpSequenceNumbering n = current(c, i);
                    if (n != null && knownSegmentLength(p, i)) {
                        int flags = TcpHeader.flags(b, at);
                        long next = n.relativeSeq() + tcpSegmentLength(p, i) + ((flags & TcpHeader.SYN) != 0 ? 1 : 0)
                                + ((flags & TcpHeader.FIN) != 0 ? 1 : 0);
                        s.unsigned(f, next & 0xFFFFFFFFL);
                    }
                }));
        dec("tcp.ack", FieldType.UINT32, "Acknowledgment Number", "Relative to the other direction's ISN: the next byte expected",
                each(Layer.TCP, true, 8, 4, (c, p, b, at, i, f, s) -> {
                    TcpSequenceNumbering n = p.tcpShortSegment(i) ? null : current(c, i);
                    s.unsigned(f, n != null ? n.relativeAck() : TcpHeader.acknowledgment(b, at) & 0xFFFFFFFFL);
                }));
        dec("tcp.ack_raw", FieldType.UINT32, "Acknowledgment number (raw)", "The acknowledgment number as on the wire",
                u32(Layer.TCP, 8));
        dec("tcp.len", FieldType.UINT32, "TCP Segment Len", "Payload bytes in this segment",
                each(Layer.TCP, false, 0, ConversationTable.CONVERSATION_MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    if (knownSegmentLength(p, i)) {
                        s.unsigned(f, tcpSegmentLength(p, i));
                    } else if (p.tcpBogusHeaderLength(i) && !p.inUnreassembledFragment(i) && !p.tcpShortSegment(i)) {
                        // tshark computes the length before it finds the header length bogus.
                        s.unsigned(f, p.reportedEnd(i) - p.start(i) - TcpHeader.headerLength(b, at));
                    }
                }));
        dec("tcp.hdr_len", FieldType.UINT8, "Header Length", "Header length in bytes (data offset × 4)",
                each(Layer.TCP, true, 12, 1, (c, p, b, at, i, f, s) -> s.unsigned(f, TcpHeader.headerLength(b, at))));
        hex("tcp.flags", FieldType.UINT16, "Flags", "The 12 flag bits", u16(Layer.TCP, 12, 0x0FFF, 0));
        dec("tcp.flags.res", FieldType.BOOLEAN, "Reserved", "Three reserved bits (must be zero)", flag16(Layer.TCP, 12, 0x0E00));
        dec("tcp.flags.ae", FieldType.BOOLEAN, "Accurate ECN", "AE (formerly NS)", ecnFlag(TcpHeader.AE));
        dec("tcp.flags.cwr", FieldType.BOOLEAN, "Congestion Window Reduced", "CWR", ecnFlag(TcpHeader.CWR));
        dec("tcp.flags.ece", FieldType.BOOLEAN, "ECN-Echo", "ECE", ecnFlag(TcpHeader.ECE));
        dec("tcp.flags.ace", FieldType.UINT8, "ACE", "AccECN's counter of CE-marked packets, in the AE, CWR and ECE bits "
                + "(RFC 9768) once both ends negotiated it",
                each(Layer.TCP, true, 12, 2, (c, p, b, at, i, f, s) -> {
                    TcpSequenceNumbering n = current(c, i);
                    if (n != null && n.accurateEcn()) {
                        int flags = TcpHeader.flags(b, at);
                        s.unsigned(f, ((flags & TcpHeader.AE) != 0 ? 4 : 0) | ((flags & TcpHeader.CWR) != 0 ? 2 : 0)
                                | ((flags & TcpHeader.ECE) != 0 ? 1 : 0));
                    }
                }));
        dec("tcp.flags.urg", FieldType.BOOLEAN, "Urgent", "URG: the urgent pointer is significant", flag16(Layer.TCP, 12, TcpHeader.URG));
        dec("tcp.flags.ack", FieldType.BOOLEAN, "Acknowledgment", "ACK flag: the acknowledgment number is significant",
                flag16(Layer.TCP, 12, TcpHeader.ACK));
        dec("tcp.flags.push", FieldType.BOOLEAN, "Push", "PSH: deliver to the application now", flag16(Layer.TCP, 12, TcpHeader.PSH));
        dec("tcp.flags.reset", FieldType.BOOLEAN, "Reset", "RST: abort the connection", flag16(Layer.TCP, 12, TcpHeader.RST));
        dec("tcp.flags.syn", FieldType.BOOLEAN, "Syn", "SYN: synchronize sequence numbers (opens)", flag16(Layer.TCP, 12, TcpHeader.SYN));
        dec("tcp.flags.fin", FieldType.BOOLEAN, "Fin", "FIN: no more data from the sender (closes)", flag16(Layer.TCP, 12, TcpHeader.FIN));
        dec("tcp.flags.str", FieldType.STRING, "TCP Flags", "One letter per set flag, \u00b7 for a clear one",
                each(Layer.TCP, true, 12, 2, (c, p, b, at, i, f, s) -> {
                    TcpSequenceNumbering n = current(c, i);
                    s.text(f, TcpText.flagLetters(TcpHeader.flags(b, at), n != null && n.accurateEcn()));
                }));
        dec("tcp.window_size_value", FieldType.UINT16, "Window", "The window field as on the wire", u16(Layer.TCP, 14, 0xFFFF, 0));
        dec("tcp.window_size", FieldType.UINT32, "Calculated window size", "The window scaled by the negotiated shift",
                each(Layer.TCP, true, 14, 2, (c, p, b, at, i, f, s) -> {
                    TcpSequenceNumbering n = current(c, i);
                    int shift = n != null ? n.windowShift() : TcpSequenceNumbering.SCALE_UNKNOWN;
                    long window = TcpHeader.window(b, at);
                    s.unsigned(f, shift >= 0 ? window << shift : window);
                }));
        dec("tcp.window_size_scalefactor", FieldType.INT32, "Window size scaling factor",
                "-1 when unknown, -2 when no scaling is used",
                each(Layer.TCP, false, 14, 2, (c, p, b, at, i, f, s) -> {
                    TcpSequenceNumbering n = current(c, i);
                    if (n != null && (TcpHeader.flags(b, at) & TcpHeader.SYN) == 0) {
                        int shift = n.windowShift();
                        s.signed(f, shift >= 0 ? 1L << shift : shift);
                    }
                }));
        hex("tcp.checksum", FieldType.UINT16, "Checksum", "Internet checksum over pseudo-header, header and data",
                u16(Layer.TCP, 16, 0xFFFF, 0));
        dec("tcp.checksum.status", FieldType.UINT8, "Checksum Status", "0 bad, 1 good, 2 not verifiable (cut by the snaplen)",
                each(Layer.TCP, false, 0, TcpHeader.MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    if (!p.tcpBogusHeaderLength(i)) {
                        s.unsigned(f, Checksums.transport(p, i));
                    }
                }));
        dec("tcp.urgent_pointer", FieldType.UINT16, "Urgent Pointer", "Offset of the end of urgent data", u16(Layer.TCP, 18, 0xFFFF, 0));
        dec("tcp.options", FieldType.BYTES, "TCP Options", "The option bytes",
                each(Layer.TCP, true, 0, TcpHeader.MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    int end = p.capturedHeaderEnd(i);
                    if (end > at + TcpHeader.MIN_LENGTH) {
                        s.bytes(f, b, at + TcpHeader.MIN_LENGTH, end - at - TcpHeader.MIN_LENGTH);
                    }
                }));
        dec("tcp.option_kind", FieldType.UINT8, "Kind", "Each option's kind",
                each(Layer.TCP, true, 0, TcpHeader.MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    int end = p.capturedHeaderEnd(i);
                    int last = -1;
                    for (int o = TcpOptions.first(b, at + TcpHeader.MIN_LENGTH, end); o >= 0; o = TcpOptions.next(b, o, end)) {
                        s.unsigned(f, TcpOptions.kind(b, o));
                        last = o;
                    }
                    // Wireshark lists each byte after an end-of-options as one more end (kind 0).
                    if (last >= 0 && TcpOptions.kind(b, last) == TcpHeader.OPT_END) {
                        for (int o = last + 1; o < end && b.get(o) == 0; o++) {
                            s.unsigned(f, TcpHeader.OPT_END);
                        }
                    }
                }));
        dec("tcp.options.mss_val", FieldType.UINT16, "MSS Value", "Largest segment the sender accepts",
                tcpOption(TcpHeader.OPT_MSS, 4, 2, 2));
        dec("tcp.options.wscale.shift", FieldType.UINT8, "Shift count", "Window scale: windows are shifted left by this",
                tcpOption(TcpHeader.OPT_WINDOW_SCALE, 3, 2, 1));
        dec("tcp.options.wscale.multiplier", FieldType.UINT16, "Multiplier", "2 to the shift count",
                each(Layer.TCP, true, 0, TcpHeader.MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    int end = p.capturedHeaderEnd(i);
                    int o = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, end, TcpHeader.OPT_WINDOW_SCALE);
                    if (o >= 0 && TcpOptions.complete(b, o, end, 3)) {
                        s.unsigned(f, 1L << Math.min(14, b.get(o + 2) & 0xFF));
                    }
                }));
        dec("tcp.options.sack_perm", FieldType.BYTES, "TCP SACK Permitted Option", "The sender accepts selective acknowledgments",
                tcpOption(TcpHeader.OPT_SACK_PERMITTED, 2, 0, 0));
        dec("tcp.options.timestamp.tsval", FieldType.UINT32, "Timestamp value", "Sender's timestamp clock",
                tcpOption(TcpHeader.OPT_TIMESTAMPS, 10, 2, 4));
        dec("tcp.options.timestamp.tsecr", FieldType.UINT32, "Timestamp echo reply", "Timestamp echoed from the other end",
                tcpOption(TcpHeader.OPT_TIMESTAMPS, 10, 6, 4));
        dec("tcp.payload", FieldType.BYTES, "TCP payload", "The segment's data (a RST's is tcp.reset_cause)",
                each(Layer.TCP, false, 0, TcpHeader.MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    int start = at + p.headerLength(i);
                    int end = p.capturedEnd(i);
                    if (end > start && (TcpHeader.flags(b, at) & TcpHeader.RST) == 0) {
                        s.bytes(f, b, start, end - start);
                    }
                }));
        dec("tcp.reset_cause", FieldType.STRING, "Reset cause",
                "Text a RST carries (RFC 9293, section 3.5.3: a RST may hold diagnostic data)",
                each(Layer.TCP, false, 0, TcpHeader.MIN_LENGTH, (c, p, b, at, i, f, s) -> {
                    int start = at + p.headerLength(i);
                    int end = p.capturedEnd(i);
                    if (end > start && (TcpHeader.flags(b, at) & TcpHeader.RST) != 0) {
                        StringBuilder text = new StringBuilder(end - start);
                        for (int k = start; k < end; k++) {
                            text.append((char) (b.get(k) & 0xFF));
                        }
                        s.text(f, text);
                    }
                }));

        // ---- TCP: Wireshark's sequence analysis (expert flags) ----
        dec("tcp.analysis", FieldType.NONE, "SEQ/ACK analysis",
                "The segment has a result of the sequence analysis (an acknowledged frame, bytes in flight, a flag)",
                analysis((c, a, f, s) -> {
                    if (a.hasResult()) {
                        s.bool(f, true);
                    }
                }));
        dec("tcp.analysis.flags", FieldType.NONE, "TCP Analysis Flags", "Any expert flag is set on this segment",
                analysis((c, a, f, s) -> {
                    if (a.flags() != 0) {
                        s.bool(f, true);
                    }
                }));
        for (ExpertFlag flag : ExpertFlag.values()) {
            dec(flag.field(), FieldType.NONE, flag.marker().substring(1, flag.marker().length() - 1), flag.meaning(),
                    analysis((c, a, f, s) -> {
                        if (flag.in(a.flags())) {
                            s.bool(f, true);
                            if (flag == ExpertFlag.DUPLICATE_ACK) {
                                // Wireshark adds both the field and the expert item of that name.
                                s.bool(f, true);
                            }
                        }
                        if (flag == ExpertFlag.RETRANSMISSION && (ExpertFlag.FAST_RETRANSMISSION.in(a.flags())
                                || ExpertFlag.SPURIOUS_RETRANSMISSION.in(a.flags()))) {
                            // A fast or spurious retransmission is also reported as a retransmission.
                            s.bool(f, true);
                        }
                    }));
        }
        dec("tcp.analysis.duplicate_ack_num", FieldType.UINT32, "Duplicate ACK #",
                "How many times this ACK was repeated so far (1 for the first repeat)",
                analysis((c, a, f, s) -> {
                    if (ExpertFlag.DUPLICATE_ACK.in(a.flags())) {
                        s.unsigned(f, a.dupAckNum());
                    }
                }));
        dec("tcp.analysis.duplicate_ack_frame", FieldType.FRAMENUM, "Duplicate to the ACK in frame",
                "The frame where the repeated ACK was first sent",
                analysis((c, a, f, s) -> {
                    if (ExpertFlag.DUPLICATE_ACK.in(a.flags())) {
                        s.unsigned(f, a.dupAckFrame());
                    }
                }));
        dec("tcp.analysis.acks_frame", FieldType.FRAMENUM, "This is an ACK to the segment in frame",
                "The frame whose segment this ACK acknowledges exactly",
                analysis((c, a, f, s) -> {
                    if (a.acksFrame() != 0) {
                        s.unsigned(f, a.acksFrame());
                    }
                }));
        dec("tcp.analysis.ack_rtt", FieldType.RELATIVE_TIME, "The RTT to ACK the segment was",
                "Time from the acknowledged segment to this ACK",
                analysis((c, a, f, s) -> {
                    if (a.acksFrame() != 0 && a.ackRttNanos() != 0) {
                        s.time(f, a.ackRttNanos());
                    }
                }));
        dec("tcp.analysis.bytes_in_flight", FieldType.UINT32, "Bytes in flight",
                "Bytes this side has sent and the other has not acknowledged yet, this segment included",
                analysis((c, a, f, s) -> {
                    if (a.bytesInFlight() != 0) {
                        s.unsigned(f, a.bytesInFlight());
                    }
                }));
        dec("tcp.analysis.push_bytes_sent", FieldType.UINT32, "Bytes sent since last PSH flag",
                "Payload bytes since the sender last set PSH",
                analysis((c, a, f, s) -> {
                    // Wireshark shows it beside the bytes in flight only.
                    if (a.pushBytesSent() != 0 && a.bytesInFlight() != 0) {
                        s.unsigned(f, a.pushBytesSent());
                    }
                }));
        dec("tcp.analysis.rto", FieldType.RELATIVE_TIME, "The RTO for this segment was",
                "For a retransmission: time since the oldest unacknowledged segment",
                analysis((c, a, f, s) -> {
                    if (ExpertFlag.RETRANSMISSION.in(a.flags()) && a.rtoNanos() != 0) {
                        s.time(f, a.rtoNanos());
                    }
                }));
        dec("tcp.analysis.rto_frame", FieldType.FRAMENUM, "RTO based on delta from frame",
                "For a retransmission: the frame of the oldest unacknowledged segment",
                analysis((c, a, f, s) -> {
                    if (ExpertFlag.RETRANSMISSION.in(a.flags()) && a.rtoNanos() != 0) {
                        s.unsigned(f, a.rtoFrame());
                    }
                }));
        dec("tcp.analysis.initial_rtt", FieldType.RELATIVE_TIME, "iRTT",
                "Initial round-trip time: the last SYN to the first pure ACK after it",
                analysis((c, a, f, s) -> {
                    // Shown in the segment's analysis tree, which Wireshark builds only when the
                    // segment has some result (a flag, an acknowledged frame, bytes in flight).
                    if (a.initialRttNanos() != 0 && a.hasResult()) {
                        s.time(f, a.initialRttNanos());
                    }
                }));
        TcpDetailFields.declare();

        dec("tcplens.note", FieldType.STRING, "Validation note",
                "A handshake or teardown rule this segment breaks: synack_wrong_ack, ack_wrong_ack_in_handshake, "
                        + "data_on_syn, fin_invalid_ack, segment_out_of_window, rst_out_of_window, syn_on_established",
                analysis((c, a, f, s) -> {
                    for (ValidationNote note : NOTES) {
                        if (note.in(a.notes())) {
                            s.text(f, note.shortName());
                        }
                    }
                }));

        // ---- UDP ----
        dec("udp", FieldType.PROTOCOL, "User Datagram Protocol", "UDP header", protocol(Layer.UDP));
        dec("udp.srcport", FieldType.UINT16, "Source Port", "Port of the sending socket", u16(Layer.UDP, 0, 0xFFFF, 0));
        dec("udp.dstport", FieldType.UINT16, "Destination Port", "Port of the receiving socket", u16(Layer.UDP, 2, 0xFFFF, 0));
        dec("udp.port", FieldType.UINT16, "Source or Destination Port", "Either port",
                each(Layer.UDP, true, 0, 4, (c, p, b, at, i, f, s) -> {
                    s.unsigned(f, b.getShort(at) & 0xFFFF);
                    s.unsigned(f, b.getShort(at + 2) & 0xFFFF);
                }));
        dec("udp.stream", FieldType.UINT32, "Stream index", "The UDP conversation's number, from 0, by first datagram",
                each(Layer.UDP, true, 0, 8, (c, p, b, at, i, f, s) -> {
                    long stream = c.udpStreams().stream(i);
                    if (stream >= 0) {
                        s.unsigned(f, stream);
                    }
                }));
        dec("udp.time_relative", FieldType.RELATIVE_TIME, "Time since first frame", "Capture time since the UDP stream's first datagram",
                udpTime(false));
        dec("udp.time_delta", FieldType.RELATIVE_TIME, "Time since previous frame",
                "Capture time since the UDP stream's previous datagram with data", udpTime(true));
        dec("udp.length", FieldType.UINT16, "Length", "Bytes in the datagram, header included", u16(Layer.UDP, 4, 0xFFFF, 0));
        hex("udp.checksum", FieldType.UINT16, "Checksum", "Internet checksum (0: none, over IPv4)", u16(Layer.UDP, 6, 0xFFFF, 0));
        dec("udp.checksum.status", FieldType.UINT8, "Checksum Status", "0 bad, 1 good, 2 not verifiable",
                each(Layer.UDP, false, 0, 8, (c, p, b, at, i, f, s) -> s.unsigned(f, Checksums.transport(p, i))));

        // ---- ICMP ----
        dec("icmp", FieldType.PROTOCOL, "Internet Control Message Protocol", "ICMP message", protocol(Layer.ICMP));
        dec("icmp.type", FieldType.UINT8, "Type", "Message type (3 unreachable, 8 echo request, 0 echo reply, 11 time exceeded)",
                u8(Layer.ICMP, 0, 0xFF, 0));
        dec("icmp.code", FieldType.UINT8, "Code", "Refines the type", u8(Layer.ICMP, 1, 0xFF, 0));
        hex("icmp.checksum", FieldType.UINT16, "Checksum", "Internet checksum of the message", u16(Layer.ICMP, 2, 0xFFFF, 0));
        // The identifier and sequence number of the query messages (RFC 792: echo, timestamp,
        // information and address-mask requests and replies; RFC 8335's extended echo has the
        // identifier only), each read both ways as Wireshark does, since stacks differ in the byte
        // order they count in. A query quoted inside an error has them too, as in tshark.
        dec("icmp.ident", FieldType.UINT16, "Identifier (BE)", "Query identifier, read big-endian",
                icmpQuery(4, false, true));
        dec("icmp.ident_le", FieldType.UINT16, "Identifier (LE)", "The same two bytes read little-endian",
                icmpQuery(4, true, true));
        dec("icmp.seq", FieldType.UINT16, "Sequence Number (BE)", "Query sequence number, read big-endian",
                icmpQuery(6, false, false));
        dec("icmp.seq_le", FieldType.UINT16, "Sequence Number (LE)", "The same two bytes read little-endian",
                icmpQuery(6, true, false));
        dec("icmp.resp_to", FieldType.FRAMENUM, "Request frame", "For an echo reply, the frame of the request it answers",
                echoReply(Layer.ICMP));
        dec("icmp.resptime", FieldType.DOUBLE, "Response time", "For an echo reply, the time since its request, in ms",
                echoResponseTime(Layer.ICMP));
        dec("icmp.data_time", FieldType.ABSOLUTE_TIME, "Timestamp from icmp data",
                "A time the sender put first in an echo's data (ping does), when it lies within a day of the packet's",
                echoDataTime(false));
        dec("icmp.data_time_relative", FieldType.RELATIVE_TIME, "Timestamp from icmp data (relative)",
                "The packet's time since the time in its echo data", echoDataTime(true));
        dec("icmpv6", FieldType.PROTOCOL, "Internet Control Message Protocol v6", "ICMPv6 message", protocol(Layer.ICMPV6));
        dec("icmpv6.type", FieldType.UINT8, "Type", "Message type (1 unreachable, 128 echo request, 135 neighbour solicitation)",
                u8(Layer.ICMPV6, 0, 0xFF, 0));
        dec("icmpv6.code", FieldType.UINT8, "Code", "Refines the type", u8(Layer.ICMPV6, 1, 0xFF, 0));
        hex("icmpv6.checksum", FieldType.UINT16, "Checksum", "Internet checksum with the pseudo-header", u16(Layer.ICMPV6, 2, 0xFFFF, 0));
        // Echo request and reply (RFC 4443, section 4); RFC 8335's extended echo has the identifier only.
        hex("icmpv6.echo.identifier", FieldType.UINT16, "Identifier", "Matches an echo reply to its request",
                each(Layer.ICMPV6, true, 4, 2, (c, p, b, at, i, f, s) -> {
                    int type = b.get(at) & 0xFF;
                    if (type == IcmpTypes.ICMPV6_ECHO_REQUEST || type == IcmpTypes.ICMPV6_ECHO_REPLY
                            || type == IcmpTypes.ICMPV6_EXTENDED_ECHO_REQUEST || type == IcmpTypes.ICMPV6_EXTENDED_ECHO_REPLY) {
                        s.unsigned(f, b.getShort(at + 4) & 0xFFFF);
                    }
                }));
        dec("icmpv6.echo.sequence_number", FieldType.UINT16, "Sequence", "Numbers the echo requests of one identifier",
                each(Layer.ICMPV6, true, 6, 2, (c, p, b, at, i, f, s) -> {
                    int type = b.get(at) & 0xFF;
                    if (type == IcmpTypes.ICMPV6_ECHO_REQUEST || type == IcmpTypes.ICMPV6_ECHO_REPLY) {
                        s.unsigned(f, b.getShort(at + 6) & 0xFFFF);
                    }
                }));
        dec("icmpv6.resp_to", FieldType.FRAMENUM, "Response To", "For an echo reply, the frame of the request it answers",
                echoReply(Layer.ICMPV6));
        dec("icmpv6.resptime", FieldType.DOUBLE, "Response Time", "For an echo reply, the time since its request, in ms",
                echoResponseTime(Layer.ICMPV6));

        // ---- data ----
        dec("data", FieldType.PROTOCOL, "Data", "Bytes no decoder claimed", protocol(Layer.DATA));
        dec("data.len", FieldType.INT32, "Length", "Bytes of data",
                each(Layer.DATA, false, 0, 0, (c, p, b, at, i, f, s) -> s.signed(f, p.reportedEnd(i) - at)));

        // ---- tcplens: the connection's verdicts, final values on every packet of it ----
        dec("tcplens.handshake", FieldType.STRING, "Handshake",
                "How the connection opened: three_way, refused, no_reply, simultaneous_open, ... (tcplens conns)",
                verdict(StreamFinals.HANDSHAKE));
        dec("tcplens.teardown", FieldType.STRING, "Teardown",
                "How the connection closed: four_way, three_packet, reset, half_closed, not_seen, ... (tcplens conns)",
                verdict(StreamFinals.TEARDOWN));
        dec("tcplens.conn_state", FieldType.STRING, "Zeek conn_state",
                "Zeek's summary of the connection: S0, S1, SF, REJ, RSTO, RSTR, SH, OTH, ...",
                verdict(StreamFinals.CONN_STATE));

        ApplicationFields.declare();
        DnsFields.declare();
        QuicFields.declare();
    }

    /** Reads the sequence analysis of the packet's own TCP segment. */
    @FunctionalInterface
    private interface AnalysisField {
        void visit(PacketContext c, SequenceAnalysis analysis, Field f, FieldSink s);
    }

    /**
     * A field of Wireshark's sequence analysis: present only when the packet's own segment was
     * analysed, or its ICMP error quoted a header that tshark reports on (reused ports).
     */
    private static Field.Extractor analysis(AnalysisField visit) {
        return (c, f, s) -> {
            int tcp = c.packet.tcp();
            TcpSequenceNumbering n = tcp >= 0 ? current(c, tcp) : null;
            if (tcp < 0 && c.tcp != null && c.tcp.quotedConversation() != null) {
                n = c.tcp;
                tcp = c.tcp.quotedLayer();
            }
            SequenceAnalysis a = n != null ? n.analysis() : null;
            // The packet's own segment shows none when the capture cut its options (Packet.tcpHeaderCaptured).
            boolean printed = tcp < 0 || tcp != c.packet.tcp() || c.packet.tcpHeaderCaptured(tcp);
            if (a != null && a.analysed() && c.inFocus(tcp) && printed) {
                visit.visit(c, a, f, s);
            }
        };
    }

    /** A connection verdict of the packet's own TCP conversation, from the first pass. */
    private static Field.Extractor verdict(int slot) {
        return (c, f, s) -> {
            int tcp = c.packet.tcp();
            if (tcp < 0 || c.finals == null || !c.inFocus(tcp)) {
                return;
            }
            TcpConversation conversation = conversationOf(c, tcp);
            if (conversation != null) {
                String name = StreamVerdicts.name(slot, c.finals.verdict(conversation.stream(), slot));
                if (name != null) {
                    s.text(f, name);
                }
            }
        };
    }

    /** The conversation of the packet's own TCP layer, or of the one quoted in its ICMP error. */
    static TcpConversation conversationOf(PacketContext c, int tcp) {
        if (c.tcp == null) {
            return null;
        }
        if (tcp == c.packet.tcp()) {
            return c.tcp.known() ? c.tcp.conversation() : null;
        }
        return c.packet.quoted(tcp) ? c.tcp.quotedConversation() : null;
    }

    static TcpSequenceNumbering current(PacketContext c, int tcp) {
        return tcp == c.packet.tcp() && c.tcp != null && c.tcp.known() ? c.tcp : null;
    }

    static void protocolStack(Packet p, StringBuilder out) {
        for (int i = 0; i < p.layerCount(); i++) {
            Layer l = p.layer(i);
            // An IPv6 header of another version is left out: tshark shows its bytes as data. As
            // the first layer (the raw IPv6 link type) nothing follows it: tshark 4.0 lists no
            // protocol at all there, not even the data.
            if (i > 0 && l.leftOutOfProtocols(p.layer(i - 1)) || p.ipv6Refused(i) || i == 1 && p.ipv6Refused(0)) {
                continue;
            }
            if (i > 0) {
                out.append(':');
            }
            if (l == Layer.FABRICPATH) {
                // Ethernet's dissector ran first and handed the frame to FabricPath's heuristic.
                out.append("eth:");
            }
            out.append(l.protocolName());
            if (l == Layer.TCP) {
                for (int m = p.tcpMptcpOptions(i); m > 0; m--) {
                    out.append(":mptcp");
                }
            }
            // A tag whose own dissector reads the next header (802.1ad's with an I-TAG) hands on
            // by EtherType after that header.
            int last = i + 1 < p.layerCount() && p.layer(i + 1).leftOutOfProtocols(l) ? i + 1 : i;
            if (l.handsOnByEtherType() && last + 1 < p.layerCount() && p.layer(last + 1) != Layer.LLC) {
                out.append(":ethertype");
            }
        }
    }
}
