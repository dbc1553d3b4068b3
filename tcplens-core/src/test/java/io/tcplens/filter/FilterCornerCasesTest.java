package io.tcplens.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.CaptureFiles;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.field.PacketContext;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Corner cases the shared captures lack, on a capture built here byte by byte: an ICMP error
 * quoting a TCP segment (two ip.src, two tcp.srcport), IPv6 with UDP, a VLAN tag, a segment
 * with "GET" payload. The expected packets are what tshark 4.0.17 selected on this exact file
 * ({@code tshark -2 -r corners.pcap -Y EXPR}); a comment marks where that needs explaining.
 */
class FilterCornerCasesTest {
    @TempDir
    static Path dir;
    static Path capture;

    /** Writes the capture; also run by hand to give tshark the same bytes. */
    static byte[] corners() {
        int tcp = 6;
        int udp = 17;
        int icmp = 1;
        byte[] syn = Frames.ipv4("10.0.0.1", "10.0.0.2", tcp,
                Frames.tcp(40000, 80, 1000, 0, 0x002, 64240, Bytes.fromHex("02:04:05:b4"), new byte[0]));
        // 2: the router's "port unreachable" quoting the SYN's IP header and first 8 TCP bytes.
        byte[] quoted = java.util.Arrays.copyOf(syn, 28);
        byte[] unreachable = Frames.ipv4("10.0.0.254", "10.0.0.1", icmp,
                new Bytes().u8(3).u8(3).u16(0).u32(0).raw(quoted).toArray());
        byte[] v6 = Frames.ipv6("2001:db8::1", "fe80::2", udp, Frames.udp(5353, 53, "query".getBytes(StandardCharsets.US_ASCII)));
        byte[] get = Frames.ipv4("192.168.1.10", "192.168.1.20", tcp,
                Frames.tcp(50000, 8080, 1, 1, 0x018, 502, new byte[0], "GET /x HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        Bytes file = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        byte[][] frames = {
            Frames.ethernet(0x0800, syn),
            Frames.ethernet(0x0800, unreachable),
            Frames.ethernet(0x86DD, v6),
            Frames.ethernet(0x8100, Frames.vlan(0x2000 | 42, 0x0800, get)),
        };
        for (int i = 0; i < frames.length; i++) {
            CaptureFilesBuilder.pcapRecord(file, 1_700_000_000L + i, 250_000L * i, frames[i], frames[i].length);
        }
        return file.toArray();
    }

    @BeforeAll
    static void write() throws IOException {
        capture = dir.resolve("corners.pcap");
        Files.write(capture, corners());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
        ip.src == 10.0.0.1                      ; 1,2
        ip.src != 10.0.0.1                      ; 4
        ip.src ~= 10.0.0.1                      ; 2,4
        ip.src === 10.0.0.1                     ; 1
        count(ip.src) == 2                      ; 2
        tcp.srcport == 40000                    ; 1,2
        tcp.port == 80 and icmp                 ; 2
        icmp.type == 3 and icmp.code == 3       ; 2
        tcp.options.mss_val == 1460             ; 1
        ipv6.addr == 2001:db8::/32              ; 3
        ipv6.dst == fe80::/10                   ; 3
        udp.port in {53, 5353}                  ; 3
        udp contains "query"                    ; 3
        vlan.id == 42                           ; 4
        vlan.priority == 1                      ; 4
        tcp.payload[0:3] == "GET"               ; 4
        tcp.len > 0                             ; 4
        frame.time_relative >= 2.5              ; 3,4
        ip.addr == 192.168.0.0/16 && tcp        ; 4
        ip.ttl == 64 and not icmp               ; 1,4
        tcp.flags.syn == 1 || udp               ; 1,3
        eth.src[0:3] == 00:11:22                ; 1,2,3,4
        len(udp.port) == 2                      ; 3
        """)
    void selectsWhatTsharkSelects(String filter, String frames) throws Exception {
        DisplayFilter compiled = DisplayFilter.compile(filter);
        assertThat(select(compiled)).as(filter).isEqualTo(frames);
    }

    @org.junit.jupiter.api.Test
    void saysWhichFieldsItReadsAndWhetherItNeedsAFirstPass() throws Exception {
        DisplayFilter f = DisplayFilter.compile("tcp.port == 80 and ip or len(tcp.payload) > 3");
        assertThat(f.fields()).extracting(io.tcplens.field.Field::name).containsExactly("tcp.port", "ip", "tcp.payload");
        assertThat(f.needsFinalValues()).isFalse();
        assertThat(DisplayFilter.compile("tcplens.teardown == \"reset\"").needsFinalValues()).isTrue();
        assertThat(DisplayFilter.compile("tcp.completeness == 31").needsFinalValues()).isTrue();
    }

    private static String select(DisplayFilter filter) throws IOException {
        List<String> out = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        TcpSequenceNumbering numbering = new TcpSequenceNumbering();
        PacketContext context = new PacketContext(numbering);
        long number = 0;
        try (CaptureReader reader = CaptureFiles.open(capture.toString())) {
            while (reader.next()) {
                decoder.decode(reader.record(), ++number, packet);
                numbering.observe(packet);
                context.set(packet);
                if (filter.matches(context)) {
                    out.add(Long.toString(number));
                }
            }
        }
        return String.join(",", out);
    }
}
