package io.tcplens.cli;

import io.tcplens.testing.CaptureFilesBuilder;
import io.tcplens.testing.Frames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data segments of one IPv4 connection (10.0.0.1 the client, 10.0.0.2 the server), without its
 * handshake unless {@link #handshake()} comes first, each side's sequence numbers following on
 * from 1000 and 5000, written as a pcap with one frame a second. For tests whose expected lines
 * come from tshark on the same bytes.
 */
final class TcpDialogue {
    private static final int PSH_ACK = 0x18;
    private static final int FIN_ACK = 0x11;
    private final int clientPort;
    private final int serverPort;
    private final List<byte[]> frames = new ArrayList<>();
    private long clientSeq = 1000;
    private long serverSeq = 5000;

    TcpDialogue(int clientPort, int serverPort) {
        this.clientPort = clientPort;
        this.serverPort = serverPort;
    }

    /**
     * The three-way handshake before the data (ISNs 999 and 4999): without it, the connection is
     * partial to Zeek, whose SSL, HTTP and SSH analyzers then read none of it.
     */
    TcpDialogue handshake() {
        return handshake(1);
    }

    /** The handshake with the client's SYN sent {@code syns} times (retransmitted until answered). */
    TcpDialogue handshake(int syns) {
        if (!frames.isEmpty()) {
            throw new IllegalStateException("the handshake comes first");
        }
        for (int i = 0; i < syns; i++) {
            frames.add(Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                    Frames.tcp(clientPort, serverPort, clientSeq - 1, 0, 0x02, 8192, new byte[0], new byte[0]))));
        }
        frames.add(Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                Frames.tcp(serverPort, clientPort, serverSeq - 1, clientSeq, 0x12, 8192, new byte[0], new byte[0]))));
        fromClient(0x10, new byte[0]);
        return this;
    }

    TcpDialogue client(String latin1) {
        return client(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    TcpDialogue client(byte[] payload) {
        fromClient(PSH_ACK, payload);
        clientSeq += payload.length;
        return this;
    }

    TcpDialogue server(String latin1) {
        return server(latin1, clientSeq);
    }

    TcpDialogue server(byte[] payload) {
        return server(payload, clientSeq);
    }

    /** A server segment acknowledging {@code ack} instead of all the client sent. */
    TcpDialogue server(String latin1, long ack) {
        return server(latin1.getBytes(StandardCharsets.ISO_8859_1), ack);
    }

    private TcpDialogue server(byte[] payload, long ack) {
        frames.add(Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                Frames.tcp(serverPort, clientPort, serverSeq, ack, PSH_ACK, 8192, new byte[0], payload))));
        serverSeq += payload.length;
        return this;
    }

    /** The client closes: its FIN, the server's FIN+ACK acknowledging it, the client's last ACK. */
    TcpDialogue close() {
        return clientFin().serverFin();
    }

    /** The client's FIN alone (a half-close): the server may go on sending. */
    TcpDialogue clientFin() {
        fromClient(FIN_ACK, new byte[0]);
        clientSeq++;
        return this;
    }

    /** The server's FIN+ACK, and the client's last ACK. */
    TcpDialogue serverFin() {
        frames.add(Frames.ethernet(0x0800, Frames.ipv4("10.0.0.2", "10.0.0.1", 6,
                Frames.tcp(serverPort, clientPort, serverSeq, clientSeq, FIN_ACK, 8192, new byte[0], new byte[0]))));
        serverSeq++;
        fromClient(0x10, new byte[0]);
        return this;
    }

    /** A client segment with these flags and bytes at the client's next sequence number, acknowledging all the server sent. */
    private void fromClient(int flags, byte[] payload) {
        frames.add(Frames.ethernet(0x0800, Frames.ipv4("10.0.0.1", "10.0.0.2", 6,
                Frames.tcp(clientPort, serverPort, clientSeq, serverSeq, flags, 8192, new byte[0], payload))));
    }

    Path write(Path file) throws IOException {
        Files.write(file, CaptureFilesBuilder.pcapOf(1, frames.toArray(new byte[0][])));
        return file;
    }

    /** Each frame's number, protocol and info columns and frame.protocols, "N|PROTOCOL|INFO|PROTOCOLS". */
    static List<String> columnsAndProtocols(Path capture) {
        return TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info", "-e", "frame.protocols").lines();
    }

    /** tcplens's protocol and info columns of each frame, "PROTOCOL|INFO". */
    static List<String> columns(Path capture) {
        return TsharkParityTest.run("packets", "-r", capture.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "_ws.col.Protocol", "-e", "_ws.col.Info").lines();
    }
}
