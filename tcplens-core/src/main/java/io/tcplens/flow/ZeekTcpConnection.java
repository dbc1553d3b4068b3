package io.tcplens.flow;

/**
 * A TCP connection as Zeek's TCP analyzer observes it, so that tcplens can write Zeek's
 * {@code conn_state}, {@code history}, sizes and {@code missed_bytes} exactly as Zeek would
 * (re-implemented from Zeek's documented behaviour and source, not copied).
 *
 * <p>Each endpoint moves through Zeek's observer states (INACTIVE, SYN_SENT, SYN_ACK_SENT,
 * PARTIAL, ESTABLISHED, CLOSED, RESET). The history has one letter per event kind and
 * direction — upper case for the originator — recorded once, except SYN, FIN and RST repeated
 * with a new sequence number, and retransmissions (t), gaps (g), zero windows (w) and bad
 * checksums (c), recorded at their 1st, 10th, 100th ... occurrence. '^' marks a role flip.
 */
public final class ZeekTcpConnection {

    /** Zeek's TCP endpoint states (TCP_ENDPOINT_*). */
    public enum EndpointState { INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET }

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;
    /** Zeek's TOO_LARGE_SEQ_DELTA: a SYN or RST jumping further is not trusted. */
    private static final long TOO_LARGE_SEQ_DELTA = 1_048_576;
    /** Zeek's RSTOS0 test on the history: the originator's SYN, then an R with no H, A, F, G, I or Q before it (compiled once, not per connection). */
    private static final java.util.regex.Pattern RSTOS0_HISTORY = java.util.regex.Pattern.compile("\\^?S[^HAFGIQ]*R.*");

    private static final int HIST_SYN = 1;
    private static final int HIST_FIN = 2;
    private static final int HIST_RST = 4;
    private static final int HIST_FIN_RST = 8;
    private static final int HIST_ACK = 16;
    private static final int HIST_DATA = 32;
    private static final int HIST_MULTI_FLAG = 64;

    /** One side of the connection. */
    public final class Endpoint {
        // Field order is memory order (the JVM lays out each size in declaration order, the
        // references last): what only SYN, FIN, RST or a rare event changes comes first, so that
        // the fields every packet reads sit together with the references, in two or three cache
        // lines of the four the endpoint spans. With thousands of connections at once, each line
        // a packet touches is a likely cache miss.
        long histLastSyn;
        long histLastFin;
        long histLastRst;
        long finSeq;
        long retransmits;
        long retransmitThreshold;
        long zeroWindows;
        long zeroWindowThreshold;
        long gaps;
        long gapThreshold;
        long missedBytes;
        long startSeq;
        long startSeq64;
        long lastSeq;
        long ackSeq;
        long seqWraps;
        long ackWraps;
        long window;
        long windowSeq;
        long windowAckSeq;
        long packets;
        long ipBytes;
        // Reassembly bookkeeping, in relative sequence space (Zeek's reassembler starts at 1).
        long lastReassembled;
        long trimmed;
        // The first int fills the gap after the object header: a cold one.
        int rstCount;
        int finCount;
        int windowScale;
        boolean isOrig;
        EndpointState state;
        EndpointState prevState;
        /** Out-of-order data above lastReassembled; created on first need (most connections never need it). */
        java.util.TreeMap<Long, Long> blocks;
        Endpoint peer;

        Endpoint() {
            recycle();
        }

        /** The values of a new endpoint (see {@link ZeekTcpConnection#recycle}); the connection sets isOrig and peer. */
        void recycle() {
            histLastSyn = 0;
            histLastFin = 0;
            histLastRst = 0;
            finSeq = 0;
            retransmits = 0;
            retransmitThreshold = 1;
            zeroWindows = 0;
            zeroWindowThreshold = 1;
            gaps = 0;
            gapThreshold = 1;
            missedBytes = 0;
            startSeq = 0;
            startSeq64 = 0;
            lastSeq = 0;
            ackSeq = 0;
            seqWraps = 0;
            ackWraps = 0;
            window = 0;
            windowSeq = 0;
            windowAckSeq = 0;
            packets = 0;
            ipBytes = 0;
            lastReassembled = 1;
            trimmed = 1;
            rstCount = 0;
            finCount = 0;
            windowScale = 0;
            state = EndpointState.INACTIVE;
            prevState = EndpointState.INACTIVE;
            blocks = null;
        }

        public EndpointState state() { return state; }

        public boolean isOrig() { return isOrig; }

        public long packets() { return packets; }

        public long ipBytes() { return ipBytes; }

        void setState(EndpointState next) {
            if (next != state) {
                prevState = state;
                state = next;
            }
        }

        long fullSeq(long seq, long wraps) {
            return (wraps << 32) | seq;
        }

        void initStartSeq(long seq) {
            startSeq = seq;
            startSeq64 = seq;
        }

        void initAckSeq(long seq) {
            ackSeq = seq;
            ackWraps = 0;
        }

        void initLastSeq(long seq) {
            lastSeq = seq;
            seqWraps = 0;
        }

        void updateAckSeq(long seq) {
            if (seq < ackSeq) {
                ackWraps++;
            }
            ackSeq = seq;
        }

        void updateLastSeq(long seq) {
            if (seq < lastSeq) {
                seqWraps++;
            }
            lastSeq = seq;
        }

        boolean noDataAcked() {
            long ack = fullSeq(ackSeq, ackWraps);
            return ack == startSeq64 || ack == startSeq64 + 1;
        }

        /** Bytes sent, measured in sequence space (acknowledged data counts even if unseen). */
        public long size() {
            if (prevState == EndpointState.SYN_SENT && state == EndpointState.RESET
                    && peer.state == EndpointState.INACTIVE && !noDataAcked()) {
                return 0;
            }
            long last = fullSeq(lastSeq, seqWraps);
            long ack = fullSeq(ackSeq, ackWraps);
            long size = (ack > last ? ack : last) - startSeq64;
            if (size > 0) {
                size--;
            }
            if (finCount > 0 && size > 0) {
                size--;
            }
            return size;
        }

        public long missedBytes() { return missedBytes; }

        /** Appends the endpoint's letter if this event kind was not yet recorded for it; true if it was. */
        boolean checkHistory(int mask, char code) {
            int shifted = isOrig ? mask : mask << 16;
            if ((histSeen & shifted) == 0) {
                histSeen |= shifted;
                history.append(isOrig ? code : Character.toLowerCase(code));
                return false;
            }
            return true;
        }

        void addHistory(char code) {
            history.append(isOrig ? code : Character.toLowerCase(code));
        }

        /** Zeek's scaled history entries: the letter at the 1st, 10th, 100th ... occurrence. */
        void scaled(int which, char code) {
            long count;
            long threshold;
            switch (which) {
                case RETRANSMIT -> {
                    count = ++retransmits;
                    threshold = retransmitThreshold;
                }
                case ZERO_WINDOW -> {
                    count = ++zeroWindows;
                    threshold = zeroWindowThreshold;
                }
                default -> {
                    count = ++gaps;
                    threshold = gapThreshold;
                }
            }
            if (count == threshold) {
                addHistory(code);
                long next = threshold * 10 > threshold ? threshold * 10 : threshold;
                switch (which) {
                    case RETRANSMIT -> retransmitThreshold = next;
                    case ZERO_WINDOW -> zeroWindowThreshold = next;
                    default -> gapThreshold = next;
                }
            }
        }
    }

    private static final int RETRANSMIT = 0;
    private static final int ZERO_WINDOW = 1;
    private static final int GAP = 2;

    private Endpoint orig = new Endpoint();
    private Endpoint resp = new Endpoint();
    private final StringBuilder history = new StringBuilder(16);
    // Set by recycle, as the endpoints' fields are.
    private int histSeen;
    private boolean partial;
    private boolean firstOrigSeen;
    private boolean firstRespSeen;
    /** True when the roles were flipped; side 0/1 mapping is kept by the caller. */
    private boolean flipped;
    private long firstNanos;
    /** Set by relativeSeq: the number lay before the endpoint's start. */
    private boolean underflow;
    private long lastNanos;
    private long lastActivityNanos;

    public ZeekTcpConnection() {
        recycle();
    }

    /** Makes this object Zeek's view of a new connection (see {@link TcpConnection#recycle}). */
    void recycle() {
        orig.recycle();
        resp.recycle();
        orig.isOrig = true;
        resp.isOrig = false;
        orig.peer = resp;
        resp.peer = orig;
        history.setLength(0);
        histSeen = 0;
        partial = false;
        firstOrigSeen = false;
        firstRespSeen = false;
        flipped = false;
        firstNanos = Long.MIN_VALUE;
        underflow = false;
        lastNanos = 0;
        lastActivityNanos = 0;
    }

    public Endpoint orig() { return orig; }

    public Endpoint resp() { return resp; }

    public String history() { return history.toString(); }

    /**
     * Zeek's IsPartial(): the originator's first packet was not a bare SYN, or the responder's
     * first was not a SYN, and no later packet made it whole (a SYN-ACK reversal, an ACK after a
     * SYN-ACK whose SYN was missed).
     */
    public boolean partial() { return partial; }

    /** The history without a copy (a row per connection): read it before the connection sees another packet. */
    public CharSequence historyText() { return history; }

    public boolean flipped() { return flipped; }

    public long firstNanos() { return firstNanos; }

    public long lastNanos() { return lastNanos; }

    /** Time of the last packet of any kind (what Zeek's inactivity timer watches). */
    public long lastActivityNanos() { return lastActivityNanos; }

    /** Swaps originator and responder, as Zeek's Connection::FlipRoles, and records '^'. */
    public void flipRoles() {
        Endpoint t = resp;
        resp = orig;
        orig = t;
        orig.isOrig = true;
        resp.isOrig = false;
        histSeen = (histSeen >>> 16) | (histSeen << 16);
        history.append('^');
        flipped = !flipped;
    }

    /**
     * Zeek made the connection for a packet that its TCP analyzer then dropped (a header the
     * capture cut): the connection starts then, and nothing else of the packet counts.
     */
    public void opened(long nanos) {
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = nanos;
            lastNanos = nanos;
            lastActivityNanos = nanos;
        }
    }

    /**
     * One packet from the originator ({@code fromOrig}) or the responder. {@code payload} is
     * the segment's data length from the IP header; {@code captured} false when the capture
     * cut the payload; {@code windowShift} the SYN's window-scale option or -1.
     */
    public void packet(boolean fromOrig, long nanos, int flags, long seq, long ack, int payload, boolean captured,
                       int window, int windowShift, int ipLength) {
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = nanos;
        }
        lastActivityNanos = nanos;
        Endpoint endpoint = fromOrig ? orig : resp;
        Endpoint peer = endpoint.peer;
        endpoint.packets++;
        endpoint.ipBytes += ipLength;
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        boolean rst = (flags & RST) != 0;
        boolean ackFlag = (flags & ACK) != 0;
        setPartialStatus(syn, ackFlag, endpoint.isOrig);

        int segmentLength = payload + (syn ? 1 : 0) + (fin ? 1 : 0) - (rst ? payload : 0);
        long onePast = (seq + segmentLength) & 0xFFFFFFFFL;
        initEndpoint(endpoint, syn, seq, onePast);

        long relSeq = relativeSeq(endpoint, seq, endpoint.lastSeq, endpoint.seqWraps);
        boolean seqUnderflow = underflow;
        updateHistory(flags, endpoint, relSeq, payload);
        updateWindow(endpoint, window, seq, ack, flags);
        // Packets after both ends closed do not extend the connection (Zeek: did_close on both).
        if (!(finished(orig) && finished(resp))) {
            lastNanos = nanos;
        }
        if (syn) {
            initWindow(endpoint, peer, ackFlag, windowShift, seq, ack);
        }
        if (fin) {
            endpoint.finCount++;
            endpoint.finSeq = relSeq + segmentLength;
        }
        if (rst) {
            endpoint.rstCount++;
        }
        long relAck = 0;
        if (ackFlag) {
            if (peer.state == EndpointState.INACTIVE) {
                relAck = 1;
                peer.initStartSeq((ack - 1) & 0xFFFFFFFFL);
                peer.initAckSeq((ack - 1) & 0xFFFFFFFFL);
                peer.initLastSeq((ack - 1) & 0xFFFFFFFFL);
            } else {
                relAck = relativeSeq(peer, ack, peer.ackSeq, peer.ackWraps);
                if (underflow) {
                    relAck = 0;
                } else if (!rst) {
                    // Acks inside RSTs are not trusted.
                    int delta = (int) (ack - peer.ackSeq);
                    if (!(ack == 0 && delta > TOO_LARGE_SEQ_DELTA) && delta > 0) {
                        peer.updateAckSeq(ack);
                    }
                }
            }
        }
        updateLastSeq(endpoint, onePast, flags, payload);
        updateStateMachine(endpoint, peer, seq, ack, payload, endpoint.isOrig, flags);
        if (ackFlag) {
            ackReceived(peer, relAck);
        }
        long relDataSeq = syn ? relSeq + 1 : relSeq;
        if (payload > 0 && captured && !rst && !seqUnderflow) {
            dataSent(endpoint, relDataSeq, payload);
        }
    }

    private void setPartialStatus(boolean syn, boolean ack, boolean isOrig) {
        if (isOrig) {
            if (!firstOrigSeen) {
                partial = !syn || ack;
                firstOrigSeen = true;
            }
        } else {
            if (!firstRespSeen && !partial) {
                partial = !syn;
            }
            firstRespSeen = true;
        }
    }

    private static void initEndpoint(Endpoint e, boolean syn, long firstSeq, long lastSeq) {
        switch (e.state) {
            case INACTIVE -> {
                if (syn) {
                    e.initAckSeq(firstSeq);
                    e.initStartSeq(firstSeq);
                } else {
                    // A partial connection: number as though a SYN had been seen.
                    e.initAckSeq((firstSeq - 1) & 0xFFFFFFFFL);
                    e.initStartSeq((firstSeq - 1) & 0xFFFFFFFFL);
                    lastSeq = firstSeq;
                }
                e.initLastSeq(lastSeq);
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (syn && firstSeq != e.startSeq) {
                    e.initStartSeq(firstSeq);
                    e.initAckSeq(firstSeq);
                    e.initLastSeq(lastSeq);
                }
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn) {
                    e.initStartSeq(firstSeq);
                    e.initAckSeq(firstSeq);
                    e.initLastSeq(lastSeq);
                }
            }
            case RESET -> {
                if (syn && e.prevState == EndpointState.INACTIVE) {
                    // The earlier RST may have been injected: renumber from the SYN.
                    e.initStartSeq(firstSeq);
                    e.initAckSeq(firstSeq);
                    e.initLastSeq(lastSeq);
                }
            }
            case CLOSED -> { }
        }
    }

    private static boolean finished(Endpoint e) {
        return e.state == EndpointState.CLOSED || e.state == EndpointState.RESET;
    }

    /** Zeek's relative sequence number, with wrap-around counting; a negative delta sets {@link #underflow}. */
    private long relativeSeq(Endpoint e, long current, long last, long wraps) {
        underflow = false;
        int delta = (int) (current - last);
        if (delta < 0) {
            if (wraps > 0 && current > last) {
                wraps--;
            }
        } else if (delta > 0) {
            if (current < last) {
                wraps++;
            }
        }
        if (wraps == 0) {
            int d = (int) (current - e.startSeq);
            if (d < 0) {
                underflow = true;
            }
            return d;
        }
        return e.fullSeq(current, wraps) - e.startSeq64;
    }

    private void updateHistory(int flags, Endpoint e, long relSeq, int length) {
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        boolean rst = (flags & RST) != 0;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                e.checkHistory(HIST_FIN_RST, 'I');
            } else {
                e.checkHistory(HIST_MULTI_FLAG, 'Q');
            }
        } else if (bits == 1) {
            if (syn) {
                char code = (flags & ACK) != 0 ? 'H' : 'S';
                if (e.checkHistory(HIST_SYN, code) && relSeq != e.histLastSyn) {
                    e.addHistory(code);
                }
                e.histLastSyn = relSeq;
            }
            if (fin) {
                // A FIN's sequence number counts after its data.
                if (e.checkHistory(HIST_FIN, 'F') && relSeq + length != e.histLastFin) {
                    e.addHistory('F');
                }
                e.histLastFin = relSeq + length;
            }
            if (rst) {
                if (e.checkHistory(HIST_RST, 'R') && relSeq != e.histLastRst) {
                    e.addHistory('R');
                }
                e.histLastRst = relSeq;
            }
        } else if (length > 0) {
            e.checkHistory(HIST_DATA, 'D');
        } else if ((flags & ACK) != 0) {
            e.checkHistory(HIST_ACK, 'A');
        }
    }

    private static void initWindow(Endpoint e, Endpoint peer, boolean ack, int scale, long seq, long ackSeq) {
        if (scale < 0) {
            e.windowScale = 0;
            if (ack) {
                peer.windowScale = 0;
            }
        } else {
            e.windowScale = scale;
            e.windowSeq = seq;
            e.windowAckSeq = ackSeq;
            peer.windowSeq = ackSeq;
            peer.windowAckSeq = seq;
        }
    }

    private void updateWindow(Endpoint e, int rawWindow, long seq, long ack, int flags) {
        long window = (long) rawWindow << e.windowScale;
        boolean rst = (flags & RST) != 0;
        // Zero windows matter unless they come with or after a RST, or after the peer's FIN.
        if (window == 0 && !rst && e.peer.state != EndpointState.CLOSED && e.state != EndpointState.RESET) {
            e.scaled(ZERO_WINDOW, 'W');
        }
        if ((flags & (SYN | FIN | RST)) == 0 && e.state != EndpointState.CLOSED && e.state != EndpointState.RESET) {
            if ((int) (seq - e.windowSeq) >= 0 && (int) (ack - e.windowAckSeq) >= 0) {
                e.window = window;
                e.windowAckSeq = ack;
                e.windowSeq = seq;
            }
        }
    }

    private static void updateLastSeq(Endpoint e, long lastSeq, int flags, int length) {
        int delta = (int) (lastSeq - e.lastSeq);
        if ((flags & (SYN | RST)) != 0 && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
            return;
        }
        if ((flags & FIN) != 0 && e.lastSeq == ((e.startSeq + 1) & 0xFFFFFFFFL)) {
            e.updateLastSeq(lastSeq);
        } else if (e.state == EndpointState.RESET) {
            return;
        } else if (delta > 0) {
            e.updateLastSeq(lastSeq);
        } else if (length > 0) {
            e.scaled(RETRANSMIT, 'T');
        }
    }

    private void updateStateMachine(Endpoint e, Endpoint peer, long seq, long ack, int length, boolean isOrig, int flags) {
        boolean syn = (flags & SYN) != 0;
        boolean fin = (flags & FIN) != 0;
        boolean rst = (flags & RST) != 0;
        boolean ackFlag = (flags & ACK) != 0;
        switch (e.state) {
            case INACTIVE -> {
                if (syn) {
                    if (isOrig) {
                        e.setState(ackFlag ? EndpointState.SYN_ACK_SENT : EndpointState.SYN_SENT);
                    } else {
                        if (!ackFlag && peer.state == EndpointState.SYN_ACK_SENT && seq == e.startSeq) {
                            // A SYN-ACK seen before its SYN: flip the roles and establish.
                            partial = false;
                            flipRoles();
                            peer.setState(EndpointState.ESTABLISHED);
                        }
                        if (peer.state == EndpointState.SYN_SENT) {
                            peer.setState(EndpointState.ESTABLISHED);
                        }
                        e.setState(EndpointState.ESTABLISHED);
                    }
                }
                if (fin) {
                    e.setState(EndpointState.CLOSED);
                }
                if (rst) {
                    e.setState(EndpointState.RESET);
                }
                if (e.state == EndpointState.INACTIVE) {
                    if (!isOrig && length == 0 && orig.state == EndpointState.SYN_SENT) {
                        // An ACK of the SYN before the SYN-ACK: not a partial connection yet.
                        return;
                    } else if (ackFlag && peer.state == EndpointState.ESTABLISHED) {
                        // The SYN was missed but the SYN-ACK seen: establish.
                        e.setState(EndpointState.ESTABLISHED);
                        partial = false;
                    } else {
                        e.setState(EndpointState.PARTIAL);
                    }
                }
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (fin) {
                    e.setState(EndpointState.CLOSED);
                }
                if (rst) {
                    e.setState(EndpointState.RESET);
                }
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn && e.state == EndpointState.PARTIAL && peer.state == EndpointState.INACTIVE && !ackFlag) {
                    e.setState(EndpointState.SYN_SENT);
                }
                if (fin && !rst) {
                    e.setState(EndpointState.CLOSED);
                    if (peer.state == EndpointState.RESET && peer.prevState == EndpointState.CLOSED) {
                        // The peer's FIN then RST was a normal close after all.
                        peer.setState(EndpointState.CLOSED);
                    }
                }
                if (rst) {
                    e.setState(EndpointState.RESET);
                }
            }
            case CLOSED -> {
                // A RST after both FINs does not change the state: the close already happened.
                if (rst && e.peer.state != EndpointState.CLOSED) {
                    e.setState(EndpointState.RESET);
                }
            }
            case RESET -> { }
        }
    }

    // ---- Zeek's reassembler, reduced to what decides gaps (history g, missed_bytes) ----

    private void dataSent(Endpoint e, long seq, int length) {
        long ackRelative = e.fullSeq(e.ackSeq, e.ackWraps) - e.startSeq64;
        long upper = seq + length;
        if (seq < ackRelative) {
            if (upper <= ackRelative) {
                return;
            }
            seq = ackRelative;
        }
        if (upper <= e.trimmed) {
            return;
        }
        if (seq <= e.lastReassembled && (e.blocks == null || e.blocks.isEmpty())) {
            // In order: delivered at once, no bookkeeping (the common case).
            e.lastReassembled = Math.max(e.lastReassembled, upper);
            return;
        }
        if (seq < e.trimmed) {
            seq = e.trimmed;
        }
        if (e.blocks == null) {
            e.blocks = new java.util.TreeMap<>();
        }
        e.blocks.merge(seq, upper, Math::max);
        deliverContiguous(e);
    }

    private static void deliverContiguous(Endpoint e) {
        while (e.blocks != null && !e.blocks.isEmpty()) {
            java.util.Map.Entry<Long, Long> first = e.blocks.firstEntry();
            if (first.getKey() > e.lastReassembled) {
                return;
            }
            e.blocks.pollFirstEntry();
            if (first.getValue() > e.lastReassembled) {
                e.lastReassembled = first.getValue();
            }
        }
    }

    private void ackReceived(Endpoint e, long seq) {
        if (e.finCount > 0 && seq >= e.finSeq) {
            seq = e.finSeq - 1;
        }
        if (seq <= e.trimmed) {
            return;
        }
        if (seq > e.lastReassembled) {
            undelivered(e, seq);
        }
        if (e.blocks != null) {
            e.blocks.headMap(seq).clear();
        }
        e.trimmed = seq;
    }

    private void undelivered(Endpoint e, long upTo) {
        if (upTo <= 2 && partial) {
            // A partial connection's faked initial numbers: not a gap.
            return;
        }
        while (e.blocks != null && !e.blocks.isEmpty()) {
            java.util.Map.Entry<Long, Long> b = e.blocks.firstEntry();
            if (b.getValue() <= e.lastReassembled) {
                e.blocks.pollFirstEntry();
                continue;
            }
            if (b.getKey() >= upTo) {
                break;
            }
            if (b.getKey() > e.lastReassembled) {
                gap(e, b.getKey() - e.lastReassembled);
                e.lastReassembled = b.getKey();
            }
            deliverContiguous(e);
        }
        if (upTo > e.lastReassembled) {
            gap(e, upTo - e.lastReassembled);
            e.lastReassembled = upTo;
        }
    }

    private static boolean clean(Endpoint e) {
        return e.state == EndpointState.ESTABLISHED
                || (e.state == EndpointState.CLOSED && e.prevState == EndpointState.ESTABLISHED);
    }

    private void gap(Endpoint e, long length) {
        // Gaps count only while both ends are established or closing cleanly: elsewhere
        // they arise from RST sequence numbers or unseen earlier packets.
        if (clean(e) && clean(e.peer)) {
            if (length > 0) {
                e.scaled(GAP, 'G');
            }
            e.missedBytes += length;
        }
    }

    /** Every conn_state Zeek writes, in the order of its documentation (codes for {@link StreamFinals}). */
    public static final java.util.List<String> CONN_STATES = java.util.List.of(
            "S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH");

    /** Zeek's conn_state for this connection (base/protocols/conn/main.zeek, conn_state()). */
    public String connState() {
        EndpointState os = orig.state;
        EndpointState rs = resp.state;
        boolean origInactive = os == EndpointState.INACTIVE || os == EndpointState.PARTIAL;
        boolean respInactive = rs == EndpointState.INACTIVE || rs == EndpointState.PARTIAL;
        if (rs == EndpointState.RESET) {
            if (os == EndpointState.SYN_SENT || os == EndpointState.SYN_ACK_SENT
                    || (os == EndpointState.RESET && orig.size() == 0 && resp.size() == 0)) {
                return "REJ";
            }
            return origInactive ? "RSTRH" : "RSTR";
        }
        if (os == EndpointState.RESET) {
            if (respInactive) {
                return RSTOS0_HISTORY.matcher(history).matches() ? "RSTOS0" : "OTH";
            }
            return "RSTO";
        }
        if (rs == EndpointState.CLOSED && os == EndpointState.CLOSED) {
            return "SF";
        }
        if (os == EndpointState.CLOSED) {
            return respInactive ? "SH" : "S2";
        }
        if (rs == EndpointState.CLOSED) {
            return origInactive ? "SHR" : "S3";
        }
        if (os == EndpointState.SYN_SENT && rs == EndpointState.INACTIVE) {
            return "S0";
        }
        if (os == EndpointState.ESTABLISHED && rs == EndpointState.ESTABLISHED) {
            return "S1";
        }
        return "OTH";
    }
}
