import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hex, torrent } from './torrent-fixture.mjs';
import { importTs } from './import-ts.mjs';

const { TorrentStore } = await importTs('src/state/torrent-store.ts');

/** A fake window.torpeddo: records calls, answers sync from a queue, lets the test push notifications. */
function fakeApi() {
  const handlers = new Map();
  const calls = [];
  const syncReplies = [];
  let connection = () => {};
  return {
    calls, syncReplies,
    api: {
      call: async (method, params) => {
        calls.push({ method, params });
        if (method === 'sync') return syncReplies.shift();
        return {};
      },
      on: (name, h) => { handlers.set(name, h); return () => handlers.delete(name); },
      onConnection: (h) => { connection = h; return () => {}; },
      native: {},
    },
    push: (name, params) => handlers.get(name)?.(params),
    connect: () => connection({ state: 'connected', app: 'x', protocol: '1.0' }),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

test('the first connection syncs a full snapshot, then deltas merge only what changed', async () => {
  const f = fakeApi();
  const store = new TorrentStore(f.api);
  store.attach();
  f.syncReplies.push({ revision: 5, full: true, torrents: [torrent({ id: hex(1), name: 'a' }), torrent({ id: hex(2), name: 'b' })], removed: [] });
  f.connect();
  await settle();
  assert.deepEqual(f.calls[0], { method: 'sync', params: {} });
  assert.equal(store.torrents.size, 2);
  f.push('state_delta', { revision: 6, torrents: [{ id: hex(1), progress: 0.5, download_rate: 900 }], removed: [hex(2)] });
  assert.equal(store.get(hex(1)).progress, 0.5);
  assert.equal(store.get(hex(1)).name, 'a', 'fields not in the delta are kept');
  assert.equal(store.get(hex(2)), undefined);
  assert.equal(store.revision, 6);
});

test('a gap in revisions asks the backend for what was missed instead of applying a partial picture', async () => {
  const f = fakeApi();
  const store = new TorrentStore(f.api);
  store.attach();
  f.syncReplies.push({ revision: 1, full: true, torrents: [torrent({ id: hex(1) })], removed: [] });
  f.connect();
  await settle();
  f.syncReplies.push({ revision: 4, full: false, torrents: [{ id: hex(1), state: 'seeding' }], removed: [] });
  f.push('state_delta', { revision: 3, torrents: [{ id: hex(1), state: 'paused' }], removed: [] });
  await settle();
  assert.deepEqual(f.calls[1], { method: 'sync', params: { revision: 1 } });
  assert.equal(store.get(hex(1)).state, 'seeding');
  assert.equal(store.revision, 4);
});

test('deltas that arrive during a sync are applied after it when newer, dropped when older', async () => {
  const f = fakeApi();
  const store = new TorrentStore(f.api);
  store.attach();
  let release;
  f.api.call = (method) => new Promise((r) => { release = () => r({ revision: 10, full: true, torrents: [torrent({ id: hex(1), progress: 0.1 })], removed: [] }); });
  f.connect();
  f.push('state_delta', { revision: 9, torrents: [{ id: hex(1), progress: 0.05 }], removed: [] });
  f.push('state_delta', { revision: 11, torrents: [{ id: hex(1), progress: 0.2 }], removed: [] });
  release();
  await settle();
  assert.equal(store.get(hex(1)).progress, 0.2);
  assert.equal(store.revision, 11);
});

test('after a backend restart the store takes a full snapshot, which replaces what it had', async () => {
  const f = fakeApi();
  const store = new TorrentStore(f.api);
  store.attach();
  f.syncReplies.push({ revision: 7, full: true, torrents: [torrent({ id: hex(1) }), torrent({ id: hex(2) })], removed: [] });
  f.connect();
  await settle();
  const changes = [];
  store.addEventListener('change', (e) => changes.push(e.detail));
  // The new backend may already be past revision 7 of its own: asking "since 7" would miss what it did before.
  f.syncReplies.push({ revision: 9, full: true, torrents: [torrent({ id: hex(2), state: 'paused' })], removed: [] });
  f.connect();
  await settle();
  assert.deepEqual(f.calls[1], { method: 'sync', params: {} });
  assert.deepEqual([...store.torrents.keys()], [hex(2)]);
  assert.equal(store.get(hex(2)).state, 'paused');
  assert.deepEqual([...changes[0].removed], [hex(1)]);
  assert.equal(store.revision, 9);
});

test('session figures are kept with a bounded rate history', () => {
  const f = fakeApi();
  let now = 0;
  const store = new TorrentStore(f.api, () => now);
  const session = { download_rate: 5, upload_rate: 1, downloaded: 0, uploaded: 0, torrents: 0, peers: 0, dht_nodes: 0, listen_addresses: [], download_limit: 0, upload_limit: 0, store_problem: '' };
  for (let i = 1; i <= 4000; i++) {
    now = i;
    store.applyDelta({ revision: i, full: false, torrents: [], removed: [], session });
  }
  assert.equal(store.sessionHistory.length, 3600);
  assert.equal(store.sessionHistory.at(-1).at, 4000);
});

test('clock fields count on from the last values the backend sent, by the torrent state', () => {
  const f = fakeApi();
  let now = 1_000_000;
  const store = new TorrentStore(f.api, () => now);
  store.applyDelta({ revision: 1, full: true, removed: [], torrents: [
    torrent({ id: hex(1), state: 'seeding', active_seconds: 100, seeding_seconds: 40, next_announce: 30 }),
    torrent({ id: hex(2), state: 'paused', active_seconds: 100, seeding_seconds: 0, next_announce: -1 }),
  ] });
  now += 25_400;
  assert.deepEqual(store.clocks(store.get(hex(1))), { active_seconds: 125, seeding_seconds: 65, next_announce: 5 });
  assert.deepEqual(store.clocks(store.get(hex(2))), { active_seconds: 100, seeding_seconds: 0, next_announce: -1 }, 'a paused torrent\'s clocks stand still');
  now += 60_000;
  assert.equal(store.clocks(store.get(hex(1))).next_announce, 0, 'a due announce counts down to 0, not below');
  // The backend's own values replace the count; fields it did not send keep counting from their own time.
  store.applyDelta({ revision: 2, full: false, removed: [], torrents: [{ id: hex(1), active_seconds: 186, next_announce: 1800 }] });
  now += 2_000;
  assert.deepEqual(store.clocks(store.get(hex(1))), { active_seconds: 188, seeding_seconds: 40 + 87, next_announce: 1798 });
});
