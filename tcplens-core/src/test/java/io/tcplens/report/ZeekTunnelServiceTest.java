package io.tcplens.report;

import static io.tcplens.testing.Frames.ethernet;
import static io.tcplens.testing.Frames.ipv4;
import static io.tcplens.testing.Frames.tcp;
import static io.tcplens.testing.Frames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcplens.capture.PacketRecord;
import io.tcplens.decode.Packet;
import io.tcplens.decode.PacketDecoder;
import io.tcplens.decode.TcpHeader;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.testing.Bytes;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A UDP flow is named after a tunnel (Zeek's vxlan, geneve, gtpv1) only when the decoder found
 * that tunnel in it: Wireshark, and so tcplens's decoder, tries the lower port's protocol first,
 * so a query from port 4789 to port 53 is DNS (tshark 4.0 on these bytes), and Zeek's DNS
 * analyzer names it dns.
 */
class ZeekTunnelServiceTest {
    private final PacketDecoder decoder = new PacketDecoder();

    private DatagramFlows.Flow tunnelOrOwnFlow(byte[] frame) {
        PacketRecord record = new PacketRecord().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length, 1, 0, 1);
        Packet p = decoder.decode(record, 1, new Packet());
        DatagramFlows flows = new DatagramFlows(f -> { });
        DatagramFlows.Flow tunnel = flows.observeTunnel(p);
        DatagramFlows.Flow own = flows.observe(p);
        return tunnel != null ? tunnel : own;
    }

    @Test
    void aTunnelsFlowIsNamedOnlyWhenTheTunnelWasDecoded() {
        byte[] vxlan = new Bytes().u8(0x08).zeros(3).u8(0).u8(0).u8(42).u8(0)
                .raw(ethernet(0x0800, ipv4("10.9.0.1", "10.9.0.2", 6, tcp(40000, 80, 1, 0, TcpHeader.SYN, 5, new byte[0], new byte[0]))))
                .toArray();
        DatagramFlows.Flow tunnel = tunnelOrOwnFlow(ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(49152, 4789, vxlan))));
        assertThat(ZeekConnLog.service(tunnel)).isEqualTo("vxlan");

        DatagramFlows.Flow query = tunnelOrOwnFlow(ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(4789, 53, vxlan))));
        assertThat(query.tunnel()).isNull();
        assertThat(ZeekConnLog.service(query)).isEqualTo("dns");
    }
}
