// The torrent list's columns: how each renders a torrent and which sort key its header sets. Styles are set
// through cssVars (CSSOM), never a style attribute string, which the CSP forbids.
import { html, type TemplateResult } from 'lit';
import { cssVars } from '../css-vars';
import type { TorrentSnapshot } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { SortKey } from '../../state/list-model';
import type { ColumnKey } from '../../state/prefs';
import { stateColor, stateLabel } from '../../state/status-filter';

export interface Column {
  key: ColumnKey;
  label: string;
  sort: SortKey;
  align?: 'end';
  render(t: TorrentSnapshot): TemplateResult | string;
}

const peers = (connected: number, swarm: number) => (swarm >= 0 ? `${connected} (${swarm})` : String(connected));

export const COLUMNS: Record<ColumnKey, Column> = {
  queue: { key: 'queue', label: '#', sort: 'queue', align: 'end', render: (t) => (t.complete ? '–' : String(t.queue_position + 1)) },
  name: { key: 'name', label: 'Name', sort: 'name', render: (t) => t.name },
  size: { key: 'size', label: 'Size', sort: 'size', align: 'end', render: (t) => (t.total_bytes > 0 ? fmt.bytes(t.wanted_bytes) : '–') },
  progress: {
    key: 'progress', label: 'Progress', sort: 'progress',
    render: (t) => {
      const fraction = t.state === 'fetching_metadata' ? t.metadata_progress
        : t.state === 'checking' && t.total_bytes > 0 ? t.checked_bytes / t.total_bytes
        : t.state === 'moving' && t.total_bytes > 0 ? t.moved_bytes / t.total_bytes : t.progress;
      return html`<span class="bar" role="progressbar" aria-label="progress" aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${Math.round(fraction * 100)}><span class="fill" ${cssVars({ '--p': String(fraction), '--c': stateColor(t) })}></span></span>
        <span class="pct num">${fmt.percent(fraction)}</span>`;
    },
  },
  state: {
    key: 'state', label: 'Status', sort: 'state',
    render: (t) => html`<span class="state" ${cssVars({ '--c': stateColor(t) })}><span class="dot"></span><span class="label">${stateLabel(t)}</span></span>`,
  },
  download_rate: { key: 'download_rate', label: 'Down', sort: 'download_rate', align: 'end', render: (t) => fmt.rate(t.download_rate) },
  upload_rate: { key: 'upload_rate', label: 'Up', sort: 'upload_rate', align: 'end', render: (t) => fmt.rate(t.upload_rate) },
  eta: { key: 'eta', label: 'ETA', sort: 'eta', align: 'end', render: (t) => (t.complete || t.download_rate === 0 ? '–' : fmt.eta(t.eta)) },
  ratio: { key: 'ratio', label: 'Ratio', sort: 'ratio', align: 'end', render: (t) => fmt.ratio(t.ratio) },
  peers: { key: 'peers', label: 'Peers', sort: 'peers', align: 'end', render: (t) => peers(t.peers - t.seeds, t.swarm_leechers) },
  seeds: { key: 'seeds', label: 'Seeds', sort: 'seeds', align: 'end', render: (t) => peers(t.seeds, t.swarm_seeds) },
  added: { key: 'added', label: 'Added', sort: 'added', render: (t) => fmt.dateTime(t.added_at) },
  save_path: { key: 'save_path', label: 'Save path', sort: 'save_path', render: (t) => t.save_path },
  category: { key: 'category', label: 'Category', sort: 'category', render: (t) => t.category || '–' },
  uploaded: { key: 'uploaded', label: 'Uploaded', sort: 'uploaded', align: 'end', render: (t) => fmt.bytes(t.uploaded_all_time) },
  downloaded: { key: 'downloaded', label: 'Downloaded', sort: 'downloaded', align: 'end', render: (t) => fmt.bytes(t.downloaded_all_time) },
};
