// The Peers tab: the connected peers, refreshed while shown, in a sortable virtualized table. Flags are
// qBittorrent's letters; hovering them explains each one.
import '../windowed-rows';
import { css, html, LitElement, nothing } from 'lit';
import type { PeerView, TorrentSnapshot } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import { cssVars } from '../css-vars';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import { explainFlags, flagLegend } from './peer-flags';
import { PollController } from './polling';
import { tabStyles } from './tab-styles';

type SortKey = 'address' | 'client' | 'flags' | 'source' | 'progress' | 'download_rate' | 'upload_rate' | 'requests';

const COLUMNS: { key: SortKey; label: string; end?: boolean; width: string; title?: string }[] = [
  { key: 'address', label: 'Address', width: 'minmax(190px, 1.2fr)' },
  { key: 'client', label: 'Client', width: 'minmax(140px, 1fr)' },
  { key: 'flags', label: 'Flags', width: '84px', title: flagLegend() },
  { key: 'source', label: 'Source', width: '84px' },
  { key: 'progress', label: 'Progress', width: '150px' },
  { key: 'download_rate', label: 'Down', end: true, width: '96px' },
  { key: 'upload_rate', label: 'Up', end: true, width: '96px' },
  { key: 'requests', label: 'Requests', end: true, width: '84px', title: 'Requests in flight / queued' },
];

const SOURCES: Record<PeerView['source'], string> = {
  tracker: 'Tracker', dht: 'DHT', pex: 'PEX', lsd: 'LSD', manual: 'Manual', incoming: 'Incoming',
};

const collator = new Intl.Collator(undefined, { numeric: true });

function sortValue(p: PeerView, key: SortKey): number | string {
  switch (key) {
    case 'address':
      return endpoint(p);
    case 'requests':
      return p.requests_in_flight + p.requests_queued;
    case 'source':
      return SOURCES[p.source];
    default:
      return p[key];
  }
}

function endpoint(p: PeerView): string {
  return p.address.includes(':') ? `[${p.address}]:${p.port}` : `${p.address}:${p.port}`;
}

export class PeersTab extends LitElement {
  static override properties = { app: { attribute: false }, torrent: { attribute: false } };
  declare app: AppState;
  declare torrent: TorrentSnapshot;
  private peers: PeerView[] | null = null;
  private sort: { key: SortKey; descending: boolean } = { key: 'download_rate', descending: true };
  private readonly poll = new PollController(this, 1500, () => this.load(), () => this.app.store.connection.state === 'connected');

  private async load(): Promise<void> {
    const { peers } = await this.app.api.call('get_peers', { id: this.torrent.id });
    this.peers = peers;
    this.requestUpdate();
  }

  private sorted(): PeerView[] {
    const { key, descending } = this.sort;
    const sign = descending ? -1 : 1;
    return [...(this.peers ?? [])].sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      // Ties keep a stable order by address, so rows do not jump between refreshes.
      return c !== 0 ? c * sign : collator.compare(endpoint(a), endpoint(b));
    });
  }

  private setSort(key: SortKey): void {
    const numeric = key === 'progress' || key === 'download_rate' || key === 'upload_rate' || key === 'requests';
    this.sort = this.sort.key === key ? { key, descending: !this.sort.descending } : { key, descending: numeric };
    this.requestUpdate();
  }

  override render() {
    const t = this.torrent;
    if (this.peers === null) return html`<div class="note" role="status">Loading peers…</div>`;
    const peers = this.sorted();
    const seeds = peers.filter((p) => p.progress >= 1).length;
    return html`
      <div class="toolbar">
        <span class="count num">${peers.length} ${peers.length === 1 ? 'peer' : 'peers'} connected${seeds > 0 ? ` · ${seeds} ${seeds === 1 ? 'seed' : 'seeds'}` : ''}${t.known_peers > peers.length ? ` · ${t.known_peers} known` : ''}</span>
      </div>
      ${peers.length === 0
        ? html`<div class="note" role="status">${icon('users')}<strong>No peers connected</strong>
            <span>${t.state === 'paused' ? 'The torrent is paused.' : t.state === 'queued' ? 'The torrent is waiting in the queue.' : 'Peers show here as they connect.'}</span></div>`
        : html`<div class="table" role="grid" aria-label="Peers" aria-rowcount=${peers.length + 1}
            ${cssVars({ '--cols': COLUMNS.map((c) => c.width).join(' ') })}>
            <div class="thead" role="row" aria-rowindex="1">
              ${COLUMNS.map((c) => {
                const active = this.sort.key === c.key;
                return html`<div class="th ${c.end ? 'end' : ''}" role="columnheader" title=${c.title ?? nothing}
                    aria-sort=${active ? (this.sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button class="sort" @click=${() => this.setSort(c.key)}>${c.label}${active ? icon(this.sort.descending ? 'arrow-down' : 'arrow-up') : nothing}</button>
                </div>`;
              })}
            </div>
            <tp-windowed-rows class="rows" .items=${peers} .rowHeight=${28} .keyFunction=${(p: PeerView) => endpoint(p)}
              .renderItem=${(p: PeerView, i: number) => this.renderPeer(p, i)}></tp-windowed-rows>
          </div>`}`;
  }

  private renderPeer(p: PeerView, index: number) {
    return html`<div class="tr" role="row" aria-rowindex=${index + 2}>
      <div class="td mono" role="gridcell" title=${endpoint(p)}>${endpoint(p)}</div>
      <div class="td" role="gridcell" title=${p.client}>${p.client || html`<span class="muted">unknown</span>`}</div>
      <div class="td mono flags" role="gridcell" title=${explainFlags(p.flags)}>${p.flags.trim() || '–'}</div>
      <div class="td muted" role="gridcell">${SOURCES[p.source]}</div>
      <div class="td" role="gridcell">
        <div class="progress" role="progressbar" aria-label="Peer's progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(p.progress * 100)}>
          <span class="bar"><span class="fill" ${cssVars({ '--p': String(p.progress), '--c': p.progress >= 1 ? 'var(--st-seeding)' : 'var(--st-downloading)' })}></span></span>
          <span class="pct">${fmt.percent(p.progress)}</span>
        </div>
      </div>
      <div class="td end" role="gridcell">${fmt.rate(p.download_rate)}</div>
      <div class="td end" role="gridcell">${fmt.rate(p.upload_rate)}</div>
      <div class="td end muted" role="gridcell">${p.requests_in_flight} / ${p.requests_queued}</div>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    tabStyles,
    css`
      .table { flex: 1; min-height: 0; display: flex; flex-direction: column; overflow-x: auto; overflow-y: hidden; }
      .thead { position: static; padding-right: 10px; }
      .table { --table-min: 900px; }
      .rows { flex: 1; min-height: 0; overflow-y: scroll; min-width: var(--table-min); contain: strict; background: var(--surface); }
      .tr { width: 100%; }
      .mono { font-family: var(--font-mono); font-size: var(--text-sm); }
      .flags { letter-spacing: 0.05em; cursor: help; }
    `,
  ];
}
customElements.define('tp-peers-tab', PeersTab);
