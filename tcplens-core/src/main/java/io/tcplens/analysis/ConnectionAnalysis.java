package io.tcplens.analysis;

import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.TcpConnection;
import io.tcplens.flow.TcpConnection.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The verdicts on one connection, judged from the packets the engine recorded: how it opened
 * (with the arithmetic checks behind the verdict), how it closed, and both ends' RFC 9293 state
 * timelines. Sequence arithmetic is modulo 2^32 (RFC 9293, section 3.4).
 *
 * <p>The verdicts are judged at once; the checks and notes are worked out from the connection's
 * kept packets each time they are asked for, the state timelines when first asked for. Of a
 * connection still receiving packets (live events), read what you need right away: later
 * packets would be in them.
 */
public final class ConnectionAnalysis {

    /**
     * One arithmetic check on a packet: "{what} ack {ack} = {base} {value} + 1{extra}", e.g.
     * "SYN-ACK ack 1926459879 = ISN 1926459878 + 1". The text is built only when asked for:
     * most connections are judged without ever being printed in full.
     */
    public record Check(long packet, String what, long value, String base, long of, String extra, boolean ok) {
        public String text() {
            return what + " " + value + " = " + base + " " + of + " + 1" + extra;
        }

        public String mark() {
            return ok ? "\u2713" : "\u2717";
        }
    }

    /** Who closed first. */
    public enum Initiator {
        ORIGINATOR, RESPONDER, BOTH, NONE;

        /** Computed once: every connection row asks for it. */
        private final String id = name().toLowerCase(java.util.Locale.ROOT);

        public String id() {
            return id;
        }
    }

    private final TcpConnection connection;
    private HandshakeKind handshake = HandshakeKind.NOT_SEEN;
    private TeardownKind teardown = TeardownKind.NOT_SEEN;
    private Initiator initiator = Initiator.NONE;
    private boolean finalAckSeen;
    private int finRetransmissions;
    private int synRetransmissions;
    private TcpState resetSenderState;
    private boolean resetWithUnacknowledgedData;
    private long isnOriginator = -1;
    private long isnResponder = -1;
    private long initialRttNanos = -1;
    private EndpointTimeline originatorStates;
    private EndpointTimeline responderStates;

    private String zeekConnState;

    // The packets behind the verdicts, by index among the kept packets (NONE: not seen). The
    // checks and notes are built from them when a report asks (explain, JSON), not while judging:
    // the CSV and Zeek rows of a large capture never read them, and the string building made
    // the judging methods the JIT's most expensive work (measured on the 10M-packet capture,
    // one core: judgeHandshake and judgeTeardown took 1.3 s of C2 compile time, each compiled
    // 3 to 5 times as rare verdicts, and their notes, turned up).
    /** The originator's and the responder's first SYN and SYN-ACK. */
    private int synO = NONE;
    private int synR = NONE;
    private int synAckO = NONE;
    private int synAckR = NONE;
    /** The RST that refused the SYN, or the originator's RST after the SYN-ACK. */
    private int handshakeRst = NONE;
    /** A RST from the responder before its SYN-ACK that a TCP in SYN-SENT drops (RFC 9293 3.10.7.3), or NONE. */
    private int droppedRst = NONE;
    /** The originator's ACK that completes the handshake. */
    private int third = NONE;
    /** The first FIN, and the other side's first FIN. */
    private int finA = NONE;
    private int finB = NONE;
    /** The other side's pure ACK of the first FIN, sent before its own FIN (a four-way teardown). */
    private int finAAck = NONE;
    /** The ACK of the second FIN. */
    private int lastAck = NONE;
    private int firstRst = NONE;

    private ConnectionAnalysis(TcpConnection connection) {
        this.connection = connection;
    }

    public static ConnectionAnalysis of(TcpConnection connection) {
        ConnectionAnalysis a = new ConnectionAnalysis(connection);
        a.judgeHandshake();
        a.judgeTeardown();
        // The RFC 9293 state replay waits until a report asks for it: the verdicts do not
        // depend on it, and the CSV and Zeek rows of a large capture never read it (it was a
        // fifth of all that `conns -T csv` allocated on the 10M-packet capture).
        // Zeek's verdict is read here, once, rather than where rows are formatted: the state's
        // rarely taken branches (REJ, RSTOS0, ...) then trap and recompile this small method,
        // not a row formatter that the JIT compiled into 60 kB of code (measured: the CSV row
        // method was compiled three times on the 10M-packet capture because of them).
        a.zeekConnState = connection.firstZeekRow().connState();
        return a;
    }

    /** Zeek's conn_state for the connection's first conn.log row. */
    public String zeekConnState() { return zeekConnState; }

    public TcpConnection connection() { return connection; }

    public HandshakeKind handshake() { return handshake; }

    public List<Check> handshakeChecks() { return Collections.unmodifiableList(buildHandshakeChecks()); }

    /** A sentence about the handshake beyond its kind (retransmissions, what was expected), or "". */
    public String handshakeNote() { return buildHandshakeNote(); }

    public TeardownKind teardown() { return teardown; }

    public List<Check> teardownChecks() { return Collections.unmodifiableList(buildTeardownChecks()); }

    /** A sentence about the teardown beyond its kind (who closed, a RST after it), or "". */
    public String teardownNote() { return buildTeardownNote(); }

    public Initiator initiator() { return initiator; }

    public boolean finalAckSeen() { return finalAckSeen; }

    public int finRetransmissions() { return finRetransmissions; }

    public int synRetransmissions() { return synRetransmissions; }

    /** Side that sent the first RST, or -1. */
    public int resetSide() { return firstRst == NONE ? -1 : side(firstRst); }

    public long resetPacket() { return firstRst == NONE ? 0 : number(firstRst); }

    /** The RST sender's state when it sent it, or null. */
    public TcpState resetSenderState() {
        replayStatesOnce();
        return resetSenderState;
    }

    public boolean resetWithUnacknowledgedData() { return resetWithUnacknowledgedData; }

    /** The originator's initial sequence number (absolute), or -1 when its SYN was not seen. */
    public long isnOriginator() { return isnOriginator; }

    public long isnResponder() { return isnResponder; }

    /** From the last SYN before the ACK that completes the handshake to that ACK, as Wireshark's tcp.analysis.initial_rtt; -1 when there is none. */
    public long initialRttNanos() { return initialRttNanos; }

    public EndpointTimeline originatorStates() {
        replayStatesOnce();
        return originatorStates;
    }

    public EndpointTimeline responderStates() {
        replayStatesOnce();
        return responderStates;
    }

    // ---------------------------------------------------------------- handshake

    // The judging scans the connection's kept packets where they are packed and names a packet by
    // its index there (NONE: no such packet): unpacking them into Event objects for every
    // connection was the largest allocation of `conns` (a fifth of it on the 10M-packet capture).

    /** No kept packet. */
    private static final int NONE = -1;

    private long number(int i) { return connection.eventNumber(i); }

    private long nanos(int i) { return connection.eventNanos(i); }

    private int side(int i) { return connection.eventSide(i); }

    private int flags(int i) { return connection.eventFlags(i); }

    private boolean has(int i, int flag) { return (flags(i) & flag) != 0; }

    private long seq(int i) { return connection.eventSeq(i); }

    private long ack(int i) { return connection.eventAck(i); }

    private int payload(int i) { return connection.eventPayload(i); }

    /** The first kept packet from {@code side}, numbered after {@code after}, with all flags of {@code mustHave} and none of {@code mustNotHave}; or NONE. */
    private int first(int side, int mustHave, int mustNotHave, long after) {
        for (int i = 0, n = connection.eventCount(); i < n; i++) {
            int flags = flags(i);
            if (side(i) == side && number(i) > after && (flags & mustHave) == mustHave && (flags & mustNotHave) == 0) {
                return i;
            }
        }
        return NONE;
    }

    /** The side's last kept SYN (without ACK) before the packet number (there is one: synO). */
    private int lastSynBefore(int side, long before) {
        int last = synO;
        for (int i = synO + 1, n = connection.eventCount(); i < n && number(i) < before; i++) {
            if (side(i) == side && (flags(i) & (TcpHeader.SYN | TcpHeader.ACK | TcpHeader.RST)) == TcpHeader.SYN) {
                last = i;
            }
        }
        return last;
    }

    private static long plus(long seq, long n) {
        return (seq + n) & 0xFFFFFFFFL;
    }

    private static int compare(long a, long b) {
        return (int) (a - b);
    }

    private void judgeHandshake() {
        int o = connection.originator();
        int r = connection.responder();
        int syn = TcpHeader.SYN;
        int ack = TcpHeader.ACK;
        synO = first(o, syn, ack | TcpHeader.RST, 0);
        synR = first(r, syn, ack | TcpHeader.RST, 0);
        synAckR = first(r, syn | ack, TcpHeader.RST, 0);
        synAckO = first(o, syn | ack, TcpHeader.RST, 0);
        if (synO == NONE) {
            if (synAckR != NONE) {
                isnResponder = seq(synAckR);
                handshake = connection.packets(o) == 0 ? HandshakeKind.SYN_ACK_ONLY : HandshakeKind.NOT_SEEN;
            }
            return;
        }
        isnOriginator = seq(synO);
        for (int i = 0, n = connection.eventCount(); i < n; i++) {
            if (i != synO && side(i) == o && (flags(i) & (syn | ack)) == syn && seq(i) == seq(synO)) {
                synRetransmissions++;
            }
        }
        if (synR != NONE) {
            isnResponder = seq(synR);
            handshake = synAckO != NONE && synAckR == NONE ? HandshakeKind.SPLIT_HANDSHAKE : HandshakeKind.SIMULTANEOUS_OPEN;
            return;
        }
        if (synAckR == NONE || (number(synAckR) > firstRstNumber(r, number(synO)))) {
            int rst = first(r, TcpHeader.RST, 0, number(synO));
            if (rst != NONE && (synAckR == NONE || number(rst) < number(synAckR))) {
                int acceptable = firstRstAcknowledgingSyn(r, number(synO), synAckR == NONE ? Long.MAX_VALUE : number(synAckR));
                if (synAckR == NONE || acceptable != NONE) {
                    handshake = HandshakeKind.REFUSED;
                    handshakeRst = acceptable != NONE ? acceptable : rst;
                    return;
                }
                // RFC 9293 3.10.7.3: in SYN-SENT a RST is acceptable only when its ACK
                // acknowledges the SYN; the originator drops this one (injected, or a stray
                // from an earlier connection), and the SYN-ACK that follows opens the connection.
                droppedRst = rst;
            }
            if (synAckR == NONE) {
                handshake = HandshakeKind.NO_REPLY;
                return;
            }
        }
        isnResponder = seq(synAckR);
        if (!synAckAcknowledgesSyn()) {
            handshake = HandshakeKind.INVALID;
            return;
        }
        third = first(o, ack, syn | TcpHeader.RST, number(synAckR));
        if (third == NONE) {
            handshake = HandshakeKind.NO_FINAL_ACK;
            handshakeRst = first(o, TcpHeader.RST, 0, number(synAckR));
            return;
        }
        // From the SYN sent last before the handshake's ACK, as Wireshark's iRTT
        // (tcp.analysis.initial_rtt): the first SYN's time would add every retransmission
        // timeout the client waited out, which is no round trip.
        initialRttNanos = nanos(third) - nanos(lastSynBefore(o, number(third)));
        if (!thirdAcknowledgesSynAck() || !thirdFollowsSyn()) {
            handshake = HandshakeKind.INVALID;
        } else if (payload(synO) > 0) {
            handshake = HandshakeKind.SYN_WITH_DATA;
        } else if (payload(third) > 0) {
            handshake = HandshakeKind.THREE_WAY_WITH_DATA;
        } else {
            handshake = HandshakeKind.THREE_WAY;
        }
    }

    /**
     * The first RST from {@code side} between the packets numbered {@code after} and {@code before}
     * whose ACK acknowledges the SYN (the tracker applies the same test, {@link TcpConnection#acknowledgesSyn}), or NONE.
     */
    private int firstRstAcknowledgingSyn(int side, long after, long before) {
        for (int i = 0, n = connection.eventCount(); i < n; i++) {
            if (side(i) == side && number(i) > after && number(i) < before && has(i, TcpHeader.RST) && has(i, TcpHeader.ACK)
                    && TcpConnection.acknowledgesSyn(ack(i), seq(synO), payload(synO))) {
                return i;
            }
        }
        return NONE;
    }

    /** The SYN-ACK acknowledges the SYN (ISN + 1), or the SYN and its data (TCP Fast Open, RFC 7413). */
    private boolean synAckAcknowledgesSyn() {
        long synLength = payload(synO);
        return ack(synAckR) == plus(seq(synO), 1) || (synLength > 0 && ack(synAckR) == plus(seq(synO), 1 + synLength));
    }

    /** Bytes of the SYN's data that the SYN-ACK accepted: all of them, or none. */
    private long acceptedSynData() {
        return ack(synAckR) == plus(seq(synO), 1) ? 0 : payload(synO);
    }

    /** The third packet acknowledges at least the SYN-ACK (acknowledgment is cumulative, RFC 9293 3.4). */
    private boolean thirdAcknowledgesSynAck() {
        return compare(ack(third), plus(seq(synAckR), 1)) >= 0;
    }

    private boolean thirdFollowsSyn() {
        return seq(third) == plus(seq(synO), 1 + acceptedSynData());
    }

    /** The check that packet {@code i} acknowledges the SYN of ISN {@code isn}: its ack is ISN + 1. */
    private Check acknowledgesIsn(int i, String what, long isn) {
        return new Check(number(i), what, ack(i), "ISN", isn, "", ack(i) == plus(isn, 1));
    }

    private List<Check> buildHandshakeChecks() {
        List<Check> checks = new ArrayList<>(3);
        switch (handshake) {
            case NOT_SEEN, SYN_ACK_ONLY, NO_REPLY -> { }
            case SIMULTANEOUS_OPEN, SPLIT_HANDSHAKE -> {
                // Each SYN-ACK acknowledges the other end's SYN: in a split handshake only the
                // originator's answers one; in a simultaneous open both ends answer.
                if (synAckO != NONE) {
                    checks.add(acknowledgesIsn(synAckO, "SYN-ACK ack", seq(synR)));
                }
                if (handshake == HandshakeKind.SIMULTANEOUS_OPEN && synAckR != NONE) {
                    checks.add(acknowledgesIsn(synAckR, "SYN-ACK ack", seq(synO)));
                }
                checks.sort(java.util.Comparator.comparingLong(Check::packet));
            }
            case REFUSED -> {
                if (has(handshakeRst, TcpHeader.ACK)) {
                    checks.add(acknowledgesIsn(handshakeRst, "RST ack", seq(synO)));
                }
            }
            case INVALID, NO_FINAL_ACK, SYN_WITH_DATA, THREE_WAY_WITH_DATA, THREE_WAY -> {
                if (droppedRst != NONE) {
                    // Why the RST before the SYN-ACK did not end the attempt: it fails this check.
                    checks.add(new Check(number(droppedRst), "RST ack", ack(droppedRst), "ISN", seq(synO), "", false));
                }
                long synLength = payload(synO);
                checks.add(new Check(number(synAckR), "SYN-ACK ack", ack(synAckR), "ISN", seq(synO),
                        synLength > 0 && ack(synAckR) != plus(seq(synO), 1) ? " + " + bytes(synLength) + " of SYN data" : "",
                        synAckAcknowledgesSyn()));
                if (third != NONE) {
                    long accepted = acceptedSynData();
                    checks.add(new Check(number(third), "ACK ack", ack(third), "ISN", seq(synAckR),
                            beyond(ack(third), seq(synAckR), " acknowledged beyond the SYN-ACK"), thirdAcknowledgesSynAck()));
                    checks.add(new Check(number(third), "ACK seq", seq(third), "ISN", seq(synO),
                            accepted > 0 ? " + " + accepted : "", thirdFollowsSyn()));
                }
            }
        }
        return checks;
    }

    private String buildHandshakeNote() {
        String note = switch (handshake) {
            case SYN_ACK_ONLY -> "a SYN-ACK with no SYN and nothing from the other side: backscatter of a flood with spoofed sources, or a scan";
            case NOT_SEEN -> synAckR != NONE
                    ? "the SYN was not captured; the SYN-ACK was"
                    : "no SYN or SYN-ACK captured: the capture started after the connection opened";
            // Not "answered": its SYN does not acknowledge the originator's, so the capture cannot
            // tell whether it was sent before or after that one arrived (the ladder shows the latter).
            case SPLIT_HANDSHAKE -> "the responder sent a SYN of its own, acknowledging nothing, instead of a SYN-ACK, "
                    + "and the originator completed the handshake with a SYN-ACK (a split handshake)";
            case SIMULTANEOUS_OPEN -> "both ends sent a SYN before seeing the other's; each answers the other's SYN";
            case REFUSED -> "the responder answered the SYN with a RST: nothing listens on port " + connection.port(connection.responder());
            case NO_REPLY -> (connection.packets(connection.responder()) == 0 ? "the SYN was never answered"
                        : "the SYN got neither a SYN-ACK nor a RST (the responder sent only other packets)")
                    + (synRetransmissions > 0 ? "; it was retransmitted " + times(synRetransmissions) : "");
            case NO_FINAL_ACK -> handshakeRst != NONE
                    ? "the originator answered the SYN-ACK with a RST (a half-open scan, or it gave up)"
                    : "the SYN-ACK was never acknowledged: the connection stayed half-open";
            case INVALID -> third == NONE
                    ? "the SYN-ACK acknowledges " + ack(synAckR) + " but the SYN's ISN " + seq(synO) + " needs " + plus(seq(synO), 1)
                    : !thirdAcknowledgesSynAck()
                    ? "the third packet acknowledges " + ack(third) + " but the SYN-ACK's ISN " + seq(synAckR) + " needs " + plus(seq(synAckR), 1)
                    : "the third packet's sequence number " + seq(third) + " should be " + plus(seq(synO), 1 + acceptedSynData());
            case SYN_WITH_DATA -> "the SYN carried " + bytes(payload(synO)) + " (TCP Fast Open); the SYN-ACK "
                    + (acceptedSynData() > 0 ? "accepted " + (payload(synO) == 1 ? "it" : "them")
                    : "acknowledged only the SYN, so " + (payload(synO) == 1 ? "it" : "they") + " must be sent again");
            case THREE_WAY_WITH_DATA -> "the third packet already carries " + bytes(payload(third)) + " of data";
            case THREE_WAY -> "";
        };
        // Once the handshake got as far as its third packet, the SYN's retransmissions are a remark.
        if (third != NONE && synRetransmissions > 0) {
            note = (note.isEmpty() ? "" : note + "; ") + "the SYN was retransmitted " + times(synRetransmissions);
        }
        if (droppedRst != NONE) {
            note = (note.isEmpty() ? "" : note + "; ") + "the RST in #" + number(droppedRst) + " came before the SYN-ACK but "
                    + (has(droppedRst, TcpHeader.ACK) ? "acknowledges " + ack(droppedRst) + ", not the SYN (" + plus(seq(synO), 1) + ")"
                        : "carries no ACK")
                    + ": a TCP in SYN-SENT drops it (RFC 9293 3.10.7.3), an injected or stray RST";
        }
        return note;
    }

    private static String times(int n) {
        return n + " time" + (n > 1 ? "s" : "");
    }

    private static String bytes(long n) {
        return n + (n == 1 ? " byte" : " bytes");
    }

    private long firstRstNumber(int side, long after) {
        int i = first(side, TcpHeader.RST, 0, after);
        return i == NONE ? Long.MAX_VALUE : number(i);
    }

    // ---------------------------------------------------------------- teardown

    private void judgeTeardown() {
        int[] fin = {NONE, NONE};
        int rst = NONE;
        for (int i = 0, n = connection.eventCount(); i < n; i++) {
            int flags = flags(i);
            int side = side(i);
            if ((flags & (TcpHeader.FIN | TcpHeader.RST)) == TcpHeader.FIN) {
                if (fin[side] == NONE) {
                    fin[side] = i;
                } else if (seq(i) == seq(fin[side])) {
                    finRetransmissions++;
                }
            }
            if ((flags & TcpHeader.RST) != 0 && rst == NONE && i != droppedRst) {
                rst = i;
            }
        }
        firstRst = rst;
        if (fin[0] == NONE && fin[1] == NONE) {
            if (rst == NONE || handshake == HandshakeKind.REFUSED) {
                teardown = handshake == HandshakeKind.REFUSED ? TeardownKind.RESET : TeardownKind.NOT_SEEN;
                if (rst != NONE) {
                    initiator = sideInitiator(side(rst));
                }
                return;
            }
            teardown = TeardownKind.RESET;
            initiator = sideInitiator(side(rst));
            resetWithUnacknowledgedData = connection.unacknowledgedAtReset();
            return;
        }
        int a = fin[1] == NONE || (fin[0] != NONE && number(fin[0]) < number(fin[1])) ? 0 : 1;
        int b = 1 - a;
        finA = fin[a];
        finB = fin[b];
        long uA = finEnd(finA);
        initiator = sideInitiator(a);
        if (finB == NONE) {
            boolean resetAfter = rst != NONE && number(rst) > number(finA);
            teardown = resetAfter ? TeardownKind.FIN_THEN_RESET : TeardownKind.HALF_CLOSED;
            if (resetAfter) {
                resetWithUnacknowledgedData = connection.unacknowledgedAtReset();
            }
            return;
        }
        boolean bAckedFirst = has(finB, TcpHeader.ACK) && compare(ack(finB), plus(uA, 1)) >= 0;
        if (!bAckedFirst) {
            teardown = TeardownKind.SIMULTANEOUS_CLOSE;
            initiator = Initiator.BOTH;
        } else {
            finAAck = firstAcking(b, uA, number(finA), number(finB));
            teardown = finAAck != NONE ? TeardownKind.FOUR_WAY : TeardownKind.THREE_PACKET;
        }
        lastAck = firstAcking(a, finEnd(finB), number(finB), Long.MAX_VALUE);
        finalAckSeen = lastAck != NONE;
        if (teardown == TeardownKind.SIMULTANEOUS_CLOSE) {
            finalAckSeen = lastAck != NONE && firstAcking(b, uA, number(finA), Long.MAX_VALUE) != NONE;
        }
    }

    /** The sequence number a FIN occupies: after its data. */
    private long finEnd(int fin) {
        return plus(seq(fin), payload(fin));
    }

    /**
     * The check of the packet that acknowledged a FIN: it is found as the first to acknowledge
     * at least the FIN, and the FIN is the last byte its sender can send (RFC 9293, 3.6), so an
     * acknowledgment beyond it is shown as such and marked wrong rather than printed as FIN + 1.
     */
    private Check finAcknowledged(int ack, long finSeq) {
        String what = has(ack, TcpHeader.FIN) ? "FIN+ACK ack" : "ACK ack";
        return new Check(number(ack), what, ack(ack), "FIN seq", finSeq, beyond(ack(ack), finSeq, " beyond the FIN"),
                ack(ack) == plus(finSeq, 1));
    }

    /**
     * The part of a check's text after "+ 1" when an acknowledgment goes further than the number
     * it acknowledges plus one, so that the printed sum is always the acknowledgment itself
     * (found by CommandFuzzTest: "ACK ack 228586450 = ISN 218297297 + 1 ✓"); empty otherwise.
     */
    private static String beyond(long ack, long of, String what) {
        long more = (ack - plus(of, 1)) & 0xFFFFFFFFL;
        return compare(ack, plus(of, 1)) > 0 ? " + " + more + what : "";
    }

    private List<Check> buildTeardownChecks() {
        List<Check> checks = new ArrayList<>(2);
        switch (teardown) {
            case NOT_SEEN, RESET -> { }
            case HALF_CLOSED, FIN_THEN_RESET -> {
                long uA = finEnd(finA);
                int acked = firstAcking(1 - side(finA), uA, number(finA), Long.MAX_VALUE);
                if (acked != NONE) {
                    checks.add(finAcknowledged(acked, uA));
                }
            }
            case FOUR_WAY, THREE_PACKET, SIMULTANEOUS_CLOSE -> {
                if (teardown != TeardownKind.SIMULTANEOUS_CLOSE) {
                    // The first FIN was acknowledged by a pure ACK (four-way) or by the FIN+ACK.
                    int by = finAAck != NONE ? finAAck : finB;
                    checks.add(finAcknowledged(by, finEnd(finA)));
                }
                if (lastAck != NONE) {
                    checks.add(finAcknowledged(lastAck, finEnd(finB)));
                }
                if (teardown == TeardownKind.SIMULTANEOUS_CLOSE) {
                    // The FINs crossed: the second FIN did not acknowledge the first, so the
                    // first FIN's own acknowledgment comes later, from the second FIN's sender.
                    int acked = firstAcking(1 - side(finA), finEnd(finA), number(finA), Long.MAX_VALUE);
                    if (acked != NONE) {
                        checks.add(finAcknowledged(acked, finEnd(finA)));
                        checks.sort(java.util.Comparator.comparingLong(Check::packet));
                    }
                }
            }
        }
        return checks;
    }

    private String buildTeardownNote() {
        String note = switch (teardown) {
            case NOT_SEEN, FOUR_WAY -> "";
            // A refused connection's RST is told by its handshake.
            case RESET -> handshake == HandshakeKind.REFUSED ? "" : "reset by the " + initiator.id()
                    + (payload(firstRst) > 0 ? " (the RST carries " + payload(firstRst) + " bytes)" : "")
                    + (resetWithUnacknowledgedData ? ", with data still unacknowledged" : "");
            case FIN_THEN_RESET -> "the " + initiator.id() + " closed with a FIN; a RST from the "
                    + sideInitiator(side(firstRst)).id() + " ended it";
            case HALF_CLOSED -> "only the " + initiator.id() + " closed; the other side "
                    + (dataAfter(1 - side(finA), number(finA)) ? "kept sending (half-close)" : "never closed within the capture");
            case SIMULTANEOUS_CLOSE -> "the FINs crossed: each end sent its FIN before it saw the other's, so both pass through CLOSING";
            case THREE_PACKET -> "the " + sideInitiator(1 - side(finA)).id() + " acknowledged the FIN and sent its own in one FIN+ACK:"
                    + " it closed its socket as soon as it read the FIN";
        };
        if (finB != NONE && firstRst != NONE && number(firstRst) > number(finB)) {
            note = (note.isEmpty() ? "" : note + "; ") + "a RST from the " + sideInitiator(side(firstRst)).id() + " followed the close";
        }
        return note;
    }

    /** The first packet from {@code side} (number in (after, before)) acknowledging the FIN at {@code finSeq}; or NONE. */
    private int firstAcking(int side, long finSeq, long after, long before) {
        for (int i = 0, n = connection.eventCount(); i < n; i++) {
            long number = number(i);
            if (side(i) == side && number > after && number < before
                    && (flags(i) & (TcpHeader.ACK | TcpHeader.RST)) == TcpHeader.ACK
                    && compare(ack(i), plus(finSeq, 1)) >= 0) {
                return i;
            }
        }
        return NONE;
    }

    private boolean dataAfter(int side, long after) {
        for (int i = 0, n = connection.eventCount(); i < n; i++) {
            if (side(i) == side && number(i) > after && payload(i) > 0) {
                return true;
            }
        }
        return false;
    }

    private Initiator sideInitiator(int side) {
        return side == connection.originator() ? Initiator.ORIGINATOR : Initiator.RESPONDER;
    }

    // ---------------------------------------------------------------- RFC 9293 states

    /** Per end, what the replay needs to know besides the state. */
    private static final class End {
        final EndpointTimeline timeline;
        final boolean passive;
        /** An end that never answered (a SYN with no reply): nothing it received tells its state. */
        boolean silent;
        long iss = -1;
        long finSeq = -1;

        End(EndpointTimeline timeline, boolean passive) {
            this.timeline = timeline;
            this.passive = passive;
        }

        boolean acksOurFin(Event e) {
            return finSeq >= 0 && e.has(TcpHeader.ACK) && compare(e.ack(), plus(finSeq, 1)) >= 0;
        }

        boolean acksOurSyn(Event e) {
            return iss >= 0 && e.has(TcpHeader.ACK) && compare(e.ack(), plus(iss, 1)) >= 0;
        }
    }

    private void replayStatesOnce() {
        if (originatorStates == null) {
            replayStates();
        }
    }

    private void replayStates() {
        boolean seen = handshake != HandshakeKind.NOT_SEEN && handshake != HandshakeKind.SYN_ACK_ONLY;
        boolean refused = handshake == HandshakeKind.REFUSED;
        boolean simultaneous = handshake == HandshakeKind.SIMULTANEOUS_OPEN || handshake == HandshakeKind.SPLIT_HANDSHAKE;
        End[] ends = new End[2];
        int o = connection.originator();
        ends[o] = new End(seen ? new EndpointTimeline(TcpState.CLOSED, "before its SYN")
                : new EndpointTimeline(TcpState.UNKNOWN, "the handshake was not captured"), false);
        // A SYN never answered says nothing of the responder: the SYN may not have reached it, or
        // nothing listened and no RST came back (a firewall dropping it), or it did not answer.
        boolean unanswered = handshake == HandshakeKind.NO_REPLY;
        TcpState responderStart = !seen || unanswered ? TcpState.UNKNOWN
                : refused || simultaneous ? TcpState.CLOSED : TcpState.LISTEN;
        ends[1 - o] = new End(new EndpointTimeline(responderStart, switch (responderStart) {
            case LISTEN -> "inferred: it answered the SYN, so a socket was listening (passive OPEN, RFC 9293 3.10.1)";
            case CLOSED -> refused ? "nothing listening on the port" : "before its SYN";
            default -> unanswered ? "it never answered: whether the SYN reached it, and whether a socket listened, the capture cannot tell"
                    : "the handshake was not captured";
        }), responderStart == TcpState.LISTEN);
        ends[1 - o].silent = unanswered && connection.packets(1 - o) == 0;
        // A capture point sees a packet before its receiver does. When FINs or SYNs cross, each
        // end sent its own before receiving the other's: so a packet counts as received when
        // its receiver's acknowledgment number first covers it (or at the end of the capture).
        // Each end's inbox holds the indices of the packets sent to it and not yet received, in
        // capture order: end s's queue is inbox[s * n + head[s] .. s * n + tail[s]).
        Event[] events = connection.eventArray();
        int n = events.length;
        int[] inbox = new int[2 * n];
        int[] head = new int[2];
        int[] tail = new int[2];
        for (int i = 0; i < n; i++) {
            Event e = events[i];
            // What waits for e's sender counts as received once e acknowledges it.
            int sender = e.side();
            while (head[sender] < tail[sender]) {
                Event waiting = events[inbox[sender * n + head[sender]]];
                if (!waiting.has(TcpHeader.RST) && !covers(e, waiting)) {
                    break;
                }
                head[sender]++;
                transition(ends[sender], waiting, false);
            }
            transition(ends[sender], e, true);
            ends[sender].timeline.sent(e.number());
            int receiver = 1 - sender;
            inbox[receiver * n + tail[receiver]++] = i;
        }
        while (head[0] < tail[0] || head[1] < tail[1]) {
            int next = head[1] == tail[1] || (head[0] < tail[0]
                    && events[inbox[head[0]]].number() < events[inbox[n + head[1]]].number()) ? 0 : 1;
            transition(ends[next], events[inbox[next * n + head[next]++]], false);
        }
        originatorStates = ends[o].timeline;
        responderStates = ends[1 - o].timeline;
        if (firstRst != NONE) {
            resetSenderState = (side(firstRst) == o ? originatorStates : responderStates).stateBefore(number(firstRst));
        }
    }

    /** True when {@code acker}'s acknowledgment number covers all of {@code segment}'s sequence space. */
    private static boolean covers(Event acker, Event segment) {
        if (!acker.has(TcpHeader.ACK)) {
            return false;
        }
        long end = plus(segment.seq(), segment.payload() + (segment.has(TcpHeader.SYN) ? 1 : 0)
                + (segment.has(TcpHeader.FIN) ? 1 : 0));
        return compare(acker.ack(), end) >= 0;
    }

    /** One packet seen from one end: {@code sent} true for its sender. Transitions cite RFC 9293. */
    private static void transition(End end, Event e, boolean sent) {
        if (end.silent) {
            return;
        }
        EndpointTimeline t = end.timeline;
        long n = e.number();
        boolean syn = e.has(TcpHeader.SYN);
        boolean fin = e.has(TcpHeader.FIN);
        boolean rst = e.has(TcpHeader.RST);
        if (sent && syn) {
            end.iss = e.seq();
        }
        if (rst) {
            // RFC 9293 3.10.7.3/3.10.7.4: a RST closes the connection; a passive end in
            // SYN-RECEIVED goes back to LISTEN; an end in SYN-SENT drops a RST whose ACK does
            // not acknowledge its SYN.
            if (t.state() == TcpState.SYN_SENT && !sent && !end.acksOurSyn(e)) {
                return;
            }
            if (t.state() == TcpState.SYN_RECEIVED && end.passive && !sent) {
                t.enter(TcpState.LISTEN, n, "received RST: back to LISTEN (RFC 9293 3.10.7.4)");
            } else if (t.state() != TcpState.CLOSED && t.state() != TcpState.LISTEN) {
                t.enter(TcpState.CLOSED, n, sent ? "sent RST: connection aborted (RFC 9293 3.10.5)"
                        : "received RST: connection reset (RFC 9293 3.10.7)");
            }
            return;
        }
        switch (t.state()) {
            case CLOSED -> {
                if (sent && syn && !e.has(TcpHeader.ACK)) {
                    t.enter(TcpState.SYN_SENT, n, "sent SYN: active OPEN (RFC 9293 3.10.1)");
                }
            }
            case LISTEN -> {
                if (!sent && syn && !e.has(TcpHeader.ACK)) {
                    t.enter(TcpState.SYN_RECEIVED, n, "received SYN, answers SYN-ACK (RFC 9293 3.10.7.2)");
                }
            }
            case SYN_SENT -> {
                if (!sent && syn && end.acksOurSyn(e)) {
                    t.enter(TcpState.ESTABLISHED, n, "received SYN-ACK acknowledging its SYN; sends ACK (RFC 9293 3.10.7.3)");
                } else if (!sent && syn) {
                    t.enter(TcpState.SYN_RECEIVED, n, "received a SYN while SYN-SENT: simultaneous open (RFC 9293 3.10.7.3)");
                }
            }
            case SYN_RECEIVED -> {
                if (sent && fin) {
                    // Closed before its SYN was acknowledged.
                    end.finSeq = plus(e.seq(), e.payload());
                    t.enter(TcpState.FIN_WAIT_1, n, "sent FIN before its SYN was acknowledged: CLOSE in SYN-RECEIVED (RFC 9293 3.10.4)");
                } else if (!sent && end.acksOurSyn(e)) {
                    t.enter(TcpState.ESTABLISHED, n, "its SYN was acknowledged (RFC 9293 3.10.7.4)");
                    if (fin) {
                        t.enter(TcpState.CLOSE_WAIT, n, "received FIN (RFC 9293 3.10.7.4, eighth step)");
                    }
                }
            }
            case ESTABLISHED -> {
                if (sent && fin) {
                    end.finSeq = plus(e.seq(), e.payload());
                    t.enter(TcpState.FIN_WAIT_1, n, "sent FIN: active CLOSE (RFC 9293 3.10.4)");
                } else if (!sent && fin) {
                    t.enter(TcpState.CLOSE_WAIT, n, "received FIN: the peer has no more data (RFC 9293 3.10.7.4)");
                }
            }
            case FIN_WAIT_1 -> {
                if (sent && fin) {
                    return;
                }
                if (!sent && end.acksOurFin(e) && fin) {
                    t.enter(TcpState.TIME_WAIT, n, "received FIN+ACK acknowledging its FIN: straight to TIME-WAIT (RFC 9293 3.10.7.4)");
                } else if (!sent && end.acksOurFin(e)) {
                    t.enter(TcpState.FIN_WAIT_2, n, "its FIN was acknowledged (RFC 9293 3.10.7.4)");
                } else if (!sent && fin) {
                    t.enter(TcpState.CLOSING, n, "received FIN before the ACK of its own: simultaneous close (RFC 9293 3.10.7.4)");
                }
            }
            case FIN_WAIT_2 -> {
                if (!sent && fin) {
                    t.enter(TcpState.TIME_WAIT, n, "received FIN; sends the last ACK and waits 2 MSL (RFC 9293 3.10.7.4)");
                }
            }
            case CLOSE_WAIT -> {
                if (sent && fin) {
                    end.finSeq = plus(e.seq(), e.payload());
                    t.enter(TcpState.LAST_ACK, n, "sent its FIN (RFC 9293 3.10.4)");
                }
            }
            case CLOSING -> {
                if (!sent && end.acksOurFin(e)) {
                    t.enter(TcpState.TIME_WAIT, n, "its FIN was acknowledged (RFC 9293 3.10.7.4)");
                }
            }
            case LAST_ACK -> {
                if (!sent && end.acksOurFin(e)) {
                    t.enter(TcpState.CLOSED, n, "its FIN was acknowledged: the connection is closed (RFC 9293 3.10.7.4)");
                }
            }
            case TIME_WAIT -> {
                // Retransmitted FINs are acknowledged again; the state ends 2 MSL later (RFC 9293 3.10.7.4).
            }
            case UNKNOWN -> {
                // The handshake was not captured: the first FIN shows the connection was open.
                if (sent && fin) {
                    end.finSeq = plus(e.seq(), e.payload());
                    t.enter(TcpState.FIN_WAIT_1, n, "sent FIN: active CLOSE (RFC 9293 3.10.4)");
                } else if (!sent && fin) {
                    t.enter(TcpState.CLOSE_WAIT, n, "received FIN (RFC 9293 3.10.7.4)");
                } else if (sent && syn && e.has(TcpHeader.ACK)) {
                    t.enter(TcpState.SYN_RECEIVED, n, "sent SYN-ACK: its SYN was not captured (RFC 9293 3.10.7.2)");
                }
            }
        }
        if (sent && fin && end.finSeq < 0) {
            end.finSeq = plus(e.seq(), e.payload());
        }
    }
}
