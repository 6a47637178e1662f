#!/usr/bin/python3
"""A libtorrent 2.0 peer for Torpeddo's interop tests and benchmarks, on loopback only.

  lt_peer.py seed  TORRENT DIR --port N|--listen IP:PORT [--peer HOST:PORT]... [--send-buffer-floor KIB]
                   [--transport T] [--socket-buffer KIB] [--encryption MODE]
  lt_peer.py leech TORRENT|MAGNET DIR --port N|--listen IP:PORT [--peer HOST:PORT]... [--timeout S]
                   [--transport T] [--socket-buffer KIB] [--encryption MODE]
  lt_peer.py create DIR_OR_FILE OUT.torrent [--tracker URL] [--piece-length N]
  lt_peer.py dht-node --port N [--dht-node HOST:PORT]...

--send-buffer-floor KIB (seed) raises libtorrent's send_buffer_low_watermark (default 10 KiB). Until its
once-a-second rate tick has measured a new peer, libtorrent keeps only that much queued for it, i.e. reads
one block from disk at a time (~180 MiB/s here); so how fast any leecher starts depends on where in the
seeder's second it connects. The benchmark sets it so that it measures leechers, not that phase.

--listen IP:PORT (seed, leech) replaces --port: libtorrent listens there only, e.g. [::1]:6881 for a peer
reachable only over IPv6 loopback. --peer takes [IPv6]:PORT too.

--transport tcp|utp|both (seed, leech) says which peer transports libtorrent accepts and dials: tcp (the
default) turns uTP off both ways; utp turns TCP off both ways (enable_incoming_tcp/enable_outgoing_tcp) and
uTP on, so a peer must speak uTP (BEP 29) on the same port number over UDP; both is libtorrent's own default,
which dials uTP first and falls back to TCP. --utp-only is the same as --transport utp.

--socket-buffer KIB (seed, leech) sets the sockets' receive and send buffers (recv_socket_buffer_size,
send_socket_buffer_size; default: the OS's, 208 KiB here). Over uTP on loopback the default receive buffer
overflows: the kernel drops datagrams, uTP takes each drop for congestion, and 64 MiB took 2 to 10 s from run
to run; with 4096 KiB nothing was dropped and it took 1.5 to 2 s.

--encryption MODE (seed, leech) sets libtorrent's MSE/PE policy: forced-rc4 and forced-plaintext require
encryption both ways with only that method allowed (pe_forced, allowed_enc_level pe_rc4 / pe_plaintext),
enabled is libtorrent's default, disabled refuses it. Peers' encryption is reported in 'done' as
peer_encryption: the sorted set of 'rc4', 'plaintext' (MSE, plaintext method) and 'none' seen.

--dht-node HOST:PORT (seed, leech, dht-node) turns libtorrent's DHT on with exactly these nodes to start
from: no public routers, and the settings a DHT of several nodes on one loopback IP needs. HOST may be
[::1] for the IPv6 DHT (BEP 32).

--listen-ip IP (seed, leech, dht-node) listens on IP instead of 127.0.0.1, e.g. ::1 for a peer and DHT node
reachable over IPv6 only.

Prints one JSON object per line on stdout: {"event": "ready"|"progress"|"done"|"error", ...}.
A seeder runs until killed; a leecher exits 0 once every piece is verified, 1 on timeout or error.
"""
import argparse
import json
import os
import sys
import time

import libtorrent as lt


def emit(**kw):
    print(json.dumps(kw), flush=True)


ENCRYPTION = {
    'forced-rc4': (lt.enc_policy.pe_forced, lt.enc_level.pe_rc4),
    'forced-plaintext': (lt.enc_policy.pe_forced, lt.enc_level.pe_plaintext),
    'enabled': (lt.enc_policy.pe_enabled, lt.enc_level.pe_both),
    'disabled': (lt.enc_policy.pe_disabled, lt.enc_level.pe_both),
}


def session(port, dht_nodes=(), send_buffer_floor_kib=0, listen_ip='127.0.0.1', listen=None, transport='tcp',
            socket_buffer_kib=0, encryption='enabled'):
    settings = {
        'listen_interfaces': listen or ('[%s]:%d' if ':' in listen_ip else '%s:%d') % (listen_ip, port),
        'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
        'enable_incoming_utp': False, 'enable_outgoing_utp': False,
        'allow_multiple_connections_per_ip': True,
        'alert_mask': lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
        # loopback tests: never wait on trackers longer than needed
        'min_announce_interval': 1, 'tracker_completion_timeout': 10,
        'announce_to_all_trackers': True, 'announce_to_all_tiers': True,
        'auto_manage_startup': 0,
    }
    if transport in ('utp', 'both'):
        settings.update({'enable_incoming_utp': True, 'enable_outgoing_utp': True})
    if transport == 'utp':
        settings.update({'enable_incoming_tcp': False, 'enable_outgoing_tcp': False})
    if socket_buffer_kib:
        settings.update({'recv_socket_buffer_size': socket_buffer_kib * 1024,
                         'send_socket_buffer_size': socket_buffer_kib * 1024})
    policy, level = ENCRYPTION[encryption]
    settings.update({'out_enc_policy': policy, 'in_enc_policy': policy, 'allowed_enc_level': level})
    if send_buffer_floor_kib:
        settings['send_buffer_low_watermark'] = send_buffer_floor_kib * 1024
    if dht_nodes:
        settings.update({
            'enable_dht': True,
            'dht_bootstrap_nodes': '',  # never the public routers
            'dht_restrict_routing_ips': False, 'dht_restrict_search_ips': False,
            'dht_ignore_dark_internet': False, 'dht_prefer_verified_node_ids': False,
            'dht_enforce_node_id': False, 'dht_announce_interval': 5,
        })
    ses = lt.session(settings)
    for node in dht_nodes:
        ses.add_dht_node(peer_tuple(node))
    return ses


def peer_tuple(spec):
    host, port = spec.rsplit(':', 1)
    return (host.strip('[]'), int(port))


def add(ses, torrent, save):
    if torrent.startswith('magnet:'):
        params = lt.parse_magnet_uri(torrent)
    else:
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(torrent)
    params.save_path = save
    params.flags &= ~lt.torrent_flags.auto_managed
    params.flags &= ~lt.torrent_flags.paused
    return ses.add_torrent(params)


def run(mode, a):
    ses = session(a.port, a.dht_node, a.send_buffer_floor, a.listen_ip, a.listen, a.transport, a.socket_buffer,
                  a.encryption)
    h = add(ses, a.torrent, a.dir)
    seen = set()
    for p in a.peer:
        h.connect_peer(peer_tuple(p))
    start = time.time()
    last = 0
    announced_ready = False
    while True:
        s = h.status()
        for peer in h.get_peer_info():
            if peer.flags & (lt.peer_info.connecting | lt.peer_info.handshake):
                continue  # not yet known how it is encrypted
            seen.add('rc4' if peer.flags & lt.peer_info.rc4_encrypted else
                     'plaintext' if peer.flags & lt.peer_info.plaintext_encrypted else 'none')
        for alert in ses.pop_alerts():
            if alert.category() & lt.alert.category_t.error_notification:
                emit(event='alert', message=alert.message())
        if mode == 'seed':
            if s.is_seeding and not announced_ready:
                emit(event='ready', port=ses.listen_port(), info_hash=str(h.info_hash()))
                announced_ready = True
            elif s.state == lt.torrent_status.seeding and s.progress < 1:
                emit(event='error', message='seed data incomplete')
                return 1
            if not announced_ready and s.state not in (lt.torrent_status.checking_files,
                                                       lt.torrent_status.checking_resume_data) \
                    and not s.is_seeding and s.progress < 1 and time.time() - start > 5:
                emit(event='error', message='seeder is missing data: progress %.3f' % s.progress)
                return 1
        elif a.metadata_only:
            if s.has_metadata:
                emit(event='metadata', seconds=round(time.time() - start, 3))
                return 0
            if a.timeout and time.time() - start > a.timeout:
                emit(event='error', message='no metadata after %.0f s' % a.timeout)
                return 1
        else:
            if s.is_seeding:
                emit(event='done', seconds=round(time.time() - start, 3), bytes=s.total_wanted_done,
                     peer_encryption=sorted(seen))
                return 0
            if a.timeout and time.time() - start > a.timeout:
                emit(event='error', message='timeout at progress %.3f' % s.progress)
                return 1
        if time.time() - last >= 1:
            emit(event='progress', progress=round(s.progress, 4), peers=s.num_peers,
                 rate=s.download_payload_rate, up=s.upload_payload_rate, uploaded=s.total_payload_upload)
            last = time.time()
            for p in a.peer:
                if s.num_peers == 0:
                    h.connect_peer(peer_tuple(p))
        time.sleep(0.01 if a.metadata_only else 0.05)


def dht_node(a):
    # A first node knows nobody yet; a dead loopback address keeps the DHT settings on without public routers.
    dead = '[::1]:9' if ':' in a.listen_ip else '127.0.0.1:9'
    ses = session(a.port, a.dht_node or [dead], listen_ip=a.listen_ip)
    emit(event='ready', port=ses.listen_port())
    while True:
        time.sleep(1)


def create(a):
    fs = lt.file_storage()
    lt.add_files(fs, a.source)
    t = lt.create_torrent(fs, a.piece_length or 0, flags=lt.create_torrent.v1_only)
    for url in a.tracker:
        t.add_tracker(url)
    lt.set_piece_hashes(t, os.path.dirname(os.path.abspath(a.source)))
    with open(a.out, 'wb') as f:
        f.write(lt.bencode(t.generate()))
    emit(event='created', path=a.out)
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest='mode', required=True)
    for m in ('seed', 'leech'):
        p = sub.add_parser(m)
        p.add_argument('torrent')
        p.add_argument('dir')
        where = p.add_mutually_exclusive_group(required=True)
        where.add_argument('--port', type=int)
        where.add_argument('--listen', help='IP:PORT to listen on instead of 127.0.0.1:PORT, e.g. [::1]:6881')
        p.add_argument('--peer', action='append', default=[])
        p.add_argument('--timeout', type=float, default=0)
        p.add_argument('--dht-node', action='append', default=[])
        p.add_argument('--metadata-only', action='store_true', help='leech: exit once the metadata is known')
        p.add_argument('--send-buffer-floor', type=int, default=0, help='seed: send_buffer_low_watermark in KiB')
        p.add_argument('--listen-ip', default='127.0.0.1')
        p.add_argument('--transport', choices=('tcp', 'utp', 'both'), default='tcp',
                       help='peer transports: tcp (default), utp only, or both')
        p.add_argument('--utp-only', dest='transport', action='store_const', const='utp',
                       help='the same as --transport utp')
        p.add_argument('--socket-buffer', type=int, default=0, help='socket receive and send buffers in KiB')
        p.add_argument('--encryption', choices=sorted(ENCRYPTION), default='enabled')
    d = sub.add_parser('dht-node')
    d.add_argument('--port', type=int, required=True)
    d.add_argument('--dht-node', action='append', default=[])
    d.add_argument('--listen-ip', default='127.0.0.1')
    c = sub.add_parser('create')
    c.add_argument('source')
    c.add_argument('out')
    c.add_argument('--tracker', action='append', default=[])
    c.add_argument('--piece-length', type=int, default=0)
    a = ap.parse_args()
    try:
        if a.mode == 'create':
            sys.exit(create(a))
        if a.mode == 'dht-node':
            sys.exit(dht_node(a))
        sys.exit(run(a.mode, a))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == '__main__':
    main()
