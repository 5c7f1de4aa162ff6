/**
 * Builds the `tallinn-desk` command line into one ES module (out/cli/tallinn-desk.mjs). It runs from
 * `npm ci` (the `prepare` script), so `npx tallinn-desk` works on a fresh clone; packages stay external
 * and resolve from node_modules.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root,
  resolve: { alias: { '@shared': resolve(root, 'shared') } },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: resolve(root, 'cli/src/main.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: { output: { entryFileNames: 'tallinn-desk.mjs', format: 'es' } },
  },
});
