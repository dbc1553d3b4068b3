package io.tcplens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment with an MPTCP option (RFC 8684) is named MPTCP in the protocol column, and each
 * MPTCP option reached adds mptcp to frame.protocols, as Wireshark's option dissector does
 * (packet-tcp.c, dissect_tcpopt_mptcp). Expected: tshark 4.0.17 -n on the same bytes.
 */
class MptcpColumnTest {
    /** MPTCP options (RFC 8684, section 3): MP_CAPABLE with a key, DSS without a mapping, ADD_ADDR of 10.0.0.3. */
    private static final byte[] MP_CAPABLE = {30, 12, 0x00, (byte) 0x81, 1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] DSS = {30, 4, 0x20, 0x00};
    private static final byte[] ADD_ADDR = {30, 8, 0x30, 0x01, 10, 0, 0, 3};

    /** The client's segments of one connection, written as a pcap. */
    private static Path write(Path file, byte[]... frames) throws IOException {
        Files.write(file, CaptureFilesBuilder.pcapOf(1, frames));
        return file;
    }

    private static byte[] segment(int flags, long seq, long ack, int window, byte[] options, String payload) {
        return Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6, Frames.tcp(40000, 80, seq, ack, flags, window,
                options, payload.getBytes(StandardCharsets.ISO_8859_1))));
    }

    static Path capture(Path dir) throws IOException {
        byte[] two = new byte[DSS.length + ADD_ADDR.length];
        System.arraycopy(DSS, 0, two, 0, DSS.length);
        System.arraycopy(ADD_ADDR, 0, two, DSS.length, ADD_ADDR.length);
        // A timestamps option whose length overruns the header: Wireshark reads no option after it.
        byte[] malformedFirst = {8, 40, 0, 0, 30, 4, 0x20, 0x00};
        return write(dir.resolve("mptcp.pcap"),
                segment(0x02, 999, 0, 8192, MP_CAPABLE, ""),
                segment(0x10, 1000, 1, 8192, two, ""),
                segment(0x10, 1000, 1, 4096, malformedFirst, ""),
                segment(0x18, 1000, 1, 4096, DSS, "GET / HTTP/1.1\r\nHo"),
                segment(0x18, 1018, 1, 4096, DSS, "st: a\r\n\r\n"));
    }

    @Test
    void columnsAndProtocolsAreTsharks(@TempDir Path dir) throws IOException {
        // MP_CAPABLE on the SYN; DSS and ADD_ADDR together (mptcp twice in frame.protocols); an
        // MPTCP option after a malformed one, never reached (TCP); a segment of an HTTP request
        // that later segments complete (TCP: Wireshark's TCP renames the frame while it holds it),
        // then the request (HTTP, mptcp still among the protocols).
        assertThat(TcpDialogue.columnsAndProtocols(capture(dir))).containsExactly(
                "1|MPTCP|40000 \u2192 80 [SYN] Seq=0 Win=8192 Len=0|eth:ethertype:ip:tcp:mptcp",
                "2|MPTCP|40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp:mptcp:mptcp",
                "3|TCP|[TCP Window Update] 40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=4096 Len=0|eth:ethertype:ip:tcp",
                "4|TCP|GET / HTTP/1.1  [TCP segment of a reassembled PDU]|eth:ethertype:ip:tcp:mptcp",
                "5|HTTP|GET / HTTP/1.1 |eth:ethertype:ip:tcp:mptcp:http");
    }

    @Test
    void sharedCaptureLinesAreTsharks() throws IOException {
        // tcpdump's mptcp-fclose.pcap: every segment carries an MPTCP option (MP_CAPABLE, DSS, MP_FASTCLOSE).
        TsharkParityTest.summaryLinesAreTsharks("tcpdump/mptcp-fclose.pcap");
    }

    private static Path duplicateAcks(Path dir) throws IOException {
        byte[] nops = {1, 1, 1, 1};
        return write(dir.resolve("mptcp-dup-acks.pcap"),
                segment(0x02, 999, 0, 8192, MP_CAPABLE, ""),
                segment(0x10, 1000, 1, 8192, ADD_ADDR, ""),
                segment(0x10, 1000, 1, 8192, nops, ""),
                segment(0x10, 1000, 1, 8192, nops, ""),
                segment(0x10, 1000, 1, 8192, ADD_ADDR, ""),
                segment(0x10, 1000, 1, 8192, nops, ""));
    }

    @Test
    void duplicateAcksAfterNewMptcpOperationsAreTsharks(@TempDir Path dir) throws IOException {
        // RFC 8684, section 4: an MPTCP host sends options such as ADD_ADDR on duplicate ACKs.
        // Wireshark ignores a duplicate ACK when the connection's MPTCP operations changed since
        // the side's previous segment (frame 3: ADD_ADDR came in frame 2), and counts the next
        // ones; an ADD_ADDR again (frame 5) changes nothing. Before, tcplens flagged frame 3 too.
        assertThat(TcpDialogue.columnsAndProtocols(duplicateAcks(dir))).containsExactly(
                "1|MPTCP|40000 \u2192 80 [SYN] Seq=0 Win=8192 Len=0|eth:ethertype:ip:tcp:mptcp",
                "2|MPTCP|40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp:mptcp",
                "3|TCP|40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "4|TCP|[TCP Dup ACK 2#1] 40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp",
                "5|MPTCP|[TCP Dup ACK 2#2] 40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp:mptcp",
                "6|TCP|[TCP Dup ACK 2#3] 40000 \u2192 80 [ACK] Seq=1 Ack=1 Win=8192 Len=0|eth:ethertype:ip:tcp");
    }
}
