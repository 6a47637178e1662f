// Runs the real renderer (the built dist/) in headless Chromium against the real backend: spawns `torpeddo rpc`
// through the same BackendSupervisor the Electron main process uses, and gives the page a `window.torpeddo`
// that forwards to it. Native actions (file dialogs, reveal) are answered by the test. Every app gets its own
// scratch directory (state, downloads) and ports, and the backend stays on loopback.
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const desktopDir = resolve(here, '../..');
export const repoDir = resolve(desktopDir, '..');
const supervisorModule = join(desktopDir, 'dist-electron/backend-supervisor.js');
if (!existsSync(supervisorModule)) throw new Error(`${supervisorModule} is missing: run npm run build in desktop/`);
const { BackendSupervisor } = createRequire(import.meta.url)(supervisorModule);

/** A scratch directory under the system's temp dir; removed by `removeScratch` unless TORPEDDO_E2E_KEEP is set. */
export function scratchDir(prefix = 'torpeddo-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeScratch(dir) {
  if (!process.env.TORPEDDO_E2E_KEEP) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** The policy the Electron app serves the renderer with (electron/csp.ts), so the tests see what users get. */
export const CSP = createRequire(import.meta.url)(join(desktopDir, 'dist-electron/csp.js')).CONTENT_SECURITY_POLICY;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

export function chromiumPath() {
  const candidates = [process.env.TORPEDDO_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium (apt-get install -y chromium) or set TORPEDDO_CHROMIUM');
  return found;
}

/** Serves dist/ on loopback with the app's CSP, as Electron's app:// protocol does. */
export async function serveRenderer(root = join(desktopDir, 'dist')) {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`no built renderer in ${root}: run npm run build`);
  const requests = [];
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    requests.push(path);
    // Chromium asks for it on its own; Electron's app:// window does not.
    if (path === 'favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = join(root, path === '' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Settings that keep a test's backend on loopback and out of the user's folders: any free port, no DHT (whose
 * bootstrap routers are public), no LSD (LAN multicast), downloads into `downloads`.
 */
export function prepareState(stateDir, downloads) {
  mkdirSync(stateDir, { recursive: true });
  mkdirSync(downloads, { recursive: true });
  const settings = { default_save_path: downloads, listen_port: 0, discovery: { dht: false, pex: true, lsd: false } };
  writeFileSync(join(stateDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** The backend, exactly as the main process starts it (the repository's launcher in development). */
export function startBackend({ stateDir, onState, onNotification, log }) {
  const supervisor = new BackendSupervisor({
    command: {
      command: join(repoDir, 'torpeddo'),
      args: ['rpc', '--state-dir', stateDir],
      // Nothing of the user's: the per-user folders point into the test's own directory.
      env: { ...process.env, XDG_CONFIG_HOME: join(stateDir, 'xdg'), XDG_DATA_HOME: join(stateDir, 'xdg'), XDG_STATE_HOME: join(stateDir, 'xdg') },
    },
    protocolMajor: 1,
    deltaIntervalMs: 250,
    backoffMs: [300, 600, 1200],
    onState: (s) => onState?.(s),
    onNotification: (m, p) => onNotification?.(m, p),
    onLog: (line) => log?.(line),
  });
  supervisor.start();
  return { supervisor, stateDir };
}

const INIT = () => {
  const handlers = new Map();
  const connection = new Set();
  const opens = new Set();
  let lastConnection = { state: 'connecting' };
  const emit = (set, value) => { for (const h of set) h(value); };
  window.__tpNotify = (name, params) => emit(handlers.get(name) ?? new Set(), params);
  window.__tpConnection = (s) => { lastConnection = s; emit(connection, s); };
  window.__tpOpen = (r) => emit(opens, r);
  const call = async (method, params) => {
    const reply = await window.__tpCall(method, params);
    if (reply.error) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result;
  };
  window.torpeddo = {
    call,
    on(name, h) {
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name).add(h);
      return () => handlers.get(name).delete(h);
    },
    onConnection(h) {
      connection.add(h);
      queueMicrotask(() => h(lastConnection));
      return () => connection.delete(h);
    },
    native: {
      chooseTorrentFiles: () => window.__tpNative('chooseTorrentFiles'),
      chooseDirectory: (startAt) => window.__tpNative('chooseDirectory', startAt),
      revealInFolder: (p) => window.__tpNative('revealInFolder', p),
      openPath: (p) => window.__tpNative('openPath', p),
      readClipboardText: () => window.__tpNative('readClipboardText'),
      onOpenRequest(h) { opens.add(h); return () => opens.delete(h); },
      setPreferences: (p) => window.__tpNative('setPreferences', p),
    },
  };
};

/**
 * Opens the app in Chromium against a fresh backend with its own state and download folders (`app.downloads`).
 * `native` answers the page's native requests (`chooseTorrentFiles` → paths, `chooseDirectory` → path); every
 * request is also recorded in `nativeCalls`. Page errors, console errors and JavaScript dialogs (alert, confirm)
 * are recorded, never shown.
 */
export async function openApp({ colorScheme = 'light', viewport = { width: 1280, height: 800 }, headless = true, stateDir: given } = {}) {
  // A state directory the caller gives (a look script, `npm run browse`) is kept, and its settings too if it
  // has some; otherwise everything lives in a scratch directory removed on close.
  const dir = given ?? scratchDir('torpeddo-ui-');
  const stateDir = given ?? join(dir, 'state');
  const downloads = given ? join(given, 'downloads') : join(dir, 'downloads');
  if (!given || !existsSync(join(stateDir, 'settings.json'))) prepareState(stateDir, downloads);
  const server = await serveRenderer();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless,
    args: [
      '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu',
      // Belt and braces: the page has no business outside loopback.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
  page.on('dialog', (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    void d.dismiss().catch(() => {});
  });
  const native = { chooseTorrentFiles: [], chooseDirectory: null, clipboard: '' };
  const nativeCalls = [];
  const backendLog = [];
  let loaded = false;
  const deliver = (fn, arg) => {
    if (loaded) page.evaluate(([f, a]) => window[f]?.(a), [fn, arg]).catch(() => {});
  };
  const backend = startBackend({
    stateDir,
    onState: (s) => deliver('__tpConnection', s),
    onNotification: (m, p) => { if (loaded) page.evaluate(([n, a]) => window.__tpNotify?.(n, a), [m, p]).catch(() => {}); },
    log: (line) => backendLog.push(line),
  });
  await page.exposeBinding('__tpCall', async (_src, method, params) => {
    try {
      return { result: await backend.supervisor.call(method, params) };
    } catch (e) {
      return { error: { code: e.code ?? -1, message: e.message, kind: e.kind } };
    }
  });
  await page.exposeBinding('__tpNative', async (_src, what, arg) => {
    nativeCalls.push({ what, arg });
    if (what === 'chooseTorrentFiles') return native.chooseTorrentFiles.splice(0);
    if (what === 'chooseDirectory') return native.chooseDirectory;
    if (what === 'readClipboardText') return native.clipboard;
    return undefined;
  });
  await page.addInitScript(INIT);
  await page.goto(server.url);
  // States before the page existed are history: it gets the current one, then every change.
  loaded = true;
  deliver('__tpConnection', backend.supervisor.state);
  return {
    page, browser, backend, native, nativeCalls, errors, dialogs, backendLog, dir, stateDir, downloads,
    /** Paths the renderer's server was asked for (an injected <img src=x> would show up here). */
    requests: server.requests,
    async waitConnected(timeout = 120_000) {
      await page.getByRole('status').filter({ hasText: /^\s*Connected\s*$/ }).waitFor({ timeout });
    },
    /** Switches the OS colour scheme the page sees; the app follows it while its theme is "system". */
    async setColorScheme(scheme) {
      await page.emulateMedia({ colorScheme: scheme });
    },
    async close() {
      await backend.supervisor.stop().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
      if (!given) removeScratch(dir);
    },
  };
}
