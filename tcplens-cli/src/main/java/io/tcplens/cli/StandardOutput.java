package io.tcplens.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The command line's standard output as a stream whose failed writes stop the command. Java's
 * {@code System.out} and every {@code PrintWriter} swallow write errors (they only set a flag), so
 * {@code tcplens packets -r big.pcap | head} read the whole capture after {@code head} had gone,
 * and a full disk lost the rest of the output without a word. Here a failed write throws
 * {@link Failure}, unchecked, which passes through the writers and the engine's callbacks up to
 * {@link Main#run}: a reader that went away ends the command with the status of a Unix tool killed
 * by SIGPIPE, as tshark's and tcpdump's are; any other failure is said, with its own status. After
 * the first failure, writes are dropped without a word: the cleanup on the way out (stopping a
 * capture helper, finishing a capture file) still writes its last lines, and must run to its end.
 */
final class StandardOutput extends OutputStream {
    private final OutputStream out;
    private Failure failed;

    StandardOutput(OutputStream out) {
        this.out = out;
    }

    /** The process's standard output, unbuffered (the writer on top buffers). */
    static StandardOutput ofProcess() {
        return new StandardOutput(new FileOutputStream(FileDescriptor.out));
    }

    @Override
    public void write(int b) {
        if (failed != null) {
            return;
        }
        try {
            out.write(b);
        } catch (IOException e) {
            failed = new Failure(e);
            throw failed;
        }
    }

    @Override
    public void write(byte[] bytes, int from, int n) {
        if (failed != null) {
            return;
        }
        try {
            out.write(bytes, from, n);
        } catch (IOException e) {
            failed = new Failure(e);
            throw failed;
        }
    }

    @Override
    public void flush() {
        if (failed != null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failed = new Failure(e);
            throw failed;
        }
    }

    /** Writing the command's output failed. */
    static final class Failure extends UncheckedIOException {
        Failure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        /**
         * The reader closed its end (EPIPE: {@code | head}, a pager quit). The JVM ignores SIGPIPE,
         * so the write fails with this message instead of the process being killed.
         */
        boolean readerGone() {
            String message = getCause().getMessage();
            return message != null && message.contains("Broken pipe");
        }
    }
}
