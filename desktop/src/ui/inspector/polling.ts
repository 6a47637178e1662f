// Refreshes a tab's data while it is on screen: one request at a time, the next one `intervalMs` after the last
// answer (never a storm when the backend is slow), nothing while the window is hidden or the backend is away.
// The tab's element is created for the shown tab only, so leaving the tab (or closing the panel) stops it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class PollController implements ReactiveController {
  private timer: number | undefined;
  private inFlight = false;
  private again = false;
  private connected = false;
  private readonly onVisibility = () => {
    if (!document.hidden) this.now();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly intervalMs: number | (() => number),
    private readonly task: () => Promise<void>,
    private readonly canRun: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.now();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.clearTimeout(this.timer);
  }

  /** Refreshes at once (after the request in flight, if there is one). */
  now(): void {
    if (!this.connected) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    window.clearTimeout(this.timer);
    void this.run();
  }

  private async run(): Promise<void> {
    if (document.hidden || !this.canRun()) {
      this.schedule();
      return;
    }
    this.inFlight = true;
    try {
      await this.task();
    } catch {
      // A failed refresh keeps what is shown; the next one tries again.
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      this.now();
    } else {
      this.schedule();
    }
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    if (this.connected && !document.hidden) this.timer = window.setTimeout(() => void this.run(), typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs());
  }
}
