#!/usr/bin/python3
"""Writes samples/tcp-option-cases.pcap: the corner cases of TCP's options, expert notes and stream
times that the shared captures hold few of, each on its own client port, built with scapy
(Debian's python3-scapy). tshark 4.0 decides every case (scripts/record-tshark-oracle.sh records
its views, the .tcp-detail.tsv one among them); what it showed:

TCP Fast Open (RFC 7413):
  7100  a SYN with a cookie and 10 bytes, a SYN-ACK acknowledging the SYN alone: tfo_syn on the
        SYN, tfo_ignored on the SYN-ACK
  7101  the same, the SYN-ACK acknowledging the data too: tfo_ack
  7102  a cookie request (kind 34, length 2) on the SYN, the cookie on the SYN-ACK (no tfo_syn there)
  7103  the experimental form (kind 254, ExID 0xF989) with a cookie and data
Experimental options (RFC 6994):
  7104  kind 253 with an unknown ExID and 4 bytes of data: the ExID in the Info column, the data shown
  7105  kind 254 with the ACK Rate Request ExID, 4 and 5 bytes long: TARR, TARR=3
Option lists:
  7106  eight no-operations before the MSS: one "4 NOP in a row" (the count restarts at a word)
  7107  an MSS on an ACK: mss.present
  7108  a SYN with a window scale and SACK permitted but no MSS: mss.absent
  7109  an MSS of length 3, then an option of length 1: both invalid, the loop stops at the second
  7110  a no-operation after the end-of-list option: non-zero padding, the loop stops
SACK (RFC 2018, 2883):
  7111  two blocks; a D-SACK below the acknowledgment; a D-SACK inside the second block; a
        whole block and one cut to its left edge (suboption malformed). (A SACK option without a
        whole block is suricata-verify/tcp-empty-sack.pcap's frame 24: tshark 4.0 throws there.)
Header fields and the connection's notes:
  7112  an acknowledgment number without ACK, an urgent pointer without URG
  7113  the server closes first (fin_active), the client answers (fin_passive), the server's FIN
        again (still active), then a RST
  7114  a segment stamped 2 ms before the one before it: a negative tcp.time_delta
  7115  a data offset of 4 words (bogus), and one of 15 words in a 40-byte segment (short)
Options the Info column names beyond the handshake's:
  7116  an MD5 signature (RFC 2385), then one of a wrong length: " MD5" both times, the second invalid
  7117  TCP-AO (RFC 5925): "TCP AO" without a space before it
  7118  a user timeout (RFC 5482) of 0x8005 (minutes): USER_TO=5
  7119  RFC 1072's echo and RFC 1644's connection count: ECHO=, CC=
  7120  an ACK Rate Request of 6 bytes: invalid, no TARR
  7121  a window scale of 15: over RFC 7323's 14, taken as 14 (WS=16384)

Usage: /usr/bin/python3 scripts/tcp-option-cases.py [OUT.pcap]
"""
import sys
from scapy.all import Ether, IP, TCP, Raw, wrpcap

CLIENT, SERVER = "10.0.0.1", "10.0.0.2"
ETHER = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
COOKIE = bytes.fromhex("0102030405060708")


def segment(cport, flags, seq, ack, payload=b"", options=b"", reply=False, urgent=0, offset=None, ip_len=None):
    """A segment between client port cport and server port 80, its options given as raw bytes
    (padded with end-of-list bytes to a whole word unless offset fixes the data offset)."""
    src, dst, sport, dport = (SERVER, CLIENT, 80, cport) if reply else (CLIENT, SERVER, cport, 80)
    if offset is None:
        options = options + b"\x00" * (-len(options) % 4)
        offset = 5 + len(options) // 4
    tcp = TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, urgptr=urgent, dataofs=offset)
    ip = IP(src=src, dst=dst) if ip_len is None else IP(src=src, dst=dst, len=ip_len)
    return ETHER / ip / tcp / Raw(options + payload)


def handshake(cport, syn_options=b"", synack_options=b"", data=b"", synack_ack=1001):
    return [segment(cport, "S", 1000, 0, data, syn_options),
            segment(cport, "SA", 5000, synack_ack, options=synack_options, reply=True),
            segment(cport, "A", synack_ack, 5001)]


def packets():
    mss = bytes.fromhex("020405b4")
    p = []
    p += handshake(7100, bytes([34, 10]) + COOKIE, data=b"0123456789")
    p += handshake(7101, bytes([34, 10]) + COOKIE, data=b"0123456789", synack_ack=1011)
    p += handshake(7102, bytes([34, 2]), bytes([34, 10]) + COOKIE)
    p += handshake(7103, bytes([254, 12, 0xF9, 0x89]) + COOKIE, data=b"0123456789")
    p += [segment(7104, "S", 1000, 0, options=bytes([253, 8, 0x12, 0x34]) + b"\xaa\xbb\xcc\xdd")]
    p += [segment(7105, "S", 1000, 0, options=bytes([254, 4, 0x00, 0xAC])),
          segment(7105, "SA", 5000, 1001, options=bytes([254, 5, 0x00, 0xAC, 0x06]), reply=True)]
    p += [segment(7106, "S", 1000, 0, options=b"\x01" * 8 + mss)]
    p += [segment(7107, "A", 1000, 5, options=mss)]
    p += [segment(7108, "S", 1000, 0, options=bytes.fromhex("0103030704020000"))]
    p += [segment(7109, "S", 1000, 0, options=bytes.fromhex("020305") + bytes([8, 1]) + b"\x00" * 3)]
    p += [segment(7110, "S", 1000, 0, options=bytes.fromhex("00010000"))]
    p += handshake(7111)
    edges = lambda *e: b"".join(x.to_bytes(4, "big") for x in e)
    p += [segment(7111, "A", 1001, 5001, options=b"\x01\x01" + bytes([5, 18]) + edges(7000, 8000, 9000, 10000)),
          segment(7111, "A", 1001, 5001, options=b"\x01\x01" + bytes([5, 10]) + edges(4500, 5001)),
          segment(7111, "A", 1001, 5001, options=b"\x01\x01" + bytes([5, 18]) + edges(9500, 9600, 9000, 10000)),
          segment(7111, "A", 1001, 5001, options=b"\x01\x01" + bytes([5, 14]) + edges(9000, 10000, 11000))]
    p += [segment(7112, "S", 1000, 77, urgent=9)]
    p += handshake(7113)
    p += [segment(7113, "FA", 5001, 1001, reply=True), segment(7113, "FA", 1001, 5002),
          segment(7113, "FA", 5001, 1001, reply=True), segment(7113, "R", 5002, 0, reply=True)]
    p += handshake(7114)
    p += [segment(7114, "PA", 1001, 5001, b"abc"), segment(7114, "A", 5001, 1004, reply=True)]
    p += [segment(7115, "A", 1000, 5, offset=4), segment(7115, "PA", 1000, 5, b"x" * 20, offset=15)]
    p += [segment(7116, "S", 1000, 0, options=bytes([19, 18]) + bytes(range(16))),
          segment(7116, "SA", 5000, 1001, options=bytes([19, 10]) + bytes(8), reply=True)]
    p += [segment(7117, "S", 1000, 0, options=bytes([29, 8, 1, 2]) + bytes.fromhex("a1a2a3a4"))]
    p += [segment(7118, "S", 1000, 0, options=bytes([28, 4, 0x80, 0x05]))]
    p += [segment(7119, "S", 1000, 0, options=bytes([6, 6]) + (123456).to_bytes(4, "big") + bytes([11, 6]) + (7).to_bytes(4, "big"))]
    p += [segment(7120, "S", 1000, 0, options=bytes([254, 6, 0x00, 0xAC, 0x06, 0x00]))]
    p += [segment(7121, "S", 1000, 0, options=bytes([3, 3, 15]))]
    # Fixed times, a millisecond apart, so that the file is the same on every run; the 7114 ACK
    # is stamped 2 ms before the data segment it follows.
    for i, packet in enumerate(p):
        packet.time = 1767225600 + i / 1000
    late = next(i for i, q in enumerate(p) if q[TCP].dport == 7114 and q[TCP].flags == "A" and q[TCP].seq == 5001)
    p[late].time = p[late - 1].time - 0.002
    return p


if __name__ == "__main__":
    wrpcap(sys.argv[1] if len(sys.argv) > 1 else "samples/tcp-option-cases.pcap", packets())
