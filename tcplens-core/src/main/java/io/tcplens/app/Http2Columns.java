package io.tcplens.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Wireshark's Info and Protocol columns and its layer list, as TLS and HTTP/2 write them in one
 * frame of a connection that carries HTTP/2: TLS sets its version and clears the Info column at
 * each call, its records append their words, HTTP/2 clears the column at each call and appends a
 * frame's words per frame, and both fence what came before when more follows (column-utils.c:
 * a clear or a set keeps the text before the fence; an append's separator goes in when the
 * column is not empty). The words are Wireshark's own (escaped where they come from a stranger).
 */
public final class Http2Columns {
    private final StringBuilder info = new StringBuilder();
    /**
     * The text now at the column's start was appended with a separator: after TCP's markers
     * (fenced before TLS and HTTP/2 write) the separator shows ("[TCP Retransmission] , DATA[1]").
     */
    private boolean leadingSeparator;
    private int fence;
    private String protocol;
    private boolean protocolWritable = true;
    /** The layers after tcp: "tls", "http2", a body's dissector. */
    private final List<String> layers = new ArrayList<>();
    private final List<Http2Frame> frames = new ArrayList<>();
    /** HTTP/2 was handed bytes in this frame (whether or not a whole frame was among them). */
    private boolean dissectorCalled;

    void clear() {
        info.setLength(0);
        leadingSeparator = false;
        fence = 0;
        protocol = null;
        protocolWritable = true;
        layers.clear();
        frames.clear();
        dissectorCalled = false;
    }

    /** TLS is called (packet-tls.c, dissect_ssl: its version in the protocol column, the Info column cleared). */
    void tlsCall(String version) {
        layers.add("tls");
        protocol(version);
        clearInfo();
    }

    /** TCP hands the frame's next bytes to TLS after a PDU it put together (packet-tcp.c: fence, protocol kept). */
    void nextTcpCall() {
        fence();
        protocolWritable = false;
    }

    void protocol(String name) {
        if (protocolWritable) {
            protocol = name;
        }
    }

    /** A body dissector's name after HTTP/2's ("HTTP2/JSON"). */
    void appendProtocol(String name) {
        if (protocolWritable && protocol != null) {
            protocol = protocol + "/" + name;
        }
    }

    void protocolLocked() {
        protocolWritable = false;
    }

    void clearInfo() {
        info.setLength(fence);
    }

    void setInfo(String text) {
        info.setLength(fence);
        if (fence == 0) {
            leadingSeparator = false;
        }
        info.append(text);
    }

    /** col_append_sep_str: the separator only after earlier text. */
    void appendInfo(String separator, String text) {
        if (info.length() > 0) {
            info.append(separator);
        } else {
            leadingSeparator = true;
        }
        info.append(text);
    }

    /** col_append_str: no separator. */
    void appendInfo(String text) {
        if (info.length() == 0) {
            leadingSeparator = false;
        }
        info.append(text);
    }

    void fence() {
        fence = info.length();
    }

    void layer(String name) {
        layers.add(name);
    }

    void dissectorCalled() {
        dissectorCalled = true;
    }

    /** HTTP/2 was handed bytes in this frame: with no whole frame among them, it asked for more (Wireshark clears TCP's words). */
    public boolean wasDissectorCalled() { return dissectorCalled; }

    void frame(Http2Frame f) {
        frames.add(f);
    }

    /** The Info column (without TCP's markers, which come before it). */
    public String info() { return info.toString(); }

    public String protocol() { return protocol; }

    /** The column's text begins with an append that puts a separator after earlier text (TCP's markers). */
    public boolean leadingSeparator() { return leadingSeparator; }

    /** The layers after tcp, in order. */
    public List<String> layers() { return layers; }

    /** The HTTP/2 frames that ended in this frame, in order. */
    public List<Http2Frame> frames() { return frames; }

    /**
     * Tells the story ({@code explain}) each request and response whose headers ended among the
     * frames from index {@code from}: "{prefix}, stream 3: GET /big.txt".
     */
    void tell(AppEvents events, long frameNumber, int side, int from, String prefix) {
        if (!events.enabled()) {
            return;
        }
        for (Http2Frame h : frames.subList(from, frames.size())) {
            String words = h.requestOrStatus();
            if (words != null) {
                events.add(frameNumber, side, prefix + ", stream " + h.streamId() + ": " + words);
            }
        }
    }
}
