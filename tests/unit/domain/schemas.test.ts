/** The values schemas: what a form may store, and which message (an i18n key) it shows beside a field. */
import { describe, expect, it } from 'vitest';
import {
  KIND_FIELDS,
  MAX_ALLOCATIONS,
  NEED_STATUSES,
  NEED_STATUS_TRANSITIONS,
  OFFER_STATUSES,
  OFFER_STATUS_TRANSITIONS,
  RECORD_KINDS,
  checkText,
  isPlainDate,
  normalizeText,
  parseRecordValues,
  type FieldErrors,
} from '@shared/domain';
import { FieldNameSchema } from '@shared/sync/changeset';
import { UA, acceptanceValues, allocation, deliveryValues, delegation, needValues, offerValues, rid } from './helpers';

const NEED = rid(UA, 1);
const OFFER = rid(delegation('de'), 1);

function errorsOf(kind: string, values: unknown): FieldErrors {
  const result = parseRecordValues(kind, values);
  if (result.ok) throw new Error('expected the values to be refused');
  return result.errors;
}

describe('values schemas', () => {
  it('accept a valid record of each kind', () => {
    expect(parseRecordValues('need', needValues())).toMatchObject({ ok: true, kind: 'need' });
    expect(parseRecordValues('offer', offerValues({ allocations: [allocation(NEED, 4)] }))).toMatchObject({ ok: true });
    expect(parseRecordValues('delivery', deliveryValues(OFFER, { need: NEED }))).toMatchObject({ ok: true });
    expect(parseRecordValues('acceptance', acceptanceValues(rid(delegation('de'), 2), NEED))).toMatchObject({ ok: true });
    const note = { title: 'Plenary', body: 'Decided.\nNext meeting in May.', type: 'decision', meetingDate: '2025-03-01', actionItems: [{ text: 'Send list', owner: UA, due: null, done: false }], links: [NEED] };
    expect(parseRecordValues('note', note)).toMatchObject({ ok: true });
  });

  it('list exactly the fields of each schema, each a valid sync register name', () => {
    for (const kind of RECORD_KINDS) {
      const fields = KIND_FIELDS[kind];
      for (const field of fields) expect(FieldNameSchema.safeParse(field).success, `${kind}.${field}`).toBe(true);
      // Every listed field is required: dropping one is reported at that field.
      const valid = { need: needValues(), offer: offerValues(), delivery: deliveryValues(OFFER), acceptance: acceptanceValues(OFFER, NEED), note: { title: 't', body: '', type: 'note', meetingDate: null, actionItems: [], links: [] } }[kind];
      expect(Object.keys(valid).sort()).toEqual([...fields].sort());
      for (const field of fields) {
        const without = Object.fromEntries(Object.entries(valid).filter(([name]) => name !== field));
        expect(errorsOf(kind, without)[field], `${kind}.${field}`).toEqual({ key: 'validation.required' });
      }
    }
  });

  it('report messages as i18n keys with parameters, at the path of the field', () => {
    const errors = errorsOf('need', {
      ...needValues(),
      title: 'x'.repeat(201),
      quantity: 2.5,
      priority: 'urgent',
      estimatedValue: { amountCents: -1, currency: 'XXX', eurCents: 5 },
      deadline: '2023-02-29',
      extra: 1,
    });
    expect(errors).toEqual({
      title: { key: 'validation.tooLong', params: { max: 200 } },
      quantity: { key: 'validation.notInteger' },
      priority: { key: 'validation.invalidChoice' },
      'estimatedValue.amountCents': { key: 'validation.tooSmall', params: { min: 0 } },
      'estimatedValue.currency': { key: 'validation.invalidChoice' },
      deadline: { key: 'validation.invalidDate' },
      extra: { key: 'validation.unknownField' },
    });
    expect(errorsOf('need', { ...needValues(), quantity: 0, assessmentScore: 11 })).toEqual({
      quantity: { key: 'validation.tooSmall', params: { min: 1 } },
      assessmentScore: { key: 'validation.tooLarge', params: { max: 10 } },
    });
    expect(errorsOf('need', { ...needValues(), title: '' })).toEqual({ title: { key: 'validation.required' } });
    expect(errorsOf('need', 'not an object')).toEqual({ '': { key: 'validation.invalidType' } });
    expect(errorsOf('vehicle', {})).toEqual({ '': { key: 'validation.unknownKind' } });
  });

  it('require a score from "assessed" on and a rank from "prioritised" on', () => {
    expect(parseRecordValues('need', needValues({ status: 'submitted', assessmentScore: null, interAgencyPriority: null })).ok).toBe(true);
    expect(errorsOf('need', needValues({ status: 'assessed', assessmentScore: null, interAgencyPriority: null }))).toEqual({ assessmentScore: { key: 'validation.scoreRequired' } });
    expect(errorsOf('need', needValues({ status: 'open', interAgencyPriority: null }))).toEqual({ interAgencyPriority: { key: 'validation.rankRequired' } });
    expect(parseRecordValues('need', needValues({ status: 'withdrawn', assessmentScore: null, interAgencyPriority: null })).ok).toBe(true);
  });

  it('keep money as integer cents, with the EUR value equal to the amount for euros', () => {
    expect(errorsOf('need', needValues({ estimatedValue: { amountCents: 100, currency: 'EUR', eurCents: 99 } }))).toEqual({ 'estimatedValue.eurCents': { key: 'validation.eurMismatch' } });
    expect(parseRecordValues('need', needValues({ estimatedValue: { amountCents: 100_000, currency: 'DKK', eurCents: 13_400 } })).ok).toBe(true);
    expect(errorsOf('need', { ...needValues(), estimatedValue: { amountCents: 10.5, currency: 'EUR', eurCents: 10.5 } })['estimatedValue.amountCents']).toEqual({ key: 'validation.notInteger' });
    expect(errorsOf('need', { ...needValues(), estimatedValue: { amountCents: 1e13, currency: 'USD', eurCents: 1 } })['estimatedValue.amountCents']).toEqual({ key: 'validation.tooLarge', params: { max: 1e12 } });
    expect(errorsOf('need', { ...needValues(), estimatedValue: { amountCents: 1, currency: 'EUR' } })['estimatedValue.eurCents']).toEqual({ key: 'validation.required' });
  });

  it('check allocations inside the offer: one per need, in its currency, within its quantity and value', () => {
    const need2 = rid(UA, 2);
    expect(errorsOf('offer', offerValues({ allocations: [allocation(NEED, 2), allocation(NEED, 3)] }))).toEqual({ 'allocations.1.need': { key: 'validation.duplicateReference' } });
    expect(errorsOf('offer', offerValues({ allocations: [allocation(NEED, 6), allocation(need2, 5)] }))).toEqual({ allocations: { key: 'validation.allocationsExceedQuantity', params: { max: 10 } } });
    expect(errorsOf('offer', offerValues({ allocations: [allocation(NEED, 5, 30_000)] }))).toEqual({ allocations: { key: 'validation.allocationsExceedValue' } });
    const inDollars = { need: NEED, quantity: 1, value: { amountCents: 100, currency: 'USD' as const, eurCents: 92 } };
    expect(errorsOf('offer', offerValues({ allocations: [inDollars] }))).toEqual({ 'allocations.0.value.currency': { key: 'validation.currencyMismatch', params: { currency: 'EUR' } } });
    expect(errorsOf('offer', offerValues({ allocations: [{ ...allocation(NEED, 1), need: 'not-an-id' }] }))).toEqual({ 'allocations.0.need': { key: 'validation.invalidRecordId' } });
    const many = Array.from({ length: MAX_ALLOCATIONS + 1 }, (_, i) => allocation(rid(UA, i + 10), 1, 1));
    expect(errorsOf('offer', offerValues({ quantity: 1000, allocations: many })).allocations).toEqual({ key: 'validation.tooMany', params: { max: 200 } });
  });

  it('check references of events and notes', () => {
    expect(errorsOf('delivery', deliveryValues('nope'))).toEqual({ offer: { key: 'validation.invalidRecordId' } });
    expect(errorsOf('acceptance', { ...acceptanceValues(OFFER, NEED), quantityAccepted: -1 })).toEqual({ quantityAccepted: { key: 'validation.tooSmall', params: { min: 0 } } });
    const note = { title: 't', body: '', type: 'memo', meetingDate: null, actionItems: [{ text: 'x', owner: 'Ukraine', due: '2025-02-30', done: 'no' }], links: [NEED, NEED] };
    expect(errorsOf('note', note)).toEqual({
      type: { key: 'validation.invalidChoice' },
      'actionItems.0.owner': { key: 'validation.invalidDelegationId' },
      'actionItems.0.due': { key: 'validation.invalidDate' },
      'actionItems.0.done': { key: 'validation.invalidType' },
    });
    expect(errorsOf('note', { ...note, type: 'note', actionItems: [] })).toEqual({ 'links.1': { key: 'validation.duplicateReference' } });
  });
});

describe('text', () => {
  const decomposed = 'Київ'.normalize('NFD');

  it('is refused unless NFC, trimmed and free of control and bidi characters', () => {
    expect(decomposed).not.toBe('Київ');
    expect(errorsOf('need', needValues({ title: decomposed }))).toEqual({ title: { key: 'validation.notNormalized' } });
    expect(errorsOf('need', needValues({ title: ' Firewalls' }))).toEqual({ title: { key: 'validation.notNormalized' } });
    expect(errorsOf('need', needValues({ title: 'Fire\nwalls' }))).toEqual({ title: { key: 'validation.forbiddenCharacters' } });
    expect(errorsOf('need', needValues({ title: 'invoice\u202efdp.exe' }))).toEqual({ title: { key: 'validation.forbiddenCharacters' } });
    expect(errorsOf('need', needValues({ description: 'bell\u0007' }))).toEqual({ description: { key: 'validation.forbiddenCharacters' } });
    expect(parseRecordValues('need', needValues({ description: 'Line one\n\tLine two' })).ok).toBe(true);
  });

  it('is normalised for forms by normalizeText', () => {
    expect(normalizeText(`  ${decomposed}\r\n`)).toBe('Київ');
    expect(normalizeText('a\r\nb\rc', { multiline: true })).toBe('a\nb\nc');
    expect(normalizeText('Column A\tColumn B\nnext')).toBe('Column A Column B next');
    expect(checkText(normalizeText(` ${decomposed} `))).toBeNull();
    expect(parseRecordValues('need', needValues({ title: normalizeText(`${decomposed} — заміна \n`) })).ok).toBe(true);
  });
});

describe('plain dates', () => {
  it('accept real calendar dates only', () => {
    for (const date of ['2024-02-29', '2000-01-01', '2100-12-31', '2025-04-30']) expect(isPlainDate(date), date).toBe(true);
    for (const date of ['2023-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '1999-12-31', '2101-01-01', '2025-03-01T00:00:00Z', 20250301]) {
      expect(isPlainDate(date), String(date)).toBe(false);
    }
  });
});

describe('status lifecycles', () => {
  it('move needs forward, never back to draft, with withdrawn final and closed reopenable', () => {
    expect(Object.keys(NEED_STATUS_TRANSITIONS).sort()).toEqual([...NEED_STATUSES].sort());
    for (const [from, to] of Object.entries(NEED_STATUS_TRANSITIONS)) {
      expect(to, from).not.toContain(from);
      expect(to, from).not.toContain('draft');
    }
    expect(NEED_STATUS_TRANSITIONS.withdrawn).toEqual([]);
    expect(NEED_STATUS_TRANSITIONS.closed).toEqual(['open']);
  });

  it('move offers forward; delivered and cancelled are final, suspended may resume', () => {
    expect(Object.keys(OFFER_STATUS_TRANSITIONS).sort()).toEqual([...OFFER_STATUSES].sort());
    expect(OFFER_STATUS_TRANSITIONS.delivered).toEqual([]);
    expect(OFFER_STATUS_TRANSITIONS.cancelled).toEqual([]);
    expect(OFFER_STATUS_TRANSITIONS.suspended).toContain('committed');
    expect(OFFER_STATUS_TRANSITIONS.committed).not.toContain('indicative');
  });
});
