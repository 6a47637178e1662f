// Which rows of a list with fixed-height rows to render at a scroll position: the rows in the viewport and a margin
// either side, so that a fast scroll (the compositor moves the content before the page re-renders) shows rows
// rather than blank space. Knowing every row's height makes this arithmetic; nothing is measured.

/** Rows `first` (inclusive) to `last` (exclusive). */
export interface RowWindow {
  first: number;
  last: number;
}

export function rowWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, marginPx: number): RowWindow {
  if (count === 0 || rowHeight <= 0) return { first: 0, last: 0 };
  // The browser clamps scrollTop when the list gets shorter; until its scroll event arrives, clamp here too.
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewport));
  const first = Math.max(0, Math.floor((top - marginPx) / rowHeight));
  const last = Math.min(count, Math.ceil((top + viewport + marginPx) / rowHeight));
  return { first, last: Math.max(first, last) };
}
