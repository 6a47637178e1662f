// The list header's column chooser: which columns show, and a reset to the defaults.
import { css, html, LitElement } from 'lit';
import type { AppState } from '../../state/app-state';
import { DEFAULT_COLUMNS } from '../../state/prefs';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import { COLUMNS } from './columns';

export class ColumnMenu extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;

  override render() {
    return html`
      <button class="icon-btn" popovertarget="menu" aria-label="Choose columns" title="Choose columns">${icon('columns')}</button>
      <div id="menu" popover role="menu" aria-label="Columns">
        ${this.app.prefs.columns.map((c) => html`
          <label role="menuitemcheckbox" aria-checked=${c.visible ? 'true' : 'false'}>
            <input type="checkbox" .checked=${c.visible} ?disabled=${c.key === 'name'}
              @change=${(e: Event) => this.toggle(c.key, (e.target as HTMLInputElement).checked)} />
            ${COLUMNS[c.key].label === '#' ? 'Queue position' : COLUMNS[c.key].label}
          </label>`)}
        <hr />
        <button class="btn ghost" @click=${() => this.app.updatePrefs({ columns: structuredClone(DEFAULT_COLUMNS) })}>Reset columns</button>
      </div>`;
  }

  private toggle(key: string, visible: boolean): void {
    this.app.updatePrefs({ columns: this.app.prefs.columns.map((c) => (c.key === key ? { ...c, visible } : c)) });
  }

  static override styles = [
    sharedStyles,
    css`
      [popover] {
        position: fixed; inset: auto; top: 90px; right: 16px; margin: 0; padding: 6px; min-width: 200px;
        background: var(--surface); color: var(--text); border: 1px solid var(--border);
        border-radius: var(--radius-md); box-shadow: var(--shadow-lg);
      }
      label { display: flex; align-items: center; gap: 8px; padding: 5px 8px; border-radius: var(--radius-sm); font-size: var(--text-md); }
      label:hover { background: var(--surface-2); }
      hr { border: 0; border-top: 1px solid var(--border); margin: 6px 0; }
      .btn { width: 100%; justify-content: flex-start; }
    `,
  ];
}
customElements.define('tp-column-menu', ColumnMenu);
