"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_PREFS = exports.DEFAULT_COLUMNS = void 0;
exports.loadPrefs = loadPrefs;
exports.savePrefs = savePrefs;
exports.DEFAULT_COLUMNS = [
    { key: 'queue', width: 44, visible: false },
    { key: 'name', width: 360, visible: true },
    { key: 'size', width: 90, visible: true },
    { key: 'progress', width: 150, visible: true },
    { key: 'state', width: 150, visible: true },
    { key: 'download_rate', width: 96, visible: true },
    { key: 'upload_rate', width: 96, visible: true },
    { key: 'eta', width: 80, visible: true },
    { key: 'ratio', width: 64, visible: true },
    { key: 'peers', width: 84, visible: true },
    { key: 'seeds', width: 84, visible: false },
    { key: 'added', width: 150, visible: false },
    { key: 'save_path', width: 220, visible: false },
    { key: 'category', width: 110, visible: false },
    { key: 'uploaded', width: 96, visible: false },
    { key: 'downloaded', width: 96, visible: false },
];
exports.DEFAULT_PREFS = {
    theme: 'system',
    density: 'compact',
    reducedMotion: false,
    notifications: true,
    columns: exports.DEFAULT_COLUMNS,
    sort: { key: 'queue', descending: false },
    inspectorHeight: 300,
    sidebarCollapsed: false,
};
const KEY = 'torpeddo.prefs.v1';
function loadPrefs(storage = globalThis.localStorage) {
    try {
        const raw = storage?.getItem(KEY);
        if (!raw)
            return structuredClone(exports.DEFAULT_PREFS);
        const saved = JSON.parse(raw);
        const prefs = { ...structuredClone(exports.DEFAULT_PREFS), ...saved };
        // Columns: keep the user's order and widths, add columns a newer version introduced, drop unknown ones.
        const known = new Map(exports.DEFAULT_COLUMNS.map((c) => [c.key, c]));
        const columns = (Array.isArray(saved.columns) ? saved.columns : []).filter((c) => known.has(c.key));
        for (const c of exports.DEFAULT_COLUMNS)
            if (!columns.some((s) => s.key === c.key))
                columns.push({ ...c });
        prefs.columns = columns.map((c) => ({ ...c, width: Math.max(40, Math.min(1200, Number(c.width) || 100)) }));
        return prefs;
    }
    catch {
        return structuredClone(exports.DEFAULT_PREFS);
    }
}
function savePrefs(prefs, storage = globalThis.localStorage) {
    try {
        storage?.setItem(KEY, JSON.stringify(prefs));
    }
    catch {
        // Storage full or disabled: the choice lasts for this session only.
    }
}
