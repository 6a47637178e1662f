// The tray icon's menu, as a plain template (no Electron here, so it is tested as data): show the window, pause
// or resume every torrent, reconnect once the backend was given up on, quit. Pausing and resuming need the
// backend, so they wait for it to be connected.
export interface TrayMenuActions {
  /** The backend is connected. */
  connected: boolean;
  /** The backend failed for good (it kept dying, or speaks another protocol). */
  failed: boolean;
  show(): void;
  pauseAll(): void;
  resumeAll(): void;
  retry(): void;
  quit(): void;
}

export interface TrayMenuItem {
  label?: string;
  type?: 'separator';
  enabled?: boolean;
  visible?: boolean;
  click?: () => void;
}

export function trayMenuTemplate(actions: TrayMenuActions): TrayMenuItem[] {
  return [
    { label: 'Show Torpeddo', click: actions.show },
    { type: 'separator' },
    { label: 'Pause all', enabled: actions.connected, click: actions.pauseAll },
    { label: 'Resume all', enabled: actions.connected, click: actions.resumeAll },
    { label: 'Restart the backend', visible: actions.failed, click: actions.retry },
    { type: 'separator' },
    { label: 'Quit Torpeddo', click: actions.quit },
  ];
}
