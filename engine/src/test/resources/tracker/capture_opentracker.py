"""Captures real tracker replies from Debian's opentracker on 127.0.0.1, as seeds for the tracker fuzz targets.

Usage: /usr/bin/python3 capture_opentracker.py OUT_DIR
Starts opentracker (HTTP and UDP on one port; the Debian build serves only whitelisted info-hashes and chroots
into its -d directory, see OpentrackerProcess.java), announces two peers so that replies list one, and writes:
  OUT_DIR/http/opentracker-*   HTTP bodies (announce, scrape prefixed by the 20-byte info-hash, refusal);
                               opentracker has no non-compact peer lists (compact=0 is a 400)
  OUT_DIR/udp/opentracker-*    BEP 15 replies, all to transaction id 0x746f7270 ("torp")
  OUT_DIR/raw/opentracker-*    whole HTTP responses (status line, headers, body) as read from the socket
Nothing leaves loopback.
"""
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

INFO_HASH = bytes.fromhex("0123456789abcdef0123456789abcdef01234567")
UNLISTED = bytes.fromhex("fedcba9876543210fedcba9876543210fedcba98")
TID = 0x746F7270


def free_port():
    with socket.socket() as tcp, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
        udp.bind(("127.0.0.1", port))
        return port


def http_get(tracker_port, path, **params):
    query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/%s?%s" % (tracker_port, path, query), timeout=5) as r:
            return r.read()
    except urllib.error.HTTPError as e:  # a refusal may still come with a body
        return e.read()


def raw_get(tracker_port, path, **params):
    """The whole response, head and body, to a GET sent the way PlainHttp sends it."""
    query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    with socket.create_connection(("127.0.0.1", tracker_port), timeout=5) as s:
        s.sendall(("GET /%s?%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUser-Agent: Torpeddo/0.1\r\n"
                   "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n" % (path, query, tracker_port)).encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data
            data += chunk


def announce(port, peer_id, peer_port, info_hash=INFO_HASH, **extra):
    return http_get(port, "announce", info_hash=info_hash, peer_id=peer_id, port=peer_port, uploaded=0,
                    downloaded=0, left=100, **extra)


def udp_exchange(sock, port, packet):
    sock.sendto(packet, ("127.0.0.1", port))
    return sock.recvfrom(4096)[0]


def main():
    out = sys.argv[1]
    http_out, udp_out, raw_out = os.path.join(out, "http"), os.path.join(out, "udp"), os.path.join(out, "raw")
    os.makedirs(raw_out, exist_ok=True)
    os.makedirs(http_out, exist_ok=True)
    os.makedirs(udp_out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="opentracker")
    os.chmod(work, 0o755)
    with open(os.path.join(work, "whitelist"), "w") as f:
        f.write(INFO_HASH.hex() + "\n")
    os.chmod(os.path.join(work, "whitelist"), 0o644)
    port = free_port()
    tracker = subprocess.Popen(["opentracker", "-i", "127.0.0.1", "-p", str(port), "-P", str(port), "-d", work,
                                "-w", "whitelist"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)

        def save(folder, name, data):
            with open(os.path.join(folder, "opentracker-" + name), "wb") as f:
                f.write(data)

        # The whitelist is read a moment after the port opens; until then every hash is refused.
        for _ in range(100):
            if b"failure reason" not in announce(port, b"-TP0001-aaaaaaaaaaaa", 6881, compact=1):
                break
            time.sleep(0.1)
        save(http_out, "announce-compact", announce(port, b"-TP0001-bbbbbbbbbbbb", 6882, compact=1))
        save(http_out, "announce-stopped", announce(port, b"-TP0001-cccccccccccc", 6883, compact=1,
                                                    event="stopped"))
        save(http_out, "announce-refused-unlisted", announce(port, b"-TP0001-dddddddddddd", 6884, UNLISTED))
        save(http_out, "scrape-with-hash-prefix", INFO_HASH + http_get(port, "scrape", info_hash=INFO_HASH))
        save(raw_out, "announce-response", raw_get(port, "announce", info_hash=INFO_HASH,
                                                   peer_id="-TP0001-gggggggggggg", port=6887, uploaded=0,
                                                   downloaded=0, left=100, compact=1))
        save(raw_out, "bad-request-response", raw_get(port, "announce", info_hash=INFO_HASH, compact=0))

        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(5)
        connect = udp_exchange(sock, port, struct.pack(">qii", 0x41727101980, 0, TID))
        save(udp_out, "connect", connect)
        connection = connect[8:16]

        def udp_announce(info_hash, peer_id, peer_port):
            return udp_exchange(sock, port, connection + struct.pack(">ii", 1, TID) + info_hash + peer_id
                                + struct.pack(">qqqiIiiH", 0, 100, 0, 2, 0, 7, -1, peer_port))

        save(udp_out, "announce", udp_announce(INFO_HASH, b"-TP0001-eeeeeeeeeeee", 6885))
        save(udp_out, "scrape", udp_exchange(sock, port, connection + struct.pack(">ii", 2, TID) + INFO_HASH))
        save(udp_out, "announce-unlisted-header-only", udp_announce(UNLISTED, b"-TP0001-ffffffffffff", 6886))
        sock.close()
    finally:
        tracker.terminate()
        tracker.wait(5)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
