// One running backend (`torpeddo rpc`) and the newline-delimited JSON-RPC 2.0 spoken over its stdin/stdout.
// No Electron here: the main process and the browser test harness both drive the backend through this module,
// so the tests exercise exactly what the app does.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface BackendCommand {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** A JSON-RPC error reply, carrying the code and `data.kind` the backend documents. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly kind?: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Raised for calls that cannot complete because the backend went away. */
export class BackendGone extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BackendGone';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface ConnectionListener {
  notification(method: string, params: unknown): void;
  /** The process ended; `expected` when we asked it to (shutdown). */
  exit(code: number | null, signal: string | null, expected: boolean): void;
  /** A line of the backend's stderr (its log), never parsed. */
  log(line: string): void;
}

/** Splits a byte stream into lines, holding at most one partial line. */
export class LineSplitter {
  private partial = '';
  constructor(private readonly onLine: (line: string) => void) {}
  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (trimmed.length > 0) this.onLine(trimmed);
    }
  }
}

export class BackendConnection {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping = false;
  private exited = false;
  readonly exitPromise: Promise<void>;

  constructor(command: BackendCommand, private readonly listener: ConnectionListener) {
    this.child = spawn(command.command, command.args, {
      cwd: command.cwd,
      env: command.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    const out = new LineSplitter((line) => this.onLine(line));
    const err = new LineSplitter((line) => this.listener.log(line));
    this.child.stdout.on('data', (chunk: string) => out.push(chunk));
    this.child.stderr.on('data', (chunk: string) => err.push(chunk));
    // A write to a process that just died fails asynchronously; the exit handler reports it.
    this.child.stdin.on('error', () => {});
    this.exitPromise = new Promise((resolve) => {
      const finish = (code: number | null, signal: string | null) => {
        if (this.exited) return;
        this.exited = true;
        const reason = this.stopping ? 'the backend was shut down' : `the backend exited (${signal ?? `code ${code}`})`;
        for (const p of this.pending.values()) p.reject(new BackendGone(reason));
        this.pending.clear();
        this.listener.exit(code, signal, this.stopping);
        resolve();
      };
      this.child.on('exit', finish);
      this.child.on('error', (e) => {
        this.listener.log(`could not start the backend: ${e.message}`);
        finish(null, null);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  call(method: string, params?: unknown): Promise<unknown> {
    if (this.exited) return Promise.reject(new BackendGone('the backend is not running'));
    const id = this.nextId++;
    const message = params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify(message) + '\n');
    });
  }

  /** Asks the backend to save and exit; kills it if it has not within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    this.stopping = true;
    this.call('shutdown').catch(() => {});
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** For tests and the supervisor: the process dies now, as with kill -9. */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  private onLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.listener.log(`unparsable line from the backend: ${line.slice(0, 200)}`);
      return;
    }
    for (const m of Array.isArray(message) ? message : [message]) this.dispatch(m);
  }

  private dispatch(m: unknown): void {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    if (typeof msg.method === 'string' && msg.id === undefined) {
      this.listener.notification(msg.method, msg.params);
      return;
    }
    if (typeof msg.id !== 'number') return;
    const pending = this.pending.get(msg.id);
    if (!pending) return;
    this.pending.delete(msg.id);
    if (msg.error && typeof msg.error === 'object') {
      const e = msg.error as { code?: number; message?: string; data?: { kind?: string } };
      pending.reject(new RpcError(e.code ?? -32603, e.message ?? 'error', e.data?.kind));
    } else {
      pending.resolve(msg.result);
    }
  }
}
