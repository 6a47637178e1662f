// Shows the dialog AppState asks for (add, remove, settings, palette, shortcuts); the dialogs live in this folder.
import { html, LitElement, nothing } from 'lit';
import type { AppState } from '../../state/app-state';

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
    return this.app.dialog.kind === 'none' ? nothing : html``;
  }
}
customElements.define('tp-dialog-host', DialogHost);
