package io.tcplens.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    /** Expected texts: glibc's inet_ntop on the same 16 bytes (Python's socket.inet_ntop, Debian 12). */
    @ParameterizedTest
    @CsvSource({
        "00000000000000000000000000000000, ::",
        "00000000000000000000000000000001, ::1",
        "00010000000000000000000000000000, 1::",
        "20010db8000000000000000000000001, 2001:db8::1",
        "20010db8000000000001000000000001, 2001:db8::1:0:0:1",
        "20010000000000010000000000000001, 2001:0:0:1::1",
        "20010db8000000010001000100010001, 2001:db8:0:1:1:1:1:1",
        "fe80000000000000abcdef0123456789, fe80::abcd:ef01:2345:6789",
        "00000000000000000000ffffc0000201, ::ffff:192.0.2.1",
        "000000000000000000000000c0000201, ::192.0.2.1",
        "00010002000300040005000600070008, 1:2:3:4:5:6:7:8",
        "ffffffffffffffffffffffffffffffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "00000000000000000000ffff00000000, ::ffff:0.0.0.0",
        "00000000000100000000000000000000, 0:0:1::",
        "000a000b000c000d0000000000000000, a:b:c:d::",
        "01000f000ff0000f0000000000000010, 100:f00:ff0:f::10",
        "0000000000000000ffff000100000000, ::ffff:1:0:0",
        "00010000000000020000000000000003, 1:0:0:2::3",
    })
    void ipv6IsWrittenAsInetNtopWritesIt(String hex, String expected) {
        byte[] raw = HexFormat.of().parseHex(hex);
        assertThat(AddressText.of(raw)).isEqualTo(expected);
        ByteBuffer inPacket = ByteBuffer.allocate(20).put(4, raw);
        assertThat(AddressText.ipv6(new StringBuilder("x"), inPacket, 4).toString()).isEqualTo("x" + expected);
    }
}
