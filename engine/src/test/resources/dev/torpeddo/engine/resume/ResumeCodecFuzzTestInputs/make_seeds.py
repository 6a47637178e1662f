#!/usr/bin/env python3
"""Writes the seeds in decode/: one valid record per shape and one file per defect, named after it.

The valid records belong to the torrent ResumeCodecFuzzTest checks them against (info-hash
"resume-fuzz-torrent!", 5 pieces of 16 KiB over files of 40000, 0 and 30000 bytes). Run from this folder.
"""
import os
import random
import struct


def bencode(v):
    if isinstance(v, bool):
        return bencode(int(v))
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, str):
        v = v.encode()
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, list):
        return b"l" + b"".join(bencode(x) for x in v) + b"e"
    if isinstance(v, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, x) for k, x in v.items())
        return b"d" + b"".join(bencode(k) + bencode(x) for k, x in items) + b"e"
    raise TypeError(v)


def state(size, mtime=0):
    return struct.pack(">qq", size, mtime)


ABSENT = state(-1, 0)
HASH = b"resume-fuzz-torrent!"
assert len(HASH) == 20


def record(**changes):
    r = {
        "file-format": "torpeddo resume",
        "file-version": 1,
        "info-hash": HASH,
        "piece-count": 5,
        "pieces": bytes([0b11011000]),  # pieces 0, 1, 3, 4
        "file-priority": bytes([4, 1, 7]),
        "file-state": state(40000, 1_700_000_000_000_000_000) + state(0, 1_700_000_000_000_000_000)
        + state(30000, 1_700_000_000_500_000_000),
        "part-file-state": ABSENT,
        "total-uploaded": 123456,
        "total-downloaded": 70000,
        "total-wasted": 16384,
        "active-time": 3600,
        "seeding-time": 600,
        "added-time": 1_700_000_000,
        "completed-time": 0,
        "sequential-download": 0,
        "first-last-pieces": 1,
        "paused": 0,
        "download-rate-limit": 0,
        "upload-rate-limit": 50000,
        "save-path": "/home/user/Downloads",
        "trackers": [["http://127.0.0.1:6969/announce"], ["udp://tracker.example:1337/announce",
                                                          "https://t.example/a?k=1"]],
        "peers": bytes([127, 0, 0, 1, 0x1A, 0xE1, 192, 0, 2, 7, 0xC8, 0xD5]),
        "peers6": bytes(15) + bytes([1, 0x1A, 0xE2]),
        "name": "Fuzz torrent",
    }
    for k, v in changes.items():
        k = k.replace("_", "-")
        if v is None:
            del r[k]
        else:
            r[k] = v
    return bencode(r)


def mapped_v6():
    return bytes(10) + b"\xff\xff" + bytes([10, 0, 0, 1]) + b"\x1a\xe1"


seeds = {
    "valid-record": record(),
    "valid-record-absent-file-in-part-file": record(
        file_state=state(40000, 5) + state(0, 5) + ABSENT, part_file_state=state(70000, 9), pieces=bytes([0b11111000])),
    "valid-record-nothing-verified-no-name-no-peers": record(
        pieces=bytes(1), name=None, peers=b"", peers6=b"", trackers=[]),
    "unknown-key-kept-compatible": record(**{"zz_later": [1, {"x": "y"}]}),
    "truncated-by-a-crash": record()[: len(record()) // 2],
    "empty-file": b"",
    "zeros-from-a-lost-write": bytes(4096),
    "not-a-dictionary": bencode([1, 2, 3]),
    "libtorrent-style-fastresume": bencode({
        "file-format": "libtorrent resume file", "file-version": 1, "info-hash": HASH,
        "pieces": bytes([1, 1, 0, 1, 1]), "file_priority": [4, 1, 7], "save_path": "/tmp",
        "total_uploaded": 0, "total_downloaded": 0, "peers": b"", "peers6": b""}),
    "version-2": record(file_version=2),
    "info-hash-19-bytes": record(info_hash=HASH[:19]),
    "missing-info-hash": record(info_hash=None),
    "pieces-is-an-integer": record(pieces=5),
    "bitfield-one-byte-short": record(pieces=b""),
    "bitfield-one-byte-long": record(pieces=bytes([0b11011000, 0])),
    "bitfield-spare-bits-set": record(pieces=bytes([0b11011001])),
    "piece-count-negative": record(piece_count=-5),
    "piece-count-over-the-limit": record(piece_count=0x200001),
    "priority-8": record(file_priority=bytes([4, 8, 7])),
    "priorities-for-two-of-three-files": record(file_priority=bytes([4, 1])),
    "file-state-not-multiple-of-16": record(file_state=state(40000) + state(0) + state(30000)[:15]),
    "absent-file-with-a-time": record(file_state=state(40000) + state(-1, 7) + state(30000)),
    "file-size-minus-2": record(file_state=state(40000) + state(-2) + state(30000)),
    "negative-total-uploaded": record(total_uploaded=-1),
    "paused-flag-2": record(paused=2),
    "non-canonical-integer": record().replace(b"i3600e", b"i03600e"),
    "peer-port-0": record(peers=bytes([127, 0, 0, 1, 0, 0])),
    "peers-not-multiple-of-6": record(peers=bytes(7)),
    "duplicate-peer": record(peers=bytes([127, 0, 0, 1, 0x1A, 0xE1]) * 2),
    "peers6-ipv4-mapped": record(peers6=mapped_v6()),
    "501-peers": record(peers=b"".join(bytes([10, 0, i // 250, i % 250 + 1, 0x1A, 0xE1]) for i in range(501))),
    "tracker-empty-tier": record(trackers=[[]]),
    "tracker-tier-not-a-list": record(trackers=["http://127.0.0.1:6969/announce"]),
    "tracker-ftp-url": record(trackers=[["ftp://t.example/announce"]]),
    "tracker-url-not-utf8": record(trackers=[[b"http://t.example/\xff"]]),
    "save-path-empty": record(save_path=""),
    "save-path-lone-surrogate": record(save_path=b"/home/\xed\xa0\x80"),
    "name-empty": record(name=""),
    "nested-too-deep": record(trackers=[[["http://t.example/a"]]]),
    "huge-string-length": b"d9:file-format999999999:torpeddo resume",
    "valid-record-renamed-files": record(renamed_paths=[[0, "t/Renamed a"], [2, "elsewhere/c \u2713"]]),
    "renamed-path-escapes": record(renamed_paths=[[0, "../../etc/cron.d/x"]]),
    "renamed-path-absolute": record(renamed_paths=[[0, "/etc/passwd"]]),
    "renamed-path-reserved-name": record(renamed_paths=[[0, "t/CON"]]),
    "renamed-path-named-like-our-part-file": record(renamed_paths=[[0, ".torpeddo-0000.parts"]]),
    "renamed-file-index-out-of-range": record(renamed_paths=[[3, "x"]]),
    "renamed-files-out-of-order": record(renamed_paths=[[2, "x"], [0, "y"]]),
    "renamed-path-not-a-pair": record(renamed_paths=[[0]]),
    "renamed-paths-empty-list": record(renamed_paths=[]),
}
random.seed(3)
seeds["random-bytes"] = bytes(random.randrange(256) for _ in range(300))

os.makedirs("decode", exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join("decode", name), "wb") as f:
        f.write(data)
