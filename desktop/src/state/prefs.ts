// What the user chose for the UI itself (not the backend's settings): theme, density, columns, notifications.
// Kept in localStorage; a damaged value falls back to the default.
import type { SortKey } from './list-model';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Density = 'compact' | 'comfortable';

export interface ColumnPref {
  key: ColumnKey;
  width: number;
  visible: boolean;
}

export type ColumnKey =
  | 'name' | 'size' | 'progress' | 'state' | 'download_rate' | 'upload_rate' | 'eta' | 'ratio' | 'peers'
  | 'seeds' | 'added' | 'save_path' | 'category' | 'queue' | 'uploaded' | 'downloaded';

export interface Prefs {
  theme: ThemeChoice;
  density: Density;
  reducedMotion: boolean;
  notifications: boolean;
  columns: ColumnPref[];
  sort: { key: SortKey; descending: boolean };
  inspectorHeight: number;
  sidebarCollapsed: boolean;
}

// The visible defaults add up to 1,008 px: with the sidebar they fit a 1280 px window, so nothing needs a
// horizontal scroll until the user widens or adds columns.
export const DEFAULT_COLUMNS: ColumnPref[] = [
  { key: 'queue', width: 44, visible: false },
  { key: 'name', width: 270, visible: true },
  { key: 'size', width: 84, visible: true },
  { key: 'progress', width: 130, visible: true },
  { key: 'state', width: 136, visible: true },
  { key: 'download_rate', width: 88, visible: true },
  { key: 'upload_rate', width: 88, visible: true },
  { key: 'eta', width: 72, visible: true },
  { key: 'ratio', width: 60, visible: true },
  { key: 'peers', width: 80, visible: true },
  { key: 'seeds', width: 84, visible: false },
  { key: 'added', width: 150, visible: false },
  { key: 'save_path', width: 220, visible: false },
  { key: 'category', width: 110, visible: false },
  { key: 'uploaded', width: 96, visible: false },
  { key: 'downloaded', width: 96, visible: false },
];

export const DEFAULT_PREFS: Prefs = {
  theme: 'system',
  density: 'compact',
  reducedMotion: false,
  notifications: true,
  columns: DEFAULT_COLUMNS,
  sort: { key: 'queue', descending: false },
  inspectorHeight: 300,
  sidebarCollapsed: false,
};

const KEY = 'torpeddo.prefs.v1';

export function loadPrefs(storage: Storage | undefined = globalThis.localStorage): Prefs {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return structuredClone(DEFAULT_PREFS);
    const saved = JSON.parse(raw) as Partial<Prefs>;
    const prefs = { ...structuredClone(DEFAULT_PREFS), ...saved };
    // Columns: keep the user's order and widths, add columns a newer version introduced, drop unknown ones.
    const known = new Map(DEFAULT_COLUMNS.map((c) => [c.key, c]));
    const columns = (Array.isArray(saved.columns) ? saved.columns : []).filter((c) => known.has(c.key));
    for (const c of DEFAULT_COLUMNS) if (!columns.some((s) => s.key === c.key)) columns.push({ ...c });
    prefs.columns = columns.map((c) => ({ ...c, width: Math.max(40, Math.min(1200, Number(c.width) || 100)) }));
    return prefs;
  } catch {
    return structuredClone(DEFAULT_PREFS);
  }
}

export function savePrefs(prefs: Prefs, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}
