package io.tcplens.capture;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.ZipException;

/**
 * A window over a channel, refilled in place (or, for a regular file, mapped window after
 * window): the readers ask for the bytes of one record at a time and get them as a slice of one
 * buffer, so reading allocates nothing per packet.
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
 * <p>A regular file is not read but mapped, {@link #MAPPED_WINDOW} bytes at a time: the window
 * is then the page cache itself, and no byte is copied at all. On the machine the connection
 * engine is measured on, a C program that touches every cache line of a 5.8 GB capture took
 * 0.67 s through {@code read()} (0.61 s of it the kernel's copy) and 0.40 s through mapped
 * windows; in a one-core {@code conns} run the copy was 9% of the CPU samples. (On an earlier
 * VM it was the other way round, because each page fault cost about 12 us there; the kernel
 * here maps the page cache's large folios in a few thousand faults for the whole file.)
 */
final class ByteSource implements java.io.Closeable {
    /** The buffer at first: a small capture is read whole into it. */
    static final int INITIAL_WINDOW = 64 << 10;
    /** The buffer once the input proved longer: thousands of typical records per refill. */
    static final int READ_WINDOW = 1 << 20;
    /** No record (pcap packet or pcapng block) may exceed this; a length field beyond it is damage. */
    static final int MAX_WINDOW = 32 << 20;
    /**
     * Bytes of a regular file mapped at once. Mapped pages count in the process's resident
     * memory while mapped: two windows at most (see {@link #previousWindow}), 32 MiB.
     */
    static final int MAPPED_WINDOW = 16 << 20;

    /**
     * Unmaps a window as soon as it is done with. Java unmaps a mapped buffer only when the
     * collector finds it unreachable, and a long capture would in the meantime count every
     * window read in the resident memory (which the connection engine's benchmark bounds at
     * 1 GiB). The one way to unmap at once is sun.misc.Unsafe's invokeCleaner (jdk.unsupported),
     * found by reflection so that compiling needs no internal API. Absent (another JVM), files
     * are read instead of mapped.
     */
    private static final java.lang.invoke.MethodHandle UNMAPPER = unmapper();

    private final ReadableByteChannel channel;
    /** The file whose windows are mapped; null when the channel is read. */
    private FileChannel mappedFile;
    private final int mappedWindow;
    /**
     * The window before {@link #buffer}, still mapped: the packet read last before a new window
     * may still be looked at after it (its bytes must not vanish under a decoder), so a window
     * is unmapped only when the one after it is left too.
     */
    private ByteBuffer previousWindow;
    /** File offset where the windows mapped so far end (0 when the input is read, not mapped). */
    private long mappedEnd;
    /** The mapped file's size when the source was closed (-1: open, or never mapped). */
    private long sizeAtClose = -1;
    /**
     * The largest size the mapped file was seen to have. A file that shrank, but not below the
     * windows mapped so far, loses no byte already read; it just ends early, and is reported so.
     */
    private long largestSize;
    private ByteBuffer buffer;
    /** File offset of buffer index 0. */
    private long bufferBase;
    private boolean endOfInput;
    /** Why the input ended before its end: its decompression failed; null otherwise. */
    private String damage;

    ByteSource(ReadableByteChannel channel) {
        this.channel = channel;
        this.mappedWindow = MAPPED_WINDOW;
        this.buffer = ByteBuffer.allocateDirect(INITIAL_WINDOW).order(ByteOrder.BIG_ENDIAN);
        this.buffer.limit(0);
    }

    /** Seeds the window with bytes already consumed from the channel (a sniffed magic number). */
    ByteSource(ReadableByteChannel channel, byte[] alreadyRead) throws IOException {
        this(channel, alreadyRead, MAPPED_WINDOW);
    }

    /** With another size of the mapped windows (for tests). */
    ByteSource(ReadableByteChannel channel, byte[] alreadyRead, int mappedWindow) throws IOException {
        this.channel = channel;
        this.mappedWindow = mappedWindow;
        // The bytes already read are a regular file's first bytes: map it from its start.
        if (channel instanceof FileChannel file && UNMAPPER != null && mappable(file, alreadyRead.length)) {
            mappedFile = file;
            largestSize = file.size();
            // Mapped, or (if it could not be) to be read from its start, the window empty.
            map(0, Math.min(mappedWindow, largestSize));
            return;
        }
        this.buffer = ByteBuffer.allocateDirect(INITIAL_WINDOW).order(ByteOrder.BIG_ENDIAN);
        buffer.limit(alreadyRead.length);
        buffer.put(0, alreadyRead);
    }

    ByteBuffer buffer() { return buffer; }

    /** Index in {@link #buffer()} of the next unread byte. */
    int position() { return buffer.position(); }

    /** File offset of the next unread byte. */
    long offset() { return bufferBase + buffer.position(); }

    int available() { return buffer.remaining(); }

    /**
     * Why the input ended early (its gzip compression failed, the mapped file shrank), or null
     * when it ended where it ends or has not ended yet.
     */
    String damage() { return damage; }

    /**
     * A reader's account of damage, with why the input ended early when it did. A mapped file
     * that shrank under the reader is asked again here: a load from a page past its new end
     * faults, and the JVM lets the load go on with garbage and raises the InternalError only
     * later (at its next safepoint), so the first sign of the shrinkage is often a record header
     * that makes no sense. The shrinkage, not the garbage, is then the cause to report.
     */
    String withDamage(String what) {
        if (damage == null && mappedEnd > 0) {
            try {
                long size = ((FileChannel) channel).size();
                if (size < mappedEnd) {
                    damage = shrinkage(size);
                }
            } catch (IOException e) {
                // The file cannot be asked: the reader's own account is all there is to tell.
            }
        }
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
        if (mappedFile != null) {
            if (endOfInput) {
                return false;
            }
            // The next window starts at the next unread byte; the file may have grown since.
            long at = offset();
            long size = mappedFile.size();
            if (size < mappedEnd) {
                // It shrank instead (truncated, or overwritten in place by a copy): the pages past
                // its new end are gone, and reading them gave whatever the faulting loads left
                // (see shrank). The input ends here, as damage.
                damage = shrinkage(size);
                discardRest();
                return false;
            }
            long left = Math.max(0, size - at);
            if (map(at, left <= count ? left : Math.min(left, Math.max(count, mappedWindow)))) {
                endOfInput = left <= count;
                if (endOfInput && size < largestSize) {
                    // Cut (truncated, say, or rotated and rewritten) somewhere the reader had not
                    // reached yet: every byte read is intact, but the capture does not end here.
                    damage = "the file shrank from " + largestSize + " to " + size + " bytes while it was read";
                }
                largestSize = Math.max(largestSize, size);
                return buffer.remaining() >= count;
            }
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
            }
        }
        return buffer.remaining() >= count;
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
        if (mappedEnd > 0) {
            // Told after closing, when a fault on the windows' bytes is being explained (see shrank).
            sizeAtClose = ((FileChannel) channel).size();
        }
        channel.close();
    }

    /**
     * What a fault on the bytes of a mapped window means: the file shrank while it was read
     * (truncated, or overwritten in place by a copy), and the pages past its new end are gone.
     * Java raises the fault as an InternalError where the bytes were read (in the decoder, say),
     * so the readers' callers ask here, naming the last record read (the one whose reading
     * faulted, or the one before it). Rethrows the fault when the file did not shrink.
     */
    CaptureFormatException shrank(InternalError fault, String name, long record, long offset) {
        long size;
        try {
            size = sizeAtClose >= 0 ? sizeAtClose : mappedEnd > 0 ? ((FileChannel) channel).size() : -1;
        } catch (IOException e) {
            fault.addSuppressed(e);
            throw fault;
        }
        if (size < 0 || size >= mappedEnd) {
            throw fault;
        }
        return new CaptureFormatException(name, record, offset, shrinkage(size) + "; the analysis stops here");
    }

    private String shrinkage(long size) {
        return "the file shrank to " + size + " bytes while it was read (it had at least " + mappedEnd
                + "), and packets read after byte offset " + bufferBase + " may have been read wrong";
    }

    /**
     * Maps {@code length} bytes from file offset {@code at} on (the callers have the file's size
     * and keep within it) as the window, and unmaps the window before the one left. False when
     * the file cannot be mapped (the address space is exhausted, say): it is read from there on.
     */
    private boolean map(long at, long length) throws IOException {
        ByteBuffer next;
        try {
            next = mappedFile.map(FileChannel.MapMode.READ_ONLY, at, length);
        } catch (IOException | UnsupportedOperationException e) {
            mappedFile.position(at);
            mappedFile = null;
            buffer = ByteBuffer.allocateDirect(INITIAL_WINDOW).order(ByteOrder.BIG_ENDIAN);
            buffer.limit(0);
            bufferBase = at;
            return false;
        }
        if (previousWindow != null) {
            unmap(previousWindow);
        }
        previousWindow = buffer;
        buffer = next.order(ByteOrder.BIG_ENDIAN);
        bufferBase = at;
        mappedEnd = Math.max(mappedEnd, at + buffer.capacity());
        return true;
    }

    /**
     * True for a regular file of which exactly {@code consumed} bytes were read, from its start.
     * A named pipe or a device opened by its path (-r /tmp/fifo, -r /dev/stdin from a pipe) is a
     * FileChannel too, but has no size and cannot seek: it is read.
     */
    private static boolean mappable(FileChannel file, int consumed) {
        try {
            return file.size() > consumed && file.position() == consumed;
        } catch (IOException e) {
            return false;
        }
    }

    private static void unmap(ByteBuffer window) {
        try {
            UNMAPPER.invokeExact(window);
        } catch (RuntimeException | Error e) {
            // invokeCleaner throws only for a buffer that is not direct or is a slice: never a window.
            throw e;
        } catch (Throwable e) {
            // invokeExact declares Throwable; invokeCleaner has no checked exception.
            throw new IllegalStateException("could not unmap a window of the capture", e);
        }
    }

    /** Unsafe's invokeCleaner bound to the Unsafe instance, or null where the JVM has none. */
    private static java.lang.invoke.MethodHandle unmapper() {
        try {
            Class<?> unsafe = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field f = unsafe.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return java.lang.invoke.MethodHandles.lookup()
                    .findVirtual(unsafe, "invokeCleaner", java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
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
