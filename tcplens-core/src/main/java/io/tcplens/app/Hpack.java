package io.tcplens.app;

import io.tcplens.flow.ReassemblyBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One direction's HPACK decoder (RFC 7541): the header fields of HTTP/2's HEADERS, PUSH_PROMISE
 * and CONTINUATION frames, with the static table, the dynamic table the sender's encoder fills,
 * and Huffman-coded strings. The sender's bytes are a stranger's: every length is bounded, and a
 * block that breaks the rules stops the decoder (as nghttp2 stops Wireshark's, after which
 * Wireshark reads no more headers of that direction).
 */
public final class Hpack {
    /** A decoded header field. */
    public record Field(String name, String value) { }

    /** RFC 7541, Appendix A. */
    private static final String[][] STATIC = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"}, {":path", "/index.html"},
        {":scheme", "http"}, {":scheme", "https"}, {":status", "200"}, {":status", "204"}, {":status", "206"},
        {":status", "304"}, {":status", "400"}, {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"}, {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""},
        {"access-control-allow-origin", ""}, {"age", ""}, {"allow", ""}, {"authorization", ""},
        {"cache-control", ""}, {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""},
        {"content-length", ""}, {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
        {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""}, {"from", ""}, {"host", ""},
        {"if-match", ""}, {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
        {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""}, {"location", ""}, {"max-forwards", ""},
        {"proxy-authenticate", ""}, {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""},
    };

    /**
     * The Huffman code's lengths in bits, symbol by symbol (0 to 255, then EOS), one base-36 digit
     * each: RFC 7541 Appendix B. The code is canonical (codes of one length are consecutive, in
     * symbol order, and follow the shorter ones), so the lengths alone define it; HuffmanTest
     * checks the codes this makes against the appendix's examples (C.4, C.6).
     */
    private static final String CODE_LENGTHS =
            "DNSSSSSSSOUSSUSSSSSSSSUSSSSSSSSS6AACD68BAA8B8666555666666678F6CAD67777777777777777777777878DJDE6F5656566657"
            + "7666567655677777FBEDSKMKKMMMNMNNNNNONOOMNONNNNLMNMNNOMLKMMNNLNMMOLMNNLLMLNMNNKMMMNMMNQQKJMNMPQQQRRQOPJL"
            + "QRRQROLLQQSRRRKOKLMLLNMMPPOOQNQRQQRRRRRSRRRRRQU";
    /** For each length, the first code and the index in {@link #SYMBOLS} of its first symbol (canonical decoding). */
    private static final int[] FIRST_CODE = new int[31];
    private static final int[] FIRST_INDEX = new int[31];
    private static final int[] COUNT = new int[31];
    private static final int[] SYMBOLS = new int[257];

    static {
        for (int s = 0; s < 257; s++) {
            COUNT[Character.digit(CODE_LENGTHS.charAt(s), 36)]++;
        }
        int code = 0;
        int index = 0;
        for (int length = 1; length <= 30; length++) {
            code = (code + COUNT[length - 1]) << 1;
            FIRST_CODE[length] = code;
            FIRST_INDEX[length] = index;
            index += COUNT[length];
        }
        int[] next = FIRST_INDEX.clone();
        for (int s = 0; s < 257; s++) {
            SYMBOLS[next[Character.digit(CODE_LENGTHS.charAt(s), 36)]++] = s;
        }
    }

    /** Kraft's sum of the code, in units of 2^-30: 2^30 for a complete prefix code (HpackTest). */
    static long kraftSum() {
        long sum = 0;
        for (int length = 1; length <= 30; length++) {
            sum += (long) COUNT[length] << (30 - length);
        }
        return sum;
    }

    /** The most a decoded name or value may hold, and a block's fields: beyond, the block is refused. */
    static final int MAX_STRING = 64 * 1024;
    static final int MAX_FIELDS = 1000;
    /**
     * The largest dynamic table an encoder may ask for here (SETTINGS_HEADER_TABLE_SIZE is 4,096
     * unless raised; browsers raise it to 64 KiB at most). Its entries are charged to the shared
     * reassembly budget, so that many connections cannot hold more than it together.
     */
    static final int MAX_TABLE = 64 * 1024;

    private static final Field UNKNOWN = new Field("<unknown>", "");

    private final ArrayDeque<Field> dynamic = new ArrayDeque<>();
    private int tableSize;
    private int maxTableSize = 4096;
    private String failure;
    private final ReassemblyBudget budget;

    /** @param budget what the dynamic table's entries are charged to; null for none (tests) */
    Hpack(ReassemblyBudget budget) {
        this.budget = budget;
    }

    Hpack() {
        this(null);
    }

    /** The table is dropped with its connection: its share goes back to the budget. */
    void release() {
        if (budget != null) {
            budget.give(tableSize);
        }
        dynamic.clear();
        tableSize = 0;
    }

    /** Why this decoder stopped (a block broke a rule), or null. */
    String failure() { return failure; }

    /** A header block fragment's complete fields, and how many of its bytes they took (the rest waits for the next fragment). */
    record Decoded(List<Field> fields, int consumed) { }

    /** The bytes end inside a representation: it waits for the block's next fragment. */
    private static final class Cut extends RuntimeException {
        Cut() {
            super(null, null, false, false);
        }
    }

    private static final Cut CUT = new Cut();

    /**
     * Decodes the representations that are complete in {@code b[at, end)}, as nghttp2 decodes a
     * block fragment by fragment for Wireshark (each HEADERS or CONTINUATION frame shows the
     * fields that end in it); null when the decoder failed on them or before (its table can no
     * longer be trusted, so nothing after is decoded either). An index beyond the tables is a
     * field named "&lt;unknown&gt;" with an empty value, as tshark 4.0 shows it, and decoding goes on.
     */
    Decoded decode(byte[] b, int at, int end) {
        if (failure != null) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        int[] pos = {at};
        int done = at;
        try {
            while (pos[0] < end) {
                if (fields.size() >= MAX_FIELDS) {
                    throw new IllegalArgumentException("more than " + MAX_FIELDS + " header fields in a block");
                }
                int first = b[pos[0]] & 0xFF;
                if ((first & 0x80) != 0) {
                    // 6.1: an indexed field.
                    long index = integer(b, pos, end, 7);
                    fields.add(entry(index));
                } else if ((first & 0x40) != 0) {
                    // 6.2.1: a literal added to the dynamic table.
                    Field f = literal(b, pos, end, 6);
                    fields.add(f);
                    add(f);
                } else if ((first & 0x20) != 0) {
                    // 6.3: a dynamic table size update.
                    long size = integer(b, pos, end, 5);
                    if (size > MAX_TABLE) {
                        throw new IllegalArgumentException("a dynamic table size update to " + size + " bytes");
                    }
                    maxTableSize = (int) size;
                    evict();
                } else {
                    // 6.2.2 and 6.2.3: a literal not indexed, or never indexed.
                    fields.add(literal(b, pos, end, 4));
                }
                done = pos[0];
            }
        } catch (Cut c) {
            // The representation under way waits for the next fragment.
        } catch (IllegalArgumentException e) {
            failure = e.getMessage();
            return null;
        }
        return new Decoded(fields, done - at);
    }

    /** Decodes one complete header block (RFC 7541's examples); null when it fails or ends inside a representation. */
    List<Field> decodeBlock(byte[] b, int at, int end) {
        Decoded d = decode(b, at, end);
        if (d != null && d.consumed() < end - at) {
            failure = "a header block that ends inside a field";
            return null;
        }
        return d == null ? null : d.fields();
    }

    private Field literal(byte[] b, int[] pos, int end, int prefix) {
        long index = integer(b, pos, end, prefix);
        String name = index == 0 ? string(b, pos, end) : entry(index).name();
        return new Field(name, string(b, pos, end));
    }

    private Field entry(long index) {
        if (index <= 0) {
            throw new IllegalArgumentException("header table index 0");
        }
        if (index > STATIC.length + dynamic.size()) {
            return UNKNOWN;
        }
        if (index <= STATIC.length) {
            String[] e = STATIC[(int) index - 1];
            return new Field(e[0], e[1]);
        }
        long d = index - STATIC.length - 1;
        Iterator<Field> it = dynamic.iterator();
        for (long i = 0; i < d; i++) {
            it.next();
        }
        return it.next();
    }

    private void add(Field f) {
        int size = size(f);
        if (size > maxTableSize) {
            // 4.4: an entry larger than the table empties it and is not added.
            evictTo(0);
            return;
        }
        evictTo(maxTableSize - size);
        if (budget != null && !budget.take(size)) {
            throw new IllegalArgumentException("the reassembly memory was full (HPACK's dynamic table)");
        }
        dynamic.addFirst(f);
        tableSize += size;
    }

    private void evict() {
        evictTo(maxTableSize);
    }

    /** Evicts the oldest entries until the table holds at most {@code limit} bytes (RFC 7541, 4.4). */
    private void evictTo(int limit) {
        while (tableSize > limit && !dynamic.isEmpty()) {
            int size = size(dynamic.removeLast());
            tableSize -= size;
            if (budget != null) {
                budget.give(size);
            }
        }
    }

    /** 4.1: an entry's size is its name's and value's octets plus 32 (octets: the strings are kept as ISO-8859-1). */
    private static int size(Field f) {
        return f.name().length() + f.value().length() + 32;
    }

    /** 5.1: an integer with an N-bit prefix. */
    static long integer(byte[] b, int[] pos, int end, int prefix) {
        int max = (1 << prefix) - 1;
        long value = b[pos[0]++] & max;
        if (value < max) {
            return value;
        }
        int shift = 0;
        while (true) {
            if (pos[0] >= end) {
                throw CUT;
            }
            int octet = b[pos[0]++] & 0xFF;
            value += (long) (octet & 0x7F) << shift;
            if ((octet & 0x80) == 0) {
                return value;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("an integer of more than 32 bits");
            }
        }
    }

    /** 5.2: a string literal, raw or Huffman-coded. */
    static String string(byte[] b, int[] pos, int end) {
        if (pos[0] >= end) {
            throw CUT;
        }
        boolean huffman = (b[pos[0]] & 0x80) != 0;
        long length = integer(b, pos, end, 7);
        if (length > end - pos[0]) {
            if (length > MAX_STRING * 8L) {
                throw new IllegalArgumentException("a string literal of " + length + " octets");
            }
            throw CUT;
        }
        int at = pos[0];
        pos[0] += (int) length;
        if (!huffman) {
            if (length > MAX_STRING) {
                throw new IllegalArgumentException("a string literal over " + MAX_STRING + " octets");
            }
            return new String(b, at, (int) length, StandardCharsets.ISO_8859_1);
        }
        return huffman(b, at, at + (int) length);
    }

    /** 5.2 and Appendix B: Huffman-decoded octets; padding of at most 7 bits, all ones, and no EOS. */
    static String huffman(byte[] b, int at, int end) {
        StringBuilder out = new StringBuilder((end - at) * 8 / 5);
        int code = 0;
        int length = 0;
        for (int i = at; i < end; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                code = (code << 1) | ((b[i] >> bit) & 1);
                length++;
                int offset = code - FIRST_CODE[length];
                if (COUNT[length] > 0 && offset >= 0 && offset < COUNT[length]) {
                    int symbol = SYMBOLS[FIRST_INDEX[length] + offset];
                    if (symbol == 256) {
                        throw new IllegalArgumentException("EOS inside a Huffman-coded string");
                    }
                    if (out.length() >= MAX_STRING) {
                        throw new IllegalArgumentException("a decoded string over " + MAX_STRING + " octets");
                    }
                    out.append((char) symbol);
                    code = 0;
                    length = 0;
                } else if (length >= 30) {
                    throw new IllegalArgumentException("no Huffman code matches");
                }
            }
        }
        if (length > 7 || code != (1 << length) - 1) {
            throw new IllegalArgumentException("Huffman padding that is not the EOS code's first bits");
        }
        return out.toString();
    }
}
