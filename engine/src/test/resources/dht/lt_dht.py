"""A few libtorrent sessions acting as DHT nodes on 127.0.0.1, driven over stdin/stdout by LibtorrentDhtIT.

Usage: /usr/bin/python3 lt_dht.py COUNT [--ipv6]
With --ipv6 the sessions listen on [::1] instead, so their DHT is the IPv6 one (BEP 32) and peers they report
read "::1:PORT".
Prints one JSON line {"ports": [...]} once the sessions listen (each session's UDP DHT port equals its TCP
listen port) and have been told about each other. Then answers each command line with one JSON line:
  nodes I                -> {"nodes": N}                  nodes in session I's routing table
  seed I HEX             -> {"ok": true}                  session I joins torrent HEX, so it announces itself
  get_peers I HEX SECS   -> {"peers": ["ip:port", ...]}   session I looks HEX up (waits up to SECS for peers)
  add_node I HOST PORT   -> {"ok": true}                  session I learns of the DHT node at HOST:PORT
  quit
Nothing ever leaves loopback: no bootstrap routers are configured, nodes are added one by one.
(session.dht_announce cannot be called from the 2.0.8 Python bindings, whose flags type is not exported, so a
torrent without metadata stands in for it.)
"""
import json
import shutil
import sys
import tempfile
import time

try:
    import libtorrent as lt
except ImportError:
    print(json.dumps({"error": "libtorrent for Python is not installed"}), flush=True)
    sys.exit(3)


def settings(host):
    return {
        "listen_interfaces": host + ":0",
        "enable_dht": True,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        # Empty: the default would reach public routers. Bootstrap nodes would not enter routing tables anyway.
        "dht_bootstrap_nodes": "",
        # Loopback test network: every node shares one IP, which libtorrent normally treats as suspicious.
        "dht_restrict_routing_ips": False,
        "dht_restrict_search_ips": False,
        "dht_ignore_dark_internet": False,
        "dht_prefer_verified_node_ids": False,
        "dht_enforce_node_id": False,
        "allow_multiple_connections_per_ip": True,
        "dht_announce_interval": 5,
        "alert_mask": lt.alert.category_t.dht_notification
        | lt.alert.category_t.dht_operation_notification
        | lt.alert.category_t.status_notification,
    }


def reply(obj):
    print(json.dumps(obj), flush=True)


def routing_table_size(s):
    s.post_dht_stats()
    deadline = time.time() + 5
    while time.time() < deadline:
        s.wait_for_alert(200)
        for a in s.pop_alerts():
            if isinstance(a, lt.dht_stats_alert):
                return sum(b["num_nodes"] for b in a.routing_table)
    return -1


def get_peers(s, hex_hash, seconds):
    wanted = lt.sha1_hash(bytes.fromhex(hex_hash))
    s.pop_alerts()
    s.dht_get_peers(wanted)
    deadline = time.time() + seconds
    peers = set()
    while not peers and time.time() < deadline:
        s.wait_for_alert(200)
        for a in s.pop_alerts():
            if isinstance(a, lt.dht_get_peers_reply_alert) and a.info_hash == wanted:
                peers.update("%s:%d" % p for p in a.peers())
    return sorted(peers)


def main():
    count = int(sys.argv[1])
    ipv6 = "--ipv6" in sys.argv[2:]
    sessions = [lt.session(settings("[::1]" if ipv6 else "127.0.0.1")) for _ in range(count)]
    ports = [s.listen_port() for s in sessions]
    for i, s in enumerate(sessions):
        for j, port in enumerate(ports):
            if i != j:
                s.add_dht_node(("::1" if ipv6 else "127.0.0.1", port))
    save_dir = tempfile.mkdtemp(prefix="lt_dht")
    reply({"ports": ports})
    try:
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            cmd, args = words[0], words[1:]
            if cmd == "quit":
                break
            s = sessions[int(args[0])]
            if cmd == "nodes":
                reply({"nodes": routing_table_size(s)})
            elif cmd == "seed":
                p = lt.add_torrent_params()
                p.info_hashes = lt.info_hash_t(lt.sha1_hash(bytes.fromhex(args[1])))
                p.save_path = save_dir
                s.add_torrent(p)
                reply({"ok": True})
            elif cmd == "add_node":
                s.add_dht_node((args[1], int(args[2])))
                reply({"ok": True})
            elif cmd == "get_peers":
                reply({"peers": get_peers(s, args[1], float(args[2]))})
            else:
                reply({"error": "unknown command " + cmd})
    finally:
        shutil.rmtree(save_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
