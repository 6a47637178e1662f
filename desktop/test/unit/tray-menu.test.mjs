import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { trayMenuTemplate } = load('tray-menu');

function menu(state) {
  const calls = [];
  const actions = Object.fromEntries(['show', 'pauseAll', 'resumeAll', 'retry', 'quit'].map((n) => [n, () => calls.push(n)]));
  const items = trayMenuTemplate({ ...state, ...actions });
  const byLabel = (label) => items.find((i) => i.label === label);
  return { items, byLabel, calls };
}

test('the tray offers show, pause all, resume all and quit, each doing its own thing', () => {
  const { byLabel, calls } = menu({ connected: true, failed: false });
  for (const label of ['Show Torpeddo', 'Pause all', 'Resume all', 'Quit Torpeddo']) byLabel(label).click();
  assert.deepEqual(calls, ['show', 'pauseAll', 'resumeAll', 'quit']);
  assert.equal(byLabel('Pause all').enabled, true);
  assert.equal(byLabel('Restart the backend').visible, false);
});

test('pause and resume wait for the backend; a failed backend can be restarted from the tray', () => {
  const connecting = menu({ connected: false, failed: false });
  assert.equal(connecting.byLabel('Pause all').enabled, false);
  assert.equal(connecting.byLabel('Resume all').enabled, false);
  const failed = menu({ connected: false, failed: true });
  assert.equal(failed.byLabel('Restart the backend').visible, true);
  failed.byLabel('Restart the backend').click();
  assert.deepEqual(failed.calls, ['retry']);
});
