package io.tcplens.capture;

import java.io.IOException;

/**
 * A broken capture-file structure: names the file, the record (1-based count of records read,
 * packets and pcapng blocks alike) and the byte offset where the damage starts. Thrown only
 * after every packet before the damage was delivered.
 */
public final class CaptureFormatException extends IOException {
    private final String file;
    private final long record;
    private final long offset;
    private final String problem;

    public CaptureFormatException(String file, long record, long offset, String problem) {
        super(file + ": record " + record + " at byte offset " + offset + ": " + problem);
        this.file = file;
        this.record = record;
        this.offset = offset;
        this.problem = problem;
    }

    public String file() { return file; }

    public long record() { return record; }

    public long offset() { return offset; }

    /** What was wrong, without the location. */
    public String problem() { return problem; }
}
