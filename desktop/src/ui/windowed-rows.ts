// A scrolling list of fixed-height rows that renders only those in view and a margin either side (the torrent
// list's windowing, for the details panel's long lists). It renders into its own light DOM, so the rows take the
// styles of the component that uses it, and it is itself the scroller: give it a height. Each row sits in an
// absolutely placed wrapper with no role, which assistive technology passes through.
import { html, LitElement, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { cssVars } from './css-vars';
import { rowWindow } from './list/row-window';

const MARGIN_PX = 300;

export class WindowedRows<T = unknown> extends LitElement {
  static override properties = {
    items: { attribute: false },
    rowHeight: { attribute: false },
    keyFunction: { attribute: false },
    renderItem: { attribute: false },
  };
  declare items: readonly T[];
  declare rowHeight: number;
  declare keyFunction: (item: T, index: number) => unknown;
  declare renderItem: (item: T, index: number) => TemplateResult;
  private scrollPos = 0;
  private viewport = 0;
  private readonly resizeObserver = new ResizeObserver((entries) => {
    const height = entries.at(-1)?.contentRect.height ?? 0;
    if (height !== this.viewport) {
      this.viewport = height;
      this.requestUpdate();
    }
  });
  private readonly onScroll = () => {
    const next = this.scrollTop;
    const before = this.window();
    this.scrollPos = next;
    const after = this.window();
    if (before.first !== after.first || before.last !== after.last) this.requestUpdate();
  };

  constructor() {
    super();
    this.items = [];
    this.rowHeight = 28;
    this.keyFunction = (_item, index) => index;
    this.renderItem = () => html``;
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('scroll', this.onScroll);
    this.resizeObserver.disconnect();
  }

  private window() {
    return rowWindow(this.scrollPos, this.viewport || window.innerHeight, this.rowHeight, this.items.length, MARGIN_PX);
  }

  /** Scrolls the least needed to show row `index` whole. */
  scrollToIndex(index: number): void {
    const top = index * this.rowHeight;
    if (top < this.scrollTop) this.scrollTop = top;
    else if (top + this.rowHeight > this.scrollTop + this.clientHeight) this.scrollTop = top + this.rowHeight - this.clientHeight;
  }

  override render() {
    const { first, last } = this.window();
    const h = this.rowHeight;
    return html`<div class="windowed-content" ${cssVars({ '--windowed-height': `${this.items.length * h}px` })}>
      ${repeat(this.items.slice(first, last), (item, k) => this.keyFunction(item, first + k), (item, k) =>
        html`<div class="windowed-row" ${cssVars({ '--windowed-y': `${(first + k) * h}px`, '--windowed-h': `${h}px` })}>${this.renderItem(item, first + k)}</div>`)}
    </div>`;
  }
}
customElements.define('tp-windowed-rows', WindowedRows);
