package io.tcplens.cli;

import io.tcplens.capture.CaptureFormatException;
import io.tcplens.capture.CaptureReader;
import io.tcplens.decode.AddressText;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.PayloadStream;
import io.tcplens.flow.TcpPayloadStreams;
import io.tcplens.flow.TcpSequenceNumbering;
import io.tcplens.report.FollowReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tcplens follow}: one TCP stream's payload in order, as tshark's -z follow,tcp prints it. */
@Command(name = "follow", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show one TCP connection's data, both directions in order, as tshark -z follow,tcp,MODE,N does "
                + "(with --tls, the TLS records' data a key log opens, as -z follow,tls,MODE,N).")
final class FollowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", required = true, description = "Capture to read; - for standard input.")
    String file;

    @Option(names = "--stream", paramLabel = "N", required = true, description = "The connection's tcp.stream number.")
    long stream;

    @Option(names = "--format", paramLabel = "MODE", description = "ascii (default), hex or raw.")
    FollowReport.Mode mode = FollowReport.Mode.ascii;

    @Option(names = "--tls", description = "Follow the TLS stream: the application data of each record the key log "
            + "(--tls-keylog, or the capture's own secrets) opens, as tshark -z follow,tls does.")
    boolean tls;

    @picocli.CommandLine.Mixin
    TlsKeyOptions tlsKeys;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        io.tcplens.app.AppLayer withKeys = tlsKeys.appLayer(err);
        if (withKeys == null) {
            return Main.EXIT_USAGE;
        }
        CaptureReader opened = CaptureInput.open(file, err);
        if (opened == null) {
            return Main.EXIT_DAMAGED_INPUT;
        }
        FollowReport report = new FollowReport(out, mode);
        // With --tls, the application data of the records the key log opens instead of the
        // segments' bytes. Node 0 is then, as in tshark 4.0's follow,tls, the side whose record was
        // opened first (in TLS 1.3 the server, whose handshake flight is protected); tshark names
        // node 1 ":0" (its TLS tap fills in only node 0), tcplens names its endpoint.
        String[] endpoints = new String[2];
        int firstSide = -1;
        int[] nodeZero = {-1};
        io.tcplens.app.AppLayer app = null;
        if (tls) {
            app = withKeys.tlsPlaintext((side, plain, length, applicationData, frame) -> {
                if (nodeZero[0] < 0) {
                    nodeZero[0] = side;
                    report.header("tls", stream, endpoints[side], endpoints[1 - side]);
                }
                if (applicationData && length > 0) {
                    report.chunk(side == nodeZero[0] ? 0 : 1, ByteBuffer.wrap(plain, 0, length), 0, length);
                }
            });
            app.listen(opened);
        }
        TcpPayloadStreams streams = new TcpPayloadStreams(null);
        // By side (FlowKey order): node 0 is the side that sent the stream's first packet.
        PayloadStream.Receiver[] receivers = new PayloadStream.Receiver[2];
        int status = 0;
        boolean found = false;
        TcpSequenceNumbering numbering = new TcpSequenceNumbering();
        try (CaptureReader reader = opened) {
            PacketDecoder decoder = new PacketDecoder();
            Packet packet = new Packet();
            while (reader.next()) {
                decoder.decode(reader.record(), reader.record().frameNumber(), packet);
                numbering.observe(packet);
                if (!numbering.known() || numbering.conversation().stream() != stream) {
                    continue;
                }
                if (!found) {
                    found = true;
                    int side = numbering.direction();
                    firstSide = side;
                    receivers[side] = receiver(report, 0);
                    receivers[1 - side] = receiver(report, 1);
                    endpoints[side] = endpoint(packet, true);
                    endpoints[1 - side] = endpoint(packet, false);
                    if (!tls) {
                        report.header("tcp", stream, endpoints[side], endpoints[1 - side]);
                    }
                }
                if (app != null) {
                    app.observe(packet, numbering);
                } else {
                    streams.observe(packet, numbering, receivers);
                }
            }
        } catch (CaptureFormatException e) {
            out.flush();
            err.println("tcplens: " + e.getMessage());
            status = Main.EXIT_DAMAGED_INPUT;
        }
        CaptureInput.tellOddities(opened, err);
        if (!found) {
            err.println("tcplens: " + file + " has no TCP stream " + stream + " (tcp.stream counts from 0)");
            return status != 0 ? status : Main.EXIT_USAGE;
        }
        if (app != null) {
            TlsKeyOptions.reportUnmatched(app.tlsKeyLog(), err);
        }
        if (tls && nodeZero[0] < 0) {
            // Nothing was opened (no key for it, or no TLS): the header alone, nodes in packet order.
            report.header("tls", stream, endpoints[firstSide], endpoints[1 - firstSide]);
        }
        report.footer();
        out.flush();
        return status;
    }

    /** The packet's TCP source or destination as "address:port", an IPv6 address in brackets, as tshark's follow names nodes. */
    private static String endpoint(Packet packet, boolean source) {
        int tcp = packet.tcp();
        int port = source ? TcpHeader.sourcePort(packet.buffer(tcp), packet.start(tcp))
                : TcpHeader.destinationPort(packet.buffer(tcp), packet.start(tcp));
        return AddressText.appendEndpoint(new StringBuilder(), DatagramFlows.address(packet, packet.network(), source), port).toString();
    }

    private static PayloadStream.Receiver receiver(FollowReport report, int node) {
        return new PayloadStream.Receiver() {
            @Override
            public void bytes(ByteBuffer buffer, int from, int count, long offset) {
                report.chunk(node, buffer, from, count);
            }

            @Override
            public void gap(long offset, long count, boolean cut) {
                // tshark shows what a snapshot length kept and says nothing of the rest.
                if (!cut) {
                    report.missing(node, count);
                }
            }
        };
    }
}
