"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TorrentStore = void 0;
const HISTORY_SAMPLES = 3600;
class TorrentStore extends EventTarget {
    constructor(api, now = () => Date.now()) {
        super();
        this.api = api;
        this.now = now;
        this.torrents = new Map();
        this.session = null;
        this.revision = 0;
        this.connection = { state: 'connecting' };
        /** Session rates, one sample per delta, newest last (the status bar's and speed graph's history). */
        this.sessionHistory = [];
        this.syncing = null;
        this.pendingDeltas = [];
    }
    /** Starts listening; the first `connected` triggers the initial sync. */
    attach() {
        const offDelta = this.api.on('state_delta', (d) => this.onDelta(d));
        const offConn = this.api.onConnection((c) => {
            this.connection = c;
            this.dispatchEvent(new CustomEvent('connection', { detail: c }));
            if (c.state === 'connected')
                void this.resync();
        });
        return () => {
            offDelta();
            offConn();
        };
    }
    get(id) {
        return this.torrents.get(id);
    }
    /** Fetches what changed since our revision (a full snapshot when the backend cannot say). */
    resync() {
        if (this.syncing)
            return this.syncing;
        this.syncing = (async () => {
            let delta;
            try {
                delta = await this.api.call('sync', this.revision > 0 ? { revision: this.revision } : {});
            }
            finally {
                this.syncing = null;
            }
            this.applyDelta(delta);
            // Deltas that arrived while sync was in flight: apply those newer than what sync returned.
            const queued = this.pendingDeltas.filter((d) => d.revision > this.revision);
            this.pendingDeltas = [];
            for (const d of queued)
                this.onDelta(d);
        })();
        return this.syncing;
    }
    onDelta(d) {
        if (this.syncing) {
            this.pendingDeltas.push(d);
            return;
        }
        if (d.revision <= this.revision)
            return;
        if (this.revision > 0 && d.revision !== this.revision + 1) {
            // A gap we cannot explain: ask for what we missed rather than guess.
            void this.resync();
            return;
        }
        this.applyDelta({ revision: d.revision, full: false, torrents: d.torrents, removed: d.removed, session: d.session });
    }
    /** Applies a delta (or a full snapshot); public for tests and the benchmark's fake backend. */
    applyDelta(delta) {
        const change = { changed: new Set(), removed: new Set(), full: delta.full, session: false };
        if (delta.full) {
            for (const id of this.torrents.keys())
                change.removed.add(id);
            this.torrents.clear();
        }
        for (const fields of delta.torrents)
            this.merge(fields, change);
        for (const id of delta.removed) {
            if (this.torrents.delete(id))
                change.removed.add(id);
        }
        for (const id of change.changed)
            change.removed.delete(id);
        if (delta.session) {
            this.session = delta.session;
            change.session = true;
            this.sessionHistory.push({ at: this.now(), down: delta.session.download_rate, up: delta.session.upload_rate });
            if (this.sessionHistory.length > HISTORY_SAMPLES)
                this.sessionHistory.splice(0, this.sessionHistory.length - HISTORY_SAMPLES);
        }
        this.revision = delta.revision;
        this.dispatchEvent(new CustomEvent('change', { detail: change }));
        return change;
    }
    merge(fields, change) {
        const existing = this.torrents.get(fields.id);
        // A new torrent arrives whole; an existing one gets only its changed fields. Replace the object so views
        // that compare by identity see the change.
        this.torrents.set(fields.id, existing ? { ...existing, ...fields } : fields);
        change.changed.add(fields.id);
    }
}
exports.TorrentStore = TorrentStore;
