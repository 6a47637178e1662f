// Builds build/runtime: a Java runtime holding only the modules the backend needs, for the OS and architecture
// this runs on (jlink links the running JDK's own modules; Temurin 25 ships no jmods/), which electron-builder
// then ships as resources/engine/runtime. The modules are what jdeps finds in the backend jar and its libraries,
// plus the few reached by reflection that no analysis sees. The image is checked by running the backend on it.
// The backend is built first when its jar is missing or older than its sources (the rule ./torpeddo follows),
// so the installer never ships a stale backend.
//   node scripts/jlink-runtime.mjs
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const desktop = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(desktop, '..');
const backendTarget = join(repo, 'backend', 'target');
const jar = join(backendTarget, 'torpeddo-backend.jar');
const libDir = join(backendTarget, 'lib');
const output = join(desktop, 'build', 'runtime');
const exe = process.platform === 'win32' ? '.exe' : '';

// On the class path a library's optional (`requires static`) modules are invisible to jdeps' module analysis:
// Logback looks names up through JNDI when its configuration asks for it.
const EXTRA_MODULES = ['java.naming'];

function fail(message) {
  console.error(`jlink-runtime: ${message}`);
  process.exit(1);
}

function javaMajor(home) {
  const release = join(home, 'release');
  if (!existsSync(release)) return 0;
  const m = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(release, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** A JDK 25 or newer with jlink and jdeps: $JAVA_HOME, else the newest under /usr/lib/jvm (as ./torpeddo does). */
function findJdk() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  if (existsSync('/usr/lib/jvm')) {
    candidates.push(...readdirSync('/usr/lib/jvm').map((d) => join('/usr/lib/jvm', d)).sort().reverse());
  }
  for (const home of candidates) {
    if (javaMajor(home) >= 25 && existsSync(join(home, 'bin', `jlink${exe}`)) && existsSync(join(home, 'bin', `jdeps${exe}`))) {
      return home;
    }
  }
  return fail('no JDK 25 or newer with jlink found: set JAVA_HOME');
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** Runs the backend on the new runtime and asks it what the app asks first; resolves with its version. */
function checkImage(java) {
  const stateDir = mkdtempSync(join(tmpdir(), 'torpeddo-jlink-check-'));
  // Nothing leaves this machine during the check: no DHT bootstrap, no local discovery, any free port.
  const settings = { default_save_path: join(stateDir, 'downloads'), listen_port: 0, discovery: { dht: false, pex: false, lsd: false } };
  writeFileSync(join(stateDir, 'settings.json'), JSON.stringify(settings));
  const classpath = [jar, join(libDir, '*')].join(delimiter);
  const args = ['-Xmx96m', '-XX:+UseSerialGC', '-cp', classpath, 'dev.torpeddo.backend.Torpeddo', 'rpc', '--state-dir', stateDir];
  const child = spawn(java, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const requests = ['version', 'subscribe', 'get_settings', 'session_stats', 'get_status', 'shutdown'];
  const replies = new Map();
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    out += chunk;
    for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      try {
        const message = JSON.parse(line);
        if (message.id !== undefined) replies.set(message.id, message);
      } catch {
        err += `(not JSON on stdout) ${line}\n`;
      }
    }
  });
  child.stderr.on('data', (chunk) => (err += chunk));
  requests.forEach((method, i) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: i + 1, method })}\n`));
  child.stdin.end();
  return new Promise((resolveCheck) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      rmSync(stateDir, { recursive: true, force: true });
      const failed = requests.filter((_, i) => !replies.get(i + 1) || replies.get(i + 1).error);
      if (code !== 0 || failed.length > 0) {
        fail(`the backend did not run on the new runtime (exit ${code}; no good reply to ${failed.join(', ')}):\n${err}`);
      }
      if (replies.get(3).result.discovery?.dht !== false) fail('the check backend did not take its loopback-only settings');
      resolveCheck(replies.get(1).result);
    });
  });
}

/** The newest modification time under `path` (a file or a directory tree). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

function backendIsStale() {
  if (!existsSync(jar) || !existsSync(libDir)) return true;
  const sources = ['pom.xml', 'engine/pom.xml', 'backend/pom.xml', 'engine/src/main', 'backend/src/main'];
  return sources.some((s) => newest(join(repo, s)) > statSync(jar).mtimeMs);
}

const jdk = findJdk();
if (backendIsStale()) {
  console.log('jlink-runtime: building the backend (its jar is missing or older than its sources)...');
  const windows = process.platform === 'win32';
  const build = spawnSync(
    join(repo, windows ? 'mvnw.cmd' : 'mvnw'),
    ['-B', '-q', '-Plauncher', '-DskipTests', '-Dspotless.check.skip=true', '-Djacoco.skip=true', 'package'],
    { cwd: repo, stdio: 'inherit', shell: windows, env: { ...process.env, JAVA_HOME: jdk } },
  );
  if (build.status !== 0) fail('the backend did not build (see the Maven output above)');
}
const libs = readdirSync(libDir).filter((f) => f.endsWith('.jar')).map((f) => join(libDir, f));
const found = run(join(jdk, 'bin', `jdeps${exe}`), ['--ignore-missing-deps', '--print-module-deps', '--multi-release', String(javaMajor(jdk)), jar, ...libs])
  .trim()
  .split('\n')
  .at(-1)
  .split(',');
const modules = [...new Set([...found, ...EXTRA_MODULES])].sort();

rmSync(output, { recursive: true, force: true });
run(join(jdk, 'bin', `jlink${exe}`), [
  '--add-modules', modules.join(','),
  '--strip-debug',
  '--no-header-files',
  '--no-man-pages',
  '--compress=zip-9',
  '--output', output,
]);
const version = await checkImage(join(output, 'bin', `java${exe}`));
const megabytes = (sizeOf(output) / 1e6).toFixed(1);
console.log(`jlink-runtime: ${output} (${megabytes} MB, Java ${javaMajor(jdk)}, ${process.platform}-${process.arch})`);
console.log(`  modules: ${modules.join(', ')}`);
console.log(`  checked: the backend ${version.app} (protocol ${version.protocol}) answers on it`);
