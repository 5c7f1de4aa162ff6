/**
 * The Delegations directory and the demo data action (issue #5): Settings offers demo data only while
 * the vault is empty, says plainly that demo delegations are "verified" by demo data, shows progress and
 * the result; the directory then lists every known delegation, the local one first and marked, with
 * country, role, verification, devices and fingerprint.
 */
import { DEMO_DELEGATIONS } from '@shared/domain/demo-data';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { needView, UKRAINE } from './coordination';
import { createFakeVault, fakeDelegationView } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

const nav = () => page.getByRole('navigation', { name: 'Sections' });

describe('demo data', () => {
  it('is offered on an empty vault, explains itself, shows progress and the result', async () => {
    const vault = createFakeVault();
    renderApp({ vault, path: '/settings' });
    const section = page.getByRole('region', { name: 'Demo data' });
    await expect.element(section).toBeVisible();
    await expect.element(section.getByText(/recorded as verified with “demo data” as the method: nobody checked their fingerprints/u)).toBeVisible();

    const release = vault.hold('demo-load');
    await userEvent.click(section.getByRole('button', { name: 'Load the demo data' }));
    await expect.element(section.getByRole('status')).toHaveTextContent('Loading the demo data…');
    release();
    await expect.element(section.getByText(/^Demo data loaded: \d+ records/u)).toBeVisible();
    expect(vault.callsOf('demo-load')).toEqual([{ cmd: 'demo-load', language: 'en' }]);
    expect(vault.records.size).toBeGreaterThan(50);

    await userEvent.click(nav().getByRole('link', { name: 'Needs' }));
    await expect.element(page.getByRole('status').filter({ hasText: /Needs shown/u })).not.toHaveTextContent('Needs shown: 0');
    await userEvent.click(nav().getByRole('link', { name: 'Settings' }));
    await expect.element(heading()).toHaveTextContent('Settings');
    expect(page.getByRole('region', { name: 'Demo data' }).elements()).toHaveLength(0);
  });

  it('is not offered once the vault holds records', async () => {
    const vault = createFakeVault({ records: [needView(UKRAINE)] });
    renderApp({ vault, path: '/settings' });
    await expect.element(heading()).toHaveTextContent('Settings');
    await expect.element(page.getByRole('region', { name: 'Passphrase' })).toBeVisible();
    expect(page.getByRole('region', { name: 'Demo data' }).elements()).toHaveLength(0);
  });

  it('reports a refusal in words', async () => {
    const vault = createFakeVault({ settings: { language: 'uk' } });
    vault.failNext('demo-load', 'write-refused', { details: { reason: 'not-empty' } });
    renderApp({ vault, path: '/settings', language: 'uk' });
    await userEvent.click(page.getByRole('button', { name: 'Завантажити демонстраційні дані' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Демонстраційні дані можна завантажити лише в порожнє сховище.');
  });
});

describe('the Delegations directory', () => {
  it('lists the local delegation first and marked, then the others with their verification', async () => {
    const vault = createFakeVault({
      delegations: [
        fakeDelegationView({ name: 'Germany — Federal Foreign Office', role: 'partner', country: 'DE', devices: 2 }),
        fakeDelegationView({ name: 'Ukraine — SSSCIP', role: 'beneficiary', country: 'UA', verification: null }),
      ],
    });
    renderApp({ vault, path: '/delegations' });
    await expect.element(heading()).toHaveTextContent('Delegations');
    await expect.element(page.getByText('3 delegations known')).toBeVisible();
    const rows = [...document.querySelectorAll('tbody tr[data-delegation]')];
    expect(rows.map((row) => row.querySelector('th p')?.textContent)).toEqual([vault.profile.name, 'Germany — Federal Foreign Office', 'Ukraine — SSSCIP']);
    expect(rows[0]?.textContent).toContain('Your delegation');
    expect(rows[0]?.textContent).toContain('Own delegation');
    expect(rows[1]?.textContent).toContain('Germany');
    expect(rows[1]?.textContent).toContain('Partner');
    expect(rows[1]?.textContent).toContain('Fingerprint checked');
    expect(rows[1]?.querySelector('td.td-cell-right')?.textContent).toBe('2');
    expect(rows[1]?.textContent).toContain('11111 22222 33333 44444 55555 66666 77777 88888');
    expect(rows[2]?.textContent).toContain('Not verified: its changes are parked');
    expect(rows[2]?.textContent).toContain('Beneficiary');
  });

  it('shows the demo delegations as verified by demo data, in Ukrainian', async () => {
    const vault = createFakeVault({ settings: { language: 'uk' } });
    await vault.request({ cmd: 'demo-load', language: 'uk' });
    renderApp({ vault, path: '/delegations', language: 'uk' });
    await expect.element(heading()).toHaveTextContent('Делегації');
    const known = DEMO_DELEGATIONS.length + 1;
    const forms: Readonly<Record<string, string>> = { one: 'Відома {n} делегація', few: 'Відомі {n} делегації', many: 'Відомо {n} делегацій', other: 'Відомо {n} делегації' };
    const expected = (forms[new Intl.PluralRules('uk').select(known)] ?? '').replace('{n}', String(known));
    await expect.element(page.getByText(expected)).toBeVisible();
    const rows = [...document.querySelectorAll('tbody tr[data-delegation]')];
    expect(rows[0]?.hasAttribute('data-local')).toBe(true);
    const ukraine = rows.find((row) => row.textContent.includes('Державна служба спеціального зв’язку'));
    expect(ukraine?.textContent).toContain('Бенефіціар');
    expect(ukraine?.textContent).toContain('Україна');
    expect(ukraine?.textContent).toContain('Демонстраційні дані: не перевірено');
    const nato = rows.find((row) => row.textContent.includes('НАТО'));
    expect(nato?.textContent).toContain('Немає (організація)');
  });
});
