// The command palette (Ctrl/Cmd+K): every action of the actions table, named "Category: Label" with its shortcut,
// and every torrent by name, found by fuzzy matching as the user types. Enter runs the action on the current
// selection or jumps to the torrent. An ARIA combobox: focus stays in the field, the active option is announced
// through aria-activedescendant.
import { css, html, LitElement, nothing } from 'lit';
import type { TorrentSnapshot } from '../../api/rpc-types.gen';
import { ACTIONS, type Action } from '../../state/actions';
import type { AppState } from '../../state/app-state';
import { stateColor, stateLabel } from '../../state/status-filter';
import { cssVars } from '../css-vars';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import './dialog-frame';
import { fuzzyMatch } from './fuzzy-match';
import { keyChips, keyChipStyles } from './key-chips';

type Item =
  | { kind: 'action'; action: Action; text: string; indices: number[]; disabled: boolean }
  | { kind: 'torrent'; torrent: TorrentSnapshot; indices: number[] };

const MAX_ACTIONS = 30;
const MAX_TORRENTS = 50;
const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export class CommandPalette extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  private query = '';
  private active = 0;
  private items: Item[] = [];
  private actionCount = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.search();
  }

  /** Recomputes what matches the query: the commands first (in table order when there is no query), then torrents. */
  private search(): void {
    const q = this.query.trim();
    const hasTargets = this.app.targets().length > 0;
    const actions: (Item & { kind: 'action' })[] = [];
    const scores = new Map<Item, number>();
    for (const a of ACTIONS) {
      if (a.id === 'app.palette') continue;
      const text = `${a.category}: ${a.label}`;
      const m = fuzzyMatch(q, text);
      if (!m) continue;
      const item = { kind: 'action' as const, action: a, text, indices: m.indices, disabled: !!a.needsTargets && !hasTargets };
      // What can run now comes before what waits for a selection.
      scores.set(item, m.score - (item.disabled ? 1000 : 0));
      actions.push(item);
    }
    if (q) actions.sort((a, b) => scores.get(b)! - scores.get(a)!);
    else actions.sort((a, b) => Number(a.disabled) - Number(b.disabled));
    const torrents: Item[] = [];
    if (q) {
      const found: { t: TorrentSnapshot; score: number; indices: number[] }[] = [];
      for (const t of this.app.store.torrents.values()) {
        const m = fuzzyMatch(q, t.name);
        if (m) found.push({ t, score: m.score, indices: m.indices });
      }
      found.sort((a, b) => b.score - a.score);
      for (const f of found.slice(0, MAX_TORRENTS)) torrents.push({ kind: 'torrent', torrent: f.t, indices: f.indices });
    }
    const shownActions = actions.slice(0, q ? MAX_ACTIONS : actions.length);
    this.actionCount = shownActions.length;
    this.items = [...shownActions, ...torrents];
    this.active = this.items.findIndex((i) => !(i.kind === 'action' && i.disabled));
    this.requestUpdate();
  }

  private onInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    this.search();
  }

  private move(delta: number | 'first' | 'last'): void {
    const enabled = this.items.map((it, i) => (it.kind === 'action' && it.disabled ? -1 : i)).filter((i) => i >= 0);
    if (enabled.length === 0) return;
    let next: number;
    if (delta === 'first') next = enabled[0]!;
    else if (delta === 'last') next = enabled[enabled.length - 1]!;
    else {
      const at = enabled.indexOf(this.active);
      next = enabled[(Math.max(at, 0) + delta + enabled.length) % enabled.length]!;
    }
    this.active = next;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector('#opt-' + next)?.scrollIntoView({ block: 'nearest' }));
  }

  private onKeyDown(e: KeyboardEvent): void {
    const mod = isMac ? e.metaKey : e.ctrlKey;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      this.move(e.key === 'PageDown' ? 8 : -8);
    } else if ((e.key === 'Home' || e.key === 'End') && mod) {
      e.preventDefault();
      this.move(e.key === 'Home' ? 'first' : 'last');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = this.items[this.active];
      if (item) this.choose(item);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.app.close();
    } else if (mod && e.key.toLowerCase() === 'k') {
      // The same keys that opened it close it.
      e.preventDefault();
      this.app.close();
    }
  }

  private choose(item: Item): void {
    if (item.kind === 'action') {
      if (item.disabled) return;
      this.app.close();
      void item.action.run(this.app);
      return;
    }
    const app = this.app;
    const id = item.torrent.id;
    app.close();
    // A torrent hidden by the current filter or search is shown by clearing them, or the jump would land nowhere.
    if (!app.visible.some((t) => t.id === id)) app.setFilters({ status: 'all', category: null, tag: null, query: '' });
    app.select(id, 'only');
    requestAnimationFrame(() => focusTorrentList());
  }

  override render() {
    const n = this.app.targets().length;
    const active = this.items[this.active];
    return html`<tp-dialog-frame label="Command palette" placement="top" light-dismiss @close-request=${() => this.app.close()}>
      <div class="palette">
        <div class="field">
          ${icon('search')}
          <input id="q" type="text" role="combobox" autofocus autocomplete="off" spellcheck="false"
            aria-label="Type a command or a torrent name" placeholder="Type a command or a torrent name…"
            aria-expanded="true" aria-controls="list" aria-autocomplete="list"
            aria-activedescendant=${active ? `opt-${this.active}` : nothing}
            .value=${this.query} @input=${this.onInput} @keydown=${this.onKeyDown} />
          <span class="scope">${n === 0 ? 'No torrent selected' : n === 1 ? '1 torrent selected' : `${n} torrents selected`}</span>
        </div>
        <div id="list" role="listbox" aria-label="Results">
          ${this.items.length === 0
            ? html`<p class="empty" role="status">Nothing matches “${this.query}”.</p>`
            : html`
              ${this.actionCount > 0 ? html`<div role="group" aria-labelledby="g-commands">
                  <div class="group-label" id="g-commands" role="presentation">Commands</div>
                  ${this.items.slice(0, this.actionCount).map((it, i) => this.renderItem(it, i))}
                </div>` : nothing}
              ${this.items.length > this.actionCount ? html`<div role="group" aria-labelledby="g-torrents">
                  <div class="group-label" id="g-torrents" role="presentation">Torrents</div>
                  ${this.items.slice(this.actionCount).map((it, i) => this.renderItem(it, i + this.actionCount))}
                </div>` : nothing}`}
        </div>
        <footer aria-hidden="true">
          <span>${keyChips('Up')}${keyChips('Down')} move</span>
          <span>${keyChips('Enter')} ${active?.kind === 'torrent' ? 'go to torrent' : 'run'}</span>
          <span>${keyChips('Escape')} close</span>
        </footer>
      </div>
    </tp-dialog-frame>`;
  }

  private renderItem(item: Item, index: number) {
    const selected = index === this.active;
    if (item.kind === 'action') {
      const a = item.action;
      const split = a.category.length + 2;
      return html`<div role="option" id="opt-${index}" class="option ${a.danger ? 'danger' : ''}" aria-selected=${selected ? 'true' : 'false'}
          aria-disabled=${item.disabled ? 'true' : 'false'}
          @mousemove=${() => this.hover(index, item)} @click=${() => this.choose(item)}>
        <span class="ic">${a.icon ? icon(a.icon) : nothing}</span>
        <span class="text"><span class="cat">${marked(item.text.slice(0, split), item.indices, 0)}</span>${marked(item.text.slice(split), item.indices, split)}</span>
        ${item.disabled ? html`<span class="why">Select a torrent first</span>` : nothing}
        ${a.shortcut ? keyChips(a.shortcut) : nothing}
      </div>`;
    }
    const t = item.torrent;
    return html`<div role="option" id="opt-${index}" class="option" aria-selected=${selected ? 'true' : 'false'}
        @mousemove=${() => this.hover(index, item)} @click=${() => this.choose(item)}>
      <span class="ic"><span class="dot" ${cssVars({ '--c': stateColor(t) })}></span></span>
      <span class="text">${marked(t.name, item.indices, 0)}</span>
      <span class="meta">${stateLabel(t)}</span>
    </div>`;
  }

  private hover(index: number, item: Item): void {
    if (index === this.active || (item.kind === 'action' && item.disabled)) return;
    this.active = index;
    this.requestUpdate();
  }

  static override styles = [
    sharedStyles,
    keyChipStyles,
    css`
      :host { display: contents; }
      .palette { display: flex; flex-direction: column; min-height: 0; }
      .field { display: flex; align-items: center; gap: 10px; padding: 0 16px; height: 54px; border-bottom: 1px solid var(--border); flex: none; }
      .field > svg { width: 18px; height: 18px; color: var(--text-faint); }
      .field input { flex: 1; height: 100%; border: 0; background: transparent; padding: 0; font-size: var(--text-lg); outline: none; }
      .field input::placeholder { color: var(--text-faint); }
      .scope { font-size: var(--text-sm); color: var(--text-muted); white-space: nowrap; padding: 3px 8px; border-radius: 999px;
        background: var(--surface-2); }
      [role="listbox"] { overflow-y: auto; padding: 6px; min-height: 0; flex: 1; max-height: 420px; }
      .group-label { padding: 10px 10px 4px; font-size: var(--text-xs); font-weight: 650; text-transform: uppercase;
        letter-spacing: 0.06em; color: var(--text-muted); }
      .option { display: flex; align-items: center; gap: 10px; height: 36px; padding: 0 10px; border-radius: var(--radius-sm);
        cursor: pointer; color: var(--text); }
      .option[aria-selected="true"] { background: var(--accent-soft); box-shadow: inset 2px 0 0 var(--accent); }
      .option[aria-disabled="true"] { cursor: default; color: var(--text-muted); }
      .option[aria-disabled="true"] .ic { opacity: 0.6; }
      .ic { display: inline-grid; place-items: center; width: 18px; color: var(--text-muted); flex: none; }
      .option[aria-selected="true"] .ic { color: var(--accent); }
      .danger .ic { color: var(--danger); }
      .text { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .cat { color: var(--text-muted); }
      mark { background: transparent; color: var(--accent); font-weight: 700; }
      .option[aria-disabled="true"] mark { color: inherit; }
      .why { font-size: var(--text-xs); color: var(--text-faint); white-space: nowrap; }
      .meta { font-size: var(--text-sm); color: var(--text-muted); white-space: nowrap; }
      .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--c); }
      .empty { margin: 0; padding: 28px 16px; text-align: center; color: var(--text-muted); }
      footer { display: flex; gap: 18px; padding: 8px 16px; border-top: 1px solid var(--border); font-size: var(--text-sm);
        color: var(--text-muted); flex: none; background: var(--bg); }
      footer span { display: inline-flex; align-items: center; gap: 6px; }
      footer .keys + .keys { margin-left: -3px; }
    `,
  ];
}
customElements.define('tp-command-palette', CommandPalette);

/** `text` with the matched positions (offset by `from` in the whole string) marked; always as text, never HTML. */
function marked(text: string, indices: number[], from: number) {
  const hits = new Set(indices.filter((i) => i >= from && i < from + text.length).map((i) => i - from));
  if (hits.size === 0) return text;
  const parts: unknown[] = [];
  let run = '';
  let inHit = false;
  for (let i = 0; i <= text.length; i++) {
    const hit = i < text.length && hits.has(i);
    if (i === text.length || hit !== inHit) {
      if (run) parts.push(inHit ? html`<mark>${run}</mark>` : run);
      run = '';
      inHit = hit;
    }
    if (i < text.length) run += text[i];
  }
  return parts;
}

/** Puts keyboard focus on the torrent list, so arrows and shortcuts act from the torrent just jumped to. */
function focusTorrentList(): void {
  const list = document.querySelector('tp-app')?.shadowRoot?.querySelector('tp-torrent-list');
  list?.shadowRoot?.querySelector<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
}
