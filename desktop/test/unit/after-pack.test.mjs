// The afterPack hook on a fake Electron binary: a file holding the fuse sentinel and a wire of fuses, laid out as
// Electron's (the sentinel, the wire's version and length, one byte per fuse). The real @electron/fuses flips it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { desktopDir } from './dist.mjs';

const require = createRequire(import.meta.url);
const afterPack = require(join(desktopDir, 'scripts', 'after-pack.cjs'));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const WIRE_LENGTH = 9;

/** An "Electron" whose every fuse is in Electron's default state for an unpackaged build. */
function fakeElectron(file) {
  // RunAsNode, cookie encryption, NODE_OPTIONS, inspect, asar integrity, asar only, V8 snapshot, file://, wasm traps.
  const defaults = Buffer.from('101100011', 'latin1');
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, WIRE_LENGTH]), defaults, Buffer.alloc(4096, 7)]));
}

function linuxContext() {
  const appOutDir = mkdtempSync(join(tmpdir(), 'torpeddo-afterpack-'));
  mkdirSync(appOutDir, { recursive: true });
  fakeElectron(join(appOutDir, 'torpeddo'));
  return {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { executableName: 'torpeddo', appInfo: { productFilename: 'Torpeddo' } },
  };
}

test('the packaged binary runs only as the app: no Node mode, no NODE_OPTIONS, no inspector, asar only and checked', async () => {
  const context = linuxContext();
  const before = readFileSync(join(context.appOutDir, 'torpeddo'));
  const log = console.log;
  console.log = () => {};
  try {
    await afterPack(context);
  } finally {
    console.log = log;
  }
  const wire = await getCurrentFuseWire(join(context.appOutDir, 'torpeddo'));
  const state = (name) => wire[FuseV1Options[name]];
  assert.equal(state('RunAsNode'), FuseState.DISABLE);
  assert.equal(state('EnableNodeOptionsEnvironmentVariable'), FuseState.DISABLE);
  assert.equal(state('EnableNodeCliInspectArguments'), FuseState.DISABLE);
  assert.equal(state('OnlyLoadAppFromAsar'), FuseState.ENABLE);
  assert.equal(state('EnableEmbeddedAsarIntegrityValidation'), FuseState.ENABLE);
  assert.equal(state('EnableCookieEncryption'), FuseState.ENABLE);
  assert.equal(state('GrantFileProtocolExtraPrivileges'), FuseState.DISABLE);
  // Only the wire changed: the rest of the binary is byte for byte what it was.
  const after = readFileSync(join(context.appOutDir, 'torpeddo'));
  assert.equal(after.length, before.length);
  const wireStart = 4096 + SENTINEL.length + 2;
  assert.ok(after.subarray(0, wireStart).equals(before.subarray(0, wireStart)));
  assert.ok(after.subarray(wireStart + WIRE_LENGTH).equals(before.subarray(wireStart + WIRE_LENGTH)));
});

test('the hook finds the binary where electron-builder puts it on each platform', () => {
  const packager = { executableName: 'torpeddo', appInfo: { productFilename: 'Torpeddo' } };
  assert.equal(afterPack.electronBinary({ appOutDir: '/o', electronPlatformName: 'linux', packager }), join('/o', 'torpeddo'));
  assert.equal(afterPack.electronBinary({ appOutDir: '/o', electronPlatformName: 'win32', packager }), join('/o', 'Torpeddo.exe'));
  assert.equal(afterPack.electronBinary({ appOutDir: '/o', electronPlatformName: 'darwin', packager }), join('/o', 'Torpeddo.app'));
});

test('a binary without fuses fails the build instead of shipping unprotected', async () => {
  const context = linuxContext();
  writeFileSync(join(context.appOutDir, 'torpeddo'), Buffer.alloc(1024));
  await assert.rejects(afterPack(context), /sentinel/);
});
