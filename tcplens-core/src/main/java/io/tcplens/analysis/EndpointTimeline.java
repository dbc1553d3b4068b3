package io.tcplens.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One end's states over the connection's life, each change with the packet that caused it and
 * why. Every change goes through {@link #enter}.
 */
public final class EndpointTimeline {

    /** A state change: after packet {@code packet} (0 when inferred before the first packet). */
    public record Change(long packet, TcpState state, String why) { }

    private final List<Change> changes = new ArrayList<>();
    private TcpState state;

    EndpointTimeline(TcpState initial, String why) {
        state = initial;
        changes.add(new Change(0, initial, why));
    }

    public TcpState state() { return state; }

    public List<Change> changes() { return Collections.unmodifiableList(changes); }

    /** The state in force right after the given packet. */
    public TcpState stateAfter(long packet) {
        TcpState s = changes.get(0).state();
        for (Change c : changes) {
            if (c.packet() <= packet) {
                s = c.state();
            }
        }
        return s;
    }

    void enter(TcpState next, long packet, String why) {
        if (next != state) {
            state = next;
            changes.add(new Change(packet, next, why));
        }
    }
}
