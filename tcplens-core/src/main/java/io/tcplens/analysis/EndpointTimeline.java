package io.tcplens.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One end's states over the connection's life, each change with the packet that caused it and
 * why. Every change goes through {@link #enter}.
 *
 * <p>A change also has a place in the capture's order: a packet this end sent, or received,
 * changes its state as the packet passes the capture point, unless the end sent a packet of its
 * own after that one passed and before it took it in (the packets crossed: a simultaneous open or
 * close). Then the change comes after the end's own packet, between it and the next: the ladder
 * draws such an arrival on a line of its own there, as RFC 9293's figures 8 and 13 do.
 */
public final class EndpointTimeline {

    /**
     * A state change: caused by packet {@code packet} (0 when inferred before the first packet);
     * {@code arrivedAfter} is the end's own packet that the cause crossed, or 0.
     */
    public record Change(long packet, TcpState state, String why, long arrivedAfter) {
        /** Twice the packet number after which the change holds, plus one for an arrival between packets. */
        long position() {
            return arrivedAfter > packet ? 2 * arrivedAfter + 1 : 2 * packet;
        }

        /** The change came after the end's own packet {@link #arrivedAfter}, which crossed its cause. */
        public boolean delayed() {
            return arrivedAfter > packet;
        }
    }

    private final List<Change> changes = new ArrayList<>();
    private TcpState state;
    /** The end's own last packet before the one being taken in (set by the replay). */
    private long lastSent;

    EndpointTimeline(TcpState initial, String why) {
        state = initial;
        changes.add(new Change(0, initial, why, 0));
    }

    public TcpState state() { return state; }

    public List<Change> changes() { return Collections.unmodifiableList(changes); }

    /** The state in force right after the given packet passed the capture point (arrivals delayed past it not yet). */
    public TcpState stateAfter(long packet) {
        return stateAt(2 * packet);
    }

    /** The state in force just before the end sent, or took in, the given packet. */
    public TcpState stateBefore(long packet) {
        return stateAt(2 * packet - 1);
    }

    private TcpState stateAt(long position) {
        TcpState s = changes.get(0).state();
        for (Change c : changes) {
            if (c.position() <= position) {
                s = c.state();
            }
        }
        return s;
    }

    /** Notes the end's own packet, sent before whatever it takes in next. */
    void sent(long packet) {
        lastSent = packet;
    }

    void enter(TcpState next, long packet, String why) {
        if (next != state) {
            state = next;
            changes.add(new Change(packet, next, why, lastSent > packet ? lastSent : 0));
        }
    }
}
