// Styles the inspector's tabs share: the toolbar over a tab, the grid tables, progress lines, empty notes.
import { css } from 'lit';

export const tabStyles = css`
  :host { display: flex; flex-direction: column; height: 100%; min-height: 0; font-size: var(--text-md); }
  .toolbar { display: flex; align-items: center; gap: 6px; padding: 6px 12px; min-height: 42px; border-bottom: 1px solid var(--border); flex: none; }
  .toolbar .grow { flex: 1; }
  .toolbar .btn { height: 28px; padding: 0 10px; font-size: var(--text-sm); }
  .toolbar input[type="search"], .toolbar select { height: 28px; font-size: var(--text-sm); }
  .toolbar .count { font-size: var(--text-sm); color: var(--text-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
  .scroll { flex: 1; min-height: 0; overflow: auto; }
  .note { display: grid; place-content: center; justify-items: center; gap: 6px; height: 100%; padding: 16px;
    color: var(--text-muted); text-align: center; }
  .note svg { width: 24px; height: 24px; color: var(--text-faint); }
  .note strong { color: var(--text); font-weight: 600; }

  /* Tables: a header and rows on one grid template (--cols), like the torrent list; narrower than --table-min
     they scroll sideways, wider they share the room (long names are cut with an ellipsis, not widened for). */
  .thead, .tr { display: grid; grid-template-columns: var(--cols); align-items: center; min-width: var(--table-min, 0); }
  .thead { position: sticky; top: 0; z-index: 1; height: 30px; background: var(--surface); border-bottom: 1px solid var(--border);
    font-size: var(--text-sm); font-weight: 600; color: var(--text-muted); }
  .th { padding: 0 10px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; display: flex; align-items: center; height: 100%; gap: 4px; }
  .th.end { justify-content: flex-end; }
  .th button.sort { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 4px; height: 100%; }
  .th button.sort:hover { color: var(--text); }
  .th button.sort:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
  .th svg { width: 12px; height: 12px; }
  .tr { height: 28px; border-bottom: 1px solid color-mix(in oklch, var(--border) 55%, transparent); }
  .tr:hover { background: var(--surface-2); }
  .td { padding: 0 10px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
  .td.end { text-align: right; font-variant-numeric: tabular-nums; }
  .td.muted { color: var(--text-muted); }

  .progress { display: flex; align-items: center; gap: 8px; }
  .bar { flex: 1; height: 4px; border-radius: 4px; background: var(--surface-3); overflow: hidden; min-width: 24px; }
  .fill { display: block; height: 100%; width: calc(var(--p, 0) * 100%); background: var(--c, var(--st-downloading)); border-radius: 4px; }
  .pct { width: 44px; text-align: right; font-size: var(--text-sm); color: var(--text-muted); font-variant-numeric: tabular-nums; flex: none; }
  .dot { display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: var(--c); flex: none; }
`;
