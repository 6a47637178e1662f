// Category and tags for the selected torrents at once, as qBittorrent users do from the list's menu. The
// category is set on all of them; tags can be added to or removed from all, leaving each torrent's other tags.
import { css, html, LitElement } from 'lit';
import type { AppState } from '../../state/app-state';
import { editTags, parseTags } from '../../state/tags';
import { sharedStyles } from '../shared-styles';
import './dialog-frame';

export class LabelsDialog extends LitElement {
  static override properties = { app: { attribute: false }, ids: { attribute: false } };
  declare app: AppState;
  declare ids: string[];
  private category = '';
  private addTags = '';
  private removeTags = '';
  private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    const cats = new Set(this.ids.map((id) => this.app.store.get(id)?.category ?? ''));
    this.category = cats.size === 1 ? [...cats][0]! : '';
  }

  override render() {
    const n = this.ids.length;
    const known = [...this.app.counts.categories.keys()].filter(Boolean);
    const allTags = [...this.app.counts.tags.keys()];
    return html`<tp-dialog-frame heading=${n === 1 ? 'Category and tags' : `Category and tags of ${n} torrents`} size="sm"
        @close-request=${() => this.app.close()}>
      <form @submit=${this.apply}>
        <div class="field">
          <label for="category">Category</label>
          <input id="category" type="text" list="categories" .value=${this.category} autofocus aria-describedby="cat-hint"
            @input=${(e: Event) => { this.category = (e.target as HTMLInputElement).value.trim(); }} />
          <span id="cat-hint" class="muted">Empty for none.</span>
          <datalist id="categories">${known.map((c) => html`<option value=${c}></option>`)}</datalist>
        </div>
        <label class="field"><span>Add tags</span>
          <input type="text" list="tags" .value=${this.addTags} placeholder="e.g. music, lossless"
            @input=${(e: Event) => { this.addTags = (e.target as HTMLInputElement).value; }} />
          <datalist id="tags">${allTags.map((t) => html`<option value=${t}></option>`)}</datalist>
        </label>
        <label class="field"><span>Remove tags</span>
          <input type="text" .value=${this.removeTags} placeholder=${allTags.slice(0, 3).join(', ')}
            @input=${(e: Event) => { this.removeTags = (e.target as HTMLInputElement).value; }} />
        </label>
        <button type="submit" hidden></button>
      </form>
      <div slot="footer" class="footer">
        <button class="btn" @click=${() => this.app.close()}>Cancel</button>
        <button class="btn primary" ?disabled=${this.busy} @click=${this.apply}>Apply</button>
      </div>
    </tp-dialog-frame>`;
  }

  private readonly apply = async (e?: Event) => {
    e?.preventDefault();
    this.busy = true;
    this.requestUpdate();
    const add = parseTags(this.addTags);
    const remove = parseTags(this.removeTags);
    const api = this.app.api;
    await this.app.run('Category and tags', async () => {
      await api.call('set_torrent_options', { ids: this.ids, category: this.category });
      if (add.length + remove.length === 0) return;
      // Tags differ per torrent: each keeps its own, with these added and removed.
      for (const id of this.ids) {
        const tags = editTags(this.app.store.get(id)?.tags ?? [], add, remove);
        await api.call('set_torrent_options', { ids: id, tags });
      }
    });
    this.app.close();
  };

  static override styles = [
    sharedStyles,
    css`
      :host { display: contents; }
      form { display: grid; gap: 14px; padding: 16px 20px; }
      .field { display: grid; gap: 6px; }
      .field > span:first-child, .field > label { font-weight: 600; font-size: var(--text-sm); }
      .footer { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 16px 14px; border-top: 1px solid var(--border); }
    `,
  ];
}
customElements.define('tp-labels-dialog', LabelsDialog);
