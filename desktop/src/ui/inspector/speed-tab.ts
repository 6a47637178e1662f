// The Speed tab: a live graph of the torrent's download and upload rates (or the whole session's), over the
// last 1, 5 or 30 minutes, with the values under the cursor. uPlot draws on a canvas, so its colours and font are
// read from the theme's tokens, and the chart is rebuilt when the theme changes.
import { css, html, LitElement, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import type { TorrentSnapshot } from '../../api/rpc-types.gen';
import * as fmt from '../../format';
import type { AppState } from '../../state/app-state';
import { cssColor } from '../css-color';
import { icon } from '../icons';
import { sharedStyles } from '../shared-styles';
import { onThemeChange } from '../theme-change';
import { toColumns } from './rate-history';
import { tabStyles } from './tab-styles';
import { ratesOf } from './torrent-rates';

type Source = 'torrent' | 'session';

const RANGES = [
  { seconds: 60, label: '1 min' },
  { seconds: 300, label: '5 min' },
  { seconds: 1800, label: '30 min' },
];

/** Chosen once per window, not per torrent: switching torrents keeps the view the user picked. */
const view = { source: 'torrent' as Source, seconds: 300 };

const axisRate = (v: number) => (v === 0 ? '0' : `${fmt.bytes(v)}/s`);

/** Tick steps in binary units (256 KiB/s, 1 MiB/s…), so the axis reads in round numbers of the units shown. */
const RATE_STEPS = [1, 1024, 1024 ** 2, 1024 ** 3].flatMap((unit) => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * unit));

export class SpeedTab extends LitElement {
  static override properties = { app: { attribute: false }, torrent: { attribute: false } };
  declare app: AppState;
  declare torrent: TorrentSnapshot;
  private chart: uPlot | null = null;
  private now = Date.now();
  private cursorIdx: number | null = null;
  private frameQueued = false;
  private timer: number | undefined;
  private offTheme: (() => void) | null = null;
  private readonly resizeObserver = new ResizeObserver(() => this.fit());
  private readonly onStore = () => this.queueFrame();

  override connectedCallback(): void {
    super.connectedCallback();
    this.app.store.addEventListener('change', this.onStore);
    // Deltas stop when nothing changes; the window still slides.
    this.timer = window.setInterval(() => this.queueFrame(), 1000);
    this.offTheme = onThemeChange(() => this.rebuild());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.app.store.removeEventListener('change', this.onStore);
    window.clearInterval(this.timer);
    this.offTheme?.();
    this.resizeObserver.disconnect();
    this.chart?.destroy();
    this.chart = null;
  }

  override firstUpdated(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (box) this.resizeObserver.observe(box);
    this.rebuild();
  }

  private queueFrame(): void {
    if (this.frameQueued) return;
    this.frameQueued = true;
    requestAnimationFrame(() => {
      this.frameQueued = false;
      this.refresh();
    });
  }

  /** The samples in view as uPlot's columns, ending with the rates now. */
  private data(): uPlot.AlignedData {
    this.now = Date.now();
    const t = this.app.store.get(this.torrent.id) ?? this.torrent;
    const session = this.app.store.session;
    const samples = view.source === 'torrent' ? ratesOf(this.app).samples(t.id) : this.app.store.sessionHistory;
    const [x, down, up] = toColumns(samples, this.now, view.seconds);
    const current = view.source === 'torrent' ? [t.download_rate, t.upload_rate] : [session?.download_rate ?? 0, session?.upload_rate ?? 0];
    const last = x[x.length - 1];
    if (last === undefined || this.now / 1000 - last > 0.2) {
      x.push(this.now / 1000);
      down.push(current[0]!);
      up.push(current[1]!);
    }
    return [x, down, up];
  }

  private refresh(): void {
    if (!this.chart) return;
    this.chart.setData(this.data());
    this.requestUpdate();
  }

  private fit(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!box || !this.chart) return;
    const { width, height } = box.getBoundingClientRect();
    if (width > 0 && height > 0) this.chart.setSize({ width: Math.floor(width), height: Math.floor(height) });
  }

  private rebuild(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!box) return;
    this.chart?.destroy();
    const down = cssColor(this, '--chart-down');
    const up = cssColor(this, '--chart-up');
    const text = cssColor(this, '--text-muted');
    const grid = cssColor(this, '--border');
    const font = `11px ${getComputedStyle(this).getPropertyValue('--font-ui').trim() || 'sans-serif'}`;
    const axis = { stroke: text, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1, size: 4 } };
    const { width, height } = box.getBoundingClientRect();
    const opts: uPlot.Options = {
      width: Math.max(100, Math.floor(width)),
      height: Math.max(80, Math.floor(height)),
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7, width: 2 } },
      scales: {
        x: { time: true, range: () => [this.now / 1000 - view.seconds, this.now / 1000] },
        y: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.15)] },
      },
      axes: [
        { ...axis, space: 70 },
        { ...axis, size: 78, incrs: RATE_STEPS, values: (_u, splits) => splits.map(axisRate) },
      ],
      series: [
        {},
        { label: 'Download', stroke: down, fill: cssColor(this, '--chart-down', 0.18), width: 2, points: { show: false } },
        { label: 'Upload', stroke: up, fill: cssColor(this, '--chart-up', 0.14), width: 2, points: { show: false } },
      ],
      hooks: {
        setCursor: [(u) => {
          const idx = u.cursor.idx ?? null;
          if (idx !== this.cursorIdx) {
            this.cursorIdx = idx;
            this.requestUpdate();
          }
        }],
      },
    };
    this.chart = new uPlot(opts, this.data(), box);
  }

  private setView(patch: Partial<typeof view>): void {
    Object.assign(view, patch);
    this.cursorIdx = null;
    this.refresh();
  }

  override render() {
    const data = this.chart?.data;
    const n = data?.[0].length ?? 0;
    const at = this.cursorIdx !== null && this.cursorIdx < n ? this.cursorIdx : n - 1;
    const down = at >= 0 ? (data?.[1]?.[at] ?? 0) : 0;
    const up = at >= 0 ? (data?.[2]?.[at] ?? 0) : 0;
    const peakDown = Math.max(0, ...((data?.[1] ?? []) as number[]));
    const peakUp = Math.max(0, ...((data?.[2] ?? []) as number[]));
    const when = this.cursorIdx !== null && at >= 0 && data ? new Date(data[0][at]! * 1000).toLocaleTimeString() : 'now';
    return html`
      <div class="toolbar">
        <div class="seg" role="group" aria-label="Whose speed">
          <button aria-pressed=${view.source === 'torrent' ? 'true' : 'false'} @click=${() => this.setView({ source: 'torrent' })}>This torrent</button>
          <button aria-pressed=${view.source === 'session' ? 'true' : 'false'} @click=${() => this.setView({ source: 'session' })}>All torrents</button>
        </div>
        <div class="seg" role="group" aria-label="Time range">
          ${RANGES.map((r) => html`<button aria-pressed=${view.seconds === r.seconds ? 'true' : 'false'}
            @click=${() => this.setView({ seconds: r.seconds })}>${r.label}</button>`)}
        </div>
        <span class="grow"></span>
        <div class="values" aria-live="off">
          <span class="when muted">${when}</span>
          <span class="v down">${icon('arrow-down')}<strong class="num">${fmt.rate(down ?? 0)}</strong></span>
          <span class="v up">${icon('arrow-up')}<strong class="num">${fmt.rate(up ?? 0)}</strong></span>
          <span class="peak muted num" title="Highest in this range">peak ↓ ${fmt.rate(peakDown)} · ↑ ${fmt.rate(peakUp)}</span>
        </div>
      </div>
      <div class="chart" role="img" aria-label="Speed graph: ${view.source === 'torrent' ? 'this torrent' : 'all torrents'}, download ${fmt.rate(down ?? 0)}, upload ${fmt.rate(up ?? 0)}"></div>`;
  }

  static override styles = [
    sharedStyles,
    tabStyles,
    unsafeCSS(uPlotCss),
    css`
      .seg { display: inline-flex; border: 1px solid var(--border); border-radius: var(--radius-sm); overflow: hidden; }
      .seg button { all: unset; padding: 0 10px; height: 26px; display: inline-flex; align-items: center; font-size: var(--text-sm);
        color: var(--text-muted); cursor: pointer; }
      .seg button + button { border-left: 1px solid var(--border); }
      .seg button:hover { background: var(--surface-2); color: var(--text); }
      .seg button[aria-pressed="true"] { background: var(--accent-soft); color: var(--text); font-weight: 600; }
      .seg button:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
      .values { display: flex; align-items: center; gap: 14px; font-size: var(--text-sm); }
      .v { display: inline-flex; align-items: center; gap: 4px; }
      .v strong { min-width: 76px; font-weight: 600; }
      .v svg { width: 14px; height: 14px; }
      .down svg { color: var(--chart-down); }
      .up svg { color: var(--chart-up); }
      .when { min-width: 64px; text-align: right; }
      .chart { flex: 1; min-height: 0; margin: 8px 8px 4px 0; overflow: hidden; }
      .u-hz .u-cursor-x { border-right: 1px dashed var(--text-faint); }
      .u-hz .u-cursor-y { border-bottom: 1px dashed var(--border-strong); }
    `,
  ];
}
customElements.define('tp-speed-tab', SpeedTab);
