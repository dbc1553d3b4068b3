package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;

/**
 * A protocol read segment by segment, as Wireshark's dissector for it reads each segment (SMTP,
 * IMAP, POP3, RESP, WHOIS): the words each frame shows, the messages it carries, the dialogue's
 * steps for explain, and the bytes it keeps, charged to the shared reassembly budget.
 */
abstract class SegmentReader {
    /** Per side (FlowKey order): true when its segments go to the protocol's port, the client's. */
    final boolean[] request;
    /** Where the bytes kept are charged; null: unbounded (a reader that keeps none). */
    private final ReassemblyBudget budget;
    /** The dialogue's steps for explain (passwords masked, message data told once, where its message ends). */
    final AppEvents events;
    /** Per side: bytes that wait for the next segment (a line without its end, a message not all come). */
    final byte[][] pending = new byte[2][];
    final int[] pendingLength = new int[2];

    /**
     * @param request  per side (FlowKey order), true for the side whose segments go to the port
     * @param budget   the bytes all connections' reassembly may hold together
     * @param dialogue keep the dialogue's steps for explain
     */
    SegmentReader(boolean[] request, ReassemblyBudget budget, boolean dialogue) {
        this.request = request.clone();
        this.budget = budget;
        this.events = new AppEvents(dialogue);
    }

    /**
     * Reads one segment's bytes in order and tells the frame what it shows; false when they wait
     * for the next segment before anything is shown (the frame keeps TCP's words and the marker).
     */
    abstract boolean segment(int side, ByteBuffer b, int at, int length, AppFrame frame);

    /**
     * Bytes of a segment Wireshark hands to no dissector (a retransmission) that the capture had
     * not delivered before: not read as lines; a message under way may still take them (by
     * default nothing is done with them: the dissector never sees them).
     */
    void retransmitted(int side, ByteBuffer b, int at, int length) { }

    /** True once the client asked for TLS (STARTTLS, STLS); never for a protocol without it. */
    boolean startTlsRequested() { return false; }

    /** The frame of the first STARTTLS. */
    long startTlsFrame() { return 0; }

    /**
     * The side's FIN ({@code fin}) or RST came in the frame, after its bytes: what waits for the
     * end of the side's data may be shown there.
     */
    void closed(int side, boolean fin, AppFrame frame) { }

    /** The connection is dropped, or reads on as TLS: what was kept goes back to the budget. */
    abstract void release();

    /** The protocol's name as explain tells it: SMTP, IMAP, POP3, RESP or WHOIS. */
    abstract String name();

    /** The side's waiting bytes followed by this segment's, in a new array. */
    final byte[] joinPending(int side, ByteBuffer b, int at, int length) {
        int held = pendingLength[side];
        byte[] data = new byte[held + length];
        if (held > 0) {
            System.arraycopy(pending[side], 0, data, 0, held);
        }
        b.get(at, data, held, length);
        return data;
    }

    /** Bytes of a message kept for its IMF reading at most; a longer one is not read (its segments still are). */
    static final int MAX_MESSAGE = 8 << 20;

    /** The message under way (SMTP's DATA, POP3's RETR): its bytes so far, for IMF when it ends. */
    private byte[] message;
    private int messageLength;
    private boolean messageStarted;
    /** Longer than {@link #MAX_MESSAGE}, or no room in the budget: not read when it ends. */
    private boolean messageTooLong;

    /** Adds a segment's bytes to the message under way (growing its buffer by doubling, charged to the budget). */
    final void addToMessage(byte[] data, int length) {
        messageStarted = true;
        if (messageTooLong) {
            return;
        }
        int had = message == null ? 0 : message.length;
        if ((long) messageLength + length > MAX_MESSAGE) {
            dropMessage(true);
            return;
        }
        if (had < messageLength + length) {
            int capacity = Math.max(messageLength + length, Math.min(MAX_MESSAGE, Math.max(4096, 2 * messageLength)));
            if (!take(capacity - had)) {
                // No room left in the shared budget: this message is not read (its segments still are).
                dropMessage(true);
                return;
            }
            message = java.util.Arrays.copyOf(message == null ? new byte[0] : message, capacity);
        }
        System.arraycopy(data, 0, message, messageLength, length);
        messageLength += length;
    }

    /** The message that ends here, read as IMF; null when no byte of it came (or it was too long to keep). */
    final ImfMessage endMessage() {
        ImfMessage imf = messageStarted && !messageTooLong ? ImfMessage.read(message, messageLength) : null;
        dropMessage(false);
        messageStarted = false;
        return imf;
    }

    /** Forgets the message's bytes, giving them back to the budget. */
    final void dropMessage(boolean tooLong) {
        give(message == null ? 0 : message.length);
        message = null;
        messageLength = 0;
        messageTooLong = tooLong;
    }

    /** Takes {@code n} more bytes from the budget; false when they do not fit. */
    final boolean take(long n) {
        return budget == null || n <= 0 || budget.take(n);
    }

    /** Gives {@code n} bytes back to the budget. */
    final void give(long n) {
        if (budget != null && n > 0) {
            budget.give(n);
        }
    }
}
