// A shortcut from the actions table ("Mod+Shift+Up") drawn as key caps, spelled the platform's way: Ctrl, Shift and
// Alt elsewhere, ⌘ ⇧ ⌥ on macOS.
import { css, html } from 'lit';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

const COMMON: Record<string, string> = {
  Up: '↑', Down: '↓', Left: '←', Right: '→', Escape: 'Esc', PageUp: 'PgUp', PageDown: 'PgDn', ContextMenu: 'Menu',
};
const NAMES: Record<string, string> = isMac
  ? { ...COMMON, Mod: '⌘', Shift: '⇧', Alt: '⌥', Delete: '⌫', Enter: '↩' }
  : { ...COMMON, Mod: 'Ctrl', Delete: 'Del' };

/** The keys of a shortcut, each as the user reads it on the keyboard. */
export function keyNames(shortcut: string): string[] {
  // "?" and "+" are keys of their own, not separators.
  const parts = shortcut === '+' ? ['+'] : shortcut.split('+').map((p, i, all) => (p === '' && i === all.length - 1 ? '+' : p));
  return parts.filter((p) => p !== '').map((p) => NAMES[p] ?? p);
}

/** What a screen reader should hear: "Control Shift Up" rather than the glyphs. */
export function keySpoken(shortcut: string): string {
  const spoken: Record<string, string> = {
    Mod: isMac ? 'Command' : 'Control', Alt: isMac ? 'Option' : 'Alt', Up: 'Up arrow', Down: 'Down arrow',
    PageUp: 'Page Up', PageDown: 'Page Down', ContextMenu: 'Menu key', '?': 'Question mark',
  };
  return shortcut.split('+').map((p) => spoken[p] ?? p).join(' ');
}

export function keyChips(shortcut: string) {
  return html`<span class="keys" aria-label=${keySpoken(shortcut)} role="img">${keyNames(shortcut).map((k) => html`<kbd>${k}</kbd>`)}</span>`;
}

export const keyChipStyles = css`
  .keys { display: inline-flex; gap: 3px; align-items: center; flex: none; }
  kbd {
    display: inline-grid; place-items: center; min-width: 20px; height: 20px; padding: 0 5px;
    font: 600 var(--text-xs) / 1 var(--font-ui); color: var(--text-muted);
    background: var(--surface-2); border: 1px solid var(--border); border-bottom-width: 2px; border-radius: 5px;
  }
`;
