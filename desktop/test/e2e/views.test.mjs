// Every main view in the light and the dark theme, at 1280×800: a screenshot written to test-output/ (for a person
// to look at; not compared) and an axe-core check that fails on serious or critical violations. The views:
// the empty list, the list with torrents in several states, the add dialog and its file choice, the row's context
// menu, the remove dialog, the category-and-tags dialog.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeViolations, seriousViolations } from './axe.mjs';
import { desktopDir, openApp, removeScratch, scratchDir } from './harness.mjs';
import { Seeder, Tracker, createTorrent, requireLibtorrent, writePayload } from './swarm.mjs';
import { addMagnet, addTorrentFiles, goToFileChoice, openAddDialogWithFiles, openRowMenu, selectRow, until, waitForRow } from './user.mjs';

const OUT = join(desktopDir, 'test-output');
const SCHEMES = ['light', 'dark'];
const MiB = 1024 * 1024;

test('each main view in both themes: screenshot and no serious accessibility violation', { timeout: 300_000 }, async (t) => {
  requireLibtorrent();
  mkdirSync(OUT, { recursive: true });
  const work = scratchDir();
  t.after(() => removeScratch(work));
  const tracker = await Tracker.start();
  t.after(() => tracker.close());
  const app = await openApp();
  t.after(() => app.close());
  await app.waitConnected();
  const page = app.page;

  /** In each theme: open the view, let it settle, write its screenshot, check it with axe, close it. */
  async function checkView(name, { open = async () => {}, close = async () => {} } = {}) {
    for (const scheme of SCHEMES) {
      await t.test(`${name}, ${scheme}`, async () => {
        await app.setColorScheme(scheme);
        await until(`the ${scheme} theme`, () => page.evaluate((s) => document.documentElement.dataset.theme === s, scheme), { timeout: 5_000 });
        try {
          await open();
          await page.screenshot({ path: join(OUT, `${name}-${scheme}.png`), animations: 'disabled' });
          const violations = await seriousViolations(page);
          assert.equal(violations.length, 0, `serious or critical accessibility violations in "${name}" (${scheme}):\n${describeViolations(violations)}`);
        } finally {
          await close();
        }
      });
    }
  }

  await checkView('empty-list', { open: () => page.getByRole('heading', { name: /Drop a \.torrent file/ }).waitFor() });

  // A list with torrents in several states: seeding, downloading without peers, paused, fetching metadata.
  writePayload(join(work, 'seed'), { 'Big Buck Bunny (1080p)/Big Buck Bunny.mkv': 1.2 * MiB, 'Big Buck Bunny (1080p)/Subs/en.srt': 12_000 });
  writePayload(join(work, 'other'), {
    'ubuntu-24.04.1-desktop-amd64.iso': 700_000,
    'Sintel (2010)/Sintel.mkv': 600_000, 'Sintel (2010)/poster.jpg': 40_000,
    'Tears of Steel/Tears of Steel.mkv': 500_000, 'Tears of Steel/Subs/en.srt': 9_000, 'Tears of Steel/Subs/de.srt': 9_500, 'Tears of Steel/README.txt': 800,
  });
  const torrent = (dir, name) => createTorrent(join(work, dir, name), join(work, `${name}.torrent`), { trackers: [tracker.announceUrl] });
  const bunny = torrent('seed', 'Big Buck Bunny (1080p)');
  const seeder = await Seeder.start(bunny, join(work, 'seed'));
  t.after(() => seeder.stop());
  await addTorrentFiles(app, [bunny, torrent('other', 'ubuntu-24.04.1-desktop-amd64.iso')]);
  await addTorrentFiles(app, [torrent('other', 'Sintel (2010)')], { startPaused: true });
  await addMagnet(app, `magnet:?xt=urn:btih:${randomBytes(20).toString('hex')}&dn=archlinux-2025.01.01-x86_64.iso`);
  await waitForRow(page, 'Big Buck Bunny (1080p)', (r) => r.Status.startsWith('Seeding'), 'Seeding');
  await selectRow(page, 'Big Buck Bunny (1080p)');
  const tears = torrent('other', 'Tears of Steel');

  await checkView('list', { open: () => waitForRow(page, 'Sintel (2010)', (r) => r.Status === 'Paused', 'Paused') });

  let addDialog;
  await checkView('add-dialog', {
    open: async () => {
      addDialog = await openAddDialogWithFiles(app, [tears], { chooseFiles: true });
    },
    close: () => addDialog.getByRole('button', { name: 'Cancel', exact: true }).click(),
  });

  let choose;
  await checkView('add-dialog-files', {
    open: async () => {
      choose = await goToFileChoice(app, await openAddDialogWithFiles(app, [tears], { chooseFiles: true }));
      await choose.getByRole('treeitem').first().waitFor();
      await choose.getByRole('checkbox', { name: 'Download Subs' }).setChecked(false);
    },
    close: async () => {
      await choose.getByRole('button', { name: 'Cancel', exact: true }).click();
      await choose.waitFor({ state: 'detached' });
    },
  });

  await checkView('context-menu', {
    open: () => openRowMenu(page, 'Big Buck Bunny (1080p)'),
    close: () => page.keyboard.press('Escape'),
  });

  let confirm;
  await checkView('remove-dialog', {
    open: async () => {
      await selectRow(page, 'Sintel (2010)');
      await page.getByRole('button', { name: 'Remove selected' }).click();
      confirm = page.getByRole('dialog', { name: 'Remove this torrent?' });
      await confirm.waitFor();
    },
    close: () => confirm.getByRole('button', { name: 'Cancel', exact: true }).click(),
  });

  await checkView('labels-dialog', {
    open: async () => {
      await selectRow(page, 'Sintel (2010)');
      await openRowMenu(page, 'Sintel (2010)');
      await page.getByRole('menuitem', { name: /Category and tags/ }).click();
      await page.getByRole('dialog', { name: 'Category and tags' }).waitFor();
    },
    close: () => page.keyboard.press('Escape'),
  });

  assert.deepEqual(app.errors, []);
});
