// Download and upload rates of the torrents the inspector showed, sampled on every store change (four times a
// second), so the speed graph has a past when its tab opens. Bounded: the last few torrents, 30 minutes each.
import type { RateSample } from '../../state/torrent-store';

export const HISTORY_SECONDS = 30 * 60;
const MAX_TORRENTS = 8;

export class RateHistory {
  private readonly series = new Map<string, RateSample[]>();

  constructor(private readonly maxSamples = HISTORY_SECONDS * 4) {}

  /** Starts keeping `id`'s rates (a torrent the user looked at); the oldest kept torrent is dropped past the limit. */
  track(id: string): void {
    if (this.series.has(id)) {
      const s = this.series.get(id)!;
      this.series.delete(id);
      this.series.set(id, s);
      return;
    }
    this.series.set(id, []);
    while (this.series.size > MAX_TORRENTS) this.series.delete(this.series.keys().next().value!);
  }

  tracked(): string[] {
    return [...this.series.keys()];
  }

  add(id: string, sample: RateSample): void {
    const s = this.series.get(id);
    if (!s) return;
    const last = s[s.length - 1];
    if (last && sample.at <= last.at) return;
    s.push(sample);
    if (s.length > this.maxSamples) s.splice(0, s.length - this.maxSamples);
  }

  forget(id: string): void {
    this.series.delete(id);
  }

  samples(id: string): readonly RateSample[] {
    return this.series.get(id) ?? [];
  }
}

/** Samples in the last `seconds` before `now` (and the one just before) as uPlot's columns: x in seconds, then down, then up. */
export function toColumns(samples: readonly RateSample[], now: number, seconds: number): [number[], number[], number[]] {
  const from = now - seconds * 1000;
  const x: number[] = [];
  const down: number[] = [];
  const up: number[] = [];
  let start = samples.length;
  while (start > 0 && samples[start - 1]!.at >= from) start--;
  // One sample from before the window, so the line reaches its left edge.
  if (start > 0) start--;
  for (let i = start; i < samples.length; i++) {
    const s = samples[i]!;
    x.push(s.at / 1000);
    down.push(s.down);
    up.push(s.up);
  }
  return [x, down, up];
}
