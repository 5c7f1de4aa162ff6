/**
 * Two vitest projects: `unit` runs in Node (shared/, electron/ with `electron` mocked, cli/, lint rules);
 * `browser` runs in Debian's Chromium through Playwright (real DOM, IndexedDB, Web Workers, WebAssembly).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import react from '@vitejs/plugin-react';
import { chromiumArgs, chromiumPath } from './tests/chromium';

const root = import.meta.dirname;
const alias = { '@shared': resolve(root, 'shared') };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        plugins: [react()],
        define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
        // Pre-bundled up front: discovered mid-run, Vite reloads the page and the running test file fails.
        optimizeDeps: {
          include: ['dexie', 'hash-wasm', 'tweetnacl', 'age-encryption', 'fflate', '@noble/hashes/blake2.js', '@scure/base', '@scure/bip39', 'canonicalize', 'zod', 'react', 'react-dom/client', '@mantine/core', 'react-router', 'i18next', 'react-i18next', 'zustand'],
        },
        test: {
          name: 'browser',
          // Builds the vault worker once; the vault tests start every worker from that bundle.
          globalSetup: ['tests/browser/vault-worker-bundle.global.ts'],
          include: ['tests/browser/**/*.test.ts', 'tests/browser/**/*.test.tsx'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
