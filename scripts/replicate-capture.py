#!/usr/bin/env python3
"""Writes a large capture made of one small capture's TCP conversation repeated N times, each copy
with another client port (and, past 60,000 copies, another client address octet), starting 1 ms
after the previous one. Measures the application layer at scale, e.g.:

    scripts/replicate-capture.py ../shared/captures/zeek/tls_tls1.2.pcap 50000 /tmp/tls1M.pcap

The input must be a classic little-endian Ethernet/IPv4 pcap of one TCP conversation; its client is
the side that sent the first packet. Checksums are not recomputed (tcplens and tshark do not drop
packets for them)."""
import struct
import sys


def main(source, copies, target):
    data = open(source, 'rb').read()
    header, records, at = data[:24], [], 24
    while at + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack('<IIII', data[at:at + 16])
        records.append((sec, usec, data[at + 16:at + 16 + incl], orig))
        at += 16 + incl
    first = records[0][2]
    ihl = (first[14] & 0x0F) * 4
    client_port = struct.unpack('>H', first[14 + ihl:16 + ihl])[0]
    start = records[0][0] * 1_000_000 + records[0][1]
    with open(target, 'wb') as out:
        out.write(header)
        for i in range(copies):
            port, octet = 1024 + i % 60000, i // 60000
            for sec, usec, frame, orig in records:
                f = bytearray(frame)
                tcp = 14 + (f[14] & 0x0F) * 4
                source_port, destination_port = struct.unpack('>HH', f[tcp:tcp + 4])
                if source_port == client_port:
                    f[tcp:tcp + 2] = struct.pack('>H', port)
                    f[29] = (f[29] + octet) & 0xFF
                elif destination_port == client_port:
                    f[tcp + 2:tcp + 4] = struct.pack('>H', port)
                    f[33] = (f[33] + octet) & 0xFF
                micros = sec * 1_000_000 + usec - start + i * 1000
                out.write(struct.pack('<IIII', 1_700_000_000 + micros // 1_000_000, micros % 1_000_000, len(f), orig))
                out.write(f)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit('usage: replicate-capture.py SOURCE.pcap COPIES TARGET.pcap')
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
