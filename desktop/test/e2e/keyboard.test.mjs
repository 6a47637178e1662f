// The list by keyboard alone: Tab reaches it, arrows move the focused row (the keyboard focus goes with it, so a
// screen reader announces it), Shift extends the selection, Space pauses and resumes, Delete asks to remove,
// Escape clears, and the command palette opens with Ctrl+K over the selection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pausedTorrentsScene } from './swarm.mjs';
import { listedNames, readRow, until, waitForRow } from './user.mjs';

/** The row the keyboard focus is on (through the shadow roots), as its accessible name parts. */
async function focusedRow(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('role') === 'row' ? { id: el.dataset.id, selected: el.getAttribute('aria-selected') } : null;
  });
}

const selectedCount = (page) =>
  page.getByRole('grid', { name: 'Torrents' }).getByRole('row', { selected: true }).count();

test('the torrent list by keyboard alone', { timeout: 180_000 }, async (t) => {
  const { app, page } = await pausedTorrentsScene(t, ['alpha', 'bravo', 'charlie'], 40_000);
  const order = await listedNames(page);

  // Tab from the search box reaches the list; Home focuses the first row (adding focused the one added first).
  await page.getByRole('searchbox', { name: 'Search torrents' }).focus();
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('role') === 'rowgroup';
    });
  }
  assert.ok(reached, 'Tab reaches the list');
  await page.keyboard.press('Home');
  await until('the first row focused', async () => (await focusedRow(page))?.selected === 'true');
  const first = await focusedRow(page);
  assert.equal((await readRow(page, order[0])).Name, order[0]);
  await page.keyboard.press('ArrowDown');
  await until('the second row focused', async () => (await focusedRow(page))?.id !== first.id);
  assert.equal(await selectedCount(page), 1, 'moving selects only the focused row');

  await page.keyboard.press('Shift+ArrowDown');
  await until('two rows selected', async () => (await selectedCount(page)) === 2);
  await page.keyboard.press('Escape');
  await until('nothing selected', async () => (await selectedCount(page)) === 0);

  // Space resumes the focused (paused) torrent, and pauses it again.
  await page.keyboard.press('Home');
  await until('the first row focused again', async () => (await focusedRow(page))?.id === first.id);
  await page.keyboard.press(' ');
  await waitForRow(page, order[0], (r) => !r.Status.startsWith('Paused'), 'resumed by Space', 30_000);
  await page.keyboard.press(' ');
  await waitForRow(page, order[0], (r) => r.Status.startsWith('Paused'), 'paused again by Space', 30_000);

  // Delete asks before removing; Escape keeps the torrent.
  await page.keyboard.press('Delete');
  const remove = page.getByRole('dialog', { name: 'Remove this torrent?' });
  await remove.waitFor();
  await page.keyboard.press('Escape');
  await remove.waitFor({ state: 'detached' });
  assert.equal((await listedNames(page)).length, 3);

  // The palette acts on the selection: "Pause" there is enabled because a row is selected.
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: /command/i });
  await palette.waitFor();
  await page.keyboard.type('force recheck');
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
  assert.ok((await readRow(page, order[0])).Status.length > 0);
  assert.deepEqual(app.errors, []);
});
