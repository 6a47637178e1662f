import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './load.mjs';

const { buildTree, checkState, visibleRows, withPriority } = load('state/file-tree.js');

const file = (index, path, size, priority = 4) => ({ index, path, size, done_bytes: 0, progress: 0, priority });
const files = [
  file(0, 'Album/Track 10.flac', 10), file(1, 'Album/Track 2.flac', 20), file(2, 'Album/Extras/notes.txt', 1),
  file(3, 'Album/cover.jpg', 5),
];

test('folders come first, names in natural order, sizes summed', () => {
  const root = buildTree(files);
  const album = root.children[0];
  assert.equal(album.name, 'Album');
  assert.equal(album.size, 36);
  assert.deepEqual(album.children.map((c) => c.name), ['Extras', 'cover.jpg', 'Track 2.flac', 'Track 10.flac']);
  assert.deepEqual([...album.files].sort(), [0, 1, 2, 3]);
});

test('a folder is on, off or mixed from its files, and setting it sets every file under it', () => {
  const root = buildTree(files);
  const album = root.children[0];
  const extras = album.children[0];
  let p = files.map((f) => f.priority);
  assert.equal(checkState(album, p), 'on');
  p = withPriority(p, extras, 0);
  assert.deepEqual(p, [4, 4, 0, 4]);
  assert.equal(checkState(album, p), 'mixed');
  assert.equal(checkState(extras, p), 'off');
  p = withPriority(p, album, 0);
  assert.equal(checkState(root, p), 'off');
});

test('collapsed folders hide their rows', () => {
  const root = buildTree(files);
  assert.equal(visibleRows(root, new Set()).length, 6);
  assert.deepEqual(visibleRows(root, new Set(['Album/Extras'])).map((n) => n.name), ['Album', 'Extras', 'cover.jpg', 'Track 2.flac', 'Track 10.flac']);
  assert.deepEqual(visibleRows(root, new Set(['Album'])).map((n) => n.name), ['Album']);
});
