// The Pieces tab: a map of every piece (done, downloading, missing) and a strip of how many connected peers have
// each part of the torrent, drawn on canvases at the display's pixel density, in colours read from the theme's
// tokens at draw time (so a theme change redraws them). Refreshed while shown.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { PieceView, TorrentSnapshot } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import { cssColor, cssRgba, rgbaString } from '../css-color';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import { onThemeChange } from '../theme-change';
import { countPieces, foldAvailability, foldPieces, pieceGrid, pieceSize, unavailablePieces, type CellState } from './piece-map';
import { PollController } from './polling';
import { tabStyles } from './tab-styles';

const STRIP_HEIGHT = 12;

export class PiecesTab extends LitElement {
  static override properties = { app: { attribute: false }, torrent: { attribute: false } };
  declare app: AppState;
  declare torrent: TorrentSnapshot;
  private pieces: PieceView | null = null;
  private offTheme: (() => void) | null = null;
  private drawQueued = false;
  private readonly resizeObserver = new ResizeObserver(() => this.queueDraw());
  private readonly poll = new PollController(this, 2000, () => this.load(), () => this.app.store.connection.state === 'connected');

  override connectedCallback(): void {
    super.connectedCallback();
    this.offTheme = onThemeChange(() => this.queueDraw());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offTheme?.();
    this.resizeObserver.disconnect();
  }

  /** Redraw for new pieces, not for every change of the torrent's other fields. */
  override shouldUpdate(changed: PropertyValues<this>): boolean {
    const before = changed.get('torrent') as TorrentSnapshot | undefined;
    const t = this.torrent;
    return !(changed.size === 1 && before && before.peers === t.peers && before.state === t.state
      && before.metadata_progress === t.metadata_progress && before.total_bytes === t.total_bytes);
  }

  private async load(): Promise<void> {
    this.pieces = await this.app.api.call('get_pieces', { id: this.torrent.id });
    this.requestUpdate();
  }

  override updated(): void {
    const map = this.renderRoot.querySelector('.map-box');
    const strip = this.renderRoot.querySelector('.strip-box');
    this.resizeObserver.disconnect();
    if (map) this.resizeObserver.observe(map);
    if (strip) this.resizeObserver.observe(strip);
    this.queueDraw();
  }

  private queueDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  /** Sizes a canvas to its box in device pixels and returns a context scaled to CSS pixels. */
  private prepare(canvas: HTMLCanvasElement | null, cssWidth: number, cssHeight: number): CanvasRenderingContext2D | null {
    if (!canvas || cssWidth <= 0 || cssHeight <= 0) return null;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(cssWidth * dpr);
    const h = Math.round(cssHeight * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    canvas.style.setProperty('width', `${cssWidth}px`);
    canvas.style.setProperty('height', `${cssHeight}px`);
    const ctx = canvas.getContext('2d');
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx?.clearRect(0, 0, cssWidth, cssHeight);
    return ctx;
  }

  private draw(): void {
    const p = this.pieces;
    if (!p || p.count === 0) return;
    const colors: Record<CellState, string> = {
      done: cssColor(this, '--piece-done'),
      partial: cssColor(this, '--piece-partial'),
      missing: cssColor(this, '--piece-missing'),
    };
    const mapBox = this.renderRoot.querySelector<HTMLElement>('.map-box');
    if (mapBox) {
      const width = mapBox.clientWidth;
      const grid = pieceGrid(p.count, width, mapBox.clientHeight);
      const cells = foldPieces(p.states, grid.cells);
      const rows = Math.ceil(cells.length / grid.columns);
      const ctx = this.prepare(this.renderRoot.querySelector('canvas.map'), width, rows * (grid.cell + 1) - 1);
      if (ctx) {
        const radius = grid.cell >= 8 ? 2 : 0;
        for (const state of ['missing', 'partial', 'done'] as const) {
          ctx.fillStyle = colors[state];
          ctx.beginPath();
          cells.forEach((s, i) => {
            if (s !== state) return;
            const x = (i % grid.columns) * (grid.cell + 1);
            const y = Math.floor(i / grid.columns) * (grid.cell + 1);
            if (radius) ctx.roundRect(x, y, grid.cell, grid.cell, radius);
            else ctx.rect(x, y, grid.cell, grid.cell);
          });
          ctx.fill();
        }
      }
    }
    const stripBox = this.renderRoot.querySelector<HTMLElement>('.strip-box');
    if (stripBox && p.availability.length > 0) {
      const width = stripBox.clientWidth;
      const ctx = this.prepare(this.renderRoot.querySelector('canvas.strip'), width, STRIP_HEIGHT);
      if (ctx) {
        const columns = Math.min(p.availability.length, Math.floor(width));
        const runs = foldAvailability(p.availability, p.states, columns);
        const most = Math.max(1, ...runs.map((r) => r.min));
        const step = width / columns;
        ctx.fillStyle = colors.missing;
        ctx.fillRect(0, 0, width, STRIP_HEIGHT);
        const none = cssColor(this, '--st-error');
        const have = cssRgba(this, '--piece-done');
        runs.forEach((r, i) => {
          // A part we lack and no connected peer has is marked; otherwise the more peers, the stronger the colour.
          if (r.min === 0 && !r.stuck) return;
          ctx.fillStyle = r.stuck ? none : rgbaString(have, 0.25 + (0.75 * r.min) / most);
          ctx.fillRect(Math.floor(i * step), 0, Math.ceil(step), STRIP_HEIGHT);
        });
      }
    }
  }

  override render() {
    const t = this.torrent;
    const p = this.pieces;
    if (p === null) return html`<div class="note" role="status">Loading pieces…</div>`;
    if (p.count === 0) {
      return html`<div class="note" role="status">${icon('grid')}<strong>No pieces yet</strong>
        <span>The pieces will show when the metadata arrives${t.state === 'fetching_metadata' ? ` (${fmt.percent(t.metadata_progress)})` : ''}.</span></div>`;
    }
    const c = countPieces(p.states);
    const size = pieceSize(t.total_bytes, p.count);
    const avail = p.availability;
    const rarest = avail.length > 0 ? Math.min(...avail) : 0;
    const nobody = unavailablePieces(avail, p.states);
    const mean = avail.length > 0 ? avail.reduce((a, b) => a + b, 0) / avail.length : 0;
    return html`
      <div class="toolbar legend">
        <span class="key"><span class="sw done"></span>Done <strong class="num">${c.done}</strong></span>
        <span class="key"><span class="sw partial"></span>Downloading <strong class="num">${c.downloading}</strong></span>
        <span class="key"><span class="sw missing"></span>Missing <strong class="num">${c.missing}</strong></span>
        <span class="grow"></span>
        <span class="count num">${p.count} pieces${size ? ` × ${fmt.bytes(size)}` : ''}</span>
      </div>
      <div class="map-box"><canvas class="map" role="img"
        aria-label="Piece map: ${c.done} of ${p.count} pieces done, ${c.downloading} downloading, ${c.missing} missing"></canvas></div>
      ${avail.length > 0 ? html`<div class="availability">
          <div class="avail-head"><span>Availability among connected peers</span>
            <span class="muted num">${t.peers === 0 ? 'no peers connected' : html`rarest ${rarest} · average ${mean.toFixed(1)}`}${nobody > 0 && t.peers > 0 ? html` · <span class="warn">${nobody} missing ${nobody === 1 ? 'piece' : 'pieces'} nobody has</span>` : nothing}</span></div>
          <div class="strip-box"><canvas class="strip" role="img" aria-label="Availability: the rarest piece is on ${rarest} peers"></canvas></div>
        </div>` : nothing}`;
  }

  static override styles = [
    sharedStyles,
    tabStyles,
    css`
      .legend { gap: 16px; font-size: var(--text-sm); }
      .key { display: inline-flex; align-items: center; gap: 6px; color: var(--text-muted); }
      .key strong { color: var(--text); font-weight: 600; }
      .sw { width: 10px; height: 10px; border-radius: 2px; }
      .sw.done { background: var(--piece-done); }
      .sw.partial { background: var(--piece-partial); }
      .sw.missing { background: var(--piece-missing); box-shadow: inset 0 0 0 1px var(--border-strong); }
      .map-box { flex: 1; min-height: 40px; margin: 10px 12px 8px; overflow: hidden; }
      canvas { display: block; }
      .availability { flex: none; padding: 0 12px 10px; }
      .avail-head { display: flex; justify-content: space-between; gap: 12px; font-size: var(--text-sm); margin-bottom: 4px; }
      .warn { color: var(--st-error); }
      .strip-box { height: ${STRIP_HEIGHT}px; border-radius: 3px; overflow: hidden; }
    `,
  ];
}
customElements.define('tp-pieces-tab', PiecesTab);
