import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './dist.mjs';

const { isEmptyOpenRequest, openRequestFromArgv, openRequestFromFile, openRequestFromUrl } = load('launch-args');

const magnet = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=Some+Linux';
const linux = { cwd: '/home/u/Downloads', platform: 'linux', skip: 1 };

test('a first launch with a magnet and .torrent files', () => {
  const request = openRequestFromArgv(['/opt/Torpeddo/torpeddo', magnet, 'a.torrent', '/tmp/B.TORRENT'], linux);
  assert.deepEqual(request, {
    magnets: [magnet],
    torrentFiles: ['/home/u/Downloads/a.torrent', '/tmp/B.TORRENT'],
  });
});

test('a second launch resolves relative paths against its own directory', () => {
  const request = openRequestFromArgv(['/opt/Torpeddo/torpeddo', '../x.torrent'], { ...linux, cwd: '/srv/t/in' });
  assert.deepEqual(request.torrentFiles, ['/srv/t/x.torrent']);
});

test('switches, the app folder in development and other files are ignored', () => {
  const argv = ['/usr/lib/electron', '.', '--inspect=0', '--no-sandbox', 'notes.txt', '-psn_0_123', magnet];
  assert.deepEqual(openRequestFromArgv(argv, linux), { magnets: [magnet], torrentFiles: [] });
  assert.equal(isEmptyOpenRequest(openRequestFromArgv(['/opt/t/torpeddo'], linux)), true);
  // The executable itself is never taken, whatever its name.
  assert.equal(isEmptyOpenRequest(openRequestFromArgv(['/weird/app.torrent'], linux)), true);
});

test('file:// URLs from desktop launchers become paths', () => {
  const request = openRequestFromArgv(['torpeddo', 'file:///home/u/My%20Files/a.torrent'], linux);
  assert.deepEqual(request.torrentFiles, ['/home/u/My Files/a.torrent']);
});

test('duplicates are handed over once', () => {
  const request = openRequestFromArgv(['torpeddo', magnet, magnet, 'a.torrent', './a.torrent'], linux);
  assert.deepEqual(request, { magnets: [magnet], torrentFiles: ['/home/u/Downloads/a.torrent'] });
});

test('Windows paths and magnets as Windows passes them', () => {
  const windows = { cwd: 'C:\\Users\\u\\Downloads', platform: 'win32', skip: 1 };
  const argv = ['C:\\Program Files\\Torpeddo\\Torpeddo.exe', 'x.torrent', 'D:\\t\\y.torrent', 'MAGNET:?xt=urn:btih:abc'];
  assert.deepEqual(openRequestFromArgv(argv, windows), {
    magnets: ['MAGNET:?xt=urn:btih:abc'],
    torrentFiles: ['C:\\Users\\u\\Downloads\\x.torrent', 'D:\\t\\y.torrent'],
  });
});

test('macOS open-url takes magnets only, open-file .torrent files only', () => {
  assert.deepEqual(openRequestFromUrl(magnet), { magnets: [magnet], torrentFiles: [] });
  assert.equal(isEmptyOpenRequest(openRequestFromUrl('https://example.org/x.torrent')), true);
  assert.equal(isEmptyOpenRequest(openRequestFromUrl('magnet:xt')), true);
  assert.deepEqual(openRequestFromFile('/Users/u/a.torrent'), { magnets: [], torrentFiles: ['/Users/u/a.torrent'] });
  assert.equal(isEmptyOpenRequest(openRequestFromFile('/Users/u/a.iso')), true);
});
