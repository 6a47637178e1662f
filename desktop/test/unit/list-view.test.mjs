import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hex, torrent } from './torrent-fixture.mjs';
import { importTs } from './import-ts.mjs';

const { filterAndSort, sidebarCounts } = await importTs('src/state/list-model.ts');
const { ListView } = await importTs('src/state/list-view.ts');

// A small seeded generator, so a failure names the seed that reproduces it.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const STATES = ['downloading', 'seeding', 'paused', 'queued', 'checking', 'error', 'metadata'];
const CATEGORIES = ['', 'linux', 'music'];
const TAGS = ['iso', 'gnome', 'hd'];
const HOSTS = ['a.example', 'b.example'];

function randomTorrent(r, n, over = {}) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const state = pick(STATES);
  const complete = state === 'seeding' || r() < 0.2;
  const hosts = HOSTS.filter(() => r() < 0.5);
  return torrent({
    id: hex(n), name: `${pick(['debian', 'Album', 'ubuntu', 'film'])} ${Math.floor(r() * 5)}`, state, complete,
    progress: complete ? 1 : Math.floor(r() * 4) / 4, queue_position: Math.floor(r() * 6),
    download_rate: Math.floor(r() * 3) * 100, upload_rate: Math.floor(r() * 3) * 100, eta: r() < 0.3 ? -1 : Math.floor(r() * 3),
    category: pick(CATEGORIES), tags: TAGS.filter(() => r() < 0.3), tracker_hosts: hosts,
    tracker_status: hosts.length === 0 ? 'none' : pick(['working', 'error']), error: state === 'error' ? 'disk full' : null,
    ...over,
  });
}

const sortedEntries = (m) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
function assertCountsEqual(actual, expected, why) {
  for (const k of ['status', 'categories', 'tags', 'trackers']) {
    assert.deepEqual(sortedEntries(actual[k]), sortedEntries(expected[k]), `${why}: ${k} counts`);
  }
}

const VIEWS = [
  [{ status: 'all', category: null, tag: null, tracker: null, query: '' }, { key: 'queue', descending: false }],
  [{ status: 'active', category: null, tag: null, tracker: null, query: '' }, { key: 'download_rate', descending: true }],
  [{ status: 'all', category: 'linux', tag: null, tracker: null, query: 'debian' }, { key: 'name', descending: false }],
  [{ status: 'downloading', category: null, tag: 'iso', tracker: 'a.example', query: '-film' }, { key: 'eta', descending: false }],
  [{ status: 'completed', category: null, tag: null, tracker: ' error', query: '' }, { key: 'progress', descending: true }],
];

test('the list kept up to date delta by delta equals the list computed from scratch, for every view', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const [filters, sort] = VIEWS[seed % VIEWS.length];
    const store = new Map();
    let next = 0;
    for (let i = 0; i < 30; i++) { const t = randomTorrent(r, next++); store.set(t.id, t); }
    const view = new ListView(filters, sort);
    view.rebuild(store, filters, sort);
    for (let step = 0; step < 25; step++) {
      const dirty = new Set();
      for (const id of [...store.keys()]) {
        const roll = r();
        if (roll < 0.05) { store.delete(id); dirty.add(id); }
        // Most changes touch rates only, as real deltas do; some change what the filters and counts see.
        else if (roll < 0.5) { store.set(id, { ...store.get(id), download_rate: Math.floor(r() * 3) * 100, upload_rate: Math.floor(r() * 3) * 100 }); dirty.add(id); }
        else if (roll < 0.6) { store.set(id, randomTorrent(r, parseInt(id, 16))); dirty.add(id); }
      }
      for (let i = Math.floor(r() * 3); i > 0; i--) { const t = randomTorrent(r, next++); store.set(t.id, t); dirty.add(t.id); }
      // An id named twice or named after it is gone must not confuse the update.
      if (r() < 0.3) dirty.add(hex(9999));
      view.update(store, dirty);
      const why = `seed ${seed}, step ${step}`;
      const expected = filterAndSort(store.values(), filters, sort);
      assert.deepEqual(view.visible.map((t) => t.id), expected.map((t) => t.id), `${why}: rows and their order`);
      view.visible.forEach((t, i) => assert.equal(t, expected[i], `${why}: row ${i} shows the newest object`));
      assertCountsEqual(view.counts, sidebarCounts(store.values()), why);
    }
  }
});

test('a delta that only changes counters keeps the counts object and replaces the rows in place', () => {
  const store = new Map([0, 1, 2].map((n) => [hex(n), torrent({ id: hex(n), name: `t${n}`, queue_position: n })]));
  const filters = { status: 'all', category: null, tag: null, tracker: null, query: '' };
  const view = new ListView(filters, { key: 'queue', descending: false });
  view.rebuild(store, filters, { key: 'queue', descending: false });
  const counts = view.counts;
  const before = view.visible;
  store.set(hex(1), { ...store.get(hex(1)), active_seconds: 61, downloaded: 5000 });
  assert.equal(view.update(store, [hex(1)]), false);
  assert.equal(view.counts, counts, 'the sidebar has nothing new to draw');
  assert.notEqual(view.visible, before, 'a new array, so the list re-renders');
  assert.equal(view.visible[1].downloaded, 5000);
  assert.deepEqual(view.visible.map((t) => t.name), ['t0', 't1', 't2']);
});

test('a torrent whose state changes moves between filters and its counts follow', () => {
  const store = new Map([torrent({ id: hex(1), state: 'downloading' }), torrent({ id: hex(2), state: 'downloading' })].map((t) => [t.id, t]));
  const filters = { status: 'downloading', category: null, tag: null, tracker: null, query: '' };
  const view = new ListView(filters, { key: 'queue', descending: false });
  view.rebuild(store, filters, { key: 'queue', descending: false });
  assert.equal(view.visible.length, 2);
  store.set(hex(1), { ...store.get(hex(1)), state: 'paused' });
  assert.equal(view.update(store, [hex(1)]), true);
  assert.deepEqual(view.visible.map((t) => t.id), [hex(2)]);
  assert.equal(view.counts.status.get('paused'), 1);
  assert.equal(view.counts.status.get('downloading'), 1);
});
