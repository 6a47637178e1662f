// Runs the real renderer (the built dist/) in headless Chromium against the real backend: spawns `torpeddo rpc`
// through the same BackendSupervisor the Electron main process uses, and gives the page a `window.torpeddo`
// that forwards to it. Native actions (file dialogs, reveal) are answered by the test.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const desktopDir = resolve(here, '../..');
export const repoDir = resolve(desktopDir, '..');
const require = (await import('node:module')).createRequire(import.meta.url);
const { BackendSupervisor } = require(join(desktopDir, 'dist-electron/backend-supervisor.js'));
/** The policy the Electron app serves the renderer with (electron/csp.ts), so the tests see what users get. */
export const CSP = require(join(desktopDir, 'dist-electron/csp.js')).CONTENT_SECURITY_POLICY;
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
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(root, path === '' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Settings that keep a test's backend on this machine: no DHT (its bootstrap routers are public) and no LSD
 * (multicast on the LAN); downloads under the state directory. Written only where no settings exist yet.
 */
export function loopbackOnlySettings(stateDir) {
  const file = join(stateDir, 'settings.json');
  if (existsSync(file)) return;
  mkdirSync(join(stateDir, 'downloads'), { recursive: true });
  writeFileSync(file, JSON.stringify({
    default_save_path: join(stateDir, 'downloads'),
    listen_port: 0,
    discovery: { dht: false, pex: true, lsd: false },
  }));
}

/** The backend, exactly as the main process starts it (the repository's launcher in development). */
export function startBackend({ stateDir = mkdtempSync(join(tmpdir(), 'torpeddo-ui-')), onState, onNotification, log } = {}) {
  loopbackOnlySettings(stateDir);
  const supervisor = new BackendSupervisor({
    command: { command: join(repoDir, 'torpeddo'), args: ['rpc', '--state-dir', stateDir] },
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
 * Opens the app in Chromium against a fresh backend. `native` answers the page's native requests
 * (`chooseTorrentFiles` → paths, `chooseDirectory` → path); every request is also recorded in `nativeCalls`.
 */
export async function openApp({ colorScheme = 'light', viewport = { width: 1280, height: 800 }, stateDir, headless = true } = {}) {
  const server = await serveRenderer();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(new Error(m.text())); });
  const native = { chooseTorrentFiles: [], chooseDirectory: null, clipboard: '' };
  const nativeCalls = [];
  const backendLog = [];
  let ready = false;
  const pending = [];
  const send = (fn, arg) => {
    if (!ready) { pending.push([fn, arg]); return; }
    page.evaluate(([f, a]) => window[f]?.(a), [fn, arg]).catch(() => {});
  };
  const backend = startBackend({
    stateDir,
    onState: (s) => send('__tpConnection', s),
    onNotification: (m, p) => page.evaluate(([n, a]) => window.__tpNotify?.(n, a), [m, p]).catch(() => {}),
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
  ready = true;
  send('__tpConnection', backend.supervisor.state);
  for (const [fn, arg] of pending.splice(0)) send(fn, arg);
  return {
    page, browser, backend, native, nativeCalls, errors, backendLog, stateDir: backend.stateDir,
    async waitConnected(timeout = 120_000) {
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout });
    },
    async close() {
      await backend.supervisor.stop();
      await browser.close();
      await server.close();
    },
  };
}
