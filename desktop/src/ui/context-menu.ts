// The list's context menu: the actions that take torrents, grouped, with their shortcuts. Opened at the pointer
// (right click) or under the focused row (the Menu key, Shift+F10); arrows move, Enter runs, Escape closes.
import { css, html, LitElement } from 'lit';
import { ACTIONS, shortcutLabel, type Action } from '../state/actions';
import type { AppState } from '../state/app-state';
import { icon } from './icons';
import { sharedStyles } from './shared-styles';

export class ContextMenu extends LitElement {
  static override properties = { app: { attribute: false } };
  declare app: AppState;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('open-at', (e) => this.openAt((e as CustomEvent<{ x: number; y: number }>).detail));
  }

  private get menu(): HTMLElement {
    return this.renderRoot.querySelector('#menu') as HTMLElement;
  }

  private openAt(at: { x: number; y: number }): void {
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const m = this.menu;
      m.showPopover();
      const r = m.getBoundingClientRect();
      m.style.left = `${Math.min(at.x, innerWidth - r.width - 8)}px`;
      m.style.top = `${Math.min(at.y, innerHeight - r.height - 8)}px`;
      m.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    });
  }

  override render() {
    const groups = new Map<number, Action[]>();
    for (const a of ACTIONS) if (a.menuGroup !== undefined) groups.set(a.menuGroup, [...(groups.get(a.menuGroup) ?? []), a]);
    const n = this.app?.targets().length ?? 0;
    return html`<div id="menu" popover role="menu" aria-label=${n > 1 ? `${n} torrents` : 'Torrent'} @keydown=${this.onKeyDown}>
      ${[...groups.values()].map((actions, i) => html`
        ${i > 0 ? html`<div role="separator"></div>` : ''}
        ${actions.map((a) => html`<button role="menuitem" class=${a.danger ? 'danger' : ''} tabindex="-1" @click=${() => this.run(a)}>
          <span class="ic">${a.icon ? icon(a.icon) : ''}</span><span class="label">${a.label}</span>
          <span class="key">${a.shortcut ? shortcutLabel(a.shortcut) : ''}</span></button>`)}`)}
    </div>`;
  }

  private run(a: Action): void {
    this.menu.hidePopover();
    void a.run(this.app);
  }

  private onKeyDown(e: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  }

  static override styles = [
    sharedStyles,
    css`
      [popover] { position: fixed; inset: auto; margin: 0; padding: 5px; min-width: 250px; background: var(--surface);
        color: var(--text); border: 1px solid var(--border); border-radius: var(--radius-md); box-shadow: var(--shadow-lg); }
      [role=menuitem] { all: unset; box-sizing: border-box; display: flex; align-items: center; gap: 10px; width: 100%;
        padding: 6px 10px; border-radius: var(--radius-sm); cursor: pointer; font-size: var(--text-md); }
      [role=menuitem]:hover, [role=menuitem]:focus { background: var(--accent-soft); outline: none; }
      .danger { color: var(--danger); }
      .ic { display: inline-grid; width: 16px; color: var(--text-muted); }
      .danger .ic { color: var(--danger); }
      .label { flex: 1; }
      .key { color: var(--text-faint); font-size: var(--text-sm); }
      [role=menuitem]:hover .key, [role=menuitem]:focus .key { color: var(--text-muted); }
      [role=separator] { height: 1px; background: var(--border); margin: 4px 6px; }
    `,
  ];
}
customElements.define('tp-context-menu', ContextMenu);
