// The few runtime values the main process shares with the renderer's contract (src/api/torpeddo-api.ts and the
// generated rpc-types.gen.ts). electron/ compiles on its own into a flat dist-electron/ (rootDir electron/, which
// the test harness imports too), so it cannot import src/: the values are copied here, and
// test/unit/renderer-contract.test.mjs type-checks them against the originals, failing when they drift.
import type { SupervisorState } from './backend-supervisor';

/** Methods the renderer may call; subscriptions and shutdown stay with the main process. */
export const RENDERER_METHODS = [
  'version', 'add_magnet', 'add_torrent', 'get_status', 'pause', 'resume', 'force_start', 'remove', 'recheck',
  'reannounce', 'move_storage', 'rename_path', 'get_files', 'set_file_priorities', 'get_peers', 'get_trackers',
  'get_pieces', 'add_trackers', 'remove_trackers', 'set_torrent_options', 'queue_move', 'get_settings',
  'set_settings', 'session_stats', 'free_space', 'save_torrent_file', 'sync',
] as const;
export type RendererMethod = (typeof RENDERER_METHODS)[number];

/** The protocol this app speaks (openrpc.json's info.version); a backend with another major is refused. */
export const PROTOCOL_VERSION = '1.3';
export const PROTOCOL_MAJOR = Number.parseInt(PROTOCOL_VERSION, 10);

export type ConnectionState = SupervisorState;

export interface OpenRequest {
  magnets: string[];
  torrentFiles: string[];
}

export interface RpcFailure {
  code: number;
  message: string;
  kind?: string;
}
