package io.tcplens.report;

import io.tcplens.app.AppSession;
import io.tcplens.flow.TcpConnection;
import io.tcplens.flow.ZeekTcpConnection;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes Zeek's conn.log: the TSV header lines ({@code #separator}, {@code #fields},
 * {@code #types}, ...), one row per connection with Zeek's column names and formats, and the
 * {@code #close} line, so that zeek-cut and Zeek users' scripts read it unchanged.
 */
public final class ZeekConnLog {
    static final String FIELDS = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration"
            + "\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts"
            + "\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\tip_proto";
    static final String TYPES = "time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring"
            + "\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tcount";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final PrintWriter out;
    private final boolean vlanColumns;
    /** The rows of the last connection asked for. */
    private final ByteRow rows = new ByteRow();

    public ZeekConnLog(PrintWriter out) {
        this(out, false);
    }

    /** @param vlanColumns add Zeek's id.ctx.vlan and id.ctx.inner_vlan (VLAN-aware keying). */
    public ZeekConnLog(PrintWriter out, boolean vlanColumns) {
        this.out = out;
        this.vlanColumns = vlanColumns;
    }

    public void header(long openNanos) {
        out.print("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n");
        out.print("#open\t" + STAMP.format(Instant.ofEpochSecond(0, Math.max(0, openNanos))) + "\n");
        String fields = vlanColumns ? FIELDS.replace("id.resp_p\t", "id.resp_p\tid.ctx.vlan\tid.ctx.inner_vlan\t") : FIELDS;
        String types = vlanColumns ? TYPES.replaceFirst("port\taddr\tport\t", "port\taddr\tport\tint\tint\t") : TYPES;
        out.print("#fields\t" + fields + "\n#types\t" + types + "\n");
    }

    public void close(long closeNanos) {
        out.print("#close\t" + STAMP.format(Instant.ofEpochSecond(0, Math.max(0, closeNanos))) + "\n");
    }

    public void tcp(TcpConnection c) {
        out.print(tcpRows(c));
    }

    /**
     * The connection's rows, one per Zeek connection it was split into (none when Zeek would not
     * see it), as UTF-8 bytes in a row that the next call reuses: conns takes them to stream order
     * as they are (see {@link ByteRow}).
     */
    public ByteRow tcpRows(TcpConnection c) {
        ByteRow rows = this.rows.clear();
        if (c.hiddenFromZeek()) {
            // Zeek does not decode the layer that carries it (E-Tag, NSH, VXLAN-GPE, L2TP): it logs no row.
            return rows;
        }
        for (TcpConnection.ZeekRow row : c.zeekRows()) {
            tcp(rows, c, row.zeek(), row.originator());
        }
        return rows;
    }

    private void tcp(ByteRow row, TcpConnection c, ZeekTcpConnection z, int o) {
        int r = 1 - o;
        seconds(row, z.firstNanos()).append('\t').append(uid(c)).append('\t');
        ConnectionReport.address(row, c, o).append('\t').append(c.port(o)).append('\t');
        ConnectionReport.address(row, c, r).append('\t').append(c.port(r)).append('\t');
        if (vlanColumns) {
            row.append(c.vlan() < 0 ? "-" : Integer.toString(c.vlan())).append('\t')
                    .append(c.innerVlan() < 0 ? "-" : Integer.toString(c.innerVlan())).append('\t');
        }
        row.append("tcp\t").append(service(c, z)).append('\t');
        long duration = z.lastNanos() - z.firstNanos();
        if (duration > 0) {
            seconds(row, duration).append('\t').append(z.orig().size()).append('\t').append(z.resp().size()).append('\t');
        } else {
            row.append("-\t-\t-\t");
        }
        row.append(z.connState()).append('\t');
        row.append(local(c.address(o)) ? 'T' : 'F').append('\t').append(local(c.address(r)) ? 'T' : 'F').append('\t');
        row.append(z.orig().missedBytes() + z.resp().missedBytes()).append('\t');
        CharSequence history = z.historyText();
        row.append(history.length() == 0 ? "-" : history).append('\t');
        row.append(z.orig().packets()).append('\t').append(z.orig().ipBytes()).append('\t');
        row.append(z.resp().packets()).append('\t').append(z.resp().ipBytes()).append('\t');
        row.append(tunnelParents(row.scratch(), c.tunnelParents())).append("\t6\n");
    }

    /**
     * Zeek's service for one of its views of the connection: the protocol its analyzers
     * recognised, by the names of Zeek's analyzers (ssl, http, ftp, ftp-data, ssh); "-" for none.
     * Zeek's SSL, HTTP and SSH analyzers read nothing of a partial connection (one whose first
     * packet from the originator was not a bare SYN, or whose responder's was not a SYN: their
     * DeliverStream returns at once when TCP()->IsPartial()), so they never confirm it, whatever
     * its bytes say: on zeek/wikipedia.pcap, a request and its answer caught without their
     * handshake ("DdA") have no service in Zeek's baseline.
     */
    static String service(TcpConnection c, ZeekTcpConnection z) {
        if (!(c.application() instanceof AppSession app)) {
            return "-";
        }
        String text = app.textProtocol();
        boolean read = !z.partial();
        return switch (app.protocol()) {
            case TLS -> !read || !app.tls().confirmed() ? (text != null ? text : "-") : text != null ? text + ",ssl" : "ssl";
            // Zeek's HTTP analyzer confirms on a start line, not on the port.
            case HTTP -> read && app.httpShown() ? "http" : text != null ? text : "-";
            // The preface is a request line to Zeek's HTTP analyzer ("PRI * HTTP/2.0"; Zeek has no
            // HTTP/2 analyzer of its own): the same rule, unchecked against a Zeek baseline.
            case HTTP2 -> read ? "http" : "-";
            case FTP -> "ftp";
            case FTP_DATA -> "ftp-data";
            case SSH -> read && app.zeekSsh() ? "ssh" : "-";
            // Zeek's DNS analyzer reads TCP port 53 (not 5353, which it reads on UDP only).
            case DNS -> app.dnsRead() && (c.port(0) == 53 || c.port(1) == 53) ? "dns" : "-";
            case TEXT, UNKNOWN -> text != null ? text : "-";
            case UNDECIDED -> "-";
        };
    }

    /**
     * UDP on the ports of the protocols Zeek's DNS analyzer reads: DNS (53), NetBIOS name service
     * (137, RFC 1002), mDNS (5353, RFC 6762) and LLMNR (5355, RFC 4795); DHCP's (67, 68) and NTP's
     * (123), read by Zeek's analyzers of those names; and a tunnel's UDP flow,
     * named by Zeek's packet analyzer for it, when the decoder found that tunnel in it (so a query
     * from port 4789 to port 53 stays dns, as the decoder reads it).
     */
    static String service(io.tcplens.flow.DatagramFlows.Flow f) {
        if (f.protocol() != 17) {
            return "-";
        }
        if (f.tunnel() != null) {
            return switch (f.tunnel()) {
                case VXLAN -> "vxlan";
                case GENEVE -> "geneve";
                case GTP -> "gtpv1";
                case AYIYA -> "ayiya";
                case TEREDO -> "teredo";
                default -> "-";
            };
        }
        for (int side = 0; side < 2; side++) {
            int port = f.port(side);
            if (port == 53 || port == 137 || port == 5353 || port == 5355) {
                return "dns";
            }
        }
        // Zeek's DHCP (ports 67, 68) and NTP (123) analyzers, as its conn.log names them ("udp
        // dhcp ... SF ... Dd" for a request and its answer).
        for (int side = 0; side < 2; side++) {
            int port = f.port(side);
            if (port == 67 || port == 68) {
                return "dhcp";
            }
            if (port == 123) {
                return "ntp";
            }
        }
        return "-";
    }

    /** A UDP or ICMP flow's row (Zeek counts payload bytes; ICMP has no history). */
    public void datagram(io.tcplens.flow.DatagramFlows.Flow f) {
        if (f.hiddenFromZeek()) {
            return;
        }
        StringBuilder row = new StringBuilder(160);
        seconds(row, f.firstNanos()).append('\t').append(uid(f)).append('\t');
        row.append(address(f.address(0))).append('\t').append(f.port(0)).append('\t');
        row.append(address(f.address(1))).append('\t').append(f.port(1)).append('\t');
        if (vlanColumns) {
            row.append("-\t-\t");
        }
        row.append(f.protocol() == 17 ? "udp" : "icmp").append('\t').append(service(f)).append('\t');
        long duration = f.lastNanos() - f.firstNanos();
        if (duration > 0) {
            seconds(row, duration).append('\t').append(f.payload(0)).append('\t').append(f.payload(1)).append('\t');
        } else {
            row.append("-\t-\t-\t");
        }
        row.append(f.connState()).append('\t');
        row.append(local(f.address(0)) ? 'T' : 'F').append('\t').append(local(f.address(1)) ? 'T' : 'F').append('\t');
        row.append("0\t").append(f.history().isEmpty() ? "-" : f.history()).append('\t');
        row.append(f.packets(0)).append('\t').append(f.ipBytes(0)).append('\t');
        row.append(f.packets(1)).append('\t').append(f.ipBytes(1)).append('\t');
        tunnelParents(row, f.tunnelParents()).append('\t').append(f.protocol());
        out.print(row.append('\n'));
    }

    /** Zeek's tunnel_parents: the uids of the tunnels' UDP flows (a set, comma-separated), or "-". */
    private static StringBuilder tunnelParents(StringBuilder row, java.util.List<io.tcplens.flow.DatagramFlows.Flow> parents) {
        if (parents.isEmpty()) {
            return row.append('-');
        }
        for (int i = 0; i < parents.size(); i++) {
            row.append(i == 0 ? "" : ",").append(uid(parents.get(i)));
        }
        return row;
    }

    private static String uid(io.tcplens.flow.DatagramFlows.Flow f) {
        return uid(0x9E3779B97F4A7C15L ^ f.firstNanos() ^ ((long) f.port(0) << 20) ^ f.port(1) ^ ((long) f.protocol() << 40),
                f.address(0), f.address(1));
    }

    /** Zeek's time and interval format: seconds with six decimals. */
    public static StringBuilder seconds(StringBuilder out, long nanos) {
        long micros = roundedMicros(nanos);
        out.append(Math.floorDiv(micros, 1_000_000)).append('.');
        long fraction = Math.floorMod(micros, 1_000_000);
        for (long digit = 100_000; digit > 0; digit /= 10) {
            out.append((char) ('0' + fraction / digit % 10));
        }
        return out;
    }

    /** The same format into a byte row. */
    public static ByteRow seconds(ByteRow out, long nanos) {
        long micros = roundedMicros(nanos);
        return out.append(Math.floorDiv(micros, 1_000_000)).append('.').appendPadded(Math.floorMod(micros, 1_000_000), 6);
    }

    /** Microseconds, half a microsecond up (Zeek prints times to the microsecond). */
    private static long roundedMicros(long nanos) {
        return Math.floorDiv(nanos + 500, 1000);
    }

    /** A stable connection id in Zeek's form ("C" and 17 base-62 characters), derived from the connection. */
    static String uid(TcpConnection c) {
        return uid(0x9E3779B97F4A7C15L * (c.stream() + 1) ^ c.firstNanos() ^ ((long) c.port(0) << 16) ^ c.port(1),
                c.address(0), c.address(1));
    }

    private static String uid(long seed, byte[] a, byte[] b) {
        long h = seed;
        for (byte x : a) {
            h = (h ^ x) * 0x100000001B3L;
        }
        for (byte x : b) {
            h = (h ^ x) * 0x100000001B3L;
        }
        StringBuilder uid = new StringBuilder("C");
        for (int i = 0; i < 17; i++) {
            uid.append(BASE62[Math.floorMod(h, 62)]);
            h = Long.rotateRight(h, 6) * 0xBF58476D1CE4E5B9L + i;
        }
        return uid.toString();
    }

    /** An address as Zeek and tshark print it: dotted IPv4, or RFC 5952 IPv6 (zeros compressed). */
    public static String address(byte[] raw) {
        return io.tcplens.decode.AddressText.of(raw);
    }

    /**
     * Zeek's local_orig/local_resp with its default Site::local_nets, the private and
     * special-purpose ranges (RFC 1918, RFC 6598, loopback, link-local, documentation and
     * benchmarking nets, 240/4, the local network control multicast block 224.0.0.0/24;
     * RFC 4193, fe80::/10, ::1, 2001:db8::/32). Zeek's baseline for wikipedia.pcap shows
     * 224.0.0.251 local and ff02::fb not.
     */
    static boolean local(byte[] a) {
        if (a.length == 4) {
            int b0 = a[0] & 0xFF;
            int b1 = a[1] & 0xFF;
            int b2 = a[2] & 0xFF;
            return b0 == 0 || b0 == 10 || b0 == 127 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)
                    || (b0 == 100 && b1 >= 64 && b1 <= 127) || (b0 == 169 && b1 == 254)
                    || (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) || (b0 == 198 && (b1 == 18 || b1 == 19))
                    || (b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)
                    || (b0 == 224 && b1 == 0 && b2 == 0) || b0 >= 240;
        }
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        boolean zeroPrefix = true;
        for (int i = 0; i < 15; i++) {
            zeroPrefix &= a[i] == 0;
        }
        boolean documentation = b0 == 0x20 && b1 == 0x01 && (a[2] & 0xFF) == 0x0D && (a[3] & 0xFF) == 0xB8;
        return (b0 & 0xFE) == 0xFC || (b0 == 0xFE && (b1 & 0xC0) == 0x80) || (zeroPrefix && (a[15] == 1 || a[15] == 0))
                || documentation;
    }
}
