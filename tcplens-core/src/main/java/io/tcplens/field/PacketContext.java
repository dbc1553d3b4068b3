package io.tcplens.field;

import io.tcplens.app.AppFrame;
import io.tcplens.app.QuicDatagram;
import io.tcplens.app.QuicTracker;
import io.tcplens.decode.DnsMessage;
import io.tcplens.decode.Packet;
import io.tcplens.decode.TcpHeader;
import io.tcplens.decode.UdpApplication;
import io.tcplens.flow.ArpDuplicates;
import io.tcplens.flow.ExpertFlag;
import io.tcplens.flow.IcmpEchoPairs;
import io.tcplens.flow.StreamFinals;
import io.tcplens.flow.TcpSequenceNumbering;
import java.util.List;

/** A decoded packet with what the stages after decoding know about it. Reused per packet. */
public final class PacketContext {
    Packet packet;
    TcpSequenceNumbering tcp;
    // Reference times as seconds and nanoseconds within the second, not one count of nanoseconds,
    // which a long holds only until 2262 (a capture may say any 64-bit number of seconds).
    long firstSeconds;
    int firstNano;
    long previousSeconds;
    int previousNano;
    long lastSeconds;
    int lastNano;
    boolean first = true;
    int focus = -1;
    StreamFinals finals;
    AppFrame app;
    private final IcmpEchoPairs echoes = new IcmpEchoPairs();
    private final io.tcplens.flow.UdpStreams udpStreams = new io.tcplens.flow.UdpStreams();
    private long echoRequestFrame;
    private final ArpDuplicates arpBindings = new ArpDuplicates();
    private long arpDuplicate = ArpDuplicates.NONE;
    Columns columns;
    private int timeDecimals = 6;
    /** The packet's DNS message, read when first asked for ({@link #dnsRead}). */
    private DnsMessage dns;
    private boolean dnsRead;
    /** The packet's DHCP, NTP, NBNS or SSDP summary, read when first asked for. */
    private UdpApplication udpApplication;
    private boolean udpApplicationRead;
    /** QUIC's connections across packets; read for every packet, in order, as Wireshark's first pass reads them. */
    private final QuicTracker quicTracker = new QuicTracker();
    private QuicDatagram quic;

    public PacketContext(TcpSequenceNumbering tcp) {
        this.tcp = tcp;
    }

    /** Sets the current packet; call in capture order (times are relative to the first). */
    public void set(Packet packet) {
        this.packet = packet;
        dns = null;
        dnsRead = false;
        udpApplication = null;
        udpApplicationRead = false;
        // A packet without a timestamp (pcapng simple packet block) still counts as time 0 for
        // the others' relative and delta times, as in tshark 4.0; only its own are absent. So do
        // the pcapng frames without a packet, with the times tshark gives them (PacketRecord).
        long nowSeconds = packet.record().epochSeconds();
        int nowNano = packet.record().nanos();
        if (first) {
            long reference = packet.record().firstFrameNanos();
            firstSeconds = reference != Long.MIN_VALUE ? Math.floorDiv(reference, NANOS) : nowSeconds;
            firstNano = reference != Long.MIN_VALUE ? (int) Math.floorMod(reference, NANOS) : nowNano;
            lastSeconds = nowSeconds;
            lastNano = nowNano;
            first = false;
        }
        long preceding = packet.record().precedingFrameNanos();
        previousSeconds = preceding != Long.MIN_VALUE ? Math.floorDiv(preceding, NANOS) : lastSeconds;
        previousNano = preceding != Long.MIN_VALUE ? (int) Math.floorMod(preceding, NANOS) : lastNano;
        lastSeconds = nowSeconds;
        lastNano = nowNano;
        echoRequestFrame = echoes.observe(packet);
        udpStreams.observe(packet);
        arpDuplicate = arpBindings.observe(packet);
        quic = quicTracker.read(packet);
    }

    /** Opens QUIC's Handshake and 1-RTT packets with the TLS secrets of this key log (the one TLS is opened with). */
    public void quicKeyLog(io.tcplens.app.TlsKeyLog log) { quicTracker.keyLog(log); }

    /** The packet's UDP datagram read as QUIC, or null when it is not QUIC. */
    public QuicDatagram quic() { return quic; }

    /** What the QUIC reading has to say after the capture (see {@link QuicTracker#notes}). */
    public List<String> quicNotes() { return quicTracker.notes(); }

    /** Who writes the summary line's columns for the {@code _ws.col.*} fields; without it they are absent. */
    public void columns(Columns columns) { this.columns = columns; }

    /** Decimals of the packet's time column: 6 for microsecond captures, 9 for nanosecond ones. */
    public void timeDecimals(int decimals) { timeDecimals = decimals; }

    public int timeDecimals() { return timeDecimals; }

    /** Echo requests forgotten unanswered because {@link IcmpEchoPairs#MAX_PENDING} were waiting. */
    public long echoRequestsForgotten() { return echoes.forgotten(); }

    /** The UDP conversations (udp.stream) of the packet's UDP headers. */
    public io.tcplens.flow.UdpStreams udpStreams() { return udpStreams; }

    /** For an ICMP or ICMPv6 echo reply, the frame number of the request it answers; otherwise 0. */
    public long echoRequestFrame() { return echoRequestFrame; }

    /** For an echo reply that answers a request ({@link #echoRequestFrame}), the time since it in billionths of a millisecond. */
    public long echoResponseBillionthsOfMs() {
        return echoes.responseBillionthsOfMs(packet.record().epochSeconds(), packet.record().nanos());
    }

    /**
     * For an ARP message that binds an IPv4 address to another MAC address than an earlier one
     * did, that address (unsigned); otherwise {@link ArpDuplicates#NONE}.
     */
    public long arpDuplicate() { return arpDuplicate; }

    /** IPv4 addresses whose ARP binding was forgotten because {@link ArpDuplicates#MAX_BINDINGS} were kept. */
    public long arpBindingsForgotten() { return arpBindings.forgotten(); }

    /** False when the packet has no timestamp: its time fields are absent and its time column empty. */
    public boolean timed() { return packet.record().timed(); }

    public Packet packet() { return packet; }

    /**
     * The DNS, mDNS or LLMNR message of the packet's UDP datagram (read once per packet), or the
     * last DNS message over TCP that ended in its segment (the one Wireshark's Info column shows);
     * null for none.
     */
    public DnsMessage dns() {
        if (!dnsRead) {
            // A UDP conversation Wireshark took for QUIC stays QUIC, whatever its ports.
            dns = quic != null ? null : DnsMessage.of(packet);
            List<DnsMessage> overTcp = dnsOverTcp();
            if (dns == null && !overTcp.isEmpty()) {
                dns = overTcp.get(overTcp.size() - 1);
            }
            dnsRead = true;
        }
        return dns;
    }

    /**
     * True when Wireshark shows the packet's payload as "data": no protocol it reads took it (DNS
     * and the other UDP protocols, TLS, SSH, HTTP, FTP, DNS over TCP), it is no segment of a record
     * or message that later segments complete, no retransmission that Wireshark's TCP hands to
     * no dissector ({@link ExpertFlag#payloadKeptFromDissectors}), and no reset's text.
     * frame.protocols, -V and -T json follow it.
     */
    public boolean payloadIsData() {
        DnsMessage m = dns();
        if (quic != null || UdpApplication.protocolOf(m, m == null ? udpApplication() : null) != null) {
            return false;
        }
        int t = packet.tcp();
        if (t < 0) {
            return true;
        }
        if (!packet.has(t, 0, TcpHeader.MIN_LENGTH)) {
            // A header the capture cut (tcpdump's tcp_header_heapoverflow.pcap keeps only its
            // ports): no flags to read, and no payload after it.
            return false;
        }
        if ((TcpHeader.flags(packet.buffer(t), packet.start(t)) & TcpHeader.RST) != 0) {
            // A reset's bytes are its cause, in text (RFC 1122, 4.2.2.12): tshark shows tcp.reset_cause, no data.
            return false;
        }
        if (app != null && app.number() == packet.number() && (app.protocolName() != null || app.http2() != null || app.payloadTakenSilently() || app.pdu() != AppFrame.Pdu.NONE)) {
            return false;
        }
        return !(tcp != null && tcp.known() && tcp.analysis() != null && tcp.analysis().analysed()
                && ExpertFlag.payloadKeptFromDissectors(tcp.analysis().flags()));
    }

    /** Every DNS message of the packet: its datagram's, or those over TCP that ended in its segment, in order. */
    public List<DnsMessage> dnsMessages() {
        DnsMessage m = dns();
        List<DnsMessage> overTcp = dnsOverTcp();
        return !overTcp.isEmpty() ? overTcp : m != null ? List.of(m) : List.of();
    }

    private List<DnsMessage> dnsOverTcp() {
        return app != null && app.number() == packet.number() && packet.tcp() >= 0 ? app.dnsMessages() : List.of();
    }

    /** The DHCP, NTP, NetBIOS name service or SSDP summary of the packet's UDP datagram, or null. */
    public UdpApplication udpApplication() {
        if (!udpApplicationRead) {
            udpApplication = quic != null ? null : UdpApplication.of(packet);
            udpApplicationRead = true;
        }
        return udpApplication;
    }

    /** What the application layer read in this packet; without it, application fields are absent. */
    public void app(AppFrame app) { this.app = app; }

    /** What the application layer read in this packet, or null when it did not run. */
    public AppFrame app() { return app; }

    /**
     * Restricts layer fields to one layer (for a per-layer view such as {@code -V});
     * -1 lifts the restriction.
     */
    public void focus(int layer) { focus = layer; }

    boolean inFocus(int layer) { return focus < 0 || focus == layer; }

    public TcpSequenceNumbering tcp() { return tcp; }

    /** Final per-stream values from a first pass; without them, values so far are used. */
    public void finals(StreamFinals finals) { this.finals = finals; }

    private static final long NANOS = 1_000_000_000L;

    /** Whole seconds since the first packet (tshark's frame.time_relative), rounded down; see {@link #relativeNano}. */
    public long relativeSeconds() { return since(firstSeconds, firstNano); }

    /** The nanoseconds after {@link #relativeSeconds} (0 to 999,999,999). */
    public int relativeNano() { return nanoSince(firstNano); }

    /** Whole seconds since the previous captured packet (frame.time_delta), rounded down; see {@link #deltaNano}. */
    public long deltaSeconds() { return since(previousSeconds, previousNano); }

    /** The nanoseconds after {@link #deltaSeconds} (0 to 999,999,999). */
    public int deltaNano() { return nanoSince(previousNano); }

    private long since(long seconds, int nano) {
        return packet.record().epochSeconds() - seconds - (packet.record().nanos() < nano ? 1 : 0);
    }

    private int nanoSince(int nano) {
        int d = packet.record().nanos() - nano;
        return d < 0 ? (int) (d + NANOS) : d;
    }
}
