#!/usr/bin/python3
"""A loopback UDP relay that records uTP packets between two peers (for UtpRecordedExchangeTest's data).

  utp_relay.py LISTEN_PORT TARGET_PORT OUT.log [--max N]

Peers dial LISTEN_PORT; datagrams go on to TARGET_PORT from the relay's own socket, and the answers back to
whoever dialled. Each packet's header is written as one line: direction, type, connection id, seq, ack,
window, timestamp difference, selective-ack bytes (hex) and payload length; the first 64 payload bytes in hex.
"""
import socket
import struct
import sys

TYPES = ['DATA', 'FIN', 'STATE', 'RESET', 'SYN']


def describe(direction, d):
    if len(d) < 20 or d[0] & 15 != 1:
        return '%s non-utp %d' % (direction, len(d))
    t, ext, cid, ts, tsd, wnd, seq, ack = struct.unpack('>BBHIIIHH', d[:20])
    at, sack = 20, ''
    while ext:
        nxt, ln = d[at], d[at + 1]
        if ext == 1:
            sack = d[at + 2:at + 2 + ln].hex()
        at += 2 + ln
        ext = nxt
    return '%s %s conn=%d seq=%d ack=%d wnd=%d tsdiff=%d sack=%s len=%d data=%s' % (
        direction, TYPES[t >> 4] if t >> 4 < 5 else t >> 4, cid, seq, ack, wnd, tsd, sack or '-',
        len(d) - at, d[at:at + 64].hex() or '-')


def main():
    listen, target, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    limit = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == '--max' else 10 ** 9
    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.bind(('127.0.0.1', listen))
    back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    back.bind(('127.0.0.1', 0))
    for s in (front, back):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    import select
    client = None
    n = 0
    with open(out, 'w') as log:
        while True:
            ready, _, _ = select.select([front, back], [], [])
            for s in ready:
                d, src = s.recvfrom(65536)
                if s is front:
                    client = src
                    back.sendto(d, ('127.0.0.1', target))
                    line = describe('>', d)
                elif client:
                    front.sendto(d, client)
                    line = describe('<', d)
                else:
                    continue
                if n < limit:
                    log.write(line + '\n')
                    log.flush()
                n += 1


if __name__ == '__main__':
    main()
