// Names made of markup: everywhere one shows — the add dialog, the file tree, the list, a toast, the remove dialog —
// it is text. No element is made of it, no script runs (no alert), nothing is fetched.
//
// The backend sanitizes a torrent's name from its metadata for the file system (<>:"|?* become _), so the raw
// markup reaches the list through a magnet's display name (dn, shown until the metadata arrives) and the add
// dialog through a .torrent file's own name; the .torrent's sanitized name is checked too.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp, removeScratch, scratchDir } from './harness.mjs';
import { createTorrent, requireLibtorrent, writePayload } from './swarm.mjs';
import { addMagnet, goToFileChoice, openAddDialogWithFiles, openRowMenu, readRow, until } from './user.mjs';

const NAME = '<img src=x onerror=alert(1)>';
const SANITIZED = '_img src=x onerror=alert(1)_';

/** <img> elements anywhere in the page, shadow roots included, and elements carrying an onerror attribute. */
function injected(page) {
  return page.evaluate(() => {
    const found = { img: 0, onerror: 0 };
    const walk = (root) => {
      found.img += root.querySelectorAll('img').length;
      found.onerror += root.querySelectorAll('[onerror]').length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return found;
  });
}

/** What must hold at the end of each story: no JavaScript dialog, no request for the image, no page error. */
function assertNothingRan(app) {
  assert.deepEqual(app.dialogs, [], 'no alert or other JavaScript dialog');
  assert.ok(!app.requests.includes('x'), 'nothing fetched the image source');
  assert.deepEqual(app.errors, []);
}

const clean = { img: 0, onerror: 0 };

test('a magnet whose name is <img src=x onerror=alert(1)> shows it as text in the list, a toast and the remove dialog', { timeout: 120_000 }, async (t) => {
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  const page = app.page;
  // Nobody has it: it stays in "Fetching metadata" under its display name.
  const magnet = `magnet:?xt=urn:btih:${randomBytes(20).toString('hex')}&dn=${encodeURIComponent(NAME)}`;

  await addMagnet(app, magnet);
  const row = await until('the row', () => readRow(page, NAME));
  assert.equal(row.Name, NAME);
  assert.equal(row.Status, 'Fetching metadata');
  assert.deepEqual(await injected(page), clean);

  // Adding it again: a toast names it.
  await addMagnet(app, magnet);
  const toast = page.getByRole('status').filter({ hasText: 'is already in the list' });
  await toast.waitFor();
  assert.equal((await toast.innerText()).trim(), `${NAME} is already in the list (trackers merged)`);
  assert.deepEqual(await injected(page), clean);

  await (await openRowMenu(page, NAME)).getByRole('menuitem', { name: /^Remove/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove this torrent?' });
  await confirm.waitFor();
  assert.ok((await confirm.innerText()).split('\n').map((l) => l.trim()).includes(NAME), 'the remove dialog names it');
  assert.deepEqual(await injected(page), clean);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assertNothingRan(app);
});

test('a .torrent file named <img src=x onerror=alert(1)>.torrent, of a file of that name, shows both as text', { timeout: 120_000 }, async (t) => {
  requireLibtorrent();
  const work = scratchDir();
  t.after(() => removeScratch(work));
  writePayload(join(work, 'payload'), { [NAME]: 50_000 });
  const torrent = createTorrent(join(work, 'payload', NAME), join(work, `${NAME}.torrent`));
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  const page = app.page;

  const addDialog = await openAddDialogWithFiles(app, [torrent], { chooseFiles: true });
  assert.ok((await addDialog.innerText()).split('\n').map((l) => l.trim()).includes(`${NAME}.torrent`), 'the file name shows as text');
  assert.deepEqual(await injected(page), clean);

  const choose = await goToFileChoice(app, addDialog);
  const tree = choose.getByRole('tree', { name: `Files of ${SANITIZED}` });
  await tree.getByRole('treeitem').first().waitFor();
  assert.equal((await tree.getByRole('treeitem').first().innerText()).split('\n')[0].trim(), SANITIZED);
  assert.deepEqual(await injected(page), clean);
  await choose.getByRole('button', { name: 'Start download' }).click();
  await choose.waitFor({ state: 'detached' });

  const row = await until('the row', () => readRow(page, SANITIZED));
  assert.equal(row.Name, SANITIZED);
  assert.deepEqual(await injected(page), clean);
  assertNothingRan(app);
});
