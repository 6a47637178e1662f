// Adding torrents: magnet links, .torrent files (from the native dialog, a drop, the OS), with save path,
// category and start options; and, before any data moves, the real file list to choose files and priorities —
// for magnets too, once their metadata arrives.
import '../windowed-rows';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { FilePriorities, FileView } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import { addSources, cancelReviewed, startReviewed, type AddChoices, type AddOutcome, type AddSources } from '../../state/add-flow';
import type { AppState } from '../../state/app-state';
import {
  allFolders, buildFileTree, checkState, initialExpanded, PRIORITY, priorityLevel, setPriority, toggleCheck, visibleRows, withPriorities,
  type FolderNode, type TreeNode, type TreeRow,
} from '../../state/file-tree';
import { cssVars } from '../css-vars';
import { icon } from '../icons';
import { extractLinks } from '../input-sources';
import { sharedStyles } from '../shared-styles';

interface Review {
  outcome: Extract<AddOutcome, { ok: true }>;
  /** The files as the backend reported them, and as the user has chosen them so far. */
  original: FileView[] | null;
  files: FileView[] | null;
  tree: FolderNode | null;
  expanded: Set<string>;
}

const PRIORITIES = [
  { value: PRIORITY.low, label: 'Low' },
  { value: PRIORITY.normal, label: 'Normal' },
  { value: PRIORITY.high, label: 'High' },
];

export class AddDialog extends LitElement {
  static override properties = { app: { attribute: false }, sources: { attribute: false } };
  declare app: AppState;
  declare sources: AddSources;
  private step: 'sources' | 'review' = 'sources';
  private magnetText = '';
  private choices: AddChoices = { savePath: '', category: '', startPaused: false, sequential: false, firstLastPieces: false, review: true };
  private freeBytes: number | null = null;
  private busy = false;
  private failures: { label: string; message: string }[] = [];
  private reviews: Review[] = [];
  private added: AddOutcome[] = [];
  private poll: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.magnetText = this.sources.magnets.join('\n');
    void this.loadDefaults();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.poll);
  }

  protected override firstUpdated(_: PropertyValues): void {
    const d = this.renderRoot.querySelector('dialog')!;
    d.showModal();
    (this.renderRoot.querySelector('textarea') as HTMLTextAreaElement | null)?.focus();
  }

  private async loadDefaults(): Promise<void> {
    const s = await this.app.run('Settings', () => this.app.api.call('get_settings', {}));
    if (s && !this.choices.savePath) this.choices = { ...this.choices, savePath: s.default_save_path };
    await this.refreshFree();
  }

  private async refreshFree(): Promise<void> {
    if (!this.choices.savePath.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(this.choices.savePath)) {
      this.freeBytes = null;
    } else {
      this.freeBytes = await this.app.api.call('free_space', { path: this.choices.savePath }).then((r) => r.free_bytes, () => null);
    }
    this.requestUpdate();
  }

  private get magnets(): string[] {
    return extractLinks(this.magnetText);
  }

  private get count(): number {
    return this.magnets.length + this.sources.torrentFiles.length + this.sources.torrentBytes.length;
  }

  override render() {
    return html`<dialog aria-labelledby="title" @cancel=${(e: Event) => { e.preventDefault(); void this.cancel(); }}>
      ${this.step === 'sources' ? this.renderSources() : this.renderReview()}
    </dialog>`;
  }

  private renderSources() {
    const c = this.choices;
    const files = [...this.sources.torrentFiles.map((p) => p.split(/[\\/]/).pop() ?? p), ...this.sources.torrentBytes.map((t) => t.name)];
    const magnetCount = this.magnets.length;
    return html`
      <header><h2 id="title">Add torrents</h2>
        <button class="icon-btn" aria-label="Close" @click=${() => void this.cancel()}>${icon('x')}</button></header>
      <div class="content">
        <label class="field"><span>Magnet links or info-hashes <span class="muted">(one per line)</span></span>
          <textarea rows="3" spellcheck="false" placeholder="magnet:?xt=urn:btih:…" .value=${this.magnetText}
            @input=${(e: Event) => { this.magnetText = (e.target as HTMLTextAreaElement).value; this.requestUpdate(); }}></textarea>
          ${this.magnetText.trim() && magnetCount === 0 ? html`<span class="error" role="alert">No magnet link or 40-digit info-hash here.</span>` : nothing}
        </label>
        <div class="field"><span>.torrent files</span>
          <div class="files">
            ${files.length === 0 ? html`<span class="muted">None chosen — drop files on the window or</span>` : files.map((f) => html`<span class="chip">${icon('file')}${f}</span>`)}
            <button class="btn ghost" @click=${this.chooseFiles}>${icon('file-down')} Choose…</button>
          </div>
        </div>
        <div class="grid">
          <label class="field"><span>Save to</span>
            <div class="row"><input type="text" .value=${c.savePath} spellcheck="false" aria-label="Save path"
                @change=${(e: Event) => { this.choices = { ...c, savePath: (e.target as HTMLInputElement).value.trim() }; void this.refreshFree(); }} />
              <button class="btn" @click=${this.browse}>${icon('folder')} Browse…</button></div>
            <span class="muted num">${this.freeBytes === null ? '' : `${fmt.bytes(this.freeBytes)} free`}</span>
          </label>
          <label class="field"><span>Category</span>
            <input type="text" .value=${c.category} list="categories" aria-label="Category"
              @input=${(e: Event) => { this.choices = { ...c, category: (e.target as HTMLInputElement).value.trim() }; }} />
            <datalist id="categories">${[...this.app.counts.categories.keys()].filter(Boolean).map((k) => html`<option value=${k}></option>`)}</datalist>
          </label>
        </div>
        <fieldset>
          <legend class="sr-only">Options</legend>
          ${this.check('Choose files before downloading', c.review, (v) => (this.choices = { ...this.choices, review: v }))}
          ${this.check('Start paused', c.startPaused, (v) => (this.choices = { ...this.choices, startPaused: v }))}
          ${this.check('Download in sequential order', c.sequential, (v) => (this.choices = { ...this.choices, sequential: v }))}
          ${this.check('First and last pieces first', c.firstLastPieces, (v) => (this.choices = { ...this.choices, firstLastPieces: v }))}
        </fieldset>
        ${this.failures.length > 0 ? html`<ul class="failures" role="alert">${this.failures.map((f) => html`<li><strong>${f.label}</strong>: ${f.message}</li>`)}</ul>` : nothing}
      </div>
      <footer>
        <span class="muted">${this.count === 0 ? 'Nothing to add yet' : `${this.count} to add`}</span>
        <button class="btn" @click=${() => void this.cancel()}>Cancel</button>
        <button class="btn primary" ?disabled=${this.count === 0 || this.busy} @click=${this.submit}>
          ${c.review ? 'Next: choose files' : 'Add'}</button>
      </footer>`;
  }

  private check(label: string, value: boolean, set: (v: boolean) => void) {
    return html`<label class="check"><input type="checkbox" .checked=${value}
      @change=${(e: Event) => { set((e.target as HTMLInputElement).checked); this.requestUpdate(); }} />${label}</label>`;
  }

  private renderReview() {
    const wanted = this.reviews.reduce((sum, r) => sum + (r.files ? r.files.reduce((s, f) => s + (f.priority > 0 ? f.size : 0), 0) : 0), 0);
    const waiting = this.reviews.some((r) => !r.files);
    const tooBig = this.freeBytes !== null && wanted > this.freeBytes;
    return html`
      <header><h2 id="title">Choose files</h2>
        <button class="icon-btn" aria-label="Cancel adding" @click=${() => void this.cancel()}>${icon('x')}</button></header>
      <div class="content review">
        ${this.failures.length > 0 ? html`<ul class="failures" role="alert">${this.failures.map((f) => html`<li><strong>${f.label}</strong>: ${f.message}</li>`)}</ul>` : nothing}
        ${this.reviews.map((r) => this.renderTorrent(r))}
      </div>
      <footer>
        <span class="num ${tooBig ? 'error' : 'muted'}">Selected ${fmt.bytes(wanted)}${this.freeBytes === null ? '' : ` · ${fmt.bytes(this.freeBytes)} free`}${tooBig ? ' — not enough space' : ''}</span>
        <button class="btn" @click=${() => void this.cancel()}>Cancel</button>
        <button class="btn primary" ?disabled=${this.busy || this.reviews.length === 0} @click=${this.start}>
          ${waiting ? 'Start without choosing' : this.choices.startPaused ? 'Add paused' : 'Start download'}</button>
      </footer>`;
  }

  private renderTorrent(r: Review) {
    const t = r.outcome;
    if (!r.files || !r.tree) {
      const meta = this.app.store.get(t.id)?.metadata_progress ?? 0;
      return html`<section class="torrent" aria-busy="true"><h3>${t.name}</h3>
        <div class="waiting"><span class="spinner" aria-hidden="true"></span>
          Fetching metadata from peers… <span class="num muted">${meta > 0 ? fmt.percent(meta) : ''}</span></div>
        <p class="muted">The file list appears here as soon as the metadata arrives. Nothing is downloaded before you start.</p>
      </section>`;
    }
    const tree = r.tree;
    const rows = visibleRows(tree, r.expanded);
    const all = checkState(tree);
    return html`<section class="torrent"><h3>${t.name}${t.duplicate ? html` <span class="badge">already in the list</span>` : nothing}</h3>
      <div class="tree-tools">
        <label class="check"><input type="checkbox" .checked=${all === 'checked'} .indeterminate=${all === 'mixed'}
          @change=${(e: Event) => this.change(r, setPriority(r.files!, tree.indices, (e.target as HTMLInputElement).checked ? PRIORITY.normal : PRIORITY.skip))}
          aria-label="All files" /> All files</label>
        <span class="muted num">${r.files!.length} files · ${fmt.bytes(tree.size)}</span>
      </div>
      <div class="tree" role="tree" aria-label="Files of ${t.name}">
        <tp-windowed-rows .items=${rows} .rowHeight=${30} .keyFunction=${(row: TreeRow) => row.node.path}
          .renderItem=${(row: TreeRow) => this.renderNode(r, row)}></tp-windowed-rows>
      </div>
    </section>`;
  }

  private renderNode(r: Review, row: TreeRow) {
    const n: TreeNode = row.node;
    const state = checkState(n);
    const folder = n.kind === 'folder';
    const open = folder && r.expanded.has(n.path);
    const priority = n.kind === 'file' ? n.file.priority : null;
    const size = n.kind === 'file' ? n.file.size : n.size;
    return html`<div class="node" role="treeitem" aria-level=${row.depth + 1} aria-setsize=${row.setSize} aria-posinset=${row.position}
        aria-expanded=${folder ? String(open) : nothing} aria-checked=${state === 'mixed' ? 'mixed' : state === 'checked' ? 'true' : 'false'}
        ${cssVars({ '--depth': String(row.depth) })}>
      ${folder ? html`<button class="twisty" aria-label=${open ? 'Collapse' : 'Expand'} @click=${() => this.toggleFolder(r, n.path)}>${icon(open ? 'chevron-down' : 'chevron-right')}</button>` : html`<span class="twisty"></span>`}
      <input type="checkbox" .checked=${state === 'checked'} .indeterminate=${state === 'mixed'} aria-label="Download ${n.name}"
        @change=${() => this.change(r, toggleCheck(r.files!, n))} />
      <span class="ic">${icon(folder ? 'folder' : 'file')}</span>
      <span class="fname" title=${n.path}>${n.name}</span>
      <span class="size num muted">${fmt.bytes(size)}</span>
      ${priority === null || priority === 0 ? html`<span class="prio"></span>` : html`<select class="prio" aria-label="Priority of ${n.name}"
        @change=${(e: Event) => this.change(r, setPriority(r.files!, [(n as { file: FileView }).file.index], Number((e.target as HTMLSelectElement).value)))}>
        ${PRIORITIES.map((p) => html`<option value=${p.value} ?selected=${priorityLevel(priority) === priorityLevel(p.value)}>${p.label}</option>`)}
      </select>`}
    </div>`;
  }

  /** Applies priority changes to the files being chosen (nothing reaches the backend before Start). */
  private change(r: Review, changes: FilePriorities): void {
    if (!r.files) return;
    r.files = withPriorities(r.files, changes);
    r.tree = buildFileTree(r.files);
    this.requestUpdate();
  }

  private toggleFolder(r: Review, path: string): void {
    if (r.expanded.has(path)) r.expanded.delete(path);
    else r.expanded.add(path);
    this.requestUpdate();
  }

  private readonly chooseFiles = async () => {
    const files = await this.app.api.native.chooseTorrentFiles();
    this.sources = { ...this.sources, torrentFiles: [...new Set([...this.sources.torrentFiles, ...files])] };
    this.requestUpdate();
  };

  private readonly browse = async () => {
    const dir = await this.app.api.native.chooseDirectory(this.choices.savePath);
    if (dir) {
      this.choices = { ...this.choices, savePath: dir };
      await this.refreshFree();
    }
  };

  private readonly submit = async () => {
    this.busy = true;
    this.failures = [];
    this.requestUpdate();
    const outcomes = await addSources(this.app.api, { ...this.sources, magnets: this.magnets }, this.choices);
    this.busy = false;
    this.failures = outcomes.filter((o): o is Extract<AddOutcome, { ok: false }> => !o.ok);
    const ok = outcomes.filter((o): o is Extract<AddOutcome, { ok: true }> => o.ok);
    for (const d of ok.filter((o) => o.duplicate)) this.app.toast('info', `${d.name} is already in the list (trackers merged)`);
    if (ok.length > 0) {
      this.app.select(ok[0]!.id, 'only');
    }
    if (!this.choices.review) {
      if (this.failures.length === 0) this.app.close();
      else this.requestUpdate();
      return;
    }
    this.added = outcomes;
    this.reviews = ok.filter((o) => !o.duplicate).map((outcome) => ({ outcome, original: null, files: null, tree: null, expanded: new Set<string>() }));
    if (this.reviews.length === 0) {
      if (this.failures.length === 0) this.app.close();
      else this.requestUpdate();
      return;
    }
    this.step = 'review';
    this.requestUpdate();
    void this.fetchFiles();
    this.poll = window.setInterval(() => void this.fetchFiles(), 700);
  };

  private async fetchFiles(): Promise<void> {
    for (const r of this.reviews) {
      if (r.files) continue;
      try {
        const { files } = await this.app.api.call('get_files', { id: r.outcome.id });
        // A magnet's list is empty until its metadata arrives (docs/rpc.md): keep waiting.
        if (files.length === 0) continue;
        r.original = files;
        r.files = files;
        r.tree = buildFileTree(files);
        // Every folder open for a small torrent (choosing is quicker when all is in view); a big one opens
        // its lone top folders only.
        r.expanded = files.length <= 200 ? allFolders(r.tree) : initialExpanded(r.tree);
      } catch {
        // not_ready: the metadata has not arrived yet.
      }
    }
    if (this.reviews.every((r) => r.files)) window.clearInterval(this.poll);
    this.requestUpdate();
  }

  private readonly start = async () => {
    this.busy = true;
    this.requestUpdate();
    window.clearInterval(this.poll);
    await this.app.run('Start', async () => {
      for (const r of this.reviews) {
        if (!r.files || !r.original) continue;
        const chosen = new Map(r.files.map((f) => [f.index, f.priority]));
        const changed: Record<string, number> = {};
        for (const f of r.original) if (chosen.get(f.index) !== f.priority) changed[String(f.index)] = chosen.get(f.index)!;
        if (Object.keys(changed).length > 0) await this.app.api.call('set_file_priorities', { id: r.outcome.id, priorities: changed });
      }
      const withMetadata = new Set(this.reviews.filter((r) => r.files).map((r) => r.outcome.id));
      await startReviewed(this.app.api, this.added, this.choices, (id) => withMetadata.has(id));
    });
    this.app.close();
  };

  private async cancel(): Promise<void> {
    window.clearInterval(this.poll);
    if (this.step === 'review') await this.app.run('Cancel', () => cancelReviewed(this.app.api, this.added));
    this.app.close();
  }

  static override styles = [
    sharedStyles,
    css`
      dialog { width: min(760px, 92vw); max-height: 88vh; padding: 0; border: 1px solid var(--border); border-radius: var(--radius-lg);
        background: var(--surface); color: var(--text); box-shadow: var(--shadow-lg); display: flex; flex-direction: column; }
      dialog::backdrop { background: var(--scrim); }
      dialog[open] { animation: pop var(--dur) var(--ease); }
      @keyframes pop { from { transform: translateY(6px) scale(0.985); opacity: 0; } }
      header { display: flex; align-items: center; padding: 14px 16px 10px 20px; }
      h2 { margin: 0; font-size: var(--text-lg); flex: 1; }
      .content { padding: 4px 20px 16px; display: grid; gap: 14px; overflow: auto; }
      .field { display: grid; gap: 6px; }
      .field > span:first-child { font-weight: 600; font-size: var(--text-sm); }
      textarea { font-family: var(--font-mono); font-size: var(--text-sm); }
      .files { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
      .chip { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; background: var(--surface-2); font-size: var(--text-sm); max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .grid { display: grid; grid-template-columns: 2fr 1fr; gap: 14px; }
      .row { display: flex; gap: 6px; }
      .row input { flex: 1; }
      fieldset { border: 0; padding: 0; margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; }
      .check { display: flex; align-items: center; gap: 8px; }
      .error { color: var(--st-error); }
      .failures { margin: 0; padding: 8px 12px 8px 28px; border-radius: var(--radius-sm); background: color-mix(in oklch, var(--st-error) 12%, transparent); color: var(--text); }
      footer { display: flex; align-items: center; gap: 8px; padding: 12px 16px 14px 20px; border-top: 1px solid var(--border); }
      footer > span { flex: 1; }
      .torrent { display: grid; gap: 8px; }
      h3 { margin: 0; font-size: var(--text-md); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .badge { font-size: var(--text-xs); padding: 1px 6px; border-radius: 6px; background: var(--surface-3); font-weight: 500; }
      .waiting { display: flex; align-items: center; gap: 10px; padding: 16px; border-radius: var(--radius-md); background: var(--surface-2); }
      .spinner { width: 16px; height: 16px; border-radius: 50%; border: 2px solid var(--surface-3); border-top-color: var(--st-fetching); animation: spin 0.9s linear infinite; }
      @keyframes spin { to { transform: rotate(360deg); } }
      .tree-tools { display: flex; justify-content: space-between; align-items: center; }
      .tree { height: min(46vh, 420px); border: 1px solid var(--border); border-radius: var(--radius-md); overflow: hidden; }
      .tree tp-windowed-rows { height: 100%; }
      .node { display: flex; align-items: center; gap: 6px; height: 30px; width: 100%; padding: 0 8px 0 calc(8px + var(--depth) * 18px);
        border-bottom: 1px solid color-mix(in oklch, var(--border) 50%, transparent); }
      .node:hover { background: var(--surface-2); }
      .twisty { all: unset; display: inline-grid; place-items: center; width: 18px; height: 18px; cursor: pointer; color: var(--text-muted); flex: none; }
      .twisty svg { width: 14px; height: 14px; }
      .ic { color: var(--text-faint); display: inline-grid; }
      .ic svg { width: 14px; height: 14px; }
      .fname { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .size { width: 90px; text-align: right; font-size: var(--text-sm); }
      .prio { width: 92px; height: 24px; font-size: var(--text-sm); padding: 0 6px; }
    `,
  ];
}
customElements.define('tp-add-dialog', AddDialog);
