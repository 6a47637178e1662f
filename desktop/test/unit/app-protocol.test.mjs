import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { APP_ENTRY_URL, contentTypeFor, createAppProtocolHandler, resolveAppUrl } = load('app-protocol');
const { CONTENT_SECURITY_POLICY } = load('csp');

// A built renderer next to a secret the page must never read.
const base = mkdtempSync(join(tmpdir(), 'torpeddo-protocol-'));
const root = join(base, 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Torpeddo</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
writeFileSync(join(base, 'secret.txt'), 'the secret');
const handler = createAppProtocolHandler(root);

test('the entry point and assets resolve to files under the renderer folder', () => {
  assert.deepEqual(resolveAppUrl(APP_ENTRY_URL, root), { ok: true, file: join(root, 'index.html') });
  assert.deepEqual(resolveAppUrl('app://torpeddo/', root), { ok: true, file: join(root, 'index.html') });
  assert.deepEqual(resolveAppUrl('app://torpeddo', root), { ok: true, file: join(root, 'index.html') });
  assert.deepEqual(resolveAppUrl('app://torpeddo/assets/index-abc.js?v=1#x', root), {
    ok: true,
    file: join(root, 'assets', 'index-abc.js'),
  });
  assert.deepEqual(resolveAppUrl('app://torpeddo/assets/my%20file.js', root), {
    ok: true,
    file: join(root, 'assets', 'my file.js'),
  });
});

// The URL parser itself folds these plain and %2e dot segments away, so they land inside the folder.
const folded = [
  'app://torpeddo/../secret.txt',
  'app://torpeddo/assets/../../secret.txt',
  'app://torpeddo/%2e%2e/secret.txt',
  'app://torpeddo/%2E%2E/secret.txt',
];
// These survive parsing with a separator, a dot segment or a drive hidden in them: refused outright.
const refused = [
  'app://torpeddo/assets/..%2f..%2fsecret.txt',
  'app://torpeddo/..%2fsecret.txt',
  'app://torpeddo/..%5csecret.txt',
  'app://torpeddo/assets\\..\\..\\secret.txt',
  'app://torpeddo/%5c..%5csecret.txt',
  'app://torpeddo//etc/passwd',
  `app://torpeddo/${encodeURIComponent(join(base, 'secret.txt'))}`,
  'app://torpeddo/C:/Windows/win.ini',
  'app://torpeddo/C%3A%5CWindows%5Cwin.ini',
  'app://torpeddo/index.html%00.js',
];
const escapes = [...folded, ...refused];

test('no URL reaches outside the renderer folder: dot segments, encoded or back slashes, absolute paths', () => {
  for (const url of folded) {
    const resolved = resolveAppUrl(url, root);
    assert.ok(resolved.ok && resolved.file.startsWith(root + sep), url);
  }
  for (const url of refused) assert.deepEqual(resolveAppUrl(url, root), { ok: false, status: 404 }, url);
});

test('other hosts, schemes and broken encodings are refused', () => {
  assert.deepEqual(resolveAppUrl('app://evil/index.html', root), { ok: false, status: 404 });
  assert.deepEqual(resolveAppUrl('app://torpeddo:8080/index.html', root), { ok: false, status: 404 });
  assert.deepEqual(resolveAppUrl('file:///etc/passwd', root), { ok: false, status: 404 });
  assert.deepEqual(resolveAppUrl('https://torpeddo/index.html', root), { ok: false, status: 404 });
  assert.deepEqual(resolveAppUrl('app://torpeddo/%E0%A4%A', root), { ok: false, status: 400 });
  assert.deepEqual(resolveAppUrl('not a url', root), { ok: false, status: 400 });
});

test('content types let module scripts, stylesheets and icons load', () => {
  assert.equal(contentTypeFor('/a/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeFor('/a/x.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeFor('/a/x.CSS'), 'text/css; charset=utf-8');
  assert.equal(contentTypeFor('/a/x.svg'), 'image/svg+xml');
  assert.equal(contentTypeFor('/a/x.woff2'), 'font/woff2');
  assert.equal(contentTypeFor('/a/x.unknown'), 'application/octet-stream');
});

test('served files carry their type, the CSP and nosniff', async () => {
  const page = await handler({ url: APP_ENTRY_URL, method: 'GET' });
  assert.equal(page.status, 200);
  assert.equal(await page.text(), '<!doctype html><title>Torpeddo</title>');
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  const script = await handler({ url: 'app://torpeddo/assets/index-abc.js' });
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await script.text(), 'export {};');
});

test('every refusal carries the CSP too and never the secret', async () => {
  for (const url of [...escapes, 'app://torpeddo/missing.js', 'app://torpeddo/assets', 'app://evil/index.html']) {
    const response = await handler({ url });
    assert.notEqual(response.status, 200, url);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, url);
    assert.doesNotMatch(await response.text(), /the secret/, url);
  }
});

test('only GET and HEAD are served', async () => {
  const post = await handler({ url: APP_ENTRY_URL, method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  const head = await handler({ url: APP_ENTRY_URL, method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});
