// The backend dies (as with kill -9): the window stays, says it is reconnecting and keeps the list; the supervisor
// restarts the backend on the same state, and the list catches up without a reload and works as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { albumScene } from './swarm.mjs';
import { addTorrentFiles, listedNames, selectRow, waitForRow } from './user.mjs';

test('the backend killed: the UI shows it reconnecting, then catches up without a reload', { timeout: 180_000 }, async (t) => {
  const { album, lonely, app, page } = await albumScene(t, { 'album/a.bin': 500_000, 'album/b.bin': 70_000 });
  await addTorrentFiles(app, [album]);
  await addTorrentFiles(app, [lonely], { startPaused: true });
  await waitForRow(page, 'album', (r) => r.Status.startsWith('Seeding') && r.Progress === '100%', 'Seeding at 100 %');
  await waitForRow(page, 'lonely.bin', (r) => r.Status === 'Paused', 'Paused');
  await page.evaluate(() => { window.__sameDocument = true; });

  app.backend.supervisor.killBackend();

  const reconnecting = page.getByRole('status').filter({ hasText: /Reconnecting \(attempt 1\)/ });
  await reconnecting.waitFor({ timeout: 10_000 });
  assert.deepEqual((await listedNames(page)).sort(), ['album', 'lonely.bin'], 'the list stays while reconnecting');
  await app.waitConnected(60_000);
  await waitForRow(page, 'album', (r) => r.Status.startsWith('Seeding') && r.Progress === '100%', 'Seeding at 100 % after the restart');
  await waitForRow(page, 'lonely.bin', (r) => r.Status === 'Paused', 'still Paused after the restart');
  assert.deepEqual((await listedNames(page)).sort(), ['album', 'lonely.bin']);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');

  // The restarted backend takes commands from the same window.
  await selectRow(page, 'lonely.bin');
  await page.getByRole('button', { name: 'Resume selected' }).click();
  await waitForRow(page, 'lonely.bin', (r) => /^(Downloading|Stalled)$/.test(r.Status), 'downloading once resumed');
  assert.deepEqual(app.errors, []);
});
