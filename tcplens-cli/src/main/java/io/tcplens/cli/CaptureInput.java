package io.tcplens.cli;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;

/** Opening {@code -r FILE} for a command: the reader, or a one-line reason on the error stream. */
final class CaptureInput {
    private CaptureInput() { }

    /** The open reader, or null after saying why the file cannot be read (a missing file, not a capture). */
    static CaptureReader open(String file, PrintWriter err) throws IOException {
        try {
            return CaptureFiles.open(file);
        } catch (NoSuchFileException e) {
            err.println("tcplens: " + file + ": no such file");
        } catch (CaptureFormatException e) {
            err.println("tcplens: " + e.getMessage());
        }
        return null;
    }

    /** After the packets: says which records' headers were not taken as written (see {@link io.tcplens.capture.RecordOddities}). */
    static void tellOddities(CaptureReader reader, PrintWriter err) {
        for (String line : reader.oddities().describe(reader.name())) {
            err.println("tcplens: note: " + line);
        }
    }
}
