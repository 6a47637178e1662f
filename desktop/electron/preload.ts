// The sandboxed preload: gives the page one object, window.torpeddo (src/api/torpeddo-api.ts's TorpeddoApi), and
// nothing else of Electron. It holds no logic the main process does not check again: every message is vetted
// there (ipc-guard.ts). In the sandbox `require` knows only `electron` (and a few Node built-ins), so this file
// stands alone: the channel names are ipc-channels.ts's, spelt out (test/unit/preload.test.mjs compares them),
// and the types below are imported for the compiler only. test/unit/renderer-contract.test.mjs type-checks
// `PreloadApi` against TorpeddoApi.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ConnectionState, OpenRequest, RpcFailure } from './renderer-contract';
import type { CallReply } from './ipc-channels';

const CHANNEL = {
  call: 'torpeddo:call',
  connectionNow: 'torpeddo:connection-now',
  takeOpenRequests: 'torpeddo:take-open-requests',
  chooseTorrentFiles: 'torpeddo:choose-torrent-files',
  chooseDirectory: 'torpeddo:choose-directory',
  revealInFolder: 'torpeddo:reveal-in-folder',
  openPath: 'torpeddo:open-path',
  readClipboardText: 'torpeddo:read-clipboard-text',
  setPreferences: 'torpeddo:set-preferences',
  notification: 'torpeddo:notification',
  connection: 'torpeddo:connection',
  openRequest: 'torpeddo:open-request',
} as const;

export interface PreloadApi {
  // Results are whatever the backend answered; the renderer's contract gives them their types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, params: Record<string, unknown>): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(name: string, handler: (params: any) => void): () => void;
  onConnection(handler: (state: ConnectionState) => void): () => void;
  native: {
    chooseTorrentFiles(): Promise<string[]>;
    chooseDirectory(startAt?: string): Promise<string | null>;
    revealInFolder(path: string): Promise<void>;
    openPath(path: string): Promise<void>;
    readClipboardText(): Promise<string>;
    onOpenRequest(handler: (request: OpenRequest) => void): () => void;
    setPreferences(prefs: { notifications: boolean }): Promise<void>;
  };
}

/** A handler that throws must not stop the others: its error is reported on its own. */
function safely<T>(handler: (value: T) => void, value: T): void {
  try {
    handler(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** Subscribes `handler` to pushes on `channel`, handing it the payload only (never the IPC event). */
function listen<T>(channel: string, handler: (payload: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, payload: T) => safely(handler, payload);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

// Every notification arrives on one channel; handlers are kept here by name so that one IPC listener serves all.
const notificationHandlers = new Map<string, Set<(params: unknown) => void>>();
let notificationsWired = false;

function wireNotifications(): void {
  if (notificationsWired) return;
  notificationsWired = true;
  ipcRenderer.on(CHANNEL.notification, (_event: IpcRendererEvent, message: { method: string; params: unknown }) => {
    for (const handler of notificationHandlers.get(message.method) ?? []) safely(handler, message.params);
  });
}

const api: PreloadApi = {
  async call(method, params) {
    const reply = (await ipcRenderer.invoke(CHANNEL.call, method, params)) as CallReply;
    if (reply.ok) return reply.result;
    const failure: RpcFailure = { code: reply.error.code, message: reply.error.message };
    if (reply.error.kind !== undefined) failure.kind = reply.error.kind;
    throw failure;
  },
  on(name, handler) {
    wireNotifications();
    const fresh = (params: unknown) => handler(params);
    let set = notificationHandlers.get(name);
    if (!set) notificationHandlers.set(name, (set = new Set()));
    set.add(fresh);
    return () => {
      set.delete(fresh);
    };
  },
  onConnection(handler) {
    const stop = listen(CHANNEL.connection, handler);
    // The state may have been sent before this page listened: ask for the current one.
    void ipcRenderer.invoke(CHANNEL.connectionNow).then((state: ConnectionState) => safely(handler, state));
    return stop;
  },
  native: {
    chooseTorrentFiles: () => ipcRenderer.invoke(CHANNEL.chooseTorrentFiles),
    chooseDirectory: (startAt) => ipcRenderer.invoke(CHANNEL.chooseDirectory, startAt),
    revealInFolder: (path) => ipcRenderer.invoke(CHANNEL.revealInFolder, path),
    openPath: (path) => ipcRenderer.invoke(CHANNEL.openPath, path),
    readClipboardText: () => ipcRenderer.invoke(CHANNEL.readClipboardText),
    onOpenRequest(handler) {
      const stop = listen(CHANNEL.openRequest, handler);
      // What the OS asked to open before the page was there (the launch's own arguments) waits in the main process.
      void ipcRenderer.invoke(CHANNEL.takeOpenRequests).then((waiting: OpenRequest[]) => {
        for (const request of waiting) safely(handler, request);
      });
      return stop;
    },
    setPreferences: (prefs) => ipcRenderer.invoke(CHANNEL.setPreferences, prefs),
  },
};

contextBridge.exposeInMainWorld('torpeddo', api);
