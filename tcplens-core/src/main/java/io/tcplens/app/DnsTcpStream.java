package io.tcplens.app;

import io.tcplens.decode.DnsMessage;
import io.tcplens.flow.ReassemblyBudget;
import java.nio.ByteBuffer;

/**
 * DNS over TCP (RFC 1035, section 4.2.2; RFC 7766): each direction is a run of messages, each
 * after its length in two bytes, put together across segments as Wireshark's tcp_dissect_pdus
 * does for its DNS: a message shows in the frame where its last byte came, every segment before
 * that is a "[TCP segment of a reassembled PDU]" with TCP's own words.
 */
final class DnsTcpStream {
    /** Wireshark's DNS ports on TCP (packet-dns.c, DEFAULT_DNS_TCP_PORT_RANGE; 5353 read as plain DNS there too). */
    static boolean dnsPort(int port) {
        return port == 53 || port == 5353;
    }

    private static final class Side {
        final byte[] length = new byte[2];
        int lengthFill;
        byte[] message = new byte[0];
        int need;
        int fill;
    }

    private final Side[] sides = {new Side(), new Side()};
    private final ReassemblyBudget budget;
    /** A DNS message was read: Zeek's DNS analyzer, which reads TCP port 53 too, names the service "dns". */
    private boolean messageRead;

    DnsTcpStream(ReassemblyBudget budget) {
        this.budget = budget;
    }

    boolean messageRead() { return messageRead; }

    /** Takes bytes of one direction in stream order; {@code own}: the frame's own segment, whose messages it shows. */
    void bytes(int side, ByteBuffer b, int at, int length, AppFrame frame, boolean own) {
        Side s = sides[side];
        int end = at + length;
        boolean pending = false;
        while (at < end) {
            if (s.lengthFill < 2) {
                s.length[s.lengthFill++] = b.get(at++);
                if (s.lengthFill < 2) {
                    pending = true;
                    continue;
                }
                s.need = ((s.length[0] & 0xFF) << 8) | (s.length[1] & 0xFF);
                s.fill = 0;
                if (s.message.length < s.need) {
                    // A message is 64 KiB at most (its length has 16 bits): taken from the shared budget, or skipped.
                    if (budget == null || budget.take(s.need - s.message.length)) {
                        s.message = new byte[s.need];
                    }
                }
            }
            int n = Math.min(s.need - s.fill, end - at);
            if (s.message.length >= s.need) {
                b.get(at, s.message, s.fill, n);
            }
            s.fill += n;
            at += n;
            if (s.fill < s.need) {
                pending = true;
                break;
            }
            if (s.message.length >= s.need) {
                // Its own copy: the frame's view reads it after the next message may have reused the buffer.
                DnsMessage m = DnsMessage.ofStream(java.util.Arrays.copyOf(s.message, s.need), s.need);
                messageRead = true;
                if (own) {
                    frame.addDns(m);
                }
            }
            if (s.message.length > SMALL_MESSAGE) {
                // Between messages a connection holds little (the budget gets its share back).
                free(s);
            }
            s.lengthFill = 0;
            pending = false;
        }
        if (own && pending && frame.dnsMessages().isEmpty()) {
            // Wireshark's DNS was not called for a message that needs more segments: TCP's words stay.
            frame.pdu(AppFrame.Pdu.CONTINUED);
        }
    }

    /** Bytes the capture missed: the message under way is lost, the next segment starts afresh. */
    void gap(int side) {
        sides[side].lengthFill = 0;
    }

    /** Bytes of a message buffer kept between messages. */
    private static final int SMALL_MESSAGE = 512;

    private void free(Side s) {
        if (budget != null) {
            budget.give(s.message.length);
        }
        s.message = new byte[0];
    }

    /** The connection is dropped: its buffers' share goes back to the budget. */
    void release() {
        free(sides[0]);
        free(sides[1]);
    }
}
