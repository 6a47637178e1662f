import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { formatRate, TransferSummary } = load('transfer-summary');

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const whole = (id, fields) => ({
  id,
  name: `torrent ${id[0]}`,
  state: 'downloading',
  save_path: '/dl',
  wanted_bytes: 1000,
  done_bytes: 0,
  download_rate: 0,
  upload_rate: 0,
  ...fields,
});

test('progress is done over wanted of the downloading torrents; none downloading shows no bar', () => {
  const s = new TransferSummary();
  assert.equal(s.progress(), null);
  s.apply({ revision: 1, torrents: [whole(A, { done_bytes: 250 }), whole(B, { wanted_bytes: 3000, done_bytes: 750 })], removed: [] });
  assert.equal(s.progress(), 1000 / 4000);
  // Seeding and paused torrents do not hold the bar back.
  s.apply({ revision: 2, torrents: [whole(C, { state: 'seeding', done_bytes: 1000 })], removed: [] });
  s.apply({ revision: 3, torrents: [{ id: B, state: 'paused' }], removed: [] });
  assert.equal(s.progress(), 0.25);
  s.apply({ revision: 4, torrents: [{ id: A, done_bytes: 1000, state: 'seeding' }], removed: [] });
  assert.equal(s.progress(), null);
});

test('deltas merge only the fields they carry; removed torrents are forgotten', () => {
  const s = new TransferSummary();
  s.apply({ revision: 1, torrents: [whole(A, { done_bytes: 100 })], removed: [] });
  s.apply({ revision: 2, torrents: [{ id: A, done_bytes: 500 }], removed: [] });
  assert.equal(s.progress(), 0.5);
  assert.equal(s.finishedNotice(A).body, 'torrent a');
  s.apply({ revision: 3, torrents: [], removed: [A] });
  assert.equal(s.progress(), null);
  assert.equal(s.finishedNotice(A), null);
});

test('rates come from the session when the backend reports it, else from the torrents', () => {
  const s = new TransferSummary();
  s.apply({ revision: 1, torrents: [whole(A, { download_rate: 1000, upload_rate: 10 }), whole(B, { download_rate: 500 })] });
  assert.deepEqual(s.rates(), { down: 1500, up: 10 });
  s.apply({ revision: 2, torrents: [], removed: [], session: { download_rate: 2_500_000, upload_rate: 64_000 } });
  assert.deepEqual(s.rates(), { down: 2_500_000, up: 64_000 });
  assert.equal(s.tooltip(), 'Torpeddo\n↓ 2.5 MB/s  ↑ 64 kB/s');
});

test('a finished torrent is announced with its name and revealed in its folder', () => {
  const s = new TransferSummary();
  s.apply({ revision: 1, torrents: [whole(A, { name: 'Big Buck Bunny', save_path: '/home/u/Videos' })], removed: [] });
  assert.deepEqual(s.finishedNotice(A), {
    title: 'Download finished',
    body: 'Big Buck Bunny',
    revealPath: join('/home/u/Videos', 'Big Buck Bunny'),
    savePath: '/home/u/Videos',
  });
  assert.equal(s.finishedNotice(B), null);
  assert.deepEqual(s.savePaths(), ['/home/u/Videos']);
});

test('a full sync replaces everything; reset forgets the old backend', () => {
  const s = new TransferSummary();
  s.apply({ revision: 5, torrents: [whole(A), whole(B)], removed: [] });
  s.apply({ revision: 6, full: true, torrents: [whole(C)], removed: [] });
  assert.equal(s.finishedNotice(A), null);
  assert.ok(s.finishedNotice(C));
  s.reset();
  assert.equal(s.finishedNotice(C), null);
  assert.deepEqual(s.rates(), { down: 0, up: 0 });
});

test('a sync reply read after a newer delta does not undo that delta', () => {
  const s = new TransferSummary();
  s.apply({ revision: 1, torrents: [whole(A, { done_bytes: 100 })], removed: [] });
  // The backend answered sync at revision 2, then pushed delta 3; the main process applies them in reverse.
  s.apply({ revision: 3, torrents: [{ id: A, done_bytes: 900 }], removed: [] });
  s.apply({ revision: 2, full: true, torrents: [whole(A, { done_bytes: 400 })], removed: [] });
  assert.equal(s.progress(), 0.9);
});

test('rates read like a person would write them', () => {
  assert.equal(formatRate(0), '0 B/s');
  assert.equal(formatRate(950), '950 B/s');
  assert.equal(formatRate(1000), '1 kB/s');
  assert.equal(formatRate(1234), '1.2 kB/s');
  assert.equal(formatRate(64_000), '64 kB/s');
  assert.equal(formatRate(999_999), '1 MB/s');
  assert.equal(formatRate(35_260_000), '35.3 MB/s');
  assert.equal(formatRate(120_000_000), '120 MB/s');
  assert.equal(formatRate(-5), '0 B/s');
});
