// The supervisor over a fake backend (fixtures/fake-backend.mjs, a real child process speaking the same
// newline-delimited JSON-RPC): start, restart with backoff, give up, refuse another protocol, stop gracefully.
// Backoff delays are recorded rather than waited for; nothing here depends on how long anything takes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { desktopDir, load } from './dist.mjs';

const { BackendSupervisor } = load('backend-supervisor');
const { BackendGone } = load('backend-connection');

const fakeBackend = join(desktopDir, 'test', 'unit', 'fixtures', 'fake-backend.mjs');

function start(env = {}, options = {}) {
  const journal = join(mkdtempSync(join(tmpdir(), 'torpeddo-supervisor-')), 'journal');
  const states = [];
  const notifications = [];
  const logs = [];
  const delays = [];
  const clock = { now: 0 };
  let waiters = [];
  const settle = () => {
    waiters = waiters.filter((w) => !(w.predicate() && (w.resolve(), true)));
  };
  const supervisor = new BackendSupervisor({
    command: { command: process.execPath, args: [fakeBackend], env: { ...process.env, FAKE_JOURNAL: journal, ...env } },
    protocolMajor: 1,
    deltaIntervalMs: 250,
    backoffMs: [500, 1000, 2000],
    maxAttempts: 3,
    stableAfterMs: 30_000,
    onState: (state) => {
      states.push(state);
      settle();
    },
    onNotification: (method, params) => {
      notifications.push({ method, params });
      settle();
    },
    onLog: (line) => logs.push(line),
    setTimer: (fn, ms) => {
      delays.push(ms);
      return setImmediate(fn);
    },
    clearTimer: (handle) => clearImmediate(handle),
    now: () => clock.now,
    ...options,
  });
  const until = (predicate) =>
    new Promise((resolve) => {
      waiters.push({ predicate, resolve });
      settle();
    });
  const stateCount = (name) => states.filter((s) => s.state === name).length;
  const journalLines = () => {
    try {
      return readFileSync(journal, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  supervisor.start();
  return { supervisor, states, notifications, logs, delays, clock, until, stateCount, journalLines };
}

const names = (states) => states.map((s) => s.state);
const options = { timeout: 60_000 };

test('it connects, subscribes and passes calls and notifications on', options, async () => {
  const h = start();
  await h.until(() => h.stateCount('connected') === 1);
  assert.deepEqual(h.states, [{ state: 'connecting' }, { state: 'connected', app: 'fake-0', protocol: '1.0' }]);
  assert.equal((await h.supervisor.call('version', {})).app, 'fake-0');
  await h.until(() => h.notifications.length > 0);
  assert.equal(h.notifications[0].method, 'state_delta');
  assert.ok(h.logs.includes('fake backend: ready'));
  await h.supervisor.stop();
});

test('a killed backend is restarted: connecting, connected, reconnecting, connected', options, async () => {
  const h = start();
  await h.until(() => h.stateCount('connected') === 1);
  h.supervisor.killBackend();
  await h.until(() => h.stateCount('connected') === 2);
  assert.deepEqual(names(h.states), ['connecting', 'connected', 'reconnecting', 'connected']);
  assert.equal(h.states[2].attempt, 1);
  assert.equal(h.states[2].retryInMs, 500);
  assert.match(h.states[2].reason, /SIGKILL/);
  const pids = h.journalLines().filter((l) => l.startsWith('start ')).map((l) => l.split(' ')[1]);
  assert.equal(pids.length, 2);
  assert.notEqual(pids[0], pids[1]);
  // The new backend answers.
  assert.equal((await h.supervisor.call('version', {})).protocol, '1.0');
  await h.supervisor.stop();
});

test('restarts back off: each failed start waits longer', options, async () => {
  const h = start({ FAKE_FAIL_STARTS: '2' });
  await h.until(() => h.stateCount('connected') === 1);
  assert.deepEqual(names(h.states), ['connecting', 'reconnecting', 'reconnecting', 'connected']);
  assert.deepEqual(h.delays, [500, 1000]);
  assert.deepEqual(
    h.states.filter((s) => s.state === 'reconnecting').map((s) => s.attempt),
    [1, 2],
  );
  await h.supervisor.stop();
});

test('a run that lasted starts the count over', options, async () => {
  const h = start();
  await h.until(() => h.stateCount('connected') === 1);
  h.supervisor.killBackend();
  await h.until(() => h.stateCount('connected') === 2);
  h.supervisor.killBackend();
  await h.until(() => h.stateCount('connected') === 3);
  // A quick second death counted as attempt 2; after a long run the next death is attempt 1 again.
  h.clock.now += 60_000;
  h.supervisor.killBackend();
  await h.until(() => h.stateCount('connected') === 4);
  assert.deepEqual(
    h.states.filter((s) => s.state === 'reconnecting').map((s) => s.attempt),
    [1, 2, 1],
  );
  await h.supervisor.stop();
});

test('it gives up after maxAttempts restarts, and starts again when asked', options, async () => {
  const h = start({ FAKE_FAIL_STARTS: '1000' });
  await h.until(() => h.stateCount('failed') === 1);
  assert.deepEqual(names(h.states), ['connecting', 'reconnecting', 'reconnecting', 'reconnecting', 'failed']);
  assert.match(h.states.at(-1).reason, /code 3/);
  assert.equal(h.journalLines().filter((l) => l.startsWith('start ')).length, 4);
  await assert.rejects(h.supervisor.call('version', {}), BackendGone);
  h.supervisor.retry();
  await h.until(() => h.stateCount('failed') === 2);
  assert.equal(h.journalLines().filter((l) => l.startsWith('start ')).length, 8);
});

test('a backend that cannot be started at all ends in failed, with the reason logged', options, async () => {
  const h = start({}, { command: { command: join(desktopDir, 'no-such-backend'), args: [] } });
  await h.until(() => h.stateCount('failed') === 1);
  assert.ok(h.logs.some((l) => /could not start the backend/.test(l)));
});

test('a backend speaking another protocol major is refused and not restarted', options, async () => {
  const h = start({ FAKE_PROTOCOL: '2.0' });
  await h.until(() => h.stateCount('failed') === 1);
  assert.deepEqual(names(h.states), ['connecting', 'failed']);
  assert.match(h.states[1].reason, /2\.0/);
  // It was asked to shut down (it may hold the state directory), and no second one was started.
  assert.deepEqual(
    h.journalLines().map((l) => l.split(' ')[0]),
    ['start', 'shutdown'],
  );
});

test('a newer minor version of the same major is accepted', options, async () => {
  const h = start({ FAKE_PROTOCOL: '1.7' });
  await h.until(() => h.stateCount('connected') === 1);
  await h.supervisor.stop();
});

test('stop asks the backend to shut down and does not restart it', options, async () => {
  const h = start();
  await h.until(() => h.stateCount('connected') === 1);
  await h.supervisor.stop();
  assert.deepEqual(
    h.journalLines().map((l) => l.split(' ')[0]),
    ['start', 'shutdown'],
  );
  assert.deepEqual(names(h.states), ['connecting', 'connected']);
  await assert.rejects(h.supervisor.call('version', {}), BackendGone);
});
