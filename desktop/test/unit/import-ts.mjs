// Imports a renderer .ts module in Node's test runner: TypeScript strips the types (transpileModule, no type
// check; `npm run typecheck` does that) into a temporary directory, relative imports included.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ts = createRequire(import.meta.url)('typescript');
const desktop = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = mkdtempSync(join(tmpdir(), 'torpeddo-unit-'));
const done = new Set();

function emit(file) {
  if (done.has(file)) return;
  done.add(file);
  const source = readFileSync(file, 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: false },
    fileName: file,
  }).outputText.replace(/(from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+)\2/g, (_m, lead, q, spec) => {
    emit(resolve(dirname(file), `${spec}.ts`));
    return `${lead}${q}${spec}.mjs${q}`;
  });
  const target = join(out, relative(desktop, file)).replace(/\.ts$/, '.mjs');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, js);
}

/** `await importTs('src/state/file-tree.ts')`, the path relative to desktop/. */
export async function importTs(path) {
  const file = resolve(desktop, path);
  emit(file);
  return import(pathToFileURL(join(out, relative(desktop, file)).replace(/\.ts$/, '.mjs')).href);
}
