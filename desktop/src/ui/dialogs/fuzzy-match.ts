// Fuzzy matching for the command palette: every word of the query must appear in the text as a subsequence
// ("rchk" finds "Force recheck"). Among the ways a word can match, the best-scored one is kept: letters at word
// starts and runs of adjacent letters count more, skipped letters a little less. The matched positions come back
// so the palette can mark them. Fast enough to run over 10,000 torrent names on every key press: each text's
// lower-case form and word starts are computed once and cached, most texts are rejected by indexOf alone.

export interface FuzzyMatch {
  score: number;
  /** Positions in the text that matched, ascending. */
  indices: number[];
}

const START_BONUS = 8;
const FIRST_BONUS = 10;
const RUN_BONUS = 6;
const GAP_COST = 0.15;
const LEAD_COST = 0.2;

interface Prepared {
  lower: string;
  /** The bonus for a match at each position: the text's start, a word's start, or none. */
  bonus: Uint8Array;
}

const cache = new Map<string, Prepared>();
const CACHE_LIMIT = 50_000;

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const words = lowerSameLength(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { score: 0, indices: [] };
  const p = prepared(text);
  let score = 0;
  let indices: number[] = [];
  for (const w of words) {
    const m = matchWord(w, p);
    if (!m) return null;
    score += m.score;
    indices = words.length === 1 ? m.indices : indices.concat(m.indices);
  }
  // Among equal matches the shorter text is the closer one.
  score -= text.length * 0.01;
  if (words.length > 1) indices = [...new Set(indices)].sort((a, b) => a - b);
  return { score, indices };
}

function prepared(text: string): Prepared {
  let p = cache.get(text);
  if (p) return p;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const lower = lowerSameLength(text);
  const bonus = new Uint8Array(text.length);
  for (let j = 0; j < text.length; j++) bonus[j] = j === 0 ? FIRST_BONUS : isWordStart(text.charCodeAt(j - 1), text.charCodeAt(j)) ? START_BONUS : 0;
  p = { lower, bonus };
  cache.set(text, p);
  return p;
}

/** Lower case, except the few characters that would change length ("İ"): positions must stay the text's own. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from({ length: text.length }, (_, i) => {
    const l = text[i]!.toLowerCase();
    return l.length === 1 ? l : text[i]!;
  }).join('');
}

const SEPARATORS = new Set([...' \t._-/\\:()[]{},+'].map((c) => c.charCodeAt(0)));
const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;

/** After a separator, at a camelCase hump, or where digits begin ("Ubuntu24"). */
function isWordStart(prev: number, here: number): boolean {
  return SEPARATORS.has(prev) || (isLower(prev) && isUpper(here)) || (!isDigit(prev) && isDigit(here));
}

// Scratch space reused between calls: the palette matches thousands of texts per key press.
let bestA = new Float64Array(256);
let bestB = new Float64Array(256);
let back = new Int32Array(1024);

function matchWord(word: string, p: Prepared): FuzzyMatch | null {
  const { lower, bonus } = p;
  const m = word.length;
  const n = lower.length;
  if (m > n) return null;
  // Cheap rejection first: most texts do not contain the word as a subsequence at all.
  for (let i = 0, at = -1; i < m; i++) {
    at = lower.indexOf(word[i]!, at + 1);
    if (at < 0) return null;
  }
  if (bestA.length < n) {
    bestA = new Float64Array(n * 2);
    bestB = new Float64Array(n * 2);
  }
  if (back.length < m * n) back = new Int32Array(m * n * 2);
  // best[j]: the best score with the current letter of the word at position j; back[i*n + j]: where the
  // previous letter was for that score.
  let best = bestA;
  let next = bestB;
  const c0 = word.charCodeAt(0);
  for (let j = 0; j < n; j++) best[j] = lower.charCodeAt(j) === c0 ? 1 + bonus[j]! - Math.min(j, 20) * LEAD_COST : -Infinity;
  for (let i = 1; i < m; i++) {
    const c = word.charCodeAt(i);
    const row = i * n;
    // runBest: max over k <= j-2 of best[k] + GAP_COST*k, so a gap costs GAP_COST per skipped letter.
    let runBest = -Infinity;
    let runAt = -1;
    for (let j = 0; j < n; j++) {
      next[j] = -Infinity;
      const k = j - 2;
      if (k >= 0 && best[k]! + GAP_COST * k > runBest) {
        runBest = best[k]! + GAP_COST * k;
        runAt = k;
      }
      if (j < i || lower.charCodeAt(j) !== c) continue;
      const viaGap = runBest - GAP_COST * (j - 1);
      const viaRun = best[j - 1]! + RUN_BONUS;
      const prev = viaRun >= viaGap ? viaRun : viaGap;
      if (prev === -Infinity) continue;
      next[j] = 1 + bonus[j]! + prev;
      back[row + j] = viaRun >= viaGap ? j - 1 : runAt;
    }
    const t = best;
    best = next;
    next = t;
  }
  let end = -1;
  for (let j = 0; j < n; j++) if (best[j]! > -Infinity && (end < 0 || best[j]! > best[end]!)) end = j;
  if (end < 0) return null;
  const indices = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i--) {
    indices[i] = j;
    if (i > 0) j = back[i * n + j]!;
  }
  return { score: best[end]!, indices };
}
