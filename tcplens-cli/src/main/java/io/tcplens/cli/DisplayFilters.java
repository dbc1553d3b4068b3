package io.tcplens.cli;

import io.tcplens.analysis.StreamVerdicts;
import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.filter.DisplayFilter;
import io.tcplens.filter.FilterException;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.ConversationTable;
import io.tcplens.flow.StreamFinals;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.report.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** What the commands share for {@code -Y}: compiling the filter and the first pass for final values. */
final class DisplayFilters {
    private DisplayFilters() { }

    /**
     * Compiles {@code -Y}'s filter; on error prints Wireshark's message with the caret line and
     * returns null, so the command can stop before reading the capture.
     */
    static DisplayFilter compile(String text, PrintWriter err) {
        try {
            return DisplayFilter.compile(text);
        } catch (FilterException e) {
            // The filter is typed by a user but may be pasted from anywhere: each line is made safe.
            String[] lines = e.render(text, "    ").split("\n", -1);
            err.print("tcplens: ");
            for (String line : lines) {
                err.println(SafeText.of(line));
            }
            return null;
        }
    }

    /**
     * Reads the file once to learn each stream's final values, so that the second pass can
     * print and filter on them for every packet, as tshark's two-pass mode does. Completeness
     * needs only the conversation table; {@code verdicts} (tcplens.handshake, ...) need the
     * whole connection engine and its analysis. Standard input cannot be read twice: then
     * there are no final values, and a note says so.
     */
    static StreamFinals firstPass(String file, boolean vlanAware, boolean verdicts, PrintWriter err) throws IOException {
        if (CaptureFiles.STANDARD_INPUT.equals(file)) {
            err.println("tcplens: standard input is read once: per-stream fields show the values so far, "
                    + "and connection verdicts are not known");
            return null;
        }
        StreamFinals finals = new StreamFinals();
        Consumer<Packet> observer;
        Runnable finish;
        if (verdicts) {
            ConnectionTracker tracker = new ConnectionTracker(ConversationTable.DEFAULT_MAX_CONVERSATIONS, vlanAware,
                    new StreamVerdicts(finals), finals);
            observer = tracker::observe;
            finish = tracker::finishAll;
        } else {
            TcpSequenceNumbering numbering = new TcpSequenceNumbering(
                    new ConversationTable(ConversationTable.DEFAULT_MAX_CONVERSATIONS, vlanAware, finals));
            observer = numbering::observe;
            finish = () -> numbering.table().finishAll();
        }
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                decoder.decode(reader.record(), reader.record().frameNumber(), packet);
                observer.accept(packet);
            }
        } catch (CaptureFormatException e) {
            // The packets before the damage still count; the second pass reports the damage.
        } finally {
            finish.run();
        }
        return finals;
    }
}
