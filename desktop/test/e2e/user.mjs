// What a user does and sees, in the UI's own terms: roles and accessible names, never CSS classes. The scenarios
// are written with these so that they read as stories and break when the UI stops being usable that way.

/** Polls `probe` until it returns something truthy; on timeout says what was awaited and what was last seen. */
export async function until(what, probe, { timeout = 60_000, interval = 150 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = `(${e.message.split('\n')[0]})`;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${Math.round(timeout / 1000)} s waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function torrentGrid(page) {
  return page.getByRole('grid', { name: 'Torrents' });
}

/** The list's row whose Name cell reads exactly `name`. */
export function torrentRow(page, name) {
  return torrentGrid(page).getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });
}

/** The row as the user reads it: column header → cell text ({Name, Size, Progress, Status, ...}); null if absent. */
export async function readRow(page, name) {
  // The last header holds the column chooser and has no text (nor cells).
  const headers = (await torrentGrid(page).getByRole('columnheader').allInnerTexts()).map((h) => h.trim()).filter(Boolean);
  const row = torrentRow(page, name);
  if ((await row.count()) === 0) return null;
  const cells = (await row.first().getByRole('gridcell').allInnerTexts()).map((c) => c.trim());
  if (cells.length !== headers.length) return null; // caught mid-render
  return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
}

/** Waits until the row named `name` satisfies `test` (given the row's cells); returns the cells. */
export async function waitForRow(page, name, test, what, timeout = 60_000) {
  let seen = null;
  try {
    return await until(`${name}: ${what}`, async () => {
      const row = await readRow(page, name);
      if (row) seen = row;
      return row && test(row) ? row : null;
    }, { timeout });
  } catch (e) {
    e.message = e.message.replace(/; last seen: .*$/s, seen ? `; the row read: ${JSON.stringify(seen)}` : `; no row named ${JSON.stringify(name)} was seen`);
    throw e;
  }
}

/** The names of every torrent in the list, top to bottom. */
export async function listedNames(page) {
  const rows = torrentGrid(page).getByRole('row');
  const names = [];
  for (const row of await rows.all()) {
    const cells = row.getByRole('gridcell');
    if ((await cells.count()) > 0) names.push((await cells.first().innerText()).trim());
  }
  return names;
}

/**
 * The toolbar's Add: the native open dialog returns `paths`, the add dialog opens with them. Leaves the dialog
 * open with "Choose files before downloading" set as asked; returns the dialog.
 */
export async function openAddDialogWithFiles(app, paths, { chooseFiles }) {
  app.native.chooseTorrentFiles = [...paths];
  await app.page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Add torrents' });
  await dialog.waitFor();
  await dialog.getByRole('checkbox', { name: 'Choose files before downloading' }).setChecked(chooseFiles);
  return dialog;
}

/** The toolbar's "Add magnet link": the add dialog with the link typed in. */
export async function openAddDialogWithMagnet(app, uri, { chooseFiles }) {
  await app.page.getByRole('button', { name: 'Add magnet link', exact: true }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Add torrents' });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: /^Magnet links/ }).fill(uri);
  await dialog.getByRole('checkbox', { name: 'Choose files before downloading' }).setChecked(chooseFiles);
  return dialog;
}

/** Adds at once (no file choice): .torrent paths and/or magnet links. */
export async function addTorrentFiles(app, paths, { startPaused = false } = {}) {
  const dialog = await openAddDialogWithFiles(app, paths, { chooseFiles: false });
  await dialog.getByRole('checkbox', { name: 'Start paused' }).setChecked(startPaused);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

export async function addMagnet(app, uri) {
  const dialog = await openAddDialogWithMagnet(app, uri, { chooseFiles: false });
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** From the add dialog with "Choose files" on: the next step, where the file tree appears. */
export async function goToFileChoice(app, addDialog) {
  await addDialog.getByRole('button', { name: 'Next: choose files' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Choose files' });
  await dialog.waitFor();
  return dialog;
}

/** Right-clicks the row and returns the context menu that opens. */
export async function openRowMenu(page, name) {
  await torrentRow(page, name).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Torrent' });
  await menu.waitFor();
  return menu;
}

/** Selects the row with a click, as a user does before using the toolbar. */
export async function selectRow(page, name) {
  await torrentRow(page, name).getByRole('gridcell', { name, exact: true }).click();
}
