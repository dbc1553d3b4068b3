package io.tcplens.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The command line's standard output: a buffered UTF-8 {@code PrintWriter} that also takes text
 * already encoded as UTF-8 bytes ({@link ByteRow}s, and the rows {@link StreamOrder} kept waiting
 * as bytes) and writes them to the same stream without turning them into characters and back.
 * Characters and bytes come out in the order they were written: switching from one to the other
 * first empties the other's buffer.
 */
public final class Utf8Output extends PrintWriter {
    private static final int BUFFER = 1 << 16;
    private final OutputStream stream;
    private final byte[] pending = new byte[BUFFER];
    private int pendingLength;
    /** Characters were written since the last flush of the character side. */
    private boolean charactersPending;

    public Utf8Output(OutputStream stream) {
        super(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER));
        this.stream = stream;
    }

    /** Writes UTF-8 text given as bytes. */
    public void writeUtf8(byte[] bytes, int from, int n) {
        synchronized (lock) {
            charactersFirst();
            if (n > BUFFER - pendingLength) {
                drainBytes();
                if (n > BUFFER) {
                    writeStream(bytes, from, n);
                    return;
                }
            }
            System.arraycopy(bytes, from, pending, pendingLength, n);
            pendingLength += n;
        }
    }

    /** Writes UTF-8 text given as {@code n} bytes of {@code source} from {@code from} (its position unchanged). */
    public void writeUtf8(ByteBuffer source, int from, int n) {
        synchronized (lock) {
            charactersFirst();
            while (n > 0) {
                if (pendingLength == BUFFER) {
                    drainBytes();
                }
                int part = Math.min(n, BUFFER - pendingLength);
                source.get(from, pending, pendingLength, part);
                pendingLength += part;
                from += part;
                n -= part;
            }
        }
    }

    @Override
    public void write(int c) {
        synchronized (lock) {
            bytesFirst();
            super.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        synchronized (lock) {
            bytesFirst();
            super.write(buf, off, len);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        synchronized (lock) {
            bytesFirst();
            super.write(s, off, len);
        }
    }

    /** PrintWriter ends a line on its inner writer, not through {@link #write}: the bytes go first here too. */
    @Override
    public void println() {
        synchronized (lock) {
            bytesFirst();
            super.println();
        }
    }

    @Override
    public void flush() {
        synchronized (lock) {
            drainBytes();
            super.flush();
            charactersPending = false;
        }
    }

    @Override
    public void close() {
        flush();
        super.close();
    }

    /** Before bytes: the characters written earlier go out first. */
    private void charactersFirst() {
        if (charactersPending) {
            super.flush();
            charactersPending = false;
        }
    }

    /** Before characters: the bytes written earlier go out first. */
    private void bytesFirst() {
        drainBytes();
        charactersPending = true;
    }

    private void drainBytes() {
        if (pendingLength > 0) {
            writeStream(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    /** Like PrintWriter, never throws: an error is remembered for {@link #checkError()}. */
    private void writeStream(byte[] bytes, int from, int n) {
        try {
            stream.write(bytes, from, n);
        } catch (IOException e) {
            setError();
        }
    }
}
