package io.tcplens.flow;

import io.tcplens.decode.TcpHeader;
import java.nio.ByteBuffer;

/**
 * Wireshark 4.0's TCP sequence analysis, the source of its expert flags ({@code tcp.analysis.*}):
 * retransmissions, out-of-order and lost segments, duplicate ACKs, window and keep-alive events,
 * the frame each ACK acknowledges and its RTT, bytes in flight and the initial RTT.
 *
 * <p>The rules are Wireshark's own, with their quirks kept on purpose so that tcplens marks the
 * same packets as tshark: sequence numbers are absolute 32-bit values compared modulo 2^32, and
 * 0 stands for "not known yet" (a real next sequence number of 0 is taken as unknown, as there).
 * Checks run in Wireshark's order; a zero-window probe, a keep-alive ACK and a zero-window probe
 * ACK end the checks of their own direction early.
 *
 * <p>Memory: each direction keeps its unacknowledged segments (frame, seq, next seq, time), at
 * most {@link #MAX_UNACKED_SEGMENTS}, as Wireshark does; beyond that new segments are not kept.
 * One result is computed per packet and read back through the accessors until the next packet.
 *
 * <p>It also checks each segment against tcplens's handshake and teardown rules
 * ({@link ValidationNote}, field {@code tcplens.note}), which Wireshark does not have.
 */
public final class SequenceAnalysis {
    /** SACK blocks Wireshark keeps per option for bytes in flight: 3 of at most 4. */
    static final int MAX_SACK_BLOCKS_KEPT = 3;
    /** Wireshark's TCP_MAX_UNACKED_SEGMENTS. */
    public static final int MAX_UNACKED_SEGMENTS = 10_000;
    /** A retransmission this soon after the receiver's duplicate ACKs is a fast one (Wireshark: 20 ms). */
    static final long FAST_RETRANSMISSION_NANOS = 20_000_000L;
    /** Out-of-order threshold when the initial RTT is not known (Wireshark: 3 ms). */
    static final long DEFAULT_OUT_OF_ORDER_NANOS = 3_000_000L;
    /** Wireshark's initial value of a direction's window: "none seen yet" (G_MAXUINT32). */
    private static final int NO_WINDOW = -1;

    private static final int SFR = TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST;

    /** One direction's state (Wireshark's tcp_flow_t with its tcp_analyze_seq_flow_info_t). */
    static final class Direction {
        int nextSeq;
        long nextSeqFrame;
        long nextSeqNanos;
        int maxSeqToBeAcked;
        int lastAck;
        long lastAckNanos;
        /** The conversation's MPTCP operations as of this side's previous segment (Wireshark's fwd->mp_operations). */
        int mptcpOperationsSeen;
        long lastNonDupAck;
        int dupAckNum;
        int lastSegmentFlags;
        int window = NO_WINDOW;
        boolean validBytesInFlight = true;
        long pushBytesSent;
        boolean pushSetLast;
        /** The side's ISN, from its SYN or SYN-ACK (valid when synSent or synAckSent). */
        int isn;
        boolean synSent;
        /** Payload bytes of the side's SYN (TCP Fast Open). */
        int synLength;
        boolean synAckSent;
        /** The side's last segment had the ACK flag: its lastAck and window describe its receive window. */
        boolean lastHadAck;
        /** Bytes the SACK option of the side's last segment reported received (its first three blocks, as Wireshark keeps them). */
        long sackedBytes;
        // Unacknowledged segments, oldest first (Wireshark keeps them newest first; the loops
        // below walk them newest first where the order shows). One array, SEGMENT_WORDS longs a
        // segment (its sequence number and the one past it, its frame, its time), so that a
        // packet reads one array of a direction, not four: the analysis of a capture with
        // thousands of connections at once misses the processor's caches on each array it reads.
        // (Allocated on first use: a flood's conversations never send data, and there are a million of them.)
        int segmentCount;
        long[] segments = NO_LONGS;

        void add(long frame, int seq, int next, long nanos) {
            if (segmentCount * SEGMENT_WORDS == segments.length) {
                int n = Math.min(MAX_UNACKED_SEGMENTS, Math.max(4, segmentCount * 2));
                segments = java.util.Arrays.copyOf(segments, n * SEGMENT_WORDS);
            }
            int at = segmentCount * SEGMENT_WORDS;
            segments[at] = ((long) seq << 32) | (next & 0xFFFFFFFFL);
            segments[at + 1] = frame;
            segments[at + 2] = nanos;
            segmentCount++;
        }

        int segmentSeq(int i) {
            return (int) (segments[i * SEGMENT_WORDS] >>> 32);
        }

        int segmentNext(int i) {
            return (int) segments[i * SEGMENT_WORDS];
        }

        /** The segment's first unacknowledged byte moves up to {@code seq} (a partial ack). */
        void segmentSeq(int i, int seq) {
            segments[i * SEGMENT_WORDS] = ((long) seq << 32) | (segments[i * SEGMENT_WORDS] & 0xFFFFFFFFL);
        }

        long segmentFrame(int i) {
            return segments[i * SEGMENT_WORDS + 1];
        }

        long segmentNanos(int i) {
            return segments[i * SEGMENT_WORDS + 2];
        }

        void remove(int i) {
            int tail = segmentCount - i - 1;
            System.arraycopy(segments, (i + 1) * SEGMENT_WORDS, segments, i * SEGMENT_WORDS, tail * SEGMENT_WORDS);
            segmentCount--;
        }
    }

    /** Longs per unacknowledged segment in {@link Direction#segments}. */
    private static final int SEGMENT_WORDS = 3;
    private static final long[] NO_LONGS = new long[0];

    /** A conversation's analysis: both directions and the handshake times. */
    static final class State {
        // Two fields, not an array: one dependent read less on every packet.
        final Direction side0 = new Direction();
        final Direction side1 = new Direction();
        /** Time of the most recent SYN without ACK (0: none). */
        long mostRecentSynNanos;
        /** SYN to the first pure ACK after it (0: not known, as in Wireshark). */
        long initialRttNanos;
        /** The SYN sender's first ACK after the SYN-ACK was seen: the handshake is over. */
        boolean established;
        /** An MPTCP option was seen (Wireshark's mptcp_analysis exists), and the operations seen so far. */
        boolean mptcp;
        int mptcpOperations;

        Direction direction(int side) {
            return side == 0 ? side0 : side1;
        }
    }

    // The result for the last packet analysed.
    private boolean analysed;
    private boolean resultExists;
    private int flags;
    private int dupAckNum;
    private long dupAckFrame;
    private long acksFrame;
    private long ackRttNanos;
    private long bytesInFlight;
    private long pushBytesSent;
    private long rtoNanos;
    private long rtoFrame;
    private long initialRttNanos;
    private int notes;

    /** {@link #synRepeatsIsn} was called for the packet about to be analysed. */
    private boolean synRepeatsIsn;

    /**
     * The next segment is a SYN (no ACK) whose sequence number is the base its side already has
     * (a retransmitted SYN, or a SYN one below the first number the side sent without one).
     * Wireshark 4.0 first moves the side's next expected number back to the end of what it sent
     * without a gap (maxseqtobeacked; packet-tcp.c, dissect_tcp, issue 17616: a RST may carry the
     * acknowledged number, so the highest number seen need not be the side's own), and the SYN is
     * then judged against that: a SYN repeated after the side had moved on is a retransmission if
     * it lies below that end, a lost segment if above it (a base set by a SYN-ACK with a new ISN).
     * Call before {@link #analyse} of that SYN.
     */
    void synRepeatsIsn(TcpConversation c, int side) {
        synRepeatsIsn = true;
        if (c.sequenceState != null) {
            Direction fwd = c.sequenceState.direction(side);
            fwd.nextSeq = fwd.maxSeqToBeAcked;
        }
    }

    /**
     * Analyses one segment of the conversation, sent by {@code side}.
     *
     * @param window    the window field as on the wire (unscaled)
     * @param length    the segment length from the IP header (reported, not captured)
     * @param reused    the segment is a SYN (or SYN-ACK) with a new ISN on the ports of an earlier connection
     */
    void analyse(TcpConversation c, int side, int seq, int ack, int length, int tcpFlags, int window,
                 long frame, long nanos, boolean reused) {
        if (c.sequenceState == null) {
            c.sequenceState = new State();
        }
        State state = c.sequenceState;
        Direction fwd = state.direction(side);
        Direction rev = state.direction(1 - side);
        clearResult();
        analysed = true;
        resultExists = reused || synRepeatsIsn;
        synRepeatsIsn = false;
        flags = reused ? ExpertFlag.REUSED_PORTS.bit() : 0;
        // The shift of the receiver's windows (Wireshark's win_scale of the reverse flow).
        int receiverScale = c.announcedShift(1 - side);
        notes = validate(state, fwd, rev, receiverScale, seq, ack, length, tcpFlags);

        boolean ackFlag = (tcpFlags & TcpHeader.ACK) != 0;
        if (ackFlag) {
            rev.validBytesInFlight = true;
        }
        boolean noControl = (tcpFlags & SFR) == 0;

        checks:
        {
            if (length == 1 && seq == fwd.nextSeq && rev.window == 0) {
                set(ExpertFlag.ZERO_WINDOW_PROBE);
                break checks;
            }
            if (window == 0 && noControl) {
                set(ExpertFlag.ZERO_WINDOW);
            }
            if (fwd.nextSeq != 0 && after(seq, fwd.nextSeq) && (tcpFlags & TcpHeader.RST) == 0) {
                set(ExpertFlag.LOST_SEGMENT);
                // Bytes in flight are unknown until the other side acknowledges again.
                fwd.validBytesInFlight = false;
            }
            if ((length == 0 || length == 1) && seq == fwd.nextSeq - 1 && noControl) {
                set(ExpertFlag.KEEP_ALIVE);
            }
            boolean repeats = length == 0 && seq == fwd.nextSeq && ack == fwd.lastAck && noControl;
            if (repeats && window != 0 && window != fwd.window) {
                set(ExpertFlag.WINDOW_UPDATE);
            }
            if (length > 0 && receiverScale != TcpSequenceNumbering.SCALE_UNKNOWN && noControl
                    && seq + length == rev.lastAck + (rev.window << Math.max(0, receiverScale))) {
                set(ExpertFlag.WINDOW_FULL);
            }
            if (repeats && window != 0 && window == fwd.window && ExpertFlag.KEEP_ALIVE.in(rev.lastSegmentFlags)) {
                set(ExpertFlag.KEEP_ALIVE_ACK);
                break checks;
            }
            if (repeats && window == 0 && fwd.window == 0 && ExpertFlag.ZERO_WINDOW_PROBE.in(rev.lastSegmentFlags)) {
                set(ExpertFlag.ZERO_WINDOW_PROBE_ACK);
                break checks;
            }
            if (repeats && window != 0 && window == fwd.window
                    && !(state.mptcp && state.mptcpOperations != fwd.mptcpOperationsSeen)) {
                // (RFC 8684, section 4: an MPTCP host sends options such as ADD_ADDR on duplicate
                // ACKs; Wireshark ignores a duplicate ACK when the connection's MPTCP operations
                // changed since this side's previous segment.)
                // -1 marks an "ACKed unseen segment" reported in this run: the count restarts.
                fwd.dupAckNum = fwd.dupAckNum == -1 ? 1 : fwd.dupAckNum + 1;
                set(ExpertFlag.DUPLICATE_ACK);
                dupAckNum = fwd.dupAckNum;
                dupAckFrame = fwd.lastNonDupAck;
            }
        }
        if (ack != fwd.lastAck) {
            fwd.lastNonDupAck = frame;
            fwd.dupAckNum = 0;
        }
        if (rev.maxSeqToBeAcked != 0 && after(ack, rev.maxSeqToBeAcked) && ackFlag) {
            resultExists = true;
            if (after(rev.nextSeq, rev.maxSeqToBeAcked)) {
                // The other side sent past the gap since: report it, and count what it sent as seen.
                rev.maxSeqToBeAcked = rev.nextSeq;
                set(ExpertFlag.ACK_LOST_SEGMENT);
            } else {
                // The same gap again: reported once per run of the other side's ACKs (-1 marks it).
                if (rev.dupAckNum == 0) {
                    set(ExpertFlag.ACK_LOST_SEGMENT);
                }
                rev.dupAckNum = -1;
            }
        }
        if (length > 0 || (tcpFlags & (TcpHeader.SYN | TcpHeader.FIN)) != 0) {
            classifyResend(state, fwd, rev, seq, length, tcpFlags, nanos);
        }
        // After the checks, as tshark 4.0 notes a SYN's time and measures the initial RTT only
        // after the analysis (dissect_tcp): the ACK that ends the handshake is judged with the
        // 3 ms out-of-order threshold, not with the RTT it measures itself.
        handshakeTimes(state, tcpFlags, nanos);
        initialRttNanos = state.initialRttNanos;

        int next = seq + length;
        if ((length > 0 || (tcpFlags & (TcpHeader.SYN | TcpHeader.FIN)) != 0)
                && fwd.segmentCount < MAX_UNACKED_SEGMENTS) {
            if ((tcpFlags & (TcpHeader.SYN | TcpHeader.FIN)) != 0) {
                next++;
            }
            fwd.add(frame, seq, next, nanos);
        }
        boolean probe = ExpertFlag.ZERO_WINDOW_PROBE.in(flags);
        if ((after(next, fwd.nextSeq) || fwd.nextSeq == 0) && !probe) {
            fwd.nextSeq = next;
            fwd.nextSeqFrame = frame;
            fwd.nextSeqNanos = nanos;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !probe) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.window = window;
        fwd.lastHadAck = ackFlag;
        fwd.lastAck = ack;
        fwd.lastAckNanos = nanos;
        fwd.lastSegmentFlags = flags;

        acknowledge(rev, ack, nanos);
        if (length != 0 && fwd.segmentCount > 0 && fwd.validBytesInFlight) {
            inFlight(fwd, rev, c.base(side), length, tcpFlags);
        }
        if (state.mptcp) {
            fwd.mptcpOperationsSeen = state.mptcpOperations;
        }
    }

    /**
     * The segment's MPTCP options ({@link io.tcplens.decode.TcpOptions#mptcpOperations}), taken
     * in after its analysis, as Wireshark's option dissector runs after its sequence analysis.
     */
    void mptcpOptions(TcpConversation c, int operations) {
        if (operations != 0 && c.sequenceState != null) {
            c.sequenceState.mptcp = true;
            c.sequenceState.mptcpOperations |= operations & 0xFF;
        }
    }

    /**
     * tcplens's handshake and teardown checks ({@link ValidationNote}), against the state before
     * this segment: the other side's ISN, its last acknowledgment and window.
     */
    private static int validate(State state, Direction fwd, Direction rev, int receiverScale, int seq, int ack,
                                int length, int tcpFlags) {
        boolean syn = (tcpFlags & TcpHeader.SYN) != 0;
        boolean ackFlag = (tcpFlags & TcpHeader.ACK) != 0;
        boolean rst = (tcpFlags & TcpHeader.RST) != 0;
        int result = 0;
        if (syn && length > 0) {
            result |= ValidationNote.DATA_ON_SYN.bit();
        }
        // With TCP Fast Open the SYN-ACK may also acknowledge the SYN's data (RFC 7413, 3).
        if (syn && ackFlag && rev.synSent && ack != rev.isn + 1 && ack != rev.isn + 1 + rev.synLength) {
            result |= ValidationNote.SYNACK_WRONG_ACK.bit();
        }
        if (syn && !ackFlag && state.established && fwd.synSent && seq == fwd.isn) {
            result |= ValidationNote.SYN_ON_ESTABLISHED.bit();
        }
        if (!syn && !rst && ackFlag && fwd.synSent && rev.synAckSent && !state.established) {
            if (ack != rev.isn + 1) {
                result |= ValidationNote.ACK_WRONG_ACK_IN_HANDSHAKE.bit();
            }
            state.established = true;
        }
        if ((tcpFlags & TcpHeader.FIN) != 0 && (!ackFlag || (rev.nextSeq != 0 && after(ack, rev.nextSeq)))) {
            result |= ValidationNote.FIN_INVALID_ACK.bit();
        }
        boolean windowKnown = rev.lastHadAck && receiverScale != TcpSequenceNumbering.SCALE_UNKNOWN;
        long receiveWindow = (rev.window & 0xFFFFFFFFL) << Math.max(0, receiverScale);
        if (rst) {
            if (rev.synSent && !rev.lastHadAck) {
                // RFC 9293, 3.10.7.3 (SYN-SENT): only a RST acknowledging the SYN is acceptable.
                if (!ackFlag || ack != rev.isn + 1) {
                    result |= ValidationNote.RST_OUT_OF_WINDOW.bit();
                }
            } else if (windowKnown && !inWindow(seq, rev.lastAck, Math.max(1, receiveWindow))) {
                result |= ValidationNote.RST_OUT_OF_WINDOW.bit();
            }
        } else if (!syn && length > 0 && windowKnown && !after(seq, fwd.nextSeq)
                && after(seq, (int) (rev.lastAck + receiveWindow))) {
            // Only a segment continuing the stream: after a gap, the ACKs that opened the window may be missing too.
            result |= ValidationNote.SEGMENT_OUT_OF_WINDOW.bit();
        }
        if (syn && !ackFlag && !fwd.synSent) {
            fwd.synSent = true;
            fwd.isn = seq;
            fwd.synLength = length;
        } else if (syn && ackFlag && !fwd.synAckSent) {
            fwd.synAckSent = true;
            fwd.isn = seq;
        }
        return result;
    }

    /** RCV.NXT =< seq < RCV.NXT + RCV.WND, modulo 2^32. */
    private static boolean inWindow(int seq, int next, long window) {
        long offset = (seq - next) & 0xFFFFFFFFL;
        return offset < window;
    }

    /** Retransmission, fast or spurious, or out of order: a segment that does not advance. */
    private void classifyResend(State state, Direction fwd, Direction rev, int seq, int length, int tcpFlags,
                                long nanos) {
        if (ExpertFlag.KEEP_ALIVE.in(flags)) {
            return;
        }
        boolean notAdvanced = fwd.nextSeq != 0 && before(seq, fwd.nextSeq);
        if (length > 1 && fwd.nextSeq - 1 == seq) {
            // Real new data after a possible zero-window probe's byte.
            notAdvanced = false;
        }
        if (length > 0 && rev.lastAck != 0 && !after(seq + length, rev.lastAck)) {
            set(ExpertFlag.SPURIOUS_RETRANSMISSION);
            return;
        }
        long sinceDupAck = nanos - rev.lastAckNanos;
        // Wireshark's dupacknum is unsigned: the -1 of an "ACKed unseen segment" counts as at
        // least 2 duplicate ACKs here (tshark 4.0 flags such a resend a fast retransmission).
        if (notAdvanced && Integer.compareUnsigned(rev.dupAckNum, 2) >= 0 && rev.lastAck == seq
                && Long.compareUnsigned(sinceDupAck, FAST_RETRANSMISSION_NANOS) < 0) {
            set(ExpertFlag.FAST_RETRANSMISSION);
            return;
        }
        long sinceHighest = nanos - fwd.nextSeqNanos;
        long threshold = state.initialRttNanos != 0 ? state.initialRttNanos : DEFAULT_OUT_OF_ORDER_NANOS;
        int controlLength = (tcpFlags & (TcpHeader.SYN | TcpHeader.FIN)) != 0 ? 1 : 0;
        if (notAdvanced && Long.compareUnsigned(sinceHighest, threshold) < 0
                && fwd.nextSeq != seq + length + controlLength) {
            set(ExpertFlag.OUT_OF_ORDER);
            return;
        }
        if (notAdvanced) {
            set(ExpertFlag.RETRANSMISSION);
            // The oldest unacknowledged segment is likely the one sent again.
            if (fwd.segmentCount > 0) {
                rtoNanos = nanos - fwd.segmentNanos(0);
                rtoFrame = fwd.segmentFrame(0);
            } else {
                rtoNanos = nanos - fwd.nextSeqNanos;
                rtoFrame = fwd.nextSeqFrame;
            }
        }
    }

    /** Drops the other direction's segments this ack covers; notes the frame it acknowledges exactly. */
    private void acknowledge(Direction rev, int ack, long nanos) {
        // Newest first, as in Wireshark's list: with several exact matches the oldest one wins.
        for (int i = rev.segmentCount - 1; i >= 0; i--) {
            if (ack == rev.segmentNext(i)) {
                resultExists = true;
                acksFrame = rev.segmentFrame(i);
                ackRttNanos = nanos - rev.segmentNanos(i);
                rev.remove(i);
            } else if (after(ack, rev.segmentSeq(i)) && !after(ack, rev.segmentNext(i))) {
                rev.segmentSeq(i, ack);
            } else if (!after(rev.segmentNext(i), ack)) {
                rev.remove(i);
            }
        }
    }

    /** Bytes sent and not yet acknowledged, from the first to the last unacknowledged byte. */
    private void inFlight(Direction fwd, Direction rev, int base, int length, int tcpFlags) {
        int last = fwd.segmentCount - 1;
        int first = fwd.segmentSeq(last) - base;
        int end = fwd.segmentNext(last) - base;
        for (int i = last; i >= 0; i--) {
            if (Integer.compareUnsigned(fwd.segmentNext(i) - base, end) > 0) {
                end = fwd.segmentNext(i) - base;
            }
            if (Integer.compareUnsigned(fwd.segmentSeq(i) - base, first) < 0) {
                first = fwd.segmentSeq(i) - base;
            }
        }
        // Bytes the receiver reported in its last SACK option have arrived.
        long bytes = (end - first - rev.sackedBytes) & 0xFFFFFFFFL;
        resultExists = true;
        if (bytes > 0 && bytes < 2_000_000_000L) {
            // A SYN's or FIN's sequence number is not a byte in flight.
            bytesInFlight = (tcpFlags & (TcpHeader.SYN | TcpHeader.FIN)) != 0 ? bytes - 1 : bytes;
        }
        boolean push = (tcpFlags & TcpHeader.PSH) != 0;
        if (push == fwd.pushSetLast) {
            fwd.pushBytesSent = push ? length : fwd.pushBytesSent + length;
        } else {
            fwd.pushBytesSent = push ? fwd.pushBytesSent + length : length;
        }
        fwd.pushSetLast = push;
        pushBytesSent = fwd.pushBytesSent;
    }

    private void set(ExpertFlag flag) {
        flags |= flag.bit();
        resultExists = true;
    }

    private static boolean after(int a, int b) {
        return a - b > 0;
    }

    private static boolean before(int a, int b) {
        return a - b < 0;
    }

    /**
     * Notes the SACK option (at {@code option}, or -1 for none; the header ends at {@code end})
     * of the segment just analysed: the other side's next segments subtract its blocks from
     * their bytes in flight. Wireshark reads options after the analysis, so a segment's own
     * blocks do not count for itself.
     */
    void sackOption(TcpConversation c, int side, ByteBuffer b, int option, int end) {
        if (c.sequenceState == null) {
            return;
        }
        int blocks = option < 0 ? 0 : (Math.min(b.get(option + 1) & 0xFF, end - option) - 2) / 8;
        long bytes = 0;
        for (int i = 0; i < Math.min(blocks, MAX_SACK_BLOCKS_KEPT); i++) {
            int left = b.getInt(option + 2 + 8 * i);
            int right = b.getInt(option + 6 + 8 * i);
            bytes += (right - left) & 0xFFFFFFFFL;
        }
        c.sequenceState.direction(side).sackedBytes = bytes;
    }

    /** The time of the latest SYN, and the initial RTT at the first ACK (not a SYN-ACK) after it. */
    private static void handshakeTimes(State state, int tcpFlags, long nanos) {
        boolean syn = (tcpFlags & TcpHeader.SYN) != 0;
        boolean ackFlag = (tcpFlags & TcpHeader.ACK) != 0;
        if (syn && !ackFlag) {
            state.mostRecentSynNanos = nanos;
        } else if (!syn && ackFlag && state.mostRecentSynNanos != 0 && state.initialRttNanos == 0) {
            // The first ACK after a SYN: taken as the handshake's last packet.
            state.initialRttNanos = nanos - state.mostRecentSynNanos;
        }
    }

    /**
     * A TCP header quoted in an ICMP error, in its conversation. tshark 4.0 keeps it out of the
     * sequence analysis (a real segment repeating it is no retransmission), but the part of its
     * TCP dissector that tracks conversations still sees it: a quoted SYN with a new ISN is
     * reported as reused ports, and a quoted SYN or ACK moves the handshake times that the
     * initial RTT is measured with (checked with tshark on built quotes). Its own frame shows no
     * initial RTT.
     */
    void quoted(TcpConversation c, int tcpFlags, long nanos, boolean reused) {
        clearResult();
        analysed = true;
        resultExists = reused;
        flags = reused ? ExpertFlag.REUSED_PORTS.bit() : 0;
        if (c.sequenceState == null) {
            c.sequenceState = new State();
        }
        handshakeTimes(c.sequenceState, tcpFlags, nanos);
    }

    /** Marks that the last packet was not analysed (no conversation, or analysis is off). */
    void skip() {
        clearResult();
        synRepeatsIsn = false;
    }

    /** No result: nothing analysed, no flag, note or value. */
    private void clearResult() {
        analysed = false;
        resultExists = false;
        flags = 0;
        notes = 0;
        dupAckNum = 0;
        dupAckFrame = 0;
        acksFrame = 0;
        ackRttNanos = 0;
        bytesInFlight = 0;
        pushBytesSent = 0;
        rtoNanos = 0;
        rtoFrame = 0;
        initialRttNanos = 0;
    }

    /** True when the last packet went through the analysis. */
    public boolean analysed() { return analysed; }

    /** The expert flags of the last packet ({@link ExpertFlag#bit()}s). */
    public int flags() { return flags; }

    /** The duplicate ACK's count in its run (1 for the first repeat). */
    public int dupAckNum() { return dupAckNum; }

    /** The frame the duplicated ACK first appeared in. */
    public long dupAckFrame() { return dupAckFrame; }

    /** The frame whose segment this packet acknowledges exactly, or 0. */
    public long acksFrame() { return acksFrame; }

    /** Time since the acknowledged frame (shown only when not 0, as in Wireshark). */
    public long ackRttNanos() { return ackRttNanos; }

    /** Bytes sent and not yet acknowledged after this segment, or 0 when unknown. */
    public long bytesInFlight() { return bytesInFlight; }

    /** Bytes sent since the last PSH, or 0. */
    public long pushBytesSent() { return pushBytesSent; }

    /** For a retransmission: time since the segment it probably resends (0: none). */
    public long rtoNanos() { return rtoNanos; }

    public long rtoFrame() { return rtoFrame; }

    /** The conversation's initial RTT once known (SYN to first pure ACK), else 0. */
    public long initialRttNanos() { return initialRttNanos; }

    /** The handshake and teardown notes of the last packet ({@link ValidationNote#bit()}s). */
    public int notes() { return notes; }

    /** True when the packet has any analysis result (Wireshark's per-frame tcp_acked). */
    public boolean hasResult() { return resultExists; }
}
