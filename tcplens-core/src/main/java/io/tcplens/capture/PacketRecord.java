package io.tcplens.capture;

import java.nio.ByteBuffer;

/**
 * The packet a reader delivered last: a window on the reader's shared buffer plus the record's
 * metadata. Reused for every packet; valid until the reader's next call.
 */
public final class PacketRecord {
    ByteBuffer buffer;
    int dataOffset;
    int capturedLength;
    int originalLength;
    long epochSeconds;
    int nanos;
    int linkType;
    int interfaceId;
    long recordNumber;
    long frameNumber;
    boolean timed = true;
    /**
     * The time tshark gives the frame just before this one when that frame carried no packet
     * (a pcapng custom block, journal entry or sysdig event; PcapngReader), else Long.MIN_VALUE.
     */
    long precedingFrameNanos = Long.MIN_VALUE;
    /** The time tshark gives frame 1 when frame 1 carried no packet, else Long.MIN_VALUE. */
    long firstFrameNanos = Long.MIN_VALUE;
    long fileOffset;
    String comment;

    /** The shared buffer; the packet's bytes are at {@link #dataOffset()} (absolute index). */
    public ByteBuffer buffer() { return buffer; }

    public int dataOffset() { return dataOffset; }

    /** Bytes present in the capture (tshark's {@code frame.cap_len}). */
    public int capturedLength() { return capturedLength; }

    /** Bytes on the wire (tshark's {@code frame.len}). */
    public int originalLength() { return originalLength; }

    /** True when the capture cut the packet (snaplen), so later layers may be incomplete. */
    public boolean truncated() { return capturedLength < originalLength; }

    public long epochSeconds() { return epochSeconds; }

    public int nanos() { return nanos; }

    /**
     * False for a pcapng simple packet block, which carries no timestamp: tshark shows no time
     * for it (and its time fields are absent), where {@link #epochNanos()} says 0.
     */
    public boolean timed() { return timed; }

    /** See {@link #precedingFrameNanos}: the previous frame's time for delta times, when it carried no packet. */
    public long precedingFrameNanos() { return precedingFrameNanos; }

    /** See {@link #firstFrameNanos}: tshark's reference for relative times, when frame 1 carried no packet. */
    public long firstFrameNanos() { return firstFrameNanos; }

    /** Timestamp in nanoseconds since the epoch (fits a long until the year 2262). */
    public long epochNanos() { return epochSeconds * 1_000_000_000L + nanos; }

    /** LINKTYPE_* value (https://www.tcpdump.org/linktypes.html). */
    public int linkType() { return linkType; }

    public int interfaceId() { return interfaceId; }

    /** Ordinal of the record in the file, counting pcapng blocks of every kind. */
    public long recordNumber() { return recordNumber; }

    /**
     * The packet's number as Wireshark gives it ({@code frame.number}): packets counted from 1,
     * and in pcapng also the blocks that Wireshark lists as frames without a packet (custom
     * blocks, systemd journal entries), which tcplens reads past.
     */
    public long frameNumber() { return frameNumber; }

    /** File offset of the record's header. */
    public long fileOffset() { return fileOffset; }

    /** The pcapng packet comment, or null. */
    public String comment() { return comment; }

    /** Points this record at bytes held elsewhere (tests, live sources, reassembly). */
    public PacketRecord set(ByteBuffer buffer, int offset, int capturedLength, int originalLength,
                            long epochSeconds, int nanos, int linkType) {
        this.buffer = buffer;
        this.dataOffset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.epochSeconds = epochSeconds;
        this.nanos = nanos;
        this.linkType = linkType;
        this.interfaceId = 0;
        this.comment = null;
        this.timed = true;
        this.precedingFrameNanos = Long.MIN_VALUE;
        this.firstFrameNanos = Long.MIN_VALUE;
        return this;
    }
}
