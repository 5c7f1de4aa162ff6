/**
 * The dashboard (issue #5) on the demo picture: totals in EUR, coverage by sector and category, offers
 * by partner, critical needs, deconfliction warnings; every figure is a link to exactly the records
 * behind it; the compute time is exposed for `npm run bench`; and it is all in Ukrainian too.
 */
import { computeDashboard } from '@shared/domain/dashboard';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { demoVault, recordsOf, TODAY } from './coordination';
import type { FakeVault } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';
import { createFakeClock } from './fake-clock';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

function expected(vault: FakeVault) {
  return computeDashboard(
    { needs: recordsOf(vault, 'need'), offers: recordsOf(vault, 'offer'), deliveries: recordsOf(vault, 'delivery'), acceptances: recordsOf(vault, 'acceptance') },
    { today: TODAY },
  );
}

const figure = (path: string) => document.querySelector<HTMLAnchorElement>(`[data-figure="${path}"]`);
const resultCount = () => Number(document.querySelector('[data-result-count]')?.getAttribute('data-result-count') ?? -1);

describe('the dashboard', () => {
  it('shows the totals and every figure leads to exactly its records', async () => {
    const vault = await demoVault();
    const dashboard = expected(vault);
    const { router } = renderApp({ vault, clock: createFakeClock(Date.parse(`${TODAY}T10:00:00Z`)) });
    await expect.element(heading()).toHaveTextContent('Dashboard');
    await expect.poll(() => document.documentElement.dataset['dashboardMs']).toMatch(/^\d+(\.\d)?$/u);
    expect(document.documentElement.dataset['dashboardRecords']).toBe(String(vault.records.size));

    const pledged = figure('total.pledged');
    expect(pledged?.getAttribute('aria-label')).toMatch(/^Pledged: €[\d,.]+, show the records$/u);
    expect(dashboard.totals.pledged.records.length).toBeGreaterThan(0);
    await userEvent.click(pledged as HTMLAnchorElement);
    await expect.element(heading()).toHaveTextContent('Offers');
    expect(router.state.location.search).toBe('?figure=total.pledged');
    await expect.element(page.getByText(/Showing the records behind the dashboard figure “Pledged”/u)).toBeVisible();
    await expect.poll(resultCount).toBe(dashboard.totals.pledged.records.length);
    const shown = [...document.querySelectorAll('tbody tr[data-record]')].map((row) => row.getAttribute('data-record'));
    for (const id of shown) expect(dashboard.totals.pledged.records).toContain(id);
    await userEvent.click(page.getByRole('button', { name: 'Show all' }));
    await expect.poll(resultCount).toBe(recordsOf(vault, 'offer').length);

    await router.navigate('/');
    await expect.element(heading()).toHaveTextContent('Dashboard');
    const energy = dashboard.bySector.find((group) => group.key === 'energy');
    await userEvent.click(figure('sector.energy.needed') as HTMLAnchorElement);
    await expect.element(heading()).toHaveTextContent('Needs');
    await expect.poll(resultCount).toBe(energy?.needed.records.length);

    await router.navigate('/');
    await expect.element(heading()).toHaveTextContent('Dashboard');
    await userEvent.click(figure('total.delivered') as HTMLAnchorElement);
    await expect.element(heading()).toHaveTextContent('Records behind a figure');
    await expect.poll(resultCount).toBe(dashboard.totals.delivered.records.length);
    expect([...document.querySelectorAll('tbody tr[data-record] td:first-child')].every((cell) => cell.textContent === 'Delivery')).toBe(true);
  });

  it('makes the deconfliction warnings prominent, each type a link to its records', async () => {
    const vault = await demoVault();
    const dashboard = expected(vault);
    renderApp({ vault });
    const warnings = page.getByRole('region', { name: 'Deconfliction warnings' });
    await expect.element(warnings).toBeVisible();
    expect(dashboard.warningCounts['over-coverage'].value).toBeGreaterThan(0);
    const link = figure('warning.over-coverage');
    expect(link?.textContent).toBe(`Over-coverage: ${String(dashboard.warningCounts['over-coverage'].value)}`);
    await userEvent.click(link as HTMLAnchorElement);
    await expect.poll(resultCount).toBe(new Set(dashboard.warningCounts['over-coverage'].records).size);
  });

  it('lists the critical needs not covered, most urgent first', async () => {
    const vault = await demoVault();
    const dashboard = expected(vault);
    renderApp({ vault, clock: createFakeClock(Date.parse(`${TODAY}T10:00:00Z`)) });
    const critical = page.getByRole('region', { name: 'Critical needs not covered' });
    await expect.element(critical).toBeVisible();
    const listed = [...critical.element().querySelectorAll('[data-critical-need]')].map((row) => row.getAttribute('data-critical-need'));
    expect(listed).toEqual(dashboard.criticalUncovered.slice(0, 15).map((need) => need.id));
  });

  it('reads in Ukrainian, with Ukrainian number formats', async () => {
    const vault = await demoVault({ settings: { language: 'uk' } });
    const dashboard = expected(vault);
    renderApp({ vault, language: 'uk' });
    await expect.element(heading()).toHaveTextContent('Панель');
    await expect.element(page.getByRole('region', { name: 'Покриття за секторами' })).toBeVisible();
    const requested = figure('total.requested');
    const euros = new Intl.NumberFormat('uk', { style: 'currency', currency: 'EUR' }).format(dashboard.totals.requested.value / 100);
    expect(requested?.getAttribute('aria-label')).toBe(`Запитано: ${euros}, показати записи`);
    await expect.element(page.getByRole('columnheader', { name: 'Зобов’язано' }).first()).toBeVisible();
  });

  it('points an empty vault to the demo data', async () => {
    renderApp();
    await expect.element(page.getByRole('link', { name: 'Load demo data in Settings' })).toBeVisible();
  });
});
