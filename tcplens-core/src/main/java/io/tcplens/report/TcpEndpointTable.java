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
 * counting a packet costs no lookup. At most {@link #MAX_ENDPOINTS} endpoints are kept; packets
 * of further ones are counted as {@link #uncounted()}.
 */
public final class TcpEndpointTable {
    /** Endpoints kept at most; a flood of spoofed sources would otherwise grow the table without bound. */
    public static final int MAX_ENDPOINTS = 1_000_000;
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
    private long uncounted;

    /** The endpoint of this address and port; null once the table is full. */
    Endpoint endpoint(String address, int port) {
        String key = address + ":" + port;
        Endpoint e = byName.get(key);
        if (e == null && endpoints.size() < MAX_ENDPOINTS) {
            e = new Endpoint(address, port);
            byName.put(key, e);
            endpoints.add(e);
        }
        return e;
    }

    /** Counts one packet from {@code sender} to {@code receiver} (either null when beyond the cap). */
    void count(Endpoint sender, Endpoint receiver, long frameBytes) {
        if (sender == null || receiver == null) {
            uncounted++;
        }
        if (sender != null) {
            sender.txFrames++;
            sender.txBytes += frameBytes;
        }
        if (receiver != null) {
            receiver.rxFrames++;
            receiver.rxBytes += frameBytes;
        }
    }

    /** Packets with an endpoint beyond {@link #MAX_ENDPOINTS}, not counted for it. */
    public long uncounted() { return uncounted; }

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
        if (uncounted > 0) {
            out.println("(" + uncounted + " packets of endpoints beyond the " + MAX_ENDPOINTS + " counted)");
        }
        out.println(RULE);
    }
}
