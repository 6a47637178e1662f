// Every command the user can give, in one table: the toolbar, the context menu, keyboard shortcuts and the
// command palette all read it, so an action exists once and is reachable from everywhere.
import type { IconName } from '../ui/icons';
import type { AppState } from './app-state';

export interface Action {
  id: string;
  label: string;
  category: 'Torrent' | 'Queue' | 'Add' | 'View' | 'App' | 'Speed';
  icon?: IconName;
  /** Shown in menus and the palette, e.g. "Ctrl+K" ("Mod" is Cmd on macOS). */
  shortcut?: string;
  /** Needs torrents to act on (the selection or the focused row). */
  needsTargets?: boolean;
  /** In the row context menu, grouped by `menuGroup`. */
  menuGroup?: number;
  danger?: boolean;
  run(app: AppState): void | Promise<void>;
}

const ids = (app: AppState) => app.targets();

export const ACTIONS: Action[] = [
  { id: 'add.magnet', label: 'Add magnet link…', category: 'Add', icon: 'magnet', shortcut: 'Mod+U',
    run: (app) => app.open({ kind: 'add', magnets: [], torrentFiles: [], torrentBytes: [] }) },
  { id: 'add.file', label: 'Open .torrent files…', category: 'Add', icon: 'file-down', shortcut: 'Mod+O',
    run: async (app) => {
      const files = await app.api.native.chooseTorrentFiles();
      if (files.length > 0) app.open({ kind: 'add', magnets: [], torrentFiles: files, torrentBytes: [] });
    } },
  { id: 'torrent.resume', label: 'Resume', category: 'Torrent', icon: 'play', shortcut: 'Mod+S', needsTargets: true, menuGroup: 1,
    run: (app) => void app.run('Resume', () => app.api.call('resume', { ids: ids(app) })) },
  { id: 'torrent.pause', label: 'Pause', category: 'Torrent', icon: 'pause', shortcut: 'Mod+P', needsTargets: true, menuGroup: 1,
    run: (app) => void app.run('Pause', () => app.api.call('pause', { ids: ids(app) })) },
  { id: 'torrent.force_start', label: 'Force start', category: 'Torrent', icon: 'zap', needsTargets: true, menuGroup: 1,
    run: (app) => void app.run('Force start', () => app.api.call('force_start', { ids: ids(app) })) },
  { id: 'torrent.remove', label: 'Remove…', category: 'Torrent', icon: 'trash', shortcut: 'Delete', needsTargets: true, menuGroup: 1, danger: true,
    run: (app) => app.open({ kind: 'remove', ids: ids(app) }) },
  { id: 'torrent.recheck', label: 'Force recheck', category: 'Torrent', icon: 'refresh', needsTargets: true, menuGroup: 2,
    run: (app) => void app.run('Recheck', () => app.api.call('recheck', { ids: ids(app) })) },
  { id: 'torrent.reannounce', label: 'Force reannounce', category: 'Torrent', icon: 'radio', needsTargets: true, menuGroup: 2,
    run: (app) => void app.run('Reannounce', () => app.api.call('reannounce', { ids: ids(app) })) },
  { id: 'torrent.sequential', label: 'Toggle sequential download', category: 'Torrent', icon: 'arrow-down', needsTargets: true, menuGroup: 2,
    run: (app) => {
      const on = !app.targets().every((id) => app.store.get(id)?.sequential);
      void app.run('Sequential', () => app.api.call('set_torrent_options', { ids: ids(app), sequential: on }));
    } },
  { id: 'torrent.first_last', label: 'Toggle first and last pieces first', category: 'Torrent', icon: 'arrow-down', needsTargets: true, menuGroup: 2,
    run: (app) => {
      const on = !app.targets().every((id) => app.store.get(id)?.first_last_pieces);
      void app.run('First and last pieces', () => app.api.call('set_torrent_options', { ids: ids(app), first_last_pieces: on }));
    } },
  { id: 'torrent.move', label: 'Move storage…', category: 'Torrent', icon: 'folder', needsTargets: true, menuGroup: 3,
    run: async (app) => {
      const first = app.store.get(app.targets()[0] ?? '');
      const to = await app.api.native.chooseDirectory(first?.save_path);
      if (to) for (const id of ids(app)) void app.run('Move', () => app.api.call('move_storage', { id, path: to }));
    } },
  { id: 'torrent.labels', label: 'Category and tags…', category: 'Torrent', icon: 'tag', needsTargets: true, menuGroup: 3,
    run: (app) => app.open({ kind: 'labels', ids: ids(app) }) },
  { id: 'torrent.reveal', label: 'Open containing folder', category: 'Torrent', icon: 'folder-open', needsTargets: true, menuGroup: 3,
    run: (app) => {
      const t = app.store.get(app.targets()[0] ?? '');
      if (t) void app.api.native.revealInFolder(`${t.save_path}/${t.name}`);
    } },
  { id: 'torrent.copy_magnet', label: 'Copy info-hash', category: 'Torrent', icon: 'link', needsTargets: true, menuGroup: 3,
    run: (app) => { void navigator.clipboard?.writeText(app.targets().join('\n')).then(() => app.toast('info', 'Info-hash copied'), () => {}); } },
  { id: 'queue.top', label: 'Move to top of queue', category: 'Queue', icon: 'to-top', shortcut: 'Mod+Shift+Up', needsTargets: true, menuGroup: 4,
    run: (app) => void app.run('Queue', () => app.api.call('queue_move', { ids: ids(app), to: 'top' })) },
  { id: 'queue.up', label: 'Move up in queue', category: 'Queue', icon: 'chevrons-up', shortcut: 'Mod+Up', needsTargets: true, menuGroup: 4,
    run: (app) => void app.run('Queue', () => app.api.call('queue_move', { ids: ids(app), to: 'up' })) },
  { id: 'queue.down', label: 'Move down in queue', category: 'Queue', icon: 'chevrons-down', shortcut: 'Mod+Down', needsTargets: true, menuGroup: 4,
    run: (app) => void app.run('Queue', () => app.api.call('queue_move', { ids: ids(app), to: 'down' })) },
  { id: 'queue.bottom', label: 'Move to bottom of queue', category: 'Queue', icon: 'to-bottom', shortcut: 'Mod+Shift+Down', needsTargets: true, menuGroup: 4,
    run: (app) => void app.run('Queue', () => app.api.call('queue_move', { ids: ids(app), to: 'bottom' })) },
  { id: 'all.pause', label: 'Pause all', category: 'Torrent', icon: 'pause',
    run: (app) => void app.run('Pause all', () => app.api.call('pause', { ids: 'all' })) },
  { id: 'all.resume', label: 'Resume all', category: 'Torrent', icon: 'play',
    run: (app) => void app.run('Resume all', () => app.api.call('resume', { ids: 'all' })) },
  { id: 'speed.turtle', label: 'Toggle alternative speed limits', category: 'Speed', icon: 'turtle', shortcut: 'Alt+T',
    run: async (app) => {
      const settings = await app.run('Settings', () => app.api.call('get_settings', {}));
      if (settings) await app.run('Alternative limits', () => app.api.call('set_settings', { settings: { alt_limits_on: !settings.alt_limits_on } }));
    } },
  { id: 'view.search', label: 'Search torrents', category: 'View', icon: 'search', shortcut: 'Mod+F',
    run: () => { document.querySelector('tp-app')?.dispatchEvent(new CustomEvent('focus-search')); } },
  { id: 'view.select_all', label: 'Select all', category: 'View', shortcut: 'Mod+A', run: (app) => app.selectAll() },
  { id: 'view.inspector', label: 'Toggle details panel', category: 'View', icon: 'info', shortcut: 'Mod+I', run: (app) => app.toggleInspector() },
  { id: 'view.density', label: 'Toggle compact rows', category: 'View', icon: 'rows-compact',
    run: (app) => app.updatePrefs({ density: app.prefs.density === 'compact' ? 'comfortable' : 'compact' }) },
  { id: 'view.theme', label: 'Cycle theme (system, light, dark)', category: 'View', icon: 'moon',
    run: (app) => app.updatePrefs({ theme: ({ system: 'light', light: 'dark', dark: 'system' } as const)[app.prefs.theme] }) },
  { id: 'app.palette', label: 'Command palette', category: 'App', icon: 'command', shortcut: 'Mod+K', run: (app) => app.open({ kind: 'palette' }) },
  { id: 'app.settings', label: 'Settings…', category: 'App', icon: 'settings', shortcut: 'Mod+,', run: (app) => app.open({ kind: 'settings' }) },
  { id: 'app.shortcuts', label: 'Keyboard shortcuts', category: 'App', icon: 'command', shortcut: '?', run: (app) => app.open({ kind: 'shortcuts' }) },
];

export function action(id: string): Action {
  const a = ACTIONS.find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function shortcutLabel(shortcut: string): string {
  return shortcut.replace('Mod', isMac ? '⌘' : 'Ctrl').replace('Up', '↑').replace('Down', '↓');
}

/** The action a key press triggers, if any. Single keys (Delete, ?) are ignored while typing in a field. */
export function actionForKey(e: KeyboardEvent, typing: boolean): Action | undefined {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  for (const a of ACTIONS) {
    if (!a.shortcut) continue;
    const parts = a.shortcut.split('+');
    const key = parts[parts.length - 1]!;
    const wantMod = parts.includes('Mod');
    const wantShift = parts.includes('Shift');
    const wantAlt = parts.includes('Alt');
    if (!wantMod && !wantAlt && typing) continue;
    if (wantMod !== mod || wantAlt !== e.altKey) continue;
    if (key !== '?' && wantShift !== e.shiftKey) continue;
    const pressed = e.key.length === 1 ? e.key.toUpperCase() : e.key.replace('Arrow', '');
    const expected = key.length === 1 ? key.toUpperCase() : key;
    if (pressed === expected || (wantAlt && e.code === `Key${expected}`)) return a;
  }
  return undefined;
}
