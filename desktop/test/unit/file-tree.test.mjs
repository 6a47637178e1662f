import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importTs } from './import-ts.mjs';

const tree = await importTs('src/state/file-tree.ts');

const file = (index, path, size, done, priority = 4) => ({ index, path, size, done_bytes: done, progress: size ? done / size : 1, priority });
const album = () => [
  file(0, 'Album/CD 10/track.flac', 100, 100),
  file(1, 'Album/CD 2/b.flac', 200, 50),
  file(2, 'Album/CD 2/a.flac', 300, 0, 0),
  file(3, 'Album/cover.jpg', 10, 10, 7),
];

test('folders come from the paths, folders first, in natural order', () => {
  const root = tree.buildFileTree(album());
  assert.deepEqual(root.children.map((c) => c.name), ['Album']);
  const albumDir = root.children[0];
  assert.deepEqual(albumDir.children.map((c) => `${c.kind}:${c.name}`), ['folder:CD 2', 'folder:CD 10', 'file:cover.jpg']);
  assert.deepEqual(albumDir.children[0].children.map((c) => c.name), ['a.flac', 'b.flac']);
});

test('a folder sums its files and measures progress against what it downloads', () => {
  const root = tree.buildFileTree(album());
  const cd2 = root.children[0].children[0];
  assert.equal(cd2.size, 500);
  assert.equal(cd2.done, 50);
  // a.flac is skipped: the folder is a quarter done (50 of b.flac's 200), not a tenth.
  assert.equal(tree.folderProgress(cd2), 0.25);
  assert.deepEqual(cd2.indices, [1, 2]);
});

test('folder checkboxes are tri-state and its priority is mixed when its files differ', () => {
  const root = tree.buildFileTree(album());
  const [cd2, cd10] = root.children[0].children;
  assert.equal(cd2.check, 'mixed');
  assert.equal(cd10.check, 'checked');
  assert.equal(root.children[0].check, 'mixed');
  assert.equal(cd10.level, 'normal');
  assert.equal(root.children[0].level, 'mixed');
  const none = tree.buildFileTree(album().map((f) => ({ ...f, priority: 0 })));
  assert.equal(none.children[0].check, 'unchecked');
  assert.equal(none.children[0].level, 'skip');
});

test('checking a mixed folder brings back its skipped files at normal and keeps the others', () => {
  const files = album();
  const albumDir = tree.buildFileTree(files).children[0];
  assert.deepEqual(tree.toggleCheck(files, albumDir), { 2: 4 });
});

test('unchecking a fully checked folder skips all of its files', () => {
  const files = album();
  const cd10 = tree.buildFileTree(files).children[0].children[1];
  assert.deepEqual(tree.toggleCheck(files, cd10), { 0: 0 });
  const cover = tree.buildFileTree(files).children[0].children[2];
  assert.deepEqual(tree.toggleCheck(files, cover), { 3: 0 });
});

test('setting a priority sends only the files that change', () => {
  assert.deepEqual(tree.setPriority(album(), [0, 1, 2, 3], 7), { 0: 7, 1: 7, 2: 7 });
  assert.deepEqual(tree.setPriority(album(), [3], 7), {});
});

test('pending changes show over the files until the backend has them', () => {
  const shown = tree.withPriorities(album(), { 2: 4 });
  assert.equal(tree.buildFileTree(shown).children[0].children[0].check, 'checked');
});

test('priority levels group the backend\'s 0–7', () => {
  assert.deepEqual([0, 1, 3, 4, 5, 7].map(tree.priorityLevel), ['skip', 'low', 'low', 'normal', 'high', 'high']);
});

test('rows show open folders only; a lone top folder starts open', () => {
  const root = tree.buildFileTree(album());
  const open = tree.initialExpanded(root);
  assert.deepEqual([...open], ['Album']);
  const rows = tree.visibleRows(root, open);
  assert.deepEqual(rows.map((r) => `${r.depth}:${r.node.name}`), ['0:Album', '1:CD 2', '1:CD 10', '1:cover.jpg']);
  assert.deepEqual(rows.slice(1).map((r) => `${r.position}/${r.setSize}`), ['1/3', '2/3', '3/3']);
  const all = tree.visibleRows(root, tree.allFolders(root));
  assert.equal(all.length, 7);
});

test('a filter shows the matching files with their folders opened', () => {
  const root = tree.buildFileTree(album());
  const rows = tree.visibleRows(root, new Set(), 'B.FLAC');
  assert.deepEqual(rows.map((r) => r.node.name), ['Album', 'CD 2', 'b.flac']);
});

test('a single-file torrent is one row', () => {
  const root = tree.buildFileTree([file(0, 'movie.mkv', 5, 5)]);
  assert.deepEqual(tree.visibleRows(root, tree.initialExpanded(root)).map((r) => r.node.path), ['movie.mkv']);
});

test('renaming keeps the folder and refuses names that are not one part', () => {
  assert.deepEqual(tree.renamedPath('Album/CD 2/a.flac', ' intro.flac '), { to: 'Album/CD 2/intro.flac' });
  assert.deepEqual(tree.renamedPath('movie.mkv', 'film.mkv'), { to: 'film.mkv' });
  assert.ok('error' in tree.renamedPath('a/b', 'x/y'));
  assert.ok('error' in tree.renamedPath('a/b', '  '));
  assert.ok('error' in tree.renamedPath('a/b', '..'));
});

test('ten thousand files build into a tree with every index once', () => {
  const files = Array.from({ length: 10_000 }, (_, i) => file(i, `big/d${i % 37}/f${i}.bin`, 1, i % 2, i % 3 === 0 ? 0 : 4));
  const root = tree.buildFileTree(files);
  assert.equal(root.indices.length, 10_000);
  assert.equal(new Set(root.indices).size, 10_000);
  assert.equal(root.children[0].children.length, 37);
  assert.equal(root.check, 'mixed');
});
