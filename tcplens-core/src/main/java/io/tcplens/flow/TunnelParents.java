package io.tcplens.flow;

import java.util.List;

/**
 * The UDP flows of the tunnels (VXLAN, Geneve, GTP-U, AYIYA, Teredo) that carried a connection's or flow's packets:
 * Zeek's tunnel_parents. A connection normally has one, a new one when the tunnel's UDP flow
 * timed out and began again; at most {@link #MAX} are kept, so that a stream of short tunnel
 * flows cannot grow it.
 */
final class TunnelParents {
    static final int MAX = 8;

    private final DatagramFlows.Flow[] flows = new DatagramFlows.Flow[MAX];
    private int count;

    private TunnelParents() { }

    /** Adds the parent unless it is known or the list is full; returns the (possibly new) list. */
    static TunnelParents add(TunnelParents parents, DatagramFlows.Flow parent) {
        TunnelParents p = parents != null ? parents : new TunnelParents();
        for (int i = 0; i < p.count; i++) {
            if (p.flows[i] == parent) {
                return p;
            }
        }
        if (p.count < MAX) {
            p.flows[p.count++] = parent;
        }
        return p;
    }

    static List<DatagramFlows.Flow> list(TunnelParents parents) {
        return parents == null ? List.of() : List.of(java.util.Arrays.copyOf(parents.flows, parents.count));
    }
}
