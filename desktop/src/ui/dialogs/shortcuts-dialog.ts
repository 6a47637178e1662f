// The keyboard shortcuts sheet (?): every action that has a shortcut, by category, read from the actions table so
// it cannot drift from what the keys do; then the torrent list's own keys and the dialogs' keys.
import { css, html, LitElement } from 'lit';
import { ACTIONS, type Action } from '../../state/actions';
import type { AppState } from '../../state/app-state';
import { sharedStyles } from '../shared-styles';
import './dialog-frame';
import { keyChips, keyChipStyles } from './key-chips';

interface Row {
  /** One or more alternative shortcuts, in the actions table's notation. */
  keys: string[];
  label: string;
}

const CATEGORY_NAMES: Record<Action['category'], string> = {
  Add: 'Adding', Torrent: 'Torrents', Queue: 'Queue', Speed: 'Speed', View: 'View', App: 'App',
};

/** Keys the torrent list handles itself (see torrent-list.ts). */
const LIST_KEYS: Row[] = [
  { keys: ['Up', 'Down'], label: 'Move to the previous or next torrent' },
  { keys: ['Shift+Up', 'Shift+Down'], label: 'Extend the selection' },
  { keys: ['PageUp', 'PageDown'], label: 'Move a page up or down' },
  { keys: ['Home', 'End'], label: 'First or last torrent' },
  { keys: ['Space'], label: 'Pause or resume' },
  { keys: ['Enter'], label: 'Show details' },
  { keys: ['Delete'], label: 'Remove…' },
  { keys: ['Escape'], label: 'Clear the selection' },
  { keys: ['ContextMenu', 'Shift+F10'], label: 'Open the context menu' },
  { keys: ['Mod+Click'], label: 'Add to or take from the selection' },
  { keys: ['Shift+Click'], label: 'Select a range' },
];

const DIALOG_KEYS: Row[] = [
  { keys: ['Tab', 'Shift+Tab'], label: 'Next or previous field' },
  { keys: ['Enter'], label: 'Apply, or run the palette’s choice' },
  { keys: ['Escape'], label: 'Close without applying' },
];

export function shortcutGroups(): { title: string; rows: Row[] }[] {
  const groups = new Map<string, Row[]>();
  for (const a of ACTIONS) {
    if (!a.shortcut) continue;
    const title = CATEGORY_NAMES[a.category];
    groups.set(title, [...(groups.get(title) ?? []), { keys: [a.shortcut], label: a.label }]);
  }
  return [
    ...[...groups].map(([title, rows]) => ({ title, rows })),
    { title: 'Torrent list', rows: LIST_KEYS },
    { title: 'Dialogs', rows: DIALOG_KEYS },
  ];
}

export class ShortcutsDialog extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;

  private onKeyDown(e: KeyboardEvent): void {
    // "?" opened it; "?" closes it again.
    if (e.key === '?') {
      e.preventDefault();
      this.app.close();
    }
  }

  override render() {
    return html`<tp-dialog-frame heading="Keyboard shortcuts" size="lg" @close-request=${() => this.app.close()}>
      <div class="sheet" tabindex="0" role="region" aria-label="Shortcuts" autofocus @keydown=${this.onKeyDown}>
        <div class="columns">
        ${shortcutGroups().map((g, i) => html`<section aria-labelledby="g${i}">
          <h3 id="g${i}">${g.title}</h3>
          <dl>
            ${g.rows.map((r) => html`<div class="row"><dt>${r.label}</dt>
              <dd>${r.keys.map((k, j) => html`${j > 0 ? html`<span class="or">or</span>` : ''}${keyChips(k)}`)}</dd></div>`)}
          </dl>
        </section>`)}
        </div>
      </div>
      <footer slot="footer">Single-key shortcuts do nothing while you type in a field.</footer>
    </tp-dialog-frame>`;
  }

  static override styles = [
    sharedStyles,
    keyChipStyles,
    css`
      :host { display: contents; }
      /* The scrolling box is focusable so the keyboard can scroll it; the columns inside are never height-bound,
         or they would overflow sideways into more columns. */
      .sheet { overflow-y: auto; padding: 8px 24px 20px; outline: none; }
      .sheet:focus-visible { outline: 2px solid var(--focus); outline-offset: -6px; border-radius: var(--radius-md); }
      .columns { columns: 2 300px; column-gap: 36px; }
      section { break-inside: avoid; padding-top: 12px; }
      h3 { margin: 0 0 6px; font-size: var(--text-xs); font-weight: 650; text-transform: uppercase; letter-spacing: 0.06em;
        color: var(--text-muted); }
      dl { margin: 0; }
      .row { display: flex; align-items: center; gap: 12px; min-height: 32px; border-bottom: 1px solid var(--border); }
      .row:last-child { border-bottom: 0; }
      dt { flex: 1; min-width: 0; }
      dd { margin: 0; display: inline-flex; align-items: center; gap: 5px; flex: none; }
      .or { font-size: var(--text-xs); color: var(--text-faint); }
      footer { padding: 10px 24px; border-top: 1px solid var(--border); color: var(--text-muted); font-size: var(--text-sm); }
    `,
  ];
}
customElements.define('tp-shortcuts-dialog', ShortcutsDialog);
