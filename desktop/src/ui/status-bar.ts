// Always visible: global rates and limits (click to change, turtle switch), DHT nodes, free space where torrents
// go by default, and the backend connection.
import { css, html, LitElement, nothing } from 'lit';
import type { Settings } from '../api/rpc-types.gen';
import * as fmt from '../format';
import type { AppState } from '../state/app-state';
import { icon } from './icons';
import { AppChanges } from './app-changes';
import { sharedStyles } from './shared-styles';

const PRESETS = [0, 100 * 1024, 512 * 1024, 1024 ** 2, 2 * 1024 ** 2, 5 * 1024 ** 2, 10 * 1024 ** 2, 50 * 1024 ** 2];

export class StatusBar extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  private settings: Settings | null = null;
  private freeBytes: number | null = null;
  private timer: number | undefined;
  private readonly onSettingsChanged = () => void this.refresh();

  constructor() {
    super();
    new AppChanges(this, ['torrents', 'connection'], (kind) => {
      this.requestUpdate();
      if (kind === 'connection' && this.app.store.connection.state === 'connected') void this.refresh();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.app.addEventListener('settings-changed', this.onSettingsChanged);
    this.timer = window.setInterval(() => void this.refresh(), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.app.removeEventListener('settings-changed', this.onSettingsChanged);
    window.clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    if (this.app.store.connection.state !== 'connected') return;
    try {
      this.settings = await this.app.api.call('get_settings', {});
      this.freeBytes = (await this.app.api.call('free_space', { path: this.settings.default_save_path })).free_bytes;
    } catch {
      // The connection dropped; the next `connected` refreshes.
    }
    this.requestUpdate();
  }

  private async setLimits(patch: { download?: number; upload?: number }): Promise<void> {
    const s = this.settings;
    if (!s) return;
    const key = s.alt_limits_on ? 'alt_limits' : 'limits';
    await this.app.run('Speed limit', () => this.app.api.call('set_settings', { settings: { [key]: { ...s[key], ...patch } } }));
    await this.refresh();
  }

  private async toggleTurtle(): Promise<void> {
    if (!this.settings) return;
    await this.app.run('Alternative limits', () => this.app.api.call('set_settings', { settings: { alt_limits_on: !this.settings!.alt_limits_on } }));
    await this.refresh();
  }

  override render() {
    const app = this.app;
    const session = app.store.session;
    const conn = app.store.connection;
    const s = this.settings;
    const limits = s ? (s.alt_limits_on ? s.alt_limits : s.limits) : null;
    return html`
      <footer>
        <button class="cell rate down" popovertarget="limits" title="Download rate and limit">
          ${icon('arrow-down')}<span class="sr-only">Download rate</span><span class="num">${fmt.rate(session?.download_rate ?? 0)}</span>
          ${limits && limits.download > 0 ? html`<span class="limit num">/ ${fmt.rate(limits.download)}</span>` : nothing}
        </button>
        <button class="cell rate up" popovertarget="limits" title="Upload rate and limit">
          ${icon('arrow-up')}<span class="sr-only">Upload rate</span><span class="num">${fmt.rate(session?.upload_rate ?? 0)}</span>
          ${limits && limits.upload > 0 ? html`<span class="limit num">/ ${fmt.rate(limits.upload)}</span>` : nothing}
        </button>
        <button class="icon-btn turtle" aria-pressed=${s?.alt_limits_on ? 'true' : 'false'} @click=${this.toggleTurtle}
          title="Alternative speed limits" aria-label="Alternative speed limits">${icon('turtle')}</button>
        <span class="spacer"></span>
        <span class="cell" title="Connected peers">${icon('users')}<span class="num">${session?.peers ?? 0}</span></span>
        <span class="cell" title="DHT nodes">${icon('network')}<span class="num">DHT ${session?.dht_nodes ?? 0}</span></span>
        <span class="cell" title=${s ? `Free space in ${s.default_save_path}` : 'Free space'}>${icon('disk')}<span class="num">${this.freeBytes === null ? '–' : `${fmt.bytes(this.freeBytes)} free`}</span></span>
        <span class="cell conn ${conn.state}" role="status" aria-live="polite">
          <span class="led"></span>${this.connectionLabel()}
        </span>
        ${session?.store_problem ? html`<span class="cell problem" title=${session.store_problem}>${icon('alert')} Saving state failed</span>` : nothing}
      </footer>
      <div id="limits" popover aria-label="Speed limits">
        ${limits ? html`
          <h3>${s!.alt_limits_on ? 'Alternative limits (turtle)' : 'Speed limits'}</h3>
          ${this.limitRow('Download', limits.download, (v) => this.setLimits({ download: v }))}
          ${this.limitRow('Upload', limits.upload, (v) => this.setLimits({ upload: v }))}
          <label class="switch"><input type="checkbox" .checked=${s!.alt_limits_on} @change=${this.toggleTurtle} />
            Use alternative limits</label>` : html`<p class="muted">Not connected.</p>`}
      </div>`;
  }

  private limitRow(label: string, current: number, set: (v: number) => void) {
    const presets = [...new Set([...PRESETS, current])].sort((a, b) => a - b);
    return html`<label class="limit-row"><span>${label}</span>
      <select @change=${(e: Event) => set(Number((e.target as HTMLSelectElement).value))} aria-label="${label} limit">
        ${presets.map((p) => html`<option value=${p} ?selected=${p === current}>${p === 0 ? 'Unlimited' : fmt.rate(p)}</option>`)}
      </select></label>`;
  }

  private connectionLabel(): string {
    const c = this.app.store.connection;
    switch (c.state) {
      case 'connecting':
        return 'Starting engine…';
      case 'connected':
        return 'Connected';
      case 'reconnecting':
        return `Reconnecting (attempt ${c.attempt})…`;
      case 'failed':
        return 'Engine stopped';
    }
  }

  static override styles = [
    sharedStyles,
    css`
      footer { display: flex; align-items: center; gap: 2px; height: 30px; padding: 0 8px;
        border-top: 1px solid var(--border); background: var(--surface); font-size: var(--text-sm); color: var(--text-muted); }
      .cell { all: unset; display: inline-flex; align-items: center; gap: 5px; padding: 0 8px; height: 24px; border-radius: var(--radius-sm); }
      button.cell { cursor: pointer; }
      button.cell:hover { background: var(--surface-2); color: var(--text); }
      button.cell:focus-visible { outline: 2px solid var(--focus); }
      .cell svg { width: 14px; height: 14px; }
      .down svg { color: var(--st-downloading); }
      .up svg { color: var(--st-seeding); }
      .down .num, .up .num { color: var(--text); font-weight: 600; min-width: 64px; }
      .limit { color: var(--text-muted); font-weight: 400; }
      .icon-btn { width: 26px; height: 24px; }
      .spacer { flex: 1; }
      .led { width: 7px; height: 7px; border-radius: 50%; background: var(--st-paused); }
      .conn.connected .led { background: var(--st-seeding); }
      .conn.connecting .led, .conn.reconnecting .led { background: var(--st-checking); animation: pulse 1.2s infinite; }
      .conn.failed .led { background: var(--st-error); }
      .problem { color: var(--st-error); }
      @keyframes pulse { 50% { opacity: 0.3; } }
      [popover] { position: fixed; inset: auto auto 36px 8px; margin: 0; padding: 12px 14px; width: 280px;
        background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: var(--radius-md); box-shadow: var(--shadow-lg); }
      h3 { margin: 0 0 10px; font-size: var(--text-md); }
      .limit-row { display: grid; grid-template-columns: 80px 1fr; align-items: center; margin-bottom: 8px; }
      .switch { display: flex; gap: 8px; align-items: center; margin-top: 6px; }
    `,
  ];
}
customElements.define('tp-status-bar', StatusBar);
