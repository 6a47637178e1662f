// Tags as the user types them, and what adding and removing some does to a torrent's own.

/** Tags typed as "a, b c" (commas or spaces): trimmed, empty ones dropped, each once. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean))];
}

/** A torrent's tags with `add` added and `remove` removed; its other tags stay, in their order. */
export function editTags(current: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const gone = new Set(remove);
  return [...new Set([...current, ...add])].filter((t) => !gone.has(t));
}
