import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hex, torrent } from './torrent-fixture.mjs';
import { importTs } from './import-ts.mjs';

const { filterAndSort, sidebarCounts, visibleStatusFilters, TRACKERLESS, TRACKER_ERROR } = await importTs('src/state/list-model.ts');
const { parseQuery } = await importTs('src/state/search-query.ts');

const all = { status: 'all', category: null, tag: null, tracker: null, query: '' };
const byQueue = { key: 'queue', descending: false };
const names = (list) => list.map((t) => t.name);

const torrents = [
  torrent({ id: hex(1), name: 'Debian 13 netinst', state: 'downloading', queue_position: 2, download_rate: 10, category: 'linux', tags: ['iso'],
    tracker_hosts: ['bttracker.debian.org'], tracker_status: 'working' }),
  torrent({ id: hex(2), name: 'Album: Live at the Barbican', state: 'seeding', complete: true, progress: 1, queue_position: 0, upload_rate: 5, category: 'music' }),
  torrent({ id: hex(3), name: 'debian-live-gnome', state: 'paused', queue_position: 1, tags: ['iso', 'gnome'],
    tracker_hosts: ['bttracker.debian.org', 'backup.example.net'], tracker_status: 'error' }),
  torrent({ id: hex(4), name: 'broken', state: 'error', error: 'disk full', queue_position: 3 }),
];

test('status filters pick what their names say', () => {
  assert.deepEqual(names(filterAndSort(torrents, { ...all, status: 'downloading' }, byQueue)), ['Debian 13 netinst']);
  assert.deepEqual(names(filterAndSort(torrents, { ...all, status: 'completed' }, byQueue)), ['Album: Live at the Barbican']);
  assert.deepEqual(names(filterAndSort(torrents, { ...all, status: 'active' }, byQueue)), ['Album: Live at the Barbican', 'Debian 13 netinst']);
  assert.deepEqual(names(filterAndSort(torrents, { ...all, status: 'errored' }, byQueue)), ['broken']);
});

test('category "" means uncategorized, and tags filter by membership', () => {
  assert.deepEqual(names(filterAndSort(torrents, { ...all, category: '' }, byQueue)), ['debian-live-gnome', 'broken']);
  assert.deepEqual(names(filterAndSort(torrents, { ...all, tag: 'iso' }, byQueue)), ['debian-live-gnome', 'Debian 13 netinst']);
});

test('sorting by a column keeps queue order among equals, both directions', () => {
  const byRate = filterAndSort(torrents, all, { key: 'download_rate', descending: true });
  assert.deepEqual(names(byRate), ['Debian 13 netinst', 'Album: Live at the Barbican', 'debian-live-gnome', 'broken']);
  const byName = filterAndSort(torrents, all, { key: 'name', descending: false });
  assert.deepEqual(names(byName), ['Album: Live at the Barbican', 'broken', 'Debian 13 netinst', 'debian-live-gnome']);
});

test('unknown ETA sorts after every known one', () => {
  const list = [torrent({ id: hex(1), name: 'never', eta: -1 }), torrent({ id: hex(2), name: 'soon', eta: 5 })];
  assert.deepEqual(names(filterAndSort(list, all, { key: 'eta', descending: false })), ['soon', 'never']);
});

test('sidebar counts every filter, and rare empty filters stay hidden', () => {
  const counts = sidebarCounts(torrents);
  assert.equal(counts.status.get('all'), 4);
  assert.equal(counts.status.get('paused'), 1);
  assert.equal(counts.categories.get(''), 2);
  assert.equal(counts.tags.get('iso'), 2);
  const shown = visibleStatusFilters(counts, 'all');
  assert.ok(shown.includes('errored'));
  assert.ok(!shown.includes('checking'));
  assert.ok(visibleStatusFilters(counts, 'checking').includes('checking'), 'the selected filter stays even when empty');
});

test('search: words are ANDed, phrases, exclusions, regular expressions and fields', () => {
  const q = (query) => torrents.filter(parseQuery(query)).map((t) => t.name);
  assert.deepEqual(q('debian'), ['Debian 13 netinst', 'debian-live-gnome']);
  assert.deepEqual(q('debian -gnome'), ['Debian 13 netinst']);
  assert.deepEqual(q('"live at"'), ['Album: Live at the Barbican']);
  assert.deepEqual(q('/^debian-/'), ['debian-live-gnome']);
  assert.deepEqual(q('category:mus'), ['Album: Live at the Barbican']);
  assert.deepEqual(q('tag:gnome'), ['debian-live-gnome']);
  assert.deepEqual(q('state:error'), ['broken']);
  assert.deepEqual(q('/unfinished[/'), [], 'an unfinished regex matches as text, not an error');
  assert.equal(q('').length, 4);
});

test('trackers: by host, trackerless, and torrents whose every tracker fails', () => {
  assert.deepEqual(names(filterAndSort(torrents, { ...all, tracker: 'bttracker.debian.org' }, byQueue)), ['debian-live-gnome', 'Debian 13 netinst']);
  assert.deepEqual(names(filterAndSort(torrents, { ...all, tracker: TRACKERLESS }, byQueue)), ['Album: Live at the Barbican', 'broken']);
  assert.deepEqual(names(filterAndSort(torrents, { ...all, tracker: TRACKER_ERROR }, byQueue)), ['debian-live-gnome']);
  const counts = sidebarCounts(torrents);
  assert.equal(counts.trackers.get('bttracker.debian.org'), 2);
  assert.equal(counts.trackers.get('backup.example.net'), 1);
  assert.equal(counts.trackers.get(TRACKERLESS), 2);
  assert.equal(counts.trackers.get(TRACKER_ERROR), 1);
  assert.deepEqual(torrents.filter(parseQuery('tracker:backup')).map((t) => t.name), ['debian-live-gnome']);
});
