package io.tcplens.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints per-connection text in stream order although connections finish in any order: a
 * connection's text waits only while an earlier stream is still open. Streams are numbered
 * without gaps from 0, so the waiting texts live in arrays indexed by stream (a circular window
 * starting at the next stream to print).
 *
 * <p>Waiting text is kept as UTF-8 bytes in large shared chunks, not as a string per row: an
 * unanswered SYN holds every later row back for 75 s, hundreds of thousands of rows on a large
 * capture, and as strings they were most of what the garbage collector had to trace and move. A
 * chunk is reused once every row written to it was printed. Rows given as bytes ({@link ByteRow})
 * are stored and printed as they are when the output takes bytes ({@link Utf8Output}, the command
 * line's); any other writer gets them decoded.
 *
 * <p>The chunks are direct buffers, outside the heap: on the 10M-packet benchmark capture up to
 * 96 MB of rows wait for seconds, and as heap arrays the collector copied each chunk from eden
 * to a survivor space, between survivor spaces, then to the old generation, where full
 * collections moved them again (the largest copying in its young collections, by profile).
 * Chunks are cut from slabs of up to {@link #MAX_SLAB} bytes: the launcher asks glibc to back
 * its large allocations with huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), and only an
 * allocation spanning whole 2 MiB pages can have them. With 1 MiB chunks of their own, filling
 * those 96 MB cost about 24,000 page faults, 84% of the run's (async-profiler, page-faults).
 *
 * <p>Memory is bounded: a connection that stays open (a SYN waiting 75 s for an answer, a
 * session open all capture long) would otherwise hold every later row in memory. Beyond
 * {@link #MAX_WAITING_CHARS} bytes in memory, the waiting texts are written to a temporary file
 * (in {@code java.io.tmpdir}, deleted as soon as it is open, so nothing is left behind whatever
 * happens) and read back in stream order when their turn comes, as {@code sort} spills to disk:
 * {@code conns -T json} on the 10M-packet benchmark capture keeps about 1.1 GB of rows waiting
 * (an unanswered SYN of its first seconds holds nearly every row back), in 11 spills, and every
 * row still comes in stream order. Writing them through the page cache costs time (one core:
 * 19–23 s instead of 14–17 s, when 220,560 streams were passed over). Only beyond
 * {@link #MAX_SPILL_BYTES} on disk, when the file cannot be written, or beyond {@link #MAX_WINDOW}
 * streams, are the waiting texts printed at once and the streams still open passed over: their
 * rows come later, out of order, {@link #passedOver()} counts them and {@link #spillFailure()}
 * says why the disk did not take them.
 */
public final class StreamOrder {
    /**
     * Bytes of text held back at most (a text too long for a chunk counts its characters): enough that the generated
     * 10M-packet benchmark capture, whose unanswered SYNs hold about 400,000 CSV rows back for
     * 75 s, stays in order.
     */
    public static final long MAX_WAITING_CHARS = 96L << 20;
    /** Bytes of waiting text kept on disk at most (beyond: streams passed over, as without a disk). */
    public static final long MAX_SPILL_BYTES = 16L << 30;
    /** Streams between the next to print and the newest at most. */
    public static final int MAX_WINDOW = 1 << 20;
    /** Bytes per chunk of waiting text; a longer text waits as a string. */
    private static final int CHUNK = 1 << 20;
    /**
     * Bytes per slab of direct memory at most; the first slabs are smaller, for small captures.
     * A slab is allocated (and zeroed) whole, so the chunks not yet cut from it add at most this
     * much less one chunk to the memory of the chunks.
     */
    private static final int MAX_SLAB = 16 << 20;
    /** Bytes each spill reads back ahead (the spills, at most MAX_SPILL_BYTES / MAX_WAITING_CHARS = 171, each have one). */
    private static final int READ_BLOCK = 256 << 10;
    /** Window slot holds no text. */
    private static final long NONE = -1;
    /**
     * Marks a slot's location as an offset in the spill file (the bit is set; offsets stay far
     * below 2^62). In-memory locations are non-negative, and NONE has every bit set.
     */
    private static final long ON_DISK = Long.MIN_VALUE;

    private final PrintWriter out;
    /** The same output when it takes UTF-8 bytes as they are, else null. */
    private final Utf8Output bytesOut;
    private final long maxWaitingChars;
    /**
     * Chunks with waiting rows at most. A chunk is reused only once every row in it was printed,
     * so a few rows of streams far ahead can each keep a chunk of otherwise printed rows: the
     * waiting characters alone would not bound the memory.
     */
    private final long maxChunks;
    private final int maxWindow;
    /** Per window slot: chunk index (high half) and offset (low half) of its text, or NONE. */
    private long[] location = new long[1024];
    private int[] length = new int[1024];
    /** Per window slot: its text when it is not in a chunk (longer than a chunk, or a stream reported twice). */
    private String[] wide = new String[1024];
    private final List<ByteBuffer> chunks = new ArrayList<>();
    /** Per chunk: rows written to it and not yet printed. */
    private int[] chunkRows = new int[16];
    private final ArrayDeque<Integer> freeChunkIndexes = new ArrayDeque<>();
    /**
     * Empty chunks, for reuse. All are kept: direct memory is given back only when the garbage
     * collector finds the buffer, and their number is bounded anyway (by maxChunks, plus the one
     * being filled).
     */
    private final ArrayDeque<ByteBuffer> spareChunks = new ArrayDeque<>();
    /** The slab new chunks are cut from (null: none yet), and the bytes of slabs allocated so far. */
    private ByteBuffer slab;
    private long slabBytes;
    private int currentChunk = -1;
    private int position = CHUNK;
    /** A text given as characters, encoded. */
    private final ByteRow encoded = new ByteRow();
    /** A waiting row's bytes on their way out of a chunk to a writer of characters, and those characters. */
    private byte[] byteScratch = new byte[1024];
    private char[] scratch = new char[1024];
    /** Index in the window of stream {@link #next}. */
    private int head;
    private long next;
    private int waiting;
    private long waitingChars;
    private long passedOver;
    private final long maxSpillBytes;
    /** Where the spill file is made, or null for no spilling. */
    private final Path spillDirectory;
    /** The spill file, open from the first spill to {@link #finish}, and its end. */
    private FileChannel spill;
    private long spillEnd;
    /** Rows and bytes written to spill files, the spills, and the bytes read back. */
    private long spilledRows;
    private long spilledBytes;
    private int spills;
    private long spillBytesRead;
    /** Why waiting text could not go to disk (then streams were passed over), or null. */
    private String spillFailure;
    /** Rows on their way to the spill file, written in large blocks, and the window slots they belong to. */
    private ByteBuffer spillBlock;
    private int[] blockSlots = new int[1024];
    /**
     * Where each spill's rows start in the file. A spill writes its rows in stream order, so in
     * their turn each spill's rows are read forward; but the turns of several spills' rows
     * interleave (a connection that finished late was written by a later spill), so each spill has
     * its own read-ahead block, and the file range that block holds. (With one 1 MiB block for
     * all, conns -T json on the 10M-packet capture, 11 spills, took 23.8 s instead of 19.2 s, 14.8 s
     * of it in the kernel instead of 8.8 s, mostly copying the same file ranges again.)
     */
    private long[] runStarts = new long[16];
    private int runs;
    private ByteBuffer[] runBlocks = new ByteBuffer[16];
    private long[] runBlockStart = new long[16];
    private long[] runBlockEnd = new long[16];

    public StreamOrder(PrintWriter out) {
        this(out, MAX_WAITING_CHARS, MAX_WINDOW, MAX_SPILL_BYTES, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** With other bounds (for tests): no spilling to disk. */
    StreamOrder(PrintWriter out, long maxWaitingChars, int maxWindow) {
        this(out, maxWaitingChars, maxWindow, 0, null);
    }

    /** With other bounds and spill directory (for tests); a null directory spills nothing. */
    StreamOrder(PrintWriter out, long maxWaitingChars, int maxWindow, long maxSpillBytes, Path spillDirectory) {
        this.out = out;
        this.bytesOut = out instanceof Utf8Output u ? u : null;
        this.maxWaitingChars = maxWaitingChars;
        this.maxChunks = maxWaitingChars / CHUNK + 1;
        this.maxWindow = maxWindow;
        this.maxSpillBytes = maxSpillBytes;
        this.spillDirectory = spillDirectory;
        java.util.Arrays.fill(location, NONE);
    }

    /** Adds a stream's text; {@code text} is read now and may be reused after the call. */
    public void add(long stream, CharSequence text) {
        add(stream, encoded.clear().append(text));
    }

    /** Adds a stream's text as UTF-8 bytes; {@code row} is read now and may be reused after the call. */
    public void add(long stream, ByteRow row) {
        int n = row.length();
        if (stream < next) {
            print(row.bytes(), n);
            return;
        }
        if (stream - next >= maxWindow) {
            printWaiting();
            if (stream - next >= maxWindow) {
                // Nothing waits: the streams in between are all still open; pass over them.
                passedOver += stream - next;
                next = stream;
                head = 0;
            }
        }
        long distance = stream - next;
        while (distance >= location.length) {
            grow();
        }
        int slot = (int) ((head + distance) % location.length);
        if (distance == 0 && !occupied(slot)) {
            // The stream everybody waits for: printed at once, never stored.
            print(row.bytes(), n);
            advanceHead();
        } else {
            store(slot, row);
            waiting++;
        }
        while (occupied(head)) {
            printHead();
        }
        if (waitingChars > maxWaitingChars || chunksInUse() > maxChunks) {
            if (!spillWaiting()) {
                printWaiting();
            }
        }
    }

    /** Prints whatever is left (streams that were never seen leave no gap), and deletes the spill file. */
    public void finish() {
        for (int i = 0; i < location.length && waiting > 0; i++) {
            int slot = (head + i) % location.length;
            if (occupied(slot)) {
                printSlot(slot);
            }
        }
        waitingChars = 0;
        closeSpill();
    }

    /** Texts held back, waiting for an earlier stream. */
    public int waiting() {
        return waiting;
    }

    /** Chunks holding rows not yet printed, or being filled: the indexes not freed. */
    int chunksInUse() {
        return chunks.size() - freeChunkIndexes.size();
    }

    /** Streams passed over while still open, because too much text waited for them: their rows came out of order. */
    public long passedOver() {
        return passedOver;
    }

    /** Rows that waited on disk, and the bytes written to the spill file. */
    long spilledRows() {
        return spilledRows;
    }

    long spilledBytes() {
        return spilledBytes;
    }

    /** Times waiting text was moved to disk. */
    int spills() {
        return spills;
    }

    /** Bytes read back from spill files (each spill reads ahead, so a little more than were written). */
    long spillBytesRead() {
        return spillBytesRead;
    }

    /** Why waiting rows could not wait on disk and streams were passed over instead, or null. */
    public String spillFailure() {
        return spillFailure;
    }

    private boolean occupied(int slot) {
        return location[slot] != NONE || wide[slot] != null;
    }

    private void store(int slot, ByteRow row) {
        int n = row.length();
        if (occupied(slot)) {
            // A stream reported twice keeps both texts, in order.
            String earlier = textOf(slot);
            waitingChars -= measure(slot);
            release(slot);
            waiting--;
            wide[slot] = earlier + row;
            waitingChars += wide[slot].length();
            return;
        }
        if (n > CHUNK) {
            wide[slot] = row.toString();
            waitingChars += wide[slot].length();
            return;
        }
        if (currentChunk < 0 || position + n > CHUNK) {
            newChunk();
        }
        chunks.get(currentChunk).put(position, row.bytes(), 0, n);
        location[slot] = ((long) currentChunk << 32) | position;
        length[slot] = n;
        chunkRows[currentChunk]++;
        position += n;
        waitingChars += n;
    }

    /** What the slot's text counts toward the bound in memory: its bytes in a chunk, its characters as a string, nothing on disk. */
    private long measure(int slot) {
        return wide[slot] != null ? wide[slot].length() : onDisk(location[slot]) ? 0 : length[slot];
    }

    private static boolean onDisk(long at) {
        return at != NONE && (at & ON_DISK) != 0;
    }

    private byte[] byteScratch(int n) {
        if (byteScratch.length < n) {
            byteScratch = new byte[Math.max(n, 2 * byteScratch.length)];
        }
        return byteScratch;
    }

    /** Prints {@code n} bytes of UTF-8 text: as they are to an output of bytes, else decoded. */
    private void print(byte[] bytes, int n) {
        if (bytesOut != null) {
            bytesOut.writeUtf8(bytes, 0, n);
            return;
        }
        int high = 0;
        char[] chars = n <= scratch.length ? scratch : (scratch = new char[n]);
        for (int i = 0; i < n; i++) {
            high |= bytes[i] & 0x80;
            chars[i] = (char) bytes[i];
        }
        if (high == 0) {
            out.write(chars, 0, n);
        } else {
            out.write(new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void newChunk() {
        if (currentChunk >= 0 && chunkRows[currentChunk] == 0) {
            // Every row written to the full chunk was printed already: release() left it alone
            // only because it was still being filled.
            freeChunk(currentChunk);
        }
        ByteBuffer chunk = spareChunks.isEmpty() ? cutChunk() : spareChunks.pop();
        if (freeChunkIndexes.isEmpty()) {
            chunks.add(chunk);
            currentChunk = chunks.size() - 1;
            if (currentChunk >= chunkRows.length) {
                chunkRows = java.util.Arrays.copyOf(chunkRows, 2 * chunkRows.length);
            }
        } else {
            currentChunk = freeChunkIndexes.pop();
            chunks.set(currentChunk, chunk);
        }
        chunkRows[currentChunk] = 0;
        position = 0;
    }

    /**
     * A new chunk, cut from the current slab. Slabs double from one chunk up to
     * {@link #MAX_SLAB}, so that a small capture allocates little and a large one mostly big slabs.
     */
    private ByteBuffer cutChunk() {
        if (slab == null || !slab.hasRemaining()) {
            int size = (int) Math.min(MAX_SLAB, Math.max(CHUNK, slabBytes));
            slab = ByteBuffer.allocateDirect(size);
            slabBytes += size;
        }
        ByteBuffer chunk = slab.slice(slab.position(), CHUNK);
        slab.position(slab.position() + CHUNK);
        return chunk;
    }

    private String textOf(int slot) {
        if (wide[slot] != null) {
            return wide[slot];
        }
        long at = location[slot];
        byte[] bytes = new byte[length[slot]];
        if (onDisk(at)) {
            readSpilled(at & ~ON_DISK, bytes, bytes.length);
        } else {
            chunks.get((int) (at >>> 32)).get((int) at, bytes);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Forgets the slot's text; its chunk is reused once no row in it waits. */
    private void release(int slot) {
        long at = location[slot];
        wide[slot] = null;
        location[slot] = NONE;
        if (at == NONE || onDisk(at)) {
            return;
        }
        int chunk = (int) (at >>> 32);
        if (--chunkRows[chunk] == 0 && chunk != currentChunk) {
            freeChunk(chunk);
        }
    }

    private void freeChunk(int chunk) {
        spareChunks.push(chunks.get(chunk));
        chunks.set(chunk, null);
        freeChunkIndexes.push(chunk);
    }

    private void printSlot(int slot) {
        waitingChars -= measure(slot);
        if (wide[slot] != null) {
            out.print(wide[slot]);
        } else if (onDisk(location[slot])) {
            int n = length[slot];
            byte[] bytes = byteScratch(n);
            readSpilled(location[slot] & ~ON_DISK, bytes, n);
            print(bytes, n);
        } else {
            long at = location[slot];
            ByteBuffer chunk = chunks.get((int) (at >>> 32));
            int from = (int) at;
            int n = length[slot];
            if (bytesOut != null) {
                bytesOut.writeUtf8(chunk, from, n);
            } else {
                byte[] bytes = byteScratch(n);
                chunk.get(from, bytes, 0, n);
                print(bytes, n);
            }
        }
        release(slot);
        waiting--;
    }

    private void printHead() {
        printSlot(head);
        advanceHead();
    }

    private void advanceHead() {
        head = (head + 1) % location.length;
        next++;
    }

    /** Prints every waiting text in stream order, passing over the streams still open before them. */
    private void printWaiting() {
        while (waiting > 0) {
            if (occupied(head)) {
                printHead();
            } else {
                passedOver++;
                advanceHead();
            }
        }
    }

    private void grow() {
        int size = location.length;
        long[] biggerLocation = new long[size * 2];
        int[] biggerLength = new int[size * 2];
        String[] biggerWide = new String[size * 2];
        java.util.Arrays.fill(biggerLocation, NONE);
        for (int i = 0; i < size; i++) {
            int from = (head + i) % size;
            biggerLocation[i] = location[from];
            biggerLength[i] = length[from];
            biggerWide[i] = wide[from];
        }
        location = biggerLocation;
        length = biggerLength;
        wide = biggerWide;
        head = 0;
    }

    /**
     * Moves every waiting text in memory to the spill file, in stream order (so that reading them
     * back in their turn reads the file forward), and frees their chunks. A row leaves memory only
     * once its bytes were written. False when the disk does not take them (then spillFailure says
     * why): no spill directory, the bound on disk reached, or an I/O error.
     */
    private boolean spillWaiting() {
        if (spillDirectory == null || spillFailure != null) {
            return false;
        }
        try {
            openSpill();
            startRun();
            int pending = 0;
            for (int i = 0, seen = 0; i < location.length && seen < waiting; i++) {
                int slot = (head + i) % location.length;
                if (!occupied(slot)) {
                    continue;
                }
                seen++;
                if (wide[slot] != null) {
                    pending = writeBlock(pending);
                    byte[] bytes = wide[slot].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    writeAt(ByteBuffer.wrap(bytes));
                    waitingChars -= wide[slot].length();
                    wide[slot] = null;
                    location[slot] = ON_DISK | spillEnd;
                    length[slot] = bytes.length;
                    spillEnd += bytes.length;
                    spilledRows++;
                } else if (!onDisk(location[slot])) {
                    int n = length[slot];
                    if (spillBlock.remaining() < n) {
                        pending = writeBlock(pending);
                    }
                    long at = location[slot];
                    spillBlock.put(spillBlock.position(), chunks.get((int) (at >>> 32)), (int) at, n);
                    spillBlock.position(spillBlock.position() + n);
                    if (pending == blockSlots.length) {
                        blockSlots = java.util.Arrays.copyOf(blockSlots, 2 * pending);
                    }
                    blockSlots[pending++] = slot;
                }
            }
            writeBlock(pending);
            return true;
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getMessage() != null ? e.getMessage() : e.toString();
            spillFailure = "the spill file in " + spillDirectory + ": " + why;
            if (spillBlock != null) {
                spillBlock.clear();
            }
            return false;
        }
    }

    private void openSpill() throws IOException {
        if (spill != null) {
            return;
        }
        Path file = Files.createTempFile(spillDirectory, "tcplens-rows-", ".tmp");
        try {
            spill = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } finally {
            // Gone from the directory at once (the open channel still reads and writes it): no
            // file is left behind by a run that is killed. Where an open file cannot be deleted,
            // DELETE_ON_CLOSE deletes it at finish.
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left to DELETE_ON_CLOSE
            }
        }
        if (spillBlock == null) {
            spillBlock = ByteBuffer.allocateDirect(CHUNK);
        }
    }

    private void startRun() {
        if (runs > 0 && runStarts[runs - 1] == spillEnd) {
            return;
        }
        if (runs == runStarts.length) {
            runStarts = java.util.Arrays.copyOf(runStarts, 2 * runs);
            runBlocks = java.util.Arrays.copyOf(runBlocks, 2 * runs);
            runBlockStart = java.util.Arrays.copyOf(runBlockStart, 2 * runs);
            runBlockEnd = java.util.Arrays.copyOf(runBlockEnd, 2 * runs);
        }
        runStarts[runs] = spillEnd;
        runBlockStart[runs] = runBlockEnd[runs] = 0;
        runs++;
        spills++;
    }

    /** Writes the block's rows to the file's end, then marks them as waiting there. */
    private int writeBlock(int pending) throws IOException {
        spillBlock.flip();
        writeAt(spillBlock);
        spillBlock.clear();
        long offset = spillEnd;
        for (int k = 0; k < pending; k++) {
            int slot = blockSlots[k];
            int n = length[slot];
            waitingChars -= n;
            release(slot);
            location[slot] = ON_DISK | offset;
            offset += n;
            spilledRows++;
        }
        spillEnd = offset;
        return 0;
    }

    private void writeAt(ByteBuffer bytes) throws IOException {
        if (spillEnd + bytes.remaining() > maxSpillBytes) {
            throw new IOException("more than " + (maxSpillBytes >> 20) + " MiB of rows would wait on disk");
        }
        long at = spillEnd;
        while (bytes.hasRemaining()) {
            at += spill.write(bytes, at);
        }
        spilledBytes += at - spillEnd;
    }

    /** Reads {@code n} bytes the spill file holds at {@code offset}, through its spill's read-ahead block. */
    private void readSpilled(long offset, byte[] bytes, int n) {
        try {
            if (n > READ_BLOCK) {
                readFully(ByteBuffer.wrap(bytes, 0, n), offset);
                return;
            }
            int run = java.util.Arrays.binarySearch(runStarts, 0, runs, offset);
            run = run >= 0 ? run : -run - 2;
            if (offset < runBlockStart[run] || offset + n > runBlockEnd[run]) {
                if (runBlocks[run] == null) {
                    runBlocks[run] = ByteBuffer.allocateDirect(READ_BLOCK);
                }
                long runEnd = run + 1 < runs ? runStarts[run + 1] : spillEnd;
                ByteBuffer block = runBlocks[run].clear();
                block.limit((int) Math.min(READ_BLOCK, runEnd - offset));
                readFully(block, offset);
                runBlockStart[run] = offset;
                runBlockEnd[run] = offset + block.limit();
            }
            runBlocks[run].get((int) (offset - runBlockStart[run]), bytes, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("reading rows back from the spill file at offset " + offset, e);
        }
    }

    private void readFully(ByteBuffer into, long offset) throws IOException {
        long at = offset;
        while (into.hasRemaining()) {
            int n = spill.read(into, at);
            if (n < 0) {
                throw new java.io.EOFException("the spill file ends at " + at + ", before the row's end");
            }
            at += n;
            spillBytesRead += n;
        }
    }

    private void closeSpill() {
        if (spill == null) {
            return;
        }
        try {
            spill.close();
        } catch (IOException e) {
            // deleted already; nothing is lost (every row was printed)
        }
        spill = null;
        spillEnd = 0;
        runs = 0;
        java.util.Arrays.fill(runBlocks, null);
    }
}
