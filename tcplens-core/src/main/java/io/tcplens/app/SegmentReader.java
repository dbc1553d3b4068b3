package io.tcplens.app;

import java.nio.ByteBuffer;

/**
 * A protocol read segment by segment, as Wireshark's dissector for it reads
 * each segment (SMTP, IMAP, POP3, RESP): the words each frame shows, the messages it carries.
 */
interface SegmentReader {
    /**
     * Reads one segment's bytes in order and tells the frame what it shows; false when they wait
     * for the next segment before anything is shown (the frame keeps TCP's words and the marker).
     */
    boolean segment(int side, ByteBuffer b, int at, int length, AppFrame frame);

    /**
     * Bytes of a segment Wireshark hands to no dissector (a retransmission) that the capture had
     * not delivered before: not read as lines; a message under way may still take them (by
     * default nothing is done with them: the dissector never sees them).
     */
    default void retransmitted(int side, ByteBuffer b, int at, int length) { }

    /** True once the client asked for TLS (STARTTLS, STLS); never for a protocol without it. */
    default boolean startTlsRequested() { return false; }

    /** The frame of the first STARTTLS. */
    default long startTlsFrame() { return 0; }

    /**
     * The side's FIN ({@code fin}) or RST came in the frame, after its bytes: what waits for the
     * end of the side's data may be shown there.
     */
    default void closed(int side, boolean fin, AppFrame frame) { }

    /** The connection is dropped, or reads on as TLS: what was kept goes back to the budget. */
    void release();

    /** The protocol's name as explain tells it: SMTP, IMAP or POP3. */
    String name();

    /** The dialogue's steps for explain (passwords masked, message data told once, where its message ends). */
    AppEvents events();
}
