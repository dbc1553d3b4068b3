package io.tcplens.field;

import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.decode.TcpOptions;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.TcpConversation;
import io.tcplens.flow.TcpSequenceNumbering;
import java.nio.ByteBuffer;

/**
 * The TCP fields Wireshark users filter on beside the header's own: each option's length and
 * what SACK, Fast Open and experimental options carry, the connection's expert notes (SYN,
 * SYN-ACK, FIN and who closes first, RST), the times since the stream's first and previous
 * frame, and the notes on malformed headers. Each follows packet-tcp.c of Wireshark 4.0, which
 * decides where a field appears as much as its value does; every field was compared with tshark
 * 4.0.17 on the shared captures (testdata/tshark/*.tcp-detail.tsv).
 */
final class TcpDetailFields {
    private TcpDetailFields() { }

    /** One option that Wireshark's option loop reaches. */
    @FunctionalInterface
    private interface OptionVisit {
        /** @param o the option's start; {@code length} is 1 for end-of-list and no-operation */
        void option(int o, int kind, int length);
    }

    /** How Wireshark's option loop ended (packet-tcp.c, tcp_dissect_options). */
    private enum LoopEnd {
        /** Every option was read. */
        COMPLETE,
        /** An option's length byte is missing, below 2, or runs past the header: "ei_tcp_opt_len_invalid". */
        INVALID_LENGTH,
        /** A non-zero byte after the end-of-list option: "Non-zero header padding". */
        BYTES_AFTER_END,
        /** The capture ends inside the options: reading on throws, and nothing after is shown. */
        CUT
    }

    /**
     * Walks the options of the TCP header at layer {@code i} as Wireshark's loop does: no-op and
     * end-of-list are one byte, and bytes after an end-of-list are more end-of-lists until a
     * non-zero one; any other option needs a length byte of at least 2 that fits the header
     * (an option that does not ends the walk). An option whose value the capture cut is visited
     * (its kind and length were read) and ends the walk.
     */
    private static LoopEnd walk(Packet p, int i, OptionVisit visit) {
        if (p.tcpBogusHeaderLength(i) || !p.has(i, 0, TcpHeader.MIN_LENGTH)) {
            return LoopEnd.CUT;
        }
        ByteBuffer b = p.buffer(i);
        int at = p.start(i);
        int end = at + TcpHeader.headerLength(b, at);
        int captured = p.capturedEnd(i);
        boolean endSeen = false;
        for (int o = at + TcpHeader.MIN_LENGTH; o < end; ) {
            if (o >= captured) {
                return LoopEnd.CUT;
            }
            int kind = b.get(o) & 0xFF;
            if (endSeen && kind != TcpHeader.OPT_END) {
                return LoopEnd.BYTES_AFTER_END;
            }
            if (kind == TcpHeader.OPT_END || kind == TcpHeader.OPT_NOP) {
                visit.option(o, kind, 1);
                endSeen |= kind == TcpHeader.OPT_END;
                o++;
                continue;
            }
            if (o + 1 >= end) {
                return LoopEnd.INVALID_LENGTH;
            }
            if (o + 1 >= captured) {
                return LoopEnd.CUT;
            }
            int length = b.get(o + 1) & 0xFF;
            if (length < 2 || o + length > end) {
                return LoopEnd.INVALID_LENGTH;
            }
            visit.option(o, kind, length);
            if (o + length > captured) {
                return LoopEnd.CUT;
            }
            o += length;
        }
        return LoopEnd.COMPLETE;
    }

    /** A field of each TCP header (quoted ones too) whose fixed part was captured. */
    private static Field.Extractor options(Fields.LayerField visit) {
        return Fields.each(Layer.TCP, true, 0, TcpHeader.MIN_LENGTH, visit);
    }

    /**
     * True when Wireshark's dissector of the option says its length is wrong ("ei_tcp_opt_len_invalid"):
     * a fixed length other than its kind's (tcp_option_len_check), or one its kind does not allow.
     */
    private static boolean wrongLength(ByteBuffer b, int o, int kind, int length, int captured) {
        return switch (kind) {
            case TcpHeader.OPT_MSS, TcpHeader.OPT_USER_TIMEOUT -> length != 4;
            case TcpHeader.OPT_WINDOW_SCALE -> length != 3;
            case TcpHeader.OPT_SACK_PERMITTED, OPT_RECORD_BOUNDARY, OPT_CORRUPTION_EXPERIENCED -> length != 2;
            case TcpHeader.OPT_TIMESTAMPS -> length != 10;
            case TcpHeader.OPT_ECHO, TcpHeader.OPT_ECHO_REPLY, TcpHeader.OPT_CC, TcpHeader.OPT_CC_NEW, TcpHeader.OPT_CC_ECHO,
                    OPT_SNACK -> length != 6;
            case TcpHeader.OPT_MD5 -> length != 18;
            case OPT_QUICK_START -> length != 8;
            case TcpHeader.OPT_AUTHENTICATION -> length < 4;
            case TcpHeader.OPT_ACCECN_0, TcpHeader.OPT_ACCECN_1 -> length != 2 && length != 5 && length != 8 && length != 11;
            case TcpHeader.OPT_EXPERIMENTAL, TcpHeader.OPT_EXPERIMENTAL_FD -> {
                if (length < 4) {
                    yield true;
                }
                int exid = o + 4 <= captured ? b.getShort(o + 2) & 0xFFFF : -1;
                yield exid == TcpHeader.EXID_ACK_RATE_REQUEST ? length != 4 && length != 5
                        : (exid == TcpHeader.EXID_ACCECN_0 || exid == TcpHeader.EXID_ACCECN_1)
                        && length != 4 && length != 7 && length != 10 && length != 13;
            }
            default -> false;
        };
    }

    /** SCPS's options (CCSDS 714.0-B-2) and RFC 4782's Quick-Start response, which Wireshark reads. */
    private static final int OPT_SNACK = 21;
    private static final int OPT_RECORD_BOUNDARY = 22;
    private static final int OPT_CORRUPTION_EXPERIENCED = 23;
    private static final int OPT_QUICK_START = 27;

    /**
     * A SACK option's blocks as Wireshark reads them (dissect_tcpopt_sack): edges relative to the
     * acknowledgment number's base when the packet's numbering knows it, a block cut short is
     * "malformed" and ends the reading, and a first block at or below the acknowledgment number
     * (or inside the second block) is a D-SACK (RFC 2883, section 4).
     */
    private record Sack(long[] left, long[] right, int count, boolean leftOnly, boolean malformed, boolean dsack) {
        static Sack read(ByteBuffer b, int o, int length, int captured, long base, long ack) {
            int blocks = (length - 2) / 8 + 1;
            long[] left = new long[blocks];
            long[] right = new long[blocks];
            int count = 0;
            boolean leftOnly = false;
            boolean malformed = false;
            int remaining = length - 2;
            for (int e = o + 2; remaining > 0; e += 8) {
                if (remaining < 4 || e + 4 > captured) {
                    malformed = remaining < 4;
                    break;
                }
                left[count] = ((b.getInt(e) & 0xFFFFFFFFL) - base) & 0xFFFFFFFFL;
                remaining -= 4;
                if (remaining < 4 || e + 8 > captured) {
                    malformed = remaining < 4;
                    leftOnly = true;
                    break;
                }
                right[count] = ((b.getInt(e + 4) & 0xFFFFFFFFL) - base) & 0xFFFFFFFFL;
                remaining -= 4;
                count++;
            }
            boolean dsack = count > 0 && ((int) (right[0] - ack) <= 0
                    || count > 1 && (int) (left[1] - right[0]) < 0 && (int) (right[1] - right[0]) >= 0);
            return new Sack(left, right, count, leftOnly, malformed, dsack);
        }
    }

    /** The SACK options of the TCP header at layer {@code i}, read with its numbering's bases. */
    private static void eachSack(PacketContext c, Packet p, ByteBuffer b, int at, int i, java.util.function.Consumer<Sack> visit) {
        TcpSequenceNumbering n = Fields.current(c, i);
        int flags = TcpHeader.flags(b, at);
        long rawAck = TcpHeader.acknowledgment(b, at) & 0xFFFFFFFFL;
        // The base is the other side's, as the Info column's SLE/SRE (PacketSummary.tcpOptionsInfo).
        long base = n != null ? (rawAck - n.relativeAck()) & 0xFFFFFFFFL : 0;
        long ack = (flags & TcpHeader.ACK) != 0 ? (rawAck - base) & 0xFFFFFFFFL : rawAck;
        int captured = p.capturedEnd(i);
        walk(p, i, (o, kind, length) -> {
            if (kind == TcpHeader.OPT_SACK) {
                visit.accept(Sack.read(b, o, length, captured, base, ack));
            }
        });
    }

    static void declare() {
        Fields.dec("tcp.option_len", FieldType.UINT8, "Length", "Each option's length byte (kind and length bytes included)",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    if (kind != TcpHeader.OPT_END && kind != TcpHeader.OPT_NOP) {
                        s.unsigned(f, length);
                    }
                })));
        Fields.dec("tcp.nop", FieldType.NONE, "4 NOP in a row - a router may have removed some options",
                "Four no-operation options in a row, not each at the start of a 32-bit word (packet-tcp.c counts them so)",
                options((c, p, b, at, i, f, s) -> {
                    int[] inRow = {0};
                    walk(p, i, (o, kind, length) -> {
                        if (kind == TcpHeader.OPT_NOP) {
                            // Wireshark's count: a no-op at a word boundary after others restarts it at 0.
                            if (inRow[0] == 0 || (o - at) % 4 != 0) {
                                if (++inRow[0] == 4) {
                                    s.bool(f, true);
                                }
                            } else {
                                inRow[0] = 0;
                            }
                        }
                    });
                }));
        Fields.dec("tcp.options.mss.present", FieldType.NONE, "The non-SYN packet does contain a MSS option",
                "An MSS option outside a SYN (RFC 9293, 3.7.1: only a SYN may carry it)",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    if (kind == TcpHeader.OPT_MSS && (TcpHeader.flags(b, at) & TcpHeader.SYN) == 0) {
                        s.bool(f, true);
                    }
                })));
        Fields.dec("tcp.options.mss.absent", FieldType.NONE, "The SYN packet does not contain a MSS option",
                "A SYN with options but none of them an MSS (the peer then assumes 536 bytes, RFC 9293 3.7.1)",
                options((c, p, b, at, i, f, s) -> {
                    if ((TcpHeader.flags(b, at) & TcpHeader.SYN) == 0 || TcpHeader.headerLength(b, at) <= TcpHeader.MIN_LENGTH) {
                        return;
                    }
                    boolean[] mss = {false};
                    if (walk(p, i, (o, kind, length) -> mss[0] |= kind == TcpHeader.OPT_MSS) == LoopEnd.COMPLETE && !mss[0]) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("tcp.options.wscale.shift.invalid", FieldType.NONE, "Window scale shift exceeds 14",
                "A window scale over 14, which RFC 7323 (2.3) says to log and take as 14",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    if (kind == TcpHeader.OPT_WINDOW_SCALE && length == 3 && o + 3 <= p.capturedEnd(i) && (b.get(o + 2) & 0xFF) > 14) {
                        s.bool(f, true);
                    }
                })));
        Fields.dec("tcp.option.len.invalid", FieldType.NONE, "Invalid length for option",
                "An option whose length byte is missing, too short, runs past the header, or is not its kind's",
                options((c, p, b, at, i, f, s) -> {
                    LoopEnd end = walk(p, i, (o, kind, length) -> {
                        if (wrongLength(b, o, kind, length, p.capturedEnd(i))) {
                            s.bool(f, true);
                        }
                    });
                    if (end == LoopEnd.INVALID_LENGTH) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("tcp.non_zero_bytes_after_eol", FieldType.NONE, "Non-zero header padding",
                "A byte other than zero after the end-of-option-list option",
                options((c, p, b, at, i, f, s) -> {
                    if (walk(p, i, (o, kind, length) -> { }) == LoopEnd.BYTES_AFTER_END) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("tcp.options.sack_le", FieldType.UINT32, "TCP SACK Left Edge",
                "Each SACK block's first sequence number received (relative)",
                options((c, p, b, at, i, f, s) -> eachSack(c, p, b, at, i, sack -> {
                    for (int k = 0; k < sack.count() + (sack.leftOnly() ? 1 : 0); k++) {
                        s.unsigned(f, sack.left()[k]);
                    }
                })));
        Fields.dec("tcp.options.sack_re", FieldType.UINT32, "TCP SACK Right Edge",
                "Each SACK block's sequence number after its last byte received (relative)",
                options((c, p, b, at, i, f, s) -> eachSack(c, p, b, at, i, sack -> {
                    for (int k = 0; k < sack.count(); k++) {
                        s.unsigned(f, sack.right()[k]);
                    }
                })));
        Fields.dec("tcp.options.sack.count", FieldType.UINT8, "TCP SACK Count", "Blocks in the SACK option",
                options((c, p, b, at, i, f, s) -> eachSack(c, p, b, at, i, sack -> s.unsigned(f, sack.count()))));
        Fields.dec("tcp.options.sack.dsack_le", FieldType.UINT32, "TCP D-SACK Left Edge",
                "A duplicate SACK's first sequence number (RFC 2883: data received twice)",
                options((c, p, b, at, i, f, s) -> eachSack(c, p, b, at, i, sack -> {
                    if (sack.dsack()) {
                        s.unsigned(f, sack.left()[0]);
                    }
                })));
        Fields.dec("tcp.options.sack.dsack_re", FieldType.UINT32, "TCP D-SACK Right Edge",
                "A duplicate SACK's sequence number after its last byte",
                options((c, p, b, at, i, f, s) -> eachSack(c, p, b, at, i, sack -> {
                    if (sack.dsack()) {
                        s.unsigned(f, sack.right()[0]);
                    }
                })));
        Fields.dec("tcp.options.sack.dsack", FieldType.NONE, "D-SACK Sequence",
                "The first SACK block reports data received twice (RFC 2883, section 4)",
                options((c, p, b, at, i, f, s) -> eachSack(c, p, b, at, i, sack -> {
                    if (sack.dsack()) {
                        s.bool(f, true);
                    }
                })));
        Fields.dec("tcp.suboption_malformed", FieldType.NONE, "suboption would go past end of option",
                "A SACK option whose length is not 2 plus a multiple of 8",
                options((c, p, b, at, i, f, s) -> eachSack(c, p, b, at, i, sack -> {
                    if (sack.malformed()) {
                        s.bool(f, true);
                    }
                })));
        Fields.dec("tcp.options.tfo.request", FieldType.NONE, "Fast Open Cookie Request",
                "A Fast Open option without a cookie: the client asks for one (RFC 7413, 4.1.1)",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    int cookie = TcpOptions.fastOpenCookieStart(b, o, p.capturedEnd(i));
                    if (cookie >= 0 && cookie == o + length) {
                        s.bool(f, true);
                    }
                })));
        Fields.dec("tcp.options.tfo.cookie", FieldType.BYTES, "Fast Open Cookie",
                "The Fast Open cookie the server gave (RFC 7413, 4.1.1)",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    int cookie = TcpOptions.fastOpenCookieStart(b, o, p.capturedEnd(i));
                    if (cookie >= 0 && cookie < o + length && o + length <= p.capturedEnd(i)) {
                        s.bytes(f, b, cookie, o + length - cookie);
                    }
                })));
        Fields.dec("tcp.analysis.tfo_syn", FieldType.NONE, "TCP SYN with TFO Cookie",
                "A SYN carrying a Fast Open cookie: data may come with it (RFC 7413)",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    int cookie = TcpOptions.fastOpenCookieStart(b, o, p.capturedEnd(i));
                    if (cookie >= 0 && cookie < o + length
                            && (TcpHeader.flags(b, at) & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN) {
                        s.bool(f, true);
                    }
                })));
        Fields.dec("tcp.analysis.tfo_ack", FieldType.NONE, "TCP SYN-ACK accepting TFO data",
                "A SYN-ACK that acknowledges more than the SYN: the server took the SYN's data (RFC 7413)",
                synAck((ack, conversation) -> ack > 1));
        Fields.dec("tcp.analysis.tfo_ignored", FieldType.NONE, "TCP SYN-ACK ignoring TFO data",
                "A SYN-ACK that acknowledges only the SYN although a SYN with a Fast Open cookie carried data",
                synAck((ack, conversation) -> ack <= 1 && conversation != null && conversation.fastOpenSynData()));
        Fields.hex("tcp.options.experimental.exid", FieldType.UINT16, "Experiment Identifier",
                "An experimental option's ExID (RFC 6994)",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    if (TcpOptions.experimental(kind) && length >= 4 && o + 4 <= p.capturedEnd(i)) {
                        s.unsigned(f, b.getShort(o + 2) & 0xFFFF);
                    }
                })));
        Fields.dec("tcp.options.experimental.data", FieldType.BYTES, "Data",
                "What an experimental option of an experiment Wireshark does not read carries",
                options((c, p, b, at, i, f, s) -> walk(p, i, (o, kind, length) -> {
                    if (TcpOptions.experimental(kind) && length > 4 && o + length <= p.capturedEnd(i)) {
                        int exid = b.getShort(o + 2) & 0xFFFF;
                        if (exid != TcpHeader.EXID_FAST_OPEN && exid != TcpHeader.EXID_ACK_RATE_REQUEST
                                && exid != TcpHeader.EXID_ACCECN_0 && exid != TcpHeader.EXID_ACCECN_1) {
                            s.bytes(f, b, o + 4, length - 4);
                        }
                    }
                })));

        Fields.dec("tcp.connection.syn", FieldType.NONE, "Connection establish request (SYN)",
                "A SYN without ACK: the first step of the handshake (RFC 9293, 3.5)",
                flags((flags, initiator, direction) -> (flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN));
        Fields.dec("tcp.connection.synack", FieldType.NONE, "Connection establish acknowledge (SYN+ACK)",
                "A SYN with ACK: the handshake's second step", flags((flags, initiator, direction) ->
                        (flags & (TcpHeader.SYN | TcpHeader.ACK)) == (TcpHeader.SYN | TcpHeader.ACK)));
        Fields.dec("tcp.connection.fin", FieldType.NONE, "Connection finish (FIN)", "A FIN: its sender has no more data",
                flags((flags, initiator, direction) -> (flags & TcpHeader.FIN) != 0));
        Fields.dec("tcp.connection.fin_active", FieldType.NONE, "This frame initiates the connection closing",
                "A FIN of the side that sent the conversation's first FIN (the active close, RFC 9293 3.6)",
                flags((flags, initiator, direction) -> (flags & TcpHeader.FIN) != 0 && initiator == direction));
        Fields.dec("tcp.connection.fin_passive", FieldType.NONE, "This frame undergoes the connection closing",
                "A FIN of the side that received the first FIN (the passive close)",
                flags((flags, initiator, direction) -> (flags & TcpHeader.FIN) != 0 && initiator != direction));
        Fields.dec("tcp.connection.rst", FieldType.NONE, "Connection reset (RST)", "A RST: the connection is aborted",
                flags((flags, initiator, direction) -> (flags & TcpHeader.RST) != 0));
        Fields.dec("tcp.ack.nonzero", FieldType.NONE,
                "The acknowledgment number field is nonzero while the ACK flag is not set",
                "Bytes in the acknowledgment field of a segment without ACK: a fingerprinting hint",
                header(ConversationTable.CONVERSATION_MIN_LENGTH, (b, at) -> (TcpHeader.flags(b, at) & TcpHeader.ACK) == 0 && TcpHeader.acknowledgment(b, at) != 0));
        Fields.dec("tcp.urgent_pointer.non_zero", FieldType.NONE,
                "The urgent pointer field is nonzero while the URG flag is not set",
                "An urgent pointer without URG, which RFC 9293 says to ignore",
                header(TcpHeader.MIN_LENGTH, (b, at) -> (TcpHeader.flags(b, at) & TcpHeader.URG) == 0 && TcpHeader.urgentPointer(b, at) != 0));
        Fields.dec("tcp.time_relative", FieldType.RELATIVE_TIME, "Time since first frame in this TCP stream",
                "Capture time since the stream's first frame",
                times((c, conversation, f, s) -> s.spanBetween(f, c.packet.record().epochSeconds(), c.packet.record().nanos(),
                        conversation.firstSeconds(), conversation.firstNano())));
        Fields.dec("tcp.time_delta", FieldType.RELATIVE_TIME, "Time since previous frame in this TCP stream",
                "Capture time since the stream's previous frame (in capture order)",
                times((c, conversation, f, s) -> s.spanBetween(f, c.packet.record().epochSeconds(), c.packet.record().nanos(),
                        c.tcp.table().beforeSeconds(), c.tcp.table().beforeNano())));
        Fields.dec("tcp.bogus_header_length", FieldType.NONE, "Bogus TCP header length",
                "A data offset below 5 words: the header cannot be read past it",
                Fields.each(Layer.TCP, true, 12, 1, (c, p, b, at, i, f, s) -> {
                    if (p.tcpBogusHeaderLength(i)) {
                        s.bool(f, true);
                    }
                }));
        Fields.dec("tcp.short_segment", FieldType.NONE, "Short segment",
                "The data offset points past the segment's end: the segment does not hold its whole header",
                Fields.each(Layer.TCP, false, 12, 1, (c, p, b, at, i, f, s) -> {
                    if (p.tcpShortSegment(i) && !p.inUnreassembledFragment(i) && !p.tcpBogusHeaderLength(i)) {
                        s.bool(f, true);
                    }
                }));
    }

    @FunctionalInterface
    private interface SynAckTest {
        boolean applies(long ack, TcpConversation conversation);
    }

    /**
     * An expert note on a SYN-ACK's acknowledgment number, relative where Wireshark makes it so
     * (a quoted header keeps its raw number).
     */
    private static Field.Extractor synAck(SynAckTest test) {
        return options((c, p, b, at, i, f, s) -> {
            if (p.tcpBogusHeaderLength(i) || (TcpHeader.flags(b, at) & (TcpHeader.SYN | TcpHeader.ACK)) != (TcpHeader.SYN | TcpHeader.ACK)) {
                return;
            }
            TcpSequenceNumbering n = Fields.current(c, i);
            long ack = n != null ? n.relativeAck() : TcpHeader.acknowledgment(b, at) & 0xFFFFFFFFL;
            if (test.applies(ack, Fields.conversationOf(c, i))) {
                s.bool(f, true);
            }
        });
    }

    @FunctionalInterface
    private interface FlagTest {
        boolean applies(int flags, int closingInitiator, int direction);
    }

    @FunctionalInterface
    private interface HeaderTest {
        boolean applies(ByteBuffer b, int at);
    }

    /**
     * An expert note on a TCP header's flags, with the conversation's closing initiator and the
     * header's side: Wireshark adds them to every header it reads past the data offset (a bogus
     * one stops it before), quoted ones too; a quote of 16 bytes holds the flags (checked with
     * tshark 4.0 on samples/stream-corner-cases.pcap, frame 5).
     */
    private static Field.Extractor flags(FlagTest test) {
        return Fields.each(Layer.TCP, true, 0, ConversationTable.CONVERSATION_MIN_LENGTH, (c, p, b, at, i, f, s) -> {
            if (p.tcpBogusHeaderLength(i)) {
                return;
            }
            TcpConversation conversation = Fields.conversationOf(c, i);
            int initiator = conversation != null ? conversation.closingInitiator() : -1;
            int direction = conversation != null ? c.tcp.table().direction() : -1;
            if (test.applies(TcpHeader.flags(b, at), initiator, direction)) {
                s.bool(f, true);
            }
        });
    }

    /**
     * An expert note on a TCP header's fixed bytes, where Wireshark reads them (as {@link #flags})
     * and the capture holds the {@code size} bytes it reads.
     */
    private static Field.Extractor header(int size, HeaderTest test) {
        return Fields.each(Layer.TCP, true, 0, size, (c, p, b, at, i, f, s) -> {
            if (!p.tcpBogusHeaderLength(i) && test.applies(b, at)) {
                s.bool(f, true);
            }
        });
    }

    @FunctionalInterface
    private interface TimeField {
        void visit(PacketContext c, TcpConversation conversation, Field f, FieldSink s);
    }

    /** A time of the stream's: Wireshark adds them after the options, to every header it read that far. */
    private static Field.Extractor times(TimeField visit) {
        return options((c, p, b, at, i, f, s) -> {
            TcpConversation conversation = Fields.conversationOf(c, i);
            if (conversation != null && !p.tcpBogusHeaderLength(i)) {
                visit.visit(c, conversation, f, s);
            }
        });
    }
}
