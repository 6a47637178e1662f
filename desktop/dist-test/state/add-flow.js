"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.addSources = addSources;
exports.startReviewed = startReviewed;
exports.cancelReviewed = cancelReviewed;
async function addSources(api, sources, c) {
    const common = {
        save_path: c.savePath || undefined,
        category: c.category,
        sequential: c.sequential,
        first_last_pieces: c.firstLastPieces,
    };
    const jobs = [];
    for (const uri of sources.magnets) {
        jobs.push(settle(uri, uri, () => api.call('add_magnet', { uri, ...common, paused: !c.review && c.startPaused, stop_after_metadata: c.review })));
    }
    for (const path of sources.torrentFiles) {
        jobs.push(settle(path, null, () => api.call('add_torrent', { path, ...common, paused: c.review || c.startPaused })));
    }
    for (const t of sources.torrentBytes) {
        jobs.push(settle(t.name, null, () => api.call('add_torrent', { metainfo: t.base64, ...common, paused: c.review || c.startPaused })));
    }
    return Promise.all(jobs);
}
async function settle(label, magnet, add) {
    try {
        const r = await add();
        return { ok: true, id: r.id, name: r.name, duplicate: r.duplicate, magnet, label };
    }
    catch (e) {
        return { ok: false, label, message: e.message };
    }
}
/**
 * Starts what "review first" added. A magnet whose metadata has not arrived yet was added to stop after it; to
 * start it at once it is added again without that (same id, nothing was downloaded).
 */
async function startReviewed(api, added, c, hasMetadata) {
    for (const a of added) {
        if (!a.ok || a.duplicate)
            continue;
        if (a.magnet && !hasMetadata(a.id)) {
            await api.call('remove', { ids: a.id, delete_data: false });
            await api.call('add_magnet', {
                uri: a.magnet, save_path: c.savePath || undefined, category: c.category, paused: c.startPaused,
                sequential: c.sequential, first_last_pieces: c.firstLastPieces,
            });
        }
        else if (!c.startPaused) {
            await api.call('resume', { ids: a.id });
        }
    }
}
/** Cancelling a review removes what it added (with any data), never a torrent that was already there. */
async function cancelReviewed(api, added) {
    const ids = added.filter((a) => a.ok && !a.duplicate).map((a) => a.id);
    if (ids.length > 0)
        await api.call('remove', { ids, delete_data: true });
}
