// Turning what the user pastes or drops into things the backend can add.

/** Magnet links, and bare 40-hex info-hashes as magnets, found in text (one per line or space-separated). */
export function extractLinks(text: string): string[] {
  const out: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (/^magnet:\?/i.test(token)) out.push(token);
    else if (/^[0-9a-f]{40}$/i.test(token)) out.push(`magnet:?xt=urn:btih:${token.toLowerCase()}`);
  }
  return [...new Set(out)];
}

/** Dropped .torrent files as base64 (the backend's `add_torrent` takes `metainfo`), at most 64 MiB each. */
export async function readDroppedTorrents(files: FileList): Promise<{ name: string; base64: string }[]> {
  const out: { name: string; base64: string }[] = [];
  for (const f of Array.from(files)) {
    if (!f.name.toLowerCase().endsWith('.torrent') || f.size > 64 * 1024 * 1024) continue;
    out.push({ name: f.name, base64: toBase64(new Uint8Array(await f.arrayBuffer())) });
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
