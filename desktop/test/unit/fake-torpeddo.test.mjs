// The benchmark's fake backend must send what the real one does: every field the OpenRPC document requires of a
// torrent (a field it lacks stalled the benchmark once, when protocol 1.1 added tracker fields).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { desktopDir } from './dist.mjs';

test('the fake backend\'s torrents have every field a TorrentSnapshot requires', async (t) => {
  const doc = JSON.parse(readFileSync(join(desktopDir, '../backend/src/main/resources/dev/torpeddo/backend/rpc/openrpc.json'), 'utf8'));
  const required = doc.components.schemas.TorrentSnapshot.required;
  const window = { __torpeddoFakeOptions: { torrents: 50 } };
  // No timers (the fake's deltas are not wanted here), and its message ports closed at the end: either would
  // keep the test process alive.
  const ports = [];
  class Channel extends MessageChannel {
    constructor() {
      super();
      ports.push(this.port1, this.port2);
    }
  }
  t.after(() => ports.forEach((p) => p.close()));
  const context = vm.createContext({ window, performance, structuredClone, MessageChannel: Channel, setInterval: () => 0, clearInterval: () => {}, setTimeout, clearTimeout, console });
  vm.runInContext(readFileSync(join(desktopDir, 'test/fake/fake-torpeddo.js'), 'utf8'), context);
  const snapshot = await window.torpeddo.call('sync', {});
  assert.equal(snapshot.torrents.length, 50);
  for (const t of snapshot.torrents) {
    const missing = required.filter((f) => !(f in t));
    assert.deepEqual(missing, [], `torrent ${t.id} lacks ${missing.join(', ')}`);
  }
});
