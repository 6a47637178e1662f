// The pieces map's model: a piece state string ("0" missing, "1" downloading, "2" have) folded into as many
// cells as fit, counts for the legend, and the piece size worked out from the totals. Pure: no DOM.
export type CellState = 'done' | 'partial' | 'missing';

export interface PieceCounts {
  done: number;
  downloading: number;
  missing: number;
}

export function countPieces(states: string): PieceCounts {
  const c: PieceCounts = { done: 0, downloading: 0, missing: 0 };
  for (let i = 0; i < states.length; i++) {
    const s = states.charCodeAt(i);
    if (s === 50) c.done++;
    else if (s === 49) c.downloading++;
    else c.missing++;
  }
  return c;
}

/**
 * Folds `states` into `cells` cells (cells ≥ pieces: one piece per cell). A cell is done when all its pieces
 * are, missing when none is done or downloading, partial otherwise: so a cell never claims more than it has.
 */
export function foldPieces(states: string, cells: number): CellState[] {
  const n = states.length;
  const count = Math.max(0, Math.min(n, Math.floor(cells)));
  const out: CellState[] = new Array(count);
  for (let c = 0; c < count; c++) {
    const from = Math.floor((c * n) / count);
    const to = Math.max(from + 1, Math.floor(((c + 1) * n) / count));
    let done = 0;
    let some = false;
    for (let i = from; i < to; i++) {
      const s = states.charCodeAt(i);
      if (s === 50) done++;
      else if (s === 49) some = true;
    }
    out[c] = done === to - from ? 'done' : done > 0 || some ? 'partial' : 'missing';
  }
  return out;
}

export interface AvailabilityRun {
  /** The rarest piece's count: a run is as available as its rarest piece. */
  min: number;
  /** A piece we still lack that no connected peer has: the download cannot finish from these peers. */
  stuck: boolean;
}

/** `availability` folded into `columns` equal runs of pieces. */
export function foldAvailability(availability: readonly number[], states: string, columns: number): AvailabilityRun[] {
  const n = availability.length;
  const count = Math.max(0, Math.min(n, Math.floor(columns)));
  const out: AvailabilityRun[] = new Array(count);
  for (let c = 0; c < count; c++) {
    const from = Math.floor((c * n) / count);
    const to = Math.max(from + 1, Math.floor(((c + 1) * n) / count));
    let min = Infinity;
    let stuck = false;
    for (let i = from; i < to; i++) {
      const a = availability[i]!;
      min = Math.min(min, a);
      if (a === 0 && states.charCodeAt(i) !== 50) stuck = true;
    }
    out[c] = { min, stuck };
  }
  return out;
}

/** Pieces we lack that no connected peer has. */
export function unavailablePieces(availability: readonly number[], states: string): number {
  let n = 0;
  for (let i = 0; i < availability.length; i++) if (availability[i] === 0 && states.charCodeAt(i) !== 50) n++;
  return n;
}

/**
 * The grid that shows `pieces` in a `width`×`height` box: the largest square cell (from `maxCell` down to
 * `minCell` pixels, with a 1 px gap) that fits one piece per cell, or, when even the smallest cannot, cells of
 * `minCell` each holding several pieces.
 */
export function pieceGrid(pieces: number, width: number, height: number, minCell = 4, maxCell = 14) {
  const fit = (cell: number) => {
    const columns = Math.max(1, Math.floor((width + 1) / (cell + 1)));
    const rows = Math.max(1, Math.floor((height + 1) / (cell + 1)));
    return { cell, columns, rows, capacity: columns * rows };
  };
  for (let cell = maxCell; cell >= minCell; cell--) {
    const g = fit(cell);
    if (g.capacity >= pieces) return { ...g, cells: pieces, rows: Math.ceil(pieces / g.columns) };
  }
  const g = fit(minCell);
  return { ...g, cells: Math.min(pieces, g.capacity) };
}

/**
 * The piece size, when the totals pin it down: a power of two of at least 16 KiB such that all pieces but the
 * last are full. Null when no such size fits (the UI then leaves it out rather than guess).
 */
export function pieceSize(totalBytes: number, pieceCount: number): number | null {
  if (pieceCount <= 0 || totalBytes <= 0) return null;
  let size = 16 * 1024;
  while (size * pieceCount < totalBytes) size *= 2;
  return size * (pieceCount - 1) < totalBytes ? size : null;
}
