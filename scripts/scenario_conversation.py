"""One whole TCP conversation for the scenario scripts (tunnel-scenarios.py,
provider-bridging-scenarios.py): three-way handshake, request, response, four-way teardown."""
from scapy.all import IP, IPv6, TCP, Raw


def conversation(cport, client, server, sport=80, isn_c=1000, isn_s=5000, path="/tunnel", host="inner", mss=1400):
    """The inner packets of one TCP conversation, each with the side that sent it (0 client)."""
    request = b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + host.encode() + b"\r\n\r\n"
    response = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    ip = IPv6 if ":" in client else IP
    c = lambda **kw: (0, ip(src=client, dst=server) / TCP(sport=cport, dport=sport, **kw))
    s = lambda **kw: (1, ip(src=server, dst=client) / TCP(sport=sport, dport=cport, **kw))
    c1, s1 = isn_c + 1, isn_s + 1
    return [
        c(flags="S", seq=isn_c, window=64240, options=[("MSS", mss), ("SAckOK", b""), ("WScale", 7)]),
        s(flags="SA", seq=isn_s, ack=c1, window=65160, options=[("MSS", mss), ("SAckOK", b""), ("WScale", 7)]),
        c(flags="A", seq=c1, ack=s1, window=502),
        (0, c(flags="PA", seq=c1, ack=s1, window=502)[1] / Raw(request)),
        s(flags="A", seq=s1, ack=c1 + len(request), window=509),
        (1, s(flags="PA", seq=s1, ack=c1 + len(request), window=509)[1] / Raw(response)),
        c(flags="A", seq=c1 + len(request), ack=s1 + len(response), window=502),
        c(flags="FA", seq=c1 + len(request), ack=s1 + len(response), window=502),
        s(flags="A", seq=s1 + len(response), ack=c1 + len(request) + 1, window=509),
        s(flags="FA", seq=s1 + len(response), ack=c1 + len(request) + 1, window=509),
        c(flags="A", seq=c1 + len(request) + 1, ack=s1 + len(response) + 1, window=502),
    ]
