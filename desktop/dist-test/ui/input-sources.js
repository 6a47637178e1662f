"use strict";
// Turning what the user pastes or drops into things the backend can add.
Object.defineProperty(exports, "__esModule", { value: true });
exports.extractLinks = extractLinks;
exports.readDroppedTorrents = readDroppedTorrents;
exports.toBase64 = toBase64;
/** Magnet links, and bare 40-hex info-hashes as magnets, found in text (one per line or space-separated). */
function extractLinks(text) {
    const out = [];
    for (const token of text.split(/\s+/)) {
        if (/^magnet:\?/i.test(token))
            out.push(token);
        else if (/^[0-9a-f]{40}$/i.test(token))
            out.push(`magnet:?xt=urn:btih:${token.toLowerCase()}`);
    }
    return [...new Set(out)];
}
/** Dropped .torrent files as base64 (the backend's `add_torrent` takes `metainfo`), at most 64 MiB each. */
async function readDroppedTorrents(files) {
    const out = [];
    for (const f of Array.from(files)) {
        if (!f.name.toLowerCase().endsWith('.torrent') || f.size > 64 * 1024 * 1024)
            continue;
        out.push({ name: f.name, base64: toBase64(new Uint8Array(await f.arrayBuffer())) });
    }
    return out;
}
function toBase64(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
        s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
}
