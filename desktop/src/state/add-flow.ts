// Adding torrents the way qBittorrent users expect: either at once, or "review first": the torrent is added so
// that nothing downloads (a .torrent paused, a magnet stopped after its metadata), the user chooses files and
// priorities with the real file list, then starts it — or cancels, which removes only what this flow added.
import type { TorpeddoApi } from '../api/torpeddo-api';

export interface AddSources {
  magnets: string[];
  torrentFiles: string[];
  torrentBytes: { name: string; base64: string }[];
}

export interface AddChoices {
  savePath: string;
  category: string;
  startPaused: boolean;
  sequential: boolean;
  firstLastPieces: boolean;
  /** Add without downloading, so files can be chosen first. */
  review: boolean;
}

export type AddOutcome =
  | { ok: true; id: string; name: string; duplicate: boolean; magnet: string | null; label: string }
  | { ok: false; label: string; message: string };

export async function addSources(api: TorpeddoApi, sources: AddSources, c: AddChoices): Promise<AddOutcome[]> {
  const common = {
    save_path: c.savePath || undefined,
    category: c.category,
    sequential: c.sequential,
    first_last_pieces: c.firstLastPieces,
  };
  const jobs: Promise<AddOutcome>[] = [];
  for (const uri of sources.magnets) {
    jobs.push(settle(uri, uri, () => api.call('add_magnet', { uri, ...common, paused: !c.review && c.startPaused, stop_after_metadata: c.review })));
  }
  for (const path of sources.torrentFiles) {
    jobs.push(settle(path, null, () => api.call('add_torrent', { path, ...common, paused: c.review || c.startPaused })));
  }
  for (const t of sources.torrentBytes) {
    jobs.push(settle(t.name, null, () => api.call('add_torrent', { metainfo: t.base64, ...common, paused: c.review || c.startPaused })));
  }
  return Promise.all(jobs);
}

async function settle(label: string, magnet: string | null, add: () => Promise<{ id: string; name: string; duplicate: boolean }>): Promise<AddOutcome> {
  try {
    const r = await add();
    return { ok: true, id: r.id, name: r.name, duplicate: r.duplicate, magnet, label };
  } catch (e) {
    return { ok: false, label, message: (e as Error).message };
  }
}

/**
 * Starts what "review first" added. A magnet whose metadata has not arrived yet was added to stop after it; to
 * start it at once it is added again without that (same id, nothing was downloaded).
 */
export async function startReviewed(api: TorpeddoApi, added: AddOutcome[], c: AddChoices, hasMetadata: (id: string) => boolean): Promise<void> {
  for (const a of added) {
    if (!a.ok || a.duplicate) continue;
    if (a.magnet && !hasMetadata(a.id)) {
      await api.call('remove', { ids: a.id, delete_data: false });
      await api.call('add_magnet', {
        uri: a.magnet, save_path: c.savePath || undefined, category: c.category, paused: c.startPaused,
        sequential: c.sequential, first_last_pieces: c.firstLastPieces,
      });
    } else if (!c.startPaused) {
      await api.call('resume', { ids: a.id });
    }
  }
}

/** Cancelling a review removes what it added (with any data), never a torrent that was already there. */
export async function cancelReviewed(api: TorpeddoApi, added: AddOutcome[]): Promise<void> {
  const ids = added.filter((a) => a.ok && !a.duplicate).map((a) => (a as { id: string }).id);
  if (ids.length > 0) await api.call('remove', { ids, delete_data: true });
}
