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

test('nothing inline, evaluated or remote is allowed: no inline script, style element or style attribute', () => {
  for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
    for (const source of sources) {
      assert.ok(["'self'", "'none'", 'data:'].includes(source), `${name} allows ${source}`);
    }
  }
  const policy = directives();
  assert.deepEqual(policy.get('style-src-attr'), ["'none'"]);
  assert.deepEqual(policy.get('style-src-elem'), ["'self'"]);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe|\*|https?:|blob:/);
});
