// Checks on every message the renderer sends the main process. The page is ours, but if it were ever made to run
// someone else's script (a torrent name rendered as HTML, a dependency gone bad), what it can make the main
// process do is still bounded: only our own top frame at app://torpeddo is heard, only the allow-listed methods
// reach the backend, and only with named params.
import { isAbsolute, relative, resolve } from 'node:path';
import { BackendGone, RpcError } from './backend-connection';
import { APP_ORIGIN } from './app-protocol';
import { RENDERER_METHODS, type RendererMethod, type RpcFailure } from './renderer-contract';

/** What Electron's `event.senderFrame` offers that the check needs (a WebFrameMain, or null once it is gone). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Our own top-level frame, showing our own origin. A subframe, another origin or a vanished frame is refused. */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string = APP_ORIGIN): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}`.toLowerCase() === appOrigin.toLowerCase();
  } catch {
    return false;
  }
}

/** A JSON-like object: not null, not an array, not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const ALLOWED = new Set<string>(RENDERER_METHODS);

/** Error codes of refusals made here, before the backend sees the call (JSON-RPC's own where one fits). */
export const REFUSED = {
  method: -32601,
  params: -32602,
  /** The backend is restarting or gone; the renderer shows the connection state and retries after `sync`. */
  unavailable: -32001,
} as const;

export type CallCheck =
  | { ok: true; method: RendererMethod; params: Record<string, unknown> }
  | { ok: false; failure: RpcFailure };

export function checkRendererCall(method: unknown, params: unknown): CallCheck {
  if (typeof method !== 'string' || !ALLOWED.has(method)) {
    const name = typeof method === 'string' ? method.slice(0, 64) : typeof method;
    return { ok: false, failure: { code: REFUSED.method, message: `method not allowed: ${name}` } };
  }
  if (!isPlainObject(params)) {
    return { ok: false, failure: { code: REFUSED.params, message: 'params must be an object' } };
  }
  return { ok: true, method: method as RendererMethod, params };
}

/** Turns what a backend call threw into what the renderer receives. */
export function toRpcFailure(error: unknown): RpcFailure {
  if (error instanceof RpcError) {
    return error.kind === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, kind: error.kind };
  }
  if (error instanceof BackendGone) {
    return { code: REFUSED.unavailable, message: error.message, kind: 'backend_unavailable' };
  }
  return { code: -32603, message: error instanceof Error ? error.message : String(error) };
}

/** An absolute path as the renderer may name one for a native action, normalised; null when it is not one. */
export function absolutePathArg(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096 || value.includes('\0')) return null;
  return isAbsolute(value) ? resolve(value) : null;
}

/** Whether `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
