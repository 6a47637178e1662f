// The list as the user sees it (filtered, sorted) and the sidebar's counts, kept up to date as deltas arrive.
// A delta usually changes rates and progress of a few thousand torrents and nothing that decides which
// rows show, their order or the counts: those torrents are replaced where they stand, and only torrents whose
// filter result, sort value or counted fields changed are taken out and merged back in (O(n + k log k)
// instead of filtering and sorting all n). `list-model.ts` computes the same from scratch; tests hold the two
// equal.
import type { TorrentSnapshot } from '../api/rpc-types.gen';
import {
  compareSorted, countKeyOf, CountsTally, matchesFilters, sameCountKey, sortKeyOf,
  type CountKey, type Filters, type SidebarCounts, type Sort,
} from './list-model';
import { parseQuery } from './search-query';

interface Entry {
  t: TorrentSnapshot;
  shown: boolean;
  value: number | string;
  counted: CountKey;
}

export class ListView {
  visible: TorrentSnapshot[] = [];
  counts: SidebarCounts;
  private readonly entries = new Map<string, Entry>();
  /** The shown entries in list order, and where each id stands in it. */
  private rows: Entry[] = [];
  private readonly index = new Map<string, number>();
  private tally = new CountsTally();
  private filters: Filters;
  private sort: Sort;
  private query: (t: TorrentSnapshot) => boolean;
  private value: (t: TorrentSnapshot) => number | string;

  constructor(filters: Filters, sort: Sort) {
    this.filters = filters;
    this.sort = sort;
    this.query = parseQuery(filters.query);
    this.value = sortKeyOf(sort);
    this.counts = this.tally.snapshot();
  }

  /** Everything afresh: after a full sync, or when the filters or the sort changed. */
  rebuild(torrents: ReadonlyMap<string, TorrentSnapshot>, filters: Filters, sort: Sort): void {
    this.filters = filters;
    this.sort = sort;
    this.query = parseQuery(filters.query);
    this.value = sortKeyOf(sort);
    this.entries.clear();
    this.tally = new CountsTally();
    const shown: Entry[] = [];
    for (const t of torrents.values()) {
      const e = this.entryFor(t);
      this.entries.set(t.id, e);
      this.tally.apply(e.counted, 1);
      if (e.shown) shown.push(e);
    }
    shown.sort((a, b) => this.compare(a, b));
    this.setRows(shown);
    this.counts = this.tally.snapshot();
  }

  /**
   * The store changed these ids (changed, added or removed; `torrents` says which); filters and sort are as
   * at the last rebuild. Returns whether the counts changed.
   */
  update(torrents: ReadonlyMap<string, TorrentSnapshot>, dirty: Iterable<string>): boolean {
    const leaving = new Set<string>();
    const arriving: Entry[] = [];
    let replaced = false;
    // `index` refers to the rows before this update until `reorder` or `setRows` builds the new ones.
    let countsChanged = false;
    for (const id of dirty) {
      const old = this.entries.get(id);
      const t = torrents.get(id);
      if (!t) {
        if (!old) continue;
        this.entries.delete(id);
        this.tally.apply(old.counted, -1);
        countsChanged = true;
        if (old.shown) leaving.add(id);
        continue;
      }
      const e = this.entryFor(t);
      this.entries.set(id, e);
      if (!old) {
        this.tally.apply(e.counted, 1);
        countsChanged = true;
      } else if (!sameCountKey(old.counted, e.counted)) {
        this.tally.apply(old.counted, -1);
        this.tally.apply(e.counted, 1);
        countsChanged = true;
      }
      if (old?.shown && e.shown && this.compare(old, e) === 0) {
        this.rows[this.index.get(id)!] = e;
        replaced = true;
      } else {
        if (old?.shown) leaving.add(id);
        if (e.shown) arriving.push(e);
      }
    }
    if (leaving.size > 0 || arriving.length > 0) this.reorder(leaving, arriving);
    else if (replaced) this.visible = this.rows.map((e) => e.t); // a new array: views compare by identity
    if (countsChanged) this.counts = this.tally.snapshot();
    return countsChanged;
  }

  /** Rows that stay keep their order; arrivals are sorted and merged in. */
  private reorder(leaving: Set<string>, arriving: Entry[]): void {
    const staying = leaving.size === 0 ? this.rows : this.rows.filter((e) => !leaving.has(e.t.id));
    arriving.sort((a, b) => this.compare(a, b));
    const out = new Array<Entry>(staying.length + arriving.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < staying.length && j < arriving.length) {
      out[k++] = this.compare(staying[i]!, arriving[j]!) <= 0 ? staying[i++]! : arriving[j++]!;
    }
    while (i < staying.length) out[k++] = staying[i++]!;
    while (j < arriving.length) out[k++] = arriving[j++]!;
    this.setRows(out);
  }

  private setRows(rows: Entry[]): void {
    this.rows = rows;
    this.index.clear();
    rows.forEach((e, i) => this.index.set(e.t.id, i));
    this.visible = rows.map((e) => e.t);
  }

  private entryFor(t: TorrentSnapshot): Entry {
    return { t, shown: matchesFilters(t, this.filters, this.query), value: this.value(t), counted: countKeyOf(t) };
  }

  private compare(a: Entry, b: Entry): number {
    return compareSorted(a.t, a.value, b.t, b.value, this.sort.descending);
  }
}
