// What the list shows when it has nothing to show: a first run teaches how to add, a filter with no match offers
// to clear it, a lost backend says so.
import { css, html, LitElement } from 'lit';
import { action } from '../../state/actions';
import type { AppState } from '../../state/app-state';
import { icon } from '../icons';
import { AppChanges } from '../app-changes';
import { sharedStyles } from '../shared-styles';

export class EmptyState extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  constructor() {
    super();
    new AppChanges(this, ['torrents', 'view', 'connection']);
  }

  override render() {
    const app = this.app;
    const conn = app.store.connection;
    if (conn.state !== 'connected' && app.store.torrents.size === 0) {
      return html`<div class="box" role="status">
        <div class="art">${icon('unplug')}</div>
        <h2>${conn.state === 'failed' ? 'The engine is not running' : 'Connecting to the engine…'}</h2>
        <p class="muted">${conn.state === 'failed' ? conn.reason : conn.state === 'reconnecting' ? `Retrying (${conn.reason})` : 'This takes a moment on the first start.'}</p>
      </div>`;
    }
    if (app.store.torrents.size > 0) {
      return html`<div class="box" role="status">
        <div class="art">${icon('search')}</div>
        <h2>No torrents match</h2>
        <p class="muted">${app.filters.query ? html`Nothing matches “${app.filters.query}” here.` : 'Nothing is in this view right now.'}</p>
        <button class="btn" @click=${() => app.setFilters({ status: 'all', category: null, tag: null, tracker: null, query: '' })}>Clear filters</button>
      </div>`;
    }
    return html`<div class="box drop" role="status">
      <div class="art big">${icon('magnet')}</div>
      <h2>Drop a .torrent file or a magnet link here</h2>
      <p class="muted">Or paste a magnet with ${navigator.platform.includes('Mac') ? '⌘' : 'Ctrl'}+V anywhere in the window.</p>
      <div class="actions">
        <button class="btn primary" @click=${() => void action('add.file').run(app)}>${icon('file-down')} Open .torrent…</button>
        <button class="btn" @click=${() => void action('add.magnet').run(app)}>${icon('magnet')} Add magnet link…</button>
      </div>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host { display: grid; place-items: center; flex: 1; padding: var(--space-6); }
      .box { display: grid; justify-items: center; gap: var(--space-2); text-align: center; max-width: 460px; }
      .drop { padding: 48px 56px; border: 2px dashed var(--border-strong); border-radius: var(--radius-lg);
        background: color-mix(in oklch, var(--surface) 70%, transparent); }
      .art { display: grid; place-items: center; width: 56px; height: 56px; border-radius: 16px;
        background: var(--accent-soft); color: var(--accent); margin-bottom: var(--space-2); }
      .art.big { width: 72px; height: 72px; border-radius: 20px; }
      .art svg { width: 28px; height: 28px; }
      .art.big svg { width: 36px; height: 36px; }
      h2 { margin: 0; font-size: var(--text-lg); font-weight: 650; }
      p { margin: 0 0 var(--space-3); }
      .actions { display: flex; gap: var(--space-2); }
    `,
  ];
}
customElements.define('tp-empty-state', EmptyState);
