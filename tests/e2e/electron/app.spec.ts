/**
 * The desktop app driven through Playwright's `_electron`, on machines that have an Electron binary.
 * Where there is none, `npm test` does not start this project and says so; run directly, every test
 * here reports itself skipped with that reason.
 */
import { resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';

const binary = findElectronBinary();
test.skip(binary === undefined, 'skipped: no Electron binary');

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  app = await electron.launch({
    executablePath: binary ?? '',
    args: [resolve(import.meta.dirname, '../../..')],
    env: Object.fromEntries(
      Object.entries({ ...process.env, TALLINN_DESK_DEVTOOLS: '0' }).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  });
  page = await app.firstWindow();
  await expect(page.locator('h1')).toBeVisible();
});

test.afterAll(async () => {
  await app.close();
});

test('loads the app from app://desk under its CSP', async () => {
  expect(new URL(page.url()).origin).toBe('app://desk');
  const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("script-src 'self'");
});

test('exposes exactly DeskApi and no Node to the page', async () => {
  const surface = await page.evaluate(() => ({
    desk: Object.keys((window as unknown as { desk: object }).desk).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(surface).toEqual({ desk: ['appInfo', 'onLockNow', 'openFiles', 'print', 'saveFiles', 'setIdleLock'], require: 'undefined', process: 'undefined' });
  const info = await page.evaluate(() => (window as unknown as { desk: { appInfo(): Promise<{ platform: string }> } }).desk.appInfo());
  expect(info.platform).toBe('electron');
});

test('refuses navigation away from the app and new windows', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  await page.waitForTimeout(500);
  expect(new URL(page.url()).origin).toBe('app://desk');
  await page.evaluate(() => window.open('https://example.org/'));
  await page.waitForTimeout(500);
  expect(app.windows()).toHaveLength(1);
});

test('cancels requests to the network', async () => {
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://example.org/');
      return 'reached';
    } catch {
      return 'blocked';
    }
  });
  expect(outcome).toBe('blocked');
});
