package io.tcplens.testing;

import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.ConnectionTracker;
import io.tcplens.flow.TcpConnection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scripted TCP dialogue between a client (10.0.0.1:40000) and a server (10.0.0.2:80): each
 * step builds the real Ethernet/IPv4/TCP bytes and feeds them to the connection engine, one
 * millisecond apart.
 */
public final class Dialogue {
    public static final int FIN = TcpHeader.FIN;
    public static final int SYN = TcpHeader.SYN;
    public static final int RST = TcpHeader.RST;
    public static final int PSH = TcpHeader.PSH;
    public static final int ACK = TcpHeader.ACK;

    private final List<TcpConnection> finished = new ArrayList<>();
    private final ConnectionTracker tracker = new ConnectionTracker(finished::add);
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private final List<byte[]> frames = new ArrayList<>();
    private long number;
    private int clientPort = 40000;

    /** A packet from the client. */
    public Dialogue client(int flags, long seq, long ack, int payload) {
        return send(true, flags, seq, ack, payload);
    }

    /** A packet from the server. */
    public Dialogue server(int flags, long seq, long ack, int payload) {
        return send(false, flags, seq, ack, payload);
    }

    public Dialogue client(int flags, long seq, long ack) {
        return client(flags, seq, ack, 0);
    }

    public Dialogue server(int flags, long seq, long ack) {
        return server(flags, seq, ack, 0);
    }

    /** Uses another client port from now on. */
    public Dialogue clientPort(int port) {
        clientPort = port;
        return this;
    }

    private Dialogue send(boolean fromClient, int flags, long seq, long ack, int payload) {
        byte[] tcp = Frames.tcp(fromClient ? clientPort : 80, fromClient ? 80 : clientPort, seq, ack, flags, 64240,
                (flags & SYN) != 0 ? Bytes.fromHex("020405b4") : new byte[0], new byte[payload]);
        byte[] ip = Frames.withTcpChecksum(Frames.ipv4(fromClient ? "10.0.0.1" : "10.0.0.2",
                fromClient ? "10.0.0.2" : "10.0.0.1", 6, tcp));
        byte[] frame = Frames.ethernet(0x0800, ip);
        frames.add(frame);
        number++;
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length,
                1_700_000_000L, (int) (number * 1_000_000), 1);
        decoder.decode(record, number, packet);
        tracker.observe(packet);
        return this;
    }

    /** Ends the capture and returns the connections in stream order. */
    public List<TcpConnection> connections() {
        tracker.finishAll();
        finished.sort(Comparator.comparingLong(TcpConnection::stream));
        return finished;
    }

    /** The only connection. */
    public TcpConnection connection() {
        List<TcpConnection> all = connections();
        if (all.size() != 1) {
            throw new AssertionError("expected one connection, got " + all.size());
        }
        return all.get(0);
    }

    /** The frames built so far, for writing a capture file. */
    public List<byte[]> frames() {
        return frames;
    }
}
