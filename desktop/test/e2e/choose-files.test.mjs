// "Choose files before downloading": the add dialog shows the real file tree (for a magnet once its metadata has
// arrived), the user leaves a folder out and raises one file's priority, starts, and only the chosen files are
// downloaded. The details panel has no Files tab yet, so priorities are set where the add dialog offers them
// (its per-file priority select, which sends set_file_priorities) and read back from the backend.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp, removeScratch, scratchDir } from './harness.mjs';
import { Seeder, Tracker, createTorrent, fileDigests, requireLibtorrent, writePayload } from './swarm.mjs';
import { goToFileChoice, openAddDialogWithFiles, openAddDialogWithMagnet, waitForRow } from './user.mjs';

// Sizes not multiples of the 16 KiB piece, so pieces straddle files; each left-out file spans several pieces, so
// the straddling pieces alone can never complete it.
const FILES = { 'set/keep/one.bin': 300_000, 'set/keep/two.bin': 200_001, 'set/skip/three.bin': 400_000, 'set/skip/four.bin': 250_000 };
const KEPT = ['keep/one.bin', 'keep/two.bin'];
const LEFT_OUT = ['skip/four.bin', 'skip/three.bin'];

async function setUp(t) {
  requireLibtorrent();
  const work = scratchDir();
  t.after(() => removeScratch(work));
  const tracker = await Tracker.start();
  t.after(() => tracker.close());
  const seedDir = join(work, 'seed');
  writePayload(seedDir, FILES);
  const torrent = createTorrent(join(seedDir, 'set'), join(work, 'set.torrent'), { trackers: [tracker.announceUrl] });
  const seeder = await Seeder.start(torrent, seedDir);
  t.after(() => seeder.stop());
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  return { app, seeder, torrent, seeded: join(seedDir, 'set') };
}

/** Only the kept files are complete on disk; a left-out file is absent or not the seeder's. */
function assertOnlyKeptDownloaded(downloaded, seeded) {
  const got = fileDigests(downloaded);
  const want = fileDigests(seeded);
  for (const f of KEPT) assert.equal(got[f], want[f], `${f} was chosen and is complete`);
  for (const f of LEFT_OUT) assert.notEqual(got[f], want[f], `${f} was left out, yet it is complete on disk`);
}

const finished = (r) => r.Progress === '100%' && r.Size === '488 KiB';

test('a .torrent: leave a folder out and raise a file\'s priority before anything downloads', { timeout: 180_000 }, async (t) => {
  const { app, seeder, torrent, seeded } = await setUp(t);

  const addDialog = await openAddDialogWithFiles(app, [torrent], { chooseFiles: true });
  const choose = await goToFileChoice(app, addDialog);
  await choose.getByRole('tree', { name: 'Files of set' }).waitFor();
  assert.match(await choose.innerText(), /4 files · 1\.10 MiB/);
  assert.match(await choose.innerText(), /Selected 1\.10 MiB/);
  const paused = await app.backend.supervisor.call('get_status', { ids: seeder.infoHash });
  assert.equal(paused.torrents[0].state, 'paused', 'nothing downloads while the user chooses');
  assert.deepEqual(fileDigests(join(app.downloads, 'set')), {}, 'nothing is on disk before the start');

  await choose.getByRole('checkbox', { name: 'Download skip' }).setChecked(false);
  await choose.getByRole('combobox', { name: 'Priority of two.bin' }).selectOption({ label: 'High' });
  assert.match(await choose.innerText(), /Selected 488 KiB/);
  await choose.getByRole('button', { name: 'Start download' }).click();
  await choose.waitFor({ state: 'detached' });

  await waitForRow(app.page, 'set', finished, 'the chosen 488 KiB at 100 %');
  assertOnlyKeptDownloaded(join(app.downloads, 'set'), seeded);
  const { files } = await app.backend.supervisor.call('get_files', { id: seeder.infoHash });
  assert.deepEqual(Object.fromEntries(files.map((f) => [f.path, f.priority])),
    { 'set/keep/one.bin': 4, 'set/keep/two.bin': 7, 'set/skip/four.bin': 0, 'set/skip/three.bin': 0 });
  assert.deepEqual(app.errors, []);
});

test('a magnet: its file tree appears once the metadata arrives; leave a folder out', { timeout: 180_000 }, async (t) => {
  const { app, seeder, seeded } = await setUp(t);

  const addDialog = await openAddDialogWithMagnet(app, seeder.magnet('set'), { chooseFiles: true });
  const choose = await goToFileChoice(app, addDialog);
  await choose.getByRole('tree', { name: 'Files of set' }).getByRole('treeitem').first().waitFor({ timeout: 60_000 });
  assert.match(await choose.innerText(), /4 files · 1\.10 MiB/);
  assert.deepEqual(fileDigests(join(app.downloads, 'set')), {}, 'nothing is on disk before the start');
  await choose.getByRole('checkbox', { name: 'Download skip' }).setChecked(false);
  assert.match(await choose.innerText(), /Selected 488 KiB/);
  await choose.getByRole('button', { name: 'Start download' }).click();
  await choose.waitFor({ state: 'detached' });

  await waitForRow(app.page, 'set', finished, 'the chosen 488 KiB at 100 %');
  assertOnlyKeptDownloaded(join(app.downloads, 'set'), seeded);
  assert.deepEqual(app.errors, []);
});
