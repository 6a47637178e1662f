// Short messages: what failed and why (an RPC error's message), or a confirmation. Announced to screen readers.
// The stack is a manual popover, so it sits in the top layer above an open modal dialog (which would otherwise
// cover it and make it impossible to dismiss); it is shown again on each change to stay above the newest one.
import { css, html, LitElement } from 'lit';
import type { AppState } from '../state/app-state';
import { icon } from './icons';
import { AppChanges } from './app-changes';
import { sharedStyles } from './shared-styles';

export class Toasts extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;
  constructor() {
    super();
    new AppChanges(this, ['toasts', 'dialog']);
  }

  protected override updated(): void {
    const stack = this.renderRoot.querySelector<HTMLElement>('.stack');
    if (!stack) return;
    if (stack.matches(':popover-open')) stack.hidePopover();
    if (this.app.toasts.length > 0) stack.showPopover();
  }

  override render() {
    return html`<div class="stack" popover="manual" role="log" aria-live="polite">
      ${this.app.toasts.map((t) => html`<div class="toast ${t.kind}" role=${t.kind === 'error' ? 'alert' : 'status'}>
        ${icon(t.kind === 'error' ? 'alert' : 'check')}<span>${t.text}</span>
        <button class="icon-btn" aria-label="Dismiss" @click=${() => this.app.dismiss(t.id)}>${icon('x')}</button>
      </div>`)}
    </div>`;
  }

  static override styles = [
    sharedStyles,
    css`
      .stack { position: fixed; inset: auto 16px 44px auto; margin: 0; padding: 0; border: 0; background: transparent;
        overflow: visible; display: grid; gap: 8px; width: min(420px, 90vw); }
      .stack:not(:popover-open) { display: none; }
      .toast { display: flex; align-items: center; gap: 10px; padding: 8px 8px 8px 12px; border-radius: var(--radius-md);
        background: var(--surface); border: 1px solid var(--border); box-shadow: var(--shadow-lg); animation: in var(--dur) var(--ease); }
      .toast span { flex: 1; }
      .toast.error > svg { color: var(--st-error); }
      .toast.info > svg { color: var(--st-seeding); }
      @keyframes in { from { transform: translateY(8px); opacity: 0; } }
    `,
  ];
}
customElements.define('tp-toasts', Toasts);
