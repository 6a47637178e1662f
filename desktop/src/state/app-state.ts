// The UI's shared state: the torrent store, what the list shows, the selection, the user's preferences, and
// which panel or dialog is open. Components read it and call its methods; `change` tells them to re-render.
import type { TorrentSnapshot } from '../api/rpc-types.gen';
import type { TorpeddoApi } from '../api/torpeddo-api';
import type { Filters, SidebarCounts, Sort } from './list-model';
import { ListView } from './list-view';
import { loadPrefs, savePrefs, type Prefs } from './prefs';
import { TorrentStore, type StoreChange } from './torrent-store';

export type InspectorTab = 'general' | 'files' | 'peers' | 'trackers' | 'pieces' | 'speed';
export type Dialog =
  | { kind: 'none' }
  | { kind: 'add'; magnets: string[]; torrentFiles: string[]; torrentBytes: { name: string; base64: string }[] }
  | { kind: 'settings' }
  | { kind: 'palette' }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'labels'; ids: string[] }
  | { kind: 'shortcuts' };

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export type ChangeKind = 'torrents' | 'view' | 'selection' | 'prefs' | 'dialog' | 'connection' | 'toasts' | 'inspector';

export class AppState extends EventTarget {
  readonly store: TorrentStore;
  prefs: Prefs;
  filters: Filters = { status: 'all', category: null, tag: null, tracker: null, query: '' };
  visible: TorrentSnapshot[] = [];
  counts: SidebarCounts = { status: new Map(), categories: new Map(), tags: new Map(), trackers: new Map() };
  readonly selected = new Set<string>();
  /** The row the keyboard is on and the inspector shows. */
  focused: string | null = null;
  /** Where a shift-click range starts. */
  anchor: string | null = null;
  inspectorOpen = true;
  inspectorTab: InspectorTab = 'general';
  dialog: Dialog = { kind: 'none' };
  toasts: Toast[] = [];
  private nextToast = 1;
  private recomputeQueued = false;
  private readonly list: ListView;
  /** Ids the store changed since the last recompute, or 'all' after a full sync. */
  private dirty: Set<string> | 'all' = 'all';

  constructor(readonly api: TorpeddoApi) {
    super();
    this.prefs = loadPrefs();
    this.store = new TorrentStore(api);
    this.list = new ListView(this.filters, this.prefs.sort);
    this.store.addEventListener('change', (e) => {
      const change = (e as CustomEvent<StoreChange>).detail;
      if (change.full) this.dirty = 'all';
      else if (this.dirty !== 'all') {
        for (const id of change.changed) this.dirty.add(id);
        for (const id of change.removed) this.dirty.add(id);
      }
      this.scheduleRecompute();
    });
    this.store.addEventListener('connection', () => this.emit('connection'));
  }

  get sort(): Sort {
    return this.prefs.sort;
  }

  start(): void {
    this.store.attach();
    void this.api.native.setPreferences({ notifications: this.prefs.notifications });
  }

  emit(kind: ChangeKind): void {
    this.dispatchEvent(new CustomEvent<ChangeKind>('change', { detail: kind }));
  }

  /** Deltas arrive up to four times a second; recompute the list once per frame at most. */
  private scheduleRecompute(): void {
    if (this.recomputeQueued) return;
    this.recomputeQueued = true;
    requestAnimationFrame(() => {
      this.recomputeQueued = false;
      this.recompute();
    });
  }

  /** Brings the list and the counts up to date: only the torrents that changed, unless everything did. */
  recompute(): void {
    if (this.dirty === 'all') this.list.rebuild(this.store.torrents, this.filters, this.sort);
    else this.list.update(this.store.torrents, this.dirty);
    this.dirty = new Set();
    this.visible = this.list.visible;
    this.counts = this.list.counts;
    for (const id of this.selected) if (!this.store.torrents.has(id)) this.selected.delete(id);
    if (this.focused && !this.store.torrents.has(this.focused)) this.focused = null;
    this.emit('torrents');
  }

  setFilters(patch: Partial<Filters>): void {
    this.filters = { ...this.filters, ...patch };
    this.dirty = 'all';
    this.recompute();
    this.emit('view');
  }

  setSort(sort: Sort): void {
    this.updatePrefs({ sort });
    this.dirty = 'all';
    this.recompute();
  }

  updatePrefs(patch: Partial<Prefs>): void {
    this.prefs = { ...this.prefs, ...patch };
    savePrefs(this.prefs);
    if ('notifications' in patch) void this.api.native.setPreferences({ notifications: this.prefs.notifications });
    this.emit('prefs');
  }

  /** The ids an action applies to: the selection, or the focused row when nothing is selected. */
  targets(): string[] {
    if (this.selected.size > 0) return [...this.selected];
    return this.focused ? [this.focused] : [];
  }

  focusedTorrent(): TorrentSnapshot | undefined {
    return this.focused ? this.store.get(this.focused) : undefined;
  }

  select(id: string, mode: 'only' | 'toggle' | 'range'): void {
    if (mode === 'only') {
      this.selected.clear();
      this.selected.add(id);
      this.anchor = id;
    } else if (mode === 'toggle') {
      if (this.selected.has(id)) this.selected.delete(id);
      else this.selected.add(id);
      this.anchor = id;
    } else {
      const ids = this.visible.map((t) => t.id);
      const from = ids.indexOf(this.anchor ?? id);
      const to = ids.indexOf(id);
      this.selected.clear();
      const [a, b] = from < 0 ? [to, to] : from < to ? [from, to] : [to, from];
      for (let i = a; i <= b; i++) this.selected.add(ids[i]!);
    }
    this.focused = id;
    this.emit('selection');
  }

  selectAll(): void {
    for (const t of this.visible) this.selected.add(t.id);
    this.emit('selection');
  }

  clearSelection(): void {
    this.selected.clear();
    this.emit('selection');
  }

  /** Moves the keyboard focus by `delta` rows (or to an end), selecting like a file manager. */
  moveFocus(delta: number | 'first' | 'last', extend: boolean): void {
    if (this.visible.length === 0) return;
    const ids = this.visible.map((t) => t.id);
    const at = this.focused ? ids.indexOf(this.focused) : -1;
    let next: number;
    if (delta === 'first') next = 0;
    else if (delta === 'last') next = ids.length - 1;
    else next = Math.max(0, Math.min(ids.length - 1, (at < 0 ? (delta > 0 ? -1 : ids.length) : at) + delta));
    this.select(ids[next]!, extend ? 'range' : 'only');
  }

  open(dialog: Dialog): void {
    this.dialog = dialog;
    this.emit('dialog');
  }

  close(): void {
    this.dialog = { kind: 'none' };
    this.emit('dialog');
  }

  showInspector(tab?: InspectorTab): void {
    this.inspectorOpen = true;
    if (tab) this.inspectorTab = tab;
    this.emit('inspector');
  }

  toggleInspector(): void {
    this.inspectorOpen = !this.inspectorOpen;
    this.emit('inspector');
  }

  toast(kind: Toast['kind'], text: string): void {
    const toast = { id: this.nextToast++, kind, text };
    this.toasts = [...this.toasts, toast].slice(-4);
    this.emit('toasts');
    setTimeout(() => this.dismiss(toast.id), kind === 'error' ? 8000 : 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
    this.emit('toasts');
  }

  /** Calls the backend and shows a failure to the user instead of throwing. */
  async run<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (e) {
      const message = e instanceof Error ? e.message : String((e as { message?: string })?.message ?? e);
      this.toast('error', `${what}: ${message}`);
      return undefined;
    }
  }
}
