"""Records an MSE handshake with libtorrent 2.0 on 127.0.0.1, both ways, for MseRecordedExchangeTest.

Usage: /usr/bin/python3 capture-libtorrent-mse.py OUTDIR

A libtorrent seed that requires encryption (pe_forced, RC4 or plaintext allowed) serves a small torrent.
1. This script dials it as the MSE initiator with a fixed private key, no padding, offering RC4 and
   plaintext and sending its BitTorrent handshake as the initial payload; it records every byte each way
   (initiator-sent, responder-sent: libtorrent's Yb, PadB, step 4 and the stream after it for a second).
2. It then listens as the MSE responder with another fixed private key, has libtorrent dial it
   (connect_peer), answers with no padding, selecting RC4, and records libtorrent's bytes (initiator-sent)
   and its own (responder-sent).
OUTDIR/params has the private keys, the info-hash and the peer ids, one 'name hex' per line. Only loopback.
"""
import hashlib
import os
import socket
import struct
import sys
import tempfile
import time

import libtorrent as lt

P = int("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563", 16)
X_INITIATOR = bytes(range(0x81, 0x81 + 20))   # high bit set, as the engine sets it
X_RESPONDER = bytes(range(0xa1, 0xa1 + 20))
OUR_ID = b"-TP0100-recorded0001"
RESERVED = bytes([0, 0, 0, 0, 0, 0x10, 0, 0x05])


class Rc4:
    def __init__(self, key):
        s = list(range(256))
        j = 0
        for i in range(256):
            j = (j + s[i] + key[i % len(key)]) & 0xff
            s[i], s[j] = s[j], s[i]
        self.s, self.i, self.j = s, 0, 0
        self.crypt(bytes(1024))

    def crypt(self, data):
        s, i, j = self.s, self.i, self.j
        out = bytearray(len(data))
        for k, b in enumerate(data):
            i = (i + 1) & 0xff
            j = (j + s[i]) & 0xff
            s[i], s[j] = s[j], s[i]
            out[k] = b ^ s[(s[i] + s[j]) & 0xff]
        self.i, self.j = i, j
        return bytes(out)


def sha1(*parts):
    return hashlib.sha1(b"".join(parts)).digest()


def key(x):
    return pow(2, int.from_bytes(x, "big"), P).to_bytes(96, "big")


def secret(x, their):
    return pow(int.from_bytes(their, "big"), int.from_bytes(x, "big"), P).to_bytes(96, "big")


def recv_exactly(sock, n, log):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise SystemExit("closed after %d bytes" % (len(log) + len(data)))
        data += chunk
    log += data
    return data


def drain(sock, log, seconds):
    sock.settimeout(0.2)
    end = time.time() + seconds
    while time.time() < end:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        log += chunk


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
work = tempfile.mkdtemp()
with open(os.path.join(work, "hello.bin"), "wb") as f:
    f.write(bytes((i * 7 + i // 251) & 0xFF for i in range(50000)))
fs = lt.file_storage()
lt.add_files(fs, os.path.join(work, "hello.bin"))
ct = lt.create_torrent(fs, 16384, flags=lt.create_torrent.v1_only)
lt.set_piece_hashes(ct, work)
info = lt.torrent_info(lt.bencode(ct.generate()))
ses = lt.session({
    "listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False, "enable_upnp": False,
    "enable_natpmp": False, "enable_incoming_utp": False, "enable_outgoing_utp": False,
    "allow_multiple_connections_per_ip": True,
    "out_enc_policy": lt.enc_policy.pe_forced, "in_enc_policy": lt.enc_policy.pe_forced,
    "allowed_enc_level": lt.enc_level.pe_both, "prefer_rc4": True,
})
h = ses.add_torrent({"ti": info, "save_path": work})
while h.status().state != lt.torrent_status.seeding:
    time.sleep(0.1)
ih = info.info_hash().to_bytes()
ia = bytes([19]) + b"BitTorrent protocol" + RESERVED + ih + OUR_ID

# 1. We initiate, libtorrent responds.
sent, got = bytearray(), bytearray()
s = socket.create_connection(("127.0.0.1", ses.listen_port()))
step1 = key(X_INITIATOR)
s.sendall(step1); sent += step1
S = secret(X_INITIATOR, recv_exactly(s, 96, got))
enc, dec = Rc4(sha1(b"keyA", S, ih)), Rc4(sha1(b"keyB", S, ih))
step3 = (sha1(b"req1", S) + bytes(a ^ b for a, b in zip(sha1(b"req2", ih), sha1(b"req3", S)))
         + enc.crypt(bytes(8) + struct.pack(">IH", 3, 0) + struct.pack(">H", len(ia)) + ia))
s.sendall(step3); sent += step3
drain(s, got, 1.5)
s.close()
mark = dec.crypt(bytes(8))
at = bytes(got).index(mark, 96)
rest = dec.crypt(bytes(got[at + 8:]))
select, pad_d = struct.unpack(">IH", rest[:6])
their_hs = rest[6 + pad_d:6 + pad_d + 68]
assert select == 2 and their_hs[1:20] == b"BitTorrent protocol", (select, their_hs)
open(os.path.join(out, "initiator-sent-by-us"), "wb").write(sent)
open(os.path.join(out, "responder-sent-by-libtorrent"), "wb").write(got)
lt_id = their_hs[48:68]

# 2. libtorrent initiates, we respond.
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
h.connect_peer(("127.0.0.1", server.getsockname()[1]))
c, _ = server.accept()
got2, sent2 = bytearray(), bytearray()
ya = recv_exactly(c, 96, got2)
step2 = key(X_RESPONDER)
c.sendall(step2); sent2 += step2
S = secret(X_RESPONDER, ya)
req1 = sha1(b"req1", S)
while req1 not in bytes(got2[96:]):
    recv_exactly(c, 1, got2)
at = bytes(got2).index(req1, 96) + 20
obfuscated = recv_exactly(c, 20, got2)
assert bytes(a ^ b for a, b in zip(obfuscated, sha1(b"req3", S))) == sha1(b"req2", ih)
dec, enc = Rc4(sha1(b"keyA", S, ih)), Rc4(sha1(b"keyB", S, ih))
vc, provide, pad_c = struct.unpack(">8sIH", dec.crypt(recv_exactly(c, 14, got2)))
dec.crypt(recv_exactly(c, pad_c, got2))
(ia_len,) = struct.unpack(">H", dec.crypt(recv_exactly(c, 2, got2)))
their_ia = dec.crypt(recv_exactly(c, ia_len, got2))
assert vc == bytes(8) and provide & 2, (vc, provide)
step4 = enc.crypt(bytes(8) + struct.pack(">IH", 2, 0))
c.sendall(step4); sent2 += step4
ours = enc.crypt(ia)
c.sendall(ours); sent2 += ours
drain(c, got2, 1.5)
c.close()
open(os.path.join(out, "initiator-sent-by-libtorrent"), "wb").write(got2)
open(os.path.join(out, "responder-sent-by-us"), "wb").write(sent2)

with open(os.path.join(out, "params"), "w") as f:
    # libtorrent 2.0 uses a new peer id for every connection
    f.write("x-initiator %s\nx-responder %s\ninfo-hash %s\nour-peer-id %s\nlibtorrent-peer-id %s\n"
            "libtorrent-peer-id-dialling %s\n" % (
                X_INITIATOR.hex(), X_RESPONDER.hex(), ih.hex(), OUR_ID.hex(), lt_id.hex(), their_ia[48:68].hex()))
print("recorded: libtorrent %s, IA %d bytes when it initiated" % (lt_id[:8], ia_len))
