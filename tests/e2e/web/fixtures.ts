/**
 * Fixtures for the web platform: every page records requests that leave the app's origin (and aborts
 * them) and every CSP / Trusted Types violation, so any test can assert that the app stayed inside its
 * walls.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface Walls {
  /** URLs the page tried to reach outside the app's origin (aborted). */
  foreignRequests: string[];
  /** Content-Security-Policy or Trusted Types violations seen by the page. */
  violations: () => Promise<string[]>;
  consoleErrors: string[];
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

export const test = base.extend<{ walls: Walls }>({
  walls: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
    const foreignRequests: string[] = [];
    const consoleErrors: string[] = [];
    await page.context().route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) {
        await route.continue();
      } else {
        foreignRequests.push(url);
        await route.abort('blockedbyclient');
      }
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await use({
      foreignRequests,
      consoleErrors,
      violations: () => page.evaluate(() => window.__cspViolations ?? []),
    });
  },
});

export { expect };

/** The sections of the navigation frame, in order, with their English and Ukrainian headings. */
export const SECTIONS = [
  { path: '/', en: 'Dashboard', uk: 'Панель' },
  { path: '/needs', en: 'Needs', uk: 'Потреби' },
  { path: '/offers', en: 'Offers', uk: 'Пропозиції' },
  { path: '/exchange', en: 'Exchange', uk: 'Обмін' },
  { path: '/delegations', en: 'Delegations', uk: 'Делегації' },
  { path: '/audit', en: 'Audit log', uk: 'Журнал аудиту' },
  { path: '/settings', en: 'Settings', uk: 'Налаштування' },
  { path: '/about', en: 'About', uk: 'Про програму' },
] as const;

export async function openApp(page: Page, hashPath = '/'): Promise<void> {
  await page.goto(`/index.html#${hashPath}`);
  await expect(page.locator('h1')).toBeVisible();
}
