/** Ownership rules between kinds, what each role is offered, what may leave the vault, and record references. */
import { describe, expect, it } from 'vitest';
import { ACTIONS, RECORD_KINDS, allowedActions, canCreate, isRecordRef, isShareable, kindRules, ownerOf, RECORD_REF_PATTERN } from '@shared/domain';
import { ROLES } from '@shared/crypto/formats';
import { newRecordId, RECORD_ID_PATTERN } from '@shared/sync/ids';
import type { KindRules } from '@shared/sync';
import { DE, FR, UA, acceptanceValues, allocation, deliveryValues, needValues, offerValues, rid } from './helpers';

// kindRules is what the sync layer's replica and local writes take.
const asSyncRules: KindRules = kindRules;

const NEED = rid(UA, 1);
const OFFER = rid(DE, 1);

function check(kind: string, recordId: string, values: object, ops?: { field: string; base: string[] }[]): string | null {
  const owner = recordId.slice(0, 26);
  return asSyncRules.check({ kind, recordId, owner, authorDelegation: owner, values: values as never, ops: (ops ?? []) as never });
}

describe('record references', () => {
  it('carry their owner, with the same pattern as the sync layer', () => {
    expect(ownerOf(NEED)).toBe(UA);
    expect(ownerOf('nope')).toBeNull();
    expect(RECORD_REF_PATTERN.source).toBe(RECORD_ID_PATTERN.source);
    const id = newRecordId(DE);
    expect(isRecordRef(id)).toBe(true);
    expect(ownerOf(id)).toBe(DE);
    for (const bad of [`${DE}-${'a'.repeat(25)}`, `${DE}_${'a'.repeat(26)}`, `${DE.toUpperCase()}-${'a'.repeat(26)}`, `${DE}-${'1'.repeat(26)}`, 42, null]) {
      expect(isRecordRef(bad), String(bad)).toBe(false);
      expect(typeof bad === 'string' && RECORD_ID_PATTERN.test(bad)).toBe(false);
    }
  });
});

describe('kind rules', () => {
  it('accept a delivery by the owner of its offer, and reject one by anybody else', () => {
    expect(check('delivery', rid(DE, 2), deliveryValues(OFFER, { need: NEED }))).toBeNull();
    expect(check('delivery', rid(FR, 2), deliveryValues(OFFER))).toBe('delivery-not-offer-owner');
    expect(check('delivery', rid(DE, 2), { ...deliveryValues(OFFER), offer: undefined })).toBe('delivery-offer-invalid');
    expect(check('delivery', rid(DE, 2), deliveryValues(OFFER, { need: 'x' }))).toBe('delivery-need-invalid');
  });

  it('accept an acceptance by the owner of its need, and reject one by anybody else', () => {
    const delivery = rid(DE, 2);
    expect(check('acceptance', rid(UA, 3), acceptanceValues(delivery, NEED))).toBeNull();
    expect(check('acceptance', rid(DE, 3), acceptanceValues(delivery, NEED))).toBe('acceptance-not-need-owner');
    expect(check('acceptance', rid(UA, 3), acceptanceValues(delivery, 'x'))).toBe('acceptance-need-invalid');
    expect(check('acceptance', rid(UA, 3), acceptanceValues('x', NEED))).toBe('acceptance-delivery-invalid');
  });

  it('keep allocations inside their offer and require them to name records', () => {
    expect(check('offer', OFFER, offerValues({ allocations: [allocation(NEED, 2), allocation(rid(UA, 9), 2)] }))).toBeNull();
    expect(check('offer', OFFER, { ...offerValues(), allocations: undefined })).toBeNull();
    expect(check('offer', OFFER, { ...offerValues(), allocations: { need: NEED } })).toBe('allocations-invalid');
    expect(check('offer', OFFER, offerValues({ allocations: [{ ...allocation(NEED, 2), need: 'x' }] }))).toBe('allocation-need-invalid');
    expect(check('offer', OFFER, { ...offerValues(), allocations: [null] })).toBe('allocation-need-invalid');
  });

  it('keep deliveries and acceptances append-only, but let their owner delete them', () => {
    const delivery = rid(DE, 2);
    const created = [{ field: 'offer', base: [] }, { field: 'quantity', base: [] }];
    expect(check('delivery', delivery, deliveryValues(OFFER), created)).toBeNull();
    expect(check('delivery', delivery, deliveryValues(OFFER, { quantity: 5 }), [{ field: 'quantity', base: ['h1'] }])).toBe('event-immutable');
    expect(check('acceptance', rid(UA, 3), acceptanceValues(delivery, NEED), [{ field: 'quantityAccepted', base: ['h1'] }])).toBe('event-immutable');
    expect(check('delivery', delivery, deliveryValues(OFFER), [{ field: '_deleted', base: ['h1'] }])).toBeNull();
    // A change-set that only deletes (or restores) writes no values: nothing to check beyond ownership.
    expect(check('delivery', delivery, {}, [{ field: '_deleted', base: ['h1'] }])).toBeNull();
    expect(check('acceptance', rid(UA, 3), {}, [{ field: '_deleted', base: ['h1'] }])).toBeNull();
    // Needs and offers are edited all the time.
    expect(check('need', NEED, needValues(), [{ field: 'status', base: ['h1'] }])).toBeNull();
    expect(check('offer', OFFER, offerValues(), [{ field: 'status', base: ['h1'] }])).toBeNull();
  });

  it('reject unknown kinds, and writes by anyone but the owner named in the id', () => {
    expect(check('vehicle', NEED, {})).toBe('unknown-kind');
    expect(kindRules.check({ kind: 'need', recordId: NEED, owner: DE, authorDelegation: DE, values: needValues() })).toBe('owner-not-in-id');
    expect(kindRules.check({ kind: 'need', recordId: NEED, owner: UA, authorDelegation: DE, values: needValues() })).toBe('author-not-owner');
    expect(check('note', rid(FR, 1), {})).toBeNull();
  });
});

describe('role permissions', () => {
  it('let a beneficiary file needs and accept deliveries', () => {
    expect(allowedActions('beneficiary', 'need', true)).toEqual(['create', 'edit', 'changeStatus', 'delete']);
    expect(allowedActions('beneficiary', 'delivery', false)).toEqual(['accept']);
    expect(allowedActions('beneficiary', 'acceptance', true)).toEqual(['create', 'delete']);
    expect(canCreate('beneficiary', 'offer')).toBe(false);
    expect(canCreate('beneficiary', 'delivery')).toBe(false);
  });

  it('let a partner make offers, allocate them to needs and record deliveries', () => {
    expect(allowedActions('partner', 'offer', true)).toEqual(['create', 'edit', 'changeStatus', 'allocate', 'recordDelivery', 'delete']);
    expect(allowedActions('partner', 'need', false)).toEqual(['allocate']);
    expect(allowedActions('partner', 'delivery', true)).toEqual(['create', 'delete']);
    expect(canCreate('partner', 'need')).toBe(false);
    expect(canCreate('partner', 'acceptance')).toBe(false);
  });

  it('let observers and the secretariat write notes only', () => {
    for (const role of ['observer', 'secretariat'] as const) {
      expect(RECORD_KINDS.filter((kind) => canCreate(role, kind))).toEqual(['note']);
      expect(allowedActions(role, 'note', true)).toEqual(['create', 'edit', 'delete']);
    }
  });

  it('make records of others read-only, except for actions that write one\'s own records', () => {
    for (const role of ROLES) {
      for (const kind of RECORD_KINDS) {
        const offered = allowedActions(role, kind, false);
        for (const action of offered) expect(['allocate', 'accept']).toContain(action);
        for (const action of allowedActions(role, kind, true)) expect(ACTIONS).toContain(action);
      }
    }
    // Events are never edited.
    for (const role of ROLES) for (const kind of ['delivery', 'acceptance'] as const) expect(allowedActions(role, kind, true)).not.toContain('edit');
  });
});

describe('sharing', () => {
  it('keeps drafts (and unreadable needs) in the vault', () => {
    expect(isShareable('need', needValues({ status: 'draft' }))).toBe(false);
    expect(isShareable('need', {})).toBe(false);
    expect(isShareable('need', needValues({ status: 'submitted' }))).toBe(true);
    expect(isShareable('offer', offerValues({ status: 'indicative' }))).toBe(true);
  });
});
