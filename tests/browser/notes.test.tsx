/**
 * Notes and decisions with action items (issue #5): written from a record it is about, listed, shown
 * with who does what by when; any role keeps notes; another delegation's note is read-only.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { demoVault, needView, recordsOf, UKRAINE } from './coordination';
import { createFakeVault, fakeDelegationView } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

describe('notes', () => {
  it('are written about a record, with action items, and listed with it', async () => {
    const need = needView(UKRAINE, { title: 'Generators for Odesa' });
    const vault = createFakeVault({
      profile: { role: 'observer', name: 'European Union — EEAS', country: 'EU' },
      records: [need],
      delegations: [fakeDelegationView({ id: UKRAINE, name: 'Ukraine — SSSCIP', role: 'beneficiary', country: 'UA' })],
    });
    renderApp({ vault, path: `/needs/${need.id}` });
    await expect.element(heading()).toHaveTextContent('Generators for Odesa');
    await userEvent.click(page.getByRole('link', { name: 'Write a note about it' }));
    const form = page.getByRole('form', { name: 'New note or decision' });
    await expect.element(form.getByRole('link', { name: 'Generators for Odesa' })).toBeVisible();
    await userEvent.fill(form.getByRole('textbox', { name: 'Title' }), 'Coordination call');
    await userEvent.click(form.getByText('Decision', { exact: true }));
    await userEvent.click(form.getByRole('button', { name: 'Add an action item' }));
    await userEvent.click(form.getByRole('button', { name: 'Save the note' }));
    await expect.element(form.getByRole('textbox', { name: 'Action 1' })).toHaveAccessibleDescription('Required.');
    await userEvent.fill(form.getByRole('textbox', { name: 'Action 1' }), 'Confirm the delivery date');
    await userEvent.click(form.getByRole('combobox', { name: 'Responsible delegation' }));
    await userEvent.click(page.getByRole('option', { name: 'Ukraine — SSSCIP' }));
    await userEvent.fill(form.getByRole('textbox', { name: 'Due' }), '2025-04-01');
    await userEvent.click(form.getByRole('button', { name: 'Save the note' }));

    await expect.element(heading()).toHaveTextContent('Coordination call');
    const note = recordsOf(vault, 'note')[0];
    expect(note?.values).toEqual({
      title: 'Coordination call',
      body: '',
      type: 'decision',
      meetingDate: null,
      actionItems: [{ text: 'Confirm the delivery date', owner: UKRAINE, due: '2025-04-01', done: false }],
      links: [need.id],
    });
    const items = page.getByRole('region', { name: 'Action items' });
    await expect.element(items.getByRole('row').nth(1)).toHaveTextContent(/Confirm the delivery date.*Ukraine — SSSCIP.*Apr 1, 2025.*Open/u);

    await userEvent.click(page.getByRole('link', { name: 'Generators for Odesa' }));
    await expect.element(page.getByRole('region', { name: 'Notes and decisions' }).getByRole('link', { name: 'Coordination call' })).toBeVisible();
  });

  it('of other delegations are listed and read-only', async () => {
    const vault = await demoVault();
    renderApp({ vault, path: '/notes' });
    await expect.element(heading()).toHaveTextContent('Notes');
    await expect.element(page.getByRole('status').filter({ hasText: /Notes shown/u })).toHaveTextContent(`Notes shown: ${String(recordsOf(vault, 'note').length)} of`);
    await userEvent.click(page.getByRole('link', { name: 'Coordination meeting: deconfliction of energy and government needs' }));
    await expect.element(heading()).toHaveTextContent('Coordination meeting');
    await expect.element(page.getByRole('note').filter({ hasText: 'Owned by' })).toBeVisible();
    expect(page.getByRole('link', { name: 'Edit' }).elements()).toHaveLength(0);
    await expect.element(page.getByRole('region', { name: 'Action items' }).getByText('Redirect the indicative pledge to an uncovered need')).toBeVisible();
  });
});
