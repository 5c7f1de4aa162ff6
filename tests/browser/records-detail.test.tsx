/**
 * A record's page (issue #5): what the local delegation's role and ownership allow (a beneficiary
 * changes its needs and accepts deliveries; a partner allocates its offers and records deliveries;
 * everything not owned is read-only and says so), coverage and its markers (a withdrawn need), the
 * events, the history from the change log, and refusals in words.
 */
import { KIND_FIELDS } from '@shared/domain/record-values';
import type { RecordView } from '@shared/ipc/vault-protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { allocation, deliveryView, GERMANY, needView, offerView, UKRAINE, valueText } from './coordination';
import { createFakeVault, fakeDelegationView, type FakeVault } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

const main = () => page.getByRole('main');
const actions = () => [...(document.querySelector('[data-actions]')?.querySelectorAll('button, a') ?? [])].map((el) => el.textContent.trim());
const field = (name: string) => document.querySelector(`[data-field="${name}"] dd`)?.textContent ?? '';

function partnerVault(records: readonly RecordView[]): FakeVault {
  return createFakeVault({
    profile: { role: 'partner', name: 'Estonia — Ministry of Foreign Affairs' },
    records,
    delegations: [fakeDelegationView({ id: UKRAINE, name: 'Ukraine — SSSCIP', role: 'beneficiary', country: 'UA' })],
  });
}

describe('a need seen by a partner', () => {
  it('is read-only, names its owner, and offers to allocate an offer and to make one', async () => {
    const need = needView(UKRAINE);
    const vault = partnerVault([need]);
    renderApp({ vault, path: `/needs/${need.id}` });
    await expect.element(heading()).toHaveTextContent('Satellite terminals for Kharkiv water utility');
    await expect.element(page.getByRole('note').filter({ hasText: 'Owned by' })).toHaveTextContent(
      'Owned by Ukraine — SSSCIP: only Ukraine — SSSCIP can change it.',
    );
    expect(actions()).toEqual(['Allocate an offer', 'Make an offer for this need']);
    expect(field('quantity')).toBe('40 terminals');
    expect(field('estimatedValue')).toBe('€26,000.00');
    expect(field('sector')).toBe('Water');
    expect(field('deadline')).toContain('Jun 30, 2025');
  });

  it('allocates one of the partner’s offers to it, and its coverage follows', async () => {
    const need = needView(UKRAINE);
    const vault = partnerVault([need]);
    const own = offerView(vault.profile.delegationId, { title: 'Our terminals', quantity: 30 });
    vault.seedRecords([own]);
    renderApp({ vault, path: `/needs/${need.id}` });
    await expect.element(page.getByText('Not covered', { exact: true }).first()).toBeVisible();

    await userEvent.click(main().getByRole('button', { name: 'Allocate an offer' }));
    const form = page.getByRole('form', { name: 'Allocation' });
    await userEvent.click(form.getByRole('combobox', { name: 'Your offer' }));
    await userEvent.click(page.getByRole('option', { name: /Our terminals/u }));
    await userEvent.fill(form.getByRole('textbox', { name: 'Quantity allocated (terminals)' }), '25');
    await expect.element(form.getByText('EUR value: €20,000.00')).toBeVisible();
    await userEvent.click(form.getByRole('button', { name: 'Allocate' }));

    await expect.element(form.getByText('Allocated: 25 terminals.')).toBeVisible();
    const write = vault.callsOf('records-write').at(-1);
    expect(write?.edits).toEqual([
      {
        record: own.id,
        kind: 'offer',
        tlp: own.tlp,
        ops: [{ field: 'allocations', value: [{ need: need.id, quantity: 25, value: { amountCents: 2_000_000, currency: 'EUR', eurCents: 2_000_000 } }] }],
      },
    ]);
    await expect.element(page.getByText('Allocated 25 terminals of 40 terminals (62.5%)')).toBeVisible();
    await expect.element(page.getByText('Partially covered', { exact: true }).first()).toBeVisible();
  });

  it('says why an allocation is refused, beside the quantity', async () => {
    const need = needView(UKRAINE);
    const vault = partnerVault([need]);
    const own = offerView(vault.profile.delegationId, { title: 'Our terminals', quantity: 10 });
    vault.seedRecords([own]);
    renderApp({ vault, path: `/needs/${need.id}` });
    await userEvent.click(main().getByRole('button', { name: 'Allocate an offer' }));
    const form = page.getByRole('form', { name: 'Allocation' });
    await userEvent.click(form.getByRole('button', { name: 'Allocate' }));
    await expect.element(form.getByText('Choose one of your offers.')).toBeVisible();
    await userEvent.click(form.getByRole('combobox', { name: 'Your offer' }));
    await userEvent.click(page.getByRole('option', { name: /Our terminals/u }));
    await userEvent.fill(form.getByRole('textbox', { name: 'Quantity allocated (terminals)' }), '11');
    await userEvent.click(form.getByRole('button', { name: 'Allocate' }));
    await expect.element(form.getByText("Allocations add up to more than the offer's quantity (10).")).toBeVisible();
    expect(vault.callsOf('records-write')).toHaveLength(0);
  });
});

describe('a need seen by the beneficiary that owns it', () => {
  it('offers edit, status change and delete, and checks a status against the other values', async () => {
    const vault = createFakeVault({ profile: { role: 'beneficiary', name: 'Ukraine — SSSCIP', country: 'UA' } });
    const need = needView(vault.profile.delegationId, { status: 'submitted', assessmentScore: null, interAgencyPriority: null });
    vault.seedRecords([need]);
    renderApp({ vault, path: `/needs/${need.id}` });
    await expect.element(heading()).toHaveTextContent('Satellite terminals');
    expect(actions()).toEqual(['Edit', 'Change status', 'Delete the need']);
    expect(document.querySelector('[data-read-only]')).toBeNull();

    await userEvent.click(main().getByRole('button', { name: 'Change status' }));
    await userEvent.click(main().getByRole('combobox', { name: 'New status' }));
    await userEvent.click(page.getByRole('option', { name: 'Assessed' }));
    await userEvent.click(main().getByRole('button', { name: 'Change the status' }));
    await expect
      .element(main().getByText('Technical assessment score (0–10): An assessed need has a technical assessment score. Edit the record first.'))
      .toBeVisible();
    expect(vault.callsOf('records-write')).toHaveLength(0);

    await userEvent.click(main().getByRole('combobox', { name: 'New status' }));
    await userEvent.click(page.getByRole('option', { name: 'Withdrawn' }));
    await userEvent.click(main().getByRole('button', { name: 'Change the status' }));
    await expect.element(main().getByText('The status is now “Withdrawn”.')).toBeVisible();
    expect(vault.records.get(need.id)?.values['status']).toBe('withdrawn');
  });

  it('submits a draft with every current value in the submitting change-set (a draft’s change-sets never leave the vault)', async () => {
    const vault = createFakeVault({ profile: { role: 'beneficiary', name: 'Ukraine — SSSCIP', country: 'UA' } });
    const need = needView(vault.profile.delegationId, { status: 'draft', assessmentScore: null, interAgencyPriority: null });
    vault.seedRecords([need]);
    renderApp({ vault, path: `/needs/${need.id}` });
    await expect.element(heading()).toHaveTextContent('Satellite terminals');
    await userEvent.click(main().getByRole('button', { name: 'Change status' }));
    await userEvent.click(main().getByRole('combobox', { name: 'New status' }));
    await userEvent.click(page.getByRole('option', { name: 'Submitted' }));
    await userEvent.click(main().getByRole('button', { name: 'Change the status' }));
    await expect.element(main().getByText('The status is now “Submitted”.')).toBeVisible();
    const [write] = vault.callsOf('records-write');
    const edit = write?.edits[0];
    expect(edit).toMatchObject({ record: need.id, kind: 'need', tlp: need.tlp });
    const written = Object.fromEntries((edit?.ops ?? []).map((op) => [op.field, op.value]));
    expect(written).toEqual({ ...need.values, status: 'submitted' });
    expect(Object.keys(written).sort()).toEqual([...KIND_FIELDS.need].sort());
  });

  it('changes only the status of a need that is no longer a draft', async () => {
    const vault = createFakeVault({ profile: { role: 'beneficiary', name: 'Ukraine — SSSCIP', country: 'UA' } });
    const need = needView(vault.profile.delegationId, { status: 'submitted' });
    vault.seedRecords([need]);
    renderApp({ vault, path: `/needs/${need.id}` });
    await userEvent.click(main().getByRole('button', { name: 'Change status' }));
    await userEvent.click(main().getByRole('combobox', { name: 'New status' }));
    await userEvent.click(page.getByRole('option', { name: 'Open' }));
    await userEvent.click(main().getByRole('button', { name: 'Change the status' }));
    await expect.element(main().getByText('The status is now “Open”.')).toBeVisible();
    expect(vault.callsOf('records-write').map((call) => call.edits)).toEqual([[{ record: need.id, kind: 'need', tlp: need.tlp, ops: [{ field: 'status', value: 'open' }] }]]);
  });

  it('accepts a delivery made for it; the partner’s offer stays read-only', async () => {
    const vault = createFakeVault({ profile: { role: 'beneficiary', name: 'Ukraine — SSSCIP', country: 'UA' } });
    const need = needView(vault.profile.delegationId);
    const offer = offerView(GERMANY, { allocations: [allocation(need, 40, 2_400_000)] });
    const delivery = deliveryView(offer, need, 12);
    for (const record of [need, offer, delivery]) vault.seedRecords([record]);
    renderApp({ vault, path: `/needs/${need.id}` });
    const deliveries = page.getByRole('region', { name: 'Deliveries and acceptances' });
    await expect.element(deliveries.getByText('Not accepted yet')).toBeVisible();
    await userEvent.click(deliveries.getByRole('button', { name: 'Accept' }));
    const form = page.getByRole('form', { name: 'Accept the delivery' });
    await expect.element(form.getByRole('textbox', { name: 'Quantity accepted (terminals)' })).toHaveValue('12');
    await userEvent.fill(form.getByRole('textbox', { name: 'Quantity accepted (terminals)' }), '11');
    await userEvent.click(form.getByRole('button', { name: 'Record the acceptance' }));
    await expect.element(deliveries.getByText('11 of 12')).toBeVisible();
    const written = [...vault.records.values()].find((view) => view.kind === 'acceptance');
    expect(written?.values).toEqual({ delivery: delivery.id, need: need.id, quantityAccepted: 11, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) as unknown, note: '' });
    await expect.element(page.getByText('Accepted', { exact: true }).first()).toBeVisible();

    await userEvent.click(deliveries.getByRole('link', { name: valueText(offer, 'title') }));
    await expect.element(heading()).toHaveTextContent(valueText(offer, 'title'));
    expect(actions()).toEqual([]);
    await expect.element(page.getByRole('note').filter({ hasText: 'Owned by' })).toBeVisible();
  });
});

describe('an offer', () => {
  it('allocated to a withdrawn need stays listed with a clear marker and a warning', async () => {
    const withdrawn = needView(UKRAINE, { title: 'No longer wanted', status: 'withdrawn' });
    const offer = offerView(GERMANY, { allocations: [allocation(withdrawn, 10, 600_000)] });
    const vault = createFakeVault({ records: [withdrawn, offer] });
    renderApp({ vault, path: `/offers/${offer.id}` });
    await expect.element(heading()).toHaveTextContent(valueText(offer, 'title'));
    const allocations = page.getByRole('region', { name: 'Allocations to needs' });
    await expect.element(allocations.getByText('Need withdrawn')).toBeVisible();
    await expect.element(allocations.getByText('Withdrawn', { exact: true })).toBeVisible();
    await expect.element(allocations.getByRole('link', { name: 'No longer wanted' })).toBeVisible();
    const warnings = page.getByRole('region', { name: /Deconfliction warnings/u });
    await expect.element(warnings.getByText('Allocated to a need no longer open')).toBeVisible();
  });

  it('lets its owner record a delivery, which the need’s coverage counts', async () => {
    const need = needView(UKRAINE);
    const vault = partnerVault([need]);
    const offer = offerView(vault.profile.delegationId, { allocations: [allocation(need, 40, 2_400_000)] });
    vault.seedRecords([offer]);
    renderApp({ vault, path: `/offers/${offer.id}` });
    await expect.element(heading()).toHaveTextContent(valueText(offer, 'title'));
    expect(actions()).toEqual(['Edit', 'Change status', 'Allocate to a need', 'Record a delivery', 'Delete the offer']);
    await userEvent.click(main().getByRole('button', { name: 'Record a delivery' }));
    const form = page.getByRole('form', { name: 'Record a delivery' });
    await userEvent.click(form.getByRole('button', { name: 'Record the delivery' }));
    await expect.element(form.getByText('Required.')).toBeVisible();
    await userEvent.fill(form.getByRole('textbox', { name: 'Quantity delivered (terminals)' }), '15');
    await userEvent.click(form.getByRole('button', { name: 'Record the delivery' }));
    await expect.element(form.getByText('Delivery of 15 terminals recorded.')).toBeVisible();
    await expect.element(page.getByText('Allocated: 40 terminals of 40 terminals · delivered: 15 terminals')).toBeVisible();

    await userEvent.click(page.getByRole('region', { name: 'Deliveries and acceptances' }).getByRole('link', { name: valueText(need, 'title') }));
    await expect.element(heading()).toHaveTextContent(valueText(need, 'title'));
    expect(field('delivered') || document.querySelector('[data-field="delivered"]')?.textContent).toContain('15 terminals');
  });

  it('says in words when the vault refuses a change', async () => {
    const vault = createFakeVault();
    const offer = offerView(vault.profile.delegationId);
    vault.seedRecords([offer]);
    vault.failNext('records-write', 'write-refused', { details: { reason: 'not-owner' } });
    renderApp({ vault, path: `/offers/${offer.id}` });
    await userEvent.click(main().getByRole('button', { name: 'Change status' }));
    await userEvent.click(main().getByRole('combobox', { name: 'New status' }));
    await userEvent.click(page.getByRole('option', { name: 'Contracted' }));
    await userEvent.click(main().getByRole('button', { name: 'Change the status' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Only the delegation that owns this record can change it. Nothing was saved.');
  });
});

describe('the history', () => {
  it('lists who changed which fields, newest first', async () => {
    const vault = createFakeVault();
    const offer = offerView(vault.profile.delegationId);
    vault.seedRecords([offer]);
    await vault.request({ cmd: 'records-write', edits: [{ record: offer.id, kind: 'offer', tlp: 'GREEN', ops: [{ field: 'title', value: 'Renamed' }, { field: 'quantity', value: 41 }] }] });
    renderApp({ vault, path: `/offers/${offer.id}` });
    const history = page.getByRole('region', { name: 'History' });
    await expect.element(history.getByText('Changed: Title, Quantity')).toBeVisible();
    await expect.element(history.getByText(`${vault.profile.name} (your delegation)`)).toBeVisible();
    await expect.element(history.getByText('this workstation')).toBeVisible();
  });
});
