import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } = load('csp');

const directives = () =>
  new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));

test('the policy allows scripts, styles and connections from the app itself only', () => {
  const policy = directives();
  assert.deepEqual(policy.get('default-src'), ["'self'"]);
  assert.deepEqual(policy.get('script-src'), ["'self'"]);
  assert.deepEqual(policy.get('style-src'), ["'self'"]);
  assert.deepEqual(policy.get('connect-src'), ["'self'"]);
  assert.deepEqual(policy.get('img-src'), ["'self'", 'data:']);
});

test('the policy shuts plugins, base rewriting, framing and form posts', () => {
  const policy = directives();
  for (const name of ['object-src', 'base-uri', 'frame-ancestors', 'form-action', 'frame-src']) {
    assert.deepEqual(policy.get(name), ["'none'"], name);
  }
});

test('nothing inline, evaluated or remote is allowed, but for style attributes', () => {
  for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
    for (const source of sources) {
      if (name === 'style-src-attr') continue;
      assert.ok(["'self'", "'none'", 'data:'].includes(source), `${name} allows ${source}`);
    }
  }
  // Lit's styleMap renders a style attribute first; <style> elements stay refused.
  const policy = directives();
  assert.deepEqual(policy.get('style-src-attr'), ["'unsafe-inline'"]);
  assert.deepEqual(policy.get('style-src-elem'), ["'self'"]);
  assert.equal(CONTENT_SECURITY_POLICY.match(/unsafe/g).length, 1);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|\*|https?:|blob:/);
});
