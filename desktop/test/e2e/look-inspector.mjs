// Development aid for the details panel: runs the built renderer against a real backend with four torrents — a
// seeding album in folders, a 10,000-file torrent, one downloading from a Torpeddo seeder on loopback (with a
// tracker that refuses), and a magnet without metadata — and writes a screenshot of every tab in light and dark
// to test-output/ (node test/e2e/look-inspector.mjs). On the way it checks what a user would do there: skip a
// folder, rename a file, add a tracker, set a limit, and scroll the 10,000 files; it exits non-zero if any of
// that fails or the page logs an error (a CSP violation included). Needs `npx vite build` and the backend jar.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { desktopDir, openApp, repoDir } from './harness.mjs';
import { makeTorrent } from './make-torrent.mjs';

const out = join(desktopDir, 'test-output');
mkdirSync(out, { recursive: true });
const root = mkdtempSync(join(tmpdir(), 'torpeddo-look-inspector-'));
const downloads = join(root, 'downloads');
const seedDir = join(root, 'seed');
mkdirSync(downloads, { recursive: true });

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const port = await freePort();

// Nothing leaves loopback: no DHT, PEX or local discovery; the only tracker is a closed port on 127.0.0.1.
const stateDir = join(root, 'state');
mkdirSync(stateDir, { recursive: true });
writeFileSync(join(stateDir, 'settings.json'), JSON.stringify({
  default_save_path: downloads, listen_port: port, discovery: { dht: false, pex: false, lsd: false },
}));

const MiB = 1024 * 1024;
const album = {
  name: 'Aurora — Live at the Old Harbour (2024)',
  files: [
    ...['Intro', 'Northern Lights', 'Harbour Song', 'Tidal', 'Lanterns', 'Encore'].map((t, i) => ({ path: `CD 1/${String(i + 1).padStart(2, '0')} ${t}.flac`, size: 700_000 + i * 90_000 })),
    ...['Drift', 'Saltwater', 'Long Night', 'Home'].map((t, i) => ({ path: `CD 2/${String(i + 1).padStart(2, '0')} ${t}.flac`, size: 650_000 + i * 70_000 })),
    { path: 'Artwork/front.jpg', size: 240_000 }, { path: 'Artwork/back.jpg', size: 180_000 },
    { path: 'notes.txt', size: 2_400 },
  ],
};
const albumHash = makeTorrent({ ...album, pieceLength: 64 * 1024, dataDir: downloads, torrentPath: join(root, 'album.torrent') });
const big = { name: 'Sensor dataset (10,000 shards)', files: Array.from({ length: 10_000 }, (_, i) => ({ path: `day-${String(i % 40).padStart(2, '0')}/shard-${String(i).padStart(5, '0')}.csv`, size: 700 + (i % 13) * 50 })) };
const bigHash = makeTorrent({ ...big, pieceLength: 256 * 1024, writeData: false, torrentPath: join(root, 'big.torrent') });
const iso = {
  name: 'Fedora-Workstation-Live-x86_64',
  files: [{ path: 'Fedora-Workstation-Live-x86_64.iso', size: 36 * MiB }, { path: 'CHECKSUM', size: 1_200 }, { path: 'extras/README.txt', size: 3_000 }],
};
const isoHash = makeTorrent({ ...iso, pieceLength: 128 * 1024, dataDir: seedDir, torrentPath: join(root, 'iso.torrent'), announce: 'http://127.0.0.1:9/announce' });
const magnetHash = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

const app = await openApp({ colorScheme: 'light', stateDir });
const { page } = app;
// Chromium asks for /favicon.ico on its own; the harness has none. Any other missing file is an error.
const missing = [];
page.on('response', (r) => { if (r.status() === 404) missing.push(new URL(r.url()).pathname); });
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
const axeSource = (await import('node:fs')).readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core over the details panel: no serious or critical violation. */
async function axeCheck(what) {
  // Evaluated over the DevTools protocol, which the page's CSP (no eval) does not govern.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(`${axeSource}\n;0`);
  const found = await page.evaluate(async () => {
    const panel = document.querySelector('tp-app').shadowRoot.querySelector('tp-inspector');
    const r = await window.axe.run(panel, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  check(found.length === 0, `axe: ${what} has no serious violation${found.length ? `\n       ${found.join('\n       ')}` : ''}`);
}
const call = (method, params) => page.evaluate(([m, p]) => window.torpeddo.call(m, p), [method, params]);
let seeder;
try {
  await app.waitConnected();
  await page.waitForTimeout(300);
  const shot = async (name) => {
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(out, `inspector-${name}.png`) });
  };
  await shot('empty-light');

  await call('add_torrent', { path: join(root, 'album.torrent'), save_path: downloads });
  await call('add_torrent', { path: join(root, 'big.torrent'), save_path: downloads, paused: true });
  await call('add_torrent', { path: join(root, 'iso.torrent'), save_path: downloads });
  await call('add_magnet', { uri: `magnet:?xt=urn:btih:${magnetHash}&dn=Night+of+the+Living+Dead+(1968)`, save_path: downloads });
  await call('set_torrent_options', { ids: isoHash, download_limit: 900 * 1024, category: 'Linux', tags: ['iso', 'fedora'] });

  // The seeder dials the app's backend directly (no tracker, no DHT).
  seeder = spawn(join(repoDir, 'torpeddo'), ['seed', join(root, 'iso.torrent'), '--dir', seedDir, '--port', '0', '--no-trackers', '--no-dht',
    '--no-lsd', '--peer', `127.0.0.1:${port}`, '--state-dir', join(root, 'seed-state')], { stdio: ['ignore', 'ignore', 'pipe'] });
  seeder.stderr.on('data', (d) => process.stderr.write(`[seeder] ${d}`));

  const row = (id) => page.locator(`.row[data-id="${id}"]`);
  const tab = (name) => page.getByRole('tab', { name });
  await row(isoHash).waitFor();
  await page.waitForFunction((id) => window.torpeddo && true, isoHash);

  // --- the downloading torrent, every tab ---
  await row(isoHash).click();
  await page.waitForFunction(async (id) => (await window.torpeddo.call('get_status', { ids: id, fields: ['progress'] })).torrents[0].progress > 0.05, isoHash, { timeout: 60_000, polling: 500 });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const name of ['General', 'Files', 'Peers', 'Trackers', 'Pieces', 'Speed']) {
      await tab(name).click();
      if (name === 'Peers') await page.locator('tp-peers-tab .tr').first().waitFor({ timeout: 20_000 });
      if (name === 'Speed') await page.waitForTimeout(1500);
      await shot(`iso-${name.toLowerCase()}-${scheme}`);
      if (scheme === 'light') await axeCheck(`${name} tab`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Polling: only the shown tab asks, one request at a time, and nothing while the panel is closed.
  await page.evaluate(() => {
    const api = window.torpeddo;
    const call = api.call.bind(api);
    window.__calls = [];
    api.call = async (method, params) => {
      const rec = { method, start: performance.now(), end: Infinity };
      window.__calls.push(rec);
      try { return await call(method, params); } finally { rec.end = performance.now(); }
    };
  });
  const POLLED = ['get_files', 'get_peers', 'get_trackers', 'get_pieces'];
  const callsDuring = async (ms) => {
    await page.evaluate(() => { window.__calls.length = 0; });
    await page.waitForTimeout(ms);
    return page.evaluate((polled) => window.__calls.filter((c) => polled.includes(c.method)), POLLED);
  };
  await tab('General').click();
  check((await callsDuring(3000)).length === 0, 'the General tab polls nothing');
  await tab('Peers').click();
  const peerCalls = await callsDuring(4500);
  const overlap = peerCalls.some((a) => peerCalls.some((b) => a !== b && b.start >= a.start && b.start < a.end));
  check(peerCalls.length >= 2 && peerCalls.length <= 4 && peerCalls.every((c) => c.method === 'get_peers'),
    `the Peers tab asks for peers every 1.5 s and for nothing else (${peerCalls.length} calls in 4.5 s)`);
  check(!overlap, 'never two peer requests in flight');
  await page.keyboard.press('Control+i');
  check((await callsDuring(3000)).length === 0, 'a closed panel polls nothing');
  await page.keyboard.press('Control+i');

  // HiDPI: the pieces map is drawn at the display's density, so it stays crisp.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 2, mobile: false });
  await tab('Pieces').click();
  await page.waitForTimeout(800);
  const dims = await page.locator('tp-pieces-tab canvas.map').evaluate((c) => ({ w: c.width, css: c.getBoundingClientRect().width, dpr: devicePixelRatio }));
  check(dims.dpr === 2 && dims.w === Math.round(dims.css * 2), `the pieces map has two device pixels per CSS pixel at 2x (${dims.w} for ${dims.css})`);
  await page.screenshot({ path: join(out, 'inspector-iso-pieces-hidpi-light.png'), clip: { x: 220, y: 500, width: 500, height: 160 } });
  await cdp.send('Emulation.clearDeviceMetricsOverride');

  // The speed graph follows a theme change while shown: uPlot draws on a canvas, so it is rebuilt in the new colours.
  await tab('Speed').click();
  await page.waitForTimeout(300);
  await page.locator('tp-speed-tab').evaluate((el) => { window.__chart = el.chart; });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  check(await page.locator('tp-speed-tab').evaluate((el) => el.chart !== null && el.chart !== window.__chart), 'the speed graph is rebuilt when the theme changes');
  await page.emulateMedia({ colorScheme: 'light' });

  // Tabs follow the ARIA pattern: arrows move between them.
  await tab('General').click();
  await page.keyboard.press('ArrowRight');
  check(await tab('Files').getAttribute('aria-selected') === 'true', 'ArrowRight on the tabs selects the next tab');
  await page.keyboard.press('End');
  check(await tab('Speed').getAttribute('aria-selected') === 'true', 'End selects the last tab');

  // A limit typed in General reaches the backend.
  await tab('General').click();
  const dl = page.locator('tp-general-tab').getByRole('textbox', { name: 'Download limit' });
  await dl.fill('2 MiB');
  await dl.press('Enter');
  await page.waitForTimeout(500);
  const limit = (await call('get_status', { ids: isoHash, fields: ['download_limit'] })).torrents[0].download_limit;
  check(limit === 2 * MiB, `download limit typed as "2 MiB" is set (${limit})`);

  // Add a tracker from the Trackers tab.
  await tab('Trackers').click();
  const trackersTab = page.locator('tp-trackers-tab');
  await trackersTab.getByRole('button', { name: 'Add trackers' }).click();
  await trackersTab.getByLabel('Tracker URLs, one per line (http, https or udp)').fill('udp://127.0.0.1:9/announce\n');
  await trackersTab.getByRole('button', { name: 'Add', exact: true }).click();
  await page.waitForTimeout(2500);
  const trackers = (await call('get_trackers', { id: isoHash })).trackers.map((t) => t.url);
  check(trackers.includes('udp://127.0.0.1:9/announce'), 'a tracker added in the tab is on the torrent');
  check(await page.locator('tp-trackers-tab .tr').count() === trackers.length, 'the table shows every tracker after adding');
  await shot('iso-trackers-added-light');

  // --- the album: files tree, skip a folder, rename a file ---
  await row(albumHash).click();
  await tab('Files').click();
  const files = page.locator('tp-files-tab');
  await files.locator('.tr').first().waitFor();
  await page.waitForFunction(async (id) => (await window.torpeddo.call('get_status', { ids: id, fields: ['state'] })).torrents[0].state === 'seeding', albumHash, { timeout: 60_000, polling: 500 });
  await files.getByRole('button', { name: 'Expand all folders' }).click();
  await shot('album-files-light');
  await files.getByRole('checkbox', { name: 'Download CD 2' }).click();
  await page.waitForTimeout(2000);
  const albumFiles = (await call('get_files', { id: albumHash })).files;
  const cd2 = albumFiles.filter((f) => f.path.includes('/CD 2/'));
  const others = albumFiles.filter((f) => !f.path.includes('/CD 2/'));
  check(cd2.length === 4 && cd2.every((f) => f.priority === 0), 'unchecking a folder skips each file in it');
  check(others.every((f) => f.priority > 0), 'the other files are still wanted');
  const topBox = files.getByRole('checkbox', { name: `Download ${album.name}` });
  check(await topBox.evaluate((el) => el.indeterminate), 'the top folder shows as mixed');
  await files.getByRole('button', { name: /^Priority of CD 1:/ }).click();
  await files.getByRole('menuitemradio', { name: 'High' }).click();
  await page.waitForTimeout(1500);
  const cd1 = (await call('get_files', { id: albumHash })).files.filter((f) => f.path.includes('/CD 1/'));
  check(cd1.every((f) => f.priority === 7), 'a folder\'s priority menu sets every file in it');
  await shot('album-files-skipped-light');
  await files.locator('.tr', { hasText: 'notes.txt' }).click();
  await page.keyboard.press('F2');
  await files.getByRole('textbox', { name: 'New name' }).fill('liner notes.txt');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(2000);
  const renamed = (await call('get_files', { id: albumHash })).files.some((f) => f.path === `${album.name}/liner notes.txt`);
  check(renamed, 'F2 renames a file on disk');
  check(await files.locator('.tr', { hasText: 'liner notes.txt' }).count() === 1, 'the tree shows the new name');
  await files.locator('.tr', { hasText: '01 Intro.flac' }).dblclick();
  await page.waitForTimeout(300);
  const opened = app.nativeCalls.find((c) => c.what === 'openPath');
  check(opened?.arg === join(downloads, album.name, 'CD 1', '01 Intro.flac'), `double-click opens the file (${opened?.arg})`);
  // The pieces map of a complete torrent does not change by itself: a theme change is what redraws it.
  await tab('Pieces').click();
  await page.waitForTimeout(600);
  const canvasSum = () => page.locator('tp-pieces-tab canvas.map').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
    return sum;
  });
  const lightSum = await canvasSum();
  await page.waitForTimeout(2500);
  const lightAgain = await canvasSum();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(600);
  const darkSum = await canvasSum();
  check(lightSum === lightAgain && lightSum !== darkSum, 'the pieces map is redrawn in the new colours when the theme changes');
  await shot('album-pieces-dark');
  await tab('Files').click();
  await shot('album-files-dark');
  await tab('General').click();
  await shot('album-general-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await shot('album-general-light');

  // --- 10,000 files: windowed, scrolled ---
  await row(bigHash).click();
  await tab('Files').click();
  await files.locator('.tr').first().waitFor();
  await files.getByRole('button', { name: 'Expand all folders' }).click();
  await page.waitForTimeout(500);
  const domRows = await files.locator('.tr').count();
  check(domRows < 200, `10,000 files keep few rows in the DOM (${domRows})`);
  const frames = await page.evaluate(async () => {
    const tabEl = document.querySelector('tp-app').shadowRoot.querySelector('tp-inspector').shadowRoot.querySelector('tp-files-tab');
    const scroller = tabEl.shadowRoot.querySelector('tp-windowed-rows');
    const times = [];
    let last = performance.now();
    for (let i = 0; i < 150; i++) {
      scroller.scrollTop += 200;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.sort((a, b) => a - b);
  });
  const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))].toFixed(1);
  console.log(`     scrolling 10,000 files 200 px a frame: frame p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  await shot('big-files-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('big-files-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // --- the magnet without metadata ---
  await row(magnetHash).click();
  await tab('General').click();
  await shot('magnet-general-light');
  await tab('Files').click();
  await page.locator('tp-files-tab').getByText('will appear when', { exact: false }).waitFor();
  await shot('magnet-files-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('magnet-files-dark');
  await tab('General').click();
  await shot('magnet-general-dark');

  // Resizing: the handle's keyboard steps are saved in prefs.
  const handle = page.getByRole('separator', { name: 'Resize the details panel' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const after = Number(await handle.getAttribute('aria-valuenow'));
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('torpeddo.prefs.v1')).inspectorHeight);
  check(after === before + 48 && saved === after, `the handle resizes and the height is saved (${before} → ${after}, saved ${saved})`);
  const box = await handle.boundingBox();
  await page.mouse.move(box.x + 200, box.y + 4);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y - 120, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await handle.getAttribute('aria-valuenow'));
  check(Math.abs(dragged - (after + 124)) <= 2, `dragging the handle up grows the panel (${after} → ${dragged})`);
  await row(isoHash).click();
  await tab('Pieces').click();
  await shot('iso-pieces-tall-dark');

  // The speed graph: the whole session over a minute, and the values under the cursor.
  await tab('Speed').click();
  await page.getByRole('button', { name: 'All torrents' }).click();
  await page.getByRole('button', { name: '1 min' }).click();
  const chart = await page.locator('tp-speed-tab .chart').boundingBox();
  await page.mouse.move(chart.x + chart.width * 0.8, chart.y + chart.height / 2);
  await page.waitForTimeout(300);
  const when = await page.locator('tp-speed-tab .when').textContent();
  check(when !== 'now' && /\d/.test(when), `hovering the graph shows the values at that time (${when})`);
  await shot('iso-speed-session-hover-dark');
  await page.mouse.move(10, 10);

  // A narrow window (the app's minimum width).
  await page.setViewportSize({ width: 900, height: 700 });
  for (const name of ['General', 'Files', 'Trackers']) {
    await tab(name).click();
    await shot(`iso-${name.toLowerCase()}-narrow-dark`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Nothing focused: the empty state.
  await page.evaluate(() => { const a = document.querySelector('tp-app').app; a.focused = null; a.clearSelection(); });
  await shot('none-dark');

  const only404sForFavicon = missing.every((p) => p === '/favicon.ico');
  const errors = app.errors.map((e) => e.message).filter((m) => !(only404sForFavicon && m.startsWith('Failed to load resource') && m.includes('404')));
  check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
} finally {
  seeder?.kill();
  await app.close();
}
if (!existsSync(join(out, 'inspector-iso-speed-dark.png'))) failures.push('screenshots missing');
console.log(failures.length ? `${failures.length} failed` : 'all ok');
process.exit(failures.length ? 1 : 0);
