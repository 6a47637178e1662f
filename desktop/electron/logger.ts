// The main process's log: its own lines and the backend's stderr, to a file users can attach to a bug report
// (app.getPath('logs')/main.log, rolled over to main.log.1 past a size) and to stderr. Never to the renderer.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type Level = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A line of the backend's stderr, kept as it came. */
  backend(line: string): void;
}

export interface LoggerOptions {
  /** The log file; null logs to stderr only. */
  file: string | null;
  maxBytes?: number;
  stderr?: { write(text: string): unknown };
  now?: () => Date;
}

export function createLogger(options: LoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const stderr = options.stderr ?? process.stderr;
  const now = options.now ?? (() => new Date());
  let size = 0;
  let fileOk = options.file !== null;
  if (options.file !== null) {
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      size = statSync(options.file, { throwIfNoEntry: false })?.size ?? 0;
    } catch {
      fileOk = false;
    }
  }

  const write = (source: string, level: Level, message: string) => {
    // One line per entry: a message with newlines (a stack) is indented so the file stays greppable by time.
    const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${source}: ${message.replace(/\r?\n/g, '\n    ')}\n`;
    stderr.write(line);
    if (!fileOk || options.file === null) return;
    try {
      if (size + line.length > maxBytes && size > 0) {
        renameSync(options.file, `${options.file}.1`);
        size = 0;
      }
      appendFileSync(options.file, line);
      size += Buffer.byteLength(line);
    } catch (e) {
      // A full or read-only disk must not take the app down: keep logging to stderr.
      fileOk = false;
      stderr.write(`log file ${options.file} unusable: ${(e as Error).message}\n`);
    }
  };

  return {
    info: (m) => write('main', 'info', m),
    warn: (m) => write('main', 'warn', m),
    error: (m) => write('main', 'error', m),
    backend: (line) => write('backend', 'info', line),
  };
}
