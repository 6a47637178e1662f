// Styles every component shares: buttons, inputs, focus rings, scrollbars. Adopted stylesheets, so they pass the
// strict `style-src 'self'` CSP.
import { css } from 'lit';

export const sharedStyles = css`
  :host { font-family: var(--font-ui); color: var(--text); }
  * { box-sizing: border-box; }
  button, input, select, textarea { font: inherit; color: inherit; }
  :focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; border-radius: var(--radius-sm); }
  .btn {
    display: inline-flex; align-items: center; gap: 6px; height: 30px; padding: 0 12px;
    border: 1px solid var(--border); border-radius: var(--radius-sm); background: var(--surface);
    cursor: pointer; white-space: nowrap; font-size: var(--text-md);
    transition: background var(--dur-fast) var(--ease), border-color var(--dur-fast) var(--ease);
  }
  .btn:hover { background: var(--surface-2); border-color: var(--border-strong); }
  .btn:disabled { opacity: 0.5; cursor: default; }
  .btn.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); font-weight: 600; }
  .btn.primary:hover { background: color-mix(in oklch, var(--accent) 88%, black); }
  .btn.danger { background: var(--danger); border-color: var(--danger); color: var(--surface); font-weight: 600; }
  .btn.ghost { background: transparent; border-color: transparent; }
  .btn.ghost:hover { background: var(--surface-2); }
  .icon-btn {
    display: inline-grid; place-items: center; width: 30px; height: 30px; padding: 0; border: 0;
    border-radius: var(--radius-sm); background: transparent; cursor: pointer; color: var(--text-muted);
  }
  .icon-btn:hover { background: var(--surface-2); color: var(--text); }
  .icon-btn[aria-pressed="true"] { color: var(--accent); background: var(--accent-soft); }
  svg { width: 16px; height: 16px; flex: none; }
  input[type="text"], input[type="number"], input[type="search"], select, textarea {
    height: 30px; padding: 0 10px; border: 1px solid var(--border); border-radius: var(--radius-sm);
    background: var(--surface); min-width: 0;
  }
  textarea { height: auto; padding: 8px 10px; resize: vertical; }
  input:focus-visible, select:focus-visible, textarea:focus-visible { outline-offset: 0; border-color: var(--focus); }
  .num { font-variant-numeric: tabular-nums; }
  .muted { color: var(--text-muted); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  /* tp-windowed-rows (windowed-rows.ts) renders into the light DOM of whoever uses it: its layout lives here. */
  tp-windowed-rows { display: block; overflow-y: auto; overflow-x: hidden; }
  .windowed-content { position: relative; height: var(--windowed-height); }
  .windowed-row { position: absolute; left: 0; right: 0; top: var(--windowed-y); height: var(--windowed-h); contain: layout paint style; }
  ::-webkit-scrollbar { width: 10px; height: 10px; }
  ::-webkit-scrollbar-thumb { background: var(--surface-3); border-radius: 10px; border: 2px solid transparent; background-clip: padding-box; }
  ::-webkit-scrollbar-thumb:hover { background: var(--border-strong); background-clip: padding-box; border: 2px solid transparent; }
`;
