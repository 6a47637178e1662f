// The one surface the renderer sees: `window.torpeddo`. The Electron preload implements it over IPC to the main
// process (which owns the backend connection); the browser test harness implements it over a Playwright binding
// to the same backend; a web mode will implement it over a socket. Nothing else of Electron or Node is visible.
import type { RpcMethods, RpcNotifications } from './rpc-types.gen';

/** Methods the renderer may call. Subscriptions and shutdown belong to whoever owns the backend connection. */
export const RENDERER_METHODS = [
  'version', 'add_magnet', 'add_torrent', 'get_status', 'pause', 'resume', 'force_start', 'remove', 'recheck',
  'reannounce', 'move_storage', 'rename_path', 'get_files', 'set_file_priorities', 'get_peers', 'get_trackers',
  'get_pieces', 'add_trackers', 'remove_trackers', 'set_torrent_options', 'queue_move', 'get_settings',
  'set_settings', 'session_stats', 'free_space', 'save_torrent_file', 'sync',
] as const satisfies readonly (keyof RpcMethods)[];
export type RendererMethod = (typeof RENDERER_METHODS)[number];

/**
 * The backend connection as the UI shows it. `connected` is sent again after every (re)start of the backend,
 * once it is subscribed: that is the renderer's cue to `sync`.
 */
export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'connected'; app: string; protocol: string }
  | { state: 'reconnecting'; attempt: number; retryInMs: number; reason: string }
  | { state: 'failed'; reason: string };

/** Links and files the OS handed to the app (a second launch, a magnet: click, a file opened with Torpeddo). */
export interface OpenRequest {
  magnets: string[];
  torrentFiles: string[];
}

/** An RPC error as the renderer receives it: the JSON-RPC code, message and `data.kind` when there is one. */
export interface RpcFailure {
  code: number;
  message: string;
  kind?: string;
}

export interface TorpeddoApi {
  call<M extends RendererMethod>(method: M, params: RpcMethods[M]['params']): Promise<RpcMethods[M]['result']>;
  /** Notifications pushed by the backend (already subscribed, `state_delta` four times a second). */
  on<N extends keyof RpcNotifications>(name: N, handler: (params: RpcNotifications[N]) => void): () => void;
  onConnection(handler: (state: ConnectionState) => void): () => void;
  native: {
    /** Native open dialog for .torrent files; absolute paths, empty when cancelled. */
    chooseTorrentFiles(): Promise<string[]>;
    /** Native folder picker; null when cancelled. */
    chooseDirectory(startAt?: string): Promise<string | null>;
    revealInFolder(path: string): Promise<void>;
    openPath(path: string): Promise<void>;
    readClipboardText(): Promise<string>;
    onOpenRequest(handler: (request: OpenRequest) => void): () => void;
    /** What the main process should do on its own (finished-download notifications). */
    setPreferences(prefs: { notifications: boolean }): Promise<void>;
  };
}

declare global {
  interface Window {
    torpeddo: TorpeddoApi;
  }
}
