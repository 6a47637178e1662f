// The frame every modal shares: a native <dialog> opened with showModal() (the rest of the window becomes inert
// and screen readers treat it as modal), Tab and Shift+Tab wrapped inside it, Escape and the close button turned
// into a `close-request` event the owner answers, named by its visible title, and focus given back on removal.
// The owner removes the frame to close it; the frame never closes itself, so AppState stays the one truth.
import { css, html, LitElement, nothing } from 'lit';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';

export type DialogSize = 'sm' | 'md' | 'lg';

export class DialogFrame extends LitElement {
  static override properties = {
    heading: {},
    label: {},
    size: { reflect: true },
    placement: { reflect: true },
    lightDismiss: { type: Boolean, attribute: 'light-dismiss' },
  };
  /** The visible title; the dialog is labelled by it. */
  declare heading: string;
  /** The accessible name when there is no visible title (the palette). */
  declare label: string;
  declare size: DialogSize;
  declare placement: 'center' | 'top';
  /** A click outside the dialog asks to close it (for the palette; a form would lose its edits). */
  declare lightDismiss: boolean;
  private returnFocusTo: HTMLElement | null = null;

  constructor() {
    super();
    this.heading = '';
    this.label = '';
    this.size = 'md';
    this.placement = 'center';
    this.lightDismiss = false;
  }

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog') as HTMLDialogElement;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const active = deepActiveElement();
    this.returnFocusTo = active instanceof HTMLElement ? active : null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A <dialog> removed from the document does not give focus back the way close() would.
    const back = this.returnFocusTo;
    if (back?.isConnected && deepActiveElement() === document.body) back.focus({ preventScroll: true });
  }

  override firstUpdated(): void {
    this.dialog.showModal();
    this.focusInitial();
  }

  /** Focuses the content's `[autofocus]` element, else its first focusable one, else the dialog. */
  focusInitial(): void {
    const all = composedElements(this.dialog);
    const target = all.find((el) => el.hasAttribute('autofocus') && isFocusable(el)) ?? all.find(isTabbable);
    (target ?? this.dialog).focus();
  }

  private requestClose(): void {
    this.dispatchEvent(new CustomEvent('close-request', { bubbles: true, composed: true }));
  }

  private onCancel(e: Event): void {
    e.preventDefault();
    this.requestClose();
  }

  /** The browser may still close it (a second Escape without user activation): tell the owner. */
  private onClose(): void {
    this.requestClose();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const tabbable = composedElements(this.dialog).filter(isTabbable);
    if (tabbable.length === 0) {
      e.preventDefault();
      return;
    }
    const first = tabbable[0]!;
    const last = tabbable[tabbable.length - 1]!;
    const active = deepActiveElement();
    const inside = tabbable.includes(active as HTMLElement);
    if (e.shiftKey && (active === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  }

  private onPointerDown(e: PointerEvent): void {
    if (!this.lightDismiss || e.target !== this.dialog) return;
    const r = this.dialog.getBoundingClientRect();
    const outside = e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
    if (outside) this.requestClose();
  }

  override render() {
    return html`<dialog aria-labelledby=${this.heading ? 'title' : nothing} aria-label=${this.heading ? nothing : this.label}
        @cancel=${this.onCancel} @close=${this.onClose} @keydown=${this.onKeyDown} @pointerdown=${this.onPointerDown}>
      ${this.heading
        ? html`<header>
            <h2 id="title">${this.heading}</h2>
            <button class="icon-btn" aria-label="Close" title="Close (Esc)" @click=${this.requestClose}>${icon('x')}</button>
          </header>`
        : nothing}
      <div class="body"><slot></slot></div>
      <slot name="footer"></slot>
    </dialog>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host { display: contents; }
      dialog {
        padding: 0; border: 1px solid var(--border); border-radius: var(--radius-lg); background: var(--surface);
        color: var(--text); box-shadow: var(--shadow-lg); width: min(560px, calc(100vw - 48px));
        max-height: calc(100vh - 64px); overflow: hidden;
      }
      :host([size="sm"]) dialog { width: min(420px, calc(100vw - 48px)); }
      :host([size="lg"]) dialog { width: min(820px, calc(100vw - 48px)); }
      :host([placement="top"]) dialog { margin-top: 12vh; max-height: 76vh; }
      dialog[open] { display: flex; flex-direction: column; animation: enter var(--dur) var(--ease); }
      dialog::backdrop { background: var(--scrim); }
      dialog[open]::backdrop { animation: fade var(--dur) var(--ease); }
      dialog:focus-visible { outline: none; }
      header { display: flex; align-items: center; gap: var(--space-3); padding: 14px 12px 12px 20px;
        border-bottom: 1px solid var(--border); }
      h2 { margin: 0; flex: 1; font-size: var(--text-lg); font-weight: 650; letter-spacing: -0.01em; }
      .body { flex: 1; min-height: 0; display: flex; flex-direction: column; overflow: auto; }
      ::slotted(*) { flex: 1 1 auto; min-height: 0; }
      ::slotted([slot="footer"]) { flex: none; }
      @keyframes enter { from { opacity: 0; transform: translateY(10px) scale(0.985); } }
      @keyframes fade { from { opacity: 0; } }
      /* --dur is 0 under reduced motion already; this also covers a page that sets no tokens. */
      @media (prefers-reduced-motion: reduce) { dialog[open], dialog[open]::backdrop { animation: none; } }
    `,
  ];
}
customElements.define('tp-dialog-frame', DialogFrame);

/** The focused element, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every element under `root` in the order they are shown: through shadow roots and into slotted content. */
function composedElements(root: Element): HTMLElement[] {
  const out: HTMLElement[] = [];
  const walk = (el: Element) => {
    if (el instanceof HTMLElement) out.push(el);
    let children: Element[];
    if (el instanceof HTMLSlotElement) {
      const assigned = el.assignedElements({ flatten: true });
      children = assigned.length > 0 ? assigned : [...el.children];
    } else if (el.shadowRoot) {
      children = [...el.shadowRoot.children];
    } else {
      children = [...el.children];
    }
    for (const c of children) walk(c);
  };
  for (const c of root.children) walk(c);
  return out;
}

const FOCUSABLE = 'button, [href], input:not([type="hidden"]), select, textarea, [tabindex]';

function isFocusable(el: HTMLElement): boolean {
  if (!el.matches(FOCUSABLE) || (el as HTMLButtonElement).disabled || el.closest('fieldset:disabled')) return false;
  return el.checkVisibility();
}

/** Reached by Tab: focusable, not tabindex=-1, and of a radio group only the checked one (as the browser does). */
function isTabbable(el: HTMLElement): boolean {
  if (!isFocusable(el) || el.tabIndex < 0) return false;
  if (el instanceof HTMLInputElement && el.type === 'radio' && el.name && !el.checked) {
    const group = (el.getRootNode() as ParentNode).querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`);
    return ![...group].some((r) => r.checked);
  }
  return true;
}
