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
 */
public record HttpMessage(boolean request, String method, String uri, String version, int code, String phrase,
                          List<String[]> headers, long contentLength, String startLine, long bodyLength) {

    HttpMessage withBody(long length) {
        return new HttpMessage(request, method, uri, version, code, phrase, headers, contentLength, startLine, length);
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
