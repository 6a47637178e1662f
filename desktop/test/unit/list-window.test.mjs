import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importTs } from './import-ts.mjs';
import { hex, torrent } from './torrent-fixture.mjs';

const { rowWindow } = await importTs('src/ui/list/row-window.ts');
const { matchesStatus, statusMask, STATUS_FILTERS } = await importTs('src/state/status-filter.ts');

test('the list renders the rows in view plus a margin, and nothing past either end', () => {
  // 30 px rows, a 600 px viewport, 300 px margin: scrolled to row 100, rows 90..130 exist.
  assert.deepEqual(rowWindow(3000, 600, 30, 10_000, 300), { first: 90, last: 130 });
  assert.deepEqual(rowWindow(0, 600, 30, 10_000, 300), { first: 0, last: 30 });
  assert.deepEqual(rowWindow(0, 600, 30, 5, 300), { first: 0, last: 5 });
  assert.deepEqual(rowWindow(0, 600, 30, 0, 300), { first: 0, last: 0 });
});

test('a scroll position past the end of a list that just shrank still shows its last rows', () => {
  // Scrolled far down, then a filter leaves 50 rows (1,500 px): the browser has not clamped scrollTop yet.
  const w = rowWindow(250_000, 600, 30, 50, 300);
  assert.equal(w.last, 50);
  assert.ok(w.first <= 30, 'the rows filling the viewport at the end are there');
});

test('each torrent is counted under exactly the sidebar filters a user expects', () => {
  const filters = (over) => STATUS_FILTERS.map((f) => f.key).filter((k) => matchesStatus(torrent({ id: hex(1), ...over }), k));
  assert.deepEqual(filters({ state: 'fetching_metadata' }), ['all', 'downloading', 'inactive', 'metadata']);
  assert.deepEqual(filters({ state: 'downloading', download_rate: 5, stalled: false }), ['all', 'downloading', 'active']);
  assert.deepEqual(filters({ state: 'downloading', stalled: true }), ['all', 'downloading', 'inactive', 'stalled']);
  assert.deepEqual(filters({ state: 'seeding', complete: true, upload_rate: 1 }), ['all', 'seeding', 'completed', 'active']);
  assert.deepEqual(filters({ state: 'paused', complete: true }), ['all', 'completed', 'inactive', 'paused']);
  assert.deepEqual(filters({ state: 'error' }), ['all', 'inactive', 'errored']);
});
