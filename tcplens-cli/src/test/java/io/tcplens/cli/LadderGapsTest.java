package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain's ladder draws the handshake and the teardown and sums up the packets between them in
 * one line per gap ("⋮ N packets: X bytes →, Y bytes ←"). The engine keeps only a connection's
 * first 8 packets, its SYN, FIN and RST packets, 16 packets after the first FIN and the first ACK
 * of each FIN: the packets it passed over are counted in the gap where they fell, so that each
 * gap's line adds up to what the packet list shows there. The counts below are read off tshark's packet list of the same bytes
 * (frame numbers, tcp.len per frame).
 */
class LadderGapsTest {

    private static TsharkParityTest.Result explain(Path capture, String... options) {
        String[] args = new String[3 + options.length];
        args[0] = "explain";
        args[1] = "-r";
        args[2] = capture.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        TsharkParityTest.Result r = TsharkParityTest.run(args);
        assertThat(r.status()).as(String.join(" ", args)).isZero();
        return r;
    }

    /**
     * samples/loopback-http.pcap, stream 0: tshark lists the handshake (#1-#3), frames #4-#9 (the
     * request, 79 bytes; the reply in two segments of 155 and 824 bytes; three ACKs) and the
     * teardown (#10-#12). #9, an ACK, is the connection's 9th packet, the first the engine did not
     * keep: it belongs to the same gap, six packets. (The ladder said "5 packets" there and "1 more
     * data packet not drawn" after the teardown before.)
     */
    @Test
    void aPacketNotKeptIsCountedInItsGap() {
        Path capture = SharedCaptures.capture("samples/loopback-http.pcap");
        String text = explain(capture, "--stream", "0").out();
        assertThat(text).contains("\u22ee 6 packets: 79 bytes \u2192, 979 bytes \u2190").doesNotContain("not drawn");
        assertThat(text.indexOf("\u22ee 6 packets")).isBetween(text.indexOf("#3 "), text.indexOf("#10 "));
        assertThat(explain(capture, "--stream", "0", "-T", "json").out())
                .contains("\"packets_not_in_timeline\":1,\"not_in_timeline\":[{\"after_packet\":8,\"before_packet\":10,\"packets\":1,"
                        + "\"orig_payload\":0,\"resp_payload\":0}]");
    }

    /**
     * zeek/vlan-collisions.pcap: one connection seen on three VLANs, so its SYN, SYN-ACK and FINs
     * come again among its data. tshark's list: #5 (136 bytes from the client) between the
     * handshake and the repeated SYN (#6) and SYN-ACK (#7); #8-#16 (the client's 136 bytes again,
     * the server's 1448 + 1448 + 1448 + 663 = 5007, four ACKs) before the client's FIN (#17);
     * later #37, a keep-alive ACK, between #36 and #38. The engine passed over #9-#16 and #37 in
     * two gaps split by kept packets; each gap's line counts what tshark shows there.
     */
    @Test
    void gapsSplitByRepeatedControlPacketsAddUpAsInTheList() {
        String text = explain(SharedCaptures.capture("zeek/vlan-collisions.pcap")).out();
        assertThat(text)
                .containsPattern("#4 .*\\n +\u22ee 1 packet: 136 bytes \u2192, 0 bytes \u2190 *\\n#6 ")
                .containsPattern("#7 .*\\n +\u22ee 9 packets: 136 bytes \u2192, 5007 bytes \u2190 *\\n#17 ")
                .containsPattern("#36 .*\\n +\u22ee 1 packet: 0 bytes \u2192, 0 bytes \u2190 *\\n#38 ");
    }

    /** One request between handshake and teardown: tshark's #4 (Len=3), said in the singular. */
    @Test
    void oneDataPacketIsSaidInTheSingular(@TempDir Path dir) throws IOException {
        Path capture = new TcpDialogue(40000, 80).handshake().client("GET").close().write(dir.resolve("one.pcap"));
        String text = explain(capture).out();
        assertThat(text).contains("\u22ee 1 packet: 3 bytes \u2192, 0 bytes \u2190");
        assertThat(explain(capture, "-T", "json").out()).contains("\"packets_not_in_timeline\":0,\"not_in_timeline\":[]");
    }

    /**
     * A connection still open when the capture ends: after the handshake, ten client segments of
     * 10 bytes (tshark's #4-#13). Five are kept, five passed over; all ten come after the last
     * packet drawn, and the ladder ends with their line (it had no line for them before).
     */
    @Test
    void dataAfterTheLastPacketDrawnEndsTheLadder(@TempDir Path dir) throws IOException {
        TcpDialogue d = new TcpDialogue(40001, 80).handshake();
        for (int i = 0; i < 10; i++) {
            d.client("0123456789");
        }
        Path capture = d.write(dir.resolve("open.pcap"));
        String text = explain(capture).out();
        assertThat(text).contains("\u22ee 10 packets: 100 bytes \u2192, 0 bytes \u2190");
        assertThat(text.indexOf("\u22ee 10 packets")).isGreaterThan(text.indexOf("#3 "));
        assertThat(explain(capture, "-T", "json").out())
                .contains("\"packets_not_in_timeline\":5,\"not_in_timeline\":[{\"after_packet\":8,\"packets\":5,"
                        + "\"orig_payload\":50,\"resp_payload\":0}]");
    }

    /**
     * Packets passed over in two gaps: after the handshake twelve client segments of 10 bytes
     * (#4-#15; the engine keeps #4-#8), the client's FIN (#16, kept), then eighteen server segments
     * of 20 bytes (#17-#34: the 16 after the FIN are kept, #33 and #34 not), the server's FIN+ACK
     * (#35, Seq=361 relative) and the client's last ACK (#36, Ack=362), as tshark lists them. Each
     * gap's line counts its own: #4-#15 between #3 and #16 (120 bytes from the client, five of
     * them kept, seven passed over), #33-#34 between #32 and #35 (40 bytes from the server).
     *
     * <p>#36 is the 19th packet after the first FIN, past the 16 the engine keeps there; it is kept
     * because it is the first to acknowledge the server's FIN. Before, it was passed over, and the
     * teardown said "final ACK not captured" and left the server in LAST-ACK.
     */
    @Test
    void packetsPassedOverInTwoGapsAreCountedInEach(@TempDir Path dir) throws IOException {
        TcpDialogue d = new TcpDialogue(40002, 80).handshake();
        for (int i = 0; i < 12; i++) {
            d.client("0123456789");
        }
        d.clientFin();
        for (int i = 0; i < 18; i++) {
            d.server("01234567890123456789");
        }
        Path capture = d.serverFin().write(dir.resolve("two.pcap"));
        String text = explain(capture).out();
        assertThat(text)
                .contains("  #36  ACK ack 5361 = FIN seq 5360 + 1 \u2713\n  final ACK seen\n")
                .containsPattern("#3 .*\n +\u22ee 12 packets: 120 bytes \u2192, 0 bytes \u2190 *\n#16 ")
                .containsPattern("#32 .*\n +\u22ee 2 packets: 0 bytes \u2192, 40 bytes \u2190 *\n#35 ")
                .containsPattern("#36 +TIME-WAIT +-+ ACK seq=122 ack=362 -+> +CLOSED\n")
                .doesNotContain("not drawn");
        assertThat(explain(capture, "-T", "json").out()).contains("\"packets_not_in_timeline\":9,\"not_in_timeline\":["
                + "{\"after_packet\":8,\"before_packet\":16,\"packets\":7,\"orig_payload\":70,\"resp_payload\":0},"
                + "{\"after_packet\":32,\"before_packet\":35,\"packets\":2,\"orig_payload\":0,\"resp_payload\":40}]");
    }
}
