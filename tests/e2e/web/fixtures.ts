/**
 * Fixtures for the web platform: every page records requests that leave the app's origin (and aborts
 * them) and every CSP / Trusted Types violation, so any test can assert that the app stayed inside its
 * walls. Every test starts with an empty vault (a fresh browser context has an empty IndexedDB);
 * `createVault` goes through the first-run set-up with the real vault worker, as a delegate would.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

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

/**
 * Raises the walls around one browser context: every request that leaves the app's origin is recorded
 * and aborted, CSP / Trusted Types violations and console errors of `page` are collected (console lines
 * prefixed with `label` when several profiles share a test).
 */
export async function raiseWalls(context: BrowserContext, page: Page, baseURL: string, label = ''): Promise<Walls> {
  const origin = new URL(baseURL).origin;
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
    } else {
      foreignRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(label === '' ? message.text() : `${label}: ${message.text()}`);
  });
  return {
    foreignRequests,
    consoleErrors,
    violations: () => page.evaluate(() => window.__cspViolations ?? []),
  };
}

export const test = base.extend<{ walls: Walls }>({
  walls: async ({ page, baseURL }, use) => {
    await use(await raiseWalls(page.context(), page, baseURL ?? 'http://127.0.0.1'));
  },
});

export { expect };

/** The sections of the navigation frame, in order, with their English and Ukrainian headings. */
export const SECTIONS = [
  { path: '/', en: 'Dashboard', uk: 'Панель' },
  { path: '/needs', en: 'Needs', uk: 'Потреби' },
  { path: '/offers', en: 'Offers', uk: 'Пропозиції' },
  { path: '/notes', en: 'Notes', uk: 'Нотатки' },
  { path: '/exchange', en: 'Exchange', uk: 'Обмін' },
  { path: '/conflicts', en: 'Conflicts', uk: 'Конфлікти' },
  { path: '/delegations', en: 'Delegations', uk: 'Делегації' },
  { path: '/audit', en: 'Audit log', uk: 'Журнал аудиту' },
  { path: '/settings', en: 'Settings', uk: 'Налаштування' },
  { path: '/about', en: 'About', uk: 'Про програму' },
] as const;

export const E2E_PASSPHRASE = 'Tallinn harbour 7 grey gulls!';

/** What the set-up screens say, in each language. */
export const SETUP_TEXT = {
  en: {
    title: 'Set up Tallinn Desk on this workstation',
    name: 'Delegation name',
    country: 'Country',
    next: 'Next',
    passphrase: 'Passphrase',
    confirm: 'Repeat the passphrase',
    create: 'Create the vault',
    sheetStep: 'Fingerprint and recovery sheet',
    sheet: 'Recovery sheet — Tallinn Desk',
    recoveryWords: 'Recovery words, 24 words',
    confirmed: 'I have printed or written down the recovery sheet',
    continue: 'Continue to Tallinn Desk',
    dashboard: 'Dashboard',
  },
  uk: {
    title: 'Налаштування Tallinn Desk на цій робочій станції',
    name: 'Назва делегації',
    country: 'Країна',
    next: 'Далі',
    passphrase: 'Парольна фраза',
    confirm: 'Повторіть парольну фразу',
    create: 'Створити сховище',
    sheetStep: 'Відбиток і аркуш відновлення',
    sheet: 'Аркуш відновлення — Tallinn Desk',
    recoveryWords: 'Слова відновлення, 24 слова',
    confirmed: 'Аркуш відновлення надруковано або переписано від руки',
    continue: 'Перейти до Tallinn Desk',
    dashboard: 'Панель',
  },
} as const;

export interface CreateVaultOptions {
  readonly language?: 'en' | 'uk';
  readonly name?: string;
  /** The country as named in the chosen language. */
  readonly country?: string;
  /** The role as labelled in the chosen language. */
  readonly role?: string;
  readonly passphrase?: string;
  /** Called on the passphrase step once both fields are filled in, before the vault is created. */
  readonly onPassphraseStep?: () => Promise<void>;
  /** Called on the recovery-sheet step, before it is confirmed (screenshots, axe, reading the words). */
  readonly onSheet?: () => Promise<void>;
}

export interface CreatedVault {
  /** The 24 recovery words as the sheet showed them. */
  readonly recoveryWords: string[];
  readonly fingerprint: string[];
}

/**
 * Completes the first-run set-up through the UI on a page showing it (the real worker derives the keys),
 * in the language asked for, and waits until the app is open.
 */
export async function createVault(page: Page, options: CreateVaultOptions = {}): Promise<CreatedVault> {
  const language = options.language ?? 'en';
  const text = SETUP_TEXT[language];
  const anySetupTitle = new RegExp(`^(?:${SETUP_TEXT.en.title}|${SETUP_TEXT.uk.title})$`, 'u');
  await expect(page.locator('h1')).toHaveText(anySetupTitle, { timeout: 30_000 });
  if ((await page.locator('html').getAttribute('lang')) !== language) {
    await page.getByRole('radio', { name: language === 'uk' ? 'Українська' : 'English' }).check({ force: true });
  }
  await expect(page.locator('h1')).toHaveText(text.title);
  await page.getByRole('textbox', { name: text.name }).fill(options.name ?? (language === 'uk' ? 'Україна — ДССЗЗІ' : 'Estonia — Ministry of Foreign Affairs'));
  await page.getByRole('combobox', { name: text.country }).click();
  await page.getByRole('option', { name: options.country ?? (language === 'uk' ? 'Україна' : 'Estonia'), exact: true }).click();
  await page.getByRole('radio', { name: options.role ?? (language === 'uk' ? 'Бенефіціар' : 'Partner') }).check();
  await page.getByRole('button', { name: text.next }).click();
  const passphrase = options.passphrase ?? E2E_PASSPHRASE;
  await page.getByLabel(text.passphrase, { exact: true }).fill(passphrase);
  await page.getByLabel(text.confirm, { exact: true }).fill(passphrase);
  await options.onPassphraseStep?.();
  await page.getByRole('button', { name: text.create }).click();
  // Argon2id calibration and key generation take a few seconds.
  await expect(page.getByRole('heading', { level: 2, name: text.sheetStep })).toBeVisible({ timeout: 60_000 });
  const sheet = page.getByRole('region', { name: text.sheet });
  await expect(sheet).toBeVisible();
  const recoveryWords = (await sheet.getByRole('list', { name: text.recoveryWords }).getByRole('listitem').allTextContents()).map((item) =>
    item.replace(/^\d+\.\s*/u, ''),
  );
  const fingerprint = await page.locator('.td-fingerprint li').allTextContents();
  await options.onSheet?.();
  await page.getByRole('checkbox', { name: text.confirmed }).check();
  await page.getByRole('button', { name: text.continue }).click();
  await expect(page.locator('h1')).toBeVisible();
  await expect(sheet).toHaveCount(0);
  return { recoveryWords, fingerprint };
}

/** Opens the app at `hashPath` on a fresh vault: set-up first (in English), then the page. */
export async function openApp(page: Page, hashPath = '/'): Promise<void> {
  await page.goto(`/index.html#${hashPath}`);
  await createVault(page);
  await expect(page.locator('h1')).toBeVisible();
}
