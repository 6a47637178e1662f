// The IPC channels between the preload and the main process. The sandboxed preload cannot require this file (only
// `electron` is available there), so it spells the same strings; test/unit/preload.test.mjs checks they agree.
export const IPC = {
  /** invoke(method, params) → CallReply */
  call: 'torpeddo:call',
  /** invoke() → the current ConnectionState */
  connectionNow: 'torpeddo:connection-now',
  /** invoke() → OpenRequest[] queued until the renderer listened; later ones are pushed */
  takeOpenRequests: 'torpeddo:take-open-requests',
  chooseTorrentFiles: 'torpeddo:choose-torrent-files',
  chooseDirectory: 'torpeddo:choose-directory',
  revealInFolder: 'torpeddo:reveal-in-folder',
  openPath: 'torpeddo:open-path',
  readClipboardText: 'torpeddo:read-clipboard-text',
  setPreferences: 'torpeddo:set-preferences',
  /** pushed: { method, params } */
  notification: 'torpeddo:notification',
  /** pushed: ConnectionState */
  connection: 'torpeddo:connection',
  /** pushed: OpenRequest */
  openRequest: 'torpeddo:open-request',
} as const;

/** What `call` answers: errors travel as data, since Electron reduces a thrown error to its message. */
export type CallReply = { ok: true; result: unknown } | { ok: false; error: { code: number; message: string; kind?: string } };
