package io.tcplens.flow;

import io.tcplens.decode.Layer;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.decode.TcpOptions;
import java.nio.ByteBuffer;

/**
 * What is needed to print a TCP packet as Wireshark does: its stream, the base of the relative
 * sequence numbers in each direction, the negotiated window scale and the completeness bits.
 *
 * <p>Bases follow Wireshark: a SYN's sequence number is the base of its direction (relative
 * seq 0); without a SYN, the first sequence number seen is relative 1 and the first
 * acknowledgment seen is relative 1 of the other direction.
 */
public final class TcpSequenceNumbering {
    /** Window scale not known: the handshake was not seen (Wireshark's -1). */
    public static final int SCALE_UNKNOWN = -1;
    /** Window scaling not used: a SYN without the option was seen (Wireshark's -2). */
    public static final int SCALE_NOT_USED = -2;

    private final ConversationTable table;
    /** Wireshark's expert analysis of each segment; null when not asked for (it costs memory per conversation). */
    private SequenceAnalysis analysis;

    // The results for the last packet given to observe().
    private TcpConversation conversation;
    private TcpConversation quotedConversation;
    private int quotedLayer = -1;
    private int direction;
    private long relativeSeq;
    private boolean syn;
    private long relativeAck;
    private int windowShift;
    private boolean accurateEcn;
    private boolean lengthKnown;

    public TcpSequenceNumbering() {
        this(new ConversationTable());
    }

    public TcpSequenceNumbering(ConversationTable table) {
        this.table = table;
    }

    public ConversationTable table() { return table; }

    /**
     * Turns on Wireshark's sequence analysis (expert flags, ACK RTT, bytes in flight) for the
     * packets observed from now on, and returns its per-packet result.
     */
    public SequenceAnalysis analyseSequences() {
        if (analysis == null) {
            analysis = new SequenceAnalysis();
        }
        return analysis;
    }

    /** The sequence analysis of the last packet observed; null when it is off. */
    public SequenceAnalysis analysis() { return analysis; }

    /** The TCP header quoted in the packet's ICMP error, or -1. */
    private static int quotedTcp(Packet packet) {
        for (int i = 0; i < packet.layerCount(); i++) {
            if (packet.layer(i) == Layer.TCP && packet.quoted(i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Takes the packet's own TCP layer into account and computes its relative numbers; or, for an
     * ICMP error, finds (or makes) the conversation of the TCP header it quotes.
     */
    public void observe(Packet packet) {
        quotedConversation = null;
        quotedLayer = -1;
        conversation = table.lookup(packet);
        if (conversation == null) {
            if (analysis != null) {
                analysis.skip();
            }
            int quoted = packet.tcp() < 0 ? quotedTcp(packet) : -1;
            if (quoted >= 0) {
                quotedConversation = table.lookupQuoted(packet, quoted);
                if (quotedConversation != null) {
                    quotedLayer = quoted;
                    // tshark 4.0 counts a quoted header's flags in its conversation's completeness,
                    // as a segment of unknown length (never the data bit). It sets no relative-number
                    // base from it (a quoted RST, then a SYN: one stream) and keeps it out of the
                    // conversation's counts (SequenceAnalysis.quoted says what analysis sees it).
                    int flags = TcpHeader.flags(packet.buffer(quoted), packet.start(quoted));
                    updateCompleteness(quotedConversation, flags, 0);
                    if (analysis != null) {
                        analysis.quoted(quotedConversation, flags, packet.record().epochNanos(), table.reused());
                    }
                }
            }
            return;
        }
        TcpConversation c = conversation;
        direction = table.direction();
        int tcp = packet.tcp();
        ByteBuffer b = packet.buffer(tcp);
        int at = packet.start(tcp);
        int flags = TcpHeader.flags(b, at);
        int seq = TcpHeader.sequence(b, at);
        int ack = TcpHeader.acknowledgment(b, at);
        if (analysis != null && (flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN && c.baseSet(direction)
                && seq == c.base(direction)) {
            // Before the segment's length is known, as in tshark (a fragment's SYN too).
            analysis.synRepeatsIsn(c, direction);
        }
        lengthKnown = !packet.inUnreassembledFragment(tcp);
        if (!lengthKnown) {
            // Wireshark's TCP does not know how long a segment in an unreassembled fragment is: it
            // takes its stream, and its flags count as a quoted header's do (never the data bit),
            // but it gets no relative numbers and no analysis (checked with tshark 4.0 -2).
            relativeSeq = seq & 0xFFFFFFFFL;
            relativeAck = ack & 0xFFFFFFFFL;
            this.syn = (flags & TcpHeader.SYN) != 0;
            windowShift = SCALE_UNKNOWN;
            accurateEcn = false;
            updateCompleteness(c, flags, 0);
            if (analysis != null) {
                analysis.skip();
            }
            return;
        }
        int reverse = 1 - direction;
        int eceBits = TcpHeader.AE | TcpHeader.CWR | TcpHeader.ECE;
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ackFlag = (flags & TcpHeader.ACK) != 0;
        if (syn && !ackFlag) {
            c.accurateEcnRequested = (flags & eceBits) == eceBits;
            if (!c.fastOpenSynData && !packet.tcpShortSegment(tcp) && packet.payloadLength(tcp) > 0) {
                // A SYN with a Fast Open cookie and data (RFC 7413): a SYN-ACK that acknowledges
                // only the SYN ignored the data (Wireshark's tcp.analysis.tfo_ignored).
                c.fastOpenSynData = TcpOptions.fastOpenCookie(b, at + TcpHeader.MIN_LENGTH, packet.capturedHeaderEnd(tcp));
            }
            if (c.synSide < 0) {
                c.synSide = (byte) direction;
            }
        } else if (syn && c.accurateEcnRequested) {
            // RFC 9768, section 3.1.1: the SYN-ACK's AE/CWR/ECE codepoint says which feedback the server chose.
            c.accurateEcn = (flags & (TcpHeader.AE | TcpHeader.CWR)) != 0;
        }
        accurateEcn = c.accurateEcn && !syn;
        if (syn) {
            if (!c.baseSet(direction)) {
                c.base(direction, seq);
            }
            int end = packet.capturedHeaderEnd(tcp);
            int ws = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, end, TcpHeader.OPT_WINDOW_SCALE);
            // Wireshark's win_scale per side, as tshark 4.0 sets it (each rule checked on built
            // dialogues; found by scripts/fuzz-streams.py). A SYN or SYN-ACK with the option
            // sets its side's shift, but a SYN-ACK answering a side without scaling keeps "not
            // used" (RFC 7323, 2.2: scaling needs both). Without the option, a side that has
            // announced nothing yet turns scaling off for both sides; a side that announced a
            // shift keeps it (a retransmission that dropped the option, a SYN-ACK with a new ISN).
            if (ws >= 0 && TcpOptions.complete(b, ws, end, 3)) {
                boolean refused = ackFlag && c.announcedShift(reverse) == SCALE_NOT_USED;
                c.announcedShift(direction, refused ? SCALE_NOT_USED : Math.min(14, b.get(ws + 2) & 0xFF));
            } else if (packet.tcpHeaderCaptured(tcp) && c.announcedShift(direction) == SCALE_UNKNOWN) {
                c.announcedShift(direction, SCALE_NOT_USED);
                c.announcedShift(reverse, SCALE_NOT_USED);
            }
            // A SYN whose options the capture cut before any window scale: nothing is concluded,
            // as tshark 4.0 concludes nothing (it stops at the cut, before it checks the
            // scaling), so a scale the other end announced still applies to its own windows.
        } else if (!c.baseSet(direction)) {
            c.base(direction, seq - 1);
        }
        if (ackFlag && !c.baseSet(reverse)) {
            c.base(reverse, ack - 1);
        }
        relativeSeq = (seq - c.base(direction)) & 0xFFFFFFFFL;
        this.syn = syn;
        relativeAck = ackFlag ? (ack - c.base(reverse)) & 0xFFFFFFFFL : ack & 0xFFFFFFFFL;
        // RFC 7323, section 2.2: the window of a SYN segment is never scaled.
        windowShift = syn ? SCALE_NOT_USED : c.announcedShift(direction);
        // Wireshark's TCP stops at a data offset below 20 bytes ("bogus TCP header length"),
        // after the stream but before the completeness: the segment counts, its flags do not;
        // a header longer than the datagram leaves the segment's length unknown, its flags
        // count without the data bit (both checked with tshark 4.0 -2).
        boolean bogus = packet.tcpBogusHeaderLength(tcp);
        boolean overlong = packet.tcpShortSegment(tcp);
        updateCompleteness(c, bogus ? 0 : flags, bogus || overlong ? 0 : packet.payloadLength(tcp));
        if (analysis != null) {
            // Wireshark analyses only segments whose length it knows: the header its data offset
            // announces fits the IP length (a "short segment" is not analysed).
            if (!overlong) {
                analysis.analyse(c, direction, seq, ack, packet.payloadLength(tcp), flags, TcpHeader.window(b, at),
                        packet.number(), packet.record().epochNanos(), table.reused());
                int end = packet.capturedHeaderEnd(tcp);
                int sack = TcpOptions.find(b, at + TcpHeader.MIN_LENGTH, end, TcpHeader.OPT_SACK);
                analysis.sackOption(c, direction, b, sack >= 0 && sack + 1 < end ? sack : -1, end);
                if (!bogus) {
                    analysis.mptcpOptions(c, TcpOptions.mptcpOperations(b, at + TcpHeader.MIN_LENGTH, end));
                }
            } else {
                analysis.skip();
            }
        }
    }

    /**
     * Wireshark 4.0's tcp.completeness bits, as tshark -2 reports them. A pure SYN (no ACK flag)
     * counts only on the frame that creates its conversation, with the data bit when it carries
     * data, except where the SYN creates it on reused ports: tshark then starts the new
     * conversation at SYN alone (a TCP Fast Open SYN after a closed connection is 1, not 9). Any
     * other SYN counts for nothing, its data neither: a retransmitted SYN, a SYN after the
     * conversation's first frame (an ACK, a FIN, a SYN-ACK, a segment without flags). On every
     * frame, the first too: a SYN-ACK sets its bit (its data never counts); a segment with the
     * ACK flag and no SYN sets the data bit when it carries data, the ACK bit when not; a FIN
     * counts with the ACK flag; a RST always (packet-tcp.c, "initialize or move forward the
     * conversation completeness"; every rule checked with tshark 4.0 -2 on built dialogues,
     * scripts/fuzz-streams.py).
     */
    private void updateCompleteness(TcpConversation c, int flags, int payload) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0;
        boolean creates = c.packetsCounted == 0;
        if (c.packetsCounted < 2) {
            c.packetsCounted++;
        }
        int opening = 0;
        if (syn && !ack && creates) {
            opening = TcpConversation.COMPLETENESS_SYN;
            if (payload > 0 && !table.reused()) {
                opening |= TcpConversation.COMPLETENESS_DATA;
            }
        }
        int bits = 0;
        if (syn && ack) {
            bits = TcpConversation.COMPLETENESS_SYN_ACK;
        } else if (ack) {
            bits = payload > 0 ? TcpConversation.COMPLETENESS_DATA : TcpConversation.COMPLETENESS_ACK;
        }
        if ((flags & TcpHeader.FIN) != 0 && ack) {
            bits |= TcpConversation.COMPLETENESS_FIN;
        }
        if ((flags & TcpHeader.RST) != 0) {
            bits |= TcpConversation.COMPLETENESS_RST;
        }
        c.completeness |= opening | bits;
        // The first frame's own bits are counted in tshark's second pass, after it showed its value.
        c.shownOnFirstFrame |= creates ? opening : opening | bits;
    }

    /** True when the last packet observed had a TCP layer with a full header. */
    public boolean known() { return conversation != null; }

    /**
     * False when the last packet's segment came in an IPv4 fragment that was not reassembled:
     * its length is unknown, its numbers are the raw ones, and it was not analysed.
     */
    public boolean lengthKnown() { return lengthKnown; }

    /** The conversation of the last packet observed, or null. */
    public TcpConversation conversation() { return conversation; }

    /**
     * The conversation of the TCP header quoted in the last packet observed (an ICMP error), or
     * null: none, or too short a quote for tshark to find one (see {@link ConversationTable#lookupQuoted}).
     */
    public TcpConversation quotedConversation() { return quotedConversation; }

    /** The layer index of that quoted header, or -1. */
    public int quotedLayer() { return quotedLayer; }

    /** Side (FlowKey order) that sent the last packet observed. */
    public int direction() { return direction; }

    public long relativeSeq() { return relativeSeq; }

    /** Relative sequence number of the segment's first data byte: a SYN's data comes after the SYN's own number. */
    public int relativeDataSeq() { return (int) relativeSeq + (syn ? 1 : 0); }

    /** Relative acknowledgment number; the raw value when the ACK flag is not set. */
    public long relativeAck() { return relativeAck; }

    /** Shift for this packet's window, or {@link #SCALE_UNKNOWN} / {@link #SCALE_NOT_USED}. */
    public int windowShift() { return windowShift; }

    /**
     * True when the conversation negotiated Accurate ECN and this is not a SYN: its AE, CWR and
     * ECE bits are then the 3-bit ACE counter (RFC 9768, section 3.2.2), not flags.
     */
    public boolean accurateEcn() { return accurateEcn; }
}
