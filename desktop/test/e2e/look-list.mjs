// Development aid: a few torrents in the list and the add dialog's file chooser, screenshotted in both themes
// to test-output/ (node test/e2e/look-list.mjs DIR_WITH_TORRENTS).
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { desktopDir, openApp } from './harness.mjs';

const src = process.argv[2];
const out = join(desktopDir, 'test-output');
mkdirSync(out, { recursive: true });
for (const scheme of ['light', 'dark']) {
  const app = await openApp({ colorScheme: scheme });
  const { page } = app;
  await app.waitConnected();
  const torrents = readdirSync(src).filter((f) => f.endsWith('.torrent')).map((f) => join(src, f));
  for (const [i, path] of torrents.entries()) {
    await page.evaluate(([p, d, paused]) => window.torpeddo.call('add_torrent', { path: p, save_path: d, paused, category: 'music' }), [path, src, i % 2 === 1]);
  }
  await page.evaluate(() => window.torpeddo.call('add_magnet', { uri: 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=Some%20magnet%20without%20peers' }));
  await page.waitForTimeout(1500);
  await page.getByRole('row').nth(1).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, `list-${scheme}.png`) });
  app.native.chooseTorrentFiles = [torrents[0]];
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, `add-${scheme}.png`) });
  await page.getByRole('button', { name: 'Next: choose files' }).click();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(out, `add-review-${scheme}.png`) });
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await page.getByRole('row').nth(1).click({ button: 'right' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `menu-${scheme}.png`) });
  if (app.errors.length) console.error(app.errors.map((e) => e.message));
  await app.close();
}
