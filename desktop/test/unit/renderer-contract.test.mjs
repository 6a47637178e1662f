// electron/ keeps copies of the renderer's contract (it compiles on its own) and the preload types its API
// locally; fixtures/contract/contract.ts states that both equal src/api's, and the compiler checks it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { desktopDir, load } from './dist.mjs';

const tsc = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');

test('the main process and the preload agree with src/api/torpeddo-api.ts (type-checked)', () => {
  const project = join(desktopDir, 'test', 'unit', 'fixtures', 'contract', 'tsconfig.json');
  const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd: desktopDir, encoding: 'utf8' });
  assert.equal(run.status, 0, `the contract does not hold:\n${run.stdout}${run.stderr}`);
});

test('the protocol major the app insists on is the generated protocol version\'s', () => {
  const { PROTOCOL_MAJOR, PROTOCOL_VERSION } = load('renderer-contract');
  assert.equal(PROTOCOL_MAJOR, Number(PROTOCOL_VERSION.split('.')[0]));
  assert.ok(Number.isInteger(PROTOCOL_MAJOR) && PROTOCOL_MAJOR >= 1);
});
