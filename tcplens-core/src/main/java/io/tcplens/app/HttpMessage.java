package io.tcplens.app;

import java.util.List;

/**
 * One HTTP/1.x request or response head (RFC 9112), shown in the frame where the message ends
 * (its head, or its body when it has one), as Wireshark shows it.
 *
 * @param request        true for a request
 * @param method         the request's method, else null
 * @param uri            the request target, else null
 * @param version        the version in the start line ("HTTP/1.1")
 * @param code           the response's status code, else -1
 * @param phrase         the response's reason phrase, else null
 * @param headers        the header lines as name and value, in order (at most {@link HttpStream#MAX_HEADERS})
 * @param contentLength  the Content-Length, else -1
 * @param startLine      the start line as sent
 * @param bodyLength     bytes of body (after chunked coding is undone), known once the message ended
 * @param bodyStart      the body's first {@link #BODY_START} bytes at most (an image's signature), as sent
 */
public record HttpMessage(boolean request, String method, String uri, String version, int code, String phrase,
                          List<String[]> headers, long contentLength, String startLine, long bodyLength, byte[] bodyStart) {
    /** Bytes of a body kept: enough for the signatures of PNG (8), GIF (6) and JPEG (its marker and identifier, 11). */
    public static final int BODY_START = 11;

    HttpMessage withBody(long length, byte[] start) {
        return new HttpMessage(request, method, uri, version, code, phrase, headers, contentLength, startLine, length, start);
    }

    /** The body's media type: Content-Type without its parameters, in lower case (as Wireshark's HTTP keeps it); else null. */
    public String mediaType() {
        String type = header("Content-Type");
        if (type == null) {
            return null;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** A JSON body: application/json or a "+json" type, as the protocol column's "HTTP/JSON" takes it. */
    public boolean jsonBody() {
        String type = mediaType();
        return type != null && (type.equals("application/json") || type.endsWith("+json"));
    }

    /**
     * A body Wireshark's XML dissector reads by its media type (packet-xml.c registers text/xml,
     * application/xml and a list of "+xml" types; tcplens takes every "+xml" type, RFC 7303).
     */
    public boolean xmlBody() {
        String type = mediaType();
        return type != null && (type.equals("text/xml") || type.equals("application/xml") || type.endsWith("+xml"));
    }

    /** The media types Wireshark 4.0's line-based text dissector takes (packet-text-media.c). */
    static final java.util.Set<String> TEXT_LINES = java.util.Set.of("text/plain", "text/richtext", "text/enriched",
            "text/parameters", "text/html", "text/xml-external-parsed-entity", "text/css",
            "application/xml-external-parsed-entity", "text/javascript", "application/x-javascript",
            "application/x-tia-p25-issi", "application/x-tia-p25-sndcp", "application/x-ns-proxy-autoconfig",
            "text/vnd.sun.j2me.app-descriptor", "application/vnd.poc.refer-to", "application/vnd.drm.message",
            "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair");

    /**
     * The protocol that reads the body in Wireshark 4.0, by the name its frame.protocols gives it:
     * the dissector its media_type table has for the type (line-based text, JSON, XML, URL-encoded
     * forms, JPEG, PNG, GIF, TIFF, MIME multipart; data for application/octet-stream), "media" for
     * another type, "data" without one (packet-http.c, dissect_http_message); null for a message
     * without a body.
     */
    public String bodyProtocol() {
        if (bodyLength <= 0) {
            return null;
        }
        String type = mediaType();
        if (type == null) {
            return "data";
        }
        String dissector = mediaDissector(type);
        if (dissector == null) {
            return "media";
        }
        // An image dissector gives way to media when the bytes are no such image (a file served
        // under an image's type: exe_download_as_png.pcap): each wants 20 bytes at least and its
        // signature (file-jpeg.c: the SOI marker, then "JFIF" or "Exif" as the first segment's
        // identifier; file-png.c; file-gif.c).
        boolean image = bodyLength >= 20;
        return switch (dissector) {
            case "image-jfif" -> image && starts(0xFF, 0xD8)
                    && (startsAt(6, 'J', 'F', 'I', 'F', 0) || startsAt(6, 'E', 'x', 'i', 'f', 0)) ? dissector : "media";
            case "png" -> image && starts(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n') ? dissector : "media";
            case "image-gif" -> image && gifVersion() != null ? dissector : "media";
            default -> dissector;
        };
    }

    /**
     * The dissector Wireshark 4.0's media_type table has for a media type (in lower case, without
     * parameters), by its frame.protocols name: line-based text, JSON, XML, URL-encoded forms, JPEG,
     * PNG, GIF, TIFF, MIME multipart, data for application/octet-stream (packet-data.c registers
     * it); null for a type the table does not hold.
     */
    static String mediaDissector(String type) {
        if (type.equals("application/octet-stream")) {
            return "data";
        }
        if (TEXT_LINES.contains(type)) {
            return "data-text-lines";
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return "json";
        }
        if (type.equals("text/xml") || type.equals("application/xml") || type.endsWith("+xml")) {
            return "xml";
        }
        return switch (type) {
            case "application/x-www-form-urlencoded" -> "urlencoded-form";
            case "image/jpeg", "image/jpg", "image/jfif" -> "image-jfif";
            case "image/png" -> "png";
            case "image/gif" -> "image-gif";
            case "image/tiff" -> "tiff";
            default -> type.startsWith("multipart/") ? "mime_multipart" : null;
        };
    }

    /**
     * The words the body's dissector adds to the Info column: JSON its name, PNG, JPEG and GIF
     * theirs (file-png.c, file-jpeg.c, file-gif.c), XML, multipart and data nothing, others the
     * media type (in lower case, as Wireshark's HTTP keeps it). A stranger's type: escape it to print.
     */
    public void appendBodyWords(StringBuilder out, String dissector) {
        String type = mediaType();
        switch (dissector) {
            case "json" -> out.append(", JavaScript Object Notation (").append(type).append(')');
            case "png" -> out.append(" (PNG)");
            case "image-jfif" -> out.append(" (JPEG JFIF image)");
            case "image-gif" -> out.append(" (").append(gifVersion()).append(')');
            case "xml", "mime_multipart", "data" -> { }
            default -> out.append(" (").append(type).append(')');
        }
    }

    /** A GIF body's version, "GIF87a" or "GIF89a" (file-gif.c's words in the Info column), or null for another body. */
    public String gifVersion() {
        if (starts('G', 'I', 'F', '8', '7', 'a')) {
            return "GIF87a";
        }
        return starts('G', 'I', 'F', '8', '9', 'a') ? "GIF89a" : null;
    }

    private boolean starts(int... signature) {
        return startsAt(0, signature);
    }

    private boolean startsAt(int at, int... signature) {
        if (bodyStart == null || bodyStart.length < at + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bodyStart[at + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first header of that name (case-insensitive), or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }
}
