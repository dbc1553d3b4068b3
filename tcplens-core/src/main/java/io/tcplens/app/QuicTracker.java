package io.tcplens.app;

import io.tcplens.decode.AddressText;
import io.tcplens.decode.Packet;
import io.tcplens.decode.UdpApplication;
import io.tcplens.flow.DatagramFlows;
import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads UDP datagrams as QUIC the way Wireshark 4.0's QUIC dissector does on its first pass
 * (packet-quic.c), in capture order, so that each summary line says what tshark's does:
 *
 * <ul>
 *   <li>A datagram is QUIC when its UDP conversation (addresses and ports) was taken for QUIC
 *       before, or when no protocol tcplens knows by port claims it and it looks like QUIC: a long
 *       header of a version Wireshark knows from draft 11 on with connection IDs of at most 20
 *       bytes, or a short header whose Destination Connection ID belongs to a known connection
 *       (a connection that moved to other addresses). Wireshark registers QUIC on no port.</li>
 *   <li>Connections are found by their connection IDs (RFC 9000, section 5.2): a client's first
 *       Initial packet makes one; the server's first Initial, Handshake or Retry names the server's
 *       ID; a client's Initial after a Retry starts the keys again.</li>
 *   <li>Initial packets are opened with the keys their client's first Destination Connection ID
 *       gives (RFC 9001, section 5.2; {@link QuicKeys}): the packet number and the frames show.
 *       Handshake and 1-RTT packets open with the TLS 1.3 secrets a key log holds for the
 *       connection ({@link #keyLog}); without them (and 0-RTT packets always) they show their
 *       header only, as tshark shows them. On an "h3" connection HTTP/3 names its frames
 *       ({@link Http3Streams}).</li>
 *   <li>CRYPTO frames hand their data to TLS (a "tls" in frame.protocols) when it comes in order;
 *       a retransmission does not, nor data after a gap until the gap is filled.</li>
 * </ul>
 *
 * <p>State is bounded: at most {@link #MAX_CONNECTIONS} connections and as many conversations are
 * kept, the oldest forgotten first (and counted); a connection is found by at most {@link
 * #MAX_IDS} connection IDs; CRYPTO data waiting for a gap or for the rest of a message takes at
 * most 64 KiB a stream and {@link ReassemblyBudget#DEFAULT_BYTES} for all together (beyond, the
 * stream's messages are no longer read).
 */
public final class QuicTracker {
    public static final int MAX_CONNECTIONS = 100_000;
    /** RFC 9000, section 17.2: a connection ID is at most 20 bytes in version 1 (Wireshark's QUIC_MAX_CID_LENGTH). */
    static final int MAX_CID = 20;
    private static final HexFormat HEX = HexFormat.of();

    /** Why the reading of a datagram stopped early: the capture cut it, or it ended before what it announced. */
    private static final class Stop extends RuntimeException {
        final boolean cut;

        Stop(boolean cut) {
            super(null, null, false, false);
            this.cut = cut;
        }
    }

    /** A QUIC connection, as Wireshark's quic_info_data_t keeps it. */
    private static final class Connection {
        int version;
        /** The UDP conversation it was made on. */
        String conversation;
        /** Wireshark's quic.connection.number: 0, 1, 2, ... by first Initial. */
        long number;
        /** The endpoints ("address:port"): the client sent the first Initial, to the server. */
        String client;
        String server;
        /** The first ClientHello and ServerHello its CRYPTO frames carried (its key log entry, its suite; the tls command). */
        TlsHandshake clientHello;
        TlsHandshake serverHello;
        /** The server's Certificate, from Handshake packets a key log opened (the tls command). */
        TlsHandshake certificate;
        /** Connection IDs each side named in NEW_CONNECTION_ID frames, after its first. */
        final List<byte[]> moreClientCids = new ArrayList<>();
        final List<byte[]> moreServerCids = new ArrayList<>();
        /** Keys from the key log's secrets, by side (0 client, 1 server); null where none. */
        final QuicKeys[] handshakeKeys = new QuicKeys[2];
        final QuicKeys[] applicationKeys = new QuicKeys[2];
        /** The key phase bit each side's application keys are for (RFC 9001, section 6). */
        final int[] keyPhase = new int[2];
        boolean secretsFound;
        /** The ALPN the server's EncryptedExtensions chose (null: not seen), and HTTP/3's reading when it is "h3". */
        String alpn;
        Http3Streams http3;
        /** The Destination Connection ID of the client's first Initial (after a Retry: of the Initial that answered it); null when cleared. */
        byte[] clientInitialDcid;
        /** The client's first Source Connection ID, and the server's (empty: none yet). */
        byte[] clientCid = new byte[0];
        byte[] serverCid = new byte[0];
        QuicKeys clientInitial;
        QuicKeys serverInitial;
        /** The packet number last opened, per side and number space (Wireshark keeps the last, not the largest). */
        final long[][] lastPacketNumber = new long[2][3];
        /** CRYPTO reassembly per side and packet type (Initial, 0-RTT, Handshake, 1-RTT). */
        final CryptoStream[][] crypto = new CryptoStream[2][QuicPacketType.values().length];
        /** The IDs (hex) the tables find it by, to take them out when it is forgotten; at most {@link #MAX_IDS}. */
        final List<String> keys = new ArrayList<>();

        CryptoStream crypto(boolean fromServer, QuicPacketType type, QuicTracker tracker) {
            int side = fromServer ? 1 : 0;
            if (crypto[side][type.ordinal()] == null) {
                crypto[side][type.ordinal()] = tracker.new CryptoStream();
            }
            return crypto[side][type.ordinal()];
        }
    }

    /**
     * One side's CRYPTO stream at one encryption level, as far as Wireshark's desegment_quic_crypto
     * decides whether TLS is called: data up to {@code contiguous} arrived without a gap; once a
     * gap opens, the data after it (and any that follows, in order or not) is held from the gap's
     * start ({@code heldFrom}) to the furthest end seen ({@code heldTo}), and goes to TLS in the
     * frame that makes that whole range arrive. The bytes TLS gets are read as handshake messages
     * (RFC 9001, section 4: CRYPTO frames carry them without records), each shown in the frame
     * where it ends.
     */
    private final class CryptoStream {
        /** Bytes held or waiting for the rest of a message, at most: a ClientHello is a few KB. */
        static final int MAX_BUFFERED = 64 << 10;
        long contiguous;
        long heldFrom;
        /** -1: nothing held. */
        long heldTo = -1;
        /** The held data, by where each piece starts. */
        final java.util.TreeMap<Long, byte[]> held = new java.util.TreeMap<>();
        int heldBytes;
        /** Bytes TLS got that do not complete a message yet. */
        byte[] pending = new byte[0];
        /** More than {@link #MAX_BUFFERED} (or than the budget's room) would have been kept: no more messages are read from this stream. */
        boolean overflowed;

        /** No more is read from this stream (counted once, for the notes). */
        private void cut() {
            if (!overflowed) {
                overflowed = true;
                streamsCut++;
            }
        }

        /** Gives its bytes back to the budget (its connection is forgotten). */
        void release() {
            budget.give(heldBytes + pending.length);
            heldBytes = 0;
            held.clear();
            pending = new byte[0];
        }

        /**
         * Takes a frame's data at {@code offset}; true when TLS is called in this frame (with the
         * data, or with the held data it completes). Messages that end go to {@code messages}.
         */
        boolean take(long offset, byte[] data, List<TlsHandshake> messages) {
            long end = offset + data.length;
            if (end <= contiguous) {
                return false; // a retransmission
            }
            // An overlap is trimmed to the new bytes.
            long start = Math.max(offset, contiguous);
            byte[] fresh = start == offset ? data : java.util.Arrays.copyOfRange(data, (int) (start - offset), data.length);
            if (heldTo >= 0) {
                // After a gap everything joins the held data until the range from the gap's start is whole.
                heldTo = Math.max(heldTo, end);
                hold(start, fresh);
                long reach = heldFrom;
                for (Map.Entry<Long, byte[]> e : held.entrySet()) {
                    if (e.getKey() <= reach) {
                        reach = Math.max(reach, e.getKey() + e.getValue().length);
                    }
                }
                if (start == contiguous) {
                    contiguous = reach;
                }
                if (reach < heldTo) {
                    return false;
                }
                contiguous = Math.max(contiguous, heldTo);
                byte[] whole = new byte[(int) (heldTo - heldFrom)];
                for (Map.Entry<Long, byte[]> e : held.entrySet()) {
                    System.arraycopy(e.getValue(), 0, whole, (int) (e.getKey() - heldFrom), e.getValue().length);
                }
                heldTo = -1;
                held.clear();
                budget.give(heldBytes);
                heldBytes = 0;
                deliver(whole, messages);
                return true;
            }
            if (start > contiguous) {
                heldFrom = contiguous;
                heldTo = end;
                hold(start, fresh);
                return false;
            }
            contiguous = end;
            deliver(fresh, messages);
            return true;
        }

        private void hold(long start, byte[] bytes) {
            byte[] before = held.get(start);
            if (before != null && before.length >= bytes.length) {
                return;
            }
            int more = bytes.length - (before == null ? 0 : before.length);
            if (overflowed || heldBytes + more > MAX_BUFFERED || !budget.take(more)) {
                cut();
                return;
            }
            heldBytes += more;
            held.put(start, bytes);
        }

        /**
         * Reads the messages the new bytes complete (type, 24-bit length, body; RFC 8446, section
         * 4). Bytes that start no message under way and look encrypted to Wireshark (TlsSession's
         * looksEncrypted: 16 or more, five zeros first, an unnamed type or a length of 64 KiB or
         * more) are one "Encrypted Handshake Message" to it, and kept for nothing.
         */
        private void deliver(byte[] bytes, List<TlsHandshake> messages) {
            if (overflowed || pending.length + bytes.length > MAX_BUFFERED) {
                cut();
                return;
            }
            if (pending.length == 0 && TlsSession.looksEncrypted(bytes, bytes.length, true)) {
                return;
            }
            byte[] all = java.util.Arrays.copyOf(pending, pending.length + bytes.length);
            System.arraycopy(bytes, 0, all, pending.length, bytes.length);
            int at = 0;
            while (all.length - at >= 4) {
                int length = ((all[at + 1] & 0xFF) << 16) | ((all[at + 2] & 0xFF) << 8) | (all[at + 3] & 0xFF);
                if (all.length - at - 4 < length) {
                    break;
                }
                byte[] body = java.util.Arrays.copyOfRange(all, at + 4, at + 4 + length);
                // QUIC carries TLS 1.3 only (RFC 9001, section 4.2).
                TlsHandshake m = new TlsHandshake(all[at] & 0xFF, body, false, true);
                m.overQuic();
                messages.add(m);
                at += 4 + length;
            }
            byte[] rest = java.util.Arrays.copyOfRange(all, at, all.length);
            if (!budget.take(rest.length)) {
                cut();
                rest = new byte[0];
            }
            budget.give(pending.length);
            pending = rest;
        }
    }

    /** Client CIDs (a server's packets are sent to them), server CIDs, first client DCIDs: hex to connection. */
    private final Map<String, Connection> clientConnections = new HashMap<>();
    private final Map<String, Connection> serverConnections = new HashMap<>();
    private final Map<String, Connection> initialConnections = new HashMap<>();
    /** Connections, oldest first, for the cap. */
    private final LinkedHashMap<Connection, Boolean> connections = new LinkedHashMap<>();
    /** UDP conversations taken for QUIC, with the last connection made on each (null: none yet). */
    private final LinkedHashMap<String, Connection> conversations = new LinkedHashMap<>();
    /** Lengths of the connection IDs known, a bit each (Wireshark's quic_cid_lengths). */
    private int cidLengths;
    private long forgotten;
    private long faults;
    private String firstFault;
    /** CRYPTO and HTTP/3 streams not read further because their data passed a cap. */
    private long streamsCut;
    /** TLS secrets for Handshake and 1-RTT packets (null: none), the same log TLS over TCP is opened with. */
    private TlsKeyLog keyLog;
    /** CRYPTO data held for gaps and unfinished handshake messages, all connections together. */
    private final ReassemblyBudget budget = new ReassemblyBudget(ReassemblyBudget.DEFAULT_BYTES);
    private long created;


    /**
     * Opens Handshake and 1-RTT packets with the TLS 1.3 secrets the key log holds for a
     * connection's ClientHello random (a file's, or a pcapng's decryption secrets blocks added as
     * they are read), as Wireshark does with the same log.
     */
    public QuicTracker keyLog(TlsKeyLog log) {
        this.keyLog = log;
        return this;
    }

    /**
     * Makes the connection's Handshake and 1-RTT keys once its hellos are known and the key log
     * has its secrets; true when they are made (a log filled later is asked again).
     */
    private boolean secrets(Connection c) {
        if (c.secretsFound) {
            return true;
        }
        if (keyLog == null || c.clientHello == null || c.serverHello == null || c.serverHello.cipherSuites().length == 0) {
            return false;
        }
        TlsKeyLog.Secrets s = keyLog.forClientRandom(c.clientHello.random);
        if (s == null) {
            return false;
        }
        int suite = c.serverHello.cipherSuites()[0];
        c.handshakeKeys[0] = QuicKeys.fromSecret(suite, s.clientHandshake, c.version);
        c.handshakeKeys[1] = QuicKeys.fromSecret(suite, s.serverHandshake, c.version);
        c.applicationKeys[0] = QuicKeys.fromSecret(suite, s.clientApplication, c.version);
        c.applicationKeys[1] = QuicKeys.fromSecret(suite, s.serverApplication, c.version);
        c.secretsFound = true;
        keyLog.matched();
        return true;
    }

    /** Takes the first ClientHello the client sent and the first ServerHello the server sent. */
    private static void noteHellos(Connection c, List<TlsHandshake> messages, boolean fromServer) {
        if (c == null) {
            return;
        }
        for (TlsHandshake m : messages) {
            if (m.type() == TlsHandshake.CLIENT_HELLO && !fromServer && c.clientHello == null) {
                c.clientHello = m;
            } else if (m.type() == TlsHandshake.SERVER_HELLO && fromServer && c.serverHello == null) {
                c.serverHello = m;
            } else if (m.type() == TlsHandshake.ENCRYPTED_EXTENSIONS && fromServer && c.alpn == null && !m.alpn().isEmpty()) {
                c.alpn = m.alpn().get(0);
            } else if (m.type() == TlsHandshake.CERTIFICATE && fromServer && c.certificate == null) {
                c.certificate = m;
            }
        }
    }

    /** CRYPTO bytes held now, all streams together. */
    long bufferedBytes() { return budget.used(); }

    /** Connection IDs the tables hold now, all connections together. */
    int connectionIds() { return clientConnections.size() + serverConnections.size() + initialConnections.size(); }

    /** The QUIC reading of the packet's UDP datagram, or null when it is not QUIC. Call for every packet, in capture order. */
    public QuicDatagram read(Packet p) {
        try {
            return readDatagram(p);
        } catch (RuntimeException fault) {
            // A bug (no input should reach one): the datagram stays UDP to the views, every other
            // packet goes on, and the commands say it happened (notes).
            if (faults++ == 0) {
                firstFault = "frame " + p.number() + ": " + fault;
            }
            return null;
        }
    }

    private QuicDatagram readDatagram(Packet p) {
        UdpApplication.Payload d = UdpApplication.Payload.of(p);
        if (d == null) {
            return null;
        }
        int u = p.udp();
        int ip = p.ipBefore(u);
        if (u < 0 || ip < 0) {
            return null;
        }
        ByteBuffer b = d.buffer();
        if (conversations.isEmpty() && (d.protocol() != null || d.captured() - d.start() < 13 || (b.get(d.start()) & 0x80) == 0)) {
            // No QUIC yet, and no long header that could start it: spare the conversation's key (most UDP traffic).
            return null;
        }
        String source = AddressText.appendEndpoint(new StringBuilder(), DatagramFlows.address(p, ip, true),
                b.getShort(p.start(u)) & 0xFFFF).toString();
        String destination = AddressText.appendEndpoint(new StringBuilder(), DatagramFlows.address(p, ip, false),
                b.getShort(p.start(u) + 2) & 0xFFFF).toString();
        String conversation = source.compareTo(destination) < 0 ? source + " " + destination : destination + " " + source;
        Datagram g = new Datagram(b, d.start(), d.captured(), d.reported(), source, destination, conversation);
        if (!conversations.containsKey(conversation)) {
            if (d.protocol() != null || !looksLikeQuic(g)) {
                return null;
            }
            remember(conversation, null);
        }
        return dissect(g);
    }

    /**
     * What a command says after reading, one message each ("warning: ..." or "note: ..."): an
     * internal error that stopped the reading of datagrams (a bug), connections forgotten at the
     * cap, and the shared reassembly memory running full (bounded tables tell what they dropped).
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>(3);
        if (faults > 0) {
            notes.add("warning: an internal error stopped the reading of " + faults + " QUIC datagrams (shown as UDP; "
                    + "every other packet went on; please report it); the first: " + firstFault);
        }
        if (forgotten > 0) {
            notes.add("note: " + forgotten + " QUIC connections or conversations were forgotten (at most " + MAX_CONNECTIONS
                    + " of each are kept, the oldest go first): a later packet of one is read as a new one, or not as "
                    + "QUIC, and tls does not list a forgotten connection");
        }
        if (streamsCut > 0) {
            notes.add("note: " + streamsCut + " QUIC streams were not read further: their CRYPTO or HTTP/3 data waiting "
                    + "for a gap to fill or a message to end passed " + (CryptoStream.MAX_BUFFERED >> 10) + " KiB, or the "
                    + (budget.max() >> 20) + " MiB QUIC's reassembly shares");
        }
        return notes;
    }

    /** A datagram's bytes and where it came from. */
    private record Datagram(ByteBuffer b, int start, int captured, int reported, String source, String destination,
                            String conversation) {
        int u8(int at, int end) {
            if (at >= Math.min(captured, end)) {
                throw new Stop(at < end && captured < reported);
            }
            return b.get(at) & 0xFF;
        }

        long u32(int at, int end) {
            return ((long) u8(at, end) << 24) | (u8(at + 1, end) << 16) | (u8(at + 2, end) << 8) | u8(at + 3, end);
        }

        byte[] bytes(int at, int length, int end) {
            if (length > 0) {
                u8(at + length - 1, end);
            }
            byte[] out = new byte[length];
            b.get(at, out);
            return out;
        }

        /** A variable-length integer (RFC 9000, section 16) at {@code at}: value and length in {@code out}. */
        long varint(int at, int end, int[] length) {
            int first = u8(at, end);
            int n = 1 << (first >> 6);
            long v = first & 0x3F;
            for (int i = 1; i < n; i++) {
                v = (v << 8) | u8(at + i, end);
            }
            length[0] = n;
            return v;
        }
    }

    /** Takes the UDP conversation for QUIC, with the last connection made on it (null: none yet). */
    private void remember(String conversation, Connection c) {
        conversations.put(conversation, c);
        if (conversations.size() > MAX_CONNECTIONS) {
            Iterator<String> eldest = conversations.keySet().iterator();
            eldest.next();
            eldest.remove();
            forgotten++;
        }
    }

    /** Wireshark's dissect_quic_heur: a long header of a known version with sane ID lengths, or a short one to a known ID. */
    private boolean looksLikeQuic(Datagram g) {
        int length = g.captured() - g.start();
        if (length < 13) {
            return false;
        }
        int at = g.start();
        int first = g.b().get(at) & 0xFF;
        if ((first & 0x80) == 0) {
            if (cidLengths == 0 || length < 1 + 1 + 1 + 16) {
                return false;
            }
            byte[] dcid = new byte[Math.min(MAX_CID, length - 1 - 1 - 16)];
            g.b().get(at + 1, dcid);
            return find(g, QuicPacketType.SHORT, dcid, new boolean[1]) != null;
        }
        int version = g.b().getInt(at + 1);
        if (QuicVersions.draft(version) < 11) {
            return false;
        }
        int dcil = g.b().get(at + 5) & 0xFF;
        if (dcil > MAX_CID) {
            return false;
        }
        int scidAt = at + 6 + dcil;
        return scidAt < g.captured() && (g.b().get(scidAt) & 0xFF) <= MAX_CID;
    }

    /** Wireshark's dissect_quic: the connection, then each coalesced packet; the Info column as the last packet leaves it. */
    private QuicDatagram dissect(Datagram g) {
        StringBuilder info = new StringBuilder();
        List<QuicDatagram.Packet> packets = new ArrayList<>();
        List<TlsHandshake> messages = new ArrayList<>();
        List<String> layers = new ArrayList<>(2);
        Connection c = null;
        boolean[] fromServer = new boolean[1];
        String mark = null;
        try {
            int at = g.start();
            int first = g.u8(at, g.reported());
            boolean longHeader = (first & 0x80) != 0;
            QuicPacketType type = QuicPacketType.SHORT;
            int version = 0;
            byte[] dcid;
            byte[] scid = new byte[0];
            if (longHeader) {
                version = (int) g.u32(at + 1, g.reported());
                type = QuicVersions.longType(first, version);
                int dcil = g.u8(at + 5, g.reported());
                dcid = dcil <= MAX_CID ? g.bytes(at + 6, dcil, g.reported()) : new byte[0];
                int scil = g.u8(at + 6 + dcil, g.reported());
                scid = scil <= MAX_CID ? g.bytes(at + 7 + dcil, scil, g.reported()) : new byte[0];
            } else {
                int n = Math.min(MAX_CID, g.captured() - at - 1);
                dcid = g.bytes(at + 1, Math.max(0, n), g.reported());
            }
            c = find(g, type, dcid, fromServer);
            c = createOrUpdate(c, g, type, version, scid, dcid, fromServer[0]);
            byte[] firstDcid = null;
            int end = g.reported();
            while (at < end) {
                int next = messageEnd(g, at);
                byte[] packetDcid = coalescedDcid(g, at, next, c, fromServer[0]);
                if (firstDcid == null) {
                    firstDcid = packetDcid;
                } else if (packetDcid != null && !java.util.Arrays.equals(packetDcid, firstDcid)) {
                    break; // bytes after the packets that name another connection: padding, to Wireshark
                }
                int f = g.u8(at, next);
                if ((f & 0x80) != 0) {
                    int v = (int) g.u32(at + 1, next);
                    QuicPacketType t = QuicVersions.longType(f, v);
                    if (v == 0) {
                        info.setLength(0);
                        info.append(QuicPacketType.VERSION_NEGOTIATION.label());
                        packets.add(longCommon(g, at, next, info, f, v, List.of()));
                        break;
                    }
                    if (t == QuicPacketType.RETRY) {
                        info.setLength(0);
                        info.append(t.label());
                        packets.add(longCommon(g, at, next, info, f, v, List.of()));
                    } else {
                        longPacket(g, at, next, info, c, fromServer[0], layers, packets, messages);
                        // The server's ServerHello makes the keys of the Handshake packet coalesced after it.
                        noteHellos(c, messages, fromServer[0]);
                    }
                } else {
                    shortPacket(g, at, next, info, c, fromServer[0], layers, packets, messages);
                }
                at = next;
            }
        } catch (Stop s) {
            mark = s.cut ? "[Packet size limited during capture]" : "[Malformed Packet]";
        }
        boolean afterUdpInfo = mark != null && info.length() == 0;
        if (mark != null) {
            info.append(mark);
        }
        noteHellos(c, messages, fromServer[0]);
        return new QuicDatagram(info.toString(), afterUdpInfo, c == null ? -1 : c.number, List.copyOf(layers),
                settled(packets), List.copyOf(messages));
    }

    /**
     * A QUIC connection's TLS hellos, for the tls command.
     *
     * @param number      Wireshark's quic.connection.number
     * @param client      the endpoint that sent the first Initial ("address:port")
     * @param server      the endpoint it went to
     * @param version     the QUIC version
     * @param clientHello the first ClientHello its CRYPTO frames carried
     * @param serverHello the first ServerHello, or null
     * @param alpn        the ALPN the server chose (EncryptedExtensions, opened with a key log), or null
     * @param certificate the server's Certificate (opened with a key log), or null
     */
    public record Hellos(long number, String client, String server, long version, TlsHandshake clientHello,
                         TlsHandshake serverHello, String alpn, TlsHandshake certificate) { }

    /** The connections kept whose ClientHello was read, in the order they began. */
    public List<Hellos> hellos() {
        List<Hellos> out = new ArrayList<>();
        for (Connection c : connections.keySet()) {
            if (c.clientHello != null) {
                out.add(new Hellos(c.number, c.client, c.server, c.version & 0xFFFFFFFFL, c.clientHello, c.serverHello,
                        c.alpn, c.certificate));
            }
        }
        return out;
    }

    /**
     * The packets as read, their frame lists (filled while the frames were read) fixed; a packet
     * whose reading stopped keeps what was read of it (its frames so far), as Wireshark's fields do.
     */
    private static List<QuicDatagram.Packet> settled(List<QuicDatagram.Packet> packets) {
        List<QuicDatagram.Packet> out = new ArrayList<>(packets.size());
        for (QuicDatagram.Packet p : packets) {
            out.add(new QuicDatagram.Packet(p.offset(), p.length(), p.longHeader(), p.typeBits(), p.version(), p.dcid(),
                    p.scid(), p.packetNumber(), List.copyOf(p.frameTypes())));
        }
        return List.copyOf(out);
    }

    /**
     * Where the packet at {@code at} ends (quic_get_message_tvb): a long header other than Retry and
     * Version Negotiation announces its length; when that length reaches the datagram's end or
     * beyond, or for the other kinds, the packet takes the rest.
     */
    private static int messageEnd(Datagram g, int at) {
        int end = g.reported();
        int first = g.u8(at, end);
        if ((first & 0x80) == 0) {
            return end;
        }
        int version = (int) g.u32(at + 1, end);
        QuicPacketType type = QuicVersions.longType(first, version);
        if (type == QuicPacketType.RETRY || version == 0) {
            return end;
        }
        int[] n = new int[1];
        long length = 5;
        length += 1 + g.u8(at + (int) length, end);
        length += 1 + g.u8(at + (int) length, end);
        if (type == QuicPacketType.INITIAL) {
            long token = g.varint(at + (int) length, end, n);
            length += n[0] + token;
            if (length > end - at) {
                return end;
            }
        }
        long payload = g.varint(at + (int) length, end, n);
        length += n[0] + payload;
        return payload <= Integer.MAX_VALUE && length < end - at ? at + (int) length : end;
    }

    /**
     * The packet's Destination Connection ID as check_dcid_on_coalesced_packet reads it, to
     * compare with the datagram's first packet's; null when it cannot tell (a short header
     * without a connection).
     */
    private static byte[] coalescedDcid(Datagram g, int at, int end, Connection c, boolean fromServer) {
        int first = g.u8(at, end);
        if ((first & 0x80) != 0) {
            int dcil = g.u8(at + 5, end);
            return dcil <= MAX_CID ? g.bytes(at + 6, dcil, end) : new byte[0];
        }
        if (c == null) {
            return null;
        }
        int length = fromServer ? c.clientCid.length : c.serverCid.length;
        return g.bytes(at + 1, length, end);
    }

    /**
     * The long header's words (dissect_quic_long_header_common): ", DCID=...", ", SCID=..." when
     * not empty; the packet as its header alone tells it (no packet number yet).
     */
    private static QuicDatagram.Packet longCommon(Datagram g, int at, int end, StringBuilder info, int first, int version,
                                                  List<Long> frames) {
        int dcil = g.u8(at + 5, end);
        byte[] dcid = g.bytes(at + 6, dcil, end);
        int scil = g.u8(at + 6 + dcil, end);
        byte[] scid = g.bytes(at + 7 + dcil, scil, end);
        String d = dcil > 0 && dcil <= MAX_CID ? HEX.formatHex(dcid) : null;
        String s = scil > 0 && scil <= MAX_CID ? HEX.formatHex(scid) : null;
        if (d != null) {
            info.append(", DCID=").append(d);
        }
        if (s != null) {
            info.append(", SCID=").append(s);
        }
        return new QuicDatagram.Packet(at - g.start(), end - at, true, (first & 0x30) >> 4, version & 0xFFFFFFFFL, d, s, -1,
                frames);
    }

    /** An Initial, 0-RTT or Handshake packet (dissect_quic_long_header); only Initial packets open without secrets. */
    private void longPacket(Datagram g, int at, int end, StringBuilder info, Connection c, boolean fromServer, List<String> layers,
                            List<QuicDatagram.Packet> packets, List<TlsHandshake> messages) {
        int first = g.u8(at, end);
        int version = (int) g.u32(at + 1, end);
        QuicPacketType type = QuicVersions.longType(first, version);
        int dcil = g.u8(at + 5, end);
        byte[] dcid = dcil <= MAX_CID ? g.bytes(at + 6, dcil, end) : new byte[0];
        int scil = g.u8(at + 6 + dcil, end);
        byte[] scid = scil <= MAX_CID ? g.bytes(at + 7 + dcil, scil, end) : new byte[0];
        int[] n = new int[1];
        QuicKeys keys = null;
        boolean failed = false;
        int unmaskedFirst = 0;
        long packetNumber = -1;
        int pnLength = 0;
        int pnOffset = 0;
        if (c != null && type == QuicPacketType.INITIAL) {
            if (!fromServer && c.clientInitialDcid != null && java.util.Arrays.equals(dcid, c.clientInitialDcid)) {
                // Keys from the ID of the client's very first Initial (made again for each such packet).
                startInitialKeys(c, dcid, version);
            } else if (fromServer && version != c.version) {
                // Compatible version negotiation: the server moved the connection to another version.
                c.version = version;
                startInitialKeys(c, c.clientInitialDcid == null ? new byte[0] : c.clientInitialDcid, version);
            }
            keys = fromServer ? c.serverInitial : c.clientInitial;
            failed = keys == null;
        } else if (c != null && type == QuicPacketType.HANDSHAKE) {
            keys = secrets(c) ? c.handshakeKeys[fromServer ? 1 : 0] : null;
            failed = keys == null; // "Secrets are not available"
        } else if (c != null) {
            failed = true; // 0-RTT: the early secret, which tcplens does not read from a key log
        }
        if (keys != null) {
            // The packet number follows the header's fixed fields (its ID lengths as Wireshark counts them).
            pnOffset = at + 1 + 4 + 1 + dcid.length + 1 + scid.length;
            if (type == QuicPacketType.INITIAL) {
                long token = g.varint(pnOffset, end, n);
                pnOffset += n[0] + (int) Math.min(token, Integer.MAX_VALUE / 2);
            }
            g.varint(pnOffset, end, n);
            pnOffset += n[0];
            int[] unmasked = new int[1];
            long truncated = unprotect(g, first, pnOffset, end, keys, 0x0F, unmasked);
            unmaskedFirst = unmasked[0];
            pnLength = (unmaskedFirst & 0x03) + 1;
            packetNumber = fullPacketNumber(c.lastPacketNumber[fromServer ? 1 : 0][type.space()], truncated, 8 * pnLength);
        }
        info.setLength(0);
        info.append(type.label());
        List<Long> frames = new ArrayList<>();
        QuicDatagram.Packet header = longCommon(g, at, end, info, first, version, frames);
        packets.add(header);
        int offset = at + 7 + dcil + scil;
        if (type == QuicPacketType.INITIAL) {
            long token = g.varint(offset, end, n);
            offset += n[0];
            if (token > 0) {
                g.u8(offset + (int) Math.min(token, Integer.MAX_VALUE / 2) - 1, end);
                offset += (int) token;
            }
        }
        g.varint(offset, end, n);
        offset += n[0];
        if (failed || c == null || packetNumber < 0) {
            return;
        }
        info.append(", PKN: ").append(packetNumber);
        // The frames list fills as the frames are read: a frame that stops the reading leaves those before it.
        packets.set(packets.size() - 1, new QuicDatagram.Packet(header.offset(), header.length(), true, header.typeBits(),
                header.version(),
                header.dcid(), header.scid(), packetNumber, frames));
        byte[] plain = open(g, at, offset, end, keys, unmaskedFirst, packetNumber, pnLength);
        if (plain != null) {
            frames(plain, info, frames, c.crypto(fromServer, type, this), layers, messages, listener(c, fromServer));
            c.lastPacketNumber[fromServer ? 1 : 0][type.space()] = packetNumber;
        }
    }

    /**
     * Removes header protection (RFC 9001, section 5.4): the mask from the 16-byte sample 4 bytes
     * after the packet number's start takes {@code firstBits} of the first byte (0x0F long, 0x1F
     * short) and the packet number's bytes; returns the truncated packet number, the unmasked first
     * byte in {@code unmasked[0]}.
     */
    private static long unprotect(Datagram g, int first, int pnOffset, int end, QuicKeys keys, int firstBits, int[] unmasked) {
        byte[] mask = keys.mask(g.bytes(pnOffset + 4, 16, end));
        unmasked[0] = first ^ (mask[0] & firstBits);
        int pnLength = (unmasked[0] & 0x03) + 1;
        long truncated = 0;
        for (int i = 0; i < pnLength; i++) {
            truncated = (truncated << 8) | ((g.u8(pnOffset + i, end) ^ mask[1 + i]) & 0xFF);
        }
        return truncated;
    }

    /**
     * The payload of a packet whose header ends at {@code headerEnd} (its packet number included),
     * or null when it does not open (quic_decrypt_message: the captured bytes after the header,
     * the last 16 the tag; the header with its first byte and packet number unprotected is the
     * associated data).
     */
    private static byte[] open(Datagram g, int at, int pnOffset, int end, QuicKeys keys, int unmaskedFirst,
                               long packetNumber, int pnLength) {
        int headerEnd = pnOffset + pnLength;
        int capturedEnd = Math.min(end, g.captured());
        if (capturedEnd - headerEnd <= 16) {
            return null; // "Decryption not possible, ciphertext is too short"
        }
        byte[] header = new byte[headerEnd - at];
        g.b().get(at, header);
        header[0] = (byte) unmaskedFirst;
        for (int i = 0; i < pnLength; i++) {
            header[header.length - 1 - i] = (byte) (packetNumber >>> (8 * i));
        }
        byte[] sealed = new byte[capturedEnd - headerEnd];
        g.b().get(headerEnd, sealed);
        return keys.open(packetNumber, header, sealed, 0, sealed.length);
    }

    /**
     * RFC 9000, appendix A.3: the packet number nearest the one expected after {@code last} whose
     * low {@code bits} are {@code truncated} (the higher on a tie). Wireshark's
     * quic_pkt_adjust_pkt_num weighs only the candidates in the expected number's window and the
     * next, so a packet more than half a window behind gets a number a window too high there,
     * and does not open (its nonce is wrong); here it gets the right one, which the AEAD tag
     * proves when it opens.
     */
    static long fullPacketNumber(long last, long truncated, int bits) {
        long expected = last + 1;
        long window = 1L << bits;
        long half = window / 2;
        long candidate = (expected & ~(window - 1)) | truncated;
        if (candidate <= expected - half && candidate < (1L << 62) - window) {
            return candidate + window;
        }
        if (candidate > expected + half && candidate >= window) {
            return candidate - window;
        }
        return candidate;
    }

    /**
     * A short header (dissect_quic_short_header): its Destination Connection ID has the length its
     * connection gave it; with the key log's application secrets the header protection comes off
     * (the key phase bit shows) and the payload opens with the keys of its key phase (RFC 9001,
     * section 6: a new phase's keys are derived from the last ones, and kept once a packet opens).
     */
    private void shortPacket(Datagram g, int at, int end, StringBuilder info, Connection c, boolean fromServer, List<String> layers,
                             List<QuicDatagram.Packet> packets, List<TlsHandshake> messages) {
        int length = c == null ? 0 : fromServer ? c.clientCid.length : c.serverCid.length;
        int side = fromServer ? 1 : 0;
        QuicKeys keys = c != null && secrets(c) ? c.applicationKeys[side] : null;
        int first = g.u8(at, end);
        int[] unmasked = new int[1];
        long packetNumber = -1;
        int pnLength = 0;
        int keyPhase = 0;
        if (keys != null) {
            long truncated = unprotect(g, first, at + 1 + length, end, keys, 0x1F, unmasked);
            pnLength = (unmasked[0] & 0x03) + 1;
            keyPhase = (unmasked[0] >> 2) & 1;
            packetNumber = fullPacketNumber(c.lastPacketNumber[side][QuicPacketType.SHORT.space()], truncated, 8 * pnLength);
        }
        info.setLength(0);
        // Without the 1-RTT keys the key phase bit stays protected: Wireshark shows 0.
        info.append(QuicPacketType.SHORT.label()).append(" (KP").append(keyPhase).append(')');
        String dcid = null;
        if (length > 0) {
            dcid = HEX.formatHex(g.bytes(at + 1, length, end));
            info.append(", DCID=").append(dcid);
        }
        List<Long> frames = new ArrayList<>();
        packets.add(new QuicDatagram.Packet(at - g.start(), end - at, false, -1, -1, dcid, null, packetNumber, frames));
        if (keys == null) {
            return;
        }
        info.append(", PKN: ").append(packetNumber);
        QuicKeys phaseKeys = keyPhase == c.keyPhase[side] ? keys : keys.next();
        byte[] plain = open(g, at, at + 1 + length, end, phaseKeys, unmasked[0], packetNumber, pnLength);
        if (plain != null) {
            if (phaseKeys != keys) {
                c.applicationKeys[side] = phaseKeys;
                c.keyPhase[side] = keyPhase;
            }
            frames(plain, info, frames, c.crypto(fromServer, QuicPacketType.SHORT, this), layers, messages,
                    listener(c, fromServer));
            c.lastPacketNumber[side][QuicPacketType.SHORT.space()] = packetNumber;
        }
    }

    /** What an opened packet's frames tell its connection: new connection IDs, stream data. */
    private interface FrameListener {
        void newConnectionId(byte[] cid);

        /** A STREAM frame's data; true when HTTP/3 was called with it. */
        boolean stream(long id, long offset, byte[] data, StringBuilder info);
    }

    private FrameListener listener(Connection c, boolean fromServer) {
        return new FrameListener() {
            @Override
            public void newConnectionId(byte[] cid) {
                addCid(c, cid, fromServer);
            }

            @Override
            public boolean stream(long id, long offset, byte[] data, StringBuilder info) {
                // The application protocol the handshake chose: Wireshark hands "h3" streams to
                // HTTP/3, and the drafts' "h3-29" and the like too.
                if (c.http3 == null && c.alpn != null && (c.alpn.equals("h3") || c.alpn.startsWith("h3-"))) {
                    c.http3 = new Http3Streams(budget, () -> streamsCut++);
                }
                return c.http3 != null && c.http3.data(id, fromServer, offset, data, info);
            }
        };
    }

    /**
     * quic_connection_add_cid: a connection ID a NEW_CONNECTION_ID frame names is one more its
     * sender's peer may write to, to find the connection by (a connection that moves).
     */
    private void addCid(Connection c, byte[] cid, boolean fromServer) {
        List<byte[]> more = fromServer ? c.moreServerCids : c.moreClientCids;
        byte[] firstCid = fromServer ? c.serverCid : c.clientCid;
        if (java.util.Arrays.equals(firstCid, cid) || more.stream().anyMatch(k -> java.util.Arrays.equals(k, cid))
                || c.keys.size() >= MAX_IDS) {
            return;
        }
        more.add(cid);
        insert(fromServer ? serverConnections : clientConnections, c, cid);
    }

    /**
     * The frames of an opened packet (RFC 9000, section 19), each named in the Info column as
     * Wireshark names it (dissect_quic_frame_type). A frame type Wireshark does not know is skipped
     * alone, the bytes after it read as frames again, as Wireshark does; a frame running past the
     * packet's end stops the reading ("[Malformed Packet]").
     */
    private static void frames(byte[] plain, StringBuilder info, List<Long> types, CryptoStream crypto, List<String> layers,
                               List<TlsHandshake> messages, FrameListener listener) {
        ByteBuffer p = ByteBuffer.wrap(plain);
        Datagram d = new Datagram(p, 0, plain.length, plain.length, "", "", "");
        int end = plain.length;
        int[] n = new int[1];
        int at = 0;
        while (at < end) {
            long type = d.varint(at, end, n);
            at += n[0];
            types.add(type);
            if (type >= 0x08 && type <= 0x0f) {
                long id = d.varint(at, end, n);
                at += n[0];
                info.append(", STREAM(").append(id).append(')');
                long offset = 0;
                if ((type & 0x04) != 0) {
                    offset = d.varint(at, end, n);
                    at += n[0];
                }
                long length = end - at;
                if ((type & 0x02) != 0) {
                    length = d.varint(at, end, n);
                    at += n[0];
                }
                if (listener.stream(id, offset, java.util.Arrays.copyOfRange(plain, at, skip(at, length, end)), info)) {
                    layers.add("http3");
                }
                at = skip(at, length, end);
                continue;
            }
            Layout layout = layout(type);
            if (layout != null) {
                info.append(", ").append(layout.name());
                if (layout.streamId()) {
                    long id = d.varint(at, end, n);
                    at += n[0];
                    info.append('(').append(id).append(')');
                }
                at = varints(d, at, layout.varints(), end);
                continue;
            }
            switch ((int) Math.min(type, Integer.MAX_VALUE)) {
                case 0x00 -> {
                    info.append(", PADDING");
                    while (at < end && plain[at] == 0) {
                        at++;
                    }
                }
                case 0x01 -> info.append(", PING");
                case 0x02, 0x03 -> {
                    info.append(type == 0x02 ? ", ACK" : ", ACK_ECN");
                    at = varints(d, at, 2, end);
                    long ranges = d.varint(at, end, n);
                    at += n[0];
                    at = varints(d, at, 1, end);
                    for (long i = 0; i < ranges; i++) {
                        at = varints(d, at, 2, end);
                    }
                    if (type == 0x03) {
                        at = varints(d, at, 3, end);
                    }
                }
                case 0x06 -> {
                    info.append(", CRYPTO");
                    long offset = d.varint(at, end, n);
                    at += n[0];
                    long length = d.varint(at, end, n);
                    at += n[0];
                    byte[] data = java.util.Arrays.copyOfRange(plain, at, skip(at, length, end));
                    if (crypto.take(offset, data, messages)) {
                        layers.add("tls");
                    }
                    at = skip(at, length, end);
                }
                case 0x07 -> {
                    info.append(", NT");
                    long length = d.varint(at, end, n);
                    at = skip(at + n[0], length, end);
                }
                case 0x18 -> {
                    info.append(", NCI");
                    at = varints(d, at, 2, end);
                    int length = d.u8(at, end);
                    if (length >= 1 && length <= MAX_CID) {
                        listener.newConnectionId(d.bytes(at + 1, length, end));
                    }
                    at = skip(at + 1, length + 16L, end);
                }
                case 0x1a, 0x1b -> {
                    info.append(type == 0x1a ? ", PC" : ", PR");
                    at = skip(at, 8, end);
                }
                case 0x1c, 0x1d -> {
                    info.append(", CC");
                    at = varints(d, at, type == 0x1c ? 2 : 1, end);
                    long length = d.varint(at, end, n);
                    at = skip(at + n[0], length, end);
                }
                case 0x1e -> info.append(", DONE");
                case 0x30, 0x31 -> {
                    info.append(", DG");
                    long length = end - at;
                    if (type == 0x31) {
                        length = d.varint(at, end, n);
                        at += n[0];
                    }
                    at = skip(at, length, end);
                }
                default -> { }
            }
        }
    }

    /**
     * A frame of variable-length integers only (RFC 9000, section 19): Wireshark's name for it,
     * whether its first integer is a stream ID it shows after the name (", RS(4)"), how many
     * integers follow.
     */
    private record Layout(String name, boolean streamId, int varints) { }

    private static Layout layout(long type) {
        return switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0x04 -> new Layout("RS", true, 2);
            case 0x05 -> new Layout("SS", true, 1);
            case 0x10 -> new Layout("MD", false, 1);
            case 0x11 -> new Layout("MSD", true, 1);
            case 0x12, 0x13 -> new Layout("MS", false, 1);
            case 0x14 -> new Layout("DB", false, 1);
            case 0x15 -> new Layout("SDB", true, 1);
            case 0x16, 0x17 -> new Layout("SB", false, 1);
            case 0x19 -> new Layout("RC", false, 1);
            default -> null;
        };
    }

    private static int varints(Datagram d, int at, int count, int end) {
        int[] n = new int[1];
        for (int i = 0; i < count; i++) {
            d.varint(at, end, n);
            at += n[0];
        }
        return at;
    }

    /**
     * Passes over {@code length} bytes of a frame's data. Data longer than what is left ends the
     * frames without a mark: tshark's summary does not build the item that would check it (its
     * CRYPTO data still goes to TLS), while a length or number read past the end is malformed.
     */
    private static int skip(int at, long length, int end) {
        return length > end - at ? end : at + (int) length;
    }

    private void startInitialKeys(Connection c, byte[] dcid, int version) {
        QuicKeys[] keys = QuicKeys.initial(version, dcid);
        c.clientInitial = keys == null ? null : keys[0];
        c.serverInitial = keys == null ? null : keys[1];
    }

    /**
     * The packet's connection (quic_connection_find): by its Destination Connection ID among the
     * IDs each side chose, or for an empty ID by its UDP conversation; a client's Initial also by
     * the ID of a first Initial. {@code fromServer[0]} says which side sent it.
     */
    private Connection find(Datagram g, QuicPacketType type, byte[] dcid, boolean[] fromServer) {
        Connection c;
        if (type == QuicPacketType.ZERO_RTT && dcid.length > 0) {
            c = initialConnections.get(HEX.formatHex(dcid));
            fromServer[0] = false;
        } else {
            c = findByDcid(g, dcid, fromServer);
            if (type == QuicPacketType.INITIAL && c == null && dcid.length > 0) {
                c = initialConnections.get(HEX.formatHex(dcid));
                if (c != null) {
                    fromServer[0] = false;
                }
            }
            if (type == QuicPacketType.INITIAL && c != null && !fromServer[0] && dcid.length > 0
                    && !(c.clientInitialDcid != null && java.util.Arrays.equals(dcid, c.clientInitialDcid))
                    && !prefixMatch(c.serverCid, c.moreServerCids, dcid)) {
                // A fresh client Initial (after Version Negotiation, say): a new connection.
                c = null;
            }
        }
        if (type == QuicPacketType.SHORT && c == null) {
            c = findByDcid(g, new byte[0], fromServer);
            if (c != null && !(fromServer[0] ? prefixMatch(c.clientCid, c.moreClientCids, dcid)
                    : prefixMatch(c.serverCid, c.moreServerCids, dcid))) {
                c = null;
            }
            // A connection that moved: the ID's length is unknown, so try every known one.
            for (int length = dcid.length - 1; c == null && length >= 1; length--) {
                if ((cidLengths & (1 << length)) != 0) {
                    c = findByDcid(g, java.util.Arrays.copyOf(dcid, length), fromServer);
                }
            }
        }
        return c;
    }

    private Connection findByDcid(Datagram g, byte[] dcid, boolean[] fromServer) {
        Connection c = null;
        boolean checkPorts = false;
        if (dcid.length > 0) {
            if ((cidLengths & (1 << dcid.length)) == 0) {
                return null;
            }
            String key = HEX.formatHex(dcid);
            c = clientConnections.get(key);
            if (c != null) {
                // An ID the client chose: the server sent the packet (unless both chose it).
                fromServer[0] = true;
                checkPorts = serverConnections.containsKey(key);
            } else {
                c = serverConnections.get(key);
                if (c != null) {
                    fromServer[0] = false;
                }
            }
        } else {
            c = conversations.get(g.conversation());
            checkPorts = c != null;
        }
        if (checkPorts) {
            fromServer[0] = g.source().equals(c.server);
        }
        return c;
    }

    /** Wireshark's quic_cids_has_match: one of the side's IDs is a prefix of the packet's bytes (an empty one matches all). */
    private static boolean prefixMatch(byte[] first, List<byte[]> more, byte[] raw) {
        if (prefix(first, raw)) {
            return true;
        }
        for (byte[] known : more) {
            if (prefix(known, raw)) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefix(byte[] known, byte[] raw) {
        return raw.length >= known.length && java.util.Arrays.equals(known, 0, known.length, raw, 0, known.length);
    }

    /** quic_connection_create_or_update: what a client's Initial, or a server's Initial, Handshake or Retry, tells. */
    private Connection createOrUpdate(Connection c, Datagram g, QuicPacketType type, int version, byte[] scid, byte[] dcid,
                                      boolean fromServer) {
        switch (type) {
            case INITIAL -> {
                if (!fromServer) {
                    if (c == null) {
                        c = create(g, version);
                        updateInitial(c, scid, dcid);
                    } else if (c.clientInitialDcid == null && dcid.length > 0) {
                        // The client's Initial after a Retry: new keys, and the server's next ID links it again.
                        updateInitial(c, scid, dcid);
                        serverConnections.remove(HEX.formatHex(c.serverCid), c);
                        c.serverCid = new byte[0];
                    }
                    return c;
                }
                serverIds(c, type, scid);
            }
            case RETRY, HANDSHAKE -> {
                if (fromServer) {
                    serverIds(c, type, scid);
                }
            }
            case ZERO_RTT, VERSION_NEGOTIATION, SHORT -> { }
        }
        return c;
    }

    private void serverIds(Connection c, QuicPacketType type, byte[] scid) {
        if (c == null) {
            return;
        }
        if (type == QuicPacketType.RETRY && c.clientInitialDcid != null) {
            // The client's next Initial starts the handshake again, with keys from its new ID.
            initialConnections.remove(HEX.formatHex(c.clientInitialDcid));
            c.clientInitialDcid = null;
        }
        if (c.serverCid.length == 0 && scid.length > 0) {
            c.serverCid = scid;
            insert(serverConnections, c, scid);
        }
    }

    private Connection create(Datagram g, int version) {
        Connection c = new Connection();
        c.version = version;
        // The client's first Initial goes to the server.
        c.number = created++;
        c.client = g.source();
        c.server = g.destination();
        c.conversation = g.conversation();
        remember(g.conversation(), c);
        connections.put(c, Boolean.TRUE);
        if (connections.size() > MAX_CONNECTIONS) {
            Iterator<Connection> eldest = connections.keySet().iterator();
            forget(eldest.next());
            eldest.remove();
        }
        return c;
    }

    private void forget(Connection c) {
        if (c.http3 != null) {
            c.http3.releaseAll();
        }
        for (CryptoStream[] side : c.crypto) {
            for (CryptoStream stream : side) {
                if (stream != null) {
                    stream.release();
                }
            }
        }
        for (String key : c.keys) {
            clientConnections.remove(key, c);
            serverConnections.remove(key, c);
            initialConnections.remove(key, c);
        }
        conversations.remove(c.conversation, c);
        forgotten++;
    }

    private void updateInitial(Connection c, byte[] scid, byte[] dcid) {
        if (scid.length > 0) {
            c.clientCid = scid;
            insert(clientConnections, c, scid);
        }
        if (dcid.length > 0) {
            c.clientInitialDcid = dcid;
            if (c.keys.size() < MAX_IDS) {
                String key = HEX.formatHex(dcid);
                initialConnections.put(key, c);
                c.keys.add(key);
            }
        }
    }

    /**
     * Connection IDs one connection is found by, at most: a handshake names three or four; a
     * stranger's capture repeating Retry and Initial would name a new one each time.
     */
    private static final int MAX_IDS = 64;

    private void insert(Map<String, Connection> map, Connection c, byte[] cid) {
        if (c.keys.size() >= MAX_IDS) {
            return;
        }
        String key = HEX.formatHex(cid);
        map.put(key, c);
        c.keys.add(key);
        cidLengths |= 1 << cid.length;
    }
}
