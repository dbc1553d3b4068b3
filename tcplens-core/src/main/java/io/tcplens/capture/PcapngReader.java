package io.tcplens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html): a sequence of
 * blocks, each with its type, total length and a trailing copy of the length. Every section
 * (Section Header Block) sets its own byte order and starts a new list of interfaces.
 */
final class PcapngReader implements CaptureReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int OBSOLETE_PACKET = 0x00000002;
    static final int SIMPLE_PACKET = 0x00000003;
    static final int NAME_RESOLUTION = 0x00000004;
    static final int INTERFACE_STATISTICS = 0x00000005;
    static final int ENHANCED_PACKET = 0x00000006;
    /** pcapng's decryption secrets block, and its secrets type for a TLS key log ("TLSK"). */
    static final int DECRYPTION_SECRETS = 0x0000000A;
    static final int TLS_KEY_LOG = 0x544c534b;
    /**
     * Blocks that carry no packet but that tshark lists as frames of their own, so that they take
     * a frame number (checked with tshark 4.0 on built files): custom blocks (copyable or not),
     * systemd journal export entries and sysdig events. Decryption secrets and unknown blocks
     * take none.
     */
    static final int CUSTOM_COPYABLE = 0x00000BAD;
    static final int CUSTOM_NOT_COPYABLE = 0x40000BAD;
    static final int SYSTEMD_JOURNAL_EXPORT = 0x00000009;
    static final int SYSDIG_EVENT = 0x00000204;

    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;
    private static final int IF_TSRESOL = 9;
    private static final int IF_FILTER = 11;
    private static final int IF_OS = 12;
    private static final int IF_TSOFFSET = 14;
    private static final int ISB_IFRECV = 4;
    private static final int ISB_IFDROP = 5;
    private static final int ISB_OSDROP = 7;
    /** Block header: type and total length; trailer: total length again. */
    private static final int BLOCK_OVERHEAD = 12;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ByteSource source;
    private final String name;
    private final PacketRecord record = new PacketRecord();
    private final RecordOddities oddities = new RecordOddities();
    private java.util.function.Consumer<byte[]> tlsKeyLogListener;
    private final List<CaptureInterface> sectionInterfaces = new ArrayList<>();
    private final List<CaptureInterface> allInterfaces = new ArrayList<>();
    /** Index in allInterfaces of this section's first interface. */
    private int sectionBase;
    private boolean swapped;
    private long blockCount;
    /** Frames as tshark numbers them: packets delivered and the blocks it lists as frames. */
    private long frames;
    /**
     * The times tshark 4.0 gives the frames that carry no packet, which its relative and delta
     * times count: a journal entry's or a sysdig event's own time, and for a custom block (or a
     * journal entry without a readable time) the frame before's (0 for the first). The time of
     * the last such frame, whether one came after the last packet, and the time of frame 1 when
     * it was one of them (tshark's reference for relative times).
     */
    private long nonPacketNanos;
    private boolean nonPacketLast;
    private long firstFrameNanos = Long.MIN_VALUE;
    private int pendingSkip;

    PcapngReader(ByteSource source, String name) throws IOException {
        this.source = source;
        this.name = name;
        long offset = source.offset();
        if (!source.request(BLOCK_OVERHEAD) || source.buffer().getInt(source.position()) != SECTION_HEADER) {
            throw new CaptureFormatException(name, 1, offset, source.withDamage("not a pcapng section header block"));
        }
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            source.skip(pendingSkip);
            pendingSkip = 0;
            long blockOffset = source.offset();
            if (!source.request(8)) {
                if (source.available() == 0) {
                    if (source.damage() != null) {
                        // The input stopped at a record's boundary, but not where the capture ends.
                        throw damage(blockOffset, "the capture stops here");
                    }
                    return false;
                }
                throw damage(blockOffset, "block header cut short: " + source.available()
                        + " of 8 bytes before the end of the file");
            }
            ByteBuffer b = source.buffer();
            int p = source.position();
            int type = b.getInt(p);
            if (type == SECTION_HEADER) {
                readByteOrder(blockOffset);
            }
            int typeInOrder = i32(b, p);
            long totalLength = i32(b, p + 4) & 0xFFFFFFFFL;
            if (totalLength < BLOCK_OVERHEAD || totalLength % 4 != 0) {
                throw damage(blockOffset, "block length " + totalLength
                        + " is not a multiple of 4 of at least " + BLOCK_OVERHEAD);
            }
            if (totalLength > ByteSource.MAX_WINDOW) {
                throw damage(blockOffset, "block length " + totalLength + " is bigger than the maximum of "
                        + ByteSource.MAX_WINDOW + " bytes");
            }
            int length = (int) totalLength;
            if (!source.request(length)) {
                throw damage(blockOffset, "block cut short: " + source.available() + " of " + length
                        + " bytes before the end of the file");
            }
            b = source.buffer();
            p = source.position();
            long trailer = i32(b, p + length - 4) & 0xFFFFFFFFL;
            if (trailer != totalLength) {
                throw damage(blockOffset, "block length " + totalLength + " disagrees with its trailer "
                        + trailer);
            }
            blockCount++;
            pendingSkip = length;
            int body = p + 8;
            int bodyEnd = p + length - 4;
            switch (typeInOrder) {
                case SECTION_HEADER -> readSectionHeader(blockOffset, body, bodyEnd);
                case INTERFACE_DESCRIPTION -> readInterface(blockOffset, body, bodyEnd);
                case INTERFACE_STATISTICS -> readStatistics(blockOffset, body, bodyEnd);
                case NAME_RESOLUTION -> {
                    // Names are not used yet: tcplens prints addresses, as tshark -n does.
                }
                case ENHANCED_PACKET -> {
                    return readPacketBlock(blockOffset, body, bodyEnd, true);
                }
                case OBSOLETE_PACKET -> {
                    return readPacketBlock(blockOffset, body, bodyEnd, false);
                }
                case SIMPLE_PACKET -> {
                    return readSimple(blockOffset, body, bodyEnd);
                }
                case CUSTOM_COPYABLE, CUSTOM_NOT_COPYABLE, SYSTEMD_JOURNAL_EXPORT, SYSDIG_EVENT -> {
                    // No packet, skipped whole as the format allows; but Wireshark lists it as a
                    // frame, so the packets after it keep Wireshark's frame numbers and times.
                    nonPacketFrame(typeInOrder, body, bodyEnd);
                }
                case DECRYPTION_SECRETS -> readSecrets(body, bodyEnd);
                default -> {
                    // Unknown blocks carry no packets: skipped whole.
                }
            }
        }
    }

    /**
     * A decryption secrets block: its type, its length, the secrets. A TLS key log goes to the
     * listener; other types (WireGuard, ZigBee, ...) and a length beyond the block are skipped.
     */
    private void readSecrets(int body, int bodyEnd) {
        ByteBuffer b = source.buffer();
        if (tlsKeyLogListener == null || bodyEnd - body < 8 || i32(b, body) != TLS_KEY_LOG) {
            return;
        }
        long length = i32(b, body + 4) & 0xFFFFFFFFL;
        if (length > bodyEnd - body - 8) {
            return;
        }
        byte[] secrets = new byte[(int) length];
        b.get(body + 8, secrets);
        tlsKeyLogListener.accept(secrets);
    }

    @Override
    public void onTlsKeyLog(java.util.function.Consumer<byte[]> listener) {
        tlsKeyLogListener = listener;
    }

    private void readByteOrder(long blockOffset) throws IOException {
        if (!source.request(12)) {
            throw damage(blockOffset, "section header block cut short");
        }
        int magic = source.buffer().getInt(source.position() + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            swapped = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swapped = true;
        } else {
            throw damage(blockOffset + 8, String.format("bad byte-order magic 0x%08x in section header", magic));
        }
    }

    private void readSectionHeader(long blockOffset, int body, int bodyEnd) throws IOException {
        ByteBuffer b = source.buffer();
        if (bodyEnd - body < 16) {
            throw damage(blockOffset, "section header block shorter than 28 bytes");
        }
        int major = u16(b, body + 4);
        int minor = u16(b, body + 6);
        // Version 1.2 is 1.0 under another number (some writers used it); tshark 4.0 reads
        // those two and refuses the rest ("unknown SHB version 1.1", libpcap's test files).
        if (major != 1 || (minor != 0 && minor != 2)) {
            throw damage(blockOffset + 12, "pcapng version " + major + "." + minor + " is not supported (expected 1.0)");
        }
        checkOptions(blockOffset, body + 16, bodyEnd);
        sectionInterfaces.clear();
        sectionBase = allInterfaces.size();
    }

    private void readInterface(long blockOffset, int body, int bodyEnd) throws IOException {
        ByteBuffer b = source.buffer();
        if (bodyEnd - body < 8) {
            throw damage(blockOffset, "interface description block shorter than 20 bytes");
        }
        CaptureInterface itf = new CaptureInterface(u16(b, body), i32(b, body + 4));
        int at = checkOptions(blockOffset, body + 8, bodyEnd);
        while (at + 4 <= bodyEnd) {
            int code = u16(b, at);
            int len = u16(b, at + 2);
            int value = at + 4;
            if (code == OPT_END) {
                break;
            }
            switch (code) {
                case IF_NAME -> itf.name = text(b, value, len);
                case IF_DESCRIPTION -> itf.description = text(b, value, len);
                case IF_FILTER -> itf.filter = len > 1 ? text(b, value + 1, len - 1) : "";
                case IF_OS -> itf.os = text(b, value, len);
                case IF_TSRESOL -> {
                    if (len >= 1) {
                        int r = b.get(value) & 0xFF;
                        int exponent = r & 0x7F;
                        // High bit set: a negative power of two; clear: a negative power of ten.
                        itf.unitsPerSecond = (r & 0x80) != 0
                                ? (exponent >= 63 ? Long.MAX_VALUE : 1L << exponent)
                                : pow10(exponent);
                    }
                }
                case IF_TSOFFSET -> {
                    if (len >= 8) {
                        itf.secondsOffset = i64(b, value);
                    }
                }
                default -> { }
            }
            at = value + ((len + 3) & ~3);
        }
        sectionInterfaces.add(itf);
        allInterfaces.add(itf);
    }

    private void readStatistics(long blockOffset, int body, int bodyEnd) throws IOException {
        ByteBuffer b = source.buffer();
        if (bodyEnd - body < 12) {
            throw damage(blockOffset, "interface statistics block shorter than 24 bytes");
        }
        int id = i32(b, body);
        checkOptions(blockOffset, body + 12, bodyEnd);
        if (id < 0 || id >= sectionInterfaces.size()) {
            return;
        }
        CaptureInterface itf = sectionInterfaces.get(id);
        int at = body + 12;
        while (at + 4 <= bodyEnd) {
            int code = u16(b, at);
            int len = u16(b, at + 2);
            if (code == OPT_END) {
                break;
            }
            if (len >= 8) {
                switch (code) {
                    case ISB_IFRECV -> itf.received = i64(b, at + 4);
                    case ISB_IFDROP -> itf.interfaceDrops = i64(b, at + 4);
                    case ISB_OSDROP -> itf.osDrops = i64(b, at + 4);
                    default -> { }
                }
            }
            at += 4 + ((len + 3) & ~3);
        }
    }

    /**
     * Enhanced (type 6) and obsolete (type 2) packet blocks share one layout after the
     * interface id: 32-bit in the enhanced block, 16-bit plus a 16-bit drop count in the
     * obsolete one.
     */
    /** Counts a frame without a packet and the time tshark gives it (see {@link #nonPacketNanos}). */
    private void nonPacketFrame(int type, int body, int bodyEnd) {
        long time = nonPacketLast || frames == 0 ? nonPacketNanos : record.epochNanos();
        ByteBuffer b = source.buffer();
        if (type == SYSDIG_EVENT && bodyEnd - body >= 10) {
            // The event's header: CPU id (2 bytes), then its time in nanoseconds.
            time = i64(b, body + 2);
        } else if (type == SYSTEMD_JOURNAL_EXPORT) {
            long realtime = journalRealtimeMicros(b, body, bodyEnd);
            if (realtime >= 0) {
                time = realtime * 1000;
            }
        }
        if (frames == 0) {
            firstFrameNanos = time;
        }
        frames++;
        nonPacketNanos = time;
        nonPacketLast = true;
    }

    private static final byte[] REALTIME = "__REALTIME_TIMESTAMP=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A journal export entry's __REALTIME_TIMESTAMP, in microseconds; -1 without one (or with too many digits). */
    private static long journalRealtimeMicros(ByteBuffer b, int body, int bodyEnd) {
        search:
        for (int i = body; i + REALTIME.length < bodyEnd; i++) {
            for (int k = 0; k < REALTIME.length; k++) {
                if (b.get(i + k) != REALTIME[k]) {
                    continue search;
                }
            }
            long value = 0;
            int digits = 0;
            for (int at = i + REALTIME.length; at < bodyEnd && digits < 18; at++, digits++) {
                int c = b.get(at) - '0';
                if (c < 0 || c > 9) {
                    break;
                }
                value = value * 10 + c;
            }
            return digits > 0 ? value : -1;
        }
        return -1;
    }

    private boolean readPacketBlock(long blockOffset, int body, int bodyEnd, boolean enhanced) throws IOException {
        ByteBuffer b = source.buffer();
        if (bodyEnd - body < 20) {
            throw damage(blockOffset, (enhanced ? "enhanced " : "") + "packet block shorter than 32 bytes");
        }
        int id = enhanced ? i32(b, body) : u16(b, body);
        long tsHigh = i32(b, body + 4) & 0xFFFFFFFFL;
        long tsLow = i32(b, body + 8) & 0xFFFFFFFFL;
        long captured = i32(b, body + 12) & 0xFFFFFFFFL;
        long original = i32(b, body + 16) & 0xFFFFFFFFL;
        int data = body + 20;
        if (captured > bodyEnd - data) {
            throw damage(blockOffset, "captured length " + captured + " runs past the end of its "
                    + (bodyEnd - data) + "-byte block body");
        }
        CaptureInterface itf = interfaceFor(blockOffset, id);
        int optionsAt = data + (((int) captured + 3) & ~3);
        record.comment = optionsAt < bodyEnd ? findComment(blockOffset, optionsAt, bodyEnd) : null;
        deliver(id, itf, (tsHigh << 32) | tsLow, data, (int) captured, original, blockOffset);
        return true;
    }

    private boolean readSimple(long blockOffset, int body, int bodyEnd) throws IOException {
        ByteBuffer b = source.buffer();
        if (bodyEnd - body < 4) {
            throw damage(blockOffset, "simple packet block shorter than 16 bytes");
        }
        CaptureInterface itf = interfaceFor(blockOffset, 0);
        long original = i32(b, body) & 0xFFFFFFFFL;
        int data = body + 4;
        // The captured length is implied: the original length, cut to the snaplen and the block.
        long captured = Math.min(original, bodyEnd - data);
        if (itf.snapLength > 0) {
            captured = Math.min(captured, itf.snapLength);
        }
        record.comment = null;
        // Simple packet blocks carry no timestamp.
        deliver(0, itf, 0, data, (int) captured, original, blockOffset);
        record.epochSeconds = 0;
        record.nanos = 0;
        record.timed = false;
        return true;
    }

    private void deliver(int id, CaptureInterface itf, long units, int data, int captured, long original,
                         long blockOffset) {
        record.buffer = source.buffer();
        record.dataOffset = data;
        record.capturedLength = captured;
        record.originalLength = (int) Math.max(Math.min(original, Integer.MAX_VALUE), captured);
        if (original < captured) {
            oddities.note(RecordOddities.Kind.WIRE_LENGTH_BELOW_CAPTURED, blockCount, blockOffset, original, captured);
        }
        record.linkType = itf.linkType;
        record.interfaceId = sectionBase + id;
        record.recordNumber = blockCount;
        record.frameNumber = ++frames;
        record.timed = true;
        record.precedingFrameNanos = nonPacketLast ? nonPacketNanos : Long.MIN_VALUE;
        record.firstFrameNanos = firstFrameNanos;
        nonPacketLast = false;
        record.fileOffset = blockOffset;
        long perSecond = itf.unitsPerSecond;
        long rest = Long.remainderUnsigned(units, perSecond);
        record.epochSeconds = Long.divideUnsigned(units, perSecond) + itf.secondsOffset;
        if (NANOS_PER_SECOND % perSecond == 0) {
            record.nanos = (int) (rest * (NANOS_PER_SECOND / perSecond));
        } else if (perSecond % NANOS_PER_SECOND == 0) {
            record.nanos = (int) (rest / (perSecond / NANOS_PER_SECOND));
        } else {
            // Power-of-two resolutions: rounding to the nanosecond is the best a nanosecond clock shows.
            record.nanos = (int) Math.min(NANOS_PER_SECOND - 1, (long) ((double) rest * NANOS_PER_SECOND / perSecond));
        }
    }

    private CaptureInterface interfaceFor(long blockOffset, int id) throws CaptureFormatException {
        if (id < 0 || id >= sectionInterfaces.size()) {
            throw damage(blockOffset, "packet names interface " + id + " but the section has "
                    + sectionInterfaces.size() + " interface(s)");
        }
        return sectionInterfaces.get(id);
    }

    /** Walks an option list and throws if an option runs past its block. Returns its start. */
    private int checkOptions(long blockOffset, int at, int end) throws CaptureFormatException {
        ByteBuffer b = source.buffer();
        int start = at;
        while (at + 4 <= end) {
            int code = u16(b, at);
            int len = u16(b, at + 2);
            if (code == OPT_END) {
                break;
            }
            if (at + 4 + len > end) {
                throw damage(blockOffset + (at - source.position()), "option " + code + " of length " + len
                        + " runs past the end of its block (" + (end - at - 4) + " bytes left)");
            }
            at += 4 + ((len + 3) & ~3);
        }
        return start;
    }

    private String findComment(long blockOffset, int at, int end) throws CaptureFormatException {
        checkOptions(blockOffset, at, end);
        ByteBuffer b = source.buffer();
        while (at + 4 <= end) {
            int code = u16(b, at);
            int len = u16(b, at + 2);
            if (code == OPT_END) {
                break;
            }
            if (code == OPT_COMMENT) {
                return text(b, at + 4, len);
            }
            at += 4 + ((len + 3) & ~3);
        }
        return null;
    }

    private CaptureFormatException damage(long offset, String what) {
        String problem = source.withDamage(what);
        source.discardRest();
        return new CaptureFormatException(name, blockCount + 1, offset, problem);
    }

    private static long pow10(int exponent) {
        long v = 1;
        for (int i = 0; i < exponent && v <= Long.MAX_VALUE / 10; i++) {
            v *= 10;
        }
        return v;
    }

    private static String text(ByteBuffer b, int at, int len) {
        byte[] bytes = new byte[len];
        b.get(at, bytes);
        int n = len;
        while (n > 0 && bytes[n - 1] == 0) {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private int i32(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private long i64(ByteBuffer b, int at) {
        long v = b.getLong(at);
        return swapped ? Long.reverseBytes(v) : v;
    }

    private int u16(ByteBuffer b, int at) {
        short v = b.getShort(at);
        return (swapped ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    @Override
    public PacketRecord record() { return record; }

    @Override
    public String format() { return "pcapng"; }

    @Override
    public List<CaptureInterface> interfaces() { return allInterfaces; }

    @Override
    public String name() { return name; }

    @Override
    public RecordOddities oddities() { return oddities; }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
