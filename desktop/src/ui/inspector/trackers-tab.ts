// The Trackers tab: each tracker's status, last message and what it reported, refreshed while shown; add
// trackers (one URL per line), remove one, and reannounce to all.
import { css, html, LitElement, nothing } from 'lit';
import type { TorrentSnapshot, TrackerView } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import { cssVars } from '../css-vars';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import { PollController } from './polling';
import { tabStyles } from './tab-styles';

const STATUS: Record<TrackerView['status'], { label: string; color: string }> = {
  working: { label: 'Working', color: 'var(--st-seeding)' },
  not_contacted: { label: 'Not contacted', color: 'var(--st-paused)' },
  error: { label: 'Error', color: 'var(--st-error)' },
};

const COLS = 'minmax(220px, 1.6fr) 44px 134px minmax(150px, 1.4fr) 60px 60px 76px 92px 112px 44px';

const reported = (n: number) => (n < 0 ? '–' : String(n));

export class TrackersTab extends LitElement {
  static override properties = { app: { attribute: false }, torrent: { attribute: false } };
  declare app: AppState;
  declare torrent: TorrentSnapshot;
  private trackers: TrackerView[] | null = null;
  private adding = false;
  private busy = false;
  private readonly poll = new PollController(this, 2000, () => this.load(), () => this.app.store.connection.state === 'connected');

  private async load(): Promise<void> {
    const { trackers } = await this.app.api.call('get_trackers', { id: this.torrent.id });
    this.trackers = trackers;
    this.requestUpdate();
  }

  private openAdd(): void {
    this.adding = true;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  }

  private closeAdd(): void {
    this.adding = false;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#add')?.focus());
  }

  private async add(e: Event): Promise<void> {
    e.preventDefault();
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
    const known = new Set(this.trackers?.map((t) => t.url));
    const urls = [...new Set((area?.value ?? '').split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '' && !known.has(s)))];
    if (urls.length === 0) {
      this.app.toast('error', 'Add trackers: no new URL given');
      return;
    }
    this.busy = true;
    this.requestUpdate();
    const ok = await this.app.run('Add trackers', () => this.app.api.call('add_trackers', { id: this.torrent.id, urls: urls as [string, ...string[]] }));
    this.busy = false;
    if (ok !== undefined) {
      this.app.toast('info', urls.length === 1 ? 'Tracker added' : `${urls.length} trackers added`);
      this.closeAdd();
      this.poll.now();
    } else this.requestUpdate();
  }

  private async removeTracker(url: string): Promise<void> {
    const ok = await this.app.run('Remove tracker', () => this.app.api.call('remove_trackers', { id: this.torrent.id, urls: [url] }));
    if (ok !== undefined) this.poll.now();
  }

  private async reannounce(): Promise<void> {
    const ok = await this.app.run('Reannounce', () => this.app.api.call('reannounce', { ids: this.torrent.id }));
    if (ok !== undefined) {
      this.app.toast('info', 'Reannouncing to the trackers');
      this.poll.now();
    }
  }

  override render() {
    if (this.trackers === null) return html`<div class="note" role="status">Loading trackers…</div>`;
    const list = [...this.trackers].sort((a, b) => a.tier - b.tier);
    const working = list.filter((t) => t.status === 'working').length;
    return html`
      <div class="toolbar">
        <span class="count num">${list.length} ${list.length === 1 ? 'tracker' : 'trackers'}${list.length > 0 ? ` · ${working} working` : ''}</span>
        <span class="grow"></span>
        <button class="btn" id="add" aria-expanded=${this.adding ? 'true' : 'false'} aria-controls="add-form" @click=${this.openAdd}>${icon('plus')} Add trackers</button>
        <button class="btn" ?disabled=${list.length === 0} @click=${this.reannounce}>${icon('refresh')} Reannounce</button>
      </div>
      ${this.adding ? html`<form id="add-form" class="add" @submit=${this.add} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); this.closeAdd(); } }}>
          <label for="urls">Tracker URLs, one per line (http, https or udp)</label>
          <textarea id="urls" rows="3" spellcheck="false" placeholder="udp://tracker.example.org:1337/announce"
            @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void this.add(e); }}></textarea>
          <div class="actions">
            <button type="button" class="btn ghost" @click=${this.closeAdd}>Cancel</button>
            <button type="submit" class="btn primary" ?disabled=${this.busy}>Add</button>
          </div>
        </form>` : nothing}
      ${list.length === 0
        ? html`<div class="note" role="status">${icon('radio')}<strong>No trackers</strong>
            <span>Peers come from the DHT, peer exchange and local discovery. Add a tracker to find more.</span></div>`
        : html`<div class="scroll">
            <div class="table" role="table" aria-label="Trackers" ${cssVars({ '--cols': COLS })}>
              <div class="thead" role="row">
                <div class="th" role="columnheader">URL</div>
                <div class="th end" role="columnheader">Tier</div>
                <div class="th" role="columnheader">Status</div>
                <div class="th" role="columnheader">Message</div>
                <div class="th end" role="columnheader" title="Peers the last announce returned">Peers</div>
                <div class="th end" role="columnheader">Seeds</div>
                <div class="th end" role="columnheader">Leechers</div>
                <div class="th end" role="columnheader" title="Completed downloads the tracker reports">Completed</div>
                <div class="th end" role="columnheader">Next announce</div>
                <div class="th" role="columnheader"><span class="sr-only">Remove</span></div>
              </div>
              ${list.map((t) => this.renderTracker(t))}
            </div>
          </div>`}`;
  }

  private renderTracker(t: TrackerView) {
    const s = STATUS[t.status];
    return html`<div class="tr" role="row">
      <div class="td url" role="cell" title=${t.url}>${t.url}</div>
      <div class="td end" role="cell">${t.tier}</div>
      <div class="td" role="cell"><span class="status" ${cssVars({ '--c': s.color })}><span class="dot"></span>${s.label}</span></div>
      <div class="td msg ${t.status === 'error' ? 'error' : ''}" role="cell" title=${t.message}>${t.message || html`<span class="muted">–</span>`}</div>
      <div class="td end" role="cell">${t.peers}</div>
      <div class="td end" role="cell">${reported(t.seeds)}</div>
      <div class="td end" role="cell">${reported(t.leechers)}</div>
      <div class="td end" role="cell">${reported(t.downloaded)}</div>
      <div class="td end muted" role="cell">${t.next_announce >= 0 ? fmt.duration(t.next_announce) : '–'}</div>
      <div class="td" role="cell"><button class="icon-btn sm" aria-label="Remove ${t.url}" title="Remove this tracker"
        @click=${() => void this.removeTracker(t.url)}>${icon('trash')}</button></div>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    tabStyles,
    css`
      .add { display: grid; gap: 6px; padding: 10px 12px; border-bottom: 1px solid var(--border); background: var(--surface-2); flex: none; }
      .add label { font-size: var(--text-sm); color: var(--text-muted); }
      .add textarea { width: 100%; font-family: var(--font-mono); font-size: var(--text-sm); background: var(--surface); }
      .actions { display: flex; justify-content: flex-end; gap: 6px; }
      .actions .btn { height: 28px; }
      .table { --table-min: 980px; }
      .url { font-family: var(--font-mono); font-size: var(--text-sm); }
      .msg.error { color: var(--st-error); }
      .status { display: inline-flex; align-items: center; gap: 6px; }
      .icon-btn.sm { width: 24px; height: 24px; }
      .icon-btn.sm svg { width: 14px; height: 14px; }
    `,
  ];
}
customElements.define('tp-trackers-tab', TrackersTab);
