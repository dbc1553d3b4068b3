package io.tcplens.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng): a section header with a comment and the writing
 * application, interface descriptions (name, capture filter, nanosecond timestamps), enhanced
 * packet blocks, and interface statistics with drop counts at the end. Little-endian.
 */
public final class PcapngWriter implements AutoCloseable {
    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int INTERFACE_STATISTICS = 5;
    private static final int ENHANCED_PACKET = 6;

    private final OutputStream out;
    private ByteBuffer block = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private int interfaces;

    /** Starts the file with its section header; {@code comment} may be null. */
    public PcapngWriter(OutputStream out, String comment) throws IOException {
        this.out = out;
        begin(SECTION_HEADER);
        block.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        if (comment != null) {
            option(1, comment.getBytes(StandardCharsets.UTF_8));
        }
        option(4, "tcplens".getBytes(StandardCharsets.UTF_8));
        endOptions();
        end();
    }

    /** Interfaces described so far; packets name them by index. */
    public int interfaces() { return interfaces; }

    /** Describes the next interface: nanosecond timestamps, its name and capture filter (either may be null). */
    public void interfaceDescription(int linkType, int snapLength, String name, String filter) throws IOException {
        begin(INTERFACE_DESCRIPTION);
        block.putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        if (name != null) {
            option(2, name.getBytes(StandardCharsets.UTF_8));
        }
        if (filter != null) {
            byte[] text = filter.getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[text.length + 1];  // first byte 0: a libpcap filter string
            System.arraycopy(text, 0, value, 1, text.length);
            option(11, value);
        }
        option(9, new byte[] {9});
        endOptions();
        end();
        interfaces++;
    }

    public void packet(int iface, long epochNanos, ByteBuffer data, int at, int capturedLength, int originalLength)
            throws IOException {
        begin(ENHANCED_PACKET);
        ensure(capturedLength + 64);
        block.putInt(iface).putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos)
                .putInt(capturedLength).putInt(originalLength);
        data.get(at, block.array(), block.position(), capturedLength);
        block.position(block.position() + capturedLength);
        pad();
        end();
    }

    /** Interface statistics: packets received and dropped (-1 when not known, then left out). */
    public void statistics(int iface, long epochNanos, long received, long dropped) throws IOException {
        begin(INTERFACE_STATISTICS);
        block.putInt(iface).putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos);
        if (received >= 0) {
            option(4, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(received).array());
        }
        if (dropped >= 0) {
            option(5, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(dropped).array());
        }
        endOptions();
        end();
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void ensure(int bytes) {
        if (block.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(block.capacity() * 2, block.position() + bytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            block.flip();
            bigger.put(block);
            block = bigger;
        }
    }

    private void begin(int type) {
        block.clear();
        block.putInt(type).putInt(0);
    }

    private void option(int code, byte[] value) {
        ensure(value.length + 8);
        block.putShort((short) code).putShort((short) value.length).put(value);
        pad();
    }

    private void endOptions() {
        block.putInt(0);
    }

    private void pad() {
        while (block.position() % 4 != 0) {
            block.put((byte) 0);
        }
    }

    /** Writes the block with its total length at both ends. */
    private void end() throws IOException {
        ensure(4);
        int total = block.position() + 4;
        block.putInt(4, total);
        block.putInt(total);
        out.write(block.array(), 0, total);
    }
}
