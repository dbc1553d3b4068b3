package io.tcplens.flow;

import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;

/**
 * Both directions of one TCP connection put back in order: how each segment feeds them. Its data
 * (not a RST's, which is diagnostic text) goes to its sender's stream; its FIN marks where that
 * stream ends; its acknowledgment tells the other stream what the receiver got, so that what it
 * acknowledged and the capture never showed becomes a gap.
 */
public final class TcpPayloadStreams {
    private final PayloadStream[] streams;

    /** @param budget what all connections' streams may hold together; null for no shared limit */
    public TcpPayloadStreams(ReassemblyBudget budget) {
        streams = new PayloadStream[] {new PayloadStream(budget), new PayloadStream(budget)};
    }

    /**
     * Takes the packet's own TCP segment, after {@code numbering.observe(packet)}: the sender's
     * stream delivers to {@code receivers[sender side]}, the other to the other.
     */
    public void observe(Packet packet, TcpSequenceNumbering numbering, PayloadStream.Receiver[] receivers) {
        observe(packet, numbering, receivers, true);
    }

    /**
     * As {@link #observe(Packet, TcpSequenceNumbering, PayloadStream.Receiver[])}; without {@code
     * data}, the segment's payload is left out (its FIN and acknowledgment still count), as
     * Wireshark's reassembly leaves out a spurious retransmission.
     */
    public void observe(Packet packet, TcpSequenceNumbering numbering, PayloadStream.Receiver[] receivers, boolean data) {
        int side = numbering.direction();
        int tcp = packet.tcp();
        int flags = TcpHeader.flags(packet.buffer(tcp), packet.start(tcp));
        int length = packet.payloadLength(tcp);
        if (data && length > 0 && (flags & TcpHeader.RST) == 0) {
            streams[side].segment(numbering.relativeDataSeq(), packet.buffer(tcp), packet.payloadStart(tcp),
                    packet.payloadCaptured(tcp), length, receivers[side]);
        }
        if ((flags & TcpHeader.FIN) != 0) {
            streams[side].finished(numbering.relativeDataSeq() + length);
        }
        if ((flags & TcpHeader.ACK) != 0) {
            streams[1 - side].acknowledged((int) numbering.relativeAck(), receivers[1 - side]);
        }
    }

    /** One direction (FlowKey order): its gaps and conflicting retransmissions. */
    public PayloadStream stream(int side) { return streams[side]; }

    /** The connection is dropped: what the streams hold goes back to the budget. */
    public void release() {
        streams[0].release();
        streams[1].release();
    }
}
