"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HIDDEN_WHEN_EMPTY = exports.STATUS_FILTERS = void 0;
exports.matchesStatus = matchesStatus;
exports.stateLabel = stateLabel;
exports.stateColor = stateColor;
exports.STATUS_FILTERS = [
    { key: 'all', label: 'All' },
    { key: 'downloading', label: 'Downloading' },
    { key: 'seeding', label: 'Seeding' },
    { key: 'completed', label: 'Completed' },
    { key: 'active', label: 'Active' },
    { key: 'inactive', label: 'Inactive' },
    { key: 'stalled', label: 'Stalled' },
    { key: 'paused', label: 'Paused' },
    { key: 'queued', label: 'Queued' },
    { key: 'checking', label: 'Checking' },
    { key: 'metadata', label: 'Fetching metadata' },
    { key: 'moving', label: 'Moving' },
    { key: 'errored', label: 'Errored' },
];
/** Rarely used filters are hidden from the sidebar while nothing matches them. */
exports.HIDDEN_WHEN_EMPTY = new Set(['checking', 'metadata', 'moving', 'errored', 'queued', 'stalled']);
function matchesStatus(t, f) {
    switch (f) {
        case 'all':
            return true;
        case 'downloading':
            return t.state === 'downloading' || t.state === 'fetching_metadata';
        case 'seeding':
            return t.state === 'seeding';
        case 'completed':
            return t.complete;
        case 'active':
            return t.download_rate > 0 || t.upload_rate > 0;
        case 'inactive':
            return t.download_rate === 0 && t.upload_rate === 0;
        case 'stalled':
            return t.stalled;
        case 'paused':
            return t.state === 'paused';
        case 'queued':
            return t.state === 'queued';
        case 'checking':
            return t.state === 'checking';
        case 'metadata':
            return t.state === 'fetching_metadata';
        case 'moving':
            return t.state === 'moving';
        case 'errored':
            return t.state === 'error';
    }
}
/** What the user reads for a state: seeding is "Seeding" only once complete, as users expect (MX#179). */
function stateLabel(t) {
    switch (t.state) {
        case 'fetching_metadata':
            return 'Fetching metadata';
        case 'checking':
            return 'Checking';
        case 'downloading':
            return t.stalled ? 'Stalled' : 'Downloading';
        case 'seeding':
            return t.stalled ? 'Seeding (idle)' : 'Seeding';
        case 'moving':
            return 'Moving';
        case 'paused':
            return t.complete ? 'Completed' : 'Paused';
        case 'queued':
            return 'Queued';
        case 'error':
            return 'Error';
    }
}
/** The CSS custom property holding the state's colour. */
function stateColor(t) {
    switch (t.state) {
        case 'fetching_metadata':
            return 'var(--st-fetching)';
        case 'checking':
            return 'var(--st-checking)';
        case 'downloading':
            return 'var(--st-downloading)';
        case 'seeding':
            return 'var(--st-seeding)';
        case 'moving':
            return 'var(--st-moving)';
        case 'paused':
            return t.complete ? 'var(--st-done)' : 'var(--st-paused)';
        case 'queued':
            return 'var(--st-queued)';
        case 'error':
            return 'var(--st-error)';
    }
}
