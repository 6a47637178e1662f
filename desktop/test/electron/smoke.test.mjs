// Starts the real app in Electron (playwright-core's _electron) and looks at its window: it shows the renderer
// from app://torpeddo, the page has window.torpeddo and no Node, and the window was made with the security
// settings. Needs an Electron binary, which cannot be downloaded everywhere: set TORPEDDO_ELECTRON_BINARY to the
// executable, or ELECTRON_OVERRIDE_DIST_PATH to the folder holding it; without one the test is skipped and says
// why. Run after `npm run build` (renderer and main process):  node --test test/electron/
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const desktopDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function electronBinary() {
  if (process.env.TORPEDDO_ELECTRON_BINARY) return process.env.TORPEDDO_ELECTRON_BINARY;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!dist) return null;
  const name = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron';
  return join(dist, name);
}

function whyNot(binary) {
  if (binary === null) return 'no Electron binary: set TORPEDDO_ELECTRON_BINARY or ELECTRON_OVERRIDE_DIST_PATH';
  if (!existsSync(binary)) return `no Electron binary at ${binary}`;
  if (!existsSync(join(desktopDir, 'dist-electron', 'main.js'))) return 'dist-electron/main.js missing: run `npm run build` first';
  if (!existsSync(join(desktopDir, 'dist', 'index.html'))) return 'dist/index.html missing: run `npm run build` first';
  return null;
}

test('the app starts and shows its secure window', { timeout: 120_000 }, async (t) => {
  const binary = electronBinary();
  const reason = whyNot(binary);
  if (reason !== null) {
    t.skip(reason);
    return;
  }
  const { _electron } = await import('playwright-core');
  // A state directory of its own, with nothing that leaves the machine (no DHT, no local discovery).
  const stateDir = mkdtempSync(join(tmpdir(), 'torpeddo-smoke-'));
  writeFileSync(
    join(stateDir, 'settings.json'),
    JSON.stringify({ default_save_path: join(stateDir, 'downloads'), listen_port: 0, discovery: { dht: false, pex: false, lsd: false } }),
  );
  const app = await _electron.launch({
    executablePath: binary,
    args: [desktopDir],
    cwd: desktopDir,
    env: { ...process.env, TORPEDDO_STATE_DIR: stateDir, ELECTRON_ENABLE_LOGGING: '1' },
  });
  try {
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    assert.equal(new URL(window.url()).origin, 'app://torpeddo');
    assert.equal(await window.evaluate(() => typeof window.torpeddo?.call), 'function');
    // No Node in the page, and no Electron internals.
    assert.equal(await window.evaluate(() => typeof require), 'undefined');
    assert.equal(await window.evaluate(() => typeof process), 'undefined');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      const p = win.webContents.getLastWebPreferences();
      return { count: BrowserWindow.getAllWindows().length, sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
    });
    assert.deepEqual(prefs, { count: 1, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    // The page is served with the CSP.
    const csp = await window.evaluate(() => fetch('/index.html').then((r) => r.headers.get('content-security-policy')));
    assert.match(csp ?? '', /script-src 'self'/);
    // A call reaches the backend through the preload and the main process.
    const version = await window.evaluate(async () => {
      for (let i = 0; i < 600; i++) {
        try {
          return await window.torpeddo.call('version', {});
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      return null;
    });
    assert.equal(version?.protocol?.split('.')[0], '1');
    // A method outside the allow-list is refused before the backend.
    const refused = await window.evaluate(() => window.torpeddo.call('shutdown', {}).then(() => null, (e) => e.code));
    assert.equal(refused, -32601);
  } finally {
    await app.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
