// Lucide icons as inline SVG. These strings are our own constants from lucide-static: the only markup the UI
// ever renders from a string. Untrusted text never goes through here.
import {
  ArrowDown, ArrowDownToLine, ArrowUp, ArrowUpToLine, ChevronDown, ChevronRight, ChevronsDown, ChevronsUp, CircleAlert,
  Command, File, FileDown, Folder, FolderOpen, Gauge, HardDrive, Info, Link, Magnet, Monitor, Moon, Network, Pause,
  Play, Plus, RefreshCw, Search, Settings, Share2, SlidersHorizontal, Sun, Tag, Trash2, Turtle, Upload, Users, X,
  Columns3, Radio, Zap, Check, LayoutGrid, Unplug, Rows3, Rows4, Keyboard, ListOrdered, Radar, Palette, FolderDown,
  CornerDownLeft, ArrowUpDown, TriangleAlert, Copy, Pencil, ExternalLink,
} from 'lucide-static';
import { html, type TemplateResult } from 'lit';

const ICONS = {
  'arrow-down': ArrowDown, 'arrow-up': ArrowUp, 'chevron-down': ChevronDown, 'chevron-right': ChevronRight,
  'chevrons-up': ChevronsUp, 'chevrons-down': ChevronsDown, 'to-top': ArrowUpToLine, 'to-bottom': ArrowDownToLine,
  alert: CircleAlert, command: Command, file: File, 'file-down': FileDown, folder: Folder, 'folder-open': FolderOpen,
  gauge: Gauge, disk: HardDrive, info: Info, link: Link, magnet: Magnet, monitor: Monitor, moon: Moon,
  network: Network, pause: Pause, play: Play, plus: Plus, refresh: RefreshCw, search: Search, settings: Settings,
  share: Share2, sliders: SlidersHorizontal, sun: Sun, tag: Tag, trash: Trash2, turtle: Turtle, upload: Upload,
  users: Users, x: X, columns: Columns3, radio: Radio, zap: Zap, check: Check, grid: LayoutGrid, unplug: Unplug,
  'rows-compact': Rows4, 'rows-comfortable': Rows3, keyboard: Keyboard, 'list-ordered': ListOrdered, radar: Radar,
  palette: Palette, 'folder-down': FolderDown, enter: CornerDownLeft, 'arrow-up-down': ArrowUpDown, warning: TriangleAlert,
  copy: Copy, pencil: Pencil, 'external-link': ExternalLink,
} as const;
export type IconName = keyof typeof ICONS;

const cache = new Map<IconName, TemplateResult>();

/**
 * The icon as a template whose strings array is the same object every time, so Lit parses each icon once and
 * clones it for every use (unsafeHTML makes a new strings array per place it renders, so a virtualized list
 * would re-parse the SVG for every row it creates).
 */
export function icon(name: IconName): TemplateResult {
  let r = cache.get(name);
  if (!r) {
    const svg = ICONS[name].replace('<svg', '<svg aria-hidden="true" focusable="false" part="icon"');
    const strings = Object.assign([svg], { raw: [svg] }) as unknown as TemplateStringsArray;
    r = html(strings);
    cache.set(name, r);
  }
  return r;
}
