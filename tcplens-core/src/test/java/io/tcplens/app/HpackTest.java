package io.tcplens.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HPACK as RFC 7541 defines it: its Appendix C examples, decoded by one decoder each in order (the dynamic table carries over). */
class HpackTest {
    private static List<Hpack.Field> decode(Hpack decoder, String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        return decoder.decodeBlock(b, 0, b.length);
    }

    private static Hpack.Field f(String name, String value) {
        return new Hpack.Field(name, value);
    }

    /** C.3: three requests without Huffman coding; the second and third index the first's :authority in the dynamic table. */
    @Test
    void requestsWithoutHuffmanCoding() {
        theThreeRequestsOfAppendixC("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
    }

    /** C.4: the same requests with Huffman-coded strings (Appendix B's code, built from its lengths). */
    @Test
    void requestsWithHuffmanCoding() {
        theThreeRequestsOfAppendixC("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
    }

    /** The header lists Appendix C.3 and C.4 encode, each block decoded by one decoder in turn. */
    private static void theThreeRequestsOfAppendixC(String first, String second, String third) {
        Hpack d = new Hpack();
        assertThat(decode(d, first)).containsExactly(
                f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com"));
        assertThat(decode(d, second)).containsExactly(
                f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com"),
                f("cache-control", "no-cache"));
        assertThat(decode(d, third)).containsExactly(
                f(":method", "GET"), f(":scheme", "https"), f(":path", "/index.html"), f(":authority", "www.example.com"),
                f("custom-key", "custom-value"));
    }

    /** A block in fragments (HEADERS, CONTINUATION): each fragment gives the fields complete in it; a cut one waits. */
    @Test
    void fragmentsGiveTheFieldsCompleteInThem() {
        Hpack d = new Hpack();
        byte[] block = java.util.HexFormat.of().parseHex("828684418cf1e3c2e5f23a6ba0ab90f4ff");
        Hpack.Decoded first = d.decode(block, 0, 6);
        assertThat(first.fields()).containsExactly(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"));
        assertThat(first.consumed()).isEqualTo(3);
        Hpack.Decoded rest = d.decode(block, 3, block.length);
        assertThat(rest.fields()).containsExactly(f(":authority", "www.example.com"));
        assertThat(rest.consumed()).isEqualTo(block.length - 3);
    }

    /** Every byte value survives Huffman decoding: the code is a complete prefix code over 256 symbols and EOS. */
    @Test
    void huffmanCodeIsCompleteAndCanonical() {
        // 'a' is 00011 (5 bits), padded with ones: 0001 1111.
        assertThat(Hpack.huffman(new byte[] {0x1F}, 0, 1)).isEqualTo("a");
        // Kraft's sum of 2^-length over the 257 symbols is exactly 1 for a complete code.
        assertThat(Hpack.kraftSum()).isEqualTo(1L << 30);
    }

    /** A stranger's block that breaks the rules stops the decoder, as nghttp2 stops Wireshark's; nothing after is decoded. */
    @Test
    void brokenBlocksStopTheDecoder() {
        // An index beyond the tables is no failure to tshark 4.0: "<unknown>", empty, and the decoder goes on.
        Hpack beyond = new Hpack();
        assertThat(decode(beyond, "be 82")).containsExactly(f("<unknown>", ""), f(":method", "GET"));
        assertThat(beyond.failure()).isNull();

        Hpack padding = new Hpack();
        assertThat(decode(padding, "0181 00")).isNull(); // a Huffman string whose padding is not all ones
        assertThat(padding.failure()).contains("padding");

        Hpack cut = new Hpack();
        assertThat(decode(cut, "41 8c f1e3")).isNull(); // a literal longer than the block
        assertThat(cut.failure()).contains("ends inside a field");
        assertThat(decode(cut, "82")).isNull(); // and nothing after

        Hpack huge = new Hpack();
        assertThat(decode(huge, "3f e1 ff ff 7f")).isNull(); // a table size update far beyond any SETTINGS
        assertThat(huge.failure()).contains("table size update");
    }

    /** The dynamic table's entries are charged to the shared budget: a full budget stops the decoder, a dropped one gives all back. */
    @Test
    void theDynamicTableIsChargedToTheBudget() {
        io.tcplens.flow.ReassemblyBudget budget = new io.tcplens.flow.ReassemblyBudget(100);
        Hpack d = new Hpack(budget);
        // custom-key: custom-value, added (4.1: 10 + 12 + 32 = 54 bytes).
        assertThat(decode(d, "400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")).hasSize(1);
        assertThat(budget.used()).isEqualTo(54);
        assertThat(decode(d, "400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")).isNull();
        assertThat(d.failure()).contains("reassembly memory was full");
        d.release();
        assertThat(budget.used()).isZero();
    }
}
