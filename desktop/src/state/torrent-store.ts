// The renderer's copy of every torrent, kept equal to the backend's by `state_delta` pushes and `sync` (see
// docs/rpc.md "Subscriptions"). Views listen for `change` and re-render only what changed.
import type { Delta, SessionSnapshot, StateDeltaNotification, TorrentFields, TorrentSnapshot } from '../api/rpc-types.gen';
import type { ConnectionState, TorpeddoApi } from '../api/torpeddo-api';

export interface StoreChange {
  /** Ids whose fields changed (or that appeared). */
  changed: Set<string>;
  removed: Set<string>;
  /** The whole set was replaced (first sync, a restarted backend). */
  full: boolean;
  session: boolean;
}

export interface RateSample {
  at: number;
  down: number;
  up: number;
}

const HISTORY_SAMPLES = 3600;

/** The clock fields as they stand now, counted on from the values last received. */
export interface Clocks {
  active_seconds: number;
  seeding_seconds: number;
  next_announce: number;
}

// The backend sends these about once a minute on their own (subscribe's clock_step, set by the supervisor).
const CLOCK_FIELDS = ['active_seconds', 'seeding_seconds', 'next_announce'] as const;

export class TorrentStore extends EventTarget {
  readonly torrents = new Map<string, TorrentSnapshot>();
  session: SessionSnapshot | null = null;
  revision = 0;
  connection: ConnectionState = { state: 'connecting' };
  /** Session rates, one sample per delta, newest last (the status bar's and speed graph's history). */
  readonly sessionHistory: RateSample[] = [];
  /** When each torrent's clock fields last arrived (the store's clock, ms), in CLOCK_FIELDS order. */
  private readonly clockAt = new Map<string, [number, number, number]>();
  private syncing: Promise<void> | null = null;
  private pendingDeltas: StateDeltaNotification[] = [];

  constructor(private readonly api: TorpeddoApi, private readonly now: () => number = () => Date.now()) {
    super();
  }

  /** Starts listening; the first `connected` triggers the initial sync. */
  attach(): () => void {
    const offDelta = this.api.on('state_delta', (d) => this.onDelta(d));
    const offConn = this.api.onConnection((c) => {
      this.connection = c;
      this.dispatchEvent(new CustomEvent('connection', { detail: c }));
      // `connected` comes after every (re)start of the backend, and a new backend counts revisions from 0
      // again: our revision means nothing to it, so take everything afresh.
      if (c.state === 'connected') {
        this.revision = 0;
        this.pendingDeltas = [];
        void this.resync();
      }
    });
    return () => {
      offDelta();
      offConn();
    };
  }

  get(id: string): TorrentSnapshot | undefined {
    return this.torrents.get(id);
  }

  /**
   * A torrent's clock fields now: the backend sends them about once a minute on their own (docs/rpc.md, clock
   * fields), so count on from what it last said, by the torrent's state.
   */
  clocks(t: TorrentSnapshot, now = this.now()): Clocks {
    const at = this.clockAt.get(t.id);
    const since = (i: number) => (at ? Math.max(0, Math.floor((now - at[i]!) / 1000)) : 0);
    const active = t.state === 'downloading' || t.state === 'seeding';
    return {
      active_seconds: t.active_seconds + (active ? since(0) : 0),
      seeding_seconds: t.seeding_seconds + (t.state === 'seeding' ? since(1) : 0),
      next_announce: t.next_announce < 0 ? t.next_announce : Math.max(0, t.next_announce - since(2)),
    };
  }

  /** Fetches what changed since our revision (a full snapshot when the backend cannot say). */
  resync(): Promise<void> {
    if (this.syncing) return this.syncing;
    this.syncing = (async () => {
      let delta: Delta;
      try {
        delta = await this.api.call('sync', this.revision > 0 ? { revision: this.revision } : {});
      } finally {
        this.syncing = null;
      }
      this.applyDelta(delta);
      // Deltas that arrived while sync was in flight: apply those newer than what sync returned.
      const queued = this.pendingDeltas.filter((d) => d.revision > this.revision);
      this.pendingDeltas = [];
      for (const d of queued) this.onDelta(d);
    })();
    return this.syncing;
  }

  private onDelta(d: StateDeltaNotification): void {
    if (this.syncing) {
      this.pendingDeltas.push(d);
      return;
    }
    if (d.revision <= this.revision) return;
    if (this.revision > 0 && d.revision !== this.revision + 1) {
      // A gap we cannot explain: ask for what we missed rather than guess.
      void this.resync();
      return;
    }
    this.applyDelta({ revision: d.revision, full: false, torrents: d.torrents, removed: d.removed, session: d.session });
  }

  /** Applies a delta (or a full snapshot); public for tests and the benchmark's fake backend. */
  applyDelta(delta: Delta): StoreChange {
    const change: StoreChange = { changed: new Set(), removed: new Set(), full: delta.full, session: false };
    if (delta.full) {
      for (const id of this.torrents.keys()) change.removed.add(id);
      this.torrents.clear();
      this.clockAt.clear();
    }
    for (const fields of delta.torrents) this.merge(fields, change);
    for (const id of delta.removed) {
      if (this.torrents.delete(id)) change.removed.add(id);
      this.clockAt.delete(id);
    }
    for (const id of change.changed) change.removed.delete(id);
    if (delta.session) {
      this.session = delta.session;
      change.session = true;
      this.sessionHistory.push({ at: this.now(), down: delta.session.download_rate, up: delta.session.upload_rate });
      if (this.sessionHistory.length > HISTORY_SAMPLES) this.sessionHistory.splice(0, this.sessionHistory.length - HISTORY_SAMPLES);
    }
    this.revision = delta.revision;
    this.dispatchEvent(new CustomEvent<StoreChange>('change', { detail: change }));
    return change;
  }

  private merge(fields: TorrentFields, change: StoreChange): void {
    const existing = this.torrents.get(fields.id);
    // A new torrent arrives whole; an existing one gets only its changed fields. Replace the object so views
    // that compare by identity see the change.
    this.torrents.set(fields.id, existing ? { ...existing, ...fields } : (fields as TorrentSnapshot));
    change.changed.add(fields.id);
    let at = this.clockAt.get(fields.id);
    CLOCK_FIELDS.forEach((f, i) => {
      if (!(f in fields)) return;
      at ??= [0, 0, 0];
      at[i] = this.now();
    });
    if (at) this.clockAt.set(fields.id, at);
  }
}
