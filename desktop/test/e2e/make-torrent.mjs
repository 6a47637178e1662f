// Test fixtures: writes files and a .torrent for them (BitTorrent v1, SHA-1 pieces), so a test can seed from
// real data or add a torrent whose files are absent. Loopback only: trackers, if any, are the caller's URLs.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function bencode(v) {
  if (typeof v === 'number') return Buffer.from(`i${Math.trunc(v)}e`);
  if (typeof v === 'string') v = Buffer.from(v, 'utf8');
  if (Buffer.isBuffer(v)) return Buffer.concat([Buffer.from(`${v.length}:`), v]);
  if (Array.isArray(v)) return Buffer.concat([Buffer.from('l'), ...v.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(v[k])]), Buffer.from('e')]);
}

/** Deterministic bytes, so a seeder and a checker agree without sharing files. */
function content(seed, size) {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761 >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * files: [{ path: 'a/b.bin', size }]. Writes the data under `dataDir/name/` when `writeData`, and the .torrent to
 * `torrentPath`. Returns the info-hash (lower-case hex).
 */
export function makeTorrent({ name, files, pieceLength = 256 * 1024, dataDir, writeData = true, torrentPath, announce }) {
  const pieces = [];
  let buffer = Buffer.alloc(0);
  const flush = (force) => {
    while (buffer.length >= pieceLength || (force && buffer.length > 0)) {
      const piece = buffer.subarray(0, pieceLength);
      pieces.push(createHash('sha1').update(piece).digest());
      buffer = buffer.subarray(piece.length);
    }
  };
  files.forEach((f, i) => {
    const data = content(i + 1, f.size);
    if (writeData) {
      const target = join(dataDir, name, ...f.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    buffer = Buffer.concat([buffer, data]);
    flush(false);
  });
  flush(true);
  const info = {
    name,
    'piece length': pieceLength,
    pieces: Buffer.concat(pieces),
    files: files.map((f) => ({ length: f.size, path: f.path.split('/') })),
  };
  const meta = { info, 'created by': 'torpeddo tests' };
  if (announce) meta.announce = announce;
  mkdirSync(dirname(torrentPath), { recursive: true });
  writeFileSync(torrentPath, bencode(meta));
  return createHash('sha1').update(bencode(info)).digest('hex');
}
