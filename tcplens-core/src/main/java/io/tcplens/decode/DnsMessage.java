package io.tcplens.decode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A DNS message carried by UDP (RFC 1035, section 4), read as Wireshark 4.0 reads it
 * (packet-dns.c): on UDP port 53 as DNS, 5353 as multicast DNS (RFC 6762) and 5355 as LLMNR
 * (RFC 4795), which share the message format, and on other ports when Wireshark's heuristic
 * takes the datagram for DNS. Names are expanded through compression pointers
 * with Wireshark's limits (255 characters, 255 pointers, then "&lt;Name contains a pointer that
 * loops&gt;"), so no input can loop or grow without bound.
 *
 * <p>Reading stops where Wireshark's would throw: at a byte past the captured data ({@link
 * Stop#CUT}, "[Packet size limited during capture]") or past the datagram ({@link
 * Stop#MALFORMED}, "[Malformed Packet]"); what was read before stays, as Wireshark's columns keep
 * what was written before the exception.
 */
public final class DnsMessage {
    /** Why reading stopped before the message's end, as Wireshark's exceptions say it. */
    public enum Stop { NONE, CUT, MALFORMED }

    static final int HEADER = 12;
    /** Wireshark's MAX_DNAME_LEN: a longer name reads "&lt;Name too long&gt;", more pointers a loop. */
    private static final int MAX_NAME = 255;
    /** RFC 6762, sections 5.4 and 10.2: the top bit of an mDNS class is QU in a question, cache-flush in a record. */
    private static final int MDNS_CLASS_BIT = 0x8000;

    public static final int TYPE_A = 1;
    public static final int TYPE_NS = 2;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_PTR = 12;
    public static final int TYPE_MX = 15;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
    public static final int TYPE_OPT = 41;
    public static final int TYPE_NSEC = 47;
    public static final int TYPE_NSEC3 = 50;

    /** A question (RFC 1035, section 4.1.2). For mDNS {@code unicastResponse} is the QU bit, taken out of the class. */
    public record Question(String name, int type, int dnsClass, boolean unicastResponse) { }

    /**
     * A resource record (section 4.1.3) of any of the three sections (answers, authority,
     * additional, in message order). {@code info}: what Wireshark's Info column shows of its data after the type ("" for
     * nothing); {@code dataRead}: false when reading its data stopped (the message was cut or
     * malformed there). {@code target}: the name its data holds (NS, CNAME, PTR, MX, SRV, SOA's
     * primary server, NSEC's next name), else null; {@code dataAt}: the data's offset in {@link
     * #buffer()}; {@code bitmapTypes}: the types an NSEC record's bit map lists (RFC 4034,
     * section 4.1.2; RFC 5155's NSEC3 records too). {@code whole}: the record's bytes were all
     * captured; Wireshark shows the fields of no other record (its subtree would overrun the
     * captured data), only its type in the Info column.
     */
    public record Resource(String name, int type, int dnsClass, boolean cacheFlush, long ttl,
                           int dataLength, int dataAt, int preference, String target, String info, boolean dataRead,
                           int[] bitmapTypes, boolean whole) { }

    /** DNS, MDNS or LLMNR. */
    private final UdpApplication.Protocol kind;
    private final ByteBuffer buffer;
    private final int start;
    private final int capturedEnd;
    private final int reportedEnd;
    private int id = -1;
    private int flags = -1;
    private final int[] counts = {-1, -1, -1, -1};
    private final List<Question> questions = new ArrayList<>();
    private final List<Resource> resources = new ArrayList<>();
    private Stop stop = Stop.NONE;

    /** Thrown where Wireshark's tvb accessors throw; carries no stack. */
    private static final class Past extends RuntimeException {
        final Stop why;

        Past(Stop why) {
            super(null, null, false, false);
            this.why = why;
        }
    }

    private static final Past CUT = new Past(Stop.CUT);
    private static final Past MALFORMED = new Past(Stop.MALFORMED);

    private DnsMessage(UdpApplication.Protocol kind, ByteBuffer buffer, int start, int capturedEnd, int reportedEnd) {
        this.kind = kind;
        this.buffer = buffer;
        this.start = start;
        this.capturedEnd = capturedEnd;
        this.reportedEnd = reportedEnd;
    }

    /**
     * Reads the DNS message of the packet's own UDP datagram (not one an ICMP error quotes), or
     * returns null when the datagram is on no DNS port or carries another layer (a tunnel).
     */
    public static DnsMessage of(Packet p) {
        UdpApplication.Payload d = UdpApplication.Payload.of(p);
        if (d == null) {
            return null;
        }
        UdpApplication.Protocol kind = d.protocol();
        if (kind == null && looksLikeDns(d.buffer(), d.start(), d.captured(), d.reported())) {
            kind = UdpApplication.Protocol.DNS;
        }
        if (kind == null || !kind.dnsFormat()) {
            return null;
        }
        DnsMessage m = new DnsMessage(kind, d.buffer(), d.start(), d.captured(), d.reported());
        m.read();
        return m;
    }

    /**
     * Reads a DNS message that came over TCP (RFC 1035, section 4.2.2: after its two-byte length),
     * put together from its segments: {@code length} bytes of {@code message}.
     */
    public static DnsMessage ofStream(byte[] message, int length) {
        DnsMessage m = new DnsMessage(UdpApplication.Protocol.DNS, ByteBuffer.wrap(message, 0, length), 0, length, length);
        m.read();
        return m;
    }

    /**
     * Wireshark's heuristic for DNS on other UDP ports, on by default (packet-dns.c,
     * dissect_dns_heur; tried when no port's protocol took the datagram): more than a header, a
     * standard query or response; a query asks one question and answers none; a response has
     * at most one question, 100 answers and 10 authority records; at most 10 additional records.
     */
    private static boolean looksLikeDns(ByteBuffer b, int start, int captured, int reported) {
        if (reported - start <= HEADER || start + HEADER > captured) {
            return false;
        }
        int flags = b.getShort(start + 2) & 0xFFFF;
        int questions = b.getShort(start + 4) & 0xFFFF;
        int answers = b.getShort(start + 6) & 0xFFFF;
        int authority = b.getShort(start + 8) & 0xFFFF;
        int additional = b.getShort(start + 10) & 0xFFFF;
        if ((flags & 0x7800) != 0 || additional > 10) {
            return false;
        }
        return (flags & 0x8000) == 0 ? questions == 1 && answers == 0 && authority == 0
                : questions <= 1 && answers <= 100 && authority <= 10;
    }

    private void read() {
        try {
            id = u16(0);
            flags = u16(2);
            for (int i = 0; i < 4; i++) {
                counts[i] = u16(4 + 2 * i);
            }
            int at = HEADER;
            // A DSO message (RFC 8490: opcode 6, every count 0) carries TLVs instead of records;
            // Wireshark names none of them in its columns, so nothing more is read of it.
            for (int i = 0; i < counts[0]; i++) {
                at = question(at);
            }
            for (int section = 1; section <= 3; section++) {
                for (int i = 0; i < counts[section]; i++) {
                    at = resource(at);
                }
            }
        } catch (Past p) {
            stop = p.why;
        }
    }

    private int question(int at) {
        NameRead n = name(at);
        int type = u16(at + n.length);
        int dnsClass = u16(at + n.length + 2);
        boolean qu = kind == UdpApplication.Protocol.MDNS && (dnsClass & MDNS_CLASS_BIT) != 0;
        questions.add(new Question(n.text, type, kind == UdpApplication.Protocol.MDNS ? dnsClass & ~MDNS_CLASS_BIT : dnsClass, qu));
        return at + n.length + 4;
    }

    /**
     * One record. It is listed, with what its data showed so far, even when reading its data
     * stops: Wireshark has then written its type (and perhaps more) in the Info column.
     */
    private int resource(int at) {
        NameRead owner = name(at);
        int type = u16(at + owner.length);
        int dnsClass = u16(at + owner.length + 2);
        boolean flush = kind == UdpApplication.Protocol.MDNS && (dnsClass & MDNS_CLASS_BIT) != 0;
        if (kind == UdpApplication.Protocol.MDNS) {
            dnsClass &= ~MDNS_CLASS_BIT;
        }
        int ttlAt = at + owner.length + 4;
        int dataLength = u16(ttlAt + 4);
        int data = ttlAt + 6;
        long ttl = has(ttlAt, 4) ? buffer.getInt(start + ttlAt) & 0xFFFFFFFFL : -1;
        Data d = new Data();
        Past stopped = null;
        if (dataLength > 0) {
            try {
                data(type, data, dataLength, owner.text, d);
            } catch (Past p) {
                stopped = p;
            }
        }
        resources.add(new Resource(owner.text, type, dnsClass, flush, ttl, dataLength, start + data,
                d.preference, d.target, d.info, stopped == null, d.bitmapTypes, has(data, dataLength)));
        if (stopped != null) {
            throw stopped;
        }
        return data + dataLength;
    }

    /** What a record's data shows, filled in by {@link #data}. */
    private static final class Data {
        String info = "";
        String target;
        int preference = -1;
        int[] bitmapTypes = NO_TYPES;
    }

    private static final int[] NO_TYPES = new int[0];
    /** Types kept of one bit map at most (a bit map can name 65,536; real ones name a handful). */
    private static final int MAX_BITMAP_TYPES = 1024;

    /** Reads a record's data where Wireshark's Info column names it (packet-dns.c, dissect_dns_answer). */
    private void data(int type, int at, int length, String owner, Data d) {
        switch (type) {
            case TYPE_A, 11 -> d.info = " " + ipv4(at); // A; WKS starts with an address too
            case TYPE_NS, TYPE_CNAME, TYPE_SOA, TYPE_PTR, 30, 39 -> {
                // NS, CNAME, SOA (its primary server), PTR, NXT, DNAME
                d.target = name(at).text;
                d.info = " " + d.target;
            }
            case TYPE_NSEC -> {
                NameRead next = name(at);
                d.target = next.text;
                d.info = " " + d.target;
                d.bitmapTypes = typeBitmap(at + next.length, length - next.length);
            }
            case TYPE_NSEC3 -> {
                // RFC 5155, section 3.2: algorithm, flags, iterations, salt, next hashed owner, then the bit map
                int salt = u8(at + 4);
                int hash = u8(at + 5 + salt);
                int used = 6 + salt + hash;
                need(at, used);
                d.bitmapTypes = typeBitmap(at + used, length - used);
            }
            case TYPE_MX, 36 -> {
                // MX and KX: a preference, then a name
                d.preference = u16(at);
                d.target = name(at + 2).text;
                d.info = " " + d.preference + " " + d.target;
            }
            case TYPE_AAAA -> {
                need(at, 16);
                d.info = " " + AddressText.ipv6(new StringBuilder(39), buffer, start + at);
            }
            case TYPE_SRV -> {
                // SRV (RFC 2782): priority, weight, port, target
                int priority = u16(at);
                int weight = u16(at + 2);
                int port = u16(at + 4);
                d.target = name(at + 6).text;
                d.info = " " + priority + " " + weight + " " + port + " " + d.target;
            }
            case 13 -> {
                // HINFO: two character-strings, shown as they are
                String cpu = characterString(at);
                String os = characterString(at + 1 + u8(at));
                d.info = " " + cpu + " " + os;
            }
            case 35 -> {
                // NAPTR (RFC 3403): order, preference, flags
                int order = u16(at);
                int preference = u16(at + 2);
                d.info = " " + order + " " + preference + " " + characterString(at + 4);
            }
            // Wireshark shows the record's own name for these types.
            case 3, 4, 7, 8, 9, 10, 14, 17, 18, 19, 20, 21, 22, 23, 26, 27, 42, 49, 51, 52, 55 -> d.info = " " + owner;
            default -> { }
        }
    }

    /**
     * The types an NSEC type bit map lists (RFC 4034, section 4.1.2): windows of a block number,
     * a length and that many bytes of bits. Read as Wireshark's dissect_type_bitmap reads it, to
     * the record's end; a window that overruns it reads on until the message ends.
     */
    private int[] typeBitmap(int at, int length) {
        int[] types = new int[16];
        int n = 0;
        int left = length;
        while (left != 0) {
            int block = u8(at);
            int size = u8(at + 1);
            at += 2;
            left -= 2;
            for (int i = 0; i < size; i++, at++, left--) {
                int bits = u8(at);
                for (int bit = 0; bit < 8; bit++) {
                    if ((bits & (0x80 >> bit)) != 0 && n < MAX_BITMAP_TYPES) {
                        if (n == types.length) {
                            types = java.util.Arrays.copyOf(types, n * 2);
                        }
                        types[n++] = block * 256 + i * 8 + bit;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(types, n);
    }

    /** A character-string (RFC 1035, section 3.3), shown as a name is. */
    private String characterString(int at) {
        int length = u8(at);
        need(at + 1, length);
        byte[] bytes = new byte[length];
        buffer.get(start + at + 1, bytes);
        return displayText(bytes, length);
    }

    private String ipv4(int at) {
        need(at, 4);
        return AddressText.ipv4(new StringBuilder(15), buffer.getInt(start + at)).toString();
    }

    /**
     * A name as shown, the bytes it takes where it starts (a pointer ends it), and its labels'
     * bytes joined by dots as they are (NetBIOS names are decoded from these).
     */
    private record NameRead(String text, int length, byte[] raw) {
        NameRead(String text, int length) {
            this(text, length, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Expands the name at {@code at} (RFC 1035, section 4.1.4) as Wireshark's expand_dns_name and
     * get_dns_name do, with their texts for the root, loops, over-long names and unknown extended
     * labels, and their exceptions for a reserved label type (10) and a truncated name.
     */
    private NameRead name(int at) {
        byte[] text = new byte[MAX_NAME];
        int filled = 0;
        int offset = at;
        int length = -1;
        int pointers = 0;
        int room = MAX_NAME;
        boolean first = true;
        for (;;) {
            if (room <= 0 && length >= 0) {
                // Past a pointer, with the name's room used up: what follows changes neither the
                // text ("<Name too long>") nor where the name ends, and a chain of pointers to long
                // labels would otherwise cost 256 x 64 reads a name.
                break;
            }
            int label = u8(offset++);
            if (label == 0) {
                break;
            }
            switch (label & 0xC0) {
                case 0x00 -> {
                    if (!first) {
                        if (room > 0) {
                            text[filled++] = '.';
                            room--;
                        }
                    } else {
                        room--;
                    }
                    first = false;
                    for (int i = 0; i < label; i++) {
                        int c = u8(offset++);
                        if (room > 0) {
                            text[filled++] = (byte) c;
                            room--;
                        }
                    }
                }
                case 0x40 -> {
                    if ((label & 0x3F) != 1) {
                        return checked("<Unknown extended label>", offset - at);
                    }
                    // RFC 2673's bit-string label: "\[x<hex>/<bits>]"
                    int bits = u8(offset++);
                    StringBuilder s = new StringBuilder("\\[x");
                    for (int i = 0; i < (bits - 1) / 8 + 1; i++) {
                        s.append(String.format(java.util.Locale.ROOT, "%02x", u8(offset++)));
                    }
                    s.append('/').append(bits).append(']');
                    first = false;
                    for (int i = 0; i < s.length() && room > 0; i++, room--) {
                        text[filled++] = (byte) s.charAt(i);
                    }
                }
                case 0x80 -> throw MALFORMED;
                default -> {
                    int target = ((label & 0x3F) << 8) | u8(offset++);
                    pointers++;
                    if (length < 0) {
                        length = offset - at;
                    }
                    // Wireshark's test for a pointer to itself compares with the offset 2 bytes on.
                    if (target == offset + 2 || pointers > MAX_NAME) {
                        return checked("<Name contains a pointer that loops>", length);
                    }
                    offset = target;
                }
            }
        }
        if (length < 0) {
            length = offset - at;
        }
        if (filled == 0 && length <= 2) {
            return new NameRead("<Root>", length);
        }
        if (room <= 0) {
            return checked("<Name too long>", length);
        }
        if (length < 2 || filled == 0) {
            throw MALFORMED;
        }
        return new NameRead(displayText(text, filled), length, java.util.Arrays.copyOf(text, filled));
    }

    /** Wireshark's get_dns_name: a name that took fewer than 2 bytes, or an empty one of more, is malformed. */
    private static NameRead checked(String name, int length) {
        if (length < 2 || name.isEmpty()) {
            throw MALFORMED;
        }
        return new NameRead(name, length);
    }

    /**
     * A name's bytes as Wireshark's format_text shows them (epan/strutil.c): printable ASCII as
     * it is, other ASCII as C escapes (\\n, \\t, ... or three octal digits), the rest read as
     * UTF-8, a sequence that is not valid UTF-8 as U+FFFD, an unprintable character as \\uXXXX.
     * So no byte of a name reaches a terminal as a control character.
     */
    public static String displayText(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int c = bytes[i++] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
            } else if (c < 0x80) {
                out.append('\\');
                switch (c) {
                    case 0x07 -> out.append('a');
                    case 0x08 -> out.append('b');
                    case 0x0C -> out.append('f');
                    case 0x0A -> out.append('n');
                    case 0x0D -> out.append('r');
                    case 0x09 -> out.append('t');
                    case 0x0B -> out.append('v');
                    default -> out.append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                            .append((char) ('0' + (c & 7)));
                }
            } else {
                int more = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3
                        : (c & 0xFC) == 0xF8 ? 4 : (c & 0xFE) == 0xFC ? 5 : -1;
                int code = more < 0 ? -1 : c & (0x3F >> more);
                for (int k = 0; k < more && code >= 0; k++) {
                    if (i >= length || (bytes[i] & 0xC0) != 0x80) {
                        code = -1;
                    } else {
                        code = (code << 6) | (bytes[i++] & 0x3F);
                    }
                }
                if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
                    code = 0xFFFD;
                }
                int type = Character.getType(code);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                        || type == Character.SURROGATE) {
                    out.append(String.format(java.util.Locale.ROOT, code > 0xFFFF ? "\\U%08x" : "\\u%04x", code));
                } else {
                    out.appendCodePoint(code);
                }
            }
        }
        return out.toString();
    }

    private boolean has(int at, int size) {
        return start + at + size <= capturedEnd;
    }

    private void need(int at, int size) {
        if (at < 0 || start + at + size > capturedEnd) {
            throw start + at + size > reportedEnd ? MALFORMED : CUT;
        }
    }

    private int u8(int at) {
        need(at, 1);
        return buffer.get(start + at) & 0xFF;
    }

    private int u16(int at) {
        need(at, 2);
        return buffer.getShort(start + at) & 0xFFFF;
    }

    /** DNS, MDNS or LLMNR (NBNS while a NetBIOS name service message is read). */
    public UdpApplication.Protocol kind() { return kind; }

    /** The buffer and offset of the message's first byte (the transaction id). */
    public ByteBuffer buffer() { return buffer; }

    public int start() { return start; }

    /** Bytes of the message as its datagram reports them. */
    public int length() { return reportedEnd - start; }

    /** The transaction id, or -1 when not captured. */
    public int id() { return id; }

    /** The flags word, or -1 when not captured. */
    public int flags() { return flags; }

    public boolean response() { return flags >= 0 && (flags & 0x8000) != 0; }

    public int opcode() { return flags < 0 ? -1 : (flags >> 11) & 0xF; }

    public int rcode() { return flags < 0 ? -1 : flags & 0xF; }

    /** The count of section 0 (questions) to 3 (additional records), or -1 when not captured. */
    public int count(int section) { return counts[section]; }

    public List<Question> questions() { return questions; }

    public List<Resource> resources() { return resources; }

    public Stop stop() { return stop; }

    /**
     * The NetBIOS name service's summary (RFC 1002, section 4.2; packet-nbt.c, dissect_nbns):
     * its messages have DNS's layout with first-level encoded names. The opcode, "response", a
     * response's error; a request's questions ("NB NAME&lt;20&gt;"), a response's answers (an NB
     * record's first address). The authority and additional sections are read (a record that
     * overruns the message marks it malformed) but not shown.
     */
    static UdpApplication nbns(ByteBuffer b, int start, int capturedEnd, int reportedEnd) {
        DnsMessage m = new DnsMessage(UdpApplication.Protocol.NBNS, b, start, capturedEnd, reportedEnd);
        StringBuilder info = new StringBuilder(48);
        try {
            m.u16(0);
            int flags = m.u16(2);
            boolean response = (flags & 0x8000) != 0;
            int opcode = (flags >> 11) & 0xF;
            info.append(switch (opcode) {
                case 0 -> "Name query";
                case 5 -> "Registration";
                case 6 -> "Release";
                case 7 -> "Wait for acknowledgment";
                case 8 -> "Refresh";
                case 9 -> "Refresh (alternate opcode)";
                case 15 -> "Multi-homed registration";
                default -> "Unknown operation (" + opcode + ")";
            }).append(response ? " response" : "");
            if (response && opcode != 7 && (flags & 0xF) != 0) {
                info.append(", ").append(switch (flags & 0xF) {
                    case 1 -> "Request was invalidly formatted";
                    case 2 -> "Server failure";
                    case 3 -> "Requested name does not exist";
                    case 4 -> "Request is not implemented";
                    case 5 -> "Request was refused";
                    case 6 -> "Name is owned by another node";
                    case 7 -> "Name is in conflict";
                    default -> "Unknown error";
                });
            }
            int questions = m.u16(4);
            int answers = m.u16(6);
            m.counts[2] = m.u16(8);
            m.counts[3] = m.u16(10);
            int at = HEADER;
            for (int i = 0; i < questions; i++) {
                NameRead n = m.name(at);
                int type = m.u16(at + n.length);
                m.u16(at + n.length + 2);
                if (!response) {
                    info.append(' ').append(nbType(type)).append(' ').append(netbiosName(n));
                }
                at += n.length + 4;
            }
            int records = answers + m.count(2) + m.count(3);
            for (int i = 0; i < records; i++) {
                NameRead n = m.name(at);
                int type = m.u16(at + n.length);
                m.u16(at + n.length + 2);
                int data = at + n.length + 10;
                int dataLength = m.u16(data - 2);
                m.need(at + n.length + 4, 4);
                if (response && i < answers) {
                    if (type == 0x20) {
                        if (opcode != 7) {
                            info.append(" NB ").append(m.ipv4(data + 2));
                        }
                    } else {
                        info.append(' ').append(nbType(type));
                    }
                }
                at = data + dataLength;
            }
        } catch (Past p) {
            info.append(p.why == Stop.CUT ? "[Packet size limited during capture]" : "[Malformed Packet]");
        }
        return new UdpApplication(UdpApplication.Protocol.NBNS, "NBNS", info.toString());
    }

    private static String nbType(int type) {
        return type == 0x20 ? "NB" : type == 0x21 ? "NBSTAT" : "Unknown";
    }

    /**
     * A NetBIOS name from its first-level encoding (RFC 1001, section 14.1): each two letters
     * A-P make one byte; 15 bytes of name (printable as they are, others as &lt;xx&gt;, trailing
     * spaces dropped) and the type byte as &lt;xx&gt;, then any scope. Wireshark's words for an
     * encoding that is not one (packet-nbt.c, get_nbns_name).
     */
    private static String netbiosName(NameRead n) {
        byte[] raw = n.raw;
        byte[] name = new byte[16];
        int count = 0;
        int i = 0;
        while (i < raw.length && raw[i] != '.') {
            int high = raw[i] & 0xFF;
            if (high < 'A' || high > 'Z') {
                return "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)";
            }
            if (i + 1 >= raw.length || raw[i + 1] == '.') {
                return "Illegal NetBIOS name (odd number of bytes)";
            }
            int low = raw[i + 1] & 0xFF;
            if (low < 'A' || low > 'Z') {
                return "Illegal NetBIOS name (2nd character not between A and Z in first-level encoding)";
            }
            if (count < 16) {
                name[count] = (byte) (((high - 'A') << 4) | (low - 'A'));
            }
            count++;
            i += 2;
        }
        if (count != 16) {
            return "Illegal NetBIOS name (" + count + " bytes long)";
        }
        StringBuilder out = new StringBuilder(32);
        for (int k = 0; k < 15; k++) {
            int c = name[k] & 0xFF;
            if (c >= ' ' && c <= '~') {
                out.append((char) c);
            } else {
                out.append(String.format(java.util.Locale.ROOT, "<%02x>", c));
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append(String.format(java.util.Locale.ROOT, "<%02x>", name[15] & 0xFF));
        if (i < raw.length) {
            out.append(displayText(java.util.Arrays.copyOfRange(raw, i, raw.length), raw.length - i));
        }
        return out.toString();
    }

    /** Wireshark's name of a record type (packet-dns.c, dns_types_vals), "Unknown (N)" for others. */
    public static String typeName(int type) {
        String name = switch (type) {
            case 0 -> "Unused";
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 19 -> "X25";
            case 20 -> "ISDN";
            case 21 -> "RT";
            case 22 -> "NSAP";
            case 23 -> "NSAP-PTR";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 26 -> "PX";
            case 27 -> "GPOS";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 30 -> "NXT";
            case 31 -> "EID";
            case 32 -> "NIMLOC";
            case 33 -> "SRV";
            case 34 -> "ATMA";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 40 -> "SINK";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 55 -> "HIP";
            case 57 -> "RKEY";
            case 58 -> "TALINK";
            case 59 -> "CDS";
            case 60 -> "CDNSKEY";
            case 61 -> "OPENPGPKEY";
            case 62 -> "CSYNC";
            case 63 -> "ZONEMD";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 99 -> "SPF";
            case 100 -> "UINFO";
            case 101 -> "UID";
            case 102 -> "GID";
            case 103 -> "UNSPEC";
            case 104 -> "NID";
            case 105 -> "L32";
            case 106 -> "L64";
            case 107 -> "LP";
            case 108 -> "EUI48";
            case 109 -> "EUI64";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            // Wireshark 4.0's table has these two names swapped; its columns show them so.
            case 253 -> "MAILA";
            case 254 -> "MAILB";
            case 255 -> "ANY";
            case 256 -> "URI";
            case 257 -> "CAA";
            case 32768 -> "TA";
            case 32769 -> "DLV";
            case 65281 -> "WINS";
            case 65282 -> "WINS-R";
            case 65422 -> "XPF";
            default -> null;
        };
        return name != null ? name : "Unknown (" + type + ")";
    }

    /** Wireshark's name of an opcode (opcode_vals). */
    public static String opcodeName(int opcode) {
        return switch (opcode) {
            case 0 -> "Standard query";
            case 1 -> "Inverse query";
            case 2 -> "Server status request";
            case 4 -> "Zone change notification";
            case 5 -> "Dynamic update";
            case 6 -> "DNS Stateful operations (DSO)";
            default -> "Unknown operation (" + opcode + ")";
        };
    }

    /** Wireshark's name of a response code (rcode_vals; the header holds 4 bits of it). */
    public static String rcodeName(int rcode) {
        return switch (rcode) {
            case 0 -> "No error";
            case 1 -> "Format error";
            case 2 -> "Server failure";
            case 3 -> "No such name";
            case 4 -> "Not implemented";
            case 5 -> "Refused";
            case 6 -> "Name exists";
            case 7 -> "RRset exists";
            case 8 -> "RRset does not exist";
            case 9 -> "Not authoritative";
            case 10 -> "Name out of zone";
            case 11 -> "DSO-Type not implemented";
            default -> "Unknown error (" + rcode + ")";
        };
    }
}
