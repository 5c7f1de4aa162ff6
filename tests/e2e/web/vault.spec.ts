/**
 * The vault end to end (issue 3), with the real worker (Argon2id, sealing, IndexedDB) under the app's
 * CSP: first-run set-up, idle lock on a fast-forwarded clock, unlock, a wrong passphrase, and recovery,
 * in English and Ukrainian, never leaving the origin and never breaking the policy.
 */
import type { Page } from '@playwright/test';
import { createVault, E2E_PASSPHRASE, expect, SETUP_TEXT, test } from './fixtures';

const UNLOCK = {
  en: {
    title: 'Unlock the vault',
    passphrase: 'Passphrase',
    submit: 'Unlock',
    wrong: 'Wrong passphrase. Check the keyboard layout and Caps Lock, then try again.',
    failures: 'Failed attempts since the last unlock: 1',
  },
  uk: {
    title: 'Розблокуйте сховище',
    passphrase: 'Парольна фраза',
    submit: 'Розблокувати',
    wrong: 'Неправильна парольна фраза. Перевірте розкладку клавіатури та Caps Lock і спробуйте ще раз.',
    failures: 'Невдалих спроб від останнього розблокування: 1',
  },
} as const;

async function unlock(page: Page, language: 'en' | 'uk', passphrase: string): Promise<void> {
  const text = UNLOCK[language];
  await page.getByLabel(text.passphrase, { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: text.submit, exact: true }).click();
}

async function chooseLanguage(page: Page, language: 'en' | 'uk'): Promise<void> {
  await page.getByRole('radio', { name: language === 'uk' ? 'Українська' : 'English' }).check({ force: true });
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

for (const language of ['en', 'uk'] as const) {
  const text = UNLOCK[language];
  const setup = SETUP_TEXT[language];

  test(`first-run set-up shows the fingerprint and the recovery sheet (${language})`, async ({ page, walls }, testInfo) => {
    await page.goto('/index.html');
    const created = await createVault(page, {
      language,
      onSheet: async () => {
        await page.screenshot({ path: testInfo.outputPath(`setup-sheet-${language}.png`), fullPage: true });
      },
    });
    expect(created.fingerprint).toHaveLength(8);
    for (const group of created.fingerprint) expect(group).toMatch(/^[0-9]{5}$/u);
    expect(created.recoveryWords).toHaveLength(24);
    for (const word of created.recoveryWords) expect(word).toMatch(/^[a-z]{3,8}$/u);
    await expect(page.locator('h1')).toHaveText(setup.dashboard);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    // The words are gone from the page once the sheet is confirmed.
    for (const word of new Set(created.recoveryWords)) await expect(page.getByText(word, { exact: true })).toHaveCount(0);
    await testInfo.attach(`setup-sheet-${language}`, { path: testInfo.outputPath(`setup-sheet-${language}.png`), contentType: 'image/png' });
    expect(walls.foreignRequests).toEqual([]);
    expect(await walls.violations()).toEqual([]);
  });

  test(`locks after the idle time, refuses a wrong passphrase and unlocks (${language})`, async ({ page, walls }, testInfo) => {
    await page.clock.install();
    await page.goto('/index.html#/settings');
    await createVault(page, { language });

    const idle = language === 'uk' ? 'Блокувати після стількох хвилин без дій' : 'Lock after this many minutes without input';
    await page.getByRole('textbox', { name: idle }).fill('1');
    await page.getByRole('button', { name: language === 'uk' ? 'Зберегти' : 'Save', exact: true }).click();
    await expect(page.getByText(language === 'uk' ? 'Збережено: сховище блокується після 1 хв без дій.' : 'Saved: the vault locks after 1 min without input.')).toBeVisible();

    await page.clock.fastForward('00:30');
    await expect(page.locator('h1')).toHaveText(language === 'uk' ? 'Налаштування' : 'Settings');
    await page.clock.fastForward('00:31');
    // Locked: the page reloaded, so the unlock screen starts in the system language (English here).
    await expect(page.locator('h1')).toHaveText(UNLOCK.en.title);
    if (language === 'uk') await chooseLanguage(page, 'uk');
    await expect(page.locator('h1')).toHaveText(text.title);
    await page.screenshot({ path: testInfo.outputPath(`unlock-${language}.png`), fullPage: true });

    await unlock(page, language, 'not the passphrase at all');
    await expect(page.getByRole('alert')).toHaveText(text.wrong);
    await expect(page.getByText(text.failures)).toBeVisible();
    await expect(page.getByLabel(text.passphrase, { exact: true })).toHaveValue('');
    await page.screenshot({ path: testInfo.outputPath(`unlock-wrong-${language}.png`), fullPage: true });

    await unlock(page, language, E2E_PASSPHRASE);
    await expect(page.locator('h1')).toHaveText(language === 'uk' ? 'Налаштування' : 'Settings', { timeout: 30_000 });
    // The settings came back out of the vault: the idle time and the language.
    await expect(page.getByRole('textbox', { name: idle })).toHaveValue('1');
    await expect(page.locator('html')).toHaveAttribute('lang', language);

    // The audit log recorded the failure and the lock.
    await page.getByRole('navigation').getByRole('link', { name: language === 'uk' ? 'Журнал аудиту' : 'Audit log' }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('cell', { name: language === 'uk' ? 'Заблоковано' : 'Locked', exact: true })).toBeVisible();
    await expect(table.getByRole('cell', { name: language === 'uk' ? 'Невдала спроба розблокування' : 'Failed unlock attempt' })).toBeVisible();
    await expect(page.getByText(language === 'uk' ? 'Ланцюжок геш-сум цілий' : 'Hash chain intact')).toBeVisible();

    for (const name of [`unlock-${language}`, `unlock-wrong-${language}`]) {
      await testInfo.attach(name, { path: testInfo.outputPath(`${name}.png`), contentType: 'image/png' });
    }
    expect(walls.foreignRequests).toEqual([]);
    expect(await walls.violations()).toEqual([]);
  });
}

test('locks from the header and with Ctrl+L, and unlocks again', async ({ page, walls }) => {
  await page.goto('/index.html#/needs');
  await createVault(page);
  await expect(page.locator('h1')).toHaveText('Needs');
  await page.getByRole('button', { name: 'Lock the vault' }).click();
  await expect(page.locator('h1')).toHaveText(UNLOCK.en.title);
  await unlock(page, 'en', E2E_PASSPHRASE);
  await expect(page.locator('h1')).toHaveText('Needs', { timeout: 30_000 });

  await page.keyboard.press('Control+KeyL');
  await expect(page.locator('h1')).toHaveText(UNLOCK.en.title);
  expect(await walls.violations()).toEqual([]);
});

test('unlocks with the recovery words and a new passphrase', async ({ page, walls }) => {
  await page.goto('/index.html');
  const { recoveryWords } = await createVault(page);
  await page.getByRole('button', { name: 'Lock the vault' }).click();
  await expect(page.locator('h1')).toHaveText(UNLOCK.en.title);

  await page.getByRole('button', { name: 'Forgot the passphrase? Use the recovery words' }).click();
  const words = page.getByRole('textbox', { name: 'Recovery words' });
  await words.fill(recoveryWords.slice(0, 23).join(' '));
  const newPassphrase = 'Riga lighthouse 4 blue herons?';
  await page.getByLabel('New passphrase', { exact: true }).fill(newPassphrase);
  await page.getByLabel('Repeat the new passphrase', { exact: true }).fill(newPassphrase);
  await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
  await expect(page.getByText('The recovery sheet has 24 words; 23 were entered.')).toBeVisible();

  await words.fill(recoveryWords.map((word, index) => `${index + 1}. ${word}`).join('\n'));
  await page.getByRole('button', { name: 'Unlock and set the new passphrase' }).click();
  await expect(page.locator('h1')).toHaveText('Dashboard', { timeout: 30_000 });

  await page.getByRole('button', { name: 'Lock the vault' }).click();
  await unlock(page, 'en', E2E_PASSPHRASE);
  await expect(page.getByRole('alert')).toHaveText(UNLOCK.en.wrong, { timeout: 30_000 });
  await unlock(page, 'en', newPassphrase);
  await expect(page.locator('h1')).toHaveText('Dashboard', { timeout: 30_000 });
  expect(await walls.violations()).toEqual([]);
});

test('shows that headless Chromium did not grant persistent storage', async ({ page }) => {
  await page.goto('/index.html#/settings');
  await createVault(page);
  await expect(page.locator('[data-storage-persisted]')).toHaveText('Not granted');
});
