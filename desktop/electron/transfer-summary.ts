// The little the main process itself needs to know about the torrents, kept from the backend's `state_delta`
// notifications (and from `sync` replies passing through, which advance the same revision): the tray's rates,
// the taskbar/dock progress, and a finished torrent's name and folder for its notification.
import { join } from 'node:path';

interface Figures {
  name: string;
  state: string;
  savePath: string;
  wanted: number;
  done: number;
  down: number;
  up: number;
}

/** The shape shared by `state_delta` params and `sync` results (fields absent when unchanged). */
export interface DeltaLike {
  revision?: number;
  full?: boolean;
  torrents?: readonly Record<string, unknown>[];
  removed?: readonly string[];
  session?: { download_rate?: unknown; upload_rate?: unknown };
}

export interface FinishedNotice {
  title: string;
  body: string;
  /** The torrent's file or top folder, to reveal when the notification is clicked. */
  revealPath: string;
  /** Where it was saved, when revealPath turns out not to exist (renamed, moved). */
  savePath: string;
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

export class TransferSummary {
  private readonly torrents = new Map<string, Figures>();
  private session: { down: number; up: number } | null = null;
  private latest: DeltaLike | null = null;

  /**
   * Applies a `state_delta` or a `sync` result; `full` replaces everything. A `sync` reply is read after the
   * deltas that followed it on the same stream were already applied; those are applied again on top of it.
   */
  apply(delta: DeltaLike): void {
    this.merge(delta);
    const latest = this.latest;
    if (typeof delta.revision !== 'number') return;
    if (latest && typeof latest.revision === 'number' && delta.revision < latest.revision) this.merge(latest);
    else this.latest = delta;
  }

  private merge(delta: DeltaLike): void {
    if (delta.full) this.torrents.clear();
    for (const id of delta.removed ?? []) this.torrents.delete(id);
    for (const t of delta.torrents ?? []) {
      const id = t.id;
      if (typeof id !== 'string') continue;
      const old = this.torrents.get(id);
      this.torrents.set(id, {
        name: str(t.name, old?.name ?? id),
        state: str(t.state, old?.state ?? ''),
        savePath: str(t.save_path, old?.savePath ?? ''),
        wanted: num(t.wanted_bytes, old?.wanted ?? 0),
        done: num(t.done_bytes, old?.done ?? 0),
        down: num(t.download_rate, old?.down ?? 0),
        up: num(t.upload_rate, old?.up ?? 0),
      });
    }
    if (delta.session) {
      this.session = {
        down: num(delta.session.download_rate, this.session?.down ?? 0),
        up: num(delta.session.upload_rate, this.session?.up ?? 0),
      };
    }
  }

  /** A new backend starts with revision 0 and sends every torrent again. */
  reset(): void {
    this.torrents.clear();
    this.session = null;
    this.latest = null;
  }

  /** Payload rates in bytes per second: the session's when the backend reported them, else the torrents' sum. */
  rates(): { down: number; up: number } {
    if (this.session) return { ...this.session };
    let down = 0;
    let up = 0;
    for (const t of this.torrents.values()) {
      down += t.down;
      up += t.up;
    }
    return { down, up };
  }

  /** Done over wanted bytes of the torrents downloading now, 0..1; null when none is (no progress bar). */
  progress(): number | null {
    let wanted = 0;
    let done = 0;
    for (const t of this.torrents.values()) {
      if (t.state !== 'downloading' || t.wanted <= 0) continue;
      wanted += t.wanted;
      done += Math.min(t.done, t.wanted);
    }
    return wanted > 0 ? done / wanted : null;
  }

  tooltip(): string {
    const { down, up } = this.rates();
    return `Torpeddo\n↓ ${formatRate(down)}  ↑ ${formatRate(up)}`;
  }

  /** Directories torrents are saved in (the places the renderer may ask to open files from). */
  savePaths(): string[] {
    return [...new Set([...this.torrents.values()].map((t) => t.savePath).filter((p) => p !== ''))];
  }

  finishedNotice(id: string): FinishedNotice | null {
    const t = this.torrents.get(id);
    if (!t || t.savePath === '') return null;
    return { title: 'Download finished', body: t.name, revealPath: join(t.savePath, t.name), savePath: t.savePath };
  }
}

const UNITS = ['B/s', 'kB/s', 'MB/s', 'GB/s'];

/** 0 B/s, 950 B/s, 1.2 MB/s, 35 MB/s, 120 MB/s: decimal units, one decimal below 100. */
export function formatRate(bytesPerSecond: number): string {
  let value = Math.max(0, bytesPerSecond);
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = unit === 0 || value >= 99.95 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${UNITS[unit]}`;
}
