// Magnets and .torrent files the operating system hands the app: on the command line of the first launch, in the
// argv a second launch forwards to the first (`second-instance`), and on macOS through `open-url`/`open-file`.
// Anything else on the command line (Chromium switches, the app path in development) is ignored.
import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenRequest } from './renderer-contract';

export interface ArgvContext {
  /** The directory the launch happened in; relative paths are resolved against it. */
  cwd: string;
  platform: NodeJS.Platform;
  /** Leading arguments that are not the user's: the executable, and in development the app's folder. */
  skip: number;
}

const MAGNET = /^magnet:\?/i;
const TORRENT = /\.torrent$/i;

export function emptyOpenRequest(): OpenRequest {
  return { magnets: [], torrentFiles: [] };
}

export function isEmptyOpenRequest(request: OpenRequest): boolean {
  return request.magnets.length === 0 && request.torrentFiles.length === 0;
}

function torrentPath(arg: string, context: ArgvContext): string | null {
  const path = context.platform === 'win32' ? win32 : posix;
  let file = arg;
  if (/^file:\/\//i.test(arg)) {
    try {
      file = fileURLToPath(arg, { windows: context.platform === 'win32' });
    } catch {
      return null;
    }
  }
  if (!TORRENT.test(file)) return null;
  return path.resolve(context.cwd, file);
}

/** The magnets and .torrent paths in `argv`, in order, without duplicates. */
export function openRequestFromArgv(argv: readonly string[], context: ArgvContext): OpenRequest {
  const request = emptyOpenRequest();
  for (const arg of argv.slice(context.skip)) {
    if (typeof arg !== 'string' || arg.length === 0 || arg.startsWith('-')) continue;
    if (MAGNET.test(arg)) {
      if (!request.magnets.includes(arg)) request.magnets.push(arg);
      continue;
    }
    const file = torrentPath(arg, context);
    if (file !== null && !request.torrentFiles.includes(file)) request.torrentFiles.push(file);
  }
  return request;
}

/** macOS `open-url`: only magnets are ours. */
export function openRequestFromUrl(url: string): OpenRequest {
  return MAGNET.test(url) ? { magnets: [url], torrentFiles: [] } : emptyOpenRequest();
}

/** macOS `open-file`: only .torrent files are ours (the path is absolute). */
export function openRequestFromFile(file: string): OpenRequest {
  return TORRENT.test(file) ? { magnets: [], torrentFiles: [file] } : emptyOpenRequest();
}
