package io.tcplens.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Key log lines read as Wireshark's key log regex reads them (packet-tls-utils.c): anchored at the
 * line's start, the secret the hex octets after the random, anything after them passed over.
 * Wireshark's own quic_follow_multistream.pcapng carries its secrets in lines that end with a
 * backslash; tshark opens its packets with them, and so must tcplens.
 */
class TlsKeyLogTest {
    private static final String RANDOM = "3c41ef9266ebb88d35101f5f5a892ac20810777277d6c37b4ffb080877eca858";

    @Test
    void theSecretIsTheHexAfterTheRandomWhateverFollows() {
        TlsKeyLog log = new TlsKeyLog();
        log.add(("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " 45af02f7\\\r\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " 12f1ffa4 trailing words\n"
                + "CLIENT_TRAFFIC_SECRET_0 " + RANDOM + " 41f6a82ab\n"
                + "SERVER_TRAFFIC_SECRET_0 " + RANDOM + " zz\n").getBytes(StandardCharsets.US_ASCII));
        TlsKeyLog.Secrets s = log.forClientRandom(java.util.HexFormat.of().parseHex(RANDOM));
        assertThat(s.clientHandshake).containsExactly(0x45, 0xaf, 0x02, 0xf7);
        assertThat(s.serverHandshake).containsExactly(0x12, 0xf1, 0xff, 0xa4);
        assertThat(s.clientApplication).as("whole octets only").containsExactly(0x41, 0xf6, 0xa8, 0x2a);
        assertThat(s.serverApplication).as("no hex at all: not a secret").isNull();
        assertThat(log.skipped()).isEqualTo(1);
    }
}
