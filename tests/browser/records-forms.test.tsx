/**
 * Record forms (issue #5): shared/domain's validation messages beside the fields, in English and
 * Ukrainian; text normalised to NFC and trimmed before it is written; an edit writes only the fields
 * that changed (every field when it submits a draft); who may create what (a beneficiary files needs, a partner makes offers); and the path
 * from a need to an offer allocated to it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { needView, offerView, UKRAINE, valueText } from './coordination';
import { createFakeVault } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

const form = (name: string) => page.getByRole('form', { name });
/** The message Mantine shows under a field (its `error`), found through the input's aria-describedby. */
function messageOf(input: Element): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

const beneficiary = () => createFakeVault({ profile: { role: 'beneficiary', name: 'Ukraine — SSSCIP', country: 'UA' } });

describe('filing a need', () => {
  it('shows every message beside its field, then files the need with NFC text', async () => {
    const vault = beneficiary();
    const { router } = renderApp({ vault, path: '/needs' });
    await userEvent.click(page.getByRole('link', { name: 'New need' }));
    await expect.element(heading()).toHaveTextContent('New need');
    const need = form('New need');
    await userEvent.click(need.getByRole('button', { name: 'File the need' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Some fields need attention');
    expect(messageOf(need.getByRole('textbox', { name: 'Title' }).element())).toBe('Required.');
    expect(messageOf(need.getByRole('textbox', { name: 'Requesting institution' }).element())).toContain('Required.');
    expect(messageOf(need.getByRole('combobox', { name: 'Sector' }).element())).toBe('Required.');
    expect(messageOf(need.getByRole('textbox', { name: 'Quantity' }).element())).toBe('Required.');
    expect(messageOf(need.getByRole('textbox', { name: 'Amount' }).element())).toBe('Required.');
    expect(vault.callsOf('records-write')).toHaveLength(0);

    // Decomposed letters (a keyboard layout's "й"), stray spaces: stored as NFC, trimmed.
    const decomposed = '  Захист мереж Київської обленерго  '.normalize('NFD');
    await userEvent.fill(need.getByRole('textbox', { name: 'Title' }), decomposed);
    await userEvent.fill(need.getByRole('textbox', { name: 'Requesting institution' }), 'Київобленерго');
    for (const [label, option] of [
      ['Sector', 'Energy'],
      ['Category', 'Hardware'],
      ['Priority', 'Critical'],
      ['Unit', 'items'],
    ] as const) {
      await userEvent.click(need.getByRole('combobox', { name: label }));
      await userEvent.click(page.getByRole('option', { name: option, exact: true }));
    }
    await userEvent.fill(need.getByRole('textbox', { name: 'Quantity' }), '12');
    await userEvent.fill(need.getByRole('textbox', { name: 'Amount' }), '96000');
    // The message follows what is typed once the form was tried: gone for the title.
    expect(messageOf(need.getByRole('textbox', { name: 'Title' }).element())).toBe('');
    await userEvent.click(need.getByRole('button', { name: 'File the need' }));

    await expect.element(heading()).toHaveTextContent('Захист мереж Київської обленерго');
    const [write] = vault.callsOf('records-write');
    const edit = write?.edits[0];
    expect(edit?.record).toBeUndefined();
    expect(edit?.kind).toBe('need');
    const title = edit?.ops.find((op) => op.field === 'title')?.value;
    expect(title).toBe('Захист мереж Київської обленерго'.normalize('NFC'));
    expect(edit?.ops.find((op) => op.field === 'estimatedValue')?.value).toEqual({ amountCents: 9_600_000, currency: 'EUR', eurCents: 9_600_000 });
    expect(edit?.ops.find((op) => op.field === 'status')?.value).toBe('draft');
    expect(router.state.location.pathname).toMatch(/^\/needs\/[a-z2-7]{26}-[a-z2-7]{26}$/u);
  });

  it('shows the messages in Ukrainian', async () => {
    const vault = createFakeVault({ profile: { role: 'beneficiary', name: 'Україна — ДССЗЗІ', country: 'UA' }, settings: { language: 'uk' } });
    renderApp({ vault, path: '/needs/new', language: 'uk' });
    const need = form('Нова потреба');
    await userEvent.fill(need.getByRole('textbox', { name: 'Кількість' }), '0');
    await userEvent.click(need.getByRole('button', { name: 'Подати потребу' }));
    expect(messageOf(need.getByRole('textbox', { name: 'Назва' }).element())).toBe('Обов’язкове поле.');
    expect(messageOf(need.getByRole('textbox', { name: 'Кількість' }).element())).toMatch(/\p{Script=Cyrillic}/u);
    await expect.element(page.getByRole('alert')).toHaveTextContent('Деякі поля потребують уваги');
  });

  it('is not offered to a partner', async () => {
    renderApp({ path: '/needs' });
    await expect.element(heading()).toHaveTextContent('Needs');
    await expect.element(page.getByText('Needs are filed by beneficiary delegations.', { exact: false })).toBeVisible();
    expect(page.getByRole('link', { name: 'New need' }).elements()).toHaveLength(0);
  });
});

describe('editing a need', () => {
  it('writes only the fields that changed, and says when nothing did', async () => {
    const vault = beneficiary();
    const need = needView(vault.profile.delegationId);
    vault.seedRecords([need]);
    renderApp({ vault, path: `/needs/${need.id}/edit` });
    const edit = form('Edit the need');
    await userEvent.click(edit.getByRole('button', { name: 'Save the changes' }));
    await expect.element(page.getByText('Nothing was changed.')).toBeVisible();
    await userEvent.fill(edit.getByRole('textbox', { name: 'Quantity' }), '45');
    await userEvent.click(edit.getByRole('button', { name: 'Save the changes' }));
    await expect.element(heading()).toHaveTextContent(valueText(need, 'title'));
    expect(vault.callsOf('records-write').map((call) => call.edits)).toEqual([[{ record: need.id, kind: 'need', tlp: need.tlp, ops: [{ field: 'quantity', value: 45 }] }]]);
  });

  it('re-publishes every value when the edit submits a draft (its draft change-sets never leave the vault)', async () => {
    const vault = beneficiary();
    const need = needView(vault.profile.delegationId, { status: 'draft', assessmentScore: null, interAgencyPriority: null });
    vault.seedRecords([need]);
    renderApp({ vault, path: `/needs/${need.id}/edit` });
    const edit = form('Edit the need');
    await userEvent.click(edit.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(page.getByRole('option', { name: 'Submitted' }));
    await userEvent.click(edit.getByRole('button', { name: 'Save the changes' }));
    await expect.element(heading()).toHaveTextContent(valueText(need, 'title'));
    const [write] = vault.callsOf('records-write');
    const ops = write?.edits[0]?.ops ?? [];
    expect(Object.fromEntries(ops.map((op) => [op.field, op.value]))).toEqual({ ...need.values, status: 'submitted' });
  });

  it('is refused for a need another delegation owns', async () => {
    const vault = beneficiary();
    const need = needView(UKRAINE);
    vault.seedRecords([need]);
    renderApp({ vault, path: `/needs/${need.id}/edit` });
    await expect.element(page.getByRole('note').filter({ hasText: 'Owned by' })).toBeVisible();
    expect(page.getByRole('form').elements()).toHaveLength(0);
  });
});

describe('making an offer for a need', () => {
  it('starts from the need, then allocates the new offer to it', async () => {
    const vault = createFakeVault({ profile: { role: 'partner' } });
    const need = needView(UKRAINE, { category: 'equipment', unit: 'terminal' });
    vault.seedRecords([need]);
    const { router } = renderApp({ vault, path: `/needs/${need.id}` });
    await userEvent.click(page.getByRole('link', { name: 'Make an offer for this need' }));
    const offer = form('New offer');
    await expect.element(offer.getByRole('combobox', { name: 'Unit' })).toHaveValue('terminals');
    await expect.element(offer.getByRole('combobox', { name: 'Category' })).toHaveValue('Equipment');
    await userEvent.fill(offer.getByRole('textbox', { name: 'Title' }), 'Terminals from Tallinn');
    await userEvent.fill(offer.getByRole('textbox', { name: 'Quantity' }), '20');
    await userEvent.click(offer.getByRole('combobox', { name: 'Currency' }));
    await userEvent.click(page.getByRole('option', { name: 'DKK — Danish krone' }));
    await userEvent.fill(offer.getByRole('textbox', { name: 'Amount' }), '100000');
    await userEvent.click(offer.getByRole('button', { name: 'Make the offer' }));
    await expect.element(offer.getByRole('textbox', { name: 'Value in EUR' })).toHaveAccessibleDescription(/At the rate/u);
    expect(messageOf(offer.getByRole('textbox', { name: 'Value in EUR' }).element())).toContain('Required.');
    await userEvent.fill(offer.getByRole('textbox', { name: 'Value in EUR' }), '13400');
    await userEvent.click(offer.getByRole('button', { name: 'Make the offer' }));

    await expect.element(heading()).toHaveTextContent('Terminals from Tallinn');
    expect(router.state.location.search).toBe(`?allocate=${need.id}`);
    const allocation = form('Allocation');
    await expect.element(allocation.getByRole('combobox', { name: 'Need' })).toHaveValue(`${valueText(need, 'title')} — ${valueText(need, 'institution')}`);
    await userEvent.fill(allocation.getByRole('textbox', { name: 'Quantity allocated (terminals)' }), '20');
    await expect.element(allocation.getByRole('textbox', { name: 'Value allocated (DKK)' })).toHaveValue('100000');
    await userEvent.click(allocation.getByRole('button', { name: 'Allocate' }));
    await expect.element(page.getByText('Allocated: 20 terminals of 20 terminals · delivered: 0 terminals')).toBeVisible();
    const row = page.getByRole('region', { name: 'Allocations to needs' }).getByRole('row').nth(1);
    await expect.element(row).toHaveTextContent('DKK 100,000.00 (€13,400.00)');
  });
});

describe('an offer of another partner', () => {
  it('cannot be edited here', async () => {
    const vault = createFakeVault({ profile: { role: 'partner' } });
    const offer = offerView(UKRAINE);
    vault.seedRecords([offer]);
    renderApp({ vault, path: `/offers/${offer.id}/edit` });
    await expect.element(page.getByRole('note').filter({ hasText: 'Owned by' })).toBeVisible();
  });
});
