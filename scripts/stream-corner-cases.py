#!/usr/bin/python3
"""Writes samples/stream-corner-cases.pcap: the corner cases of tcp.stream and
tcp.completeness that real captures meet and the shared ones hold few of, each on its own client
port, built with scapy (Debian's python3-scapy). tshark 4.0 decides every case
(scripts/record-tshark-oracle.sh records its views); what it showed:

ICMP errors quoting a TCP header (a router's "unreachable" or "time exceeded"):
  5008-5016   quotes of 8, 12, 14, 15 and 16 bytes of TCP header, no conversation yet: from 16
              bytes on tshark finds or makes the conversation, so the quote takes a stream number
  5100        the quoted IP header says 28 bytes: only 8 of TCP count, though 20 follow
  5200        an ICMPv6 error quoting a SYN: a new stream too
  6000, 6001  a handshake, then a quoted FIN+ACK / RST: their bits join the stream's completeness
  6002        a quoted SYN first, then the real SYN-ACK and ACK: one stream, 7
  6003        a quoted data segment between handshake and data: no expert flag on the real one
  6004        a SYN, then a quote of a SYN with another ISN: the quote starts a new stream (reuse)
  6005        a quoted SYN-ACK alone: a stream of its own
  5400        a quoted RST, then a SYN with the same number: one stream, 32 (the SYN is not counted)
  5302        a quote only 15 bytes long inside an existing conversation: no stream for it

Completeness of conversations that do not begin with a SYN (tshark -2 shows, on a conversation's
first frame when it is not a SYN, only the bits later frames added; the rest show the final value):
  5600, 5601  ACK then SYN; FIN+ACK then SYN: the SYN is not counted (4; 20)
  5700-5702   a lone ACK, a lone data segment (0 on their only frame), two ACKs (4)
  5801, 5802  RST then ACK (36); RST+ACK then data (44)
  5900        SYN, SYN-ACK and two data segments, no segment without payload: 11 (no ACK bit)
  5902        three data segments: 8
  5903        FIN+ACK, FIN+ACK, ACK: 20

The same ports after long silences (tshark forgets no conversation):
  7000        a whole connection, then 200 s later a SYN with a new ISN: a new stream, and
              tcp.analysis.reused_ports on that SYN
  7001        a handshake, then 700 s of silence, then data and its ACK: still the same stream
  7002        a whole connection, then 120 s later a stray ACK: still the same stream

Usage: /usr/bin/python3 scripts/stream-corner-cases.py [OUT.pcap]
"""
import sys
from scapy.all import Ether, IP, IPv6, TCP, ICMP, Raw, wrpcap
from scapy.layers.inet6 import ICMPv6DestUnreach

CLIENT, SERVER, ROUTER = "10.0.0.1", "10.0.0.2", "10.0.0.9"
ETHER = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")


def segment(cport, flags, seq=1000, ack=5, payload=b"", reply=False):
    """A real segment between client port cport and server port 80."""
    if reply:
        return ETHER / IP(src=SERVER, dst=CLIENT) / TCP(sport=80, dport=cport, flags=flags, seq=seq, ack=ack) / Raw(payload)
    return ETHER / IP(src=CLIENT, dst=SERVER) / TCP(sport=cport, dport=80, flags=flags, seq=seq, ack=ack) / Raw(payload)


def quote(cport, flags, seq=1000, ack=5, payload=b"", tcp_bytes=None, reply=False, ip_len=None):
    """A router's ICMP port-unreachable quoting the segment (its first tcp_bytes bytes of TCP)."""
    src, dst, sport, dport = (SERVER, CLIENT, 80, cport) if reply else (CLIENT, SERVER, cport, 80)
    inner = IP(src=src, dst=dst) if ip_len is None else IP(src=src, dst=dst, len=ip_len)
    quoted = bytes(inner / TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack) / Raw(payload))
    if tcp_bytes is not None:
        quoted = quoted[:20 + tcp_bytes]
    return ETHER / IP(src=ROUTER, dst=src) / ICMP(type=3, code=3) / Raw(quoted)


def packets():
    p = []
    for n in (8, 12, 14, 15, 16):
        p.append(quote(5000 + n, "S", tcp_bytes=n))
    p.append(quote(5100, "S", ip_len=28))
    inner6 = bytes(IPv6(src="2001:db8::1", dst="2001:db8::2") / TCP(sport=5200, dport=80, flags="S", seq=1000))
    p.append(Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
             / IPv6(src="2001:db8::9", dst="2001:db8::1") / ICMPv6DestUnreach() / Raw(inner6))
    for cport, last in ((6000, quote(6000, "FA", 1001, 5001)), (6001, quote(6001, "R", 1001, 0))):
        p += [segment(cport, "S", 1000, 0), segment(cport, "SA", 5000, 1001, reply=True),
              segment(cport, "A", 1001, 5001), last]
    p += [quote(6002, "S", 1000, 0), segment(6002, "SA", 5000, 1001, reply=True), segment(6002, "A", 1001, 5001)]
    p += [segment(6003, "S", 1000, 0), segment(6003, "SA", 5000, 1001, reply=True),
          quote(6003, "PA", 1001, 5001, payload=b"0123456789"), segment(6003, "PA", 1001, 5001, payload=b"0123456789")]
    p += [segment(6004, "S", 1000, 0), quote(6004, "S", 99999, 0)]
    p += [quote(6005, "SA", 5000, 1001, reply=True)]
    p += [quote(5400, "R", 1000, 0), segment(5400, "S", 1000, 0)]
    p += [segment(5302, "S", 1000, 0), quote(5302, "S", 1000, 0, tcp_bytes=15)]
    p += [segment(5600, "A", 1000, 5), segment(5600, "S", 999, 0)]
    p += [segment(5601, "FA", 1000, 5), segment(5601, "S", 999, 0)]
    p += [segment(5700, "A"), segment(5701, "PA", payload=b"abc"), segment(5702, "A"), segment(5702, "A")]
    p += [segment(5801, "R", 1000, 0), segment(5801, "A", 1000, 5)]
    p += [segment(5802, "RA", 1000, 5), segment(5802, "PA", 1000, 5, payload=b"x")]
    p += [segment(5900, "S", 999, 0), segment(5900, "SA", 4, 1000, reply=True),
          segment(5900, "PA", 1000, 5, payload=b"abc"), segment(5900, "PA", 5, 1003, payload=b"xyz", reply=True)]
    p += [segment(5902, "PA", payload=b"abc"), segment(5902, "PA", 5, 1003, payload=b"xyz", reply=True),
          segment(5902, "PA", 1003, 8, payload=b"abc")]
    p += [segment(5903, "FA", 1000, 5), segment(5903, "FA", 5, 1001, reply=True), segment(5903, "A", 1001, 6)]
    # Fixed times, a millisecond apart, so that the file is the same on every run.
    for i, packet in enumerate(p):
        packet.time = 1767225600 + i / 1000
    start = p[-1].time + 1
    whole = lambda cport, isn: [segment(cport, "S", isn, 0), segment(cport, "SA", 5000, isn + 1, reply=True),
                                segment(cport, "A", isn + 1, 5001), segment(cport, "FA", isn + 1, 5001),
                                segment(cport, "FA", 5001, isn + 2, reply=True), segment(cport, "A", isn + 2, 5002)]
    later = []
    for offset, packet in ([(0, q) for q in whole(7000, 1000)] + [(0, q) for q in whole(7002, 1000)]
                           + [(0, segment(7001, "S", 1000, 0)), (0, segment(7001, "SA", 5000, 1001, reply=True)),
                              (0, segment(7001, "A", 1001, 5001))]
                           + [(120, segment(7002, "A", 1002, 5002))]
                           + [(200, q) for q in whole(7000, 90000)]
                           + [(700, segment(7001, "PA", 1001, 5001, payload=b"late")),
                              (700, segment(7001, "A", 5001, 1005, reply=True))]):
        packet.time = start + offset + len(later) / 1000
        later.append(packet)
    return p + later


if __name__ == "__main__":
    wrpcap(sys.argv[1] if len(sys.argv) > 1 else "samples/stream-corner-cases.pcap", packets())
