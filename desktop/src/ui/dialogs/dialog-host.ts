// Shows the dialog AppState asks for (add, remove, settings, palette, shortcuts); the dialogs live in this folder.
import { html, LitElement, nothing } from 'lit';
import type { AppState } from '../../state/app-state';
import './add-dialog';
import './remove-dialog';

export class DialogHost extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  override connectedCallback(): void {
    super.connectedCallback();
    this.app.addEventListener('change', (e) => {
      if ((e as CustomEvent<string>).detail === 'dialog') this.requestUpdate();
    });
  }
  override render() {
    const d = this.app.dialog;
    switch (d.kind) {
      case 'none':
        return nothing;
      case 'add':
        return html`<tp-add-dialog .app=${this.app} .sources=${{ magnets: d.magnets, torrentFiles: d.torrentFiles, torrentBytes: d.torrentBytes }}></tp-add-dialog>`;
      case 'remove':
        return html`<tp-remove-dialog .app=${this.app} .ids=${d.ids}></tp-remove-dialog>`;
      case 'settings':
        return nothing;
      case 'palette':
        return nothing;
      case 'shortcuts':
        return nothing;
    }
  }
}
customElements.define('tp-dialog-host', DialogHost);
