// Keeps one backend running for the app's lifetime: starts it, checks the protocol's major version, subscribes to
// every notification, restarts it with exponential backoff when it dies, and stops it gracefully on quit. Whoever
// owns it (the main process, the test harness) hands the connection states and notifications to the renderer.
import { BackendConnection, BackendGone, type BackendCommand } from './backend-connection';

export type SupervisorState =
  | { state: 'connecting' }
  | { state: 'connected'; app: string; protocol: string }
  | { state: 'reconnecting'; attempt: number; retryInMs: number; reason: string }
  | { state: 'failed'; reason: string };

export interface SupervisorOptions {
  command: BackendCommand;
  /** The protocol major version this app speaks; a backend with another one is refused. */
  protocolMajor: number;
  /** Interval of `state_delta` pushes. */
  deltaIntervalMs?: number;
  onState(state: SupervisorState): void;
  onNotification(method: string, params: unknown): void;
  onLog?(line: string): void;
  /** Delays between restarts; the last one repeats. A run that lasted `stableAfterMs` resets the count. */
  backoffMs?: number[];
  stableAfterMs?: number;
  /** Consecutive failed starts before giving up (the UI then offers a retry). */
  maxAttempts?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

const DEFAULT_BACKOFF = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

export class BackendSupervisor {
  private connection: BackendConnection | null = null;
  private attempt = 0;
  private startedAt = 0;
  private timer: unknown = null;
  private stopped = false;
  private current: SupervisorState = { state: 'connecting' };

  constructor(private readonly options: SupervisorOptions) {}

  get state(): SupervisorState {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    this.attempt = 0;
    this.launch();
  }

  /** Calls a method on the running backend; rejects with BackendGone while there is none. */
  call(method: string, params?: unknown): Promise<unknown> {
    if (!this.connection?.alive || this.current.state !== 'connected') {
      return Promise.reject(new BackendGone('the backend is not connected'));
    }
    return this.connection.call(method, params);
  }

  /** Graceful: the backend saves every resume record before exiting. */
  async stop(graceMs?: number): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) (this.options.clearTimer ?? clearTimeout)(this.timer as never);
    this.timer = null;
    await this.connection?.stop(graceMs);
  }

  /** For tests: the backend dies as with kill -9. */
  killBackend(): void {
    this.connection?.kill();
  }

  /** After `failed`, the user asks to try again. */
  retry(): void {
    if (this.current.state === 'failed') this.start();
  }

  private setState(state: SupervisorState): void {
    this.current = state;
    this.options.onState(state);
  }

  private launch(): void {
    const now = this.options.now ?? Date.now;
    // A restart stays `reconnecting` (already announced) until it is connected.
    if (this.attempt === 0) this.setState({ state: 'connecting' });
    this.startedAt = now();
    const connection = new BackendConnection(this.options.command, {
      notification: (method, params) => {
        if (connection === this.connection) this.options.onNotification(method, params);
      },
      log: (line) => this.options.onLog?.(line),
      exit: (code, signal, expected) => {
        if (connection !== this.connection || expected || this.stopped) return;
        this.scheduleRestart(`the backend exited (${signal ?? `code ${code}`})`);
      },
    });
    this.connection = connection;
    void this.handshake(connection);
  }

  private async handshake(connection: BackendConnection): Promise<void> {
    try {
      const version = (await connection.call('version')) as { app: string; protocol: string };
      const major = Number.parseInt(version.protocol.split('.')[0] ?? '', 10);
      if (major !== this.options.protocolMajor) {
        this.stopped = true;
        await connection.stop();
        this.setState({
          state: 'failed',
          reason: `the backend speaks protocol ${version.protocol}; this app needs ${this.options.protocolMajor}.x`,
        });
        return;
      }
      await connection.call('subscribe', { interval_ms: this.options.deltaIntervalMs ?? 250, clock_step: 60 });
      if (connection !== this.connection) return;
      this.setState({ state: 'connected', app: version.app, protocol: version.protocol });
    } catch (e) {
      // The process died during the handshake; its exit handler schedules the restart.
      if (!(e instanceof BackendGone)) {
        this.options.onLog?.(`backend handshake failed: ${(e as Error).message}`);
        connection.kill();
      }
    }
  }

  private scheduleRestart(reason: string): void {
    const now = this.options.now ?? Date.now;
    const stable = this.options.stableAfterMs ?? 30_000;
    if (now() - this.startedAt >= stable) this.attempt = 0;
    this.attempt += 1;
    if (this.attempt > (this.options.maxAttempts ?? 8)) {
      this.setState({ state: 'failed', reason });
      return;
    }
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF;
    const delay = backoff[Math.min(this.attempt - 1, backoff.length - 1)] ?? 1_000;
    this.setState({ state: 'reconnecting', attempt: this.attempt, retryInMs: delay, reason });
    this.timer = (this.options.setTimer ?? setTimeout)(() => {
      this.timer = null;
      if (!this.stopped) this.launch();
    }, delay);
  }
}
