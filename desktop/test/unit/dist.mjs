// Loads a compiled main-process module (dist-electron/<name>.js, CommonJS) into a test.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const desktopDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(desktopDir, 'dist-electron');
const require = createRequire(import.meta.url);

export function load(name) {
  const file = join(distDir, `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:electron\` first`);
  return require(file);
}
