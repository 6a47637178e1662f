// Categories and tags for several torrents at once, from the row's context menu; the sidebar's filters follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pausedTorrentsScene } from './swarm.mjs';
import { listedNames, torrentRow, until } from './user.mjs';

test('category and tags set on two selected torrents at once, and the sidebar filters by them', { timeout: 120_000 }, async (t) => {
  const { app, page } = await pausedTorrentsScene(t, ['one', 'two', 'three']);

  await torrentRow(page, 'one.bin').getByRole('gridcell', { name: 'one.bin', exact: true }).click();
  await torrentRow(page, 'two.bin').getByRole('gridcell', { name: 'two.bin', exact: true }).click({ modifiers: ['Control'] });
  await torrentRow(page, 'two.bin').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: '2 torrents' });
  await menu.getByRole('menuitem', { name: /Category and tags/ }).click();
  // The dialog's fields are slotted into its frame's <dialog>: found from the dialog's own element.
  await page.getByRole('dialog', { name: 'Category and tags of 2 torrents' }).waitFor();
  const dialog = page.locator('tp-labels-dialog');
  await dialog.getByLabel('Category', { exact: true }).fill('music');
  await dialog.getByLabel('Add tags').fill('live, lossless');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'detached' });

  const filters = page.getByRole('navigation', { name: 'Filters' });
  await filters.getByRole('button', { name: /^music 2$/ }).waitFor();
  await filters.getByRole('button', { name: /^lossless 2$/ }).click();
  await until('the tag filter shows the two', async () => (await listedNames(page)).sort().join() === 'one.bin,two.bin');
  const { torrents: status } = await app.backend.supervisor.call('get_status', { ids: 'all', fields: ['name', 'category', 'tags'] });
  const byName = Object.fromEntries(status.map((s) => [s.name, s]));
  assert.deepEqual([byName['one.bin'].category, byName['one.bin'].tags], ['music', ['live', 'lossless']]);
  assert.deepEqual([byName['three.bin'].category, byName['three.bin'].tags], ['', []]);

  // Remove one tag from one torrent only: its other tag stays.
  await torrentRow(page, 'one.bin').getByRole('gridcell', { name: 'one.bin', exact: true }).click();
  await torrentRow(page, 'one.bin').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Torrent', exact: true }).getByRole('menuitem', { name: /Category and tags/ }).click();
  await page.getByRole('dialog', { name: 'Category and tags', exact: true }).waitFor();
  const single = page.locator('tp-labels-dialog');
  assert.equal(await single.getByLabel('Category', { exact: true }).inputValue(), 'music');
  await single.getByLabel('Remove tags').fill('live');
  await single.getByRole('button', { name: 'Apply' }).click();
  await single.waitFor({ state: 'detached' });
  await filters.getByRole('button', { name: /^live 1$/ }).waitFor();
  assert.deepEqual(app.errors, []);
});
