package io.tcplens.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.ZipException;

/**
 * A window over a channel, refilled in place: the readers ask for the bytes of one record at a
 * time and get them as a slice of one buffer, so reading allocates nothing per packet.
 *
 * <p>The buffer starts small and grows only with bytes that really arrive: it doubles each time
 * the input proves longer than it, up to {@link #READ_WINDOW} for reading efficiently, and
 * beyond that only while a record larger than it is still being read, up to {@link #MAX_WINDOW}.
 * So a small capture costs a small buffer, and a damaged length field that announces a huge
 * record near the end of the file costs only the bytes that are there, not what it claims
 * (a reader per damaged copy of a 20 KB file used to allocate and zero 1 to 32 MiB).
 *
 * <p>The buffer is direct: a channel reads into a heap buffer through a temporary direct one and
 * then copies it over, a second pass over every byte of the capture (measured on a 5.8 GB file,
 * reading alone took 0.85 s with a heap buffer and 0.65 s with a direct one).
 *
 * <p>A regular file is read too, not mapped. Mapped, the page cache itself is the window and no
 * byte is copied, but the readers then touch a record header every few hundred bytes in memory
 * that no cache holds yet, and each of those loads waits for memory: on the machine of
 * 2026-12-06 a C program reading only the record headers of a 5.8 GB capture took 1.43 s through
 * mapped windows and 0.37 s through {@code read()} into a 1 MiB buffer (the kernel's copy streams
 * the bytes into the caches the headers are then read from); {@code conns} on that capture ran
 * about 15% faster read than mapped (README, "Performance"). An earlier machine measured the
 * other way round (about 10%); the copy's cost is bounded by memory bandwidth, the mapped
 * reads' by memory latency. Reading also keeps a file that shrinks under the reader harmless: a
 * mapped page past the new end faults, and the JVM let the faulting load go on with garbage
 * before raising an InternalError wherever the bytes were read, while {@code read()} just ends
 * where the file now ends (see {@link #request}).
 */
final class ByteSource implements java.io.Closeable {
    /** The buffer at first: a small capture is read whole into it. */
    static final int INITIAL_WINDOW = 64 << 10;
    /**
     * The buffer once the input proved longer: hundreds of typical records per refill, and small
     * enough to stay in the caches between refills, so that (most likely; not measured with cache
     * counters) the kernel's copy writes to cached lines and the records are read from them.
     * Measured (2026-12-07, a Xeon VM with 2 MiB of L2 a core, `conns -T csv` on the 10M-packet
     * generated capture, one core, 11 pairs alternating with 1 MiB): faster in 11 of 11, medians
     * 7.55 against 8.30 s and 8.00 against 8.18 s in two series, user time 0.3-0.5 s lower in
     * every pair; 64 KiB 7.69 s and 256 KiB 7.81 s in the first series. With 1 MiB, 29% of a
     * profile's samples were the kernel's copy (`_copy_to_iter`). Earlier machines measured 128
     * KiB within the noise of 1 MiB (README, "Performance").
     */
    static final int READ_WINDOW = 128 << 10;
    /** No record (pcap packet or pcapng block) may exceed this; a length field beyond it is damage. */
    static final int MAX_WINDOW = 32 << 20;

    private final ReadableByteChannel channel;
    /**
     * The largest size the file was seen to have (-1: not a regular file, or not asked yet). A
     * file found smaller at the end of the input shrank while it was read: its capture does not
     * end there, and the damage says so.
     */
    private long largestSize = -1;
    private ByteBuffer buffer;
    /** File offset of buffer index 0. */
    private long bufferBase;
    private boolean endOfInput;
    /** Why the input ended before its end: its decompression failed, the file shrank; null otherwise. */
    private String damage;

    ByteSource(ReadableByteChannel channel) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(INITIAL_WINDOW).order(ByteOrder.BIG_ENDIAN);
        this.buffer.limit(0);
    }

    /** Seeds the window with bytes already consumed from the channel (a sniffed magic number). */
    ByteSource(ReadableByteChannel channel, byte[] alreadyRead) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(INITIAL_WINDOW).order(ByteOrder.BIG_ENDIAN);
        buffer.limit(alreadyRead.length);
        buffer.put(0, alreadyRead);
        largestSize = fileSize();
    }

    ByteBuffer buffer() { return buffer; }

    /** Index in {@link #buffer()} of the next unread byte. */
    int position() { return buffer.position(); }

    /** File offset of the next unread byte. */
    long offset() { return bufferBase + buffer.position(); }

    int available() { return buffer.remaining(); }

    /**
     * Why the input ended early (its gzip compression failed, the file shrank), or null when it
     * ended where it ends or has not ended yet.
     */
    String damage() { return damage; }

    /**
     * A reader's account of damage, with why the input ended early when it did. A file that
     * shrank under the reader is asked again here: overwritten in place by a shorter one (a
     * capture rotated by copying, say), its bytes past the old ones read so far are another
     * file's, so the first sign is often a record header that makes no sense, and the
     * shrinkage, not the header, is then the cause to report.
     */
    String withDamage(String what) {
        noteShrinkage();
        return damage == null ? what : what + " (" + damage + ")";
    }

    /**
     * Makes {@code count} bytes available from the current position. Returns false when the
     * input ends first (the bytes that are there stay available).
     */
    boolean request(int count) throws IOException {
        if (buffer.remaining() >= count) {
            return true;
        }
        if (buffer.capacity() - buffer.position() < count) {
            compact();
        }
        while (buffer.remaining() < count && !endOfInput) {
            if (buffer.limit() == buffer.capacity()) {
                // Full of unread bytes and still short: the record is larger than the window.
                grow(2 * buffer.capacity());
            }
            int pos = buffer.position();
            int lim = buffer.limit();
            buffer.position(lim).limit(buffer.capacity());
            int n;
            try {
                n = channel.read(buffer);
            } catch (ZipException | EOFException e) {
                // Only a gzip stream throws these: its compressed bytes are damaged or cut short.
                // The input ends here; what was decompressed before it stays readable.
                damage = "its gzip compression is damaged or cut short: " + e.getMessage();
                n = -1;
            }
            buffer.limit(buffer.position()).position(pos);
            if (n < 0) {
                endOfInput = true;
                // A regular file now smaller than it was (truncated, or rotated and rewritten,
                // somewhere the reader had not reached): every byte read is intact, but the
                // capture does not end here. (A file that grew is read to its new end.)
                noteShrinkage();
            }
        }
        return buffer.remaining() >= count;
    }

    /** Records as the damage, unless there is one already, that a regular file is now smaller than it was. */
    private void noteShrinkage() {
        if (damage == null) {
            long size = fileSize();
            if (size >= 0 && size < largestSize) {
                damage = "the file shrank from " + largestSize + " to " + size + " bytes while it was read";
            }
        }
    }

    /**
     * The size of the file read, also recording the largest seen; -1 for input that is not a
     * regular file (a pipe, standard input, a gzip stream) or cannot be asked.
     */
    private long fileSize() {
        if (!(channel instanceof FileChannel file)) {
            return -1;
        }
        try {
            long size = file.size();
            // A named pipe or a device opened by its path is a FileChannel too, and says 0.
            if (size == 0 && largestSize <= 0) {
                return -1;
            }
            largestSize = Math.max(largestSize, size);
            return size;
        } catch (IOException e) {
            return -1;
        }
    }

    /** True when every byte of the input has been consumed. */
    boolean atEnd() throws IOException {
        return !request(1);
    }

    void skip(int count) {
        buffer.position(buffer.position() + count);
    }

    /** Discards whatever is left, so that nothing more is read. */
    void discardRest() {
        endOfInput = true;
        buffer.position(buffer.limit());
    }

    @Override
    public void close() throws IOException {
        discardRest();
        channel.close();
    }

    /** Moves the unread bytes to the front, in a larger buffer while the window is still small. */
    private void compact() {
        if (buffer.capacity() < READ_WINDOW && buffer.limit() == buffer.capacity()) {
            // The input filled the whole buffer and the reader wants more: it is longer than the buffer.
            grow(2 * buffer.capacity());
            return;
        }
        int pos = buffer.position();
        bufferBase += pos;
        buffer.compact();
        buffer.flip();
    }

    /** Moves the unread bytes to the front of a new buffer of the given size. */
    private void grow(int capacity) {
        ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
        bufferBase += buffer.position();
        bigger.put(buffer);
        bigger.flip();
        buffer = bigger;
    }
}
