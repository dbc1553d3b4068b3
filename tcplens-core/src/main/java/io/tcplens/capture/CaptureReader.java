package io.tcplens.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A stream of packets from a capture file, a pipe or standard input. */
public interface CaptureReader extends Closeable {

    /**
     * Advances to the next packet. Returns false at the clean end of the input; throws
     * {@link CaptureFormatException} at damage, after every packet before it was delivered.
     */
    boolean next() throws IOException;

    /** The current packet; reused, valid until the next call to {@link #next()}. */
    PacketRecord record();

    /** "pcap", "pcap-ns" or "pcapng". */
    String format();

    /** The capture interfaces seen so far (one for pcap). */
    List<CaptureInterface> interfaces();

    /** Name shown in messages. */
    String name();

    /**
     * The damage that a fault raised while this capture's bytes were read means, or the fault
     * rethrown. A regular file is read through mapped windows: when it shrinks under the reader
     * (truncated, or overwritten in place), its pages past the new end are gone, and reading one
     * raises an {@link InternalError} wherever the bytes are read (in the decoder, say), not in
     * {@link #next()}. A command that catches it reports this damage and goes on to report every
     * packet before it; the packet being read then may have been read wrong. Callable after
     * {@link #close()}.
     */
    CaptureFormatException shrank(InternalError fault);
}
