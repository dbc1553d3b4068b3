package io.tcplens.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TCP endpoints of a capture as {@code tshark -q -z endpoints,tcp} prints them: one row per
 * address and port, with the packets and frame bytes it sent (Tx) and received (Rx). Rows by
 * total packets, most first, ties in the order the endpoints first appeared (the sender of a
 * packet before its receiver), as tshark's endpoints_draw orders them.
 *
 * <p>Fed by {@link TcpConversationTable}: each conversation resolves its two endpoints once, so
 * counting a packet costs no lookup, and the table is bounded by that one's cap (two endpoints
 * per conversation counted).
 */
public final class TcpEndpointTable {
    private static final String RULE = "================================================================================";

    /** One address and port. */
    public static final class Endpoint {
        final String address;
        final int port;
        long txFrames;
        long txBytes;
        long rxFrames;
        long rxBytes;

        Endpoint(String address, int port) {
            this.address = address;
            this.port = port;
        }

        public String address() { return address; }

        public int port() { return port; }

        public long txFrames() { return txFrames; }

        public long txBytes() { return txBytes; }

        public long rxFrames() { return rxFrames; }

        public long rxBytes() { return rxBytes; }

        long frames() { return txFrames + rxFrames; }
    }

    /** In order of first appearance, the order tshark breaks ties in. */
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Map<String, Endpoint> byName = new HashMap<>();

    /** The endpoint of this address and port. */
    Endpoint endpoint(String address, int port) {
        return byName.computeIfAbsent(address + ":" + port, k -> {
            Endpoint e = new Endpoint(address, port);
            endpoints.add(e);
            return e;
        });
    }

    /** Counts one packet from {@code sender} to {@code receiver}. */
    void count(Endpoint sender, Endpoint receiver, long frameBytes) {
        sender.txFrames++;
        sender.txBytes += frameBytes;
        receiver.rxFrames++;
        receiver.rxBytes += frameBytes;
    }

    /** The endpoints in tshark's order: total packets, most first, ties by first appearance. */
    public List<Endpoint> rows() {
        List<Endpoint> out = new ArrayList<>(endpoints);
        out.sort((x, y) -> Long.compare(y.frames(), x.frames()));
        return out;
    }

    /** The table exactly as tshark -z endpoints,tcp prints it. */
    public void print(PrintWriter out) {
        out.println(RULE);
        out.println("TCP Endpoints");
        out.println("Filter:<No Filter>");
        out.println("                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |");
        for (Endpoint e : rows()) {
            out.println(String.format(Locale.ROOT, "%-20s      %5d     %6d     %9d     %6d       %9d      %6d       %9d   ",
                    SafeText.of(e.address), e.port, e.frames(), e.txBytes + e.rxBytes, e.txFrames, e.txBytes, e.rxFrames, e.rxBytes));
        }
        out.println(RULE);
    }
}
