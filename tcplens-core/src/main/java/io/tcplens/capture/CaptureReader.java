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

    /** Records read so far whose header could not be taken as written (counted, not thrown). */
    RecordOddities oddities();

    /**
     * Hands each TLS key log the capture carries (pcapng's decryption secrets blocks, as Wireshark
     * uses them) to {@code listener}, as the reading meets it; a format without them has none.
     */
    default void onTlsKeyLog(java.util.function.Consumer<byte[]> listener) {
    }
}
