// Development aid: opens the app against a fresh backend and writes screenshots of it in both themes to
// test-output/ (node test/e2e/look.mjs [name]).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { desktopDir, openApp } from './harness.mjs';

const out = join(desktopDir, 'test-output');
mkdirSync(out, { recursive: true });
for (const scheme of ['light', 'dark']) {
  const app = await openApp({ colorScheme: scheme });
  await app.waitConnected();
  await app.page.waitForTimeout(800);
  await app.page.screenshot({ path: join(out, `look-${process.argv[2] ?? 'empty'}-${scheme}.png`) });
  if (app.errors.length) console.error(app.errors);
  await app.close();
}
