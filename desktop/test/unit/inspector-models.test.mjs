import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importTs } from './import-ts.mjs';

const pieces = await importTs('src/ui/inspector/piece-map.ts');
const flags = await importTs('src/ui/inspector/peer-flags.ts');
const paths = await importTs('src/ui/inspector/native-path.ts');
const history = await importTs('src/ui/inspector/rate-history.ts');

test('pieces are counted by state', () => {
  assert.deepEqual(pieces.countPieces('2221000'), { done: 3, downloading: 1, missing: 3 });
});

test('one piece per cell when they fit; folded cells never claim more than they have', () => {
  assert.deepEqual(pieces.foldPieces('210', 10), ['done', 'partial', 'missing']);
  assert.deepEqual(pieces.foldPieces('22221000', 4), ['done', 'done', 'partial', 'missing']);
  assert.deepEqual(pieces.foldPieces('2200', 2), ['done', 'missing']);
  assert.deepEqual(pieces.foldPieces('2000', 1), ['partial']);
});

test('availability folds to the rarest piece of each run, flagging pieces we lack that nobody has', () => {
  const runs = pieces.foldAvailability([3, 1, 4, 4, 0, 2], '220002', 3);
  assert.deepEqual(runs.map((r) => r.min), [1, 4, 0]);
  assert.deepEqual(runs.map((r) => r.stuck), [false, false, true]);
  // A piece we have is not a problem even when no peer has it.
  assert.deepEqual(pieces.foldAvailability([0, 0], '22', 1), [{ min: 0, stuck: false }]);
  assert.equal(pieces.unavailablePieces([0, 0, 1, 0], '2002'), 1);
});

test('the grid uses big cells for few pieces and folds when even small ones do not fit', () => {
  const few = pieces.pieceGrid(10, 600, 200);
  assert.equal(few.cell, 14);
  assert.equal(few.cells, 10);
  assert.equal(few.rows, 1);
  const many = pieces.pieceGrid(1_000_000, 600, 200);
  assert.equal(many.cell, 4);
  assert.equal(many.cells, many.capacity);
  assert.ok(many.cells < 1_000_000);
});

test('the piece size is found when the totals pin it down', () => {
  assert.equal(pieces.pieceSize(10 * 262144 - 5, 10), 262144);
  assert.equal(pieces.pieceSize(100, 1), 16384);
  assert.equal(pieces.pieceSize(0, 0), null);
});

test('peer flags are explained letter by letter', () => {
  const text = flags.explainFlags('D I E');
  assert.equal(text.split('\n').length, 3);
  assert.match(text, /^D: Downloading/);
  assert.match(text, /I: Incoming/);
  assert.match(flags.explainFlags('Z'), /unknown/);
});

test('paths join with the separator of the backend\'s machine', () => {
  assert.equal(paths.joinNative('/home/ana/Downloads', 'Album/a.flac'), '/home/ana/Downloads/Album/a.flac');
  assert.equal(paths.joinNative('/home/ana/', 'x'), '/home/ana/x');
  assert.equal(paths.joinNative('C:\\Users\\ana\\Downloads', 'Album/a.flac'), 'C:\\Users\\ana\\Downloads\\Album\\a.flac');
});

test('rate history keeps the last torrents looked at, bounded, in time order', () => {
  const h = new history.RateHistory(3);
  for (let i = 0; i < 10; i++) h.track(`t${i}`);
  assert.deepEqual(h.tracked(), ['t2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']);
  h.track('t2');
  assert.equal(h.tracked().at(-1), 't2');
  for (let at = 1; at <= 5; at++) h.add('t2', { at: at * 1000, down: at, up: 0 });
  h.add('t2', { at: 5000, down: 99, up: 0 });
  assert.deepEqual(h.samples('t2').map((s) => s.down), [3, 4, 5]);
  h.add('untracked', { at: 1, down: 1, up: 1 });
  assert.deepEqual(h.samples('untracked'), []);
});

test('graph columns cover the range and one sample before it', () => {
  const samples = [0, 10, 20, 30, 40].map((s) => ({ at: s * 1000, down: s, up: -s }));
  const [x, down, up] = history.toColumns(samples, 40_000, 15);
  assert.deepEqual(x, [20, 30, 40]);
  assert.deepEqual(down, [20, 30, 40]);
  assert.deepEqual(up, [-20, -30, -40]);
});
