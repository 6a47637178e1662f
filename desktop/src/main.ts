// The renderer's entry: one AppState over window.torpeddo, one <tp-app> given it before it connects.
import { AppState } from './state/app-state';
import './ui/app-shell';
import type { AppShell } from './ui/app-shell';

const app = new AppState(window.torpeddo);
const shell = document.createElement('tp-app') as AppShell;
shell.app = app;
document.body.append(shell);
app.start();
