import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { absolutePathArg, checkRendererCall, isInside, isPlainObject, isTrustedSender, REFUSED, toRpcFailure } =
  load('ipc-guard');
const { BackendGone, RpcError } = load('backend-connection');
const { RENDERER_METHODS } = load('renderer-contract');

test('only the app top frame at app://torpeddo is heard', () => {
  assert.equal(isTrustedSender({ url: 'app://torpeddo/index.html', parent: null }), true);
  assert.equal(isTrustedSender({ url: 'app://torpeddo/index.html#/settings', parent: null }), true);
  // A frame inside the page, even of our origin, is not the page.
  assert.equal(isTrustedSender({ url: 'app://torpeddo/index.html', parent: {} }), false);
  assert.equal(isTrustedSender({ url: 'https://evil.example/', parent: null }), false);
  assert.equal(isTrustedSender({ url: 'app://torpeddo.evil/index.html', parent: null }), false);
  assert.equal(isTrustedSender({ url: 'app://evil/index.html', parent: null }), false);
  assert.equal(isTrustedSender({ url: 'file:///home/u/dist/index.html', parent: null }), false);
  assert.equal(isTrustedSender({ url: 'about:blank', parent: null }), false);
  assert.equal(isTrustedSender({ url: '', parent: null }), false);
  // The frame navigated away or was destroyed before the message was handled.
  assert.equal(isTrustedSender(null), false);
  assert.equal(isTrustedSender(undefined), false);
});

test('every renderer method passes with an object of params', () => {
  for (const method of RENDERER_METHODS) {
    const check = checkRendererCall(method, { ids: 'all' });
    assert.equal(check.ok, true, method);
  }
});

test('methods outside the allow-list are refused before reaching the backend', () => {
  for (const method of ['subscribe', 'unsubscribe', 'shutdown', 'rpc.discover', 'die', '__proto__', 'constructor', '', 7, null]) {
    const check = checkRendererCall(method, {});
    assert.equal(check.ok, false, String(method));
    assert.equal(check.failure.code, REFUSED.method);
  }
});

test('params must be a plain object', () => {
  for (const params of [undefined, null, 'all', 3, ['id'], new Map(), new (class Params {})(), () => {}]) {
    const check = checkRendererCall('pause', params);
    assert.equal(check.ok, false, String(params));
    assert.equal(check.failure.code, REFUSED.params);
  }
  assert.equal(checkRendererCall('version', {}).ok, true);
  assert.equal(checkRendererCall('version', Object.create(null)).ok, true);
  assert.equal(isPlainObject(JSON.parse('{"__proto__": {"x": 1}}')), true);
});

test('a refused method name is cut short in the message', () => {
  const check = checkRendererCall('x'.repeat(10_000), {});
  assert.ok(check.failure.message.length < 200);
});

test('backend errors reach the renderer as code, message and kind', () => {
  assert.deepEqual(toRpcFailure(new RpcError(1001, 'no torrent abab', 'torrent_not_found')), {
    code: 1001,
    message: 'no torrent abab',
    kind: 'torrent_not_found',
  });
  assert.deepEqual(toRpcFailure(new RpcError(-32602, 'invalid params')), { code: -32602, message: 'invalid params' });
  assert.deepEqual(toRpcFailure(new BackendGone('the backend is not connected')), {
    code: REFUSED.unavailable,
    message: 'the backend is not connected',
    kind: 'backend_unavailable',
  });
  assert.equal(toRpcFailure(new Error('boom')).code, -32603);
});

test('native actions take absolute paths only', () => {
  assert.equal(absolutePathArg('/home/u/Downloads/x.iso'), '/home/u/Downloads/x.iso');
  assert.equal(absolutePathArg('/home/u/Downloads/../.ssh/id_rsa'), '/home/u/.ssh/id_rsa');
  for (const bad of ['relative/x', '', 42, null, undefined, '/a\0b', `/${'a'.repeat(5000)}`]) {
    assert.equal(absolutePathArg(bad), null, String(bad).slice(0, 20));
  }
});

test('a path is inside a folder only when no .. leads out of it', () => {
  assert.equal(isInside('/dl/movie/a.mkv', '/dl'), true);
  assert.equal(isInside('/dl', '/dl'), true);
  assert.equal(isInside('/dl/../etc/passwd', '/dl'), false);
  assert.equal(isInside('/dl2/a', '/dl'), false);
  assert.equal(isInside('/', '/dl'), false);
});
