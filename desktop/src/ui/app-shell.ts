// The window: top bar, sidebar, the torrent list with the docked inspector under it, the status bar; and the
// things that belong to the whole window: drop anywhere, paste a magnet anywhere, keyboard shortcuts, theme.
import { css, html, LitElement, nothing } from 'lit';
import type { OpenRequest } from '../api/torpeddo-api';
import { actionForKey, action } from '../state/actions';
import type { AppState } from '../state/app-state';
import { icon } from './icons';
import { extractLinks, readDroppedTorrents } from './input-sources';
import { AppChanges } from './app-changes';
import { sharedStyles } from './shared-styles';
import './sidebar';
import './status-bar';
import './list/torrent-list';
import './inspector/inspector-panel';
import './dialogs/dialog-host';
import './context-menu';
import './toasts';

export class AppShell extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  private dragging = false;
  private dragDepth = 0;
  private lastOfferedClipboard = '';
  private readonly media = matchMedia('(prefers-color-scheme: dark)');
  constructor() {
    super();
    // 'selection' and 'torrents': the toolbar's torrent buttons are enabled only while there are targets.
    new AppChanges(this, ['prefs', 'inspector', 'connection', 'view', 'selection', 'torrents'], (kind) => {
      if (kind === 'prefs') this.applyTheme();
      this.requestUpdate();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.media.addEventListener('change', () => this.applyTheme());
    this.applyTheme();
    window.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('paste', this.onPaste);
    window.addEventListener('focus', this.onWindowFocus);
    window.addEventListener('dragenter', this.onDragEnter);
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('drop', this.onDrop);
    this.addEventListener('focus-search', () => this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus());
    this.app.api.native.onOpenRequest((r: OpenRequest) => this.openRequest(r));
  }

  private applyTheme(): void {
    const choice = this.app.prefs.theme;
    const dark = choice === 'dark' || (choice === 'system' && this.media.matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    document.documentElement.dataset.motion = this.app.prefs.reducedMotion ? 'reduced' : 'full';
  }

  private openRequest(r: OpenRequest): void {
    if (r.magnets.length + r.torrentFiles.length === 0) return;
    this.app.open({ kind: 'add', magnets: r.magnets, torrentFiles: r.torrentFiles, torrentBytes: [] });
  }

  private readonly onKeyDown = (e: KeyboardEvent) => {
    const path = e.composedPath();
    const typing = path.some((n) => n instanceof HTMLElement && (n.matches('input, textarea, select, [contenteditable]')));
    if (this.app.dialog.kind !== 'none') return; // the dialog handles its own keys
    const a = actionForKey(e, typing);
    if (!a) return;
    if (a.needsTargets && this.app.targets().length === 0) return;
    e.preventDefault();
    void a.run(this.app);
  };

  private readonly onPaste = (e: ClipboardEvent) => {
    const path = e.composedPath();
    if (path.some((n) => n instanceof HTMLElement && n.matches('input, textarea'))) return;
    const links = extractLinks(e.clipboardData?.getData('text') ?? '');
    if (links.length === 0) return;
    e.preventDefault();
    this.app.open({ kind: 'add', magnets: links, torrentFiles: [], torrentBytes: [] });
  };

  /** When the window gains focus with a new magnet on the clipboard, offer it once. */
  private readonly onWindowFocus = async () => {
    if (this.app.dialog.kind !== 'none' || this.app.store.connection.state !== 'connected') return;
    const text = await this.app.api.native.readClipboardText().catch(() => '');
    if (text === this.lastOfferedClipboard) return;
    this.lastOfferedClipboard = text;
    const links = extractLinks(text).filter((l) => !this.app.store.get(magnetId(l) ?? ''));
    if (links.length > 0) this.offer = links;
    this.requestUpdate();
  };
  private offer: string[] = [];

  private readonly onDragEnter = (e: DragEvent) => {
    if (!e.dataTransfer?.types.some((t) => t === 'Files' || t === 'text/uri-list' || t === 'text/plain')) return;
    this.dragDepth++;
    this.dragging = true;
    this.requestUpdate();
  };
  private readonly onDragOver = (e: DragEvent) => {
    if (this.dragging) e.preventDefault();
  };
  private readonly onDragLeave = () => {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (this.dragDepth === 0) {
      this.dragging = false;
      this.requestUpdate();
    }
  };
  private readonly onDrop = async (e: DragEvent) => {
    e.preventDefault();
    this.dragging = false;
    this.dragDepth = 0;
    this.requestUpdate();
    const dt = e.dataTransfer;
    if (!dt) return;
    const torrents = await readDroppedTorrents(dt.files);
    const links = extractLinks(dt.getData('text/uri-list') || dt.getData('text/plain'));
    if (torrents.length + links.length === 0) {
      if (dt.files.length > 0) this.app.toast('error', 'Only .torrent files and magnet links can be added');
      return;
    }
    this.app.open({ kind: 'add', magnets: links, torrentFiles: [], torrentBytes: torrents });
  };

  override render() {
    const app = this.app;
    const inspector = app.inspectorOpen;
    return html`
      <header>
        <div class="brand" aria-label="Torpeddo"><span class="logo" aria-hidden="true"></span>Torpeddo</div>
        <div class="search">
          ${icon('search')}
          <input id="search" type="search" placeholder="Search   name, -exclude, &quot;phrase&quot;, /regex/, category:, tag:"
            aria-label="Search torrents" .value=${app.filters.query}
            @input=${(e: Event) => this.onSearch((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { (e.target as HTMLInputElement).value = ''; this.onSearch(''); } }} />
        </div>
        <div class="tools">
          <button class="btn primary" @click=${() => void action('add.file').run(app)}>${icon('plus')} Add</button>
          <button class="icon-btn" title="Add magnet link" aria-label="Add magnet link" @click=${() => void action('add.magnet').run(app)}>${icon('magnet')}</button>
          <span class="sep"></span>
          <button class="icon-btn" title="Resume" aria-label="Resume selected" ?disabled=${app.targets().length === 0} @click=${() => void action('torrent.resume').run(app)}>${icon('play')}</button>
          <button class="icon-btn" title="Pause" aria-label="Pause selected" ?disabled=${app.targets().length === 0} @click=${() => void action('torrent.pause').run(app)}>${icon('pause')}</button>
          <button class="icon-btn" title="Remove" aria-label="Remove selected" ?disabled=${app.targets().length === 0} @click=${() => void action('torrent.remove').run(app)}>${icon('trash')}</button>
          <span class="sep"></span>
          <button class="icon-btn" title="Command palette (${navigator.platform.includes('Mac') ? '⌘' : 'Ctrl'}+K)" aria-label="Command palette" @click=${() => void action('app.palette').run(app)}>${icon('command')}</button>
          <button class="icon-btn" title="Compact or comfortable rows" aria-label="Row density" aria-pressed=${app.prefs.density === 'comfortable' ? 'true' : 'false'}
            @click=${() => void action('view.density').run(app)}>${icon(app.prefs.density === 'compact' ? 'rows-compact' : 'rows-comfortable')}</button>
          <button class="icon-btn" title="Theme: ${app.prefs.theme}" aria-label="Theme: ${app.prefs.theme}" @click=${() => void action('view.theme').run(app)}>${icon(app.prefs.theme === 'light' ? 'sun' : app.prefs.theme === 'dark' ? 'moon' : 'monitor')}</button>
          <button class="icon-btn" title="Settings" aria-label="Settings" @click=${() => void action('app.settings').run(app)}>${icon('settings')}</button>
        </div>
      </header>
      ${this.offer.length > 0 ? html`<div class="offer" role="status">
          ${icon('magnet')}<span>A magnet link is on the clipboard.</span>
          <button class="btn primary" @click=${() => { app.open({ kind: 'add', magnets: this.offer, torrentFiles: [], torrentBytes: [] }); this.offer = []; }}>Add it</button>
          <button class="btn ghost" @click=${() => { this.offer = []; this.requestUpdate(); }}>Dismiss</button>
        </div>` : nothing}
      <div class="body ${inspector ? 'with-inspector' : ''}">
        <tp-sidebar .app=${app}></tp-sidebar>
        <main>
          <tp-torrent-list .app=${app} @row-menu=${(e: CustomEvent<{ x: number; y: number }>) => this.openMenu(e.detail)}></tp-torrent-list>
          ${inspector ? html`<tp-inspector .app=${app}></tp-inspector>` : nothing}
        </main>
      </div>
      <tp-status-bar .app=${app}></tp-status-bar>
      <tp-context-menu .app=${app}></tp-context-menu>
      <tp-dialog-host .app=${app}></tp-dialog-host>
      <tp-toasts .app=${app}></tp-toasts>
      ${this.dragging ? html`<div class="drop-overlay" aria-hidden="true"><div class="drop-card">${icon('file-down')}<strong>Drop to add</strong><span>.torrent files or magnet links</span></div></div>` : nothing}
    `;
  }

  private searchTimer: number | undefined;
  private onSearch(value: string): void {
    window.clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(() => this.app.setFilters({ query: value }), 120);
  }

  private openMenu(at: { x: number; y: number }): void {
    this.renderRoot.querySelector('tp-context-menu')?.dispatchEvent(new CustomEvent('open-at', { detail: at }));
  }

  static override styles = [
    sharedStyles,
    css`
      :host { display: flex; flex-direction: column; height: 100vh; min-width: 900px; background: var(--bg); }
      header { display: flex; align-items: center; gap: var(--space-4); height: 52px; padding: 0 var(--space-3) 0 var(--space-4);
        border-bottom: 1px solid var(--border); background: var(--surface); }
      .brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: var(--text-lg); letter-spacing: -0.01em; width: 196px; }
      .logo { width: 24px; height: 24px; border-radius: 7px;
        background: conic-gradient(from 210deg, var(--st-downloading), var(--st-moving), var(--st-seeding), var(--st-downloading));
        box-shadow: inset 0 0 0 5px var(--surface), inset 0 0 0 6px color-mix(in oklch, var(--text) 15%, transparent); }
      .search { flex: 1; max-width: 560px; position: relative; display: flex; align-items: center; }
      .search svg { position: absolute; left: 10px; color: var(--text-faint); }
      .search input { width: 100%; height: 34px; padding-left: 34px; background: var(--surface-2); border-color: transparent; border-radius: var(--radius-md); }
      .search input::placeholder { color: var(--text-faint); }
      .tools { display: flex; align-items: center; gap: 4px; margin-left: auto; }
      .sep { width: 1px; height: 20px; background: var(--border); margin: 0 6px; }
      .icon-btn:disabled { opacity: 0.4; cursor: default; background: transparent; }
      .offer { display: flex; align-items: center; gap: 10px; padding: 8px 16px; background: var(--accent-soft); border-bottom: 1px solid var(--border); }
      .offer span { flex: 1; }
      .body { flex: 1; display: grid; grid-template-columns: 220px 1fr; min-height: 0; }
      tp-sidebar { border-right: 1px solid var(--border); background: var(--surface); }
      main { display: grid; grid-template-rows: 1fr; min-height: 0; min-width: 0; background: var(--surface); }
      .with-inspector main { grid-template-rows: minmax(160px, 1fr) auto; }
      tp-torrent-list { min-height: 0; }
      .drop-overlay { position: fixed; inset: 0; display: grid; place-items: center; background: var(--scrim); z-index: 50;
        animation: fade var(--dur) var(--ease); }
      .drop-card { display: grid; justify-items: center; gap: 6px; padding: 40px 64px; border: 2px dashed var(--accent);
        border-radius: var(--radius-lg); background: var(--surface); box-shadow: var(--shadow-lg); color: var(--text); }
      .drop-card svg { width: 36px; height: 36px; color: var(--accent); }
      .drop-card span { color: var(--text-muted); }
      @keyframes fade { from { opacity: 0; } }
    `,
  ];
}
customElements.define('tp-app', AppShell);

function magnetId(link: string): string | undefined {
  return /xt=urn:btih:([0-9a-f]{40})/i.exec(link)?.[1]?.toLowerCase();
}
