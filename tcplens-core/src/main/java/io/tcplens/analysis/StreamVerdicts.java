package io.tcplens.analysis;

import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.StreamFinals;
import io.tcplens.flow.TcpConnection;
import io.tcplens.flow.ZeekTcpConnection;

/**
 * Records each connection's verdicts into {@link StreamFinals} as the engine releases it, so
 * that a second pass can filter every packet on {@code tcplens.handshake},
 * {@code tcplens.teardown} and {@code tcplens.conn_state}.
 */
public final class StreamVerdicts implements ConnectionTracker.Listener {
    private final StreamFinals finals;

    public StreamVerdicts(StreamFinals finals) {
        this.finals = finals;
    }

    @Override
    public void finished(TcpConnection c) {
        ConnectionAnalysis a = ConnectionAnalysis.of(c);
        // The connection's own row: a later row exists only after Zeek's inactivity split.
        String state = a.zeekConnState();
        finals.verdicts(c.stream(), a.handshake().ordinal(), a.teardown().ordinal(),
                ZeekTcpConnection.CONN_STATES.indexOf(state));
    }

    /** The name of a verdict code, as the fields print it ("three_way", "SF"), or null. */
    public static String name(int slot, int code) {
        if (code < 0) {
            return null;
        }
        return switch (slot) {
            case StreamFinals.HANDSHAKE -> code < HandshakeKind.values().length ? HandshakeKind.values()[code].id() : null;
            case StreamFinals.TEARDOWN -> code < TeardownKind.values().length ? TeardownKind.values()[code].id() : null;
            default -> code < ZeekTcpConnection.CONN_STATES.size() ? ZeekTcpConnection.CONN_STATES.get(code) : null;
        };
    }
}
