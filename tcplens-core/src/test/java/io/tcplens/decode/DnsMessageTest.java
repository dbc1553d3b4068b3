package io.tcplens.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.PacketRecord;
import io.tcplens.testing.Bytes;
import io.tcplens.testing.Frames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DNS reader on its own: which datagrams it reads, and that strangers' bytes cannot break it. */
class DnsMessageTest {
    private final PacketDecoder decoder = new PacketDecoder();

    private Packet udp(int srcPort, int dstPort, byte[] message) {
        byte[] frame = Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 17, Frames.udp(srcPort, dstPort, message)));
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length, 0, 0, 1);
        return decoder.decode(record, 1, new Packet());
    }

    private static byte[] query(String... labels) {
        Bytes b = new Bytes().u16(0x1234).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
        for (String l : labels) {
            b.u8(l.length()).raw(l.getBytes(StandardCharsets.US_ASCII));
        }
        return b.u8(0).u16(1).u16(1).toArray();
    }

    @Test
    void theLowerPortDecidesAsInWireshark() {
        assertThat(UdpApplication.protocolOf(40000, 53)).isEqualTo(UdpApplication.Protocol.DNS);
        assertThat(UdpApplication.protocolOf(53, 40000)).isEqualTo(UdpApplication.Protocol.DNS);
        assertThat(UdpApplication.protocolOf(5353, 5353)).isEqualTo(UdpApplication.Protocol.MDNS);
        assertThat(UdpApplication.protocolOf(50000, 5355)).isEqualTo(UdpApplication.Protocol.LLMNR);
        // The lower port's protocol first: 137 is the NetBIOS name service's.
        assertThat(DnsMessage.of(udp(137, 5353, query("example", "com")))).isNull();
        assertThat(UdpApplication.protocolOf(137, 5353)).isEqualTo(UdpApplication.Protocol.NBNS);
        // A lower port that is none of tcplens's protocols leaves the higher port's.
        assertThat(UdpApplication.protocolOf(88, 53)).isEqualTo(UdpApplication.Protocol.DNS);
        assertThat(UdpApplication.protocolOf(40000, 40001)).isNull();
        assertThat(udp(40000, 53, query("example", "com")).layerCount()).isPositive();
        DnsMessage m = DnsMessage.of(udp(40000, 53, query("example", "com")));
        assertThat(m).isNotNull();
        assertThat(m.questions()).extracting(DnsMessage.Question::name).containsExactly("example.com");
        assertThat(m.stop()).isEqualTo(DnsMessage.Stop.NONE);
        // On other ports, Wireshark's heuristic: a standard query with one question is DNS...
        assertThat(DnsMessage.of(udp(40000, 40001, query("example", "com")))).isNotNull();
        // ...one that is no standard query (opcode 2) is not.
        byte[] status = query("example", "com");
        status[2] = 0x10;
        assertThat(DnsMessage.of(udp(40000, 40001, status))).isNull();
        // A port whose protocol tcplens reads decides first: NTP's 123 is never DNS.
        assertThat(DnsMessage.of(udp(40000, 123, query("example", "com")))).isNull();
    }

    @Test
    void namesLongerThan255BytesReadAsTooLong() {
        String label = "a".repeat(63);
        DnsMessage m = DnsMessage.of(udp(40000, 53, query(label, label, label, label, label)));
        assertThat(m.questions()).extracting(DnsMessage.Question::name).containsExactly("<Name too long>");
    }

    /**
     * Rule 4 and rule 7 for DNS: random messages, and real-looking ones with random bytes changed,
     * never throw, always stop within the message, and name nothing with a control character.
     */
    @Test
    void randomAndMutatedMessagesNeverBreakTheReader() {
        Random random = new Random(20261207);
        byte[] base = new Bytes().u16(0x1234).u16(0x8180).u16(1).u16(2).u16(1).u16(1)
                .raw(new byte[] {3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0}).u16(1).u16(1)
                .u16(0xC00C).u16(5).u16(1).u32(60).u16(6).raw(new byte[] {3, 'w', 'e', 'b', (byte) 0xC0, 16})
                .u16(0xC00C).u16(47).u16(1).u32(60).u16(6).raw(new byte[] {(byte) 0xC0, 16, 0, 2, 0x40, 0})
                .u16(0xC010).u16(33).u16(1).u32(60).u16(8).u16(0).u16(0).u16(80).raw(new byte[] {(byte) 0xC0, 12})
                .raw(new byte[] {0}).u16(41).u16(4096).u32(0).u16(0).toArray();
        for (int i = 0; i < 20_000; i++) {
            byte[] message;
            if (i % 2 == 0) {
                message = base.clone();
                for (int k = random.nextInt(6) + 1; k > 0; k--) {
                    message[random.nextInt(message.length)] = (byte) random.nextInt(256);
                }
                message = java.util.Arrays.copyOf(message, random.nextInt(message.length + 1));
            } else {
                message = new byte[random.nextInt(80)];
                random.nextBytes(message);
            }
            DnsMessage m = DnsMessage.of(udp(40000, i % 3 == 0 ? 5353 : 53, message));
            assertThat(m).isNotNull();
            for (DnsMessage.Question q : m.questions()) {
                assertThat(q.name()).doesNotContainPattern("\\p{Cntrl}").hasSizeLessThanOrEqualTo(4 * 255);
            }
            for (DnsMessage.Resource r : m.resources()) {
                assertThat(r.name()).doesNotContainPattern("\\p{Cntrl}");
                assertThat(r.info()).doesNotContainPattern("\\p{Cntrl}");
                assertThat(r.dataAt() + r.dataLength()).isLessThanOrEqualTo(m.start() + 8 + 0xFFFF);
            }
            assertThat(m.questions().size() + m.resources().size()).isLessThanOrEqualTo(message.length / 4 + 1);
        }
    }
}
