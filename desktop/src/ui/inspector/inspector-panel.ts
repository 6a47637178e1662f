// The docked details panel under the list, for the focused torrent: a resize handle on its top edge (the height
// is a preference), tabs with the ARIA tab pattern, and the shown tab. Only the shown tab exists, so a hidden tab
// polls nothing; each tab is created anew for another torrent, so nothing of one torrent shows for the next.
import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { TorrentSnapshot } from '../../api/rpc-types.gen';
import type { AppState, InspectorTab } from '../../state/app-state';
import { stateColor, stateLabel } from '../../state/status-filter';
import { cssVars } from '../css-vars';
import { icon, type IconName } from '../icons';
import { AppChanges } from '../app-changes';
import { sharedStyles } from '../shared-styles';
import { trackRates } from './torrent-rates';
import './general-tab';
import './files-tab';
import './peers-tab';
import './trackers-tab';
import './pieces-tab';
import './speed-tab';

const TABS: { key: InspectorTab; label: string; icon: IconName }[] = [
  { key: 'general', label: 'General', icon: 'info' },
  { key: 'files', label: 'Files', icon: 'folder' },
  { key: 'peers', label: 'Peers', icon: 'users' },
  { key: 'trackers', label: 'Trackers', icon: 'radio' },
  { key: 'pieces', label: 'Pieces', icon: 'grid' },
  { key: 'speed', label: 'Speed', icon: 'gauge' },
];

/** The panel never gets smaller than this, and leaves the list at least LIST_MIN. */
const MIN_HEIGHT = 180;
const LIST_MIN = 160;
const KEY_STEP = 24;

export class InspectorPanel extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  /** The height while dragging (saved to prefs on release). */
  private dragHeight: number | null = null;
  private focusTabAfterRender = false;
  private readonly resizeObserver = new ResizeObserver(() => this.applyHeight());
  constructor() {
    super();
    new AppChanges(this, ['selection', 'torrents', 'inspector', 'connection', 'prefs'], (kind) => {
      if (kind === 'prefs') {
        this.applyHeight();
        return;
      }
      if ((kind === 'selection' || kind === 'torrents') && this.app.focused) trackRates(this.app, this.app.focused);
      this.requestUpdate();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.app.focused) trackRates(this.app, this.app.focused);
    if (this.parentElement) this.resizeObserver.observe(this.parentElement);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  override firstUpdated(): void {
    this.applyHeight();
  }

  override updated(): void {
    if (this.focusTabAfterRender) {
      this.focusTabAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
    }
  }

  private maxHeight(): number {
    const available = this.parentElement?.clientHeight ?? window.innerHeight;
    return Math.max(MIN_HEIGHT, available - LIST_MIN);
  }

  private clamp(h: number): number {
    return Math.round(Math.max(MIN_HEIGHT, Math.min(this.maxHeight(), h)));
  }

  /** Sets the host's height through the CSSOM (the CSP allows no style attribute). */
  private applyHeight(): void {
    const h = this.clamp(this.dragHeight ?? this.app.prefs.inspectorHeight);
    if (this.style.getPropertyValue('height') !== `${h}px`) this.style.setProperty('height', `${h}px`);
    const handle = this.renderRoot.querySelector('.handle');
    handle?.setAttribute('aria-valuenow', String(h));
    handle?.setAttribute('aria-valuemax', String(this.maxHeight()));
  }

  private saveHeight(h: number): void {
    this.dragHeight = null;
    this.app.updatePrefs({ inspectorHeight: this.clamp(h) });
  }

  private startDrag(e: PointerEvent): void {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const start = this.clamp(this.app.prefs.inspectorHeight);
    handle.classList.add('dragging');
    const move = (m: PointerEvent) => {
      this.dragHeight = this.clamp(start - (m.clientY - startY));
      this.applyHeight();
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      handle.classList.remove('dragging');
      if (this.dragHeight !== null) this.saveHeight(this.dragHeight);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }

  private onHandleKey(e: KeyboardEvent): void {
    const h = this.clamp(this.app.prefs.inspectorHeight);
    const to = { ArrowUp: h + KEY_STEP, ArrowDown: h - KEY_STEP, Home: this.maxHeight(), End: MIN_HEIGHT }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    this.saveHeight(to);
  }

  private selectTab(tab: InspectorTab, focus = false): void {
    this.focusTabAfterRender = focus;
    this.app.showInspector(tab);
  }

  private onTabKey(e: KeyboardEvent): void {
    const at = TABS.findIndex((t) => t.key === this.app.inspectorTab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    this.selectTab(TABS[(next + TABS.length) % TABS.length]!.key, true);
  }

  override render() {
    const app = this.app;
    const t = app.focusedTorrent();
    const tab = app.inspectorTab;
    const h = this.clamp(app.prefs.inspectorHeight);
    return html`
      <div class="handle" role="separator" aria-orientation="horizontal" aria-label="Resize the details panel"
        aria-valuemin=${MIN_HEIGHT} aria-valuemax=${this.maxHeight()} aria-valuenow=${h} tabindex="0"
        title="Drag to resize; double-click for the default height"
        @pointerdown=${this.startDrag} @keydown=${this.onHandleKey} @dblclick=${() => this.saveHeight(300)}></div>
      <header>
        <div class="tabs" role="tablist" aria-label="Torrent details" @keydown=${this.onTabKey}>
          ${TABS.map((x) => html`<button role="tab" id="tab-${x.key}" aria-controls="panel-${x.key}"
              aria-selected=${x.key === tab ? 'true' : 'false'} tabindex=${x.key === tab ? 0 : -1}
              @click=${() => this.selectTab(x.key)}>${icon(x.icon)}<span>${x.label}</span></button>`)}
        </div>
        ${t ? html`<div class="title" title=${t.name}>
            <span class="dot" ${cssVars({ '--c': stateColor(t) })} aria-hidden="true"></span>
            <span class="name">${t.name}</span><span class="state">${stateLabel(t)}</span>
          </div>` : html`<div class="title"></div>`}
        <button class="icon-btn" aria-label="Close the details panel" title="Close (Ctrl+I)" @click=${() => app.toggleInspector()}>${icon('x')}</button>
      </header>
      <div class="body" role="tabpanel" id="panel-${tab}" aria-labelledby="tab-${tab}">
        ${t ? keyed(t.id, this.renderTab(tab, t)) : this.renderEmpty()}
      </div>`;
  }

  private renderTab(tab: InspectorTab, t: TorrentSnapshot) {
    const app = this.app;
    switch (tab) {
      case 'general':
        return html`<tp-general-tab .app=${app} .torrent=${t}></tp-general-tab>`;
      case 'files':
        return html`<tp-files-tab .app=${app} .torrent=${t}></tp-files-tab>`;
      case 'peers':
        return html`<tp-peers-tab .app=${app} .torrent=${t}></tp-peers-tab>`;
      case 'trackers':
        return html`<tp-trackers-tab .app=${app} .torrent=${t}></tp-trackers-tab>`;
      case 'pieces':
        return html`<tp-pieces-tab .app=${app} .torrent=${t}></tp-pieces-tab>`;
      case 'speed':
        return html`<tp-speed-tab .app=${app} .torrent=${t}></tp-speed-tab>`;
    }
  }

  private renderEmpty() {
    // With no torrent at all the list teaches how to add one; the panel only keeps its place.
    if (this.app.store.torrents.size === 0) return html`<div class="empty quiet muted">A torrent's details show here once you select it.</div>`;
    return html`<div class="empty" role="status">
      ${icon('info')}
      <strong>Select a torrent to see its details</strong>
      <span class="muted">Click a row, or move to it with the arrow keys.</span>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host { display: flex; flex-direction: column; position: relative; min-height: 0; min-width: 0; height: 300px;
        border-top: 1px solid var(--border); background: var(--surface); }
      .handle { position: absolute; top: -4px; left: 0; right: 0; height: 8px; cursor: row-resize; z-index: 3; touch-action: none; }
      .handle::after { content: ""; position: absolute; left: 50%; top: 2px; width: 36px; height: 4px; margin-left: -18px;
        border-radius: 4px; background: var(--border-strong); opacity: 0; transition: opacity var(--dur-fast) var(--ease); }
      .handle:hover::after, .handle.dragging::after, .handle:focus-visible::after { opacity: 1; }
      .handle:hover, .handle.dragging { background: linear-gradient(var(--accent), var(--accent)) center / 100% 2px no-repeat; }
      .handle:focus-visible { outline: none; background: linear-gradient(var(--focus), var(--focus)) center / 100% 2px no-repeat; }
      header { display: flex; align-items: center; gap: 12px; height: 40px; padding: 0 6px 0 8px; flex: none;
        border-bottom: 1px solid var(--border); }
      .tabs { display: flex; align-items: stretch; height: 100%; gap: 2px; }
      [role="tab"] { all: unset; position: relative; display: inline-flex; align-items: center; gap: 6px; padding: 0 10px;
        font-size: var(--text-md); color: var(--text-muted); cursor: pointer; border-radius: var(--radius-sm) var(--radius-sm) 0 0; }
      [role="tab"] svg { width: 15px; height: 15px; }
      [role="tab"]:hover { color: var(--text); background: var(--surface-2); }
      [role="tab"][aria-selected="true"] { color: var(--text); font-weight: 600; }
      [role="tab"][aria-selected="true"]::after { content: ""; position: absolute; left: 8px; right: 8px; bottom: 0; height: 2px;
        border-radius: 2px; background: var(--accent); }
      [role="tab"][aria-selected="true"] svg { color: var(--accent); }
      [role="tab"]:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
      .title { flex: 1; min-width: 0; display: flex; align-items: center; gap: 8px; justify-content: flex-end; color: var(--text-muted);
        font-size: var(--text-sm); }
      .title .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--text); font-weight: 500; }
      .title .state { flex: none; }
      /* In a narrow window the tabs need the room; the list row shows which torrent this is. */
      @media (max-width: 1040px) { .title .name { display: none; } }
      .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--c); flex: none; }
      .body { flex: 1; min-height: 0; min-width: 0; display: flex; flex-direction: column; }
      .body > * { flex: 1; min-height: 0; min-width: 0; }
      .empty { display: grid; place-content: center; justify-items: center; gap: 6px; text-align: center; padding: 16px; }
      .empty svg { width: 28px; height: 28px; color: var(--text-faint); margin-bottom: 4px; }
      .empty strong { font-size: var(--text-lg); font-weight: 600; }
      .empty.quiet { font-size: var(--text-sm); }
      @media (prefers-reduced-motion: reduce) { .handle::after { transition: none; } }
    `,
  ];
}
customElements.define('tp-inspector', InspectorPanel);
