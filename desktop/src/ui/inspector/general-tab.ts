// The General tab: what the torrent is, how far it is, how it shares, and its own options (limits, order,
// category, tags, ratio limit) editable in place. Everything comes from the store's snapshot, kept fresh by the
// state deltas: this tab polls nothing. The torrent's comment is not in the RPC, so it is not shown.
import { css, html, LitElement, nothing } from 'lit';
import type { SetTorrentOptionsParams, TorrentSnapshot } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import { stateColor, stateLabel } from '../../state/status-filter';
import { cssVars } from '../css-vars';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import { joinNative } from './native-path';
import { pieceSize } from './piece-map';
import { tabStyles } from './tab-styles';

type Options = Omit<SetTorrentOptionsParams, 'ids'>;

export class GeneralTab extends LitElement {
  static override properties = { app: { attribute: false }, torrent: { attribute: false } };
  declare app: AppState;
  declare torrent: TorrentSnapshot;
  /** Ratio limit: the user picked "Custom" and has not typed a value yet. */
  private customRatio = false;
  /** The clocks (time active, seeding, next announce) count on between deltas: draw them every second. */
  private ticker: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => this.requestUpdate(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  private async setOptions(what: string, options: Options): Promise<void> {
    await this.app.run(what, () => this.app.api.call('set_torrent_options', { ids: this.torrent.id, ...options }));
  }

  private async copyHash(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.torrent.id);
      this.app.toast('info', 'Info-hash copied');
    } catch {
      this.app.toast('error', 'Could not copy to the clipboard');
    }
  }

  /** Reveals the torrent's top file or folder (its name on disk follows renames, so ask for the files). */
  private async reveal(): Promise<void> {
    const t = this.torrent;
    const files = await this.app.run('Files', () => this.app.api.call('get_files', { id: t.id }));
    const first = files?.files[0]?.path;
    const top = first ? first.split('/')[0]! : '';
    await this.app.run('Show in folder', () => this.app.api.native.revealInFolder(top ? joinNative(t.save_path, top) : t.save_path));
  }

  private onLimit(e: Event, key: 'download_limit' | 'upload_limit'): void {
    const input = e.target as HTMLInputElement;
    const value = fmt.parseRate(input.value);
    if (value === null) {
      this.app.toast('error', `“${input.value}” is not a rate: try 500 KiB or 2 MiB (empty for no limit)`);
      input.value = this.limitText(this.torrent[key]);
      return;
    }
    input.value = this.limitText(value);
    if (value !== this.torrent[key]) void this.setOptions(key === 'download_limit' ? 'Download limit' : 'Upload limit', { [key]: value });
  }

  private limitText(limit: number): string {
    return limit > 0 ? fmt.rate(limit) : '';
  }

  private onRatioMode(e: Event): void {
    const mode = (e.target as HTMLSelectElement).value;
    if (mode === 'custom') {
      this.customRatio = true;
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#ratio-value')?.focus());
      return;
    }
    this.customRatio = false;
    void this.setOptions('Ratio limit', { ratio_limit: mode === 'global' ? -2 : -1 });
  }

  private onRatioValue(e: Event): void {
    const input = e.target as HTMLInputElement;
    const value = Number.parseFloat(input.value);
    if (!Number.isFinite(value) || value < 0) {
      this.app.toast('error', 'A ratio limit is a number of 0 or more');
      return;
    }
    this.customRatio = false;
    void this.setOptions('Ratio limit', { ratio_limit: Math.round(value * 100) / 100 });
  }

  private onTags(e: Event): void {
    const input = e.target as HTMLInputElement;
    const tags = [...new Set(input.value.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
    input.value = tags.join(', ');
    if (tags.join('\n') !== this.torrent.tags.join('\n')) void this.setOptions('Tags', { tags });
  }

  private onCategory(e: Event): void {
    const category = (e.target as HTMLInputElement).value.trim();
    if (category !== this.torrent.category) void this.setOptions('Category', { category });
  }

  override render() {
    const t = this.torrent;
    const noMetadata = t.state === 'fetching_metadata' || (t.total_bytes === 0 && t.piece_count === 0);
    const clocks = this.app.store.clocks(t);
    const fraction = noMetadata ? t.metadata_progress : t.progress;
    const size = pieceSize(t.total_bytes, t.piece_count);
    return html`<div class="scroll">
      <div class="summary">
        <div class="state" ${cssVars({ '--c': stateColor(t) })}><span class="dot"></span>${stateLabel(t)}${t.forced ? ' (forced)' : ''}</div>
        <div class="progress big" role="progressbar" aria-label=${noMetadata ? 'Metadata' : 'Progress'} aria-valuemin="0" aria-valuemax="100"
          aria-valuenow=${Math.round(fraction * 100)}>
          <span class="bar"><span class="fill" ${cssVars({ '--p': String(fraction), '--c': stateColor(t) })}></span></span>
          <span class="pct num">${fmt.percent(fraction)}</span>
        </div>
        <div class="muted num amounts">${noMetadata ? 'of the metadata' : html`${fmt.bytes(t.done_bytes)} of ${fmt.bytes(t.wanted_bytes)}`}</div>
      </div>
      ${t.error ? html`<div class="banner error" role="alert">${icon('alert')}<span>${t.error}</span></div>` : nothing}
      ${noMetadata ? html`<div class="banner" role="status">${icon('info')}<span>Fetching the metadata from peers
          (${fmt.percent(t.metadata_progress)}). Files, sizes and pieces will appear when it arrives.</span></div>` : nothing}
      <div class="sections">
        <section aria-labelledby="h-transfer">
          <h3 id="h-transfer">Transfer <span class="hint">session · all time</span></h3>
          <dl>
            ${row('Downloaded', html`${fmt.bytes(t.downloaded)} <span class="muted">· ${fmt.bytes(t.downloaded_all_time)}</span>`, 'This session · all time')}
            ${row('Uploaded', html`${fmt.bytes(t.uploaded)} <span class="muted">· ${fmt.bytes(t.uploaded_all_time)}</span>`, 'This session · all time')}
            ${row('Ratio', fmt.ratio(t.ratio))}
            ${row('Wasted', fmt.bytes(t.wasted_bytes))}
            ${row('Speed', html`↓ ${fmt.rate(t.download_rate)} · ↑ ${fmt.rate(t.upload_rate)}`)}
            ${row('ETA', t.complete || t.download_rate === 0 ? '–' : fmt.eta(t.eta))}
            ${row('Time active', fmt.duration(clocks.active_seconds))}
            ${row('Seeding time', clocks.seeding_seconds > 0 ? fmt.duration(clocks.seeding_seconds) : '–')}
          </dl>
        </section>
        <section aria-labelledby="h-swarm">
          <h3 id="h-swarm">Swarm</h3>
          <dl>
            ${row('Seeds', html`${t.seeds} <span class="muted">${t.swarm_seeds >= 0 ? `· ${t.swarm_seeds} in swarm` : 'connected'}</span>`)}
            ${row('Peers', html`${t.peers - t.seeds} <span class="muted">${t.swarm_leechers >= 0 ? `· ${t.swarm_leechers} in swarm` : 'connected'}</span>`)}
            ${row('Known peers', String(t.known_peers))}
            ${row('Copies', t.distributed_copies.toFixed(3), 'Distributed copies: complete copies of the torrent among the connected peers')}
            ${row('Next announce', clocks.next_announce >= 0 ? fmt.duration(clocks.next_announce) : '–')}
            ${row('Queue', t.complete ? '–' : `#${t.queue_position + 1}`)}
          </dl>
        </section>
        <section aria-labelledby="h-info">
          <h3 id="h-info">Torrent</h3>
          <dl>
            ${row('Info-hash', html`<span class="hash mono">${t.id}</span>
              <button class="icon-btn sm" aria-label="Copy the info-hash" title="Copy" @click=${this.copyHash}>${icon('copy')}</button>`)}
            ${row('Size', noMetadata ? '–' : fmt.bytes(t.total_bytes))}
            ${!noMetadata && t.wanted_bytes !== t.total_bytes ? row('Wanted', fmt.bytes(t.wanted_bytes)) : nothing}
            ${row('Done', noMetadata ? '–' : html`${fmt.bytes(t.done_bytes)} <span class="muted">· ${t.pieces_done} ${t.pieces_done === 1 ? 'piece' : 'pieces'}</span>`)}
            ${row('Pieces', noMetadata ? '–' : `${t.piece_count}${size ? ` × ${fmt.bytes(size)}` : ''}`)}
            ${row('Added', fmt.dateTime(t.added_at))}
            ${row('Completed', fmt.dateTime(t.completed_at))}
            ${row('Save path', html`<span class="path" title=${t.save_path}>${t.save_path}</span>
              <button class="icon-btn sm" aria-label="Show in folder" title="Show in folder" @click=${this.reveal}>${icon('folder-open')}</button>`)}
          </dl>
        </section>
        <section aria-labelledby="h-options">
          <h3 id="h-options">Options</h3>
          ${this.renderSettings(t)}
        </section>
      </div>
    </div>`;
  }

  private renderSettings(t: TorrentSnapshot) {
    const ratioMode = this.customRatio || t.ratio_limit >= 0 ? 'custom' : t.ratio_limit === -1 ? 'none' : 'global';
    const categories = [...this.app.counts.categories.keys()].filter((c) => c !== '');
    const tags = [...this.app.counts.tags.keys()];
    return html`<div class="options" @focusin=${rememberValue}>
      <label for="dl">Download limit</label>
      <input id="dl" type="text" class="num" placeholder="Unlimited" .value=${this.limitText(t.download_limit)}
        @change=${(e: Event) => this.onLimit(e, 'download_limit')} @keydown=${blurOnEnter} />
      <label for="ul">Upload limit</label>
      <input id="ul" type="text" class="num" placeholder="Unlimited" .value=${this.limitText(t.upload_limit)}
        @change=${(e: Event) => this.onLimit(e, 'upload_limit')} @keydown=${blurOnEnter} />
      <label for="ratio-mode">Ratio limit</label>
      <div class="pair">
        <select id="ratio-mode" @change=${this.onRatioMode}>
          <option value="global" ?selected=${ratioMode === 'global'}>As in settings</option>
          <option value="none" ?selected=${ratioMode === 'none'}>No limit</option>
          <option value="custom" ?selected=${ratioMode === 'custom'}>Stop at ratio…</option>
        </select>
        ${ratioMode === 'custom' ? html`<input id="ratio-value" type="number" min="0" step="0.1" class="num" aria-label="Ratio to stop at"
          .value=${t.ratio_limit >= 0 ? String(t.ratio_limit) : ''} @change=${this.onRatioValue} @keydown=${blurOnEnter} />` : nothing}
      </div>
      <label for="category">Category</label>
      <input id="category" type="text" list="categories" placeholder="None" .value=${t.category}
        @change=${this.onCategory} @keydown=${blurOnEnter} />
      <datalist id="categories">${categories.map((c) => html`<option value=${c}></option>`)}</datalist>
      <label for="tags">Tags</label>
      <input id="tags" type="text" list="tag-list" placeholder="None (comma-separated)" .value=${t.tags.join(', ')}
        @change=${this.onTags} @keydown=${blurOnEnter} />
      <datalist id="tag-list">${tags.map((c) => html`<option value=${c}></option>`)}</datalist>
      <span class="label">Pieces</span>
      <div class="checks">
        <label title="Fetch pieces in order, to play media while it downloads"><input type="checkbox" .checked=${t.sequential}
          @change=${(e: Event) => void this.setOptions('Sequential', { sequential: (e.target as HTMLInputElement).checked })} /> Sequential</label>
        <label title="Fetch each file's first and last pieces first, for previews"><input type="checkbox" .checked=${t.first_last_pieces}
          @change=${(e: Event) => void this.setOptions('First and last pieces', { first_last_pieces: (e.target as HTMLInputElement).checked })} /> First and last first</label>
      </div>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    tabStyles,
    css`
      .scroll { padding: 12px 16px 16px; }
      .summary { display: grid; grid-template-columns: auto 1fr auto; align-items: center; gap: 16px; margin-bottom: 12px; }
      .state { display: inline-flex; align-items: center; gap: 7px; font-weight: 600; }
      .state .dot { width: 8px; height: 8px; }
      .progress.big .bar { height: 6px; }
      .amounts { font-size: var(--text-sm); }
      .banner { display: flex; gap: 8px; align-items: flex-start; padding: 8px 10px; margin-bottom: 12px; border-radius: var(--radius-sm);
        background: var(--surface-2); color: var(--text); }
      .banner svg { margin-top: 1px; color: var(--text-muted); }
      .banner.error { background: color-mix(in oklch, var(--st-error) 12%, var(--surface)); }
      .banner.error svg { color: var(--st-error); }
      .banner span { overflow-wrap: anywhere; }
      /* Four columns where they fit (the usual window), two below that. */
      .scroll { container-type: inline-size; }
      .sections { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 0.9fr) minmax(0, 1.25fr) minmax(0, 1.1fr); gap: 12px 28px; }
      @container (max-width: 940px) { .sections { grid-template-columns: 1fr 1fr; } }
      h3 { margin: 0 0 6px; font-size: var(--text-xs); font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: var(--text-faint); }
      .hint { text-transform: none; letter-spacing: 0; font-weight: 400; margin-left: 4px; }
      dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 12px; margin: 0; }
      dt { color: var(--text-muted); white-space: nowrap; }
      dd { margin: 0; min-width: 0; display: flex; align-items: center; gap: 4px; font-variant-numeric: tabular-nums; white-space: nowrap; }
      dd > span { min-width: 0; }
      dd .muted { font-size: var(--text-sm); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .mono { font-family: var(--font-mono); font-size: var(--text-sm); }
      .hash, .path { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .icon-btn.sm { width: 22px; height: 22px; flex: none; }
      .icon-btn.sm svg { width: 14px; height: 14px; }
      .options { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 12px; align-items: center; }
      .options label, .options .label { color: var(--text-muted); }
      .options input[type="text"], .options input[type="number"], .options select { height: 26px; width: 100%; font-size: var(--text-sm); }
      .pair { display: flex; gap: 6px; }
      .pair select { flex: 1.4; }
      .pair input { flex: 1; }
      .checks { display: grid; gap: 4px; }
      .checks label { display: inline-flex; align-items: center; gap: 6px; color: var(--text); }
      input[type="checkbox"] { accent-color: var(--accent); margin: 0; }
    `,
  ];
}
customElements.define('tp-general-tab', GeneralTab);

function row(label: string, value: unknown, title?: string) {
  return html`<dt title=${title ?? label}>${label}</dt><dd>${value}</dd>`;
}

function blurOnEnter(e: KeyboardEvent): void {
  if (e.key === 'Enter') (e.target as HTMLElement).blur();
  if (e.key === 'Escape') {
    // Put back what the field held when it got focus: no change event, nothing sent.
    const input = e.target as HTMLInputElement;
    input.value = input.dataset.was ?? input.value;
    input.blur();
  }
}

function rememberValue(e: FocusEvent): void {
  const input = e.target as HTMLInputElement;
  if (input.matches('input')) input.dataset.was = input.value;
}
