// Where the window was: saved on close, restored on the next start if it still fits on a screen (a monitor
// unplugged since must not leave the window off-screen). Electron-free; main.ts does the reading and writing.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedBounds extends Rect {
  maximized: boolean;
}

const MIN = { width: 900, height: 560 };

/** The saved bounds from `file`, or null when there are none or they are damaged. */
export function readBounds(file: string): SavedBounds | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedBounds>;
    const nums = [v.x, v.y, v.width, v.height];
    if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return { x: v.x!, y: v.y!, width: v.width!, height: v.height!, maximized: v.maximized === true };
  } catch {
    return null;
  }
}

export function writeBounds(file: string, bounds: SavedBounds): void {
  // Written whole then renamed, so a crash while quitting leaves the old file or the new one, never half.
  writeFileSync(`${file}.tmp`, JSON.stringify(bounds));
  renameSync(`${file}.tmp`, file);
}

/**
 * The bounds to open with: the saved ones if at least a usable part of the title bar (100 × 40 px) lies on one
 * of the screens' work areas, shrunk to fit that screen; otherwise none (the OS places a default window).
 */
export function fitBounds(saved: SavedBounds | null, workAreas: readonly Rect[]): SavedBounds | null {
  if (!saved) return null;
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const screen = workAreas.find((a) => overlap(titleBar, a).width >= Math.min(100, saved.width) && overlap(titleBar, a).height >= 20);
  if (!screen) return null;
  const width = Math.max(MIN.width, Math.min(saved.width, screen.width));
  const height = Math.max(MIN.height, Math.min(saved.height, screen.height));
  const x = Math.min(Math.max(saved.x, screen.x), screen.x + screen.width - width);
  const y = Math.min(Math.max(saved.y, screen.y), screen.y + screen.height - height);
  return { x, y, width, height, maximized: saved.maximized };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}
