package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tcplens.testing.SharedCaptures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tcplens alerts}: the JSON objects carry kind, target, first, last and the evidence with the thresholds. */
class AlertsCommandTest {
    private static final String FLOOD = SharedCaptures.capture("suricata-verify/firewall_tcp-session-syn-flood.pcap").toString();

    @Test
    void jsonHasTheStableKeys() throws IOException {
        TsharkParityTest.Result r = TsharkParityTest.run("alerts", "-r", FLOOD, "-T", "json");
        assertThat(r.status()).isZero();
        List<String> names = new ArrayList<>();
        String kind = null;
        try (JsonParser p = new JsonFactory().createParser(r.out())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    names.add(p.currentName());
                    if (p.currentName().equals("kind")) {
                        p.nextToken();
                        kind = p.getText();
                    }
                }
            }
        }
        assertThat(kind).isEqualTo("syn_flood");
        assertThat(names).contains("kind", "target", "first", "last", "evidence", "peak_backlog", "syn_rate_per_second",
                "sources", "spoofing_signs", "server_answered_synacks", "thresholds");
    }

    @Test
    void aLowerBacklogThresholdIsPrintedWithTheAlert() {
        TsharkParityTest.Result r = TsharkParityTest.run("alerts", "-r", FLOOD, "--backlog", "150");
        assertThat(r.out()).contains("syn_flood  198.51.100.5:443").contains("backlog >= 150 half-open");
        TsharkParityTest.Result none = TsharkParityTest.run("alerts", "-r", FLOOD, "--backlog", "201");
        assertThat(none.out()).isEqualTo("No alerts.\n");
    }
}
