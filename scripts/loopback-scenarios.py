#!/usr/bin/env python3
"""Plays five TCP conversations on loopback, for samples/loopback-scenarios.pcap: what a real
stack (Linux) does that the generated captures never do. Record them with

    tcpdump -i lo -U -w samples/loopback-scenarios.pcap 'tcp portrange 45001-45005' &
    python3 scripts/loopback-scenarios.py; kill %1

then scripts/record-tshark-oracle.sh for tshark's views (the tests compare every one of them).
  45001  a receiver too slow for its sender: zero windows, window full, window updates
  45002  a half-close: the client shuts down its sending side, the server answers after it
  45003  an abort: the server reads 5 bytes, then closes with SO_LINGER 0 (a RST)
  45004  keep-alives: an idle connection with a 1-second keep-alive timer, the server closes
  45005  IPv6 (::1): a ping and its echo
"""
import socket, threading, time, struct
def server(port, mode):
    s = socket.socket(socket.AF_INET6 if mode=='v6' else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if mode=='zw': s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.bind(('::1' if mode=='v6' else '127.0.0.1', port)); s.listen(1)
    c,_ = s.accept()
    if mode=='zw':
        time.sleep(1.5)
        while True:
            d = c.recv(1000)
            if not d: break
            time.sleep(0.01)
        c.close()
    elif mode=='half':
        data=b''
        while True:
            d=c.recv(65536)
            if not d: break
            data+=d
        for i in range(3): c.send(b'reply after half-close %d\n'%i); time.sleep(0.05)
        c.close()
    elif mode=='rst':
        c.recv(100); c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii',1,0)); c.close()
    elif mode=='ka':
        time.sleep(3.5); c.send(b'bye'); c.close()
    else:
        d=c.recv(100); c.send(d); c.close()
    s.close()
def client(port, mode):
    time.sleep(0.3)
    c = socket.socket(socket.AF_INET6 if mode=='v6' else socket.AF_INET)
    if mode=='ka':
        c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    if mode=='zw': c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8192)
    c.connect(('::1' if mode=='v6' else '127.0.0.1', port))
    if mode=='zw':
        c.sendall(b'x'*200000); c.close()
    elif mode=='half':
        c.sendall(b'request\n'*10); c.shutdown(socket.SHUT_WR)
        while c.recv(100): pass
        c.close()
    elif mode=='rst':
        c.send(b'hello'); time.sleep(0.2)
        try: c.send(b'more'); time.sleep(0.1); c.send(b'more')
        except Exception: pass
        c.close()
    elif mode=='ka':
        while c.recv(100): pass
        c.close()
    else:
        c.send(b'ping'); c.recv(100); c.close()
for port,mode in [(45001,'zw'),(45002,'half'),(45003,'rst'),(45004,'ka'),(45005,'v6')]:
    t=threading.Thread(target=server,args=(port,mode)); t.start(); client(port,mode); t.join()
