package io.tcplens.decode;

import java.nio.ByteBuffer;

/** Field offsets and accessors of a TCP header (RFC 9293, section 3.1). */
public final class TcpHeader {
    public static final int MIN_LENGTH = 20;
    public static final int SOURCE_PORT = 0;
    public static final int DESTINATION_PORT = 2;
    public static final int SEQUENCE = 4;
    public static final int ACKNOWLEDGMENT = 8;
    public static final int DATA_OFFSET = 12;
    public static final int FLAGS = 12;
    public static final int WINDOW = 14;
    public static final int CHECKSUM = 16;
    public static final int URGENT_POINTER = 18;

    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK = 0x010;
    public static final int URG = 0x020;
    public static final int ECE = 0x040;
    public static final int CWR = 0x080;
    /** Formerly NS (RFC 3540, historic); now AE of Accurate ECN (RFC 9768). */
    public static final int AE = 0x100;
    public static final int RESERVED = 0xE00;

    public static final int OPT_END = 0;
    public static final int OPT_NOP = 1;
    public static final int OPT_MSS = 2;
    public static final int OPT_WINDOW_SCALE = 3;
    public static final int OPT_SACK_PERMITTED = 4;
    public static final int OPT_SACK = 5;
    /** RFC 1072's echo options, obsolete. */
    public static final int OPT_ECHO = 6;
    public static final int OPT_ECHO_REPLY = 7;
    public static final int OPT_TIMESTAMPS = 8;
    /** RFC 1644's connection counts (T/TCP), obsolete. */
    public static final int OPT_CC = 11;
    public static final int OPT_CC_NEW = 12;
    public static final int OPT_CC_ECHO = 13;
    /** RFC 2385's MD5 signature. */
    public static final int OPT_MD5 = 19;
    /** RFC 5482's user timeout. */
    public static final int OPT_USER_TIMEOUT = 28;
    /** RFC 5925's authentication option (TCP-AO). */
    public static final int OPT_AUTHENTICATION = 29;
    public static final int OPT_MPTCP = 30;
    public static final int OPT_FAST_OPEN = 34;
    /** Accurate ECN option, order 0: EE0B, ECEB, EE1B counters (RFC 9768, section 3.2.3). */
    public static final int OPT_ACCECN_0 = 172;
    /** Accurate ECN option, order 1: EE1B, ECEB, EE0B counters. */
    public static final int OPT_ACCECN_1 = 174;
    /** Experimental options (RFC 4727 reserved kinds 253 and 254; RFC 6994: a 16-bit ExID follows the length). */
    public static final int OPT_EXPERIMENTAL_FD = 253;
    public static final int OPT_EXPERIMENTAL = 254;
    /** ExID of TCP Fast Open before kind 34 was assigned (RFC 7413, section 4.1.1). */
    public static final int EXID_FAST_OPEN = 0xF989;
    /** ExID of the ACK Rate Request option (draft-gomez-tcpm-ack-rate-request), which Wireshark reads apart. */
    public static final int EXID_ACK_RATE_REQUEST = 0x00AC;
    /** ExIDs of the Accurate ECN options before kinds 172 and 174 were assigned. */
    public static final int EXID_ACCECN_0 = 0xACC0;
    public static final int EXID_ACCECN_1 = 0xACC1;

    private TcpHeader() { }

    public static int sourcePort(ByteBuffer b, int at) { return b.getShort(at + SOURCE_PORT) & 0xFFFF; }

    public static int destinationPort(ByteBuffer b, int at) { return b.getShort(at + DESTINATION_PORT) & 0xFFFF; }

    /** Sequence number as an unsigned 32-bit value held in an int; compare with {@code a - b < 0}. */
    public static int sequence(ByteBuffer b, int at) { return b.getInt(at + SEQUENCE); }

    public static int acknowledgment(ByteBuffer b, int at) { return b.getInt(at + ACKNOWLEDGMENT); }

    /** Header length in bytes (data offset × 4). */
    public static int headerLength(ByteBuffer b, int at) { return ((b.get(at + DATA_OFFSET) & 0xF0) >>> 4) * 4; }

    /** The 12 flag bits as tshark's {@code tcp.flags}: reserved, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN. */
    public static int flags(ByteBuffer b, int at) { return b.getShort(at + FLAGS) & 0x0FFF; }

    public static int window(ByteBuffer b, int at) { return b.getShort(at + WINDOW) & 0xFFFF; }

    public static int checksum(ByteBuffer b, int at) { return b.getShort(at + CHECKSUM) & 0xFFFF; }

    public static int urgentPointer(ByteBuffer b, int at) { return b.getShort(at + URGENT_POINTER) & 0xFFFF; }
}
