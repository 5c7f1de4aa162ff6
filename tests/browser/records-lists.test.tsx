/**
 * The Needs and Offers lists (issue #5): search across title, description and institution (NFC, any
 * case), filters from the address and from the controls, sorting by column, virtualisation that renders
 * only the rows in view yet reaches every row, and the keyboard (arrows, End, Enter).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { allocation, demoVault, GERMANY, needView, offerView, recordsOf, UKRAINE } from './coordination';
import { createFakeVault } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

const table = (name: string) => page.getByRole('table', { name });
const rowsOf = (name: string) => [...(table(name).element().querySelectorAll('tbody tr[data-record]'))];
const titles = (name: string) => rowsOf(name).map((row) => row.querySelector('td')?.textContent ?? '');
const count = () => page.getByRole('status').filter({ hasText: /shown/u });

describe('the Needs list', () => {
  it('searches title, description and institution as the user types, in any case and normal form', async () => {
    const vault = createFakeVault({
      records: [
        needView(UKRAINE, { title: 'Firewalls for substations', institution: 'Ukrenergo', description: '' }),
        needView(UKRAINE, { title: 'EDR licences', institution: 'SSSCIP', description: 'Endpoint detection for ministries', unit: 'licence', category: 'software-licences' }),
        needView(UKRAINE, { title: 'Навчання аналітиків', institution: 'НКЦК', description: 'Курси для аналітиків' }),
      ],
    });
    renderApp({ vault, path: '/needs' });
    await expect.element(heading()).toHaveTextContent('Needs');
    await expect.element(count()).toHaveTextContent('Needs shown: 3 of 3');

    const search = page.getByRole('searchbox', { name: 'Search' });
    await userEvent.fill(search, 'ukrENERGO');
    await expect.element(count()).toHaveTextContent('Needs shown: 1 of 3');
    expect(titles('Needs')).toEqual(['Firewalls for substations']);

    await userEvent.fill(search, 'endpoint ministries');
    await expect.element(count()).toHaveTextContent('Needs shown: 1 of 3');
    expect(titles('Needs')).toEqual(['EDR licences']);

    await userEvent.fill(search, 'НАВЧАННЯ');
    expect(titles('Needs')).toEqual(['Навчання аналітиків']);
    await userEvent.fill(search, 'нкцк');
    expect(titles('Needs')).toEqual(['Навчання аналітиків']);

    await userEvent.fill(search, 'nothing like this');
    await expect.element(page.getByText('No record matches the search and filters.')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Clear the search and filters' }));
    await expect.element(count()).toHaveTextContent('Needs shown: 3 of 3');
  });

  it('finds text typed in another Unicode normal form', async () => {
    const vault = createFakeVault({ records: [needView(UKRAINE, { title: 'Захист підстанцій', institution: 'Обленерго' })] });
    renderApp({ vault, path: '/needs' });
    // "й" as "и" + combining breve: what some keyboard layouts produce.
    const decomposed = 'ПІДСТАНЦІЙ'.normalize('NFD');
    expect(decomposed).not.toBe('ПІДСТАНЦІЙ');
    await userEvent.fill(page.getByRole('searchbox', { name: 'Search' }), decomposed);
    await expect.element(count()).toHaveTextContent('Needs shown: 1 of 1');
  });

  it('filters by the address (a dashboard link) and by the filter controls', async () => {
    const vault = createFakeVault({
      records: [
        needView(UKRAINE, { title: 'Energy one', sector: 'energy', priority: 'critical' }),
        needView(UKRAINE, { title: 'Energy two', sector: 'energy', priority: 'low' }),
        needView(UKRAINE, { title: 'Water one', sector: 'water', priority: 'critical' }),
        needView(UKRAINE, { title: 'Withdrawn energy', sector: 'energy', status: 'withdrawn' }),
      ],
    });
    const { router } = renderApp({ vault, path: '/needs?sector=energy&coverage=uncovered' });
    await expect.element(count()).toHaveTextContent('Needs shown: 3 of 4');
    expect(titles('Needs').sort()).toEqual(['Energy one', 'Energy two', 'Withdrawn energy']);

    await userEvent.click(page.getByRole('combobox', { name: 'Priority' }));
    await userEvent.click(page.getByRole('option', { name: 'Critical' }));
    await expect.element(count()).toHaveTextContent('Needs shown: 1 of 4');
    expect(titles('Needs')).toEqual(['Energy one']);
    expect(router.state.location.search).toContain('priority=critical');
  });

  it('sorts by a column, ascending then descending, and says so', async () => {
    const vault = createFakeVault({
      records: [needView(UKRAINE, { title: 'Bravo' }), needView(UKRAINE, { title: 'alpha' }), needView(UKRAINE, { title: 'Charlie' })],
    });
    renderApp({ vault, path: '/needs' });
    await expect.element(count()).toHaveTextContent('Needs shown: 3 of 3');
    const header = page.getByRole('columnheader', { name: /Title/u });
    await userEvent.click(header.getByRole('button'));
    await expect.element(header).toHaveAttribute('aria-sort', 'ascending');
    expect(titles('Needs')).toEqual(['alpha', 'Bravo', 'Charlie']);
    await userEvent.click(header.getByRole('button'));
    await expect.element(header).toHaveAttribute('aria-sort', 'descending');
    expect(titles('Needs')).toEqual(['Charlie', 'Bravo', 'alpha']);
  });

  it('renders only the rows in view of 5,000, reaches the last by keyboard and opens it with Enter', async () => {
    const records = Array.from({ length: 5000 }, (_, i) => needView(UKRAINE, { title: `Need ${String(i).padStart(4, '0')}`, priority: 'medium', deadline: null }));
    const vault = createFakeVault({ records });
    const { router } = renderApp({ vault, path: '/needs?sort=title' });
    await expect.element(count()).toHaveTextContent('Needs shown: 5,000 of 5,000');
    const rendered = rowsOf('Needs');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(80);
    expect(table('Needs').element().getAttribute('aria-rowcount')).toBe('5001');
    expect(titles('Needs')[0]).toBe('Need 0000');

    const first = rendered[0] as HTMLElement;
    first.focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(() => document.activeElement?.getAttribute('aria-rowindex')).toBe('3');
    await userEvent.keyboard('{End}');
    await expect.poll(() => document.activeElement?.textContent).toContain('Need 4999');
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('5001');
    expect(rowsOf('Needs').length).toBeLessThan(80);

    await userEvent.keyboard('{Enter}');
    await expect.element(heading()).toHaveTextContent('Need 4999');
    expect(router.state.location.pathname).toMatch(/^\/needs\/[a-z2-7]{26}-[a-z2-7]{26}$/u);
  });

  it('hides deleted needs unless asked, and marks them', async () => {
    const vault = createFakeVault({ records: [needView(UKRAINE, { title: 'Kept' }), needView(UKRAINE, { title: 'Gone' }, { deleted: true })] });
    renderApp({ vault, path: '/needs' });
    await expect.element(count()).toHaveTextContent('Needs shown: 1 of 1');
    await userEvent.click(page.getByRole('checkbox', { name: 'Show deleted records' }));
    await expect.element(count()).toHaveTextContent('Needs shown: 2 of 2');
    const gone = rowsOf('Needs').find((row) => row.textContent.includes('Gone'));
    expect(gone?.hasAttribute('data-deleted')).toBe(true);
    expect(gone?.textContent).toContain('Deleted');
  });

  it('works in Ukrainian: labels, numbers and the count', async () => {
    const vault = await demoVault({ settings: { language: 'uk' } });
    renderApp({ vault, path: '/needs', language: 'uk' });
    await expect.element(heading()).toHaveTextContent('Потреби');
    const total = recordsOf(vault, 'need').length;
    await expect.element(page.getByRole('status').filter({ hasText: /Показано потреб/u })).toHaveTextContent(`Показано потреб: ${String(total - 0)} з ${String(total)}`);
    await expect.element(page.getByRole('columnheader', { name: /Пріоритет/u })).toBeVisible();
    await userEvent.fill(page.getByRole('searchbox', { name: 'Пошук' }), 'CERT-UA');
    await expect.poll(() => titles('Потреби').length).toBeGreaterThan(0);
    for (const row of rowsOf('Потреби')) expect(row.textContent).toContain('CERT-UA');
  });
});

describe('the Offers list', () => {
  it('filters by the sector of the needs an offer is allocated to, and marks allocations to withdrawn needs', async () => {
    const energy = needView(UKRAINE, { title: 'Grid need', sector: 'energy' });
    const withdrawn = needView(UKRAINE, { title: 'Withdrawn need', sector: 'water', status: 'withdrawn' });
    const vault = createFakeVault({
      records: [
        energy,
        withdrawn,
        offerView(GERMANY, { title: 'Firewalls', allocations: [allocation(energy, 10, 600_000)] }),
        offerView(GERMANY, { title: 'Terminals', allocations: [allocation(withdrawn, 10, 600_000)] }),
      ],
    });
    renderApp({ vault, path: '/offers' });
    await expect.element(heading()).toHaveTextContent('Offers');
    await expect.element(page.getByRole('status').filter({ hasText: /Offers shown/u })).toHaveTextContent('Offers shown: 2 of 2');
    const terminals = rowsOf('Offers').find((row) => row.textContent.includes('Terminals'));
    expect(terminals?.textContent).toContain('Check allocations');

    await userEvent.click(page.getByRole('combobox', { name: 'Sector of its needs' }));
    await userEvent.click(page.getByRole('option', { name: 'Energy' }));
    await expect.element(page.getByRole('status').filter({ hasText: /Offers shown/u })).toHaveTextContent('Offers shown: 1 of 2');
    expect(titles('Offers')).toEqual(['Firewalls']);
  });

  it('searches offers by the institution of their needs', async () => {
    const need = needView(UKRAINE, { institution: 'CERT-UA' });
    const vault = createFakeVault({
      records: [need, offerView(GERMANY, { title: 'Laptops', allocations: [allocation(need, 5, 100_000)] }), offerView(GERMANY, { title: 'Servers' })],
    });
    renderApp({ vault, path: '/offers' });
    await userEvent.fill(page.getByRole('searchbox', { name: 'Search' }), 'cert-ua');
    await expect.element(page.getByRole('status').filter({ hasText: /Offers shown/u })).toHaveTextContent('Offers shown: 1 of 2');
    expect(titles('Offers')).toEqual(['Laptops']);
  });
});
