/** The audit log page: entries newest first, actions in words, times in the language's format, the chain badge. */
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createFakeVault, FAKE_PASSPHRASE } from './fake-vault';
import { renderApp } from './render-app';
import { heading, typeInto } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1280, 900);
});

describe('audit log', () => {
  it('lists the entries with translated actions and shows an intact chain', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    await typeInto('Passphrase', 'a wrong guess');
    await userEvent.click(page.getByRole('button', { name: 'Unlock', exact: true }));
    await typeInto('Passphrase', FAKE_PASSPHRASE);
    await userEvent.click(page.getByRole('button', { name: 'Unlock', exact: true }));
    await userEvent.click(page.getByRole('navigation').getByRole('link', { name: 'Audit log' }));
    await expect.element(heading()).toHaveTextContent('Audit log');

    await expect.element(page.getByText('Hash chain intact')).toBeVisible();
    const table = page.getByRole('table', { name: 'Audit entries, newest first' });
    await expect.element(table).toBeVisible();
    const rows = table.getByRole('row').elements().slice(1);
    const actions = rows.map((row) => row.querySelectorAll('td')[2]?.textContent);
    expect(actions.slice(-3)).toEqual(['Unlocked', 'Failed unlock attempt', 'Vault created']);
    expect(rows.at(-2)?.textContent).toContain('count: 1');
    const time = rows.at(-1)?.querySelector('time');
    const at = time?.getAttribute('datetime') ?? '';
    expect(time?.textContent).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at)));

    await userEvent.click(page.getByText('УКР', { exact: true }));
    await expect.element(page.getByText('Ланцюжок геш-сум цілий')).toBeVisible();
    await expect.element(page.getByRole('cell', { name: 'Невдала спроба розблокування' })).toBeVisible();
    await expect.element(page.getByRole('columnheader', { name: 'Час' })).toBeVisible();
    const ukTime = page.getByRole('table').element().querySelector('time');
    expect(ukTime?.textContent).toBe(
      new Intl.DateTimeFormat('uk', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(ukTime?.getAttribute('datetime') ?? '')),
    );
  });

  it('warns loudly when the hash chain is broken', async () => {
    renderApp({ vault: createFakeVault({ chainIntact: false }), path: '/audit' });
    await expect.element(page.getByText('Hash chain broken')).toBeVisible();
    await expect.element(page.getByRole('alert')).toHaveTextContent(/changed, removed or reordered after they were written/u);
  });

  it('says so when the log cannot be read, and reads it again on request', async () => {
    const vault = createFakeVault();
    renderApp({ vault, path: '/audit' });
    await expect.element(page.getByText('Hash chain intact')).toBeVisible();
    vault.failNext('audit-list', 'vault-corrupt');
    await userEvent.click(page.getByRole('button', { name: 'Refresh' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('The audit log could not be read.');
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    await expect.element(page.getByText('Hash chain intact')).toBeVisible();
  });
});
