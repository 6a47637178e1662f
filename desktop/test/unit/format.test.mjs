import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importTs } from './import-ts.mjs';

const fmt = await importTs('src/format.ts');
const { extractLinks, toBase64 } = await importTs('src/ui/input-sources.ts');
const { loadPrefs, DEFAULT_COLUMNS } = await importTs('src/state/prefs.ts');

test('sizes and rates read like qBittorrent, with a dash for nothing', () => {
  assert.equal(fmt.bytes(0), '0 B');
  assert.equal(fmt.bytes(1536), '1.50 KiB');
  assert.equal(fmt.bytes(4.5 * 1024 ** 3), '4.50 GiB');
  assert.equal(fmt.rate(0), '–');
  assert.equal(fmt.rate(2 * 1024 ** 2), '2.00 MiB/s');
  assert.equal(fmt.eta(-1), '–');
  assert.equal(fmt.duration(3 * 3600 + 12 * 60 + 5), '3h 12m');
  assert.equal(fmt.percent(0.999), '99%');
  assert.equal(fmt.percent(1), '100%');
});

test('typed rates: units, spaces, /s; nonsense is refused', () => {
  assert.equal(fmt.parseRate('500KiB'), 500 * 1024);
  assert.equal(fmt.parseRate('8 MiB/s'), 8 * 1024 ** 2);
  assert.equal(fmt.parseRate('1.5M'), 1.5 * 1024 ** 2);
  assert.equal(fmt.parseRate('2000'), 2000);
  assert.equal(fmt.parseRate(''), 0);
  assert.equal(fmt.parseRate('fast'), null);
  assert.equal(fmt.parseRate('-5'), null);
});

test('pasted text yields magnets and bare info-hashes, nothing else', () => {
  const h = 'ABCDEF0123456789abcdef0123456789ABCDEF01';
  assert.deepEqual(extractLinks(`see magnet:?xt=urn:btih:${h.toLowerCase()}&dn=x\n${h}\nhttp://example.com`), [
    `magnet:?xt=urn:btih:${h.toLowerCase()}&dn=x`, `magnet:?xt=urn:btih:${h.toLowerCase()}`,
  ]);
  assert.deepEqual(extractLinks('just words'), []);
  assert.equal(toBase64(new Uint8Array([100, 56, 58])), 'ZDg6');
});

test('damaged or old preferences fall back without losing what is still valid', () => {
  const store = (value) => ({ getItem: () => value });
  assert.equal(loadPrefs(store('{not json')).theme, 'system');
  const saved = { theme: 'dark', columns: [{ key: 'ratio', width: 5000, visible: true }, { key: 'gone', width: 10, visible: true }] };
  const p = loadPrefs(store(JSON.stringify(saved)));
  assert.equal(p.theme, 'dark');
  assert.equal(p.columns[0].key, 'ratio');
  assert.equal(p.columns[0].width, 1200, 'widths are clamped');
  assert.ok(!p.columns.some((c) => c.key === 'gone'));
  assert.equal(p.columns.length, DEFAULT_COLUMNS.length, 'columns a newer version added appear');
});
