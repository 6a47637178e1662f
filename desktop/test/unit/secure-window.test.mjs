import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { desktopDir, distDir, load } from './dist.mjs';

const { createSecureWindow, insecureSettings, REQUIRED_WEB_PREFERENCES, secureWindowOptions } = load('secure-window');

class FakeWindow {
  static made = [];
  constructor(options) {
    this.options = options;
    FakeWindow.made.push(this);
  }
}

const spec = { preload: '/app/dist-electron/preload.js', devTools: false };

test('the factory gives the window every security setting and the preload', () => {
  const win = createSecureWindow(FakeWindow, spec);
  assert.ok(win instanceof FakeWindow);
  const prefs = win.options.webPreferences;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.navigateOnDragDrop, false);
  assert.equal(prefs.preload, spec.preload);
  assert.equal(prefs.devTools, false);
  assert.deepEqual(insecureSettings(prefs), []);
});

test('the window fits the layout: at least 900 px wide, hidden until its first frame is ready', () => {
  const options = secureWindowOptions(spec);
  assert.equal(options.minWidth, 900);
  assert.ok(options.width >= 900);
  assert.equal(options.show, false);
});

test('a spec cannot smuggle in web preferences of its own', () => {
  const win = createSecureWindow(FakeWindow, { ...spec, webPreferences: { sandbox: false, nodeIntegration: true } });
  assert.equal(win.options.webPreferences.sandbox, true);
  assert.equal(win.options.webPreferences.nodeIntegration, false);
});

test('the check names every setting that is missing or wrong', () => {
  assert.deepEqual(insecureSettings({ ...REQUIRED_WEB_PREFERENCES, preload: '/p.js', sandbox: false }), ['sandbox']);
  assert.deepEqual(insecureSettings({ ...REQUIRED_WEB_PREFERENCES }), ['preload']);
  assert.equal(insecureSettings(undefined).length, Object.keys(REQUIRED_WEB_PREFERENCES).length + 1);
  assert.deepEqual(insecureSettings({ ...REQUIRED_WEB_PREFERENCES, preload: '/p.js', contextIsolation: undefined }), [
    'contextIsolation',
  ]);
});

test('a window without a preload is refused before it exists', () => {
  const before = FakeWindow.made.length;
  assert.throws(() => createSecureWindow(FakeWindow, { ...spec, preload: '' }), /preload/);
  assert.equal(FakeWindow.made.length, before);
});

// The app's sources: any window or web view must come from the factory, and no file may weaken a setting.
const sources = readdirSync(join(desktopDir, 'electron'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ name: f, text: readFileSync(join(desktopDir, 'electron', f), 'utf8') }));

test('no source file constructs a BrowserWindow, BrowserView or WebContentsView itself', () => {
  assert.ok(sources.some((s) => s.name === 'main.ts'));
  for (const { name, text } of sources) {
    assert.doesNotMatch(text, /new\s+(?:[\w$]+\.)*(?:BrowserWindow|BrowserView|WebContentsView|BaseWindow)\s*\(/, name);
    // Constructing through an alias (const W = BrowserWindow; new W(...)) goes through a reference to the class.
    assert.doesNotMatch(text, /=\s*(?:[\w$]+\.)*BrowserWindow\s*[;,)]/, name);
  }
});

test('webPreferences are written in secure-window.ts only, and nothing turns a protection off', () => {
  for (const { name, text } of sources) {
    if (name !== 'secure-window.ts') assert.doesNotMatch(text, /webPreferences\s*:/, name);
    assert.doesNotMatch(
      text,
      /\b(?:sandbox|contextIsolation|webSecurity)\s*:\s*false|\b(?:nodeIntegration\w*|webviewTag|allowRunningInsecureContent|experimentalFeatures)\s*:\s*true/,
      name,
    );
  }
});

test('the main process makes its window through the factory', () => {
  const main = sources.find((s) => s.name === 'main.ts').text;
  assert.match(main, /createSecureWindow\(\s*BrowserWindow\s*,/);
});

test('the compiled factory loads without Electron', () => {
  assert.doesNotMatch(readFileSync(join(distDir, 'secure-window.js'), 'utf8'), /require\(["']electron["']\)/);
});
