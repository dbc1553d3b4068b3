package io.tcplens.app;

import io.tcplens.decode.DnsMessage;
import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One SSH connection read as Wireshark 4.0's dissector reads it (packet-ssh.c), so that its
 * summary lines match tshark's: each side's identification string ("SSH-2.0-..."; RFC 4253,
 * section 4.2), then its binary packets in clear (section 6) up to its NEWKEYS (section 7.3),
 * after which the side's bytes are encrypted and shown by length, segment by segment. A string or
 * packet that needs later segments is reassembled as Wireshark's TCP does for it: the segments
 * before the one that completes it are "[TCP segment of a reassembled PDU]".
 *
 * <p>Wireshark's protocol version comes from the client's identification string alone: until it
 * arrives the column says "SSH", and everything but an identification string is taken for an
 * encrypted packet (a capture that began after the key exchange). Keys are never known here, so
 * nothing after NEWKEYS is decrypted (Wireshark 4.0 tries, with keys it does not have either,
 * for the ciphers it supports, and then writes no words for those packets: see the README).
 *
 * <p>Zeek's view is kept beside it: its SSH analyzer confirms the protocol, and conn.log names the
 * service "ssh", when a NEWKEYS message is read (ssh-analyzer.pac, proc_newkeys).
 */
final class SshSession {
    /** Wireshark's SSH ports (packet-ssh.c, TCP_RANGE_SSH): SSH's own and Gerrit's. */
    static boolean sshPort(int port) {
        return port == 22 || port == 29418;
    }

    /** True when the bytes begin an identification string, "SSH-" in any case, as Wireshark tests it. */
    static boolean looksLikeSsh(ByteBuffer b, int at, int length) {
        if (length < 4) {
            return false;
        }
        return (b.get(at) | 0x20) == 's' && (b.get(at + 1) | 0x20) == 's' && (b.get(at + 2) | 0x20) == 'h' && b.get(at + 3) == '-';
    }

    /** The protocol version the client's identification string announced; the protocol column shows it. */
    enum Version {
        UNKNOWN("SSH"), V1("SSHv1"), V2("SSHv2");

        final String column;

        Version(String column) {
            this.column = column;
        }
    }

    /** Message codes (RFC 4253, section 12; RFC 4252 and RFC 4254 for the rest). */
    static final int KEXINIT = 20;
    static final int NEWKEYS = 21;

    /**
     * Bytes of an identification string kept at most: RFC 4253 allows 255 with the line end;
     * Wireshark reads any length, and so does tcplens, showing the first {@value} bytes.
     */
    static final int MAX_LINE = 1024;
    /**
     * Bytes of a binary packet kept at most: RFC 4253, section 6.1 has every implementation take
     * packets of 35,000 bytes; a key exchange message is a few kilobytes. A longer packet is read
     * to its length all the same, its bytes beyond this not kept.
     */
    static final int MAX_PACKET = 65_536;

    private enum Pending { NONE, LINE, PACKET }

    private static final class Side {
        Pending pending = Pending.NONE;
        byte[] buffer = new byte[0];
        /** Bytes of the unit under way taken so far (kept up to the buffer's bound). */
        long fill;
        /** A packet's whole length with its length field, once the field is read; else -1. */
        long need = -1;
        long pduStartFrame = -1;
        /** Frames of the side's identification string: where it began and where it ended (0: not yet). */
        long versionStartFrame;
        long versionEndFrame;
        /** NEWKEYS was sent: the side's packets after it are encrypted. */
        boolean encrypted;
        /** The side's KEXINIT name-lists, once sent. */
        List<String> proposals;
    }

    private final Side[] sides = {new Side(), new Side()};
    /** Per side (FlowKey order): its packets come from the server, Wireshark's "Server: " (sent from the port SSH was matched on). */
    private final boolean[] fromServer;
    /** The frames show SSH: the connection is on Wireshark's SSH port (a connection found by its bytes alone is read for Zeek). */
    final boolean shown;
    private Version version = Version.UNKNOWN;
    /** The key exchange method both sides' KEXINITs agreed on (RFC 4253, section 7.1), or null. */
    private String kex;
    /** Per side: its first bytes were an identification string "SSH-1." or "SSH-2.", which Zeek's signature looks for. */
    private final boolean[] bannerFirst = new boolean[2];
    private final boolean[] started = new boolean[2];
    private boolean newKeys;
    final AppEvents events;
    /** What all connections' reassembly may hold together; null for none. */
    private final ReassemblyBudget budget;

    /**
     * @param fromServer per side, true when its packets come from the server
     * @param shown      the connection is on an SSH port, where Wireshark reads SSH
     * @param budget     the bytes all connections' reassembly may hold (a packet under way takes its share)
     */
    SshSession(boolean[] fromServer, boolean shown, boolean dialogue, ReassemblyBudget budget) {
        this.budget = budget;
        this.fromServer = fromServer.clone();
        this.shown = shown;
        this.events = new AppEvents(dialogue);
    }

    /** True once either side sent NEWKEYS in clear: Zeek's SSH analyzer has confirmed the protocol. */
    boolean newKeys() { return newKeys; }

    /** True when both sides' bytes began with "SSH-1." or "SSH-2." (Zeek's dpd_ssh_client and dpd_ssh_server signatures). */
    boolean bannersBothWays() { return bannerFirst[0] && bannerFirst[1]; }

    /**
     * Takes bytes of one direction, in stream order, read in the current frame; {@code own}: they
     * are the frame's own segment, whose words the frame shows.
     */
    void bytes(int side, ByteBuffer b, int at, int length, AppFrame frame, boolean own) {
        Side s = sides[side];
        if (!started[side]) {
            started[side] = true;
            bannerFirst[side] = length >= 6 && looksLikeSsh(b, at, length) && (b.get(at + 4) == '1' || b.get(at + 4) == '2')
                    && b.get(at + 5) == '.';
        }
        boolean show = own && shown;
        if (show && frame.sshColumn() == null) {
            // Wireshark sets the column as the dissector starts, from what it knew before this frame.
            frame.sshStart(version.column, fromServer[side]);
        }
        List<SshMessage> out = show ? frame.sshMessages() : new ArrayList<>(2);
        int before = out.size();
        int end = at + length;
        boolean needMore = false;
        while (at < end) {
            if (s.pending == Pending.LINE) {
                int newline = indexOf(b, at, end, (byte) '\n');
                int take = (newline < 0 ? end : newline + 1) - at;
                keep(s, b, at, take, MAX_LINE);
                at += take;
                if (newline < 0) {
                    needMore = true;
                    break;
                }
                line(side, s, frame, out);
                continue;
            }
            if (s.pending == Pending.PACKET) {
                if (s.need < 0) {
                    int take = (int) Math.min(4 - s.fill, end - at);
                    keep(s, b, at, take, MAX_PACKET);
                    at += take;
                    if (s.fill < 4) {
                        needMore = true;
                        break;
                    }
                    s.need = 4 + u32(s.buffer, 0);
                    if (s.pduStartFrame != frame.number()) {
                        // The length field was split: Wireshark's dissector asked for one more
                        // segment, and runs again here on the packet's start.
                        s.pduStartFrame = frame.number();
                    }
                }
                long take = Math.min(s.need - s.fill, end - at);
                keep(s, b, at, (int) take, MAX_PACKET);
                at += (int) take;
                if (s.fill < s.need) {
                    needMore = true;
                    break;
                }
                packet(side, s, frame, out);
                continue;
            }
            // At a unit's start. An identification string is read where it may be: anywhere
            // before the side's first one ended, and in the frame where it ended.
            boolean versionAllowed = s.versionEndFrame == 0 || s.versionEndFrame == frame.number();
            if (versionAllowed && looksLikeSsh(b, at, end - at)) {
                if (s.versionStartFrame == 0) {
                    s.versionStartFrame = frame.number();
                }
                begin(s, Pending.LINE, frame);
                continue;
            }
            if (version == Version.V2 && !s.encrypted) {
                begin(s, Pending.PACKET, frame);
                continue;
            }
            // Without the client's version, or after NEWKEYS (or in SSH 1, whose packets tcplens
            // does not read): the rest of the segment is one encrypted packet to Wireshark.
            out.add(new SshMessage(SshMessage.Kind.ENCRYPTED, fromServer[side], null, -1, -1, -1, null, end - at, null, null));
            at = end;
        }
        if (!show) {
            return;
        }
        if (needMore && out.size() == before) {
            // Nothing ended here: Wireshark shows a segment of a reassembled PDU.
            frame.pdu(s.pduStartFrame == frame.number() ? AppFrame.Pdu.STARTED : AppFrame.Pdu.CONTINUED);
        }
        // Wireshark leads the words with "Client: " or "Server: " only when the dissector ran to
        // the segment's end; one that asked for more segments returned before it.
        frame.sshComplete(!needMore);
    }

    /** Bytes the capture missed: the unit under way is lost, and reading resumes at the next segment. */
    void gap(int side) {
        Side s = sides[side];
        s.pending = Pending.NONE;
        s.fill = 0;
        s.need = -1;
    }

    private static void begin(Side s, Pending kind, AppFrame frame) {
        s.pending = kind;
        s.fill = 0;
        s.need = -1;
        s.pduStartFrame = frame.number();
    }

    /**
     * Takes {@code n} bytes of the unit under way, keeping them up to {@code bound} and as far as
     * the shared budget allows: a unit read past what is kept still ends where its length says,
     * its fields read from what was kept.
     */
    private void keep(Side s, ByteBuffer b, int at, int n, int bound) {
        int room = (int) Math.max(0, Math.min(bound - s.fill, n));
        if (room > 0 && s.buffer.length < s.fill + room) {
            int size = (int) Math.min(bound, Math.max(s.fill + room, 2L * s.buffer.length));
            // The first bytes of a unit (its length field and code) are always kept; beyond them the budget decides.
            if (budget == null || budget.take(charged(size) - charged(s.buffer.length))) {
                s.buffer = Arrays.copyOf(s.buffer, size);
            }
        }
        room = (int) Math.max(0, Math.min(s.buffer.length - s.fill, room));
        if (room > 0) {
            b.get(at, s.buffer, (int) s.fill, room);
        }
        s.fill += n;
    }

    /** A unit ended: a buffer beyond a small one goes back to the budget, so that idle connections hold little. */
    private void done(Side s) {
        s.pending = Pending.NONE;
        if (s.buffer.length > SMALL_BUFFER) {
            free(s);
        }
    }

    private void free(Side s) {
        if (budget != null) {
            budget.give(charged(s.buffer.length));
        }
        s.buffer = new byte[0];
    }

    /** The connection is dropped: its buffers' share goes back to the budget. */
    void release() {
        free(sides[0]);
        free(sides[1]);
    }

    /** Bytes a side keeps between units (an identification string, a short packet), outside the shared budget. */
    private static final int SMALL_BUFFER = 256;

    private static int charged(int length) {
        return Math.max(0, length - SMALL_BUFFER);
    }

    private static int indexOf(ByteBuffer b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b.get(i) == value) {
                return i;
            }
        }
        return -1;
    }

    private static long u32(byte[] a, int at) {
        return ((long) (a[at] & 0xFF) << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }

    /** An identification string ended (its line end taken): its text, and the client's sets the version. */
    private void line(int side, Side s, AppFrame frame, List<SshMessage> out) {
        int kept = (int) Math.min(s.fill, s.buffer.length);
        // The text without its line end: "\r\n", or "\n" alone (packet-ssh.c, ssh_dissect_protocol).
        int length = kept;
        if (kept == s.fill) {
            length = kept - 1;
            if (length > 0 && s.buffer[length - 1] == '\r') {
                length--;
            }
        }
        String text = DnsMessage.displayText(s.buffer, length);
        if (!fromServer[side]) {
            if (startsWithIgnoreCase(s.buffer, kept, "SSH-2.") || startsWithIgnoreCase(s.buffer, kept, "SSH-1.99-")) {
                version = Version.V2;
            } else if (startsWithIgnoreCase(s.buffer, kept, "SSH-1.")) {
                version = Version.V1;
            }
        }
        s.versionEndFrame = frame.number();
        out.add(new SshMessage(SshMessage.Kind.PROTOCOL, fromServer[side], text, -1, -1, -1, null, -1, null, null));
        events.add(frame.number(), side, (fromServer[side] ? "server" : "client") + " identifies itself: " + text);
        done(s);
    }

    private static boolean startsWithIgnoreCase(byte[] a, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) (a[i] & 0xFF)) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A binary packet in clear ended: its message, by Wireshark's names. */
    private void packet(int side, Side s, AppFrame frame, List<SshMessage> out) {
        long packetLength = s.need - 4;
        int kept = (int) Math.min(s.fill, s.buffer.length);
        int padding = kept > 4 ? s.buffer[4] & 0xFF : -1;
        int code = kept > 5 ? s.buffer[5] & 0xFF : -1;
        String name = messageName(code);
        SshMessage.KexInit offer = null;
        String hostKeyType = null;
        if (code == KEXINIT) {
            offer = kexInit(side, s.buffer, 6, kept);
            s.proposals = offer.lists();
            events.add(frame.number(), side, (fromServer[side] ? "server" : "client") + " offers its algorithms (KEXINIT)");
            Side other = sides[1 - side];
            if (kex == null && other.proposals != null) {
                // Each choice is the first name in the client's list that the server's list has too (RFC 4253, section 7.1).
                List<String> client = fromServer[side] ? other.proposals : s.proposals;
                List<String> server = fromServer[side] ? s.proposals : other.proposals;
                kex = agreed(client.get(0), server.get(0));
                if (kex != null && events.enabled()) {
                    events.add(frame.number(), side, "agreed: key exchange " + kex + ", host key " + agreed(client.get(1), server.get(1))
                            + ", cipher client to server " + agreed(client.get(2), server.get(2))
                            + ", server to client " + agreed(client.get(3), server.get(3)));
                }
            }
        } else if (code == NEWKEYS) {
            s.encrypted = true;
            newKeys = true;
            events.add(frame.number(), side, (fromServer[side] ? "server" : "client")
                    + " takes the new keys (NEWKEYS): what it sends next is encrypted");
        } else if (isReply(code)) {
            hostKeyType = hostKeyType(s.buffer, 6, kept);
        }
        out.add(new SshMessage(SshMessage.Kind.PACKET, fromServer[side], null, packetLength, padding, code, name, -1, offer,
                hostKeyType));
        done(s);
    }

    /** The kind of key exchange messages 30 to 49 belong to, by the agreed method (packet-ssh.c, ssh_set_kex_specific_dissector). */
    private enum KexFamily { DH, DH_GEX, ECDH }

    private KexFamily family() {
        if (kex == null) {
            return KexFamily.DH;
        }
        if (kex.equals("diffie-hellman-group-exchange-sha1") || kex.equals("diffie-hellman-group-exchange-sha256")) {
            return KexFamily.DH_GEX;
        }
        if (kex.startsWith("ecdh-sha2-") || kex.equals("curve25519-sha256@libssh.org") || kex.equals("curve25519-sha256")
                || kex.equals("curve448-sha512")) {
            return KexFamily.ECDH;
        }
        // Wireshark keeps its first reader, plain Diffie-Hellman, for every other method.
        return KexFamily.DH;
    }

    /** The key exchange reply, which carries the server's host key first (RFC 4253, section 8; RFC 4419; RFC 5656). */
    private boolean isReply(int code) {
        return switch (family()) {
            case DH, ECDH -> code == 31;
            case DH_GEX -> code == 33;
        };
    }

    /** Wireshark's name of a message (packet-ssh.c's value strings), "Unknown (N)" for another code. */
    String messageName(int code) {
        String name = null;
        if (code >= 30 && code < 40) {
            name = switch (family()) {
                case DH -> switch (code) {
                    case 30 -> "Diffie-Hellman Key Exchange Init";
                    case 31 -> "Diffie-Hellman Key Exchange Reply";
                    default -> null;
                };
                case DH_GEX -> switch (code) {
                    case 30 -> "Diffie-Hellman Group Exchange Request (Old)";
                    case 31 -> "Diffie-Hellman Group Exchange Group";
                    case 32 -> "Diffie-Hellman Group Exchange Init";
                    case 33 -> "Diffie-Hellman Group Exchange Reply";
                    case 34 -> "Diffie-Hellman Group Exchange Request";
                    default -> null;
                };
                case ECDH -> switch (code) {
                    case 30 -> "Elliptic Curve Diffie-Hellman Key Exchange Init";
                    case 31 -> "Elliptic Curve Diffie-Hellman Key Exchange Reply";
                    default -> null;
                };
            };
        } else {
            name = switch (code) {
                case 1 -> "Disconnect";
                case 2 -> "Ignore";
                case 3 -> "Unimplemented";
                case 4 -> "Debug";
                case 5 -> "Service Request";
                case 6 -> "Service Accept";
                case KEXINIT -> "Key Exchange Init";
                case NEWKEYS -> "New Keys";
                case 50 -> "User Authentication Request";
                case 51 -> "User Authentication Failure";
                case 52 -> "User Authentication Success";
                case 53 -> "User Authentication Banner";
                case 60 -> "Public Key algorithm accepted";
                case 80 -> "Global Request";
                case 81 -> "Request Success";
                case 82 -> "Request Failure";
                case 90 -> "Channel Open";
                case 91 -> "Channel Open Confirmation";
                case 92 -> "Channel Open Failure";
                case 93 -> "Window Adjust";
                case 94 -> "Channel Data";
                case 95 -> "Channel Extended Data";
                case 96 -> "Channel EOF";
                case 97 -> "Channel Close";
                case 98 -> "Channel Request";
                case 99 -> "Channel Success";
                case 100 -> "Channel Failure";
                default -> null;
            };
        }
        return name != null ? name : "Unknown (" + code + ")";
    }

    /** The first name of the client's list that the server's list has too, or null (Wireshark's ssh_choose_algo). */
    private static String agreed(String client, String server) {
        List<String> offered = Arrays.asList(server.split(",", -1));
        for (String name : client.split(",", -1)) {
            if (offered.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /**
     * A KEXINIT's payload after its code: the 16-byte cookie (skipped), ten name-lists (a length, then the
     * names; a list the packet cuts short is read as far as it goes), first_kex_packet_follows.
     * HASSH joins the sender's key exchange, encryption, MAC and compression lists of its own
     * direction with ";" and takes their MD5 (Salesforce's HASSH, as packet-ssh.c computes it).
     */
    private SshMessage.KexInit kexInit(int side, byte[] a, int at, int limit) {
        int p = Math.min(at + 16, limit);
        List<String> lists = new ArrayList<>(10);
        for (int i = 0; i < 10; i++) {
            if (p + 4 > limit) {
                lists.add("");
                continue;
            }
            long n = u32(a, p);
            p += 4;
            int take = (int) Math.min(n, limit - p);
            lists.add(new String(a, p, take, StandardCharsets.ISO_8859_1));
            p += take;
        }
        boolean follows = p < limit && a[p] != 0;
        // Lists 2 and 3 are encryption client-to-server and server-to-client; MAC and compression follow likewise.
        int own = fromServer[side] ? 1 : 0;
        String algorithms = lists.get(0) + ";" + lists.get(2 + own) + ";" + lists.get(4 + own) + ";" + lists.get(6 + own);
        return new SshMessage.KexInit(List.copyOf(lists), follows, algorithms, md5(algorithms));
    }

    /** The host key's type at the start of a key exchange reply: a string K_S whose first field is a string (RFC 4253, section 6.6). */
    private static String hostKeyType(byte[] a, int at, int limit) {
        if (at + 8 > limit) {
            return null;
        }
        long typeLength = u32(a, at + 4);
        if (typeLength > limit - at - 8) {
            return null;
        }
        return DnsMessage.displayText(Arrays.copyOfRange(a, at + 8, at + 8 + (int) typeLength), (int) typeLength);
    }

    private static String hex(byte[] a, int at, int n) {
        StringBuilder out = new StringBuilder(2 * n);
        for (int i = at; i < at + n; i++) {
            out.append(Character.forDigit((a[i] >> 4) & 0xF, 16)).append(Character.forDigit(a[i] & 0xF, 16));
        }
        return out.toString();
    }

    private static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.ISO_8859_1));
            return hex(digest, 0, digest.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
