// The torrent list: a virtualized grid whose columns the user chooses, resizes and sorts, with file-manager
// selection (click, Ctrl/Cmd-click, Shift-click, arrows) and a context menu. Only the rows in and near the viewport
// exist in the DOM. Rows have a fixed height (the density's), so which rows those are is arithmetic on the scroll
// position (row-window.ts) and nothing is measured; @lit-labs/virtualizer, used before, observed and measured each
// of the ~80 rows it kept and re-measured them all at every delta (see bench/desktop-list.mjs).
import { css, html, LitElement, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { cssVars } from '../css-vars';
import type { TorrentSnapshot } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import type { ColumnPref } from '../../state/prefs';
import { stateColor } from '../../state/status-filter';
import { icon } from '../icons';
import { AppChanges } from '../app-changes';
import { sharedStyles } from '../shared-styles';
import { COLUMNS } from './columns';
import { rowWindow, type RowWindow } from './row-window';
import './column-menu';
import './empty-state';

/** Rows rendered beyond each edge of the viewport: what a fast scroll shows before the page re-renders. */
const ROW_MARGIN_PX = 300;

export class TorrentList extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  constructor() {
    super();
    new AppChanges(this, ['torrents', 'selection', 'prefs', 'view', 'connection'], (kind) => {
      this.requestUpdate();
      if (kind === 'selection') this.scrollFocusedIntoView();
    });
  }

  private scroller: HTMLElement | null = null;
  private scrollPos = 0;
  /** The scroller's height; until first measured, the window's (an over-estimate renders a few rows more once). */
  private viewport = 0;
  private shown: RowWindow = { first: 0, last: 0 };
  private readonly rowHeights = new Map<string, number>();
  private readonly resizeObserver = new ResizeObserver((entries) => {
    const height = entries.at(-1)?.contentRect.height ?? 0;
    if (height === this.viewport) return;
    this.viewport = height;
    this.requestUpdate();
  });
  private readonly onScroll = (e: Event) => {
    this.scrollPos = (e.currentTarget as HTMLElement).scrollTop;
    const w = this.rowWindowNow();
    if (w.first !== this.shown.first || w.last !== this.shown.last) this.requestUpdate();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.scroller = null;
  }

  /** A row's height in px, from the design token of the density (read once; the tokens do not change). */
  private rowHeight(comfortable: boolean): number {
    const token = comfortable ? '--row-h-comfortable' : '--row-h';
    let h = this.rowHeights.get(token);
    if (!h) {
      h = Number.parseFloat(getComputedStyle(this).getPropertyValue(token)) || (comfortable ? 48 : 30);
      this.rowHeights.set(token, h);
    }
    return h;
  }

  /** Set when the user moves the focused row (keys, clicks): the next render gives that row the keyboard focus. */
  private focusRowAfterRender = false;

  private rowWindowNow(): RowWindow {
    const h = this.rowHeight(this.app.prefs.density === 'comfortable');
    return rowWindow(this.scrollPos, this.viewport || window.innerHeight, h, this.app.visible.length, ROW_MARGIN_PX);
  }

  override updated(): void {
    // Keyboard focus follows the focused row (roving tabindex), so a screen reader announces the row the user
    // moved to; the row exists by now, since moving scrolls it into the rendered window.
    if (this.focusRowAfterRender) {
      const row = this.renderRoot.querySelector<HTMLElement>('.row.focused');
      if (row) {
        this.focusRowAfterRender = false;
        row.focus({ preventScroll: true });
      }
    }
    // The scroller is created anew when the list comes back from its empty state: watch it, start from its top.
    const scroller = this.renderRoot.querySelector<HTMLElement>('.rows');
    if (scroller === this.scroller) return;
    if (this.scroller) this.resizeObserver.unobserve(this.scroller);
    this.scroller = scroller;
    if (scroller) this.resizeObserver.observe(scroller);
    if (this.scrollPos !== (scroller?.scrollTop ?? 0)) {
      this.scrollPos = scroller?.scrollTop ?? 0;
      this.requestUpdate();
    }
  }

  private visibleColumns: { of: ColumnPref[] | null; visible: ColumnPref[] } = { of: null, visible: [] };

  /** The visible columns; the same array while the preference is, so rows can tell when their columns changed. */
  private get columns(): ColumnPref[] {
    const all = this.app.prefs.columns;
    if (this.visibleColumns.of !== all) this.visibleColumns = { of: all, visible: all.filter((c) => c.visible) };
    return this.visibleColumns.visible;
  }

  private gridTemplate(): string {
    return this.columns.map((c) => `${c.width}px`).join(' ');
  }

  override render() {
    const app = this.app;
    const cols = this.columns;
    const comfortable = app.prefs.density === 'comfortable';
    const template = {
      '--grid': this.gridTemplate(), '--row': comfortable ? 'var(--row-h-comfortable)' : 'var(--row-h)',
      // Rows are positioned absolutely, so their container does not grow with them: give it the columns' width.
      '--grid-min': `${cols.reduce((sum, c) => sum + c.width, 0) + 40}px`,
    };
    const empty = app.visible.length === 0;
    const h = this.rowHeight(comfortable);
    this.shown = this.rowWindowNow();
    const { first, last } = this.shown;
    // The rows' scroller (a rowgroup) is the grid's tab stop, so keyboard users can scroll what they see; keys
    // reach the grid's handler from it.
    return html`
      <div class="table" role="grid" aria-label="Torrents" aria-rowcount=${empty ? 2 : app.visible.length + 1}
        aria-multiselectable="true" ${cssVars(template)}
        @keydown=${this.onKeyDown}>
        <div class="header" role="row" aria-rowindex="1">
          ${cols.map((c) => this.renderHeader(c))}
          <div class="header-end" role="columnheader">
            <tp-column-menu .app=${app}></tp-column-menu>
          </div>
        </div>
        ${empty
          ? html`<div class="empty" role="row" aria-rowindex="2"><div role="gridcell"><tp-empty-state .app=${app}></tp-empty-state></div></div>`
          : html`<div class="rows" role="rowgroup" tabindex="0" @scroll=${this.onScroll}>
              <div class="rows-content" ${cssVars({ '--rows-height': `${app.visible.length * h}px` })}>
                ${repeat(app.visible.slice(first, last), (t) => t.id, (t, k) => {
                  // A row is rendered again only when something it shows changed: when scrolling, only the rows
                  // coming into the window are; at a delta, only those of torrents that changed.
                  const index = first + k;
                  const selected = app.selected.has(t.id);
                  const focused = app.focused === t.id;
                  return guard([t, index, selected, focused, comfortable, h, cols],
                    () => this.renderRow(t, index, selected, focused, comfortable, h, cols));
                })}
              </div>
            </div>`}
      </div>`;
  }

  private renderHeader(c: ColumnPref) {
    const col = COLUMNS[c.key];
    const sort = this.app.sort;
    const active = sort.key === col.sort;
    const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
    return html`<div class="th ${col.align === 'end' ? 'end' : ''}" role="columnheader" aria-sort=${ariaSort}>
      <button class="sort" @click=${() => this.app.setSort({ key: col.sort, descending: active ? !sort.descending : col.align === 'end' })}>
        <span>${col.label}</span>${active ? html`<span class="arrow">${icon(sort.descending ? 'arrow-down' : 'arrow-up')}</span>` : nothing}
      </button>
      <span class="resize" aria-hidden="true" @pointerdown=${(e: PointerEvent) => this.startResize(e, c)}
        @dblclick=${() => this.resize(c, c.key === 'name' ? 270 : 100)}></span>
    </div>`;
  }

  private renderRow(t: TorrentSnapshot, index: number, selected: boolean, focused: boolean, comfortable: boolean,
    rowHeight: number, cols: ColumnPref[]) {
    const app = this.app;
    return html`<div class="row ${selected ? 'selected' : ''} ${focused ? 'focused' : ''}" role="row"
        tabindex=${focused ? '0' : '-1'} aria-rowindex=${index + 2} aria-selected=${selected ? 'true' : 'false'} data-id=${t.id}
        ${cssVars({ '--y': `${index * rowHeight}px` })}
        @click=${(e: MouseEvent) => this.onRowClick(e, t.id)}
        @dblclick=${() => app.showInspector()}
        @contextmenu=${(e: MouseEvent) => this.onContextMenu(e, t.id)}>
      ${cols.map((c) => {
        const col = COLUMNS[c.key];
        if (c.key === 'name') return this.renderName(t, comfortable);
        return html`<div class="td ${col.align === 'end' ? 'end num' : ''} ${c.key}" role="gridcell">${col.render(t)}</div>`;
      })}
    </div>`;
  }

  private renderName(t: TorrentSnapshot, comfortable: boolean) {
    const fraction = t.state === 'fetching_metadata' ? t.metadata_progress : t.progress;
    return html`<div class="td name" role="gridcell" title=${t.name}>
      <span class="state-dot" ${cssVars({ '--c': stateColor(t) })} aria-hidden="true"></span>
      <span class="name-text">
        <span class="title">${t.name}</span>
        ${comfortable
          ? html`<span class="sub num">${t.total_bytes > 0 ? `${fmt.bytes(t.done_bytes)} of ${fmt.bytes(t.wanted_bytes)}` : 'waiting for metadata'}
              ${t.error ? html` · <span class="err">${t.error}</span>` : nothing}
              ${t.category ? html` · ${t.category}` : nothing}</span>
            <span class="line" ${cssVars({ '--p': String(fraction), '--c': stateColor(t) })}></span>`
          : t.error ? html`<span class="err-inline">${t.error}</span>` : nothing}
      </span>
    </div>`;
  }

  private onRowClick(e: MouseEvent, id: string): void {
    const mod = navigator.platform.includes('Mac') ? e.metaKey : e.ctrlKey;
    this.focusRowAfterRender = true;
    this.app.select(id, e.shiftKey ? 'range' : mod ? 'toggle' : 'only');
  }

  private onContextMenu(e: MouseEvent, id: string): void {
    e.preventDefault();
    if (!this.app.selected.has(id)) this.app.select(id, 'only');
    this.dispatchEvent(new CustomEvent('row-menu', { detail: { x: e.clientX, y: e.clientY }, bubbles: true, composed: true }));
  }

  private onKeyDown(e: KeyboardEvent): void {
    const app = this.app;
    const page = Math.max(1, Math.floor(this.offsetHeight / this.rowHeight(app.prefs.density === 'comfortable')) - 2);
    const moves: Record<string, number | 'first' | 'last'> = {
      ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: 'first', End: 'last',
    };
    const mod = navigator.platform.includes('Mac') ? e.metaKey : e.ctrlKey;
    const move = moves[e.key];
    if (move !== undefined && !mod) {
      e.preventDefault();
      this.focusRowAfterRender = true;
      app.moveFocus(move, e.shiftKey);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      app.showInspector();
    } else if (e.key === ' ' && app.focused) {
      e.preventDefault();
      const t = app.focusedTorrent();
      const paused = t?.state === 'paused';
      void app.run(paused ? 'Resume' : 'Pause', () => app.api.call(paused ? 'resume' : 'pause', { ids: app.targets() }));
    } else if (e.key === 'Escape') {
      app.clearSelection();
    } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      e.preventDefault();
      const row = this.renderRoot.querySelector('.row.focused') as HTMLElement | null;
      const r = row?.getBoundingClientRect();
      this.dispatchEvent(new CustomEvent('row-menu', { detail: { x: (r?.left ?? 0) + 40, y: r?.bottom ?? 0 }, bubbles: true, composed: true }));
    }
  }

  private scrollFocusedIntoView(): void {
    const app = this.app;
    if (!app.focused) return;
    const index = app.visible.findIndex((t) => t.id === app.focused);
    const scroller = this.scroller;
    if (index < 0 || !scroller) return;
    const h = this.rowHeight(app.prefs.density === 'comfortable');
    const top = index * h;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + h > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + h - scroller.clientHeight;
  }

  private startResize(e: PointerEvent, c: ColumnPref): void {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startWidth = c.width;
    const target = e.target as HTMLElement;
    target.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => this.resize(c, startWidth + m.clientX - startX, false);
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      this.app.updatePrefs({ columns: [...this.app.prefs.columns] });
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  }

  private resize(c: ColumnPref, width: number, save = true): void {
    c.width = Math.max(40, Math.min(1200, Math.round(width)));
    if (save) this.app.updatePrefs({ columns: [...this.app.prefs.columns] });
    else this.requestUpdate();
  }

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; min-height: 0; min-width: 0; position: relative; }
      .table { height: 100%; display: flex; flex-direction: column; outline: none; overflow-x: auto; overflow-y: hidden; }
      .rows:focus-visible { box-shadow: inset 0 0 0 2px var(--focus); border-radius: 0; }
      .header, .row { display: grid; grid-template-columns: var(--grid) 1fr; min-width: max-content; }
      .header {
        position: sticky; top: 0; z-index: 1; height: 32px; align-items: stretch;
        background: var(--surface); border-bottom: 1px solid var(--border);
        font-size: var(--text-sm); color: var(--text-muted); font-weight: 600;
      }
      .th { position: relative; display: flex; align-items: center; min-width: 0; }
      .th.end { justify-content: flex-end; }
      .sort {
        all: unset; display: flex; align-items: center; gap: 4px; padding: 0 10px; height: 100%; width: 100%;
        cursor: pointer; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
      }
      .th.end .sort { justify-content: flex-end; }
      .sort:hover { color: var(--text); }
      .sort:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
      .arrow svg { width: 12px; height: 12px; }
      .resize { position: absolute; right: -4px; top: 6px; bottom: 6px; width: 9px; cursor: col-resize; z-index: 2; }
      .resize::after { content: ""; position: absolute; left: 4px; top: 0; bottom: 0; width: 1px; background: var(--border); }
      .resize:hover::after { background: var(--accent); width: 2px; }
      .header-end { display: flex; justify-content: flex-end; align-items: center; padding-right: 4px; }
      /* Opaque, so Chromium can composite its scrolling (moving painted tiles) and keep LCD text: with a transparent
         background it repaints and re-rasters the rows at every scrolled frame. */
      .rows { flex: 1; min-height: 0; overflow-y: auto; overflow-x: hidden; min-width: var(--grid-min); contain: strict;
        background: var(--surface); outline: none; }
      .rows:focus-visible { box-shadow: inset 0 0 0 2px var(--focus); }
      .empty, .empty > [role=gridcell] { flex: 1; display: flex; }
      .rows-content { position: relative; height: var(--rows-height); }
      /* Contained, so Chromium paints each row on its own and reuses the others' paint as rows come and go. */
      .row {
        position: absolute; left: 0; top: var(--y); contain: layout paint style;
        height: var(--row); width: 100%; align-items: center; cursor: default;
        border-bottom: 1px solid color-mix(in oklch, var(--border) 55%, transparent);
        font-size: var(--text-md);
      }
      .row:hover { background: var(--surface-2); }
      .row.selected { background: var(--selection); }
      .row.selected:hover { background: var(--selection-strong); }
      .row.focused { box-shadow: inset 2px 0 0 var(--accent); }
      .row:focus { outline: none; }
      .row:focus-visible { box-shadow: inset 2px 0 0 var(--accent), inset 0 0 0 2px var(--focus); }
      .td { padding: 0 10px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; min-width: 0; }
      .td.end { text-align: right; }
      .td.name { display: flex; align-items: center; gap: 8px; }
      .state-dot { width: 8px; height: 8px; border-radius: 50%; background: var(--c); flex: none; }
      .name-text { display: flex; flex-direction: column; min-width: 0; gap: 2px; flex: 1; }
      .title { overflow: hidden; text-overflow: ellipsis; font-weight: 500; }
      .sub { font-size: var(--text-xs); color: var(--text-muted); overflow: hidden; text-overflow: ellipsis; }
      .err, .err-inline { color: var(--st-error); }
      .err-inline { font-size: var(--text-xs); overflow: hidden; text-overflow: ellipsis; }
      .line { display: block; height: 3px; border-radius: 3px; background: var(--surface-3); position: relative; overflow: hidden; }
      .line::after { content: ""; position: absolute; inset: 0; width: calc(var(--p) * 100%); background: var(--c); border-radius: 3px; }
      .td.progress { display: flex; align-items: center; gap: 8px; }
      .bar { flex: 1; height: 4px; border-radius: 4px; background: var(--surface-3); overflow: hidden; min-width: 30px; }
      .fill { display: block; height: 100%; width: calc(var(--p) * 100%); background: var(--c); border-radius: 4px;
        transition: width var(--dur) var(--ease); }
      .pct { font-size: var(--text-sm); color: var(--text-muted); width: 42px; text-align: right; flex: none; }
      .state { display: inline-flex; align-items: center; gap: 6px; color: var(--text); }
      .state { max-width: 100%; }
      .state .dot { width: 6px; height: 6px; border-radius: 50%; background: var(--c); flex: none; }
      .state .label { overflow: hidden; text-overflow: ellipsis; }
      .td.download_rate, .td.upload_rate, .td.eta, .td.ratio, .td.size, .td.peers, .td.seeds { color: var(--text-muted); }
    `,
  ];
}
customElements.define('tp-torrent-list', TorrentList);
