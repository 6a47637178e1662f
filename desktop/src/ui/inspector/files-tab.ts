// The Files tab: the torrent's files as a virtualized tree (smooth with 10,000 files) with per-file and
// per-folder progress, tri-state checkboxes (unchecked = skipped), a priority menu for a row and for the
// selection, a filter, open / show in folder, and rename. Refreshed while shown and when a file completes; priority changes
// show at once and stay shown until a refresh that started after the backend applied them.
import '../windowed-rows';
import type { WindowedRows } from '../windowed-rows';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FilePriorities, FileView, TorrentSnapshot } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import { cssVars } from '../css-vars';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import {
  allFolders, buildFileTree, checkState, folderProgress, initialExpanded, PRIORITY, priorityLevel, renamedPath,
  setPriority, toggleCheck, visibleRows, withPriorities, type FolderNode, type PriorityLevel, type TreeNode, type TreeRow,
} from '../../state/file-tree';
import { joinNative } from './native-path';
import { PollController } from './polling';
import { tabStyles } from './tab-styles';

const LEVELS: { key: PriorityLevel; label: string }[] = [
  { key: 'skip', label: 'Skip' },
  { key: 'low', label: 'Low' },
  { key: 'normal', label: 'Normal' },
  { key: 'high', label: 'High' },
];
const LABEL: Record<PriorityLevel | 'mixed', string> = { skip: 'Skip', low: 'Low', normal: 'Normal', high: 'High', mixed: 'Mixed' };

const ROW_HEIGHT = 28;

interface Pending {
  priority: number;
  /** The first refresh that can show the backend's value: set once the backend answered. */
  clearAt: number | null;
}


export class FilesTab extends LitElement {
  static override properties = { app: { attribute: false }, torrent: { attribute: false } };
  declare app: AppState;
  declare torrent: TorrentSnapshot;
  private files: FileView[] | null = null;
  private readonly pending = new Map<number, Pending>();
  private loads = 0;
  private tree: FolderNode = buildFileTree([]);
  private rows: TreeRow[] = [];
  private expanded: Set<string> | null = null;
  private filter = '';
  private readonly selected = new Set<string>();
  private focusedKey: string | null = null;
  private anchorKey: string | null = null;
  private renaming: string | null = null;
  /** The row whose priority menu is open. */
  private menuNode: TreeNode | null = null;
  private offCompleted: (() => void) | null = null;
  private readonly poll = new PollController(this, () => ((this.files?.length ?? 0) > 2000 ? 2000 : 1500), () => this.load(),
    () => this.app.store.connection.state === 'connected');

  override connectedCallback(): void {
    super.connectedCallback();
    this.offCompleted = this.app.api.on('file_completed', (n) => {
      if (n.id === this.torrent.id) this.poll.now();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offCompleted?.();
  }

  /** The torrent changes four times a second; the tree shows only a few of its fields. */
  override shouldUpdate(changed: PropertyValues<this>): boolean {
    const before = changed.get('torrent') as TorrentSnapshot | undefined;
    const t = this.torrent;
    // The metadata just arrived: fetch the files now rather than at the next tick.
    if (before && before.total_bytes === 0 && t.total_bytes > 0) this.poll.now();
    return !(changed.size === 1 && before && before.state === t.state && before.metadata_progress === t.metadata_progress
      && before.save_path === t.save_path && before.total_bytes === t.total_bytes);
  }

  private async load(): Promise<void> {
    const seq = ++this.loads;
    const { files } = await this.app.api.call('get_files', { id: this.torrent.id });
    for (const [i, p] of this.pending) if (p.clearAt !== null && seq >= p.clearAt) this.pending.delete(i);
    this.files = files;
    this.rebuild();
  }

  private rebuild(): void {
    this.tree = buildFileTree(this.shownFiles());
    this.expanded ??= this.files && this.files.length > 0 ? initialExpanded(this.tree) : null;
    this.rows = visibleRows(this.tree, this.expanded ?? new Set(), this.filter);
    this.requestUpdate();
  }

  /** The files with the priority changes the backend has not confirmed yet. */
  private shownFiles(): FileView[] {
    const overlay: FilePriorities = {};
    for (const [i, p] of this.pending) overlay[String(i)] = p.priority;
    return withPriorities(this.files ?? [], overlay);
  }

  private async applyPriorities(changes: FilePriorities): Promise<void> {
    const entries = Object.entries(changes).filter((e): e is [string, number] => e[1] !== undefined);
    if (entries.length === 0) return;
    const mine = new Map<number, Pending>();
    for (const [i, priority] of entries) {
      const p: Pending = { priority, clearAt: null };
      this.pending.set(Number(i), p);
      mine.set(Number(i), p);
    }
    this.rebuild();
    const ok = await this.app.run('File priorities', () => this.app.api.call('set_file_priorities', { id: this.torrent.id, priorities: changes }));
    for (const [i, p] of mine) {
      if (this.pending.get(i) !== p) continue;
      if (ok === undefined) this.pending.delete(i);
      else p.clearAt = this.loads + 1;
    }
    if (ok === undefined) this.rebuild();
    this.poll.now();
  }

  // ---- selection and keyboard ----

  private key(row: TreeRow | TreeNode): string {
    const node = 'node' in row ? row.node : row;
    return `${node.kind}:${node.path}`;
  }

  private selectedNodes(): TreeNode[] {
    const nodes = this.rows.filter((r) => this.selected.has(this.key(r))).map((r) => r.node);
    if (nodes.length > 0) return nodes;
    const focused = this.rows.find((r) => this.key(r) === this.focusedKey);
    return focused ? [focused.node] : [];
  }

  private indicesOf(nodes: TreeNode[]): number[] {
    const out = new Set<number>();
    for (const n of nodes) {
      if (n.kind === 'file') out.add(n.file.index);
      else for (const i of n.indices) out.add(i);
    }
    return [...out];
  }

  private select(index: number, mode: 'only' | 'toggle' | 'range'): void {
    const row = this.rows[index];
    if (!row) return;
    const k = this.key(row);
    if (mode === 'only') {
      this.selected.clear();
      this.selected.add(k);
      this.anchorKey = k;
    } else if (mode === 'toggle') {
      if (this.selected.has(k)) this.selected.delete(k);
      else this.selected.add(k);
      this.anchorKey = k;
    } else {
      const from = Math.max(0, this.rows.findIndex((r) => this.key(r) === this.anchorKey));
      const [a, b] = from < index ? [from, index] : [index, from];
      this.selected.clear();
      for (let i = a; i <= b; i++) this.selected.add(this.key(this.rows[i]!));
    }
    this.focusedKey = k;
    this.requestUpdate();
  }

  private focusedIndex(): number {
    return this.rows.findIndex((r) => this.key(r) === this.focusedKey);
  }

  private moveFocus(to: number, extend: boolean): void {
    if (this.rows.length === 0) return;
    const i = Math.max(0, Math.min(this.rows.length - 1, to));
    this.select(i, extend ? 'range' : 'only');
    void this.updateComplete.then(() => this.rowsElement()?.scrollToIndex(i));
  }

  private rowsElement(): WindowedRows | null {
    return this.renderRoot.querySelector('tp-windowed-rows');
  }

  private setExpanded(path: string, open: boolean): void {
    const e = (this.expanded ??= new Set());
    if (open) e.add(path);
    else e.delete(path);
    this.rows = visibleRows(this.tree, e, this.filter);
    this.requestUpdate();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (this.renaming) return;
    const at = this.focusedIndex();
    const row = this.rows[at];
    const mod = navigator.platform.includes('Mac') ? e.metaKey : e.ctrlKey;
    const page = Math.max(1, Math.floor((this.rowsElement()?.clientHeight ?? 200) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: this.rows.length - 1 };
    let handled = true;
    if (e.key in moves && !mod) this.moveFocus(at < 0 ? 0 : moves[e.key]!, e.shiftKey);
    else if (mod && e.key.toLowerCase() === 'a') {
      for (const r of this.rows) this.selected.add(this.key(r));
      this.requestUpdate();
    } else if (e.key === 'ArrowRight' && row?.node.kind === 'folder') {
      if (!this.expanded?.has(row.node.path) && !this.filter) this.setExpanded(row.node.path, true);
      else this.moveFocus(at + 1, false);
    } else if (e.key === 'ArrowLeft' && row) {
      if (row.node.kind === 'folder' && this.expanded?.has(row.node.path) && !this.filter) this.setExpanded(row.node.path, false);
      else if (row.depth > 0) {
        let parent = at - 1;
        while (parent >= 0 && this.rows[parent]!.depth >= row.depth) parent--;
        this.moveFocus(parent, false);
      }
    } else if (e.key === ' ' && row) {
      this.toggleSelectionChecks();
    } else if (e.key === 'Enter' && row) {
      if (row.node.kind === 'folder') this.setExpanded(row.node.path, !this.expanded?.has(row.node.path));
      else void this.open(row.node);
    } else if (e.key === 'F2' && row) {
      this.startRename(row.node);
    } else if (e.key === 'Escape' && this.selected.size > 0) {
      this.selected.clear();
      this.requestUpdate();
    } else if (e.key === 'Delete') {
      // In a file tree Delete reads as "delete this file": do not let it reach the window's "remove torrent".
    } else handled = false;
    if (handled) {
      e.preventDefault();
      // Keep the window's shortcuts (select all torrents, pause…) out of the tree.
      e.stopPropagation();
    }
  }

  /** Space: uncheck the selection when all of it is checked, else check all of it. */
  private toggleSelectionChecks(): void {
    const nodes = this.selectedNodes();
    const files = this.shownFiles();
    const indices = this.indicesOf(nodes);
    const allChecked = nodes.every((n) => checkState(n) === 'checked');
    if (allChecked) void this.applyPriorities(setPriority(files, indices, PRIORITY.skip));
    else {
      const skipped = new Set(files.filter((f) => f.priority === 0).map((f) => f.index));
      void this.applyPriorities(setPriority(files, indices.filter((i) => skipped.has(i)), PRIORITY.normal));
    }
  }

  private setSelectionLevel(level: PriorityLevel): void {
    void this.applyPriorities(setPriority(this.shownFiles(), this.indicesOf(this.selectedNodes()), PRIORITY[level]));
  }

  // ---- native actions and rename ----

  private async open(node: TreeNode): Promise<void> {
    const path = joinNative(this.torrent.save_path, node.path);
    await this.app.run('Open', () => (node.kind === 'file' ? this.app.api.native.openPath(path) : this.app.api.native.revealInFolder(path)));
  }

  private async reveal(node: TreeNode): Promise<void> {
    await this.app.run('Show in folder', () => this.app.api.native.revealInFolder(joinNative(this.torrent.save_path, node.path)));
  }

  private startRename(node: TreeNode): void {
    this.renaming = this.key(node);
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('input.rename');
      if (!input) return;
      input.focus();
      const dot = node.kind === 'file' ? input.value.lastIndexOf('.') : -1;
      input.setSelectionRange(0, dot > 0 ? dot : input.value.length);
    });
  }

  private async commitRename(node: TreeNode, name: string): Promise<void> {
    if (this.renaming !== this.key(node)) return;
    this.renaming = null;
    this.requestUpdate();
    this.focusTree();
    if (name.trim() === node.name) return;
    const r = renamedPath(node.path, name);
    if ('error' in r) {
      this.app.toast('error', `Rename: ${r.error}`);
      return;
    }
    const ok = await this.app.run('Rename', () => this.app.api.call('rename_path', { id: this.torrent.id, from: node.path, to: r.to }));
    if (ok === undefined) return;
    if (node.kind === 'folder' && this.expanded) {
      // Keep the renamed folder (and the folders in it) open.
      const moved = [...this.expanded].filter((p) => p === node.path || p.startsWith(`${node.path}/`));
      for (const p of moved) {
        this.expanded.delete(p);
        this.expanded.add(r.to + p.slice(node.path.length));
      }
    }
    this.focusedKey = `${node.kind}:${r.to}`;
    this.selected.clear();
    this.selected.add(this.focusedKey);
    this.poll.now();
  }

  private cancelRename(): void {
    this.renaming = null;
    this.requestUpdate();
    this.focusTree();
  }

  private focusTree(): void {
    this.renderRoot.querySelector<HTMLElement>('.tree')?.focus({ preventScroll: true });
  }

  private onFilter(value: string): void {
    this.filter = value;
    this.rows = visibleRows(this.tree, this.expanded ?? new Set(), value);
    this.requestUpdate();
  }

  private expandAll(open: boolean): void {
    this.expanded = open ? allFolders(this.tree) : new Set();
    this.rows = visibleRows(this.tree, this.expanded, this.filter);
    this.requestUpdate();
  }

  // ---- rendering ----

  override render() {
    const t = this.torrent;
    if (this.files === null) return html`<div class="note" role="status">Loading files…</div>`;
    if (this.files.length === 0) {
      return html`<div class="note" role="status">${icon('magnet')}<strong>No files yet</strong>
        <span>${t.state === 'fetching_metadata'
          ? `Fetching the metadata (${fmt.percent(t.metadata_progress)}). The files will appear when it arrives.`
          : 'The files will appear when the metadata arrives.'}</span></div>`;
    }
    const focusedRow = this.rows[this.focusedIndex()];
    const target = this.selectedNodes();
    const targetLevel = levelOf(target);
    const fileCount = this.tree.indices.length;
    const allOpen = this.expanded !== null && this.expanded.size > 0 && this.expanded.size === allFolders(this.tree).size;
    return html`
      <div class="toolbar">
        <input type="search" class="filter" placeholder="Filter files" aria-label="Filter files" .value=${this.filter}
          @input=${(e: Event) => this.onFilter((e.target as HTMLInputElement).value)} />
        <span class="count num">${fileCount.toLocaleString()} ${fileCount === 1 ? 'file' : 'files'} · ${fmt.bytes(this.tree.wantedSize)} of ${fmt.bytes(this.tree.size)} wanted${this.selected.size > 1 ? html` · <strong>${this.selected.size} selected</strong>` : nothing}</span>
        <span class="grow"></span>
        <label class="sel-prio">Priority
          <select aria-label="Priority of the selected files" ?disabled=${target.length === 0}
            .value=${live(targetLevel === null || targetLevel === 'mixed' ? '' : targetLevel)}
            @change=${(e: Event) => this.setSelectionLevel((e.target as HTMLSelectElement).value as PriorityLevel)}>
            <option value="" disabled>${targetLevel === 'mixed' ? 'Mixed' : '–'}</option>
            <option value="skip">Skip</option><option value="low">Low</option><option value="normal">Normal</option><option value="high">High</option>
          </select></label>
        <button class="icon-btn" title="Open" aria-label="Open" ?disabled=${!focusedRow}
          @click=${() => focusedRow && void this.open(focusedRow.node)}>${icon('external-link')}</button>
        <button class="icon-btn" title="Show in folder" aria-label="Show in folder" ?disabled=${!focusedRow}
          @click=${() => focusedRow && void this.reveal(focusedRow.node)}>${icon('folder-open')}</button>
        <button class="icon-btn" title="Rename (F2)" aria-label="Rename" ?disabled=${!focusedRow}
          @click=${() => focusedRow && this.startRename(focusedRow.node)}>${icon('pencil')}</button>
        <button class="icon-btn" title=${allOpen ? 'Collapse all folders' : 'Expand all folders'} aria-label=${allOpen ? 'Collapse all folders' : 'Expand all folders'}
          ?disabled=${this.tree.children.every((c) => c.kind === 'file') || this.filter !== ''}
          @click=${() => this.expandAll(!allOpen)}>${icon(allOpen ? 'chevrons-up' : 'chevrons-down')}</button>
      </div>
      <div class="tree" role="treegrid" aria-label="Files" aria-multiselectable="true" aria-rowcount=${this.rows.length + 1}
        tabindex="0" @keydown=${this.onKeyDown}
        ${cssVars({ '--cols': 'minmax(260px, 1fr) 84px 170px 104px' })}>
        <div class="thead" role="row" aria-rowindex="1">
          <div class="th" role="columnheader">Name</div>
          <div class="th end" role="columnheader">Size</div>
          <div class="th" role="columnheader">Progress</div>
          <div class="th" role="columnheader">Priority</div>
        </div>
        ${this.rows.length === 0
          ? html`<div class="note">No file matches “${this.filter}”.</div>`
          : html`<tp-windowed-rows class="rows" .items=${this.rows} .rowHeight=${ROW_HEIGHT}
              .keyFunction=${(r: TreeRow) => this.key(r)}
              .renderItem=${(r: TreeRow, i: number) => this.renderRow(r, i)}></tp-windowed-rows>`}
      </div>
      ${this.renderMenu()}`;
  }

  private renderRow(r: TreeRow, index: number) {
    const node = r.node;
    const k = this.key(node);
    const folder = node.kind === 'folder';
    const open = folder && (this.filter !== '' || (this.expanded?.has(node.path) ?? false));
    const check = checkState(node);
    const progress = folder ? folderProgress(node) : node.file.progress;
    const size = folder ? node.size : node.file.size;
    const level = folder ? node.level : priorityLevel(node.file.priority);
    const skipped = check === 'unchecked';
    return html`<div class="tr ${this.selected.has(k) ? 'selected' : ''} ${this.focusedKey === k ? 'focused' : ''} ${skipped ? 'skipped' : ''}"
        role="row" aria-level=${r.depth + 1} aria-setsize=${r.setSize} aria-posinset=${r.position} aria-rowindex=${index + 2}
        aria-selected=${this.selected.has(k) ? 'true' : 'false'} aria-expanded=${folder ? (open ? 'true' : 'false') : nothing}
        @click=${(e: MouseEvent) => this.onRowClick(e, index)}
        @dblclick=${() => (folder ? this.setExpanded(node.path, !open) : void this.open(node))}>
      <div class="td name" role="gridcell" ${cssVars({ '--depth': String(r.depth) })}>
        ${folder
          ? html`<button class="twisty" tabindex="-1" aria-label=${open ? `Collapse ${node.name}` : `Expand ${node.name}`}
              @click=${(e: Event) => { e.stopPropagation(); this.setExpanded(node.path, !open); }}>${icon(open ? 'chevron-down' : 'chevron-right')}</button>`
          : html`<span class="twisty"></span>`}
        <input type="checkbox" tabindex="-1" aria-label="Download ${node.name}" .checked=${live(check === 'checked')}
          .indeterminate=${live(check === 'mixed')} @click=${(e: Event) => this.onCheck(e, node)} />
        <span class="kind">${icon(folder ? (open ? 'folder-open' : 'folder') : 'file')}</span>
        ${this.renaming === k
          ? html`<input class="rename" type="text" aria-label="New name" .value=${node.name}
              @keydown=${(e: KeyboardEvent) => this.onRenameKey(e, node)}
              @blur=${(e: Event) => void this.commitRename(node, (e.target as HTMLInputElement).value)}
              @click=${(e: Event) => e.stopPropagation()} @dblclick=${(e: Event) => e.stopPropagation()} />`
          : html`<span class="label" title=${node.path}>${node.name}</span>`}
      </div>
      <div class="td end muted" role="gridcell">${fmt.bytes(size)}</div>
      <div class="td" role="gridcell">
        <div class="progress" role="progressbar" aria-label="Progress of ${node.name}" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(progress * 100)}>
          <span class="bar"><span class="fill" ${cssVars({ '--p': String(progress), '--c': progress >= 1 ? 'var(--st-seeding)' : 'var(--st-downloading)' })}></span></span>
          <span class="pct">${fmt.percent(progress)}</span>
        </div>
      </div>
      <div class="td" role="gridcell">
        <button class="prio ${level}" tabindex="-1" aria-haspopup="menu" aria-label="Priority of ${node.name}: ${LABEL[level]}"
          @click=${(e: MouseEvent) => this.openMenu(e, node)} @dblclick=${(e: Event) => e.stopPropagation()}>${LABEL[level]}</button>
      </div>
    </div>`;
  }

  private onRowClick(e: MouseEvent, index: number): void {
    const mod = navigator.platform.includes('Mac') ? e.metaKey : e.ctrlKey;
    this.select(index, e.shiftKey ? 'range' : mod ? 'toggle' : 'only');
    this.focusTree();
  }

  private onCheck(e: Event, node: TreeNode): void {
    e.stopPropagation();
    void this.applyPriorities(toggleCheck(this.shownFiles(), node));
  }

  // ---- the rows' priority menu: one popover for all rows (a native <select> in every row made scrolling
  // 10,000 files stutter) ----

  private async openMenu(e: MouseEvent, node: TreeNode): Promise<void> {
    e.stopPropagation();
    const button = e.currentTarget as HTMLElement;
    this.menuNode = node;
    this.requestUpdate();
    await this.updateComplete;
    const menu = this.renderRoot.querySelector<HTMLElement>('#prio-menu');
    if (!menu) return;
    menu.showPopover();
    const r = button.getBoundingClientRect();
    const h = menu.offsetHeight;
    const below = r.bottom + 2 + h <= window.innerHeight;
    menu.style.setProperty('left', `${Math.round(Math.min(r.left, window.innerWidth - menu.offsetWidth - 4))}px`);
    menu.style.setProperty('top', `${Math.round(below ? r.bottom + 2 : r.top - h - 2)}px`);
    (menu.querySelector<HTMLElement>('[aria-checked="true"]') ?? menu.querySelector<HTMLElement>('[role="menuitemradio"]'))?.focus();
  }

  private pickLevel(level: PriorityLevel): void {
    const node = this.menuNode;
    this.renderRoot.querySelector<HTMLElement>('#prio-menu')?.hidePopover();
    if (!node) return;
    const indices = node.kind === 'folder' ? node.indices : [node.file.index];
    void this.applyPriorities(setPriority(this.shownFiles(), indices, PRIORITY[level]));
  }

  private onMenuKey(e: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('#prio-menu [role="menuitemradio"]')];
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    e.stopPropagation();
    if (to === undefined) return;
    e.preventDefault();
    items[(to + items.length) % items.length]?.focus();
  }

  private renderMenu() {
    const node = this.menuNode;
    const level = node ? (node.kind === 'folder' ? node.level : priorityLevel(node.file.priority)) : null;
    return html`<div id="prio-menu" popover role="menu" aria-label=${node ? `Priority of ${node.name}` : 'Priority'}
        @keydown=${this.onMenuKey}
        @toggle=${(e: ToggleEvent) => { if (e.newState === 'closed') { this.menuNode = null; this.focusTree(); } }}>
      ${LEVELS.map((l) => html`<button role="menuitemradio" aria-checked=${l.key === level ? 'true' : 'false'}
        @click=${() => this.pickLevel(l.key)}><span class="tick">${l.key === level ? icon('check') : nothing}</span>${l.label}</button>`)}
    </div>`;
  }

  private onRenameKey(e: KeyboardEvent, node: TreeNode): void {
    e.stopPropagation();
    if (e.key === 'Enter') void this.commitRename(node, (e.target as HTMLInputElement).value);
    else if (e.key === 'Escape') this.cancelRename();
  }

  static override styles = [
    sharedStyles,
    tabStyles,
    css`
      .filter { width: 180px; flex: none; }
      .count strong { color: var(--text); font-weight: 600; }
      .sel-prio { display: inline-flex; align-items: center; gap: 6px; font-size: var(--text-sm); color: var(--text-muted); margin-right: 4px; }
      .toolbar .icon-btn { width: 28px; height: 28px; }
      .toolbar .icon-btn:disabled { opacity: 0.4; cursor: default; background: transparent; }
      .tree { flex: 1; min-height: 0; display: flex; flex-direction: column; outline: none; overflow-x: auto; overflow-y: hidden; }
      .tree:focus-visible { box-shadow: inset 0 0 0 2px var(--focus); }
      .thead { position: static; padding-right: 10px; }
      .tree { --table-min: 640px; }
      .rows { flex: 1; min-height: 0; overflow-y: scroll; min-width: var(--table-min); contain: strict; background: var(--surface); }
      .tr { width: 100%; cursor: default; }
      .tr.selected { background: var(--selection); }
      .tr.selected:hover { background: var(--selection-strong); }
      .tr.focused { box-shadow: inset 2px 0 0 var(--accent); }
      .tr.skipped .label, .tr.skipped .kind { color: var(--text-faint); }
      .td.name { display: flex; align-items: center; gap: 4px; padding-left: calc(6px + var(--depth) * 18px); }
      .twisty { all: unset; display: inline-grid; place-items: center; width: 18px; height: 18px; flex: none; border-radius: 4px;
        color: var(--text-muted); cursor: pointer; }
      .twisty:hover { background: var(--surface-3); color: var(--text); }
      .twisty svg { width: 14px; height: 14px; }
      input[type="checkbox"] { margin: 0 4px 0 0; accent-color: var(--accent); flex: none; }
      .kind { display: inline-grid; color: var(--text-muted); flex: none; }
      .kind svg { width: 15px; height: 15px; }
      .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; margin-left: 4px; }
      .rename { height: 22px; flex: 1; margin-left: 4px; padding: 0 6px; }
      /* Rows have a fixed size: containing them keeps a scroll step from restyling and relaying the rest. */
      .tr { contain: strict; }
      button.prio { all: unset; box-sizing: border-box; display: flex; align-items: center; justify-content: space-between; width: 100%;
        height: 22px; padding: 0 8px; border: 1px solid transparent; border-radius: var(--radius-sm); font-size: var(--text-sm);
        color: var(--text-muted); cursor: pointer; }
      button.prio::after { content: ""; width: 5px; height: 5px; margin-top: -3px; border: solid currentColor; border-width: 0 1.5px 1.5px 0;
        transform: rotate(45deg); opacity: 0; }
      .tr:hover button.prio { border-color: var(--border); background: var(--surface); color: var(--text); }
      .tr:hover button.prio::after { opacity: 0.7; }
      button.prio.high { color: var(--text); font-weight: 600; }
      button.prio.skip { color: var(--text-faint); }
      #prio-menu { position: fixed; inset: auto; margin: 0; padding: 4px; min-width: 120px; border: 1px solid var(--border);
        border-radius: var(--radius-md); background: var(--surface); color: var(--text); box-shadow: var(--shadow-lg); }
      #prio-menu button { all: unset; box-sizing: border-box; display: flex; align-items: center; gap: 6px; width: 100%; height: 28px;
        padding: 0 10px 0 6px; border-radius: var(--radius-sm); font-size: var(--text-md); cursor: pointer; }
      #prio-menu button:hover, #prio-menu button:focus-visible { background: var(--accent-soft); outline: none; }
      .tick { display: inline-grid; width: 16px; color: var(--accent); }
      .tick svg { width: 14px; height: 14px; }
    `,
  ];
}
customElements.define('tp-files-tab', FilesTab);

/** The level the selection shares, 'mixed' when it differs, null when nothing is selected. */
function levelOf(nodes: TreeNode[]): PriorityLevel | 'mixed' | null {
  let level: PriorityLevel | 'mixed' | null = null;
  for (const n of nodes) {
    const l = n.kind === 'folder' ? n.level : priorityLevel(n.file.priority);
    level = level === null || level === l ? l : 'mixed';
  }
  return level;
}
