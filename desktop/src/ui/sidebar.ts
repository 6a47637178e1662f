// Filters with live counts: status, category, tag. Empty rarely-used status rows stay hidden.
import { css, html, LitElement, nothing } from 'lit';
import type { AppState } from '../state/app-state';
import { TRACKER_ERROR, TRACKERLESS, visibleStatusFilters } from '../state/list-model';
import { STATUS_FILTERS, type StatusFilter } from '../state/status-filter';
import { cssVars } from './css-vars';
import { icon } from './icons';
import { AppChanges } from './app-changes';
import { sharedStyles } from './shared-styles';

const STATUS_COLOR: Partial<Record<StatusFilter, string>> = {
  downloading: 'var(--st-downloading)', seeding: 'var(--st-seeding)', completed: 'var(--st-done)',
  paused: 'var(--st-paused)', queued: 'var(--st-queued)', checking: 'var(--st-checking)',
  metadata: 'var(--st-fetching)', moving: 'var(--st-moving)', errored: 'var(--st-error)', stalled: 'var(--st-queued)',
};

export class Sidebar extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  constructor() {
    super();
    new AppChanges(this, ['torrents', 'view']);
  }

  override render() {
    const app = this.app;
    const counts = app.counts;
    const categories = [...counts.categories.entries()].filter(([c]) => c !== '').sort(([a], [b]) => a.localeCompare(b));
    const uncategorized = counts.categories.get('') ?? 0;
    const tags = [...counts.tags.entries()].sort(([a], [b]) => a.localeCompare(b));
    const hosts = [...counts.trackers.entries()].filter(([h]) => h !== TRACKERLESS && h !== TRACKER_ERROR).sort(([a], [b]) => a.localeCompare(b));
    const trackerless = counts.trackers.get(TRACKERLESS) ?? 0;
    const failing = counts.trackers.get(TRACKER_ERROR) ?? 0;
    return html`
      <nav aria-label="Filters">
        <h2>Status</h2>
        <ul role="list">
          ${visibleStatusFilters(counts, app.filters.status).map((key) => {
            const label = STATUS_FILTERS.find((f) => f.key === key)!.label;
            return this.item(label, counts.status.get(key) ?? 0, app.filters.status === key,
              () => app.setFilters({ status: key }), STATUS_COLOR[key]);
          })}
        </ul>
        ${categories.length > 0
          ? html`<h2>Categories</h2><ul role="list">
              ${this.item('All', app.store.torrents.size, app.filters.category === null, () => app.setFilters({ category: null }))}
              ${categories.map(([c, n]) => this.item(c, n, app.filters.category === c, () => app.setFilters({ category: c })))}
              ${this.item('Uncategorized', uncategorized, app.filters.category === '', () => app.setFilters({ category: '' }))}
            </ul>`
          : nothing}
        ${tags.length > 0
          ? html`<h2>Tags</h2><ul role="list">
              ${this.item('All', app.store.torrents.size, app.filters.tag === null, () => app.setFilters({ tag: null }))}
              ${tags.map(([t, n]) => this.item(t, n, app.filters.tag === t, () => app.setFilters({ tag: t }), undefined, true))}
            </ul>`
          : nothing}
        ${hosts.length + trackerless + failing > 0
          ? html`<h2>Trackers</h2><ul role="list">
              ${this.item('All', app.store.torrents.size, app.filters.tracker === null, () => app.setFilters({ tracker: null }))}
              ${trackerless > 0 || app.filters.tracker === TRACKERLESS ? this.item('Trackerless', trackerless, app.filters.tracker === TRACKERLESS, () => app.setFilters({ tracker: TRACKERLESS })) : nothing}
              ${failing > 0 || app.filters.tracker === TRACKER_ERROR ? this.item('Tracker error', failing, app.filters.tracker === TRACKER_ERROR, () => app.setFilters({ tracker: TRACKER_ERROR }), 'var(--st-error)') : nothing}
              ${hosts.map(([h, n]) => this.item(h, n, app.filters.tracker === h, () => app.setFilters({ tracker: h }), undefined, false, true))}
            </ul>`
          : nothing}
      </nav>`;
  }

  private item(label: string, count: number, active: boolean, select: () => void, color?: string, tag = false, host = false) {
    return html`<li>
      <button class="item ${active ? 'active' : ''}" aria-current=${active ? 'true' : 'false'} @click=${select}>
        ${host ? html`<span class="tag-icon">${icon('radio')}</span>` : tag ? html`<span class="tag-icon">${icon('tag')}</span>` : html`<span class="swatch ${color ? '' : 'none'}" ${cssVars(color ? { '--c': color } : {})}></span>`}
        <span class="label">${label}</span>
        <span class="count num">${count}</span>
      </button>
    </li>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; overflow-y: auto; padding: var(--space-3) var(--space-2); }
      h2 { font-size: var(--text-xs); text-transform: uppercase; letter-spacing: 0.06em; color: var(--text-faint);
        margin: var(--space-4) var(--space-2) var(--space-1); font-weight: 650; }
      h2:first-child { margin-top: var(--space-1); }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 1px; }
      .item { all: unset; box-sizing: border-box; display: flex; align-items: center; gap: 8px; width: 100%;
        padding: 5px 8px; border-radius: var(--radius-sm); cursor: pointer; color: var(--text-muted); font-size: var(--text-md); }
      .item:hover { background: var(--surface-2); color: var(--text); }
      .item.active { background: var(--accent-soft); color: var(--text); font-weight: 600; }
      .item:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
      .label { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .count { font-size: var(--text-sm); color: var(--text-muted); }
      .swatch { width: 8px; height: 8px; border-radius: 50%; background: var(--c, var(--text-faint)); flex: none; }
      .swatch.none { background: transparent; border: 1.5px solid var(--text-faint); }
      .tag-icon svg { width: 13px; height: 13px; }
    `,
  ];
}
customElements.define('tp-sidebar', Sidebar);
