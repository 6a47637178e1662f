// Pausing and resuming from the toolbar and from the row's context menu, each seen in the list and the sidebar;
// removing a finished torrent together with its files: the row goes and so do the files.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { albumScene, fileDigests } from './swarm.mjs';
import { addTorrentFiles, listedNames, openRowMenu, readRow, selectRow, until, waitForRow } from './user.mjs';

/** The count the sidebar shows next to a status filter. */
async function sidebarCount(page, label) {
  const name = await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: new RegExp(`^${label} \\d+$`) }).innerText();
  return Number(name.trim().split(/\s+/).pop());
}

test('pause and resume from the toolbar and the context menu; remove with the downloaded files', { timeout: 180_000 }, async (t) => {
  // Nobody seeds "lonely": it stays downloading at 0 %.
  const { album, lonely, app, page } = await albumScene(t, { 'album/a.bin': 400_000, 'album/b.bin': 90_000 });

  await addTorrentFiles(app, [album, lonely]);
  await waitForRow(page, 'album', (r) => r.Status.startsWith('Seeding') && r.Progress === '100%', 'Seeding at 100 %');
  await waitForRow(page, 'lonely.bin', (r) => /^(Downloading|Stalled)$/.test(r.Status) && /^0(\.0)?%$/.test(r.Progress), 'downloading at 0 %');
  assert.equal(await sidebarCount(page, 'Paused'), 0);

  // The toolbar acts on the selected row.
  await selectRow(page, 'lonely.bin');
  await page.getByRole('button', { name: 'Pause selected' }).click();
  await waitForRow(page, 'lonely.bin', (r) => r.Status === 'Paused', 'Paused');
  assert.equal(await sidebarCount(page, 'Paused'), 1);
  await page.getByRole('button', { name: 'Resume selected' }).click();
  await waitForRow(page, 'lonely.bin', (r) => /^(Downloading|Stalled)$/.test(r.Status), 'downloading again');
  await until('the sidebar to count no paused torrent', async () => (await sidebarCount(page, 'Paused')) === 0, { timeout: 10_000 });

  // The context menu acts on the row it was opened on; a finished torrent paused reads "Completed".
  await (await openRowMenu(page, 'album')).getByRole('menuitem', { name: /^Pause/ }).click();
  await waitForRow(page, 'album', (r) => r.Status === 'Completed', 'Completed (paused)');
  assert.equal(await sidebarCount(page, 'Paused'), 1);
  await (await openRowMenu(page, 'album')).getByRole('menuitem', { name: /^Resume/ }).click();
  await waitForRow(page, 'album', (r) => r.Status.startsWith('Seeding'), 'Seeding again');
  assert.equal((await readRow(page, 'lonely.bin')).Status === 'Paused', false, 'the other torrent was left alone');

  // Remove with data: the dialog names the torrent, asks about the files, and both row and files go.
  const downloaded = join(app.downloads, 'album');
  assert.equal(Object.keys(fileDigests(downloaded)).length, 2);
  await (await openRowMenu(page, 'album')).getByRole('menuitem', { name: /^Remove/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove this torrent?' });
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /album/);
  await confirm.getByRole('checkbox', { name: 'Also delete the downloaded files' }).check();
  await confirm.getByRole('button', { name: 'Remove and delete files' }).click();
  await until('the album row to go', async () => !(await listedNames(page)).includes('album'), { timeout: 20_000 });
  await until('the album files to go from disk', () => !existsSync(downloaded), { timeout: 20_000 });
  assert.deepEqual(await listedNames(page), ['lonely.bin']);
  assert.deepEqual(app.errors, []);
});
