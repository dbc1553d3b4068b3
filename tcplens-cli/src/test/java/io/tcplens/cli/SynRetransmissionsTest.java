package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handshake after retransmitted SYNs, and where the initial RTT is measured from. The dialogue:
 * a client that sent its SYN nine times (one a second, #1-#9) before the SYN-ACK (#10) and its
 * ACK (#11), then 5 bytes (#12), their ACK (#13) and a three-packet close (#14-#16). tshark 4.0
 * lists #2-#9 as [TCP Retransmission] and gives tcp.analysis.initial_rtt 2.000000000 from #11 on:
 * Wireshark measures from the SYN sent last (#9, at 8 s) to the ACK (#11, at 10 s).
 */
class SynRetransmissionsTest {

    private static Path capture(Path dir) throws IOException {
        return new TcpDialogue(40000, 80).handshake(9).client("hello").server("").close().write(dir.resolve("syns.pcap"));
    }

    /**
     * The engine keeps a connection's first 8 packets: here all SYNs, so the handshake's ACK (#11)
     * was passed over, and the verdict was "invalid" (it took the FIN at #14, seq 1005, for the
     * third packet), the server stayed SYN-RECEIVED until then, and the RTT ran to #14. The first
     * ACK of a SYN is now kept whatever the bounds.
     */
    @Test
    void theHandshakesAckIsKeptAfterManySyns(@TempDir Path dir) throws IOException {
        TsharkParityTest.Result r = TsharkParityTest.run("explain", "-r", capture(dir).toString());
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("Handshake: three_way \u2014 the SYN was retransmitted 8 times\n")
                .contains("  #11  ACK ack 5000 = ISN 4999 + 1 \u2713\n  #11  ACK seq 1000 = ISN 999 + 1 \u2713\n")
                .containsPattern("#11 +ESTABLISHED +-+ ACK seq=1 ack=1 -+> +ESTABLISHED\n");
    }

    /** The initial RTT in every report is Wireshark's: from the last SYN, 2 s, not 10 s from the first. */
    @Test
    void theInitialRttRunsFromTheLastSyn(@TempDir Path dir) throws IOException {
        String capture = capture(dir).toString();
        assertThat(TsharkParityTest.run("explain", "-r", capture).out()).contains("Initial RTT (SYN \u2192 ACK): 2000.000 ms\n");
        assertThat(TsharkParityTest.run("conns", "-r", capture, "-T", "json").out()).contains("\"initial_rtt\":2.0");
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-T", "fields", "-e", "tcp.analysis.initial_rtt").lines().get(10))
                .isEqualTo("2.000000000");
    }

    /**
     * Where tcplens's connection RTT and Wireshark's iRTT part, on purpose: zeek/tcp_rst-inject-rae.pcap
     * has the SYN (#1, 0 s), an injected RST+ACK from the server (#2, 0.233736 s, acknowledging
     * the ISN itself, which the client drops), the SYN-ACK (#3, 1.266240 s) and the client's ACK
     * (#4, 1.267865 s). Wireshark takes any ACK without SYN after a SYN for the end of the
     * handshake, the RST too, and says 0.233736 s from #4 on; the tcp.analysis.initial_rtt field
     * repeats it (tshark parity), but the connection's RTT is SYN to the client's ACK: 1.267865 s.
     * (samples/stream-corner-cases.pcap stream 5 is the same kind of case: an ICMP error quoting the
     * client's segment counts as that ACK for Wireshark, 0.002 s against 0.003 s.)
     */
    @Test
    void anInjectedRstIsNotTheHandshakesAck() {
        String capture = SharedCaptures.capture("zeek/tcp_rst-inject-rae.pcap").toString();
        assertThat(TsharkParityTest.run("conns", "-r", capture, "-T", "json").out()).contains("\"initial_rtt\":1.267865");
        assertThat(TsharkParityTest.run("packets", "-r", capture, "-T", "fields", "-e", "tcp.analysis.initial_rtt").lines().get(3))
                .isEqualTo("0.233736000");
    }
}
