import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { fitBounds, readBounds, writeBounds } = load('window-bounds');
const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 1280, height: 984 };

test('the window comes back where it was, maximized or not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torpeddo-bounds-'));
  const file = join(dir, 'window.json');
  writeBounds(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
  assert.deepEqual(fitBounds(readBounds(file), [screen]), { x: 100, y: 80, width: 1400, height: 900, maximized: true });
});

test('on a screen that is gone, the OS places it; on a smaller one it shrinks to fit', () => {
  const onSecond = { x: 2000, y: 50, width: 1200, height: 900, maximized: false };
  assert.equal(fitBounds(onSecond, [screen]), null, 'the second monitor was unplugged');
  assert.deepEqual(fitBounds(onSecond, [screen, second]), onSecond);
  const big = { x: 0, y: 0, width: 2500, height: 1400, maximized: false };
  assert.deepEqual(fitBounds(big, [screen]), { x: 0, y: 0, width: 1920, height: 1040, maximized: false });
  const tiny = { x: 10, y: 10, width: 300, height: 200, maximized: false };
  assert.deepEqual(fitBounds(tiny, [screen]), { x: 10, y: 10, width: 900, height: 560, maximized: false }, 'never below the minimum');
});

test('a damaged or missing file means no saved bounds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torpeddo-bounds-'));
  assert.equal(readBounds(join(dir, 'none.json')), null);
  writeFileSync(join(dir, 'bad.json'), '{"x": "left"');
  assert.equal(readBounds(join(dir, 'bad.json')), null);
  writeFileSync(join(dir, 'nan.json'), '{"x": 1, "y": 2, "width": null, "height": 3}');
  assert.equal(readBounds(join(dir, 'nan.json')), null);
});
