package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.Bytes;
import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import io.tcplens.testing.QuicBytes;
import io.tcplens.testing.TlsBytes;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUIC read as Wireshark 4.0 reads it without TLS secrets, on dialogues built byte by byte with
 * their Initial packets sealed as RFC 9001 seals them: the Initial packets opened (packet numbers,
 * frames), the other packets' headers, coalesced packets (the last one writes the Info column),
 * CRYPTO data handed to TLS in order (retransmitted and early data not), a Retry and the keys of
 * the Initial that answers it, Version Negotiation, version 2, every frame type of RFC 9000,
 * short headers with the connection IDs' lengths their connections gave, and the datagrams that
 * are not QUIC (an unknown version, a QUIC-like datagram on DNS's port, a tiny one). Expected:
 * tshark 4.0.17 on the same bytes.
 */
class QuicSummaryTest {
    private final List<byte[]> frames = new ArrayList<>();
    private final List<Integer> kept = new ArrayList<>();

    private void udp(String src, String dst, int srcPort, int dstPort, byte[]... packets) {
        udpCut(src, dst, srcPort, dstPort, -1, packets);
    }

    /** A datagram of which the capture kept {@code captured} bytes of payload (-1: all). */
    private void udpCut(String src, String dst, int srcPort, int dstPort, int captured, byte[]... packets) {
        byte[] payload = Bytes.concat(packets);
        boolean v6 = src.contains(":");
        byte[] datagram = Frames.udp(srcPort, dstPort, payload);
        frames.add(v6 ? Frames.ethernet(0x86DD, Frames.ipv6(src, dst, 17, datagram))
                : Frames.ethernet(0x0800, Frames.ipv4(src, dst, 17, datagram)));
        kept.add(captured < 0 ? -1 : (v6 ? 14 + 40 + 8 : 14 + 20 + 8) + captured);
    }

    private Path write(Path file) throws IOException {
        Bytes pcap = CaptureFilesBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            CaptureFilesBuilder.pcapRecord(pcap, 1000 + i, 0, kept.get(i) < 0 ? f : java.util.Arrays.copyOf(f, kept.get(i)), f.length);
        }
        Files.write(file, pcap.toArray());
        return file;
    }

    private static byte[] id(String hex) {
        return Bytes.fromHex(hex);
    }

    /** Zero bytes: PADDING frames up to an Initial datagram's 1,200 bytes, as clients send them. */
    private static byte[] padding(int n) {
        return new byte[n];
    }

    private static byte[] opaque(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return b;
    }

    private static byte[] initial(int version, byte[] dcid, byte[] scid, byte[] token, long pn, byte[] payload,
                                  QuicBytes.Keys keys) {
        int typeBits = version == QuicBytes.VERSION_2 ? 1 : 0;
        return QuicBytes.longPacket(typeBits, version, dcid, scid, token, pn, 2, payload, keys);
    }

    private static byte[] handshake(byte[] dcid, byte[] scid, long pn, int length) {
        return QuicBytes.longPacket(2, QuicBytes.VERSION_1, dcid, scid, null, pn, 2, opaque(length, (int) pn), null);
    }

    /**
     * The tls command lists QUIC connections after the TCP ones, with the hellos their Initial
     * packets carried: the server name, ALPN, cipher, group and JA3/JA3S that tshark's fields give
     * for samples/loopback-quic.pcap (tls.handshake.extensions_server_name localhost, alpn h3,
     * ciphersuite 0x1301, key share 29, ja3 and ja3s below), and JA4 with QUIC's 'q' (JA4's
     * specification; tshark 4.0 has no JA4).
     */
    @Test
    void tlsCommandListsQuicConnections() {
        String capture = io.tcplens.testing.SharedCaptures.capture("samples/loopback-quic.pcap").toString();
        List<String> text = TsharkParityTest.run("tls", "-r", capture).lines();
        assertThat(text).hasSize(15).containsSubsequence(
                "quic 0  127.0.0.1:57994 \u2192 127.0.0.1:44433  (QUIC version 0x00000001)",
                "  server_name localhost  alpn offered h3  offers session_ticket",
                "  version TLS 1.3  cipher 0x1301  group x25519",
                "  ja3 4e2f39e9839276fe7bfd283b657fb9db  ja3s eb1d94daa7e0344597e756a1fb6e7054  ja4 q13d0415h3_9caa18292e23_84684a673e38",
                "quic 2  127.0.0.1:40838 \u2192 127.0.0.1:44434  (QUIC version 0x00000001)");
        assertThat(TsharkParityTest.run("tls", "-r", capture, "-T", "json").lines()).hasSize(3)
                .allMatch(l -> l.contains("\"server_name\":[\"localhost\"]") && l.contains("\"ja4\":\"q13d0415h3_"));
        // With the key log, the Handshake packets' EncryptedExtensions and Certificate: the ALPN
        // chosen and the certificate tshark shows there (tls.handshake.extensions_alpn_str h3,
        // x509sat.uTF8String tcplens.test in frames 2, 11 and 25).
        String keys = io.tcplens.testing.SharedCaptures.root().resolve("samples/loopback-quic.keys").toString();
        List<String> opened = TsharkParityTest.run("tls", "-r", capture, "--tls-keylog", keys).lines();
        assertThat(opened).containsSubsequence(
                "quic 0  127.0.0.1:57994 \u2192 127.0.0.1:44433  (QUIC version 0x00000001)",
                "  server_name localhost  alpn h3  offers session_ticket",
                "  version TLS 1.3  cipher 0x1301  group x25519")
                .filteredOn(l -> l.startsWith("  certificate CN=tcplens.test  issuer CN=tcplens.test")).hasSize(3);
    }

    /**
     * With the key log ngtcp2's client wrote, Handshake and 1-RTT packets open (their packet
     * numbers and frames, the key phase), and HTTP/3 names its frames on the "h3" connection
     * (SETTINGS on the control streams, HEADERS and DATA on the request streams, a frame cut by a
     * packet's end named where it ends, a retransmitted request named again): every summary line
     * equals tshark's with the same key log (recorded by scripts/record-tshark-oracle.sh).
     */
    @Test
    void aKeyLogOpensHandshakeAndOneRttPacketsAsTsharkDoes() throws IOException {
        List<String> expected = withKeyLog("loopback-quic");
        assertThat(expected).anyMatch(l -> l.contains("HTTP3") && l.contains("HEADERS, DATA"))
                .anyMatch(l -> l.contains("Handshake, DCID=") && l.contains(", PKN: 0, ACK_ECN"));
    }

    /**
     * samples/loopback-quic-suites.pcap (scripts/loopback-quic.sh suites): TLS_CHACHA20_POLY1305_SHA256
     * (ChaCha20 header protection), TLS_AES_256_GCM_SHA384, and a download during which the client
     * updates its keys (1-RTT packets in key phase 1, opened with the next keys, RFC 9001 section
     * 6): every summary line equals tshark's with the same key log.
     */
    @Test
    void everySuiteAndAKeyUpdateOpenAsTsharkOpensThem() throws IOException {
        List<String> expected = withKeyLog("loopback-quic-suites");
        assertThat(expected).filteredOn(l -> l.contains("Protected Payload (KP1)") && l.contains("PKN:")).hasSizeGreaterThan(5);
    }

    /**
     * stats counts a datagram that holds QUIC once as quic, as tshark's `-z io,phs` counts its
     * outermost quic (frames:33 bytes:29380 for samples/loopback-quic.pcap; tshark nests each
     * coalesced packet's quic under the one before, and shows no tls for CRYPTO data).
     */
    @Test
    void statsCountsQuicAsTsharksHierarchyDoes() {
        String capture = io.tcplens.testing.SharedCaptures.capture("samples/loopback-quic.pcap").toString();
        assertThat(TsharkParityTest.run("stats", "-r", capture).lines())
                .contains("  quic               33 packets          29380 bytes  100.0%")
                .noneMatch(l -> l.startsWith("  tls ") || l.startsWith("  data "));
    }

    /** Checks a QUIC sample's summary lines with its key log against tshark's (recorded); returns them. */
    private static List<String> withKeyLog(String sample) throws IOException {
        String capture = io.tcplens.testing.SharedCaptures.capture("samples/" + sample + ".pcap").toString();
        String keys = io.tcplens.testing.SharedCaptures.root().resolve("samples/" + sample + ".keys").toString();
        List<String> expected = Files.readAllLines(io.tcplens.testing.SharedCaptures.tshark("samples/" + sample + ".pcap",
                "keylog-summary.txt"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(TsharkParityTest.run("packets", "-r", capture, "--tls-keylog", keys).lines()).containsExactlyElementsOf(expected);
        return expected;
    }

    @Test
    void summaryLinesAndFieldsEqualTsharks(@TempDir Path dir) throws IOException {
        byte[] hello = TlsBytes.clientHello("quic.example");
        // A: a whole handshake's first flight, coalesced packets, retransmitted and reordered CRYPTO data.
        byte[] aDcid = id("8394c8f03e515708");
        byte[] aClient = id("c1c2c3c4c5c6c7c8");
        byte[] aServer = id("5e5e5e5e5e");
        QuicBytes.Keys[] a = QuicBytes.initialKeys(QuicBytes.VERSION_1, aDcid);
        udp("10.0.0.1", "10.0.0.2", 50000, 443, initial(QuicBytes.VERSION_1, aDcid, aClient, new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(1100 - hello.length)), a[0]));
        udp("10.0.0.2", "10.0.0.1", 443, 50000,
                initial(QuicBytes.VERSION_1, aClient, aServer, new byte[0], 0,
                        Bytes.concat(QuicBytes.ack(0, 0), QuicBytes.crypto(0, opaque(90, 1))), a[1]),
                handshake(aClient, aServer, 0, 60));
        udp("10.0.0.1", "10.0.0.2", 50000, 443,
                initial(QuicBytes.VERSION_1, aServer, aClient, new byte[0], 1, QuicBytes.ack(0, 0), a[0]),
                handshake(aServer, aClient, 0, 40));
        udp("10.0.0.2", "10.0.0.1", 443, 50000, QuicBytes.shortPacket(aClient, opaque(40, 2)));
        udp("10.0.0.1", "10.0.0.2", 50000, 443, QuicBytes.shortPacket(aServer, opaque(40, 3)));
        // The client's CRYPTO data again (a retransmission), then data after a gap, then the gap's.
        udp("10.0.0.1", "10.0.0.2", 50000, 443, initial(QuicBytes.VERSION_1, aServer, aClient, new byte[0], 2,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(200)), a[0]));
        udp("10.0.0.1", "10.0.0.2", 50000, 443, initial(QuicBytes.VERSION_1, aServer, aClient, new byte[0], 3,
                Bytes.concat(QuicBytes.crypto(hello.length + 30, opaque(20, 4)), padding(100)), a[0]));
        udp("10.0.0.1", "10.0.0.2", 50000, 443, initial(QuicBytes.VERSION_1, aServer, aClient, new byte[0], 4,
                Bytes.concat(QuicBytes.crypto(hello.length, opaque(30, 5)), QuicBytes.crypto(hello.length + 50, opaque(10, 6))), a[0]));
        // Three bytes in the QUIC conversation: too short for a header.
        udp("10.0.0.1", "10.0.0.2", 50000, 443, id("c00000"));

        // B: a Retry; the client's next Initial is sealed with keys from the Retry's connection ID.
        byte[] bDcid = id("0102030405060708");
        byte[] bClient = id("b1b2b3b4");
        byte[] bRetry = id("a1a2a3a4a5a6a7a8a9");
        byte[] bServer = id("d1d2d3d4d5d6d7d8");
        udp("10.0.0.3", "10.0.0.2", 50001, 4433, initial(QuicBytes.VERSION_1, bDcid, bClient, new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(1000)), QuicBytes.initialKeys(QuicBytes.VERSION_1, bDcid)[0]));
        udp("10.0.0.2", "10.0.0.3", 4433, 50001, Bytes.concat(new Bytes().u8(0xF0).u32(1).u8(bClient.length).raw(bClient)
                .u8(bRetry.length).raw(bRetry).toArray(), opaque(24, 7), opaque(16, 8)));
        QuicBytes.Keys[] b = QuicBytes.initialKeys(QuicBytes.VERSION_1, bRetry);
        udp("10.0.0.3", "10.0.0.2", 50001, 4433, initial(QuicBytes.VERSION_1, bRetry, bClient, opaque(24, 7), 1,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(1000)), b[0]));
        udp("10.0.0.2", "10.0.0.3", 4433, 50001, initial(QuicBytes.VERSION_1, bClient, bServer, new byte[0], 0,
                Bytes.concat(QuicBytes.ack(1, 0), QuicBytes.crypto(0, opaque(90, 9))), b[1]));

        // C: Version Negotiation answers a client's Initial.
        byte[] cDcid = id("0a0b0c0d0e0f1011");
        byte[] cClient = id("c0ffee");
        udp("10.0.0.4", "10.0.0.2", 50002, 443, initial(QuicBytes.VERSION_1, cDcid, cClient, new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(1000)), QuicBytes.initialKeys(QuicBytes.VERSION_1, cDcid)[0]));
        udp("10.0.0.2", "10.0.0.4", 443, 50002, new Bytes().u8(0x8A).u32(0).u8(cClient.length).raw(cClient)
                .u8(cDcid.length).raw(cDcid).u32(0x6b3343cf).u32(0xff00001d).toArray());

        // D: version 2 (its own salt, labels and type codes), over IPv6.
        byte[] dDcid = id("1122334455667788");
        byte[] dClient = id("99aabbcc");
        udp("2001:db8::1", "2001:db8::2", 50003, 443, initial(QuicBytes.VERSION_2, dDcid, dClient, new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(1000)), QuicBytes.initialKeys(QuicBytes.VERSION_2, dDcid)[0]));

        // E: every frame type of RFC 9000 and DATAGRAM in one Initial (an unknown type is passed alone).
        byte[] eDcid = id("e0e1e2e3e4e5e6e7");
        byte[] frames = Bytes.concat(
                QuicBytes.varint(1),
                new Bytes().u8(3).raw(QuicBytes.varint(7)).raw(QuicBytes.varint(0)).raw(QuicBytes.varint(1))
                        .raw(QuicBytes.varint(2)).raw(QuicBytes.varint(1)).raw(QuicBytes.varint(1))
                        .raw(QuicBytes.varint(5)).raw(QuicBytes.varint(6)).raw(QuicBytes.varint(0)).toArray(),
                Bytes.concat(QuicBytes.varint(4), QuicBytes.varint(1), QuicBytes.varint(9), QuicBytes.varint(100)),
                Bytes.concat(QuicBytes.varint(5), QuicBytes.varint(2), QuicBytes.varint(9)),
                Bytes.concat(QuicBytes.varint(7), QuicBytes.varint(3), id("aabbcc")),
                Bytes.concat(QuicBytes.varint(0x0e), QuicBytes.varint(4), QuicBytes.varint(16), QuicBytes.varint(2), id("6869")),
                Bytes.concat(QuicBytes.varint(0x10), QuicBytes.varint(1000)),
                Bytes.concat(QuicBytes.varint(0x11), QuicBytes.varint(3), QuicBytes.varint(500)),
                Bytes.concat(QuicBytes.varint(0x12), QuicBytes.varint(10)),
                Bytes.concat(QuicBytes.varint(0x14), QuicBytes.varint(2000)),
                Bytes.concat(QuicBytes.varint(0x15), QuicBytes.varint(5), QuicBytes.varint(20)),
                Bytes.concat(QuicBytes.varint(0x17), QuicBytes.varint(3)),
                Bytes.concat(QuicBytes.varint(0x18), QuicBytes.varint(1), QuicBytes.varint(0), new byte[] {4}, id("01020304"), new byte[16]),
                Bytes.concat(QuicBytes.varint(0x19), QuicBytes.varint(1)),
                Bytes.concat(QuicBytes.varint(0x1a), opaque(8, 10)),
                Bytes.concat(QuicBytes.varint(0x1b), opaque(8, 11)),
                Bytes.concat(QuicBytes.varint(0x1c), QuicBytes.varint(0x0a), QuicBytes.varint(6), QuicBytes.varint(3), id("627965")),
                QuicBytes.varint(0x1e),
                Bytes.concat(QuicBytes.varint(0x31), QuicBytes.varint(2), id("abcd")),
                Bytes.concat(QuicBytes.varint(0x21), QuicBytes.varint(1)));
        udp("10.0.0.6", "10.0.0.2", 50004, 443, initial(QuicBytes.VERSION_1, eDcid, id("e8"), new byte[0], 0,
                Bytes.concat(frames, padding(20)), QuicBytes.initialKeys(QuicBytes.VERSION_1, eDcid)[0]));
        // A CRYPTO frame longer than the packet: malformed once opened.
        byte[] fDcid = id("f0f1f2f3f4f5f6f7");
        udp("10.0.0.7", "10.0.0.2", 50005, 443, initial(QuicBytes.VERSION_1, fDcid, id("f8"), new byte[0], 0,
                Bytes.concat(QuicBytes.varint(6), QuicBytes.varint(0), QuicBytes.varint(500), opaque(40, 12)),
                QuicBytes.initialKeys(QuicBytes.VERSION_1, fDcid)[0]));
        // An ACK frame cut after its first number: malformed.
        byte[] hDcid = id("a0a1a2a3a4a5a6a7");
        udp("10.0.0.10", "10.0.0.2", 50010, 443, initial(QuicBytes.VERSION_1, hDcid, id("a8"), new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, opaque(30, 14)), QuicBytes.varint(2), QuicBytes.varint(5)),
                QuicBytes.initialKeys(QuicBytes.VERSION_1, hDcid)[0]));
        // A client Initial the capture cut after 60 bytes: the header opens, the payload cannot.
        byte[] gDcid = id("0909090909090909");
        udpCut("10.0.0.8", "10.0.0.2", 50006, 443, 60, initial(QuicBytes.VERSION_1, gDcid, id("0808"), new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(1000)), QuicBytes.initialKeys(QuicBytes.VERSION_1, gDcid)[0]));

        // A ClientHello in two Initial packets: TLS reads it whole in the second.
        byte[] kDcid = id("5151515151515151");
        QuicBytes.Keys[] k = QuicBytes.initialKeys(QuicBytes.VERSION_1, kDcid);
        udp("10.0.0.11", "10.0.0.2", 50011, 443, initial(QuicBytes.VERSION_1, kDcid, id("52"), new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, java.util.Arrays.copyOf(hello, 100)), padding(1000)), k[0]));
        udp("10.0.0.11", "10.0.0.2", 50011, 443, initial(QuicBytes.VERSION_1, kDcid, id("52"), new byte[0], 1,
                Bytes.concat(QuicBytes.crypto(100, java.util.Arrays.copyOfRange(hello, 100, hello.length)), padding(1000)), k[0]));

        // Not QUIC: an unknown version, a QUIC-like Initial on DNS's port, a datagram too short to tell.
        udp("10.0.0.9", "10.0.0.2", 50007, 443, new Bytes().u8(0xC0).u32(0x12345678).u8(8).raw(eDcid).u8(0).raw(opaque(30, 13)).toArray());
        udp("10.0.0.9", "10.0.0.2", 50008, 53, initial(QuicBytes.VERSION_1, gDcid, id("0808"), new byte[0], 0,
                Bytes.concat(QuicBytes.crypto(0, hello), padding(100)), QuicBytes.initialKeys(QuicBytes.VERSION_1, gDcid)[0]));
        udp("10.0.0.9", "10.0.0.2", 50009, 443, id("c000000001"));

        Path capture = write(dir.resolve("quic.pcap"));
        assertThat(TcpDialogue.columnsAndProtocols(capture)).containsExactly(
                "1|QUIC|Initial, DCID=8394c8f03e515708, SCID=c1c2c3c4c5c6c7c8, PKN: 0, CRYPTO, PADDING|eth:ethertype:ip:udp:quic:tls",
                "2|QUIC|Handshake, DCID=c1c2c3c4c5c6c7c8, SCID=5e5e5e5e5e|eth:ethertype:ip:udp:quic:tls",
                "3|QUIC|Handshake, DCID=5e5e5e5e5e, SCID=c1c2c3c4c5c6c7c8|eth:ethertype:ip:udp:quic",
                "4|QUIC|Protected Payload (KP0), DCID=c1c2c3c4c5c6c7c8|eth:ethertype:ip:udp:quic",
                "5|QUIC|Protected Payload (KP0), DCID=5e5e5e5e5e|eth:ethertype:ip:udp:quic",
                "6|QUIC|Initial, DCID=5e5e5e5e5e, SCID=c1c2c3c4c5c6c7c8, PKN: 2, CRYPTO, PADDING|eth:ethertype:ip:udp:quic",
                "7|QUIC|Initial, DCID=5e5e5e5e5e, SCID=c1c2c3c4c5c6c7c8, PKN: 3, CRYPTO, PADDING|eth:ethertype:ip:udp:quic",
                "8|QUIC|Initial, DCID=5e5e5e5e5e, SCID=c1c2c3c4c5c6c7c8, PKN: 4, CRYPTO, CRYPTO|eth:ethertype:ip:udp:quic:tls:tls",
                "9|QUIC|50000 → 443 Len=3[Malformed Packet]|eth:ethertype:ip:udp:quic",
                "10|QUIC|Initial, DCID=0102030405060708, SCID=b1b2b3b4, PKN: 0, CRYPTO, PADDING|eth:ethertype:ip:udp:quic:tls",
                "11|QUIC|Retry, DCID=b1b2b3b4, SCID=a1a2a3a4a5a6a7a8a9|eth:ethertype:ip:udp:quic",
                "12|QUIC|Initial, DCID=a1a2a3a4a5a6a7a8a9, SCID=b1b2b3b4, PKN: 1, CRYPTO, PADDING|eth:ethertype:ip:udp:quic",
                "13|QUIC|Initial, DCID=b1b2b3b4, SCID=d1d2d3d4d5d6d7d8, PKN: 0, ACK, CRYPTO|eth:ethertype:ip:udp:quic:tls",
                "14|QUIC|Initial, DCID=0a0b0c0d0e0f1011, SCID=c0ffee, PKN: 0, CRYPTO, PADDING|eth:ethertype:ip:udp:quic:tls",
                "15|QUIC|Version Negotiation, DCID=c0ffee, SCID=0a0b0c0d0e0f1011|eth:ethertype:ip:udp:quic",
                "16|QUIC|Initial, DCID=1122334455667788, SCID=99aabbcc, PKN: 0, CRYPTO, PADDING|eth:ethertype:ipv6:udp:quic:tls",
                "17|QUIC|Initial, DCID=e0e1e2e3e4e5e6e7, SCID=e8, PKN: 0, PING, ACK_ECN, RS(1), SS(2), NT, STREAM(4), MD, MSD(3), MS, DB, SDB(5), SB, NCI, RC, PC, PR, CC, DONE, DG, PING, PADDING|eth:ethertype:ip:udp:quic",
                "18|QUIC|Initial, DCID=f0f1f2f3f4f5f6f7, SCID=f8, PKN: 0, CRYPTO|eth:ethertype:ip:udp:quic:tls",
                "19|QUIC|Initial, DCID=a0a1a2a3a4a5a6a7, SCID=a8, PKN: 0, CRYPTO, ACK[Malformed Packet]|eth:ethertype:ip:udp:quic:tls",
                "20|QUIC|Initial, DCID=0909090909090909, SCID=0808, PKN: 0|eth:ethertype:ip:udp:quic",
                "21|QUIC|Initial, DCID=5151515151515151, SCID=52, PKN: 0, CRYPTO, PADDING|eth:ethertype:ip:udp:quic:tls",
                "22|QUIC|Initial, DCID=5151515151515151, SCID=52, PKN: 1, CRYPTO, PADDING|eth:ethertype:ip:udp:quic:tls",
                "23|UDP|50007 → 443 Len=45|eth:ethertype:ip:udp:data",
                "24|DNS|Standard query 0xce00 Unknown (27473) <Unknown extended label>[Malformed Packet]|eth:ethertype:ip:udp:dns",
                "25|UDP|50009 → 443 Len=5|eth:ethertype:ip:udp:data");
        // tshark -T fields: each coalesced packet's header, its packet number where it opened, and the frame types.
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-e", "quic.frame_type",
                "-e", "quic.long.packet_type", "-e", "quic.long.packet_type_v2", "-e", "quic.packet_number", "-e", "quic.dcid",
                "-e", "quic.scid", "-e", "quic.version", "-e", "quic.header_form").lines()).containsExactly(
                "6,0\t0\t\t0\t8394c8f03e515708\tc1c2c3c4c5c6c7c8\t0x00000001\t1",
                "2,6\t0,2\t\t0\tc1c2c3c4c5c6c7c8,c1c2c3c4c5c6c7c8\t5e5e5e5e5e,5e5e5e5e5e\t0x00000001,0x00000001\t1,1",
                "2\t0,2\t\t1\t5e5e5e5e5e,5e5e5e5e5e\tc1c2c3c4c5c6c7c8,c1c2c3c4c5c6c7c8\t0x00000001,0x00000001\t1,1",
                "\t\t\t\tc1c2c3c4c5c6c7c8\t\t\t0",
                "\t\t\t\t5e5e5e5e5e\t\t\t0",
                "6,0\t0\t\t2\t5e5e5e5e5e\tc1c2c3c4c5c6c7c8\t0x00000001\t1",
                "6,0\t0\t\t3\t5e5e5e5e5e\tc1c2c3c4c5c6c7c8\t0x00000001\t1",
                "6,6\t0\t\t4\t5e5e5e5e5e\tc1c2c3c4c5c6c7c8\t0x00000001\t1",
                "\t\t\t\t\t\t\t",
                "6,0\t0\t\t0\t0102030405060708\tb1b2b3b4\t0x00000001\t1",
                "\t3\t\t\tb1b2b3b4\ta1a2a3a4a5a6a7a8a9\t0x00000001\t1",
                "6,0\t0\t\t1\ta1a2a3a4a5a6a7a8a9\tb1b2b3b4\t0x00000001\t1",
                "2,6\t0\t\t0\tb1b2b3b4\td1d2d3d4d5d6d7d8\t0x00000001\t1",
                "6,0\t0\t\t0\t0a0b0c0d0e0f1011\tc0ffee\t0x00000001\t1",
                "\t\t\t\tc0ffee\t0a0b0c0d0e0f1011\t0x00000000\t1",
                "6,0\t\t1\t0\t1122334455667788\t99aabbcc\t0x6b3343cf\t1",
                "1,3,4,5,7,14,16,17,18,20,21,23,24,25,26,27,28,30,49,33,1,0\t0\t\t0\te0e1e2e3e4e5e6e7\te8\t0x00000001\t1",
                "6\t0\t\t0\tf0f1f2f3f4f5f6f7\tf8\t0x00000001\t1",
                "6,2\t0\t\t0\ta0a1a2a3a4a5a6a7\ta8\t0x00000001\t1",
                "\t0\t\t0\t0909090909090909\t0808\t0x00000001\t1",
                "6,0\t0\t\t0\t5151515151515151\t52\t0x00000001\t1",
                "6,0\t0\t\t1\t5151515151515151\t52\t0x00000001\t1",
                "\t\t\t\t\t\t\t",
                "\t\t\t\t\t\t\t",
                "\t\t\t\t\t\t\t");
        // The TLS messages CRYPTO data carried, in the frame where each ends (the split ClientHello in the second);
        // "tls" wherever TLS got data, also data it takes for encrypted (the opaque CRYPTO bytes here).
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "tls", "-T", "fields", "-E", "separator=|",
                "-e", "frame.number", "-e", "tls.handshake.type", "-e", "tls.handshake.extensions_server_name",
                "-e", "tls.handshake.ja3").lines()).containsExactly(
                "1|1|quic.example|a04d6d3f6bed338a8e40a3f50795ae23",
                "2|||",
                "8|||",
                "10|1|quic.example|a04d6d3f6bed338a8e40a3f50795ae23",
                "13|||",
                "14|1|quic.example|a04d6d3f6bed338a8e40a3f50795ae23",
                "16|1|quic.example|a04d6d3f6bed338a8e40a3f50795ae23",
                "18|||",
                "19|||",
                "21|||",
                "22|1|quic.example|a04d6d3f6bed338a8e40a3f50795ae23");
        // "quic" is present in every QUIC datagram, even one too short for a header (tshark adds the item first).
        assertThat(TsharkParityTest.run("packets", "-r", capture.toString(), "-Y", "quic", "-T", "fields", "-e", "frame.number")
                .lines()).hasSize(22).contains("9");
    }
}
