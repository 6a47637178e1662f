// Shows the dialog AppState asks for (add, remove, settings, palette, shortcuts); the dialogs live in this folder.
import { html, LitElement, nothing } from 'lit';
import type { AppState } from '../../state/app-state';
import { AppChanges } from '../app-changes';
import './add-dialog';
import './command-palette';
import './labels-dialog';
import './remove-dialog';
import './settings-dialog';
import './shortcuts-dialog';

export class DialogHost extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  constructor() {
    super();
    new AppChanges(this, ['dialog']);
  }
  override render() {
    const app = this.app;
    const d = app.dialog;
    switch (d.kind) {
      case 'none':
        return nothing;
      case 'add':
        return html`<tp-add-dialog .app=${app} .sources=${{ magnets: d.magnets, torrentFiles: d.torrentFiles, torrentBytes: d.torrentBytes }}></tp-add-dialog>`;
      case 'remove':
        return html`<tp-remove-dialog .app=${app} .ids=${d.ids}></tp-remove-dialog>`;
      case 'labels':
        return html`<tp-labels-dialog .app=${app} .ids=${d.ids}></tp-labels-dialog>`;
      case 'settings':
        return html`<tp-settings-dialog .app=${app}></tp-settings-dialog>`;
      case 'palette':
        return html`<tp-command-palette .app=${app}></tp-command-palette>`;
      case 'shortcuts':
        return html`<tp-shortcuts-dialog .app=${app}></tp-shortcuts-dialog>`;
    }
  }
}
customElements.define('tp-dialog-host', DialogHost);
