// Runs once before the end-to-end tests: says plainly what is missing (Chromium, python3-libtorrent, the built
// renderer), and has the repository's launcher build the backend jar (and its startup cache) now, once, rather
// than in the first tests that start a backend, several at a time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, desktopDir, repoDir } from './harness.mjs';
import { requireLibtorrent } from './swarm.mjs';

try {
  chromiumPath();
  requireLibtorrent();
  if (!existsSync(join(desktopDir, 'dist/index.html'))) throw new Error('no built renderer in desktop/dist: run npm run build');
} catch (e) {
  console.error(`e2e: ${e.message}`);
  process.exit(1);
}

const started = Date.now();
const r = spawnSync(join(repoDir, 'torpeddo'), ['--version'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (r.status !== 0) {
  console.error(`e2e: the backend could not be built or started (./torpeddo --version exited ${r.status ?? r.signal})`);
  process.exit(1);
}
console.log(`e2e: backend ready (${r.stdout.split('\n')[0]}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
