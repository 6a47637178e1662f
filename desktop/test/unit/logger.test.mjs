import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { createLogger } = load('logger');

const fixedNow = () => new Date('2026-12-01T10:00:00.000Z');

test('lines go to the log file and to stderr, the backend\'s marked as such', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torpeddo-log-'));
  const file = join(dir, 'logs', 'main.log');
  const err = [];
  const log = createLogger({ file, stderr: { write: (t) => err.push(t) }, now: fixedNow });
  log.info('backend connected');
  log.backend('12:00:00 WARN tracker udp://x: timed out');
  const text = readFileSync(file, 'utf8');
  assert.equal(
    text,
    '2026-12-01T10:00:00.000Z INFO  main: backend connected\n' +
      '2026-12-01T10:00:00.000Z INFO  backend: 12:00:00 WARN tracker udp://x: timed out\n',
  );
  assert.equal(err.join(''), text);
});

test('a message over several lines stays one entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torpeddo-log-'));
  const file = join(dir, 'main.log');
  createLogger({ file, stderr: { write() {} }, now: fixedNow }).error('uncaught: Error: x\n    at f (main.js:1)');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^ {4}/);
});

test('past its size the log rolls over to main.log.1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torpeddo-log-'));
  const file = join(dir, 'main.log');
  const log = createLogger({ file, maxBytes: 200, stderr: { write() {} }, now: fixedNow });
  for (let i = 0; i < 6; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
  assert.ok(existsSync(`${file}.1`));
  assert.ok(readFileSync(file, 'utf8').length <= 200);
  assert.match(readFileSync(file, 'utf8'), /line 5/);
});

test('a log file that cannot be written leaves stderr logging on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torpeddo-log-'));
  const err = [];
  // A directory where the file should be: every append fails.
  const log = createLogger({ file: dir, stderr: { write: (t) => err.push(t) }, now: fixedNow });
  log.info('one');
  log.info('two');
  assert.equal(err.filter((t) => /main: (one|two)/.test(t)).length, 2);
  assert.ok(err.some((t) => /unusable/.test(t)));
});
