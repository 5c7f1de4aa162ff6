/**
 * End-to-end tests. `web` drives the built app served by `npm run web`'s server in Debian's Chromium;
 * `electron` drives the desktop app with Playwright's `_electron` where an Electron binary exists.
 */
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/chromium';

const port = Number(process.env['TALLINN_DESK_E2E_PORT'] ?? 41731);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env['PLAYWRIGHT_JSON_OUTPUT_FILE'] ?? 'test-results/e2e.json' }],
  ],
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e/web',
      use: {
        baseURL,
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
        viewport: { width: 1280, height: 800 },
        serviceWorkers: 'block',
        trace: 'off',
      },
    },
    { name: 'electron', testDir: 'tests/e2e/electron' },
  ],
  // The same server `npm run web` starts, on the already built app (npm test builds first).
  webServer: {
    command: `node --import tsx scripts/serve-web.ts --port ${port}`,
    url: `${baseURL}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
  },
});
