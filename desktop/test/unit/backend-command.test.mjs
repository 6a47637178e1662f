import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { desktopDir, load } from './dist.mjs';

const { BACKEND_JVM_OPTIONS, BACKEND_MAIN_CLASS, backendCommand } = load('backend-command');

const repoRoot = join(desktopDir, '..');
const launcher = readFileSync(join(repoRoot, 'torpeddo'), 'utf8');

test('in development the repository launcher runs `rpc`', () => {
  const command = backendCommand({ packaged: false, resourcesPath: '/unused', repoRoot: '/src/torpeddo', platform: 'linux', env: {} });
  assert.equal(command.command, '/src/torpeddo/torpeddo');
  assert.deepEqual(command.args, ['rpc']);
  assert.equal(command.cwd, '/src/torpeddo');
});

test('a state directory the user chose is passed on', () => {
  const env = { TORPEDDO_STATE_DIR: '/home/u/.torpeddo-test' };
  const dev = backendCommand({ packaged: false, resourcesPath: '', repoRoot: '/r', platform: 'linux', env });
  assert.deepEqual(dev.args, ['rpc', '--state-dir', '/home/u/.torpeddo-test']);
  const packaged = backendCommand({ packaged: true, resourcesPath: '/opt/T/resources', repoRoot: '', platform: 'linux', env });
  assert.deepEqual(packaged.args.slice(-3), ['rpc', '--state-dir', '/home/u/.torpeddo-test']);
  const blank = backendCommand({ packaged: false, resourcesPath: '', repoRoot: '/r', platform: 'linux', env: { TORPEDDO_STATE_DIR: ' ' } });
  assert.deepEqual(blank.args, ['rpc']);
});

test('packaged, the bundled runtime runs the backend jar and its libraries', () => {
  const command = backendCommand({ packaged: true, resourcesPath: '/opt/Torpeddo/resources', repoRoot: '', platform: 'linux', env: {} });
  assert.equal(command.command, '/opt/Torpeddo/resources/engine/runtime/bin/java');
  const cp = command.args[command.args.indexOf('-cp') + 1];
  assert.equal(cp, '/opt/Torpeddo/resources/engine/lib/*');
  assert.deepEqual(command.args.slice(-2), [BACKEND_MAIN_CLASS, 'rpc']);
  assert.equal(BACKEND_MAIN_CLASS, 'dev.torpeddo.backend.Torpeddo');
});

test('on Windows the runtime is java.exe', () => {
  const command = backendCommand({ packaged: true, resourcesPath: 'C:\\T\\resources', repoRoot: '', platform: 'win32', env: {} });
  assert.match(command.command, /engine[\\/]runtime[\\/]bin[\\/]java\.exe$/);
});

test('the launcher runs the same main class', () => {
  assert.match(launcher, new RegExp(`\\s${BACKEND_MAIN_CLASS.replaceAll('.', '\\.')} "\\$@"`));
});

test('the packaged backend gets the JVM options the launcher gives it', () => {
  const block = /^opts=\(([\s\S]*?)\)$/m.exec(launcher);
  assert.ok(block, 'the launcher keeps its JVM options in opts=(...)');
  const launcherOptions = block[1].split(/\s+/).filter(Boolean);
  assert.deepEqual([...BACKEND_JVM_OPTIONS], launcherOptions);
  const command = backendCommand({ packaged: true, resourcesPath: '/r', repoRoot: '', platform: 'linux', env: {} });
  assert.deepEqual(command.args.slice(0, launcherOptions.length), launcherOptions);
});
