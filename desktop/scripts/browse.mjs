// The renderer in a visible Chromium window against a real backend, for working on the UI where there is no
// Electron binary: the test harness's host (window.torpeddo over a Playwright binding), headed. Native dialogs
// have no implementation here: the Add button's file dialog answers nothing; drop or paste instead.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../test/e2e/harness.mjs';

const stateDir = process.env.TORPEDDO_BROWSE_STATE ?? join(homedir(), '.local', 'share', 'torpeddo-browse');
mkdirSync(stateDir, { recursive: true });
const app = await openApp({ headless: false, stateDir, viewport: null, colorScheme: null });
console.error(`torpeddo: renderer open in Chromium, state in ${stateDir}; close the window to stop`);
app.page.on('close', () => void app.close().then(() => process.exit(0)));
process.on('SIGINT', () => void app.close().then(() => process.exit(0)));
