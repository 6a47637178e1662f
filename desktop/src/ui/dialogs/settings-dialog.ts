// Settings: the backend's (get_settings / set_settings, sending only what the user changed) and the UI's own
// preferences (theme, density, motion, notifications; kept locally), in sections chosen from a vertical tab list.
// Nothing applies until Apply; a value the backend refuses (a port in use) is shown at its field.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Settings } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import type { Density, Prefs, ThemeChoice } from '../../state/prefs';
import { icon, type IconName } from '../icons';
import { sharedStyles } from '../shared-styles';
import './dialog-frame';
import { draftsFrom, fieldSection, readForm, type Drafts, type FieldKey, type SectionId } from './settings-form';

type UiPrefs = Pick<Prefs, 'theme' | 'density' | 'reducedMotion' | 'notifications'>;

const SECTIONS: { id: SectionId; label: string; icon: IconName }[] = [
  { id: 'downloads', label: 'Downloads', icon: 'folder-down' },
  { id: 'connection', label: 'Connection', icon: 'network' },
  { id: 'speed', label: 'Speed', icon: 'gauge' },
  { id: 'queue', label: 'Queue', icon: 'list-ordered' },
  { id: 'sharing', label: 'Sharing', icon: 'share' },
  { id: 'discovery', label: 'Peer discovery', icon: 'radar' },
  { id: 'interface', label: 'Interface', icon: 'palette' },
];

interface TextOptions {
  placeholder?: string;
  suffix?: string;
  inputmode?: 'numeric' | 'decimal' | 'text';
  wide?: boolean;
  after?: TemplateResult;
  /** A status line under the field (free space where the folder is). */
  note?: TemplateResult | string;
}

export class SettingsDialog extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  private section: SectionId = 'downloads';
  private settings: Settings | null = null;
  private loadError: string | null = null;
  private initial: Drafts | null = null;
  private drafts: Drafts | null = null;
  private prefs!: UiPrefs;
  /** Fields the user has left after editing: their errors show from then on. */
  private readonly touched = new Set<FieldKey>();
  private attempted = false;
  private saving = false;
  /** What the backend said when it refused the change, at the field it concerns when there is one. */
  private refused: { field?: FieldKey; message: string } | null = null;
  private freeSpace: string | null = null;
  private freeSpaceTimer: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const p = this.app.prefs;
    this.prefs = { theme: p.theme, density: p.density, reducedMotion: p.reducedMotion, notifications: p.notifications };
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.freeSpaceTimer);
  }

  private async load(): Promise<void> {
    this.loadError = null;
    this.requestUpdate();
    try {
      const s = await this.app.api.call('get_settings', {});
      this.settings = s;
      this.initial = draftsFrom(s);
      this.drafts = { ...this.initial };
      void this.checkFreeSpace(s.default_save_path);
    } catch (e) {
      this.loadError = errorMessage(e);
    }
    this.requestUpdate();
  }

  private async checkFreeSpace(path: string): Promise<void> {
    try {
      const r = await this.app.api.call('free_space', { path });
      this.freeSpace = `${fmt.bytes(r.free_bytes)} free there`;
    } catch {
      this.freeSpace = null;
    }
    this.requestUpdate();
  }

  private get form() {
    return this.settings && this.initial && this.drafts ? readForm(this.settings, this.initial, this.drafts) : null;
  }

  private prefsChanges(): Partial<UiPrefs> {
    const out: Partial<UiPrefs> = {};
    for (const k of Object.keys(this.prefs) as (keyof UiPrefs)[]) {
      if (this.prefs[k] !== this.app.prefs[k]) (out as Record<string, unknown>)[k] = this.prefs[k];
    }
    return out;
  }

  private errorFor(key: FieldKey): string | undefined {
    if (this.refused?.field === key) return this.refused.message;
    const e = this.form?.errors[key];
    return e && (this.touched.has(key) || this.attempted) ? e : undefined;
  }

  private sectionHasError(id: SectionId): boolean {
    const form = this.form;
    if (this.refused?.field && fieldSection(this.refused.field) === id) return true;
    if (!form) return false;
    return (Object.keys(form.errors) as FieldKey[]).some((k) => fieldSection(k) === id && (this.touched.has(k) || this.attempted));
  }

  private setDraft(key: FieldKey, value: string | boolean): void {
    if (!this.drafts) return;
    this.drafts = { ...this.drafts, [key]: value };
    if (this.refused?.field === key || !this.refused?.field) this.refused = null;
    if (key === 'default_save_path') {
      window.clearTimeout(this.freeSpaceTimer);
      this.freeSpaceTimer = window.setTimeout(() => {
        const path = String(value).trim();
        if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) void this.checkFreeSpace(path);
      }, 400);
    }
    this.requestUpdate();
  }

  private setPref<K extends keyof UiPrefs>(key: K, value: UiPrefs[K]): void {
    this.prefs = { ...this.prefs, [key]: value };
    this.requestUpdate();
  }

  private async browse(): Promise<void> {
    const current = this.drafts ? String(this.drafts.default_save_path) : undefined;
    const dir = await this.app.api.native.chooseDirectory(current);
    if (dir) {
      this.setDraft('default_save_path', dir);
      this.touched.add('default_save_path');
    }
  }

  private async showSection(id: SectionId, focusField?: FieldKey): Promise<void> {
    this.section = id;
    this.requestUpdate();
    await this.updateComplete;
    if (focusField) this.renderRoot.querySelector<HTMLElement>(`#${focusField}`)?.focus();
  }

  private async apply(e?: Event): Promise<void> {
    e?.preventDefault();
    if (this.saving) return;
    this.attempted = true;
    const form = this.form;
    const wrong = form ? (Object.keys(form.errors) as FieldKey[]) : [];
    if (wrong.length > 0) {
      const first = wrong[0]!;
      await this.showSection(fieldSection(first), first);
      return;
    }
    this.saving = true;
    this.refused = null;
    this.requestUpdate();
    const backendChanged = form !== null && form.changed.length > 0;
    if (backendChanged) {
      try {
        await this.app.api.call('set_settings', { settings: form.patch });
      } catch (err) {
        this.saving = false;
        const message = errorMessage(err);
        // The backend names the port when it cannot listen there; every other refusal is shown in the footer.
        const field = /\bport\b/i.test(message) && form.changed.includes('listen_port') ? 'listen_port' : undefined;
        this.refused = { field, message: field ? `${capitalize(message)}. Choose another port, or 0 for any free one.` : capitalize(message) };
        if (field) await this.showSection(fieldSection(field), field);
        this.requestUpdate();
        return;
      }
      this.app.dispatchEvent(new Event('settings-changed'));
    }
    const prefs = this.prefsChanges();
    if (Object.keys(prefs).length > 0) this.app.updatePrefs(prefs);
    this.app.toast('info', 'Settings saved');
    this.app.close();
  }

  private onTabKey(e: KeyboardEvent): void {
    const at = SECTIONS.findIndex((s) => s.id === this.section);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: SECTIONS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = SECTIONS[(to + SECTIONS.length) % SECTIONS.length]!;
    void this.showSection(next.id).then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus());
  }

  override render() {
    const form = this.form;
    const dirty = (form !== null && form.changed.length > 0) || Object.keys(this.prefsChanges()).length > 0;
    const errors = form ? Object.keys(form.errors).length : 0;
    return html`<tp-dialog-frame heading="Settings" size="lg" @close-request=${() => this.app.close()}>
      <form id="settings-form" class="layout" novalidate @submit=${this.apply}>
        <div class="nav" role="tablist" aria-orientation="vertical" aria-label="Settings sections" @keydown=${this.onTabKey}>
          ${SECTIONS.map((s) => {
            const selected = s.id === this.section;
            return html`<button type="button" role="tab" id="tab-${s.id}" aria-controls="panel" aria-selected=${selected ? 'true' : 'false'}
                tabindex=${selected ? 0 : -1} ?autofocus=${selected} @click=${() => void this.showSection(s.id)}>
              ${icon(s.icon)}<span>${s.label}</span>
              ${this.sectionHasError(s.id) ? html`<span class="err-dot" aria-label="has a problem" role="img"></span>` : nothing}
            </button>`;
          })}
        </div>
        <section class="panel" id="panel" role="tabpanel" aria-labelledby="tab-${this.section}">
          ${this.renderSection()}
        </section>
      </form>
      <footer slot="footer">
        <div class="status">
          ${this.refused && !this.refused.field
            ? html`<span class="error" role="alert">${icon('alert')}${this.refused.message}</span>`
            : this.attempted && errors > 0
              ? html`<span class="error" role="alert">${icon('alert')}${errors === 1 ? 'One value needs fixing.' : `${errors} values need fixing.`}</span>`
              : dirty ? html`<span class="muted">Unsaved changes</span>` : nothing}
        </div>
        <button type="button" class="btn" @click=${() => this.app.close()}>Cancel</button>
        <button type="submit" form="settings-form" class="btn primary" ?disabled=${!dirty || this.saving}>
          ${this.saving ? 'Applying…' : 'Apply'}</button>
      </footer>
    </tp-dialog-frame>`;
  }

  private renderSection() {
    if (this.section === 'interface') return this.interfaceSection();
    const heading = SECTIONS.find((s) => s.id === this.section)!.label;
    if (this.loadError) {
      return html`<h3>${heading}</h3>
        <div class="callout error-box" role="alert">${icon('alert')}<div>
          <p>The engine’s settings could not be read: ${this.loadError}</p>
          <button type="button" class="btn" @click=${() => void this.load()}>Try again</button></div></div>`;
    }
    if (!this.drafts) return html`<h3>${heading}</h3><p class="muted" role="status">Loading settings…</p>`;
    switch (this.section) {
      case 'downloads': return this.downloadsSection();
      case 'connection': return this.connectionSection();
      case 'speed': return this.speedSection();
      case 'queue': return this.queueSection();
      case 'sharing': return this.sharingSection();
      case 'discovery': return this.discoverySection();
    }
  }

  private downloadsSection() {
    return html`<h3>Downloads</h3>
      <p class="lead">Where the files of new torrents are saved.</p>
      ${this.textRow('default_save_path', 'Default save folder', 'You can still choose another folder each time you add a torrent.', {
        wide: true,
        after: html`<button type="button" class="btn" @click=${() => void this.browse()}>${icon('folder-open')} Browse…</button>`,
        note: this.freeSpace ? html`${icon('disk')}<span>${this.freeSpace}</span>` : undefined,
      })}`;
  }

  private connectionSection() {
    const d = this.drafts!;
    return html`<h3>Connection</h3>
      <p class="lead">How other peers reach this computer, and how many connections it keeps.</p>
      ${this.textRow('listen_port', 'Listen port', 'For incoming TCP and UDP connections. 0 picks any free port.', { inputmode: 'numeric' })}
      ${this.textRow('max_peers', 'Maximum peers', 'Connections across all torrents together.', { inputmode: 'numeric' })}
      ${this.textRow('max_peers_per_torrent', 'Peers per torrent', 'Connections a single torrent may use.', { inputmode: 'numeric' })}
      ${this.textRow('upload_slots_per_torrent', 'Upload slots per torrent', 'Peers each torrent uploads to at the same time.', { inputmode: 'numeric' })}
      <h4>Protocols</h4>
      <div class="row">
        <div class="label"><label for="encryption">Encryption</label>
          <p class="hint" id="encryption-hint">${d.encryption === 'require'
            ? html`<span class="warn">${icon('warning')} Peers that cannot encrypt are refused: fewer peers.</span>`
            : d.encryption === 'disable' ? 'Plain connections only; encrypted peers are refused.'
            : 'Encrypted (MSE/PE) when the peer can, plain otherwise. Some networks slow plain BitTorrent down.'}</p></div>
        <div class="control">
          <select id="encryption" aria-describedby="encryption-hint" @change=${(e: Event) => this.setDraft('encryption', (e.target as HTMLSelectElement).value)}>
            ${[['prefer', 'Prefer encryption'], ['require', 'Require encryption'], ['disable', 'No encryption']].map(
              ([v, label]) => html`<option value=${v!} ?selected=${d.encryption === v}>${label}</option>`)}
          </select>
        </div>
      </div>
      ${this.switchRow('utp', 'uTP', 'Also connect over uTP (UDP), which yields to your other traffic; TCP when a peer does not speak it.',
        d.utp === true, (v) => this.setDraft('utp', v))}`;
  }

  private speedSection() {
    const rateHint = 'Type a rate such as 500 KiB or 8 MiB; leave it empty for no limit.';
    return html`<h3>Speed</h3>
      <p class="lead">${rateHint}</p>
      <h4>Normal limits</h4>
      ${this.textRow('limit_down', 'Download limit', 'For all torrents together.', { placeholder: 'Unlimited', suffix: '/s' })}
      ${this.textRow('limit_up', 'Upload limit', 'For all torrents together.', { placeholder: 'Unlimited', suffix: '/s' })}
      <h4>${icon('turtle')} Alternative limits</h4>
      ${this.textRow('alt_down', 'Download limit', 'In force while turtle mode is on.', { placeholder: 'Unlimited', suffix: '/s' })}
      ${this.textRow('alt_up', 'Upload limit', 'In force while turtle mode is on.', { placeholder: 'Unlimited', suffix: '/s' })}
      ${this.switchRow('alt_limits_on', 'Turtle mode', 'Use the alternative limits now. The turtle in the status bar switches this too.',
        this.drafts!.alt_limits_on === true, (v) => this.setDraft('alt_limits_on', v))}`;
  }

  private queueSection() {
    const on = this.drafts!.queue_enabled === true;
    return html`<h3>Queue</h3>
      <p class="lead">A queue lets only a few torrents run at once; the rest wait their turn in the order of the list.</p>
      ${this.switchRow('queue_enabled', 'Use a queue', 'Without a queue every torrent that is not paused runs.',
        on, (v) => this.setDraft('queue_enabled', v))}
      <fieldset ?disabled=${!on}>
        <legend class="sr-only">Queue sizes</legend>
        ${this.textRow('max_active_downloads', 'Active downloads', 'Leave empty for no limit.', { placeholder: 'Unlimited', inputmode: 'numeric' })}
        ${this.textRow('max_active_seeds', 'Active seeds', 'Leave empty for no limit.', { placeholder: 'Unlimited', inputmode: 'numeric' })}
        ${this.textRow('max_active_torrents', 'Active torrents', 'Downloads and seeds together; leave empty for no limit.', { placeholder: 'Unlimited', inputmode: 'numeric' })}
        ${this.textRow('slow_rate', 'Slow below', 'A torrent slower than this for the time below gives up its slot to the next one.', { placeholder: 'Off', suffix: '/s' })}
        ${this.textRow('stalled_seconds', 'Slow for', 'How long it must stay slow.', { inputmode: 'numeric', suffix: 's' })}
      </fieldset>`;
  }

  private sharingSection() {
    const d = this.drafts!;
    const minutes = Number(String(d.share_minutes).trim());
    const minutesHint = String(d.share_minutes).trim() !== '' && Number.isInteger(minutes) && minutes >= 60
      ? `Stop seeding after this long (${fmt.duration(minutes * 60)}).` : 'Stop seeding after this long; empty for no limit.';
    return html`<h3>Sharing</h3>
      <p class="lead">When a finished torrent has given back enough. A torrent can have its own limits too.</p>
      ${this.textRow('share_ratio', 'Ratio limit', 'Uploaded divided by downloaded, such as 2 or 1.5; empty for no limit.', { placeholder: 'None', inputmode: 'decimal' })}
      ${this.textRow('share_minutes', 'Seeding time limit', minutesHint, { placeholder: 'None', inputmode: 'numeric', suffix: 'min' })}
      <div class="row">
        <div class="label"><label for="share_action">When a limit is reached</label>
          <p class="hint" id="share_action-hint">${d.share_action === 'remove_with_data'
            ? html`<span class="warn">${icon('warning')} The downloaded files are deleted from disk.</span>`
            : d.share_action === 'remove' ? 'The torrent leaves the list; its files stay on disk.' : 'What happens to the torrent.'}</p></div>
        <div class="control">
          <select id="share_action" aria-describedby="share_action-hint" @change=${(e: Event) => this.setDraft('share_action', (e.target as HTMLSelectElement).value)}>
            ${[['pause', 'Pause it'], ['remove', 'Remove it'], ['remove_with_data', 'Remove it and its files']].map(
              ([v, label]) => html`<option value=${v!} ?selected=${d.share_action === v}>${label}</option>`)}
          </select>
        </div>
      </div>`;
  }

  private discoverySection() {
    const d = this.drafts!;
    return html`<h3>Peer discovery</h3>
      <p class="lead">Ways to find peers besides trackers. Turning them off keeps more to yourself but finds fewer peers.
        Changes apply at once; peer exchange turned on is offered to peers that connect from then on.</p>
      ${this.switchRow('dht', 'DHT', 'Find peers without a tracker through the distributed hash table. Most magnet links need it.',
        d.dht === true, (v) => this.setDraft('dht', v))}
      ${this.switchRow('pex', 'Peer exchange (PEX)', 'Learn about more peers from the peers you are connected to.',
        d.pex === true, (v) => this.setDraft('pex', v))}
      ${this.switchRow('lsd', 'Local peer discovery (LSD)', 'Find peers sharing the same torrent on your local network.',
        d.lsd === true, (v) => this.setDraft('lsd', v))}`;
  }

  private interfaceSection() {
    const p = this.prefs;
    return html`<h3>Interface</h3>
      <p class="lead">How Torpeddo looks and behaves on this computer.</p>
      ${this.choiceRow<ThemeChoice>('theme', 'Theme', 'System follows your light or dark setting.', p.theme, [
        ['system', 'System', 'monitor'], ['light', 'Light', 'sun'], ['dark', 'Dark', 'moon']], (v) => this.setPref('theme', v))}
      ${this.choiceRow<Density>('density', 'Row density', 'Compact fits more torrents; comfortable adds a progress line.', p.density, [
        ['compact', 'Compact', 'rows-compact'], ['comfortable', 'Comfortable', 'rows-comfortable']], (v) => this.setPref('density', v))}
      ${this.switchRow('reducedMotion', 'Reduce motion', 'Turn off animations. They are already off when your system asks for less motion.',
        p.reducedMotion, (v) => this.setPref('reducedMotion', v))}
      ${this.switchRow('notifications', 'Notify when a download finishes', 'A system notification; clicking it shows the files.',
        p.notifications, (v) => this.setPref('notifications', v))}`;
  }

  private textRow(key: FieldKey, label: string, hint: string, o: TextOptions = {}) {
    const error = this.errorFor(key);
    const value = String(this.drafts![key]);
    return html`<div class="row ${o.wide ? 'wide' : ''}">
      <div class="label"><label for=${key}>${label}</label><p class="hint" id="${key}-hint">${hint}</p></div>
      <div class="control">
        <div class="input">
          <input id=${key} type="text" class="num" .value=${value} placeholder=${o.placeholder ?? nothing}
            inputmode=${o.inputmode ?? nothing} spellcheck="false" autocomplete="off"
            aria-invalid=${error ? 'true' : 'false'} aria-describedby="${key}-hint ${key}-error"
            @input=${(e: Event) => this.setDraft(key, (e.target as HTMLInputElement).value)}
            @change=${() => { this.touched.add(key); this.requestUpdate(); }} />
          ${o.wide ? nothing : html`<span class="suffix" aria-hidden="true">${o.suffix ?? ''}</span>`}
          ${o.after ?? nothing}
        </div>
        ${o.note ? html`<p class="note" role="status">${o.note}</p>` : nothing}
        <p class="error" id="${key}-error" role=${error ? 'alert' : nothing}>${error ? html`${icon('alert')}<span>${error}</span>` : nothing}</p>
      </div>
    </div>`;
  }

  private switchRow(id: string, label: string, hint: string, checked: boolean, set: (v: boolean) => void) {
    return html`<div class="row switch-row">
      <div class="label"><label for=${id}>${label}</label><p class="hint" id="${id}-hint">${hint}</p></div>
      <div class="control end">
        <span class="switch">
          <input id=${id} type="checkbox" role="switch" .checked=${checked} aria-describedby="${id}-hint"
            @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />
          <span class="track" aria-hidden="true"></span>
        </span>
      </div>
    </div>`;
  }

  private choiceRow<T extends string>(id: string, label: string, hint: string, current: T, options: [T, string, IconName][], set: (v: T) => void) {
    return html`<div class="row">
      <div class="label"><span class="label-text" id="${id}-label">${label}</span><p class="hint" id="${id}-hint">${hint}</p></div>
      <div class="control end">
        <div class="segmented" role="radiogroup" aria-labelledby="${id}-label" aria-describedby="${id}-hint">
          ${options.map(([value, text, ic]) => html`<label class=${value === current ? 'on' : ''}>
            <input type="radio" name=${id} .value=${value} .checked=${value === current} @change=${() => set(value)} />
            ${icon(ic)}<span>${text}</span></label>`)}
        </div>
      </div>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host { display: contents; }
      .layout { display: grid; grid-template-columns: 200px 1fr; height: min(580px, calc(100vh - 190px)); min-height: 0; margin: 0; }
      .nav { display: flex; flex-direction: column; gap: 2px; padding: 12px 8px; border-right: 1px solid var(--border);
        background: var(--bg); }
      [role="tab"] { all: unset; box-sizing: border-box; display: flex; align-items: center; gap: 10px; padding: 0 10px;
        height: 34px; border-radius: var(--radius-sm); cursor: pointer; color: var(--text-muted); font-weight: 500; }
      [role="tab"]:hover { background: var(--surface-3); color: var(--text); }
      [role="tab"][aria-selected="true"] { background: var(--accent-soft); color: var(--text); font-weight: 600; }
      [role="tab"][aria-selected="true"] svg { color: var(--accent); }
      [role="tab"]:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
      [role="tab"] span:first-of-type { flex: 1; }
      .err-dot { width: 7px; height: 7px; border-radius: 50%; background: var(--danger); }
      .panel { overflow-y: auto; padding: 20px 28px 28px; min-width: 0; }
      h3 { margin: 0 0 4px; font-size: var(--text-xl); font-weight: 650; letter-spacing: -0.015em; }
      h4 { display: flex; align-items: center; gap: 6px; margin: 22px 0 2px; font-size: var(--text-sm); font-weight: 650;
        color: var(--text-muted); text-transform: uppercase; letter-spacing: 0.05em; }
      h4 svg { width: 14px; height: 14px; }
      .lead { margin: 0 0 10px; color: var(--text-muted); max-width: 60ch; }
      fieldset { border: 0; margin: 0; padding: 0; min-width: 0; transition: opacity var(--dur) var(--ease); }
      fieldset:disabled { opacity: 0.5; }
      .row { display: grid; grid-template-columns: minmax(0, 1fr) 232px; gap: 6px 24px; align-items: start;
        padding: 14px 0; border-bottom: 1px solid var(--border); }
      .row.wide { grid-template-columns: minmax(0, 1fr); }
      .label label, .label-text { font-weight: 600; }
      .hint { margin: 3px 0 0; color: var(--text-muted); font-size: var(--text-sm); line-height: 1.45; }
      .warn { display: inline-flex; align-items: center; gap: 5px; color: var(--danger); font-weight: 600; }
      .warn svg { width: 14px; height: 14px; }
      .control { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
      .control.end { align-items: flex-end; justify-content: center; align-self: center; }
      /* Fields line up, with a column for their unit whether they have one or not. */
      .input { display: flex; align-items: center; gap: 8px; }
      .input input { flex: 1; width: auto; }
      .suffix { color: var(--text-muted); font-size: var(--text-sm); width: 24px; }
      .note { display: flex; align-items: center; gap: 6px; margin: 2px 0 0; color: var(--text-muted); font-size: var(--text-sm); }
      .note svg { width: 14px; height: 14px; }
      select { width: calc(100% - 32px); }
      input[aria-invalid="true"] { border-color: var(--danger); box-shadow: 0 0 0 1px var(--danger); }
      .error { display: flex; align-items: flex-start; gap: 5px; margin: 0; color: var(--danger); font-size: var(--text-sm); line-height: 1.4; }
      .row:not(.wide) .control > .error { margin-right: 32px; }
      .error:empty { display: none; }
      .error svg { width: 14px; height: 14px; margin-top: 1px; }
      .callout { display: flex; gap: 10px; align-items: flex-start; padding: 10px 12px; margin: 8px 0 4px;
        border: 1px solid var(--border); border-radius: var(--radius-md); background: var(--surface-2); color: var(--text-muted); }
      .callout p { margin: 0; }
      .callout svg { margin-top: 2px; color: var(--accent); }
      .callout.pending { border-color: color-mix(in srgb, var(--st-checking) 60%, var(--border));
        background: color-mix(in srgb, var(--st-checking) 12%, var(--surface)); color: var(--text); }
      .callout.pending svg { color: var(--st-checking); }
      .error-box { color: var(--text); }
      .error-box svg { color: var(--danger); }
      .error-box .btn { margin-top: 8px; }
      /* The switch: a real checkbox (keyboard, screen readers) drawn over as a track and knob. */
      .switch { position: relative; display: inline-block; width: 38px; height: 22px; }
      .switch input { position: absolute; inset: 0; margin: 0; opacity: 0; cursor: pointer; z-index: 1; }
      .track { position: absolute; inset: 0; border-radius: 11px; background: var(--surface-3);
        box-shadow: inset 0 0 0 1px var(--border-strong); transition: background var(--dur-fast) var(--ease); }
      .track::after { content: ""; position: absolute; top: 3px; left: 3px; width: 16px; height: 16px; border-radius: 50%;
        background: var(--text-faint); transition: transform var(--dur) var(--ease), background var(--dur-fast) var(--ease); }
      .switch input:checked + .track { background: var(--accent); box-shadow: none; }
      .switch input:checked + .track::after { transform: translateX(16px); background: var(--accent-text);
        box-shadow: 0 1px 2px oklch(0 0 0 / 0.3); }
      .switch input:focus-visible + .track { outline: 2px solid var(--focus); outline-offset: 2px; }
      .segmented { display: inline-flex; padding: 2px; gap: 2px; border-radius: var(--radius-sm); background: var(--surface-2);
        border: 1px solid var(--border); }
      .segmented label { position: relative; display: inline-flex; align-items: center; gap: 6px; height: 28px; padding: 0 10px;
        border-radius: 5px; cursor: pointer; color: var(--text-muted); font-size: var(--text-sm); font-weight: 500; }
      .segmented label:hover { color: var(--text); }
      .segmented label.on { background: var(--surface); color: var(--text); box-shadow: 0 1px 2px oklch(0 0 0 / 0.12), 0 0 0 1px var(--border); }
      .segmented input { position: absolute; inset: 0; margin: 0; opacity: 0; cursor: pointer; }
      .segmented label:has(input:focus-visible) { outline: 2px solid var(--focus); outline-offset: 1px; }
      .segmented svg { width: 14px; height: 14px; }
      footer { display: flex; align-items: center; gap: 8px; padding: 12px 16px; border-top: 1px solid var(--border); }
      .status { flex: 1; min-width: 0; }
      .status .error { align-items: center; }
    `,
  ];
}
customElements.define('tp-settings-dialog', SettingsDialog);

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(e);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
