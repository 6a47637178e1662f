#!/usr/bin/python3
"""A libtorrent 2.0 peer for Torpeddo's interop tests and benchmarks, on loopback only.

  lt_peer.py seed  TORRENT DIR --port N [--peer HOST:PORT]... [--send-buffer-floor KIB]
  lt_peer.py leech TORRENT|MAGNET DIR --port N [--peer HOST:PORT]... [--timeout S]
  lt_peer.py create DIR_OR_FILE OUT.torrent [--tracker URL] [--piece-length N]
  lt_peer.py dht-node --port N [--dht-node HOST:PORT]...

--send-buffer-floor KIB (seed) raises libtorrent's send_buffer_low_watermark (default 10 KiB). Until its
once-a-second rate tick has measured a new peer, libtorrent keeps only that much queued for it, i.e. reads
one block from disk at a time (~180 MiB/s here); so how fast any leecher starts depends on where in the
seeder's second it connects. The benchmark sets it so that it measures leechers, not that phase.

--utp-only (seed, leech) speaks uTP only: incoming and outgoing uTP on, TCP off both ways.

--dht-node HOST:PORT (seed, leech, dht-node) turns libtorrent's DHT on with exactly these nodes to start
from: no public routers, and the settings a DHT of several nodes on one loopback IP needs.

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


def session(port, dht_nodes=(), send_buffer_floor_kib=0, utp_only=False):
    settings = {
        'listen_interfaces': '127.0.0.1:%d' % port,
        'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
        'enable_incoming_utp': False, 'enable_outgoing_utp': False,
        'allow_multiple_connections_per_ip': True,
        'alert_mask': lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
        # loopback tests: never wait on trackers longer than needed
        'min_announce_interval': 1, 'tracker_completion_timeout': 10,
        'announce_to_all_trackers': True, 'announce_to_all_tiers': True,
        'auto_manage_startup': 0,
    }
    if utp_only:
        settings.update({'enable_incoming_utp': True, 'enable_outgoing_utp': True,
                         'enable_incoming_tcp': False, 'enable_outgoing_tcp': False})
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
    return (host, int(port))


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
    ses = session(a.port, a.dht_node, a.send_buffer_floor, a.utp_only)
    h = add(ses, a.torrent, a.dir)
    for p in a.peer:
        h.connect_peer(peer_tuple(p))
    start = time.time()
    last = 0
    announced_ready = False
    while True:
        s = h.status()
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
                emit(event='done', seconds=round(time.time() - start, 3), bytes=s.total_wanted_done)
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
    ses = session(a.port, a.dht_node or ['127.0.0.1:9'])
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
        p.add_argument('--port', type=int, required=True)
        p.add_argument('--peer', action='append', default=[])
        p.add_argument('--timeout', type=float, default=0)
        p.add_argument('--dht-node', action='append', default=[])
        p.add_argument('--metadata-only', action='store_true', help='leech: exit once the metadata is known')
        p.add_argument('--send-buffer-floor', type=int, default=0, help='seed: send_buffer_low_watermark in KiB')
        p.add_argument('--utp-only', action='store_true', help='uTP in and out, TCP neither way')
    d = sub.add_parser('dht-node')
    d.add_argument('--port', type=int, required=True)
    d.add_argument('--dht-node', action='append', default=[])
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
