package io.tcplens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The classic libpcap format (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html):
 * a 24-byte file header, then 16-byte record headers, in either byte order, with microsecond
 * or nanosecond timestamps.
 */
final class PcapReader implements CaptureReader {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    /**
     * The largest packet accepted whatever the snaplen says, as in Wireshark
     * (WTAP_MAX_PACKET_SIZE_STANDARD); a larger length field is damage, not a packet.
     */
    static final int MAX_PACKET_LENGTH = 262_144;

    private static final int OFF_VERSION_MAJOR = 4;
    private static final int OFF_VERSION_MINOR = 6;
    private static final int OFF_SNAPLEN = 16;
    private static final int OFF_LINKTYPE = 20;

    private final ByteSource source;
    private final String name;
    private final boolean swapped;
    private final boolean nanosecond;
    /**
     * How the record header's two lengths are ordered: files before version 2.3 (and DG/UX's
     * 543.0) store the original length first; some 2.3 writers did, some did not, so there a
     * captured length above the original one means the older order (as wiretap reads them).
     */
    private final LengthOrder lengthOrder;
    private final CaptureInterface captureInterface;
    private final PacketRecord record = new PacketRecord();
    private final RecordOddities oddities = new RecordOddities();
    private long recordCount;
    private int pendingSkip;

    PcapReader(ByteSource source, String name) throws IOException {
        this.source = source;
        this.name = name;
        if (!source.request(FILE_HEADER_LENGTH)) {
            throw new CaptureFormatException(name, 0, 0, source.withDamage("file header cut short: "
                    + source.available() + " of " + FILE_HEADER_LENGTH + " bytes"));
        }
        ByteBuffer b = source.buffer();
        int p = source.position();
        int magic = b.getInt(p);
        swapped = magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
        nanosecond = magic == MAGIC_NANOS || magic == Integer.reverseBytes(MAGIC_NANOS);
        int major = u16(b, p + OFF_VERSION_MAJOR);
        int minor = u16(b, p + OFF_VERSION_MINOR);
        if (major < 2) {
            // tshark 4.0 refuses these too ("major version unsupported"); 2.x and later it reads.
            throw new CaptureFormatException(name, 0, OFF_VERSION_MAJOR,
                    "pcap version " + major + "." + minor + " is not supported (expected 2.0 or later)");
        }
        lengthOrder = major == 543 || (major == 2 && minor < 3) ? LengthOrder.ORIGINAL_FIRST
                : major == 2 && minor == 3 ? LengthOrder.EITHER : LengthOrder.CAPTURED_FIRST;
        int snaplen = i32(b, p + OFF_SNAPLEN);
        // The upper 16 bits may carry FCS information (draft-ietf-opsawg-pcap, LinkType and
        // additional information); the link type is the low 16 bits.
        int linkType = i32(b, p + OFF_LINKTYPE) & 0xFFFF;
        captureInterface = new CaptureInterface(linkType, snaplen);
        captureInterface.unitsPerSecond = nanosecond ? 1_000_000_000L : 1_000_000L;
        source.skip(FILE_HEADER_LENGTH);
        record.linkType = linkType;
    }

    @Override
    public boolean next() throws IOException {
        source.skip(pendingSkip);
        pendingSkip = 0;
        long headerOffset = source.offset();
        if (!source.request(RECORD_HEADER_LENGTH)) {
            if (source.available() == 0) {
                if (source.damage() != null) {
                    // The input stopped at a record's boundary, but not where the capture ends.
                    throw damage(headerOffset, "the capture stops here");
                }
                return false;
            }
            throw damage(headerOffset, "record header cut short: " + source.available() + " of "
                    + RECORD_HEADER_LENGTH + " bytes before the end of the file");
        }
        ByteBuffer b = source.buffer();
        int p = source.position();
        long seconds = i32(b, p) & 0xFFFFFFFFL;
        long fraction = i32(b, p + 4) & 0xFFFFFFFFL;
        long capturedLength = i32(b, p + 8) & 0xFFFFFFFFL;
        long originalLength = i32(b, p + 12) & 0xFFFFFFFFL;
        if (lengthOrder != LengthOrder.CAPTURED_FIRST
                && (lengthOrder == LengthOrder.ORIGINAL_FIRST || capturedLength > originalLength)) {
            long first = capturedLength;
            capturedLength = originalLength;
            originalLength = first;
        }
        if (capturedLength > MAX_PACKET_LENGTH) {
            throw damage(headerOffset, "captured length " + capturedLength
                    + " is bigger than the maximum of " + MAX_PACKET_LENGTH + " bytes");
        }
        int length = (int) capturedLength;
        if (!source.request(RECORD_HEADER_LENGTH + length)) {
            throw damage(headerOffset, "packet cut short: " + (source.available() - RECORD_HEADER_LENGTH)
                    + " of " + length + " bytes before the end of the file");
        }
        recordCount++;
        record.buffer = source.buffer();
        record.dataOffset = source.position() + RECORD_HEADER_LENGTH;
        record.capturedLength = length;
        // A record claiming fewer bytes on the wire than captured is corrected as Wireshark does.
        record.originalLength = (int) Math.max(Math.min(originalLength, Integer.MAX_VALUE), length);
        if (originalLength < length) {
            oddities.note(RecordOddities.Kind.WIRE_LENGTH_BELOW_CAPTURED, recordCount, headerOffset, originalLength, length);
        }
        if (fraction >= captureInterface.unitsPerSecond) {
            oddities.note(RecordOddities.Kind.FRACTION_OF_SECOND_TOO_BIG, recordCount, headerOffset, fraction,
                    captureInterface.unitsPerSecond);
        }
        if (nanosecond) {
            record.epochSeconds = seconds + fraction / 1_000_000_000L;
            record.nanos = (int) (fraction % 1_000_000_000L);
        } else {
            record.epochSeconds = seconds + fraction / 1_000_000L;
            record.nanos = (int) (fraction % 1_000_000L) * 1000;
        }
        record.recordNumber = recordCount;
        record.frameNumber = recordCount;
        record.fileOffset = headerOffset;
        pendingSkip = RECORD_HEADER_LENGTH + length;
        return true;
    }

    private CaptureFormatException damage(long offset, String what) {
        String problem = source.withDamage(what);
        source.discardRest();
        return new CaptureFormatException(name, recordCount + 1, offset, problem);
    }

    private int i32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private int u16(ByteBuffer b, int at) {
        short v = b.getShort(at);
        return (swapped ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    @Override
    public PacketRecord record() { return record; }

    @Override
    public String format() { return nanosecond ? "pcap-ns" : "pcap"; }

    @Override
    public List<CaptureInterface> interfaces() { return List.of(captureInterface); }

    @Override
    public String name() { return name; }

    @Override
    public RecordOddities oddities() { return oddities; }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** The order of a record header's captured and original lengths (see {@link #lengthOrder}). */
    private enum LengthOrder { CAPTURED_FIRST, ORIGINAL_FIRST, EITHER }
}
