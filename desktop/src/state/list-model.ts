// Which torrents the list shows and in what order: the sidebar's filters, the search box and the sort column.
// These functions compute it from scratch; `list-view.ts` keeps it up to date as deltas arrive.
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

/** Total order for the list: the sort column, then queue order (so rows do not shuffle as rates change), then id. */
export function sortKeyOf(sort: Sort): (t: TorrentSnapshot) => number | string {
  return SORT_VALUE[sort.key];
}

/** Compares two torrents whose sort values are `va` and `vb`, as the list orders them. */
export function compareSorted(a: TorrentSnapshot, va: number | string, b: TorrentSnapshot, vb: number | string, descending: boolean): number {
  const c = va < vb ? -1 : va > vb ? 1 : 0;
  if (c !== 0) return descending ? -c : c;
  if (a.queue_position !== b.queue_position) return a.queue_position - b.queue_position;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether a torrent passes the filters; `query` is `parseQuery(filters.query)`. */
export function matchesFilters(t: TorrentSnapshot, filters: Filters, query: (t: TorrentSnapshot) => boolean): boolean {
  if (!matchesStatus(t, filters.status)) return false;
  if (filters.category !== null && t.category !== filters.category) return false;
  if (filters.tag !== null && !t.tags.includes(filters.tag)) return false;
  if (!matchesTracker(t, filters.tracker)) return false;
  return query(t);
}

/** The list from scratch (the reference that `ListView`'s incremental updates must equal). */
export function filterAndSort(torrents: Iterable<TorrentSnapshot>, filters: Filters, sort: Sort): TorrentSnapshot[] {
  const query = parseQuery(filters.query);
  const out: TorrentSnapshot[] = [];
  for (const t of torrents) if (matchesFilters(t, filters, query)) out.push(t);
  const value = SORT_VALUE[sort.key];
  out.sort((a, b) => compareSorted(a, value(a), b, value(b), sort.descending));
  return out;
}

/** What a torrent contributes to the sidebar's counts; two equal keys contribute the same. */
export interface CountKey {
  mask: number;
  category: string;
  tags: readonly string[];
  hosts: readonly string[];
  trackerStatus: string;
}

export function countKeyOf(t: TorrentSnapshot): CountKey {
  return { mask: statusMask(t), category: t.category, tags: t.tags, hosts: t.tracker_hosts, trackerStatus: t.tracker_status };
}

export function sameCountKey(a: CountKey, b: CountKey): boolean {
  return a.mask === b.mask && a.category === b.category && a.trackerStatus === b.trackerStatus
    && sameList(a.tags, b.tags) && sameList(a.hosts, b.hosts);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Sidebar counts that torrents can be added to and taken from (a name whose count drops to 0 goes). */
export class CountsTally {
  private readonly byStatus = new Array<number>(STATUS_FILTERS.length).fill(0);
  private readonly categories = new Map<string, number>();
  private readonly tags = new Map<string, number>();
  private readonly trackers = new Map<string, number>();
  private trackerless = 0;
  private failing = 0;

  /** `sign` 1 adds the torrent, -1 takes it away. */
  apply(k: CountKey, sign: 1 | -1): void {
    for (let i = 0; i < STATUS_FILTERS.length; i++) if (k.mask & (1 << i)) this.byStatus[i]! += sign;
    bump(this.categories, k.category, sign);
    for (const tag of k.tags) bump(this.tags, tag, sign);
    for (const host of k.hosts) bump(this.trackers, host, sign);
    if (k.trackerStatus === 'none') this.trackerless += sign;
    if (k.trackerStatus === 'error') this.failing += sign;
  }

  /** A copy, so the views may keep it while the tally moves on. */
  snapshot(): SidebarCounts {
    const status = new Map<StatusFilter, number>(STATUS_FILTERS.map((f, i) => [f.key, this.byStatus[i]!]));
    const trackers = new Map<string, number>([[TRACKERLESS, this.trackerless], [TRACKER_ERROR, this.failing], ...this.trackers]);
    return { status, categories: new Map(this.categories), tags: new Map(this.tags), trackers };
  }
}

function bump(counts: Map<string, number>, key: string, sign: 1 | -1): void {
  const n = (counts.get(key) ?? 0) + sign;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

export function sidebarCounts(torrents: Iterable<TorrentSnapshot>): SidebarCounts {
  const tally = new CountsTally();
  for (const t of torrents) tally.apply(countKeyOf(t), 1);
  return tally.snapshot();
}

export function visibleStatusFilters(counts: SidebarCounts, selected: StatusFilter): StatusFilter[] {
  return STATUS_FILTERS.map((f) => f.key).filter(
    (k) => k === selected || !HIDDEN_WHEN_EMPTY.has(k) || (counts.status.get(k) ?? 0) > 0,
  );
}
