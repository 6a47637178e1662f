// Every BrowserWindow of the app is made here, with Electron's security checklist applied: the page gets no
// Node, runs sandboxed in an isolated world, and can only reach what the preload hands it (window.torpeddo).
// No Electron import at run time (types only), so the factory is tested with a fake window class;
// test/unit/secure-window.test.mjs also fails if any other file constructs a window itself.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The settings a window must have, whatever else it is given. */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // A file dropped on the window is the renderer's to handle (add a torrent), never a navigation.
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

export interface SecureWindowSpec {
  /** Absolute path of the compiled preload script. */
  preload: string;
  /** DevTools only in development. */
  devTools: boolean;
  title?: string;
  icon?: string;
  backgroundColor?: string;
  /** Where the window was last time (window-bounds.ts), or the default size. */
  bounds?: { x: number; y: number; width: number; height: number };
}

export function secureWebPreferences(spec: SecureWindowSpec): WebPreferences {
  return {
    ...REQUIRED_WEB_PREFERENCES,
    preload: spec.preload,
    devTools: spec.devTools,
    spellcheck: false,
  };
}

export function secureWindowOptions(spec: SecureWindowSpec): BrowserWindowConstructorOptions {
  return {
    title: spec.title ?? 'Torpeddo',
    width: spec.bounds?.width ?? 1280,
    height: spec.bounds?.height ?? 800,
    ...(spec.bounds ? { x: spec.bounds.x, y: spec.bounds.y } : {}),
    // The layout works from 900 px wide up (issue 13).
    minWidth: 900,
    minHeight: 560,
    // Shown once the first frame is ready, so the user never sees an empty white window.
    show: false,
    ...(spec.icon ? { icon: spec.icon } : {}),
    ...(spec.backgroundColor ? { backgroundColor: spec.backgroundColor } : {}),
    webPreferences: secureWebPreferences(spec),
  };
}

/** Names of the required settings that `prefs` lacks or contradicts; empty when it is safe. */
export function insecureSettings(prefs: WebPreferences | undefined): string[] {
  const bad: string[] = [];
  const actual = (prefs ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    if (actual[name] !== value) bad.push(name);
  }
  if (typeof actual.preload !== 'string' || actual.preload.length === 0) bad.push('preload');
  return bad;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/** The only way the app creates a window: `createSecureWindow(BrowserWindow, spec)`. */
export function createSecureWindow<W>(WindowClass: WindowConstructor<W>, spec: SecureWindowSpec): W {
  const options = secureWindowOptions(spec);
  const bad = insecureSettings(options.webPreferences);
  if (bad.length > 0) throw new Error(`refusing to create a window without ${bad.join(', ')}`);
  return new WindowClass(options);
}
