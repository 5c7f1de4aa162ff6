/**
 * One build for the three parts of the desktop app. It needs no Electron binary: electron-vite only
 * bundles. `npm run web` serves the renderer output as is.
 */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { CSP_NONCE_PLACEHOLDER } from './shared/security/csp';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
const alias = { '@shared': resolve(root, 'shared') };

/**
 * `--mode benchmark` (npm run bench) builds into out-bench/: the benchmark build accepts the vault
 * worker's test-only commands when a page asks for them (vault-worker.ts), so it must never sit where
 * `npm start`, `npm run web` or electron-builder pick up the app (out/).
 */
export default defineConfig(({ mode }) => {
  const out = mode === 'benchmark' ? 'out-bench' : 'out';
  return {
  main: {
    resolve: { alias },
    build: {
      outDir: `${out}/main`,
      // Bundle our own dependencies (zod) into main: the packaged app then carries no node_modules.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: `${out}/preload`,
      // A sandboxed preload cannot load ESM or require anything but `electron`: one CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    html: { cspNonce: CSP_NONCE_PLACEHOLDER },
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, out, 'renderer'),
      emptyOutDir: true,
      // Everything the app needs ships in the build: no CDN, no remote fonts.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
};
});
