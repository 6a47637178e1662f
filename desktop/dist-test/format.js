"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bytes = bytes;
exports.rate = rate;
exports.duration = duration;
exports.eta = eta;
exports.percent = percent;
exports.ratio = ratio;
exports.count = count;
exports.dateTime = dateTime;
exports.parseRate = parseRate;
// How numbers read in the UI: binary units like qBittorrent, tabular digits, a dash instead of "0 B/s".
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
function bytes(n) {
    if (!Number.isFinite(n) || n < 0)
        return '–';
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
    return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
function rate(n) {
    return n > 0 ? `${bytes(n)}/s` : '–';
}
/** A duration in seconds, as the two largest units ("3h 12m"); "∞" for unknown (-1). */
function duration(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0)
        return '∞';
    const s = Math.round(seconds);
    if (s < 60)
        return `${s}s`;
    const units = [[86400 * 365, 'y'], [86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
    const parts = [];
    let rest = s;
    for (const [size, label] of units) {
        if (rest >= size || parts.length > 0) {
            parts.push(`${Math.floor(rest / size)}${label}`);
            rest %= size;
        }
        if (parts.length === 2)
            break;
    }
    return parts.join(' ');
}
function eta(seconds) {
    return seconds < 0 ? '–' : duration(seconds);
}
function percent(fraction) {
    if (fraction >= 1)
        return '100%';
    const p = Math.max(0, fraction) * 100;
    return `${p < 10 ? p.toFixed(1) : Math.floor(p)}%`;
}
function ratio(r) {
    if (!Number.isFinite(r) || r < 0)
        return '∞';
    return r.toFixed(2);
}
function count(n) {
    return n < 0 ? '–' : String(n);
}
/** Epoch seconds as a local date and time; "–" for 0 (never). */
function dateTime(epochSeconds) {
    if (!epochSeconds || epochSeconds <= 0)
        return '–';
    return new Date(epochSeconds * 1000).toLocaleString(undefined, {
        year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
    });
}
/**
 * Parses a rate typed by the user: "500KiB", "8 MiB", "1.5M", "2000" (bytes). Returns bytes per second, or null
 * when it is not a rate. "0" and "" are no limit (0).
 */
function parseRate(text) {
    const t = text.trim().replace(/\/s$/i, '');
    if (t === '' || t === '∞')
        return 0;
    const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)$/i.exec(t);
    if (!m)
        return null;
    const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase()] ?? 1;
    return Math.round(Number.parseFloat(m[1]) * scale);
}
