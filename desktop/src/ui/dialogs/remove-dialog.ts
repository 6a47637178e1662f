// Confirming a removal: which torrents, and whether their downloaded files go too (off unless asked for).
import { css, html, LitElement } from 'lit';
import type { AppState } from '../../state/app-state';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';

export class RemoveDialog extends LitElement {
  static override properties = { app: { attribute: false }, ids: { attribute: false } };
  declare app: AppState;
  declare ids: string[];
  private deleteData = false;

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')!.showModal();
  }

  override render() {
    const names = this.ids.map((id) => this.app.store.get(id)?.name ?? id);
    const one = names.length === 1;
    return html`<dialog aria-labelledby="title" aria-describedby="what" @cancel=${(e: Event) => { e.preventDefault(); this.app.close(); }}>
      <h2 id="title">${one ? 'Remove this torrent?' : `Remove ${names.length} torrents?`}</h2>
      <p id="what">${one ? html`<strong class="name">${names[0]}</strong>` : html`<span class="muted">${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}</span>`}</p>
      <label class="check"><input type="checkbox" .checked=${this.deleteData}
        @change=${(e: Event) => { this.deleteData = (e.target as HTMLInputElement).checked; this.requestUpdate(); }} />
        Also delete the downloaded files</label>
      <footer>
        <button class="btn" autofocus @click=${() => this.app.close()}>Cancel</button>
        <button class="btn danger" @click=${this.confirm}>${icon('trash')} ${this.deleteData ? 'Remove and delete files' : 'Remove'}</button>
      </footer>
    </dialog>`;
  }

  private readonly confirm = async () => {
    const ids = this.ids;
    const deleteData = this.deleteData;
    this.app.close();
    await this.app.run('Remove', () => this.app.api.call('remove', { ids, delete_data: deleteData }));
  };

  static override styles = [
    sharedStyles,
    css`
      dialog { width: min(460px, 92vw); padding: 20px; border: 1px solid var(--border); border-radius: var(--radius-lg);
        background: var(--surface); color: var(--text); box-shadow: var(--shadow-lg); }
      dialog::backdrop { background: var(--scrim); }
      h2 { margin: 0 0 8px; font-size: var(--text-lg); }
      p { margin: 0 0 16px; overflow-wrap: anywhere; }
      .check { display: flex; gap: 8px; align-items: center; }
      footer { display: flex; justify-content: flex-end; gap: 8px; margin-top: 20px; }
    `,
  ];
}
customElements.define('tp-remove-dialog', RemoveDialog);
