package io.tcplens.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TcpOptions#valid}, the per-packet check, against the option walk the rest of the decoder uses. */
class TcpOptionsTest {

    /** Valid by the walk: every option the walk reaches states a length of at least 2 that fits. */
    private static boolean validByWalk(ByteBuffer b, int at, int end) {
        for (int o = TcpOptions.first(b, at, end); o >= 0; o = TcpOptions.next(b, o, end)) {
            int kind = TcpOptions.kind(b, o);
            if (kind != TcpHeader.OPT_NOP && kind != TcpHeader.OPT_END
                    && (o + 1 >= end || (b.get(o + 1) & 0xFF) < 2 || o + (b.get(o + 1) & 0xFF) > end)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void commonAndBrokenLayouts() {
        // NOP NOP timestamps: the usual data packet.
        assertThat(valid("0101080a0000000100000002")).isTrue();
        // A SYN's MSS, SACK permitted, timestamps, NOP, window scale.
        assertThat(valid("020405b40402080a00000001000000000103030700")).isTrue();
        // END stops the walk: what follows is padding, whatever it holds.
        assertThat(valid("0000ffff")).isTrue();
        assertThat(valid("020405")).isFalse();       // MSS cut by the header's end
        assertThat(valid("0101")).isTrue();
        assertThat(valid("0101 08")).isFalse();      // a kind without its length byte
        assertThat(valid("0801")).isFalse();         // length 1: below the two bytes of kind and length
        assertThat(valid("0800")).isFalse();         // length 0: would never advance
    }

    @Test
    void agreesWithTheWalkOnRandomBytes() {
        Random r = new Random(9293);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[r.nextInt(41)];
            for (int j = 0; j < bytes.length; j++) {
                // Mostly the kinds and small lengths that occur, so that long walks happen.
                bytes[j] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(12));
            }
            int lead = r.nextInt(3);
            ByteBuffer b = ByteBuffer.allocate(lead + bytes.length + 2);
            b.put(lead, bytes);
            assertThat(TcpOptions.valid(b, lead, lead + bytes.length))
                    .as("options %s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(validByWalk(b, lead, lead + bytes.length));
        }
    }

    private static boolean valid(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        return TcpOptions.valid(ByteBuffer.wrap(bytes), 0, bytes.length);
    }
}
