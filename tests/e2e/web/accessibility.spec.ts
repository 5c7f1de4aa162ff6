/**
 * axe-core scans of every section in both languages and both themes: no serious or critical
 * violations. Delegations include people who work with a keyboard or a screen reader.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SECTIONS, expect, openApp, test } from './fixtures';

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
