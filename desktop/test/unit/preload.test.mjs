// Runs the compiled preload as Electron's sandbox does: a function given `require` (which knows `electron` and
// nothing of ours), `process`, `exports` and `module`, with fake contextBridge and ipcRenderer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { distDir, load } from './dist.mjs';

const { IPC } = load('ipc-channels');
const source = readFileSync(join(distDir, 'preload.js'), 'utf8');

function runPreload(answers = {}) {
  const exposed = {};
  const required = [];
  const invoked = [];
  const listeners = new Map();
  const ipcRenderer = {
    async invoke(channel, ...args) {
      invoked.push([channel, ...args]);
      const answer = answers[channel];
      return typeof answer === 'function' ? answer(...args) : answer;
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(name, value) {
      exposed[name] = value;
    },
  };
  const sandboxRequire = (id) => {
    required.push(id);
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} };
  // Errors of the page's handlers are rethrown in a microtask, which a page reports as uncaught: collected here.
  const reported = [];
  const queueMicrotask = (task) =>
    globalThis.queueMicrotask(() => {
      try {
        task();
      } catch (error) {
        reported.push(error);
      }
    });
  new Function('require', 'process', 'exports', 'module', 'queueMicrotask', source)(
    sandboxRequire,
    {},
    module.exports,
    module,
    queueMicrotask,
  );
  // What the main process pushes: the listener gets an IPC event (with the sender) and the payload.
  const push = (channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer, senderId: 0 }, payload);
  };
  const listenerCount = (channel) => listeners.get(channel)?.size ?? 0;
  return { api: exposed.torpeddo, exposed, required, invoked, push, listenerCount, ipcRenderer, reported };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the page gets window.torpeddo and nothing else; the sandbox needs nothing but electron', () => {
  const { exposed, required, api } = runPreload();
  assert.deepEqual(Object.keys(exposed), ['torpeddo']);
  assert.deepEqual(required, ['electron']);
  assert.deepEqual(Object.keys(api).sort(), ['call', 'native', 'on', 'onConnection']);
  assert.deepEqual(Object.keys(api.native).sort(), [
    'chooseDirectory',
    'chooseTorrentFiles',
    'onOpenRequest',
    'openPath',
    'readClipboardText',
    'revealInFolder',
    'setPreferences',
  ]);
});

test('ipcRenderer itself is reachable from nothing the page gets', async () => {
  const { api, ipcRenderer, push } = runPreload({ [IPC.connectionNow]: { state: 'connecting' }, [IPC.takeOpenRequests]: [] });
  const seen = [];
  const collect = (value) => seen.push(value);
  const stops = [api.on('state_delta', collect), api.onConnection(collect), api.native.onOpenRequest(collect)];
  push(IPC.notification, { method: 'state_delta', params: { revision: 1 } });
  push(IPC.connection, { state: 'connected', app: 'x', protocol: '1.0' });
  push(IPC.openRequest, { magnets: [], torrentFiles: ['/a.torrent'] });
  await settle();
  const reachable = new Set();
  const walk = (value) => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || reachable.has(value)) return;
    reachable.add(value);
    for (const key of Reflect.ownKeys(value)) walk(value[key]);
  };
  walk(api);
  walk(stops);
  walk(seen);
  assert.equal(reachable.has(ipcRenderer), false);
  // Handlers are given the payload only, never the IPC event that carries the sender.
  assert.ok(seen.every((value) => !('sender' in value)));
});

test('call passes method and params and resolves with the result', async () => {
  const { api, invoked } = runPreload({ [IPC.call]: (method) => ({ ok: true, result: { app: 'torpeddo', method } }) });
  assert.deepEqual(await api.call('version', {}), { app: 'torpeddo', method: 'version' });
  assert.deepEqual(invoked, [[IPC.call, 'version', {}]]);
});

test('a failed call rejects with the code, message and kind the backend gave', async () => {
  const error = { code: 1001, message: 'no torrent abab', kind: 'torrent_not_found' };
  const { api } = runPreload({ [IPC.call]: { ok: false, error } });
  await assert.rejects(api.call('get_files', { id: 'ab'.repeat(20) }), (e) => {
    assert.deepEqual(e, error);
    return true;
  });
  const plain = runPreload({ [IPC.call]: { ok: false, error: { code: -32602, message: 'bad' } } });
  await assert.rejects(plain.api.call('pause', {}), (e) => {
    assert.deepEqual(e, { code: -32602, message: 'bad' });
    return true;
  });
});

test('notifications reach the handlers of their name until they unsubscribe', () => {
  const { api, push, listenerCount } = runPreload();
  const deltas = [];
  const finished = [];
  const stopDeltas = api.on('state_delta', (p) => deltas.push(p));
  api.on('torrent_finished', (p) => finished.push(p));
  push(IPC.notification, { method: 'state_delta', params: { revision: 1 } });
  push(IPC.notification, { method: 'torrent_finished', params: { id: 'a' } });
  push(IPC.notification, { method: 'tracker_status', params: {} });
  stopDeltas();
  push(IPC.notification, { method: 'state_delta', params: { revision: 2 } });
  assert.deepEqual(deltas, [{ revision: 1 }]);
  assert.deepEqual(finished, [{ id: 'a' }]);
  // One IPC listener serves every notification handler.
  assert.equal(listenerCount(IPC.notification), 1);
});

test('a handler that throws does not keep the others from their notification', async () => {
  const { api, push, reported } = runPreload();
  const got = [];
  api.on('state_delta', () => {
    throw new Error('renderer bug');
  });
  api.on('state_delta', (p) => got.push(p));
  push(IPC.notification, { method: 'state_delta', params: { revision: 7 } });
  await settle();
  assert.deepEqual(got, [{ revision: 7 }]);
  // The error is not swallowed: the page reports it as uncaught.
  assert.deepEqual(reported.map((e) => e.message), ['renderer bug']);
});

test('onConnection gives the current state first, then every change, until unsubscribed', async () => {
  const { api, push, listenerCount } = runPreload({ [IPC.connectionNow]: { state: 'connected', app: 'a', protocol: '1.0' } });
  const states = [];
  const stop = api.onConnection((s) => states.push(s.state));
  await settle();
  push(IPC.connection, { state: 'reconnecting', attempt: 1, retryInMs: 500, reason: 'exited' });
  stop();
  push(IPC.connection, { state: 'connected', app: 'a', protocol: '1.0' });
  assert.deepEqual(states, ['connected', 'reconnecting']);
  assert.equal(listenerCount(IPC.connection), 0);
});

test('open requests that waited for the page are delivered, then new ones as they come', async () => {
  const waiting = [{ magnets: ['magnet:?xt=urn:btih:1'], torrentFiles: [] }];
  const { api, push } = runPreload({ [IPC.takeOpenRequests]: waiting });
  const got = [];
  api.native.onOpenRequest((r) => got.push(r));
  await settle();
  push(IPC.openRequest, { magnets: [], torrentFiles: ['/t/a.torrent'] });
  assert.deepEqual(got, [...waiting, { magnets: [], torrentFiles: ['/t/a.torrent'] }]);
});

test('native actions go to their channels with their arguments', async () => {
  const { api, invoked } = runPreload({
    [IPC.chooseTorrentFiles]: ['/t/a.torrent'],
    [IPC.chooseDirectory]: '/dl',
    [IPC.readClipboardText]: 'magnet:?xt=urn:btih:1',
  });
  assert.deepEqual(await api.native.chooseTorrentFiles(), ['/t/a.torrent']);
  assert.equal(await api.native.chooseDirectory('/home'), '/dl');
  await api.native.revealInFolder('/dl/a');
  await api.native.openPath('/dl/a/b.mkv');
  assert.equal(await api.native.readClipboardText(), 'magnet:?xt=urn:btih:1');
  await api.native.setPreferences({ notifications: false });
  assert.deepEqual(invoked, [
    [IPC.chooseTorrentFiles],
    [IPC.chooseDirectory, '/home'],
    [IPC.revealInFolder, '/dl/a'],
    [IPC.openPath, '/dl/a/b.mkv'],
    [IPC.readClipboardText],
    [IPC.setPreferences, { notifications: false }],
  ]);
});

test('the preload uses exactly the channels the main process listens on', async () => {
  const { api, invoked, listenerCount } = runPreload({ [IPC.call]: { ok: true, result: {} }, [IPC.takeOpenRequests]: [] });
  await api.call('version', {});
  api.on('state_delta', () => {});
  api.onConnection(() => {});
  api.native.onOpenRequest(() => {});
  await api.native.chooseTorrentFiles();
  await api.native.chooseDirectory();
  await api.native.revealInFolder('/a');
  await api.native.openPath('/a');
  await api.native.readClipboardText();
  await api.native.setPreferences({ notifications: true });
  await settle();
  const used = new Set(invoked.map(([channel]) => channel));
  for (const channel of [IPC.notification, IPC.connection, IPC.openRequest]) if (listenerCount(channel) > 0) used.add(channel);
  assert.deepEqual([...used].sort(), Object.values(IPC).sort());
});
