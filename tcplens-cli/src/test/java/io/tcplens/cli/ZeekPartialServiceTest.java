package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.SharedCaptures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zeek's SSL, HTTP and SSH analyzers read nothing of a partial connection: their DeliverStream
 * returns at once when TCP()->IsPartial() (the originator's first packet was not a bare SYN, or
 * the responder's first was not a SYN), so they never confirm the protocol, and conn.log names no
 * service, whatever the bytes are (Zeek's maintainers on zeek/zeek#858 and zeek/spicy-analyzers#80:
 * the analyzers cannot start mid-stream). The Zeek baseline of zeek/wikipedia.pcap shows it for
 * HTTP (ZeekBaselineTest); these captures have no Zeek baseline, and the rule is read in Zeek's
 * source (HTTP.cc, SSL.cc, SSH.cc). FTP's and DNS's analyzers have no such test and keep their
 * service (SshSummaryTest has SSH both ways).
 */
class ZeekPartialServiceTest {
    /** Service and history of each TCP row. */
    private static List<String> services(String capture) {
        return TsharkParityTest.run("conns", "-r", SharedCaptures.capture(capture).toString(), "-T", "zeek").lines().stream()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .filter(f -> f[6].equals("tcp"))
                .map(f -> f[7] + " " + f[15])
                .toList();
    }

    @Test
    void tlsCaughtMidStreamHasNoService() {
        // The first connection began before the capture; the two others were caught whole.
        assertThat(services("zeek/tls_tls13-ech.pcap")).containsExactly("- DdA", "ssl ShADadFfR", "ssl ShADadFfR");
    }

    @Test
    void httpWithoutItsSynHasNoService() {
        // A GET and its answer, the handshake missing: tshark reads HTTP there, Zeek does not.
        assertThat(services("zeek/http_get_nosyn.pcap")).containsExactly("- DadAFf");
        assertThat(TsharkParityTest.run("packets", "-r", SharedCaptures.capture("zeek/http_get_nosyn.pcap").toString(),
                "-Y", "http.request", "-T", "fields", "-e", "frame.number").lines()).isNotEmpty();
    }
}
