import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { OpenRequestInbox } = load('open-request-inbox');
const { linkAction } = load('external-links');

const magnet = (n) => ({ magnets: [`magnet:?xt=urn:btih:${n}`], torrentFiles: [] });

test('what the OS asks to open before the page listens waits for it, in order', () => {
  const delivered = [];
  const inbox = new OpenRequestInbox((r) => delivered.push(r));
  inbox.add(magnet(1));
  inbox.add({ magnets: [], torrentFiles: [] });
  inbox.add(magnet(2));
  assert.deepEqual(delivered, []);
  assert.deepEqual(inbox.take(), [magnet(1), magnet(2)]);
  // Once listening, each request goes straight on.
  inbox.add(magnet(3));
  assert.deepEqual(delivered, [magnet(3)]);
  assert.deepEqual(inbox.take(), []);
});

test('a reloading page gets what arrived while it loaded', () => {
  const delivered = [];
  const inbox = new OpenRequestInbox((r) => delivered.push(r));
  inbox.take();
  inbox.rendererGone();
  inbox.add(magnet(4));
  assert.deepEqual(delivered, []);
  assert.deepEqual(inbox.take(), [magnet(4)]);
});

test('links: https to the browser, magnets to the app, everything else nowhere', () => {
  assert.deepEqual(linkAction('https://github.com/x/y'), { kind: 'browser', url: 'https://github.com/x/y' });
  const m = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567';
  assert.deepEqual(linkAction(m), { kind: 'magnet', url: m });
  for (const url of [
    'http://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'ms-msdt:/id',
    'app://torpeddo/index.html',
    'https://user:pass@example.org/',
    'magnet:xt',
    'not a url',
  ]) {
    assert.deepEqual(linkAction(url), { kind: 'deny' }, url);
  }
});
