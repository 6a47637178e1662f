"""Records what a libtorrent 2.0 seed sends to a peer on 127.0.0.1: handshake, extension handshake, bitfield
or have_all, a block, a ut_metadata piece and a ut_pex message. Two raw-socket peers connect (ut_pex only
lists other peers); only loopback is used.

Usage: /usr/bin/python3 capture-libtorrent.py OUTDIR   (takes up to a minute and a half: ut_pex is sent
once a minute)
Writes OUTDIR/handshake (68 bytes), OUTDIR/stream (every frame peer A received, in order), and
OUTDIR/frame-<n>-<kind> (each frame alone, length prefix included).
"""
import os
import socket
import struct
import sys
import tempfile
import time

import libtorrent as lt

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
work = tempfile.mkdtemp()
with open(os.path.join(work, "hello.bin"), "wb") as f:
    f.write(bytes((i * 7 + i // 251) & 0xFF for i in range(50000)))
fs = lt.file_storage()
lt.add_files(fs, os.path.join(work, "hello.bin"))
ct = lt.create_torrent(fs, 16384)
lt.set_piece_hashes(ct, work)
info = lt.torrent_info(lt.bencode(ct.generate()))

ses = lt.session({
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "allow_multiple_connections_per_ip": True,
    "user_agent": "libtorrent/2.0.8",
})
h = ses.add_torrent({"ti": info, "save_path": work})
while h.status().state != lt.torrent_status.seeding:
    time.sleep(0.1)
port = ses.listen_port()
ih = info.info_hash().to_bytes()

RESERVED = bytes([0, 0, 0, 0, 0, 0x10, 0, 0x04])  # extension protocol + Fast extension


def bencode_handshake(listen_port):
    return (b"d1:md11:ut_metadatai3e6:ut_pexi4ee1:pi%de1:v7:capturee" % listen_port)


def frame(msg_id, payload=b""):
    return struct.pack(">IB", 1 + len(payload), msg_id) + payload


def connect(peer_id, listen_port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(bytes([19]) + b"BitTorrent protocol" + RESERVED + ih + peer_id)
    hs = b""
    while len(hs) < 68:
        hs += s.recv(68 - len(hs))
    s.sendall(frame(20, b"\x00" + bencode_handshake(listen_port)))
    return s, hs


a, handshake = connect(b"-CP0001-aaaaaaaaaaaa", 40001)
b, _ = connect(b"-CP0001-bbbbbbbbbbbb", 40002)
a.sendall(frame(2))  # interested
a.settimeout(0.5)

buf = b""
frames = []
sent_requests = False
deadline = time.time() + 90
while time.time() < deadline:
    try:
        chunk = a.recv(65536)
        if not chunk:
            break
        buf += chunk
    except socket.timeout:
        a.sendall(b"\0\0\0\0")
        b.sendall(b"\0\0\0\0")
    while len(buf) >= 4:
        (n,) = struct.unpack(">I", buf[:4])
        if len(buf) < 4 + n:
            break
        frames.append(buf[: 4 + n])
        buf = buf[4 + n :]
    kinds = [f[4] if len(f) > 4 else -1 for f in frames]
    ext = [f for f in frames if len(f) > 5 and f[4] == 20]
    if not sent_requests and ext and 1 in kinds:  # their extension handshake and an unchoke
        meta_id = int(ext[0].split(b"11:ut_metadatai")[1].split(b"e")[0])
        a.sendall(frame(20, bytes([meta_id]) + b"d8:msg_typei0e5:piecei0ee"))
        a.sendall(frame(6, struct.pack(">III", 0, 0, 16384)))
        sent_requests = True
    if any(len(f) > 5 and f[4] == 20 and f[5] == 4 for f in frames):  # ut_pex under our id 4
        break

names = {0: "choke", 1: "unchoke", 4: "have", 5: "bitfield", 7: "piece", 9: "port", 14: "have-all",
         15: "have-none", 17: "allowed-fast", 20: "extended", -1: "keep-alive"}
with open(os.path.join(out, "handshake"), "wb") as f:
    f.write(handshake)
with open(os.path.join(out, "stream"), "wb") as f:
    f.write(b"".join(frames))
for i, fr in enumerate(frames):
    kind = fr[4] if len(fr) > 4 else -1
    name = names.get(kind, "id%d" % kind)
    if kind == 20:
        name += "-%d" % fr[5]
    with open(os.path.join(out, "frame-%02d-%s" % (i, name)), "wb") as f:
        f.write(fr)
    print(i, name, len(fr), fr[:80])
