// Torrents for the renderer's model tests.

/** A complete TorrentSnapshot with every required field; `over` replaces some. */
export function torrent(over = {}) {
  return {
    id: '0'.repeat(40), name: 't', state: 'downloading', error: null, save_path: '/d', total_bytes: 100,
    wanted_bytes: 100, done_bytes: 0, progress: 0, piece_count: 1, pieces_done: 0, checked_bytes: 0,
    moved_bytes: 0, metadata_progress: 1, download_rate: 0, upload_rate: 0, downloaded: 0, uploaded: 0,
    downloaded_all_time: 0, uploaded_all_time: 0, wasted_bytes: 0, ratio: 0, eta: -1, peers: 0, seeds: 0,
    swarm_seeds: -1, swarm_leechers: -1, known_peers: 0, distributed_copies: 0, active_seconds: 0,
    seeding_seconds: 0, next_announce: -1, added_at: 1, completed_at: 0, queue_position: 0, category: '',
    tags: [], tracker_hosts: [], tracker_status: 'none', forced: false, sequential: false, first_last_pieces: false, download_limit: 0, upload_limit: 0,
    ratio_limit: -2, seeding_minutes_limit: -2, max_peers: 0, upload_slots: 0, stalled: false, complete: false,
    ...over,
  };
}

export const hex = (n) => n.toString(16).padStart(40, '0');
