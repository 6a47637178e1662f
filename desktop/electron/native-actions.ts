// The native half of window.torpeddo: file and folder dialogs, revealing and opening files, the clipboard, and
// the preferences the main process acts on by itself. Each handler checks its sender and its arguments first.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { clipboard, dialog, ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC } from './ipc-channels';
import { absolutePathArg, isInside, isPlainObject } from './ipc-guard';
import type { Logger } from './logger';

export interface NativeContext {
  window(): BrowserWindow | null;
  /** The sender check of ipc-guard.ts, bound to the main window. */
  trusted(event: IpcMainInvokeEvent): boolean;
  /** Folders torrents are saved in: files are only opened from these. */
  savePaths(): string[];
  setNotifications(enabled: boolean): void;
  log: Logger;
}

/** Clipboard text beyond this is not a magnet link anyone pasted; it is not copied into the page. */
const CLIPBOARD_LIMIT = 1024 * 1024;

function nearestExisting(path: string): string | null {
  for (let p = path; ; p = dirname(p)) {
    if (existsSync(p)) return p;
    if (dirname(p) === p) return null;
  }
}

export function registerNativeActions(context: NativeContext): void {
  const handle = (channel: string, handler: (...args: unknown[]) => unknown) => {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!context.trusted(event)) throw new Error('refused');
      return handler(...args);
    });
  };

  handle(IPC.chooseTorrentFiles, async () => {
    const win = context.window();
    const options = {
      title: 'Open torrent files',
      properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
      filters: [{ name: 'Torrent files', extensions: ['torrent'] }],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  });

  handle(IPC.chooseDirectory, async (startAt) => {
    const win = context.window();
    const defaultPath = startAt === undefined || startAt === null ? undefined : absolutePathArg(startAt) ?? undefined;
    const options = {
      title: 'Choose a folder',
      properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      ...(defaultPath ? { defaultPath } : {}),
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  handle(IPC.revealInFolder, async (raw) => {
    const path = absolutePathArg(raw);
    if (path === null) throw new Error('revealInFolder needs an absolute path');
    // Showing a file in the file manager runs nothing, so any path will do; a missing one (not downloaded yet,
    // renamed) opens the nearest folder that exists instead.
    if (existsSync(path)) {
      shell.showItemInFolder(path);
      return;
    }
    const near = nearestExisting(path);
    if (near !== null) await shell.openPath(near);
  });

  handle(IPC.openPath, async (raw) => {
    const path = absolutePathArg(raw);
    if (path === null) throw new Error('openPath needs an absolute path');
    // Opening a file may run it (a script, an installer): only files of the user's torrents, which the user
    // asked for by clicking them. Folders only open a file manager, so any folder is fine.
    const isDirectory = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
    if (!isDirectory && !context.savePaths().some((dir) => isInside(path, dir))) {
      context.log.warn(`refused to open ${path}: not in a torrent's folder`);
      throw new Error('only files of torrents can be opened');
    }
    const error = await shell.openPath(path);
    if (error) throw new Error(error);
  });

  handle(IPC.readClipboardText, async () => (await clipboard.readText()).slice(0, CLIPBOARD_LIMIT));

  handle(IPC.setPreferences, (prefs) => {
    if (!isPlainObject(prefs) || typeof prefs.notifications !== 'boolean') {
      throw new Error('setPreferences needs { notifications: boolean }');
    }
    context.setNotifications(prefs.notifications);
  });
}
