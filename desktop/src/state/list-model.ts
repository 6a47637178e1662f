// Which torrents the list shows and in what order: the sidebar's filters, the search box and the sort column.
// Recomputed when the store changes; cheap enough for 10,000 torrents four times a second.
import type { TorrentSnapshot } from '../api/rpc-types.gen';
import { parseQuery } from './search-query';
import { HIDDEN_WHEN_EMPTY, matchesStatus, STATUS_FILTERS, statusMask, type StatusFilter } from './status-filter';

export type SortKey =
  | 'queue' | 'name' | 'size' | 'progress' | 'state' | 'download_rate' | 'upload_rate' | 'eta' | 'ratio'
  | 'peers' | 'seeds' | 'added' | 'save_path' | 'category' | 'uploaded' | 'downloaded';

export interface Sort {
  key: SortKey;
  descending: boolean;
}

export interface Filters {
  status: StatusFilter;
  /** null: any; "": none set. */
  category: string | null;
  tag: string | null;
  /** null: any; a host; or one of TRACKERLESS / TRACKER_ERROR. */
  tracker: string | null;
  query: string;
}

/** Tracker filters that are not a host (host names never start with a space). */
export const TRACKERLESS = ' none';
export const TRACKER_ERROR = ' error';

export function matchesTracker(t: TorrentSnapshot, tracker: string | null): boolean {
  if (tracker === null) return true;
  if (tracker === TRACKERLESS) return t.tracker_status === 'none';
  if (tracker === TRACKER_ERROR) return t.tracker_status === 'error';
  return t.tracker_hosts.includes(tracker);
}

export interface SidebarCounts {
  status: Map<StatusFilter, number>;
  categories: Map<string, number>;
  tags: Map<string, number>;
  /** Hosts, plus TRACKERLESS and TRACKER_ERROR. */
  trackers: Map<string, number>;
}

const SORT_VALUE: Record<SortKey, (t: TorrentSnapshot) => number | string> = {
  queue: (t) => t.queue_position,
  name: (t) => t.name.toLowerCase(),
  size: (t) => t.wanted_bytes,
  progress: (t) => t.progress,
  state: (t) => t.state,
  download_rate: (t) => t.download_rate,
  upload_rate: (t) => t.upload_rate,
  // Unknown ETA sorts last.
  eta: (t) => (t.eta < 0 ? Number.MAX_SAFE_INTEGER : t.eta),
  ratio: (t) => t.ratio,
  peers: (t) => t.peers,
  seeds: (t) => t.seeds,
  added: (t) => t.added_at,
  save_path: (t) => t.save_path,
  category: (t) => t.category,
  uploaded: (t) => t.uploaded_all_time,
  downloaded: (t) => t.downloaded_all_time,
};

export function filterAndSort(torrents: Iterable<TorrentSnapshot>, filters: Filters, sort: Sort): TorrentSnapshot[] {
  const query = parseQuery(filters.query);
  const out: TorrentSnapshot[] = [];
  for (const t of torrents) {
    if (!matchesStatus(t, filters.status)) continue;
    if (filters.category !== null && t.category !== filters.category) continue;
    if (filters.tag !== null && !t.tags.includes(filters.tag)) continue;
    if (!matchesTracker(t, filters.tracker)) continue;
    if (!query(t)) continue;
    out.push(t);
  }
  const value = SORT_VALUE[sort.key];
  const sign = sort.descending ? -1 : 1;
  out.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = va < vb ? -1 : va > vb ? 1 : 0;
    // Ties keep the queue order, so the list does not shuffle as rates change.
    return c !== 0 ? c * sign : a.queue_position - b.queue_position;
  });
  return out;
}

export function sidebarCounts(torrents: Iterable<TorrentSnapshot>): SidebarCounts {
  const keys = STATUS_FILTERS.map((f) => f.key);
  const byStatus = new Array<number>(keys.length).fill(0);
  const categories = new Map<string, number>();
  const tags = new Map<string, number>();
  const trackers = new Map<string, number>([[TRACKERLESS, 0], [TRACKER_ERROR, 0]]);
  for (const t of torrents) {
    for (const host of t.tracker_hosts) trackers.set(host, (trackers.get(host) ?? 0) + 1);
    if (t.tracker_status === 'none') trackers.set(TRACKERLESS, trackers.get(TRACKERLESS)! + 1);
    if (t.tracker_status === 'error') trackers.set(TRACKER_ERROR, trackers.get(TRACKER_ERROR)! + 1);
    const mask = statusMask(t); // bit i is STATUS_FILTERS[i]
    for (let i = 0; i < keys.length; i++) if (mask & (1 << i)) byStatus[i]!++;
    categories.set(t.category, (categories.get(t.category) ?? 0) + 1);
    for (const tag of t.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
  }
  const status = new Map<StatusFilter, number>(keys.map((k, i) => [k, byStatus[i]!]));
  return { status, categories, tags, trackers };
}

export function visibleStatusFilters(counts: SidebarCounts, selected: StatusFilter): StatusFilter[] {
  return STATUS_FILTERS.map((f) => f.key).filter(
    (k) => k === selected || !HIDDEN_WHEN_EMPTY.has(k) || (counts.status.get(k) ?? 0) > 0,
  );
}
