"""Captures real KRPC packets from a libtorrent 2.0 DHT node on 127.0.0.1, as seeds for KrpcCodecFuzzTest.

Usage: /usr/bin/python3 capture_krpc.py OUT_DIR [--ipv6]
With --ipv6 everything happens on [::1] (the IPv6 DHT, BEP 32: "nodes6", 18-byte "values"), the queries carry
want=["n4", "n6"], and the files are named libtorrent6-<what>.
Starts one libtorrent session (DHT only, no bootstrap routers), queries it from a plain UDP socket and writes
each reply, byte for byte, to OUT_DIR/libtorrent-<what>. It also tells the session about our socket, so the
queries libtorrent itself sends to a new node are captured too. Nothing leaves loopback.
"""
import os
import socket
import sys
import time

import libtorrent as lt


def bencode(v):
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, str):
        v = v.encode()
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, list):
        return b"l" + b"".join(bencode(x) for x in v) + b"e"
    return b"d" + b"".join(bencode(k) + bencode(v[k]) for k in sorted(v)) + b"e"


def token_of(reply):
    """The write token of a get_peers reply (enough bencode parsing for this one field)."""
    at = reply.index(b"5:token") + len(b"5:token")
    colon = reply.index(b":", at)
    n = int(reply[at:colon])
    return reply[colon + 1 : colon + 1 + n]


def main():
    out = sys.argv[1]
    ipv6 = "--ipv6" in sys.argv[2:]
    host = "::1" if ipv6 else "127.0.0.1"
    prefix = "libtorrent6-" if ipv6 else "libtorrent-"
    os.makedirs(out, exist_ok=True)
    session = lt.session({
        "listen_interfaces": ("[::1]" if ipv6 else host) + ":0",
        "enable_dht": True,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "dht_bootstrap_nodes": "",
        "dht_restrict_routing_ips": False,
        "dht_restrict_search_ips": False,
        "dht_ignore_dark_internet": False,
        "dht_prefer_verified_node_ids": False,
        "dht_enforce_node_id": False,
    })
    node = (host, session.listen_port())
    sock = socket.socket(socket.AF_INET6 if ipv6 else socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((host, 0))
    sock.settimeout(5)
    me = bytes(range(1, 21))
    info_hash = bytes.fromhex("0123456789abcdef0123456789abcdef01234567")
    time.sleep(1)  # let the DHT start

    def ask(name, query, args, tid=b"aa"):
        args = dict(args, id=me)
        if ipv6 and query in ("find_node", "get_peers"):
            args["want"] = ["n4", "n6"]
        sock.sendto(bencode({"t": tid, "y": "q", "q": query, "a": args}), node)
        while True:
            data, source = sock.recvfrom(2048)
            if source[:2] != node:
                continue
            if b"1:y1:q" in data:  # a query of libtorrent's own, crossing ours
                save("query-" + str(len(os.listdir(out))), data)
                continue
            save(name, data)
            return data

    def save(name, data):
        with open(os.path.join(out, prefix + name), "wb") as f:
            f.write(data)

    ask("ping-response", "ping", {})
    ask("find_node-response", "find_node", {"target": info_hash})
    token = token_of(ask("get_peers-response-token-only", "get_peers", {"info_hash": info_hash}))
    ask("announce_peer-response", "announce_peer", {"info_hash": info_hash, "port": 51413, "token": token})
    ask("get_peers-response-with-values", "get_peers", {"info_hash": info_hash})
    ask("error-bad-token", "announce_peer", {"info_hash": info_hash, "port": 51413, "token": b"wrong"})
    # BEP 5: a node answers an unknown method that has a "target" like find_node, for forward compatibility.
    ask("unknown-method-response", "vote", {"target": info_hash})

    # Now libtorrent learns of our socket and queries it as it would any new node.
    session.add_dht_node(sock.getsockname())
    deadline = time.time() + 10
    seen = set()
    while time.time() < deadline and len(seen) < 2:
        try:
            data, source = sock.recvfrom(2048)
        except socket.timeout:
            break
        if source[:2] != node or b"1:y1:q" not in data:
            continue
        method = data.split(b"1:q", 1)[1].split(b":", 1)
        name = method[1][: int(method[0])].decode()
        if name not in seen:
            seen.add(name)
            save(name + "-query", data)
    sock.close()


if __name__ == "__main__":
    main()
