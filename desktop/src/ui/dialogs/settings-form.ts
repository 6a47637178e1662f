// The settings dialog's model, apart from its look: each field knows its section, how it shows a backend value
// as text, how it reads the user's text back (or why it cannot), and where it goes in a SettingsPatch. A field
// the user did not touch is never sent, so a rate shown rounded ("1.50 MiB") cannot change by being displayed.
import type { Protocols, Settings, SettingsPatch, ShareLimits } from '../../api/rpc-types.gen';
import * as fmt from '../../format';

export type SectionId = 'downloads' | 'connection' | 'speed' | 'queue' | 'sharing' | 'discovery' | 'interface';

export type Draft = string | boolean;
type Value = string | number | boolean;
type Parsed = { value: Value } | { error: string };

interface Field {
  section: SectionId;
  read(s: Settings): Value;
  show(v: Value): Draft;
  parse(d: Draft): Parsed;
  /** [group, key] in the patch, or [key] at its top. */
  path: [string] | [string, string];
}

const same = (v: Value): Draft => (typeof v === 'boolean' ? v : String(v));
const flag = (d: Draft): Parsed => ({ value: d === true });

function wholeNumber(text: string, min: number, max: number, what: string): Parsed {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return { error: `Enter ${what} as a whole number.` };
  const n = Number(t);
  if (n < min || n > max) return { error: max === Number.MAX_SAFE_INTEGER ? `Enter ${min} or more.` : `Enter a number from ${min} to ${max}.` };
  return { value: n };
}

/** A count where empty (or "unlimited") stands for the backend's -1. */
function countOrUnlimited(d: Draft): Parsed {
  const t = String(d).trim();
  if (t === '' || /^(unlimited|none|∞|-1)$/i.test(t)) return { value: -1 };
  return wholeNumber(t, 0, 1_000_000, 'a count');
}
const showCount = (v: Value): Draft => (v === -1 ? '' : String(v));

/** A rate in bytes per second typed as "500 KiB", "8 MiB", "2000"; empty for none. */
function rate(d: Draft): Parsed {
  const n = fmt.parseRate(String(d));
  if (n === null) return { error: 'Type a rate such as “500 KiB” or “8 MiB”, or leave it empty for no limit.' };
  return { value: n };
}

/** Exact when the number is a whole count of some unit, which is what people type. */
export function showRate(v: Value): Draft {
  const n = Number(v);
  if (n <= 0) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  for (let u = units.length - 1; u >= 0; u--) {
    const size = 1024 ** u;
    if (n >= size && n % size === 0) return `${n / size} ${units[u]}`;
  }
  return fmt.bytes(n);
}

export const FIELDS = {
  default_save_path: {
    section: 'downloads', path: ['default_save_path'], read: (s) => s.default_save_path, show: same,
    parse: (d) => {
      const t = String(d).trim();
      if (t === '') return { error: 'Choose a folder for downloads.' };
      if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(t)) return { error: 'Use a full path, such as /home/you/Downloads.' };
      return { value: t };
    },
  },
  listen_port: {
    section: 'connection', path: ['listen_port'], read: (s) => s.listen_port, show: same,
    parse: (d) => wholeNumber(String(d), 0, 65535, 'the port'),
  },
  max_peers: {
    section: 'connection', path: ['connections', 'max_peers'], read: (s) => s.connections.max_peers, show: same,
    parse: (d) => wholeNumber(String(d), 1, 100_000, 'the peer limit'),
  },
  max_peers_per_torrent: {
    section: 'connection', path: ['connections', 'max_peers_per_torrent'], read: (s) => s.connections.max_peers_per_torrent,
    show: same, parse: (d) => wholeNumber(String(d), 1, 100_000, 'the peer limit'),
  },
  upload_slots_per_torrent: {
    section: 'connection', path: ['connections', 'upload_slots_per_torrent'], read: (s) => s.connections.upload_slots_per_torrent,
    show: same, parse: (d) => wholeNumber(String(d), 1, 10_000, 'the number of slots'),
  },
  limit_down: { section: 'speed', path: ['limits', 'download'], read: (s) => s.limits.download, show: showRate, parse: rate },
  limit_up: { section: 'speed', path: ['limits', 'upload'], read: (s) => s.limits.upload, show: showRate, parse: rate },
  alt_down: { section: 'speed', path: ['alt_limits', 'download'], read: (s) => s.alt_limits.download, show: showRate, parse: rate },
  alt_up: { section: 'speed', path: ['alt_limits', 'upload'], read: (s) => s.alt_limits.upload, show: showRate, parse: rate },
  alt_limits_on: { section: 'speed', path: ['alt_limits_on'], read: (s) => s.alt_limits_on, show: same, parse: flag },
  queue_enabled: { section: 'queue', path: ['queue', 'enabled'], read: (s) => s.queue.enabled, show: same, parse: flag },
  max_active_downloads: {
    section: 'queue', path: ['queue', 'max_active_downloads'], read: (s) => s.queue.max_active_downloads, show: showCount, parse: countOrUnlimited,
  },
  max_active_seeds: {
    section: 'queue', path: ['queue', 'max_active_seeds'], read: (s) => s.queue.max_active_seeds, show: showCount, parse: countOrUnlimited,
  },
  max_active_torrents: {
    section: 'queue', path: ['queue', 'max_active_torrents'], read: (s) => s.queue.max_active_torrents, show: showCount, parse: countOrUnlimited,
  },
  slow_rate: { section: 'queue', path: ['queue', 'slow_rate'], read: (s) => s.queue.slow_rate, show: showRate, parse: rate },
  stalled_seconds: {
    section: 'queue', path: ['queue', 'stalled_seconds'], read: (s) => s.queue.stalled_seconds, show: same,
    parse: (d) => wholeNumber(String(d), 1, 86_400, 'the time'),
  },
  share_ratio: {
    section: 'sharing', path: ['share_limits', 'ratio'], read: (s) => s.share_limits.ratio,
    show: (v) => (Number(v) < 0 ? '' : String(v)),
    parse: (d) => {
      const t = String(d).trim();
      if (t === '' || /^(never|none|∞|-1)$/i.test(t)) return { value: -1 };
      if (!/^\d+(\.\d+)?$/.test(t)) return { error: 'Enter a ratio such as 2 or 1.5, or leave it empty for none.' };
      return { value: Number(t) };
    },
  },
  share_minutes: {
    section: 'sharing', path: ['share_limits', 'seeding_minutes'], read: (s) => s.share_limits.seeding_minutes, show: showCount,
    parse: (d) => {
      const t = String(d).trim();
      if (t === '' || /^(never|none|∞|-1)$/i.test(t)) return { value: -1 };
      return wholeNumber(t, 0, 52_560_000, 'the minutes');
    },
  },
  share_action: {
    section: 'sharing', path: ['share_limits', 'action'], read: (s) => s.share_limits.action, show: same,
    parse: (d) => (SHARE_ACTIONS.includes(d as ShareLimits['action']) ? { value: String(d) } : { error: 'Choose what happens.' }),
  },
  dht: { section: 'discovery', path: ['discovery', 'dht'], read: (s) => s.discovery.dht, show: same, parse: flag },
  pex: { section: 'discovery', path: ['discovery', 'pex'], read: (s) => s.discovery.pex, show: same, parse: flag },
  lsd: { section: 'discovery', path: ['discovery', 'lsd'], read: (s) => s.discovery.lsd, show: same, parse: flag },
  encryption: {
    section: 'connection', path: ['protocols', 'encryption'], read: (s) => s.protocols.encryption, show: same,
    parse: (d) => (ENCRYPTION_MODES.includes(d as Protocols['encryption']) ? { value: String(d) } : { error: 'Choose an encryption mode.' }),
  },
  utp: { section: 'connection', path: ['protocols', 'utp'], read: (s) => s.protocols.utp, show: same, parse: flag },
} satisfies Record<string, Field>;

export type FieldKey = keyof typeof FIELDS;
export type Drafts = Record<FieldKey, Draft>;
const KEYS = Object.keys(FIELDS) as FieldKey[];
const SHARE_ACTIONS: ShareLimits['action'][] = ['pause', 'remove', 'remove_with_data'];
const ENCRYPTION_MODES: Protocols['encryption'][] = ['prefer', 'require', 'disable'];

export function fieldSection(key: FieldKey): SectionId {
  return FIELDS[key].section;
}

export function draftsFrom(s: Settings): Drafts {
  const out = {} as Drafts;
  for (const k of KEYS) out[k] = (FIELDS[k] as Field).show(FIELDS[k].read(s));
  return out;
}

export interface FormResult {
  patch: SettingsPatch;
  errors: Partial<Record<FieldKey, string>>;
  /** Fields whose value differs from the backend's. */
  changed: FieldKey[];
}

/** What the edited drafts ask the backend to change, and which drafts cannot be read. */
export function readForm(original: Settings, initial: Drafts, drafts: Drafts): FormResult {
  const patch: Record<string, unknown> = {};
  const errors: FormResult['errors'] = {};
  const changed: FieldKey[] = [];
  for (const k of KEYS) {
    if (drafts[k] === initial[k]) continue;
    const f = FIELDS[k] as Field;
    const parsed = f.parse(drafts[k]);
    if ('error' in parsed) {
      errors[k] = parsed.error;
      continue;
    }
    if (parsed.value === f.read(original)) continue;
    changed.push(k);
    if (f.path.length === 1) patch[f.path[0]] = parsed.value;
    else {
      const [group, key] = f.path;
      patch[group] = { ...(patch[group] as object | undefined), [key]: parsed.value };
    }
  }
  return { patch: patch as SettingsPatch, errors, changed };
}
