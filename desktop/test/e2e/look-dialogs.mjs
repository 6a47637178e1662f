// Development aid for the settings dialog, the command palette and the shortcuts sheet: opens each through the UI
// (keys and toolbar buttons, as a user would) against a real backend, writes screenshots in both themes to
// test-output/, and checks what a user would notice: a settings change reaches the backend (and only what changed
// is sent), a port in use is refused at its field, the palette finds and jumps to a torrent, axe finds no serious
// problems in any of them. Run: npx vite build && node test/e2e/look-dialogs.mjs
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desktopDir, openApp } from './harness.mjs';

const out = join(desktopDir, 'test-output');
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(join(desktopDir, 'node_modules/axe-core/axe.min.js'), 'utf8');
const MiB = 1024 * 1024;

/** A loopback port nobody listens on now, and a server holding another one. */
async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}
async function holdPort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '0.0.0.0', r));
  return { port: s.address().port, close: () => new Promise((r) => s.close(r)) };
}

/** A state directory whose settings keep the engine on loopback: no DHT, LSD or PEX, a port of its own. */
async function stateDir() {
  const dir = mkdtempSync(join(tmpdir(), 'torpeddo-dialogs-'));
  const downloads = join(dir, 'Downloads');
  mkdirSync(downloads);
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({
    default_save_path: downloads, listen_port: await freePort(), discovery: { dht: false, pex: false, lsd: false },
  }));
  return { dir, downloads };
}

const NAMES = ['ubuntu-24.04.2-desktop-amd64.iso', 'debian-12.9.0-amd64-netinst.iso', 'Big Buck Bunny (1080p)', 'archlinux-2025.01.01-x86_64.iso'];

async function axe(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // Only the dialog: the rest of the window is inert behind it and checked by the main views' own test.
    const r = await window.axe.run({ include: { fromShadowDom: ['tp-app', 'tp-dialog-host'] } }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(result, [], `axe, ${what}`);
}

for (const scheme of ['light', 'dark']) {
  const { dir, downloads } = await stateDir();
  const app = await openApp({ colorScheme: scheme, stateDir: dir });
  const { page } = app;
  const shot = (name) => page.screenshot({ path: join(out, `dialogs-${name}-${scheme}.png`) });
  const dialog = page.locator('dialog[open]');
  const missing = [];
  page.on('response', (r) => { if (r.status() === 404) missing.push(new URL(r.url()).pathname); });
  try {
    await app.waitConnected();
    await page.evaluate(async (names) => {
      for (const [i, n] of names.entries()) {
        const hash = String(i + 1).repeat(40);
        await window.torpeddo.call('add_magnet', { uri: `magnet:?xt=urn:btih:${hash}&dn=${encodeURIComponent(n)}`, paused: true });
      }
    }, NAMES);
    await page.getByRole('row').filter({ hasText: 'Big Buck Bunny' }).waitFor();
    // Record what the renderer sends, to check that Apply sends only what changed.
    await page.evaluate(() => {
      const api = window.torpeddo;
      const call = api.call;
      window.__calls = [];
      api.call = (m, p) => { window.__calls.push([m, p]); return call.call(api, m, p); };
    });

    // ---- command palette ----
    // With no torrent to act on, the actions that need one are listed but cannot run.
    await page.keyboard.press('Control+K');
    const combo = page.getByRole('combobox', { name: 'Type a command or a torrent name' });
    await combo.waitFor();
    await combo.fill('recheck');
    const recheck = page.getByRole('option').filter({ hasText: 'Force recheck' });
    assert.equal(await recheck.getAttribute('aria-disabled'), 'true');
    await page.getByText('Select a torrent first').waitFor();
    await shot('palette-disabled');
    await page.keyboard.press('Enter');
    assert.equal(await dialog.count(), 1, 'Enter on a disabled action does nothing');
    // Entrance motion follows the reduced-motion preference (the harness asks for reduced motion).
    assert.equal(await dialog.evaluate((d) => getComputedStyle(d).animationName), 'none');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.keyboard.press('Control+K');
    assert.equal(await dialog.evaluate((d) => getComputedStyle(d).animationName), 'enter');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // A click outside the palette closes it.
    await page.keyboard.press('Control+K');
    await combo.waitFor();
    await page.mouse.click(80, 700);
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('row').filter({ hasText: 'debian' }).click();
    await page.keyboard.press('Control+K');
    await combo.waitFor();
    assert.equal(await combo.evaluate((el) => el.matches(':focus')), true, 'the palette field has focus');
    await page.waitForTimeout(300);
    await shot('palette');
    await axe(page, 'palette');
    await combo.fill('pause');
    await shot('palette-pause');
    const first = page.getByRole('listbox').getByRole('option').first();
    assert.match(await first.innerText(), /Torrent: Pause/);
    await combo.fill('bunny');
    assert.match(await page.getByRole('listbox').getByRole('option', { selected: true }).innerText(), /Big Buck Bunny/);
    await shot('palette-torrent');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
    const selected = page.locator('[role="row"][aria-selected="true"]');
    assert.equal(await selected.count(), 1, 'the jump selects one row');
    assert.match(await selected.innerText(), /Big Buck Bunny/);
    // Escape clears the selection, but the focused row is still what actions apply to.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await combo.fill('recheck');
    const option = page.getByRole('option').filter({ hasText: 'Force recheck' });
    assert.equal(await option.getAttribute('aria-disabled'), 'false', 'the focused torrent is a target');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // ---- shortcuts sheet ----
    await page.keyboard.press('?');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await page.waitForTimeout(300);
    for (const group of ['Torrents', 'Queue', 'Torrent list', 'Dialogs']) await page.getByRole('heading', { name: group, exact: true }).waitFor();
    await shot('shortcuts');
    await axe(page, 'shortcuts');
    // Tab stays inside: the sheet (focused first, so the keyboard can scroll it), the close button, the sheet again.
    const focusedLabel = () => page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.getAttribute('aria-label') ?? a?.getAttribute('role') ?? a?.tagName;
    });
    assert.equal(await focusedLabel(), 'Shortcuts');
    await page.keyboard.press('Tab');
    assert.equal(await focusedLabel(), 'Close');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedLabel(), 'Shortcuts');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedLabel(), 'Close');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focusedLabel(), 'row', 'focus goes back to the list, on its focused row');

    // ---- settings ----
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const field = (label) => page.getByRole('textbox', { name: label, exact: true });
    await field('Default save folder').waitFor();
    assert.equal(await field('Default save folder').inputValue(), downloads);
    await page.getByText('free there').waitFor();
    await page.waitForTimeout(300);
    await shot('settings-downloads');
    await axe(page, 'settings');
    // The selected section's tab has focus; Shift+Tab wraps from the first control to the last enabled one.
    assert.equal(await page.getByRole('tab', { name: 'Downloads' }).evaluate((el) => el.matches(':focus')), true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.getByRole('button', { name: 'Cancel' }).evaluate((el) => el.matches(':focus')), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.getByRole('dialog').getByRole('button', { name: 'Close' }).evaluate((el) => el.matches(':focus')), true);
    // Browse fills the field with what the native picker returned.
    app.native.chooseDirectory = join(downloads, 'chosen');
    mkdirSync(app.native.chooseDirectory);
    await page.getByRole('button', { name: 'Browse…' }).click();
    await page.waitForTimeout(200);
    assert.equal(await field('Default save folder').inputValue(), app.native.chooseDirectory);

    for (const tab of ['Connection', 'Queue', 'Sharing']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(150);
      await shot(`settings-${tab.toLowerCase()}`);
    }
    // Choosing to delete files warns; choosing the old value again leaves nothing to send.
    const action = page.getByRole('combobox', { name: 'When a limit is reached' });
    await action.selectOption('remove_with_data');
    await page.getByText('The downloaded files are deleted from disk.').waitFor();
    await shot('settings-sharing-delete');
    await action.selectOption('pause');
    await page.getByRole('tab', { name: 'Speed' }).click();
    const down = page.getByRole('textbox', { name: 'Download limit' }).first();
    await down.fill('fast please');
    await down.press('Tab');
    await page.getByText('Type a rate such as').first().waitFor();
    assert.equal(await down.getAttribute('aria-invalid'), 'true');
    await shot('settings-speed-invalid');
    await down.fill('8 MiB');
    await page.getByRole('tab', { name: 'Peer discovery' }).click();
    await page.getByRole('switch', { name: 'Peer exchange (PEX)' }).check();
    await page.getByText('Changes apply at once').waitFor();
    await shot('settings-discovery');
    await page.getByRole('tab', { name: 'Interface' }).click();
    await page.waitForTimeout(150);
    await shot('settings-interface');
    await page.evaluate(() => { window.__calls.length = 0; });
    await page.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'detached' });
    const sent = await page.evaluate(() => window.__calls.filter(([m]) => m === 'set_settings').map(([, p]) => p));
    assert.deepEqual(sent, [{ settings: { default_save_path: join(downloads, 'chosen'), limits: { download: 8 * MiB }, discovery: { pex: true } } }],
      'Apply sends only what changed');
    const now = await page.evaluate(() => window.torpeddo.call('get_settings', {}));
    assert.equal(now.limits.download, 8 * MiB);
    assert.equal(now.discovery.pex, true);
    assert.equal(now.default_save_path, join(downloads, 'chosen'));
    // The status bar shows the new limit (it refreshes on settings-changed).
    await page.getByRole('button', { name: 'Download rate and limit' }).filter({ hasText: '8.00 MiB/s' }).waitFor({ timeout: 5000 });

    // A port in use is refused by the backend and shown at the port field.
    const held = await holdPort();
    try {
      await page.keyboard.press('Control+,');
      await page.getByRole('tab', { name: 'Connection' }).click();
      const port = field('Listen port');
      const before = await port.inputValue();
      await port.fill(String(held.port));
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('is in use').waitFor();
      assert.equal(await port.getAttribute('aria-invalid'), 'true');
      await page.waitForTimeout(150);
      await shot('settings-port-in-use');
      const after = await page.evaluate(() => window.torpeddo.call('get_settings', {}));
      assert.equal(String(after.listen_port), before, 'a refused port changes nothing');
      // Escape closes without applying, like Cancel.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await held.close();
    }

    // Interface preferences apply locally (the light run switches to dark and back through the dialog).
    if (scheme === 'light') {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('tab', { name: 'Interface' }).click();
      await page.getByRole('radio', { name: 'Dark' }).check();
      await page.getByRole('button', { name: 'Apply' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      await page.keyboard.press('Control+,');
      await page.getByRole('tab', { name: 'Interface' }).click();
      await page.getByRole('radio', { name: 'System' }).check();
      await page.getByRole('button', { name: 'Apply' }).click();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    }
    // The browser asks for /favicon.ico on its own; Electron does not, and nothing of ours is missing.
    assert.deepEqual(missing.filter((p) => p !== '/favicon.ico'), [], 'every file the page asked for exists');
    assert.deepEqual(app.errors.map(String).filter((e) => !e.includes('404 (Not Found)')), [], 'no page errors');
    console.log(`${scheme}: ok`);
  } catch (e) {
    await shot('failure').catch(() => {});
    throw e;
  } finally {
    await app.close();
  }
}
