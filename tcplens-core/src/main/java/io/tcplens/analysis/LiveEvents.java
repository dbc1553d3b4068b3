package io.tcplens.analysis;

import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.TcpConnection;

/**
 * Turns the engine's connections into events as they happen, for live capture: a connection
 * opened (its handshake complete), refused, reset, closed (its teardown complete), and at its
 * release what became of one that never got there. Each event is reported once per connection.
 * The verdicts are the same {@link ConnectionAnalysis} that {@code conns} and {@code explain}
 * give, run again when a packet may have changed them.
 */
public final class LiveEvents {
    private static final int OPENED_BIT = 1;
    private static final int DONE_BIT = 2;

    public enum Kind {
        /** The handshake completed (three-way, simultaneous open, split, Fast Open). */
        OPENED,
        /** A RST answered the SYN: nothing listens on the port. */
        REFUSED,
        /** A RST ended the connection. */
        RESET,
        /** Both FINs exchanged and acknowledged. */
        CLOSED,
        /** Released without any of the above: no reply, half-closed, or still open. */
        ENDED
    }

    /** One event: what happened to which connection, at which packet. */
    public record Event(Kind kind, ConnectionAnalysis analysis, long packet, long nanos) { }

    public interface Listener {
        void event(Event event);
    }

    private final Listener listener;

    public LiveEvents(Listener listener) {
        this.listener = listener;
    }

    /** After the tracker took a packet: {@code c} is its connection (null for other packets). */
    public void packet(TcpConnection c, Packet packet) {
        if (c == null || (c.liveReported() & DONE_BIT) != 0) {
            return;
        }
        int flags = TcpHeader.flags(packet.buffer(packet.tcp()), packet.start(packet.tcp()));
        boolean opened = (c.liveReported() & OPENED_BIT) != 0;
        // Only a control packet, or an ACK that may complete the handshake or the teardown, can
        // change a verdict; data packets in between cost nothing.
        boolean mayChange = (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0
                || (flags & TcpHeader.ACK) != 0 && (!opened || c.finSeen());
        if (!mayChange) {
            return;
        }
        ConnectionAnalysis a = ConnectionAnalysis.of(c);
        long number = packet.number();
        long nanos = packet.record().epochNanos();
        if (!opened && opens(a.handshake())) {
            c.liveReported(c.liveReported() | OPENED_BIT);
            listener.event(new Event(Kind.OPENED, a, number, nanos));
        }
        Kind end = a.handshake() == HandshakeKind.REFUSED ? Kind.REFUSED : switch (a.teardown()) {
            case RESET, FIN_THEN_RESET -> Kind.RESET;
            case FOUR_WAY, THREE_PACKET, SIMULTANEOUS_CLOSE -> a.finalAckSeen() ? Kind.CLOSED : null;
            case HALF_CLOSED, NOT_SEEN -> null;
        };
        if (end != null) {
            c.liveReported(c.liveReported() | DONE_BIT);
            listener.event(new Event(end, a, number, nanos));
        }
    }

    /** When the engine releases a connection (closed a while ago, idle, or the capture ended). */
    public void finished(TcpConnection c) {
        if ((c.liveReported() & DONE_BIT) == 0) {
            c.liveReported(c.liveReported() | DONE_BIT);
            listener.event(new Event(Kind.ENDED, ConnectionAnalysis.of(c), c.lastPacket(), c.lastNanos()));
        }
    }

    private static boolean opens(HandshakeKind h) {
        return switch (h) {
            case THREE_WAY, THREE_WAY_WITH_DATA, SIMULTANEOUS_OPEN, SPLIT_HANDSHAKE, SYN_WITH_DATA -> true;
            case REFUSED, NO_REPLY, NO_FINAL_ACK, SYN_ACK_ONLY, INVALID, NOT_SEEN -> false;
        };
    }
}
