// Fuzzy matching for the command palette: every word of the query must appear in the text as a subsequence
// ("rchk" finds "Force recheck"). Among the ways a word can match, the best-scored one is kept: letters at word
// starts and runs of adjacent letters count more, skipped letters a little less. The matched positions come back
// so the palette can mark them.

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

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { score: 0, indices: [] };
  const lower = lowerChars(text);
  let score = 0;
  const indices = new Set<number>();
  for (const w of words) {
    const m = matchWord(w, text, lower);
    if (!m) return null;
    score += m.score;
    for (const i of m.indices) indices.add(i);
  }
  // Among equal matches the shorter text is the closer one.
  score -= text.length * 0.01;
  return { score, indices: [...indices].sort((a, b) => a - b) };
}

/** Lower-cased one UTF-16 unit at a time, so positions stay those of the original text. */
function lowerChars(text: string): string[] {
  const out = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text[i]!.toLowerCase();
  return out;
}

function isWordStart(text: string, j: number): boolean {
  if (j === 0) return true;
  const prev = text[j - 1]!;
  const here = text[j]!;
  if (/[\s._\-/\\:()[\]{},+]/.test(prev)) return true;
  // camelCase and letter-to-digit boundaries ("Ubuntu24")
  if (/[a-z]/.test(prev) && /[A-Z]/.test(here)) return true;
  return /\D/.test(prev) && /\d/.test(here) && !/\d/.test(prev);
}

function matchWord(word: string, text: string, lower: string[]): FuzzyMatch | null {
  const m = word.length;
  const n = text.length;
  if (m > n) return null;
  // Cheap rejection first: most texts do not contain the word as a subsequence at all.
  for (let i = 0, j = 0; i < m; j++) {
    if (j === n) return null;
    if (lower[j] === word[i]) i++;
  }
  const bonus = new Float64Array(n);
  for (let j = 0; j < n; j++) bonus[j] = j === 0 ? FIRST_BONUS : isWordStart(text, j) ? START_BONUS : 0;
  // best[j]: the best score with the current letter of the word at text position j; from[i][j]: where the
  // previous letter was for that score.
  let best = new Float64Array(n).fill(-Infinity);
  const from: Int32Array[] = [];
  for (let j = 0; j < n; j++) if (lower[j] === word[0]) best[j] = 1 + bonus[j]! - Math.min(j, 20) * LEAD_COST;
  from.push(new Int32Array(n).fill(-1));
  for (let i = 1; i < m; i++) {
    const next = new Float64Array(n).fill(-Infinity);
    const back = new Int32Array(n).fill(-1);
    // runBest: max over k <= j-2 of best[k] + GAP_COST*k, so a gap costs GAP_COST per skipped letter.
    let runBest = -Infinity;
    let runAt = -1;
    for (let j = i; j < n; j++) {
      const k = j - 2;
      if (k >= 0 && best[k]! + GAP_COST * k > runBest) {
        runBest = best[k]! + GAP_COST * k;
        runAt = k;
      }
      if (lower[j] !== word[i]) continue;
      const viaGap = runBest - GAP_COST * (j - 1);
      const viaRun = best[j - 1]! + RUN_BONUS;
      const prevScore = viaRun >= viaGap ? viaRun : viaGap;
      if (prevScore === -Infinity) continue;
      next[j] = 1 + bonus[j]! + prevScore;
      back[j] = viaRun >= viaGap ? j - 1 : runAt;
    }
    best = next;
    from.push(back);
  }
  let end = -1;
  for (let j = 0; j < n; j++) if (best[j]! > (end < 0 ? -Infinity : best[end]!)) end = j;
  if (end < 0 || best[end] === -Infinity) return null;
  const indices = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i--) {
    indices[i] = j;
    j = from[i]![j]!;
  }
  return { score: best[end]!, indices };
}
