// Real peers for the UI scenarios, on loopback only: payloads of random bytes, .torrent files made by libtorrent
// (`lt_peer.py create`), libtorrent 2.0 seeders (`lt_peer.py seed`), and a small HTTP tracker that introduces
// them to the backend the way a .torrent's tracker would.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { openApp, removeScratch, repoDir, scratchDir } from './harness.mjs';
import { addTorrentFiles, listedNames, until } from './user.mjs';

export const LT_PEER = join(repoDir, 'backend/src/test/resources/interop/lt_peer.py');

/** Debian's python3 has the libtorrent bindings; a python3 earlier on PATH (pyenv, venv) may not. */
export function python() {
  return process.env.TORPEDDO_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

export function requireLibtorrent() {
  const r = spawnSync(python(), ['-c', 'import libtorrent'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${python()} cannot import libtorrent: install python3-libtorrent (apt-get install -y python3-libtorrent)`);
  }
}

/** Writes `files` ({relative path: size in bytes}) of random bytes under `root`. */
export function writePayload(root, files) {
  for (const [path, size] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(size));
  }
}

/** Makes a v1 .torrent of `source` (a file or a directory) with libtorrent. */
export function createTorrent(source, out, { trackers = [], pieceLength = 16 * 1024 } = {}) {
  const args = [LT_PEER, 'create', source, out, '--piece-length', String(pieceLength)];
  for (const t of trackers) args.push('--tracker', t);
  const r = spawnSync(python(), args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lt_peer.py create failed: ${r.stderr || r.stdout}`);
  return out;
}

/** Every regular file under `dir` as relative path → "size sha1" (readable when an assertion fails); {} if absent. */
export function fileDigests(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        out[relative(dir, p)] = `${bytes.length} ${createHash('sha1').update(bytes).digest('hex')}`;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** A libtorrent seeder of `torrent` whose data is under `dataDir`, listening on a free loopback port. */
export class Seeder {
  static async start(torrent, dataDir) {
    const child = spawn(python(), [LT_PEER, 'seed', torrent, dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seeder = new Seeder(child);
    let buffered = '';
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`libtorrent seeder not ready after 30 s: ${seeder.output.join('\n')}`)), 30_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop();
        for (const line of lines) {
          seeder.output.push(line);
          let event;
          try {
            event = JSON.parse(line);
          } catch {
            continue;
          }
          if (event.event === 'ready') {
            clearTimeout(timer);
            resolve(event);
          } else if (event.event === 'error') {
            clearTimeout(timer);
            reject(new Error(`libtorrent seeder: ${event.message}`));
          }
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk) => seeder.output.push(chunk));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`libtorrent seeder exited (${code}): ${seeder.output.join('\n')}`));
      });
    });
    try {
      const { port, info_hash: infoHash } = await ready;
      seeder.port = port;
      seeder.infoHash = infoHash;
    } catch (e) {
      seeder.stop();
      throw e;
    }
    return seeder;
  }

  constructor(child) {
    this.child = child;
    this.output = [];
    this.port = 0;
    this.infoHash = '';
  }

  /** A magnet that names this seeder as a peer (x.pe) and nothing else: no tracker, no DHT. */
  magnet(name) {
    return `magnet:?xt=urn:btih:${this.infoHash}&dn=${encodeURIComponent(name)}&x.pe=127.0.0.1:${this.port}`;
  }

  stop() {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * An HTTP tracker on 127.0.0.1: remembers who announced each info-hash and hands the others out (compact peers).
 * Only what the scenarios need: no scrape, no expiry.
 */
export class Tracker {
  static async start() {
    const tracker = new Tracker();
    await new Promise((resolve) => tracker.server.listen(0, '127.0.0.1', resolve));
    return tracker;
  }

  constructor() {
    /** info-hash (hex) → Map of "ip:port" → [ip, port] */
    this.swarms = new Map();
    this.announces = [];
    this.server = createServer((req, res) => {
      const query = parseQuery(req.url ?? '');
      const infoHash = query.get('info_hash');
      const port = Number(query.get('port')?.toString('latin1'));
      if (!req.url?.startsWith('/announce') || !infoHash || infoHash.length !== 20 || !(port > 0)) {
        res.writeHead(400).end(bencode({ 'failure reason': 'bad announce' }));
        return;
      }
      const hex = infoHash.toString('hex');
      const ip = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
      const self = `${ip}:${port}`;
      this.announces.push({ infoHash: hex, peer: self, event: query.get('event')?.toString('latin1') ?? '' });
      const swarm = this.swarms.get(hex) ?? new Map();
      this.swarms.set(hex, swarm);
      if (query.get('event')?.toString('latin1') === 'stopped') swarm.delete(self);
      else swarm.set(self, [ip, port]);
      const others = [...swarm.entries()].filter(([k]) => k !== self).map(([, p]) => p);
      const peers = Buffer.concat(others.map(([a, p]) => {
        const b = Buffer.alloc(6);
        a.split('.').forEach((x, i) => b.writeUInt8(Number(x), i));
        b.writeUInt16BE(p, 4);
        return b;
      }));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(bencode({ interval: 5, 'min interval': 1, complete: others.length, incomplete: 0, peers }));
    });
  }

  get announceUrl() {
    return `http://127.0.0.1:${this.server.address().port}/announce`;
  }

  close() {
    this.server.closeAllConnections?.();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A query string's values as bytes: info_hash is binary, percent-encoded byte by byte. */
function parseQuery(url) {
  const out = new Map();
  const q = url.indexOf('?');
  if (q < 0) return out;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    out.set(pair.slice(0, eq), percentBytes(pair.slice(eq + 1)));
  }
  return out;
}

function percentBytes(s) {
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && i + 2 < s.length && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(s.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function bencode(value) {
  if (Buffer.isBuffer(value)) return Buffer.concat([Buffer.from(`${value.length}:`), value]);
  if (typeof value === 'string') return bencode(Buffer.from(value));
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(value).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(value[k])]), Buffer.from('e')]);
}

/**
 * A scene several tests share: a tracker on loopback, an "album" seeded by libtorrent and a "lonely" torrent
 * nobody seeds (it stays at 0 %), and the app open against a fresh backend. Everything stops when `t` ends.
 */
export async function albumScene(t, albumFiles) {
  requireLibtorrent();
  const work = scratchDir();
  t.after(() => removeScratch(work));
  const tracker = await Tracker.start();
  t.after(() => tracker.close());
  writePayload(join(work, 'seed'), albumFiles);
  writePayload(join(work, 'nobody'), { 'lonely.bin': 300_000 });
  const album = createTorrent(join(work, 'seed/album'), join(work, 'album.torrent'), { trackers: [tracker.announceUrl] });
  const lonely = createTorrent(join(work, 'nobody/lonely.bin'), join(work, 'lonely.torrent'), { trackers: [tracker.announceUrl] });
  const seeder = await Seeder.start(album, join(work, 'seed'));
  t.after(() => seeder.stop());
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  return { work, tracker, album, lonely, seeder, app, page: app.page };
}

/**
 * Another shared scene: single-file torrents named `<name>.bin` that nobody seeds, added paused through the UI,
 * and the app open with them listed. Everything stops when `t` ends.
 */
export async function pausedTorrentsScene(t, names, size = 30_000) {
  requireLibtorrent();
  const work = scratchDir();
  t.after(() => removeScratch(work));
  const torrents = names.map((n) => {
    writePayload(join(work, 'src'), { [`${n}.bin`]: size });
    return createTorrent(join(work, 'src', `${n}.bin`), join(work, `${n}.torrent`));
  });
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  await addTorrentFiles(app, torrents, { startPaused: true });
  await until(`${names.length} rows`, async () => (await listedNames(app.page)).length === names.length);
  return { work, app, page: app.page };
}
