/**
 * axe-core scans of every section, and of the set-up and unlock screens, in both languages and both
 * themes: no serious or critical violations. Delegations include people who work with a keyboard or a
 * screen reader.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SECTIONS, createVault, E2E_PASSPHRASE, expect, openApp, test } from './fixtures';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const language of ['en', 'uk'] as const) {
  test(`every section passes axe in ${language}`, async ({ page }) => {
    await openApp(page);
    if (language === 'uk') await page.getByRole('radio', { name: 'Українська' }).check({ force: true });
    for (const section of SECTIONS) {
      await page.getByRole('navigation').getByRole('link', { name: section[language], exact: true }).click();
      await expect(page.locator('h1')).toHaveText(section[language]);
      expect(await seriousViolations(page), `${section.path} in ${language}`).toEqual([]);
    }
  });
}

test('the dark theme passes axe', async ({ page }) => {
  await openApp(page, '/about');
  await page.getByRole('button', { name: /dark theme/iu }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect(await seriousViolations(page)).toEqual([]);
});

for (const language of ['en', 'uk'] as const) {
  test(`the set-up and unlock screens pass axe in ${language}`, async ({ page }) => {
    const uk = language === 'uk';
    await page.goto('/index.html');
    await expect(page.locator('h1')).toBeVisible();
    if (uk) await page.getByRole('radio', { name: 'Українська' }).check({ force: true });
    // Step 1 with every field's error shown.
    await page.getByRole('button', { name: uk ? 'Далі' : 'Next' }).click();
    await expect(page.getByText(uk ? 'Оберіть країну.' : 'Choose the country.')).toBeVisible();
    expect(await seriousViolations(page), `set-up step 1 in ${language}`).toEqual([]);
    await createVault(page, {
      language,
      onPassphraseStep: async () => {
        expect(await seriousViolations(page), `set-up step 2 in ${language}`).toEqual([]);
      },
      onSheet: async () => {
        expect(await seriousViolations(page), `set-up step 3 in ${language}`).toEqual([]);
      },
    });

    await page.getByRole('button', { name: uk ? 'Заблокувати сховище' : 'Lock the vault' }).click();
    await expect(page.locator('h1')).toHaveText('Unlock the vault');
    if (uk) await page.getByRole('radio', { name: 'Українська' }).check({ force: true });
    const passphrase = page.getByLabel(uk ? 'Парольна фраза' : 'Passphrase', { exact: true });
    await passphrase.fill('not the passphrase');
    await page.getByRole('button', { name: uk ? 'Розблокувати' : 'Unlock', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    expect(await seriousViolations(page), `unlock in ${language}`).toEqual([]);

    await page.getByRole('button', { name: uk ? 'Забули парольну фразу? Використати слова відновлення' : 'Forgot the passphrase? Use the recovery words' }).click();
    await page.getByRole('button', { name: uk ? 'Розблокувати й встановити нову парольну фразу' : 'Unlock and set the new passphrase' }).click();
    await expect(page.getByText(uk ? 'Введіть 24 слова відновлення.' : 'Enter the 24 recovery words.')).toBeVisible();
    expect(await seriousViolations(page), `recovery in ${language}`).toEqual([]);

    await page.getByRole('button', { name: uk ? 'Повернутися до парольної фрази' : 'Back to the passphrase' }).click();
    await page.getByLabel(uk ? 'Парольна фраза' : 'Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
    await page.getByRole('button', { name: uk ? 'Розблокувати' : 'Unlock', exact: true }).click();
    await expect(page.locator('h1')).toHaveText(uk ? 'Панель' : 'Dashboard', { timeout: 30_000 });
  });
}

test('the set-up passes axe in the dark theme', async ({ page }) => {
  await page.goto('/index.html');
  await page.getByRole('button', { name: /dark theme/iu }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Choose the country.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await createVault(page, {
    onSheet: async () => {
      expect(await seriousViolations(page)).toEqual([]);
    },
  });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
  expect(await seriousViolations(page)).toEqual([]);
});
