package io.tcplens.decode;

/**
 * Why decoding stopped at a layer, or what is wrong with a header. Each has a stable snake_case
 * code for JSON, filters and tests. A packet with a problem is still listed.
 */
public enum Problem {
    /** The capture holds fewer bytes than the header needs (often the snaplen). */
    TRUNCATED_HEADER,
    /** A header-length field below the minimum or beyond the bytes that follow. */
    BAD_HEADER_LENGTH,
    /** IPv4 total length or IPv6 payload length disagrees with the bytes present. */
    BAD_TOTAL_LENGTH,
    /** An IP version field that does not match the layer that carries it. */
    BAD_VERSION,
    /** An option (IPv4, TCP, IPv6 extension) whose length is zero, too short or runs past the header. */
    BAD_OPTION_LENGTH,
    /** The UDP length field is shorter than the header or longer than the datagram. */
    BAD_UDP_LENGTH,
    /** A fragment that overlaps another one with different bytes, or claims an impossible offset. */
    BAD_FRAGMENT,
    /** Fragment reassembly gave up for this datagram: a limit was reached or it timed out. */
    FRAGMENT_LIMIT,
    /** Headers nested deeper than the decoder follows (tunnels, tag stacks). */
    TOO_MANY_LAYERS,
    /** The decoder itself failed on this packet: a bug to report, never silently swallowed. */
    DECODER_BUG;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
