package io.tcplens.app;

import java.util.List;

/**
 * One HTTP/2 frame (RFC 9113, section 4.1) that ended in a packet, or the client's connection
 * preface ({@link #MAGIC}).
 *
 * @param type     the frame type, or {@link #MAGIC}
 * @param flags    its flags
 * @param streamId its stream
 * @param length   its payload's length
 * @param headers  the header fields its block completed (HEADERS, PUSH_PROMISE, CONTINUATION), else empty
 */
public record Http2Frame(int type, int flags, int streamId, int length, List<Hpack.Field> headers) {
    /** Not a frame type: the 24 octets of the client's connection preface. */
    public static final int MAGIC = -1;

    public static final int DATA = 0;
    public static final int HEADERS = 1;
    public static final int PRIORITY = 2;
    public static final int RST_STREAM = 3;
    public static final int SETTINGS = 4;
    public static final int PUSH_PROMISE = 5;
    public static final int PING = 6;
    public static final int GOAWAY = 7;
    public static final int WINDOW_UPDATE = 8;
    public static final int CONTINUATION = 9;

    /** Wireshark's name of a frame type (packet-http2.c, http2_type_vals), or null for one it does not know. */
    public static String typeName(int type) {
        return switch (type) {
            case DATA -> "DATA";
            case HEADERS -> "HEADERS";
            case PRIORITY -> "PRIORITY";
            case RST_STREAM -> "RST_STREAM";
            case SETTINGS -> "SETTINGS";
            case PUSH_PROMISE -> "PUSH_PROMISE";
            case PING -> "PING";
            case GOAWAY -> "GOAWAY";
            case WINDOW_UPDATE -> "WINDOW_UPDATE";
            case CONTINUATION -> "CONTINUATION";
            case 10 -> "ALTSVC";
            case 11 -> "BLOCKED";
            case 12 -> "ORIGIN";
            case 16 -> "PRIORITY_UPDATE";
            default -> null;
        };
    }

    /** A request's method and path ("GET /index.html") or a response's status and reason ("404 Not Found") its headers gave; else null. */
    public String requestOrStatus() {
        String method = header(":method");
        String path = header(":path");
        if (method != null && path != null) {
            return method + " " + path;
        }
        String status = header(":status");
        return status == null ? null : status + " " + Http2Connection.reason(Http2Connection.parseCode(status));
    }

    /** The first header field of that name, or null. */
    public String header(String name) {
        for (Hpack.Field f : headers) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        return null;
    }
}
