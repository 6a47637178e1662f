// The docked details panel under the list (its tabs are built in this folder).
import { css, html, LitElement } from 'lit';
import type { AppState } from '../../state/app-state';
import { sharedStyles } from '../shared-styles';

export class InspectorPanel extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  override render() {
    const t = this.app.focusedTorrent();
    return html`<section aria-label="Details">${t ? t.name : 'Select a torrent to see its details.'}</section>`;
  }
  static override styles = [sharedStyles, css`:host { display: block; height: 280px; border-top: 1px solid var(--border); padding: 12px; }`];
}
customElements.define('tp-inspector', InspectorPanel);
