"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RENDERER_METHODS = void 0;
/** Methods the renderer may call. Subscriptions and shutdown belong to whoever owns the backend connection. */
exports.RENDERER_METHODS = [
    'version', 'add_magnet', 'add_torrent', 'get_status', 'pause', 'resume', 'force_start', 'remove', 'recheck',
    'reannounce', 'move_storage', 'rename_path', 'get_files', 'set_file_priorities', 'get_peers', 'get_trackers',
    'get_pieces', 'add_trackers', 'remove_trackers', 'set_torrent_options', 'queue_move', 'get_settings',
    'set_settings', 'session_stats', 'free_space', 'save_torrent_file', 'sync',
];
