// The app:// scheme the renderer is loaded from (not file://, which would give the page the whole disk's origin).
// app://torpeddo/<path> maps to <path> under the built renderer folder (dist/) and nothing else: every segment is
// checked after decoding, so `..`, `%2e%2e`, encoded or back slashes, drive letters and NUL bytes cannot leave it.
// Every response, errors included, carries the Content-Security-Policy.
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, relative, resolve, sep, isAbsolute } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'torpeddo';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export type AppResolution = { ok: true; file: string } | { ok: false; status: 400 | 404 };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a request URL to a file under `root` (an absolute directory), or says why not. */
export function resolveAppUrl(requestUrl: string, root: string): AppResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port !== '') {
    return { ok: false, status: 404 };
  }
  const raw = url.pathname === '' || url.pathname === '/' ? '/index.html' : url.pathname;
  const segments: string[] = [];
  for (const encoded of raw.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { ok: false, status: 400 };
    }
    // Empty (a doubled slash), dot segments, separators hidden by encoding, drive letters and NUL are refused
    // rather than normalised: a well-formed app URL never has them.
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) {
      return { ok: false, status: 404 };
    }
    segments.push(segment);
  }
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !file.startsWith(base + sep)) {
    return { ok: false, status: 404 };
  }
  return { ok: true, file };
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The files change with every build and are read from the local disk: caching gains nothing.
    'Cache-Control': 'no-store',
  };
}

function failure(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

export interface AppRequest {
  url: string;
  method?: string;
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** The handler for `protocol.handle(APP_SCHEME, …)`: serves files of `root` and nothing else. */
export function createAppProtocolHandler(root: string, readFile: ReadFile = fsReadFile): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return failure(405, 'method not allowed');
    const resolved = resolveAppUrl(request.url, root);
    if (!resolved.ok) return failure(resolved.status, resolved.status === 400 ? 'bad request' : 'not found');
    let body: Uint8Array;
    try {
      body = await readFile(resolved.file);
    } catch {
      return failure(404, 'not found');
    }
    const headers = securityHeaders(contentTypeFor(resolved.file));
    return new Response(method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}
