"""Captures the Local Service Discovery announces (BEP 14) libtorrent 2.0 sends, as seeds for LsdMessageFuzzTest.

Usage, in a fresh network namespace whose only interface is a multicast-enabled loopback (so nothing can leave
the machine, and the multicast group is reachable at all: a normal lo has no MULTICAST flag):
  unshare -n sh -c 'ip link set lo up multicast on && ip route add 239.0.0.0/8 dev lo &&
                    /usr/bin/python3 capture_lsd.py OUT_DIR'
Starts one libtorrent session listening on 127.0.0.1 with LSD on, adds torrents (without metadata, which is
enough to announce them), and writes the first datagrams seen on 239.192.152.143:6771 to OUT_DIR/libtorrent-*.
"""
import os
import shutil
import socket
import struct
import sys
import tempfile
import time

import libtorrent as lt

GROUP, PORT = "239.192.152.143", 6771


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("", PORT))
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                    struct.pack("4s4s", socket.inet_aton(GROUP), socket.inet_aton("127.0.0.1")))
    sock.settimeout(2)

    session = lt.session({
        "listen_interfaces": "127.0.0.1:6881",
        "enable_dht": False,
        "enable_lsd": True,
        "enable_upnp": False,
        "enable_natpmp": False,
    })
    save_dir = tempfile.mkdtemp(prefix="lt_lsd")
    try:
        for hex_hash in ("0123456789abcdef0123456789abcdef01234567", "fedcba9876543210fedcba9876543210fedcba98"):
            p = lt.add_torrent_params()
            p.info_hashes = lt.info_hash_t(lt.sha1_hash(bytes.fromhex(hex_hash)))
            p.save_path = save_dir
            session.add_torrent(p)
        seen = []
        deadline = time.time() + 30
        while time.time() < deadline and len(seen) < 2:
            try:
                data = sock.recvfrom(2048)[0]
            except socket.timeout:
                continue
            if data.startswith(b"BT-SEARCH") and data not in seen:
                seen.append(data)
                with open(os.path.join(out, "libtorrent-announce-%d" % len(seen)), "wb") as f:
                    f.write(data)
    finally:
        shutil.rmtree(save_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
