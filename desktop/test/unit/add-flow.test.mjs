import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hex } from './torrent-fixture.mjs';
import { importTs } from './import-ts.mjs';

const { addSources, startReviewed, cancelReviewed } = await importTs('src/state/add-flow.ts');

function recorder(replies = {}) {
  const calls = [];
  return {
    calls,
    api: {
      call: async (method, params) => {
        calls.push({ method, params });
        const r = replies[method];
        if (r instanceof Error) throw r;
        return typeof r === 'function' ? r(params) : r ?? {};
      },
    },
  };
}

const choices = { savePath: '/dl', category: 'c', startPaused: false, sequential: false, firstLastPieces: false, review: true };

test('review first adds a magnet to stop after its metadata and a .torrent paused: nothing downloads', async () => {
  const r = recorder({ add_magnet: { id: hex(1), name: 'm', duplicate: false }, add_torrent: { id: hex(2), name: 't', duplicate: false } });
  const out = await addSources(r.api, { magnets: ['magnet:?xt=urn:btih:' + hex(1)], torrentFiles: ['/x.torrent'], torrentBytes: [] }, choices);
  assert.equal(out.length, 2);
  const magnet = r.calls.find((c) => c.method === 'add_magnet').params;
  assert.equal(magnet.stop_after_metadata, true);
  assert.equal(magnet.paused, false);
  assert.equal(r.calls.find((c) => c.method === 'add_torrent').params.paused, true);
});

test('adding at once honours start paused and reports each failure with its source', async () => {
  const r = recorder({ add_magnet: new Error('not a usable magnet link') });
  const out = await addSources(r.api, { magnets: ['magnet:?bad'], torrentFiles: [], torrentBytes: [{ name: 'a.torrent', base64: 'ZA==' }] }, { ...choices, review: false, startPaused: true });
  assert.deepEqual(out[0], { ok: false, label: 'magnet:?bad', message: 'not a usable magnet link' });
  const t = r.calls.find((c) => c.method === 'add_torrent').params;
  assert.equal(t.metainfo, 'ZA==');
  assert.equal(t.paused, true);
});

test('starting resumes reviewed torrents; a magnet still without metadata is added again without the stop', async () => {
  const r = recorder();
  const added = [
    { ok: true, id: hex(1), name: 'm', duplicate: false, magnet: 'magnet:?xt=urn:btih:' + hex(1), label: '' },
    { ok: true, id: hex(2), name: 't', duplicate: false, magnet: null, label: '' },
    { ok: true, id: hex(3), name: 'old', duplicate: true, magnet: null, label: '' },
  ];
  await startReviewed(r.api, added, choices, () => false);
  assert.deepEqual(r.calls.map((c) => c.method), ['remove', 'add_magnet', 'resume']);
  assert.equal(r.calls[1].params.stop_after_metadata, undefined);
  assert.equal(r.calls[2].params.ids, hex(2));
});

test('cancelling removes what the review added, with its data, and never a torrent that was already there', async () => {
  const r = recorder();
  await cancelReviewed(r.api, [
    { ok: true, id: hex(1), duplicate: false }, { ok: true, id: hex(2), duplicate: true }, { ok: false, label: 'x', message: 'y' },
  ]);
  assert.deepEqual(r.calls, [{ method: 'remove', params: { ids: [hex(1)], delete_data: true } }]);
});

const { parseTags, editTags } = await importTs('src/state/tags.ts');

test('tags typed with commas or spaces, and edited for many torrents without losing each one\'s own', () => {
  assert.deepEqual(parseTags(' music,  live lossless,,music '), ['music', 'live', 'lossless']);
  assert.deepEqual(parseTags(''), []);
  assert.deepEqual(editTags(['iso', 'linux'], ['fedora'], ['iso']), ['linux', 'fedora']);
  assert.deepEqual(editTags(['a'], ['a', 'b'], []), ['a', 'b'], 'a tag already there is not doubled');
  assert.deepEqual(editTags(['a'], ['b'], ['b']), ['a'], 'removing wins over adding the same tag');
});
