// Adding with no friction: a .torrent dropped anywhere on the window, and a magnet link pasted anywhere (not in a
// text field), each open the add dialog with it; a file that is not a torrent is refused with a message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp, removeScratch, scratchDir } from './harness.mjs';
import { createTorrent, requireLibtorrent, writePayload } from './swarm.mjs';
import { listedNames, until } from './user.mjs';

/** Drops files (name → bytes) on the list, as the OS does: dragenter, dragover, drop, with a DataTransfer. */
async function dropFiles(page, files) {
  const payload = Object.entries(files).map(([name, bytes]) => ({ name, data: [...bytes] }));
  const dt = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([new Uint8Array(f.data)], f.name));
    return transfer;
  }, payload);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('body', type, { dataTransfer: dt });
  }
}

test('a .torrent dropped on the window and a magnet pasted anywhere open the add dialog with them', { timeout: 120_000 }, async (t) => {
  requireLibtorrent();
  const work = scratchDir();
  t.after(() => removeScratch(work));
  writePayload(join(work, 'src'), { 'dropped.bin': 50_000 });
  const torrent = createTorrent(join(work, 'src', 'dropped.bin'), join(work, 'dropped.torrent'));
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  const page = app.page;

  await dropFiles(page, { 'dropped.torrent': readFileSync(torrent) });
  const dialog = page.getByRole('dialog', { name: 'Add torrents' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /dropped\.torrent/);
  assert.match(await dialog.innerText(), /1 to add/);
  await dialog.getByRole('checkbox', { name: 'Choose files before downloading' }).setChecked(false);
  await dialog.getByRole('checkbox', { name: 'Start paused' }).setChecked(true);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await until('the dropped torrent listed', async () => (await listedNames(page)).includes('dropped.bin'));

  // Not a torrent: nothing opens, the user is told why.
  await dropFiles(page, { 'notes.txt': Buffer.from('hello') });
  await page.getByRole('alert').filter({ hasText: 'Only .torrent files and magnet links can be added' }).waitFor();
  assert.equal(await dialog.count(), 0);

  // A magnet pasted with the list focused (not a text field).
  const hash = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
  await page.getByRole('grid', { name: 'Torrents' }).getByRole('row').nth(1).click();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, `magnet:?xt=urn:btih:${hash}&dn=pasted`);
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('textbox', { name: /^Magnet links/ }).inputValue(), `magnet:?xt=urn:btih:${hash}&dn=pasted`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await listedNames(page), ['dropped.bin'], 'cancelling the first step adds nothing');
  assert.deepEqual(app.errors, []);
});
