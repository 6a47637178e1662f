"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TRACKER_ERROR = exports.TRACKERLESS = void 0;
exports.matchesTracker = matchesTracker;
exports.filterAndSort = filterAndSort;
exports.sidebarCounts = sidebarCounts;
exports.visibleStatusFilters = visibleStatusFilters;
const search_query_1 = require("./search-query");
const status_filter_1 = require("./status-filter");
/** Tracker filters that are not a host (host names never start with a space). */
exports.TRACKERLESS = ' none';
exports.TRACKER_ERROR = ' error';
function matchesTracker(t, tracker) {
    if (tracker === null)
        return true;
    if (tracker === exports.TRACKERLESS)
        return t.tracker_status === 'none';
    if (tracker === exports.TRACKER_ERROR)
        return t.tracker_status === 'error';
    return t.tracker_hosts.includes(tracker);
}
const SORT_VALUE = {
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
function filterAndSort(torrents, filters, sort) {
    const query = (0, search_query_1.parseQuery)(filters.query);
    const out = [];
    for (const t of torrents) {
        if (!(0, status_filter_1.matchesStatus)(t, filters.status))
            continue;
        if (filters.category !== null && t.category !== filters.category)
            continue;
        if (filters.tag !== null && !t.tags.includes(filters.tag))
            continue;
        if (!matchesTracker(t, filters.tracker))
            continue;
        if (!query(t))
            continue;
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
function sidebarCounts(torrents) {
    const status = new Map(status_filter_1.STATUS_FILTERS.map((f) => [f.key, 0]));
    const categories = new Map();
    const tags = new Map();
    const trackers = new Map([[exports.TRACKERLESS, 0], [exports.TRACKER_ERROR, 0]]);
    for (const t of torrents) {
        for (const host of t.tracker_hosts)
            trackers.set(host, (trackers.get(host) ?? 0) + 1);
        if (t.tracker_status === 'none')
            trackers.set(exports.TRACKERLESS, trackers.get(exports.TRACKERLESS) + 1);
        if (t.tracker_status === 'error')
            trackers.set(exports.TRACKER_ERROR, trackers.get(exports.TRACKER_ERROR) + 1);
        for (const f of status_filter_1.STATUS_FILTERS)
            if ((0, status_filter_1.matchesStatus)(t, f.key))
                status.set(f.key, (status.get(f.key) ?? 0) + 1);
        categories.set(t.category, (categories.get(t.category) ?? 0) + 1);
        for (const tag of t.tags)
            tags.set(tag, (tags.get(tag) ?? 0) + 1);
    }
    return { status, categories, tags, trackers };
}
function visibleStatusFilters(counts, selected) {
    return status_filter_1.STATUS_FILTERS.map((f) => f.key).filter((k) => k === selected || !status_filter_1.HIDDEN_WHEN_EMPTY.has(k) || (counts.status.get(k) ?? 0) > 0);
}
