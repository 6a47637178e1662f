// Downloading from a real libtorrent seeder on loopback, the way a user does it: a .torrent through the toolbar's
// Add and the native open dialog, a magnet pasted into the add dialog; the list shows them finish and seed, and
// the files on disk are the seeder's, byte for byte.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp, removeScratch, scratchDir } from './harness.mjs';
import { Seeder, Tracker, createTorrent, fileDigests, requireLibtorrent, writePayload } from './swarm.mjs';
import { addMagnet, addTorrentFiles, waitForRow } from './user.mjs';

const MiB = 1024 * 1024;
const seeding = (r) => r.Status.startsWith('Seeding') && r.Progress === '100%';

/** A seeded torrent of a small album (three files in two folders) and an app, all cleaned up after the test. */
async function setUp(t, { tracker: withTracker }) {
  requireLibtorrent();
  const work = scratchDir();
  t.after(() => removeScratch(work));
  const tracker = withTracker ? await Tracker.start() : null;
  if (tracker) t.after(() => tracker.close());
  const seedDir = join(work, 'seed');
  writePayload(seedDir, { 'album/01 intro.bin': 1.5 * MiB, 'album/02.bin': 700 * 1024 + 123, 'album/notes/readme.txt': 2000 });
  const torrent = createTorrent(join(seedDir, 'album'), join(work, 'album.torrent'), { trackers: tracker ? [tracker.announceUrl] : [] });
  const seeder = await Seeder.start(torrent, seedDir);
  t.after(() => seeder.stop());
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  return { app, seeder, tracker, torrent, seeded: join(seedDir, 'album') };
}

test('a .torrent of a libtorrent seeder (found through its tracker) downloads to 100 % and seeds', { timeout: 180_000 }, async (t) => {
  const { app, seeder, tracker, torrent, seeded } = await setUp(t, { tracker: true });

  await addTorrentFiles(app, [torrent]);

  const row = await waitForRow(app.page, 'album', seeding, 'Seeding at 100 %');
  assert.equal(row.Size, '2.19 MiB');
  assert.deepEqual(fileDigests(join(app.downloads, 'album')), fileDigests(seeded));
  assert.ok(tracker.announces.some((a) => a.infoHash === seeder.infoHash && a.peer !== `127.0.0.1:${seeder.port}`),
    'the backend announced to the torrent\'s tracker');
  assert.deepEqual(app.nativeCalls.map((c) => c.what).filter((w) => w === 'chooseTorrentFiles'), ['chooseTorrentFiles']);
  assert.deepEqual(app.errors, []);
});

test('a magnet of a libtorrent seeder (x.pe) fetches its metadata, downloads to 100 % and seeds', { timeout: 180_000 }, async (t) => {
  const { app, seeder, seeded } = await setUp(t, { tracker: false });

  await addMagnet(app, seeder.magnet('album'));

  await waitForRow(app.page, 'album', seeding, 'Seeding at 100 %');
  assert.deepEqual(fileDigests(join(app.downloads, 'album')), fileDigests(seeded));
  assert.deepEqual(app.errors, []);
});
