// The search box's grammar: words are ANDed and match the name; "a phrase" matches as written; -word excludes;
// /regex/ matches the name; field:value matches a field (category:, tag:, state:, path:, tracker:).
import type { TorrentSnapshot } from '../api/rpc-types.gen';

type Term = { negate: boolean; test: (t: TorrentSnapshot) => boolean };

/**
 * Lower-cased text, remembered: the list filters every torrent again at each delta (four times a second), and
 * lower-casing 10,000 names each time cost more than the rest of the filter. Names rarely change, so the
 * cache stays about the size of the list; it starts over if it ever grows far past that.
 */
const lowered = new Map<string, string>();
function lower(text: string): string {
  let l = lowered.get(text);
  if (l === undefined) {
    if (lowered.size > 100_000) lowered.clear();
    l = text.toLowerCase();
    lowered.set(text, l);
  }
  return l;
}

const FIELDS: Record<string, (t: TorrentSnapshot) => string[]> = {
  category: (t) => [t.category],
  cat: (t) => [t.category],
  tag: (t) => t.tags,
  state: (t) => [t.state],
  path: (t) => [t.save_path],
  tracker: (t) => t.tracker_hosts,
  id: (t) => [t.id],
};

export function parseQuery(query: string): (t: TorrentSnapshot) => boolean {
  const terms: Term[] = [];
  const re = /(-?)(?:"([^"]*)"|\/((?:[^/\\]|\\.)+)\/([i]?)|(\S+))/g;
  for (const m of query.matchAll(re)) {
    const negate = m[1] === '-';
    if (m[2] !== undefined) {
      const phrase = m[2].toLowerCase();
      if (phrase) terms.push({ negate, test: (t) => lower(t.name).includes(phrase) });
    } else if (m[3] !== undefined) {
      let regex: RegExp | null = null;
      try {
        regex = new RegExp(m[3], 'i');
      } catch {
        regex = null; // an unfinished regex while typing matches as plain text
      }
      const text = m[3].toLowerCase();
      terms.push({ negate, test: (t) => (regex ? regex.test(t.name) : lower(t.name).includes(text)) });
    } else if (m[5] !== undefined) {
      const word = m[5];
      const colon = word.indexOf(':');
      const field = colon > 0 ? FIELDS[word.slice(0, colon).toLowerCase()] : undefined;
      if (field) {
        const value = word.slice(colon + 1).toLowerCase();
        terms.push({ negate, test: (t) => field(t).some((v) => lower(v).includes(value)) });
      } else {
        const w = word.toLowerCase();
        if (negate && w === '') continue;
        terms.push({ negate, test: (t) => lower(t.name).includes(w) });
      }
    }
  }
  if (terms.length === 0) return () => true;
  return (t) => terms.every((term) => term.test(t) !== term.negate);
}
