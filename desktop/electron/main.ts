// The Electron main process: one instance, one secure window on app://torpeddo, the backend kept running by the
// supervisor, window.torpeddo's calls checked and passed on, and the native touches (tray, notifications,
// taskbar/dock progress, magnet: and .torrent registration). The logic lives in the Electron-free modules next to
// this file, which the unit tests exercise; this file only wires them to Electron.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  protocol,
  screen,
  session,
  shell,
  Tray,
  type IpcMainInvokeEvent,
} from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { backendCommand } from './backend-command';
import { BackendSupervisor } from './backend-supervisor';
import { linkAction } from './external-links';
import { IPC, type CallReply } from './ipc-channels';
import { checkRendererCall, isTrustedSender, toRpcFailure } from './ipc-guard';
import { openRequestFromArgv, openRequestFromFile, openRequestFromUrl } from './launch-args';
import { createLogger } from './logger';
import { registerNativeActions } from './native-actions';
import { OpenRequestInbox } from './open-request-inbox';
import { PROTOCOL_MAJOR, type ConnectionState } from './renderer-contract';
import { createSecureWindow } from './secure-window';
import { TransferSummary, type DeltaLike, type FinishedNotice } from './transfer-summary';
import { trayMenuTemplate } from './tray-menu';
import { fitBounds, readBounds, writeBounds } from './window-bounds';

/** desktop/ in development; app.asar when packaged. */
const APP_DIR = resolve(__dirname, '..');
const RENDERER_DIR = join(APP_DIR, 'dist');
const PRELOAD = join(__dirname, 'preload.js');
const ICON = app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(APP_DIR, 'build', 'icon.png');

// Both must happen before `ready`: the scheme's privileges, and the sandbox for every renderer.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

const log = createLogger({ file: join(app.getPath('logs'), 'main.log') });
const summary = new TransferSummary();
let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let connection: ConnectionState = { state: 'connecting' };
let notificationsEnabled = true;
let shownProgress: number | null = null;
let shownTooltip = '';
/** Notifications shown and not yet clicked or closed; held so they are not collected while on screen. */
const liveNotifications = new Set<Notification>();

function send(channel: string, payload: unknown): void {
  const contents = mainWindow?.webContents;
  if (contents && !contents.isDestroyed()) contents.send(channel, payload);
}

const inbox = new OpenRequestInbox((request) => send(IPC.openRequest, request));

function showWindow(): void {
  if (!app.isReady()) return;
  if (!mainWindow) mainWindow = createWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

// macOS hands links and files over by events, possibly before `ready`; they wait in the inbox.
app.on('open-url', (event, url) => {
  event.preventDefault();
  inbox.add(openRequestFromUrl(url));
  showWindow();
});
app.on('open-file', (event, file) => {
  event.preventDefault();
  inbox.add(openRequestFromFile(file));
  showWindow();
});

const supervisor = new BackendSupervisor({
  command: backendCommand({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    repoRoot: resolve(APP_DIR, '..'),
    platform: process.platform,
    env: process.env,
  }),
  protocolMajor: PROTOCOL_MAJOR,
  deltaIntervalMs: 250,
  onState(state) {
    connection = state;
    log.info(`backend ${state.state}${'reason' in state ? `: ${state.reason}` : ''}`);
    // Without a backend there is nothing to show; a (re)started one counts revisions from 0 again and sends every
    // torrent in its first delta, which can arrive just before `connected` is announced.
    if (state.state !== 'connected') {
      summary.reset();
      refreshTransferIndicators();
    }
    send(IPC.connection, state);
    refreshTrayMenu();
  },
  onNotification(method, params) {
    if (method === 'state_delta') {
      summary.apply(params as DeltaLike);
      refreshTransferIndicators();
    } else if (method === 'torrent_finished') {
      notifyFinished((params as { id: string }).id);
    }
    send(IPC.notification, { method, params });
  },
  onLog: (line) => log.backend(line),
});

function createWindow(): BrowserWindow {
  const boundsFile = join(app.getPath('userData'), 'window.json');
  const saved = fitBounds(readBounds(boundsFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = createSecureWindow(BrowserWindow, {
    preload: PRELOAD,
    devTools: !app.isPackaged,
    icon: ICON,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#111216' : '#ffffff',
    ...(saved ? { bounds: saved } : {}),
  });
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      writeBounds(boundsFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      log.warn(`could not save the window's place: ${(e as Error).message}`);
    }
  });
  // A (re)load means a new page that has not asked for open requests yet.
  win.webContents.on('did-start-loading', () => inbox.rendererGone());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  shownProgress = null;
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Only our own window's top frame, showing app://torpeddo, is listened to. */
function trusted(event: IpcMainInvokeEvent): boolean {
  const ok = mainWindow !== null && event.sender === mainWindow.webContents && isTrustedSender(event.senderFrame);
  if (!ok) log.warn(`refused IPC from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
  return ok;
}

function openLink(url: string): void {
  const action = linkAction(url);
  if (action.kind === 'browser') void shell.openExternal(action.url);
  else if (action.kind === 'magnet') inbox.add({ magnets: [action.url], torrentFiles: [] });
  else log.warn(`refused to open ${url.slice(0, 200)}`);
}

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // The page never navigates away from the app; a link is opened where it belongs instead.
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      if (!url.startsWith(`${APP_ORIGIN}/`)) openLink(url);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openLink(url);
      return { action: 'deny' };
    });
  });
  const ses = session.defaultSession;
  // No camera, microphone, notifications from the page, clipboard reading, geolocation…: the main process does
  // what the app needs natively. Writing plain text to the clipboard (Copy info-hash) is the one exception.
  const allowed = (permission: string) => permission === 'clipboard-sanitized-write';
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => allowed(permission));
  ses.on('will-download', (event) => event.preventDefault());
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
}

function registerIpc(): void {
  ipcMain.handle(IPC.call, async (event, method: unknown, params: unknown): Promise<CallReply> => {
    if (!trusted(event)) throw new Error('refused');
    const check = checkRendererCall(method, params);
    if (!check.ok) return { ok: false, error: check.failure };
    try {
      const result = await supervisor.call(check.method, check.params);
      // The renderer's sync advances the revision later deltas start from: what it brought must be seen here too.
      if (check.method === 'sync') summary.apply(result as DeltaLike);
      return { ok: true, result };
    } catch (error) {
      return { ok: false, error: toRpcFailure(error) };
    }
  });
  ipcMain.handle(IPC.connectionNow, (event) => {
    if (!trusted(event)) throw new Error('refused');
    return connection;
  });
  ipcMain.handle(IPC.takeOpenRequests, (event) => {
    if (!trusted(event)) throw new Error('refused');
    return inbox.take();
  });
  registerNativeActions({
    window: () => mainWindow,
    trusted,
    savePaths: () => summary.savePaths(),
    setNotifications: (enabled) => {
      notificationsEnabled = enabled;
    },
    log,
  });
}

function revealFinished(notice: FinishedNotice): void {
  // showItemInFolder does nothing for a path that is not there (a renamed file): open the save folder then.
  if (existsSync(notice.revealPath)) shell.showItemInFolder(notice.revealPath);
  else void shell.openPath(notice.savePath);
}

function notifyFinished(id: string): void {
  if (!notificationsEnabled || !Notification.isSupported()) return;
  const notice = summary.finishedNotice(id);
  if (!notice) return;
  const notification = new Notification({ title: notice.title, body: notice.body, icon: ICON });
  liveNotifications.add(notification);
  notification.on('click', () => {
    liveNotifications.delete(notification);
    revealFinished(notice);
  });
  notification.on('close', () => liveNotifications.delete(notification));
  notification.show();
}

function refreshTransferIndicators(): void {
  const progress = summary.progress();
  const rounded = progress === null ? null : Math.round(progress * 1000) / 1000;
  if (rounded !== shownProgress && mainWindow) {
    shownProgress = rounded;
    // -1 removes the bar from the taskbar button / dock icon.
    mainWindow.setProgressBar(rounded ?? -1);
  }
  const tooltip = summary.tooltip();
  if (tray && tooltip !== shownTooltip) {
    shownTooltip = tooltip;
    tray.setToolTip(tooltip);
  }
}

function pauseOrResumeAll(method: 'pause' | 'resume'): void {
  supervisor.call(method, { ids: 'all' }).catch((error: unknown) => log.warn(`${method} all: ${toRpcFailure(error).message}`));
}

function refreshTrayMenu(): void {
  if (!tray) return;
  const template = trayMenuTemplate({
    connected: connection.state === 'connected',
    failed: connection.state === 'failed',
    show: showWindow,
    pauseAll: () => pauseOrResumeAll('pause'),
    resumeAll: () => pauseOrResumeAll('resume'),
    retry: () => supervisor.retry(),
    quit: () => app.quit(),
  });
  tray.setContextMenu(Menu.buildFromTemplate(template));
}

function createTray(): void {
  const image = nativeImage.createFromPath(ICON);
  tray = new Tray(image.isEmpty() ? image : image.resize({ width: 16, height: 16 }));
  tray.on('click', showWindow);
  refreshTrayMenu();
  refreshTransferIndicators();
}

function applicationMenu(): void {
  // macOS needs an Edit menu for copy and paste to work in text fields; elsewhere the window has no menu bar.
  if (process.platform === 'darwin') {
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]));
  } else {
    Menu.setApplicationMenu(null);
  }
}

function quitGracefully(): void {
  let stopping = false;
  app.on('before-quit', (event) => {
    // The backend saves every torrent's resume record before it exits: wait for it, then leave for real.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    log.info('quitting: stopping the backend');
    void supervisor
      .stop(15_000)
      .catch((error: unknown) => log.error(`stopping the backend: ${String(error)}`))
      .finally(() => {
        tray?.destroy();
        app.exit(0);
      });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

function start(): void {
  const argvContext = (cwd: string) => ({ cwd, platform: process.platform, skip: 1 });
  inbox.add(openRequestFromArgv(process.argv, argvContext(process.cwd())));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    inbox.add(openRequestFromArgv(argv, argvContext(workingDirectory)));
    showWindow();
  });
  quitGracefully();
  // Logged only: Electron's own handling (an error dialog) stays as it is.
  process.on('uncaughtExceptionMonitor', (error) => log.error(`uncaught: ${error.stack ?? String(error)}`));

  void app.whenReady().then(() => {
    log.info(`Torpeddo ${app.getVersion()} starting (${app.isPackaged ? 'packaged' : 'development'})`);
    if (process.platform === 'win32') app.setAppUserModelId('dev.torpeddo.desktop');
    // In development the OS would be told to open magnets with a bare Electron: only installed apps register.
    if (app.isPackaged && !app.isDefaultProtocolClient('magnet')) app.setAsDefaultProtocolClient('magnet');
    hardenContents();
    registerIpc();
    applicationMenu();
    supervisor.start();
    mainWindow = createWindow();
    createTray();
    app.on('activate', showWindow);
  });
}

// A second launch hands its arguments to the first (`second-instance` there) and leaves.
if (app.requestSingleInstanceLock()) start();
else app.quit();
