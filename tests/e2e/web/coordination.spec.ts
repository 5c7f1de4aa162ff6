/**
 * Coordination end to end (issue #5), with the real vault worker under the app's CSP, as a partner
 * delegation on the demo data: load the demo picture from Settings, find an uncovered need with the
 * filters, make an offer against it, allocate it, record a delivery, and see the need's coverage and
 * the dashboard change; then search and filter the lists. In English and in Ukrainian.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createVault, expect, test } from './fixtures';

/** axe-core on the page as it is: no serious or critical WCAG 2.1 AA violation. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, where).toEqual([]);
}

const TEXT = {
  en: {
    vault: { name: 'Estonia — Ministry of Foreign Affairs', country: 'Estonia', role: 'Partner' },
    nav: { dashboard: 'Dashboard', needs: 'Needs', offers: 'Offers', settings: 'Settings', delegations: 'Delegations' },
    loadDemo: 'Load the demo data',
    demoLoaded: /^Demo data loaded: \d+ records/u,
    coverage: 'Coverage',
    uncovered: 'Not covered',
    status: 'Status',
    open: 'Open',
    needsShown: /^Needs shown: (\d[\d,]*) of (\d[\d,]*)$/u,
    offersShown: /^Offers shown: (\d[\d,]*) of (\d[\d,]*)$/u,
    search: 'Search',
    makeOffer: 'Make an offer for this need',
    offerForm: 'New offer',
    title: 'Title',
    quantity: 'Quantity',
    amount: 'Amount',
    create: 'Make the offer',
    allocation: 'Allocation',
    allocatedQuantity: /^Quantity allocated/u,
    allocate: 'Allocate',
    allocated: /^Allocated: 5 .* of 5 .* · delivered: 0 /u,
    recordDelivery: 'Record a delivery',
    deliveryForm: 'Record a delivery',
    deliveredQuantity: /^Quantity delivered/u,
    submitDelivery: 'Record the delivery',
    deliveryRecorded: /^Delivery of 2 .* recorded\.$/u,
    afterDelivery: /^Allocated: 5 .* of 5 .* · delivered: 2 /u,
    offersCount: /^Offers: (\d[\d,]*)$/u,
    deliveriesCount: /^Deliveries: (\d[\d,]*)$/u,
    offerTitle: 'E2E satellite terminals from Tallinn',
    sector: 'Sector',
    energy: 'Energy',
    demoVerified: 'Demo data: not checked',
    yours: 'Your delegation',
  },
  uk: {
    vault: { name: 'Естонія — Міністерство закордонних справ', country: 'Естонія', role: 'Партнер' },
    nav: { dashboard: 'Панель', needs: 'Потреби', offers: 'Пропозиції', settings: 'Налаштування', delegations: 'Делегації' },
    loadDemo: 'Завантажити демонстраційні дані',
    demoLoaded: /^Демонстраційні дані завантажено: записів — \d+/u,
    coverage: 'Покриття',
    uncovered: 'Не покрито',
    status: 'Статус',
    open: 'Відкрито',
    needsShown: /^Показано потреб: (\d[\d\s]*) з (\d[\d\s]*)$/u,
    offersShown: /^Показано пропозицій: (\d[\d\s]*) з (\d[\d\s]*)$/u,
    search: 'Пошук',
    makeOffer: 'Зробити пропозицію для цієї потреби',
    offerForm: 'Нова пропозиція',
    title: 'Назва',
    quantity: 'Кількість',
    amount: 'Сума',
    create: 'Зробити пропозицію',
    allocation: 'Розподіл',
    allocatedQuantity: /^Розподілена кількість/u,
    allocate: 'Розподілити',
    allocated: /^Розподілено: 5 .* з 5 .* · поставлено: 0 /u,
    recordDelivery: 'Зареєструвати постачання',
    deliveryForm: 'Зареєструвати постачання',
    deliveredQuantity: /^Поставлена кількість/u,
    submitDelivery: 'Зареєструвати це постачання',
    deliveryRecorded: /^Постачання 2 .* зареєстровано\.$/u,
    afterDelivery: /^Розподілено: 5 .* з 5 .* · поставлено: 2 /u,
    offersCount: /^Пропозицій: (\d[\d\s]*)$/u,
    deliveriesCount: /^Постачань: (\d[\d\s]*)$/u,
    offerTitle: 'E2E супутникові термінали з Таллінна',
    sector: 'Сектор',
    energy: 'Енергетика',
    demoVerified: 'Демонстраційні дані: не перевірено',
    yours: 'Ваша делегація',
  },
} as const;

type Text = (typeof TEXT)[keyof typeof TEXT];

const number = (text: string | null): number => Number((text ?? '').replace(/[^\d]/gu, ''));

async function go(page: Page, text: Text, section: keyof Text['nav']): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: text.nav[section], exact: true }).click();
  await expect(page.locator('h1')).toHaveText(text.nav[section]);
}

/** The figures the dashboard shows (the links behind "Offers: N" and "Deliveries: N"). */
async function dashboardCounts(page: Page, text: Text): Promise<{ offers: number; deliveries: number }> {
  const offers = page.locator('[data-figure="total.offers"]');
  const deliveries = page.locator('[data-figure="total.deliveries"]');
  await expect(offers).toHaveText(text.offersCount);
  await expect(deliveries).toHaveText(text.deliveriesCount);
  return { offers: number(await offers.textContent()), deliveries: number(await deliveries.textContent()) };
}

async function chooseOption(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

for (const language of ['en', 'uk'] as const) {
  const text = TEXT[language];

  test(`a partner makes an offer against a demo need, allocates it and records a delivery (${language})`, async ({ page, walls }, testInfo) => {
    test.setTimeout(180_000);
    await page.goto('/index.html');
    await createVault(page, { language, name: text.vault.name, country: text.vault.country, role: text.vault.role });

    // Demo data, from Settings, on the empty vault.
    await go(page, text, 'settings');
    await page.getByRole('button', { name: text.loadDemo }).click();
    await expect(page.getByText(text.demoLoaded)).toBeVisible({ timeout: 90_000 });
    await go(page, text, 'delegations');
    await expect(page.locator('tr[data-local]')).toContainText(text.yours);
    await expect(page.getByText(text.demoVerified).first()).toBeVisible();
    await expectAccessible(page, `delegations (${language})`);

    await go(page, text, 'dashboard');
    const before = await dashboardCounts(page, text);
    expect(before.offers).toBeGreaterThan(0);
    await expectAccessible(page, `dashboard with demo data (${language})`);

    // An open need nobody covers yet, found with the filters, opened with the keyboard.
    await go(page, text, 'needs');
    const count = page.locator('[role="status"][data-result-count]');
    await expect(count).toHaveText(text.needsShown);
    const unfiltered = (await count.textContent()) ?? '';
    await chooseOption(page, text.coverage, text.uncovered);
    await chooseOption(page, text.status, text.open);
    await expect(page).toHaveURL(/coverage=uncovered/u);
    await expect(page).toHaveURL(/status=open/u);
    await expect(count).not.toHaveText(unfiltered);
    await expectAccessible(page, `filtered needs (${language})`);
    await page.screenshot({ path: testInfo.outputPath(`needs-${language}.png`) });
    const firstRow = page.locator('tbody tr[data-record]').first();
    const needTitle = (await firstRow.locator('td').first().textContent()) ?? '';
    expect(needTitle).not.toBe('');
    await firstRow.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('h1')).toHaveText(needTitle);
    await expect(page.locator('[data-coverage-summary]')).toHaveAttribute('data-coverage-summary', 'uncovered');
    await expectAccessible(page, `need page (${language})`);

    // The offer, made from the need: category and unit come from it.
    await page.getByRole('link', { name: text.makeOffer }).click();
    const offerForm = page.getByRole('form', { name: text.offerForm });
    await expectAccessible(page, `offer form (${language})`);
    await offerForm.getByRole('textbox', { name: text.title, exact: true }).fill(text.offerTitle);
    await offerForm.getByRole('textbox', { name: text.quantity, exact: true }).fill('5');
    await offerForm.getByRole('textbox', { name: text.amount, exact: true }).fill('5000');
    await offerForm.getByRole('button', { name: text.create }).click();
    await expect(page.locator('h1')).toHaveText(text.offerTitle);

    // Allocated to the need it was made for.
    const allocation = page.getByRole('form', { name: text.allocation });
    await expect(allocation).toBeVisible();
    await expectAccessible(page, `offer page, allocating (${language})`);
    await allocation.getByRole('textbox', { name: text.allocatedQuantity }).fill('5');
    await allocation.getByRole('button', { name: text.allocate, exact: true }).click();
    await expect(page.locator('[data-offer-coverage]')).toHaveText(text.allocated);

    // A delivery of part of it.
    await page.locator('[data-actions]').getByRole('button', { name: text.recordDelivery }).click();
    const delivery = page.getByRole('form', { name: text.deliveryForm });
    await delivery.getByRole('textbox', { name: text.deliveredQuantity }).fill('2');
    await delivery.getByRole('button', { name: text.submitDelivery }).click();
    await expect(delivery.getByText(text.deliveryRecorded)).toBeVisible();
    await expect(page.locator('[data-offer-coverage]')).toHaveText(text.afterDelivery);
    await expect(page.locator('[data-deliveries] tr[data-delivery]')).toHaveCount(1);
    await expectAccessible(page, `offer page, delivered (${language})`);

    // The need's coverage follows.
    await page.locator('[data-allocations]').getByRole('link', { name: needTitle }).click();
    await expect(page.locator('h1')).toHaveText(needTitle);
    await expect(page.locator('[data-coverage-summary]')).not.toHaveAttribute('data-coverage-summary', 'uncovered');
    await expect(page.locator('[data-field="delivered"] dd')).toContainText('2');
    await expect(page.locator('[data-need-allocations]')).toContainText(text.offerTitle);
    await page.screenshot({ path: testInfo.outputPath(`need-${language}.png`), fullPage: true });

    // And the dashboard.
    await go(page, text, 'dashboard');
    const after = await dashboardCounts(page, text);
    expect(after).toEqual({ offers: before.offers + 1, deliveries: before.deliveries + 1 });
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${language}.png`), fullPage: true });

    // Search and filters on the lists.
    await go(page, text, 'offers');
    const offersCount = page.locator('[role="status"][data-result-count]');
    await page.getByRole('searchbox', { name: text.search }).fill(text.offerTitle.slice(0, 14).toLowerCase());
    await expect(offersCount).toHaveText(text.offersShown);
    await expect(page.locator('tbody tr[data-record]')).toHaveCount(1);
    await expect(page.locator('tbody tr[data-record]').first()).toContainText(text.offerTitle);
    await go(page, text, 'needs');
    await chooseOption(page, text.sector, text.energy);
    await expect(page).toHaveURL(/sector=energy/u);
    const energyRows = page.locator('tbody tr[data-record]');
    await expect(energyRows.first()).toBeVisible();
    await expect(page.locator('[role="status"][data-result-count]')).toHaveText(text.needsShown);

    await testInfo.attach(`needs-${language}`, { path: testInfo.outputPath(`needs-${language}.png`), contentType: 'image/png' });
    await testInfo.attach(`need-${language}`, { path: testInfo.outputPath(`need-${language}.png`), contentType: 'image/png' });
    await testInfo.attach(`dashboard-${language}`, { path: testInfo.outputPath(`dashboard-${language}.png`), contentType: 'image/png' });
    expect(walls.foreignRequests).toEqual([]);
    expect(await walls.violations()).toEqual([]);
    expect(walls.consoleErrors).toEqual([]);
  });
}
