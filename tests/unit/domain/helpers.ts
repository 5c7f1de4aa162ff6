/**
 * Builders for hand-made domain cases: readable delegation and record ids, and valid values of each kind
 * with overrides, so each test states only what matters to it.
 */
import type { AcceptanceValues, DeliveryValues, NeedValues, OfferValues, RecordInput } from '@shared/domain';
import type { Tlp } from '@shared/sync/tlp';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function encode(n: number): string {
  let out = '';
  let rest = n;
  for (let i = 0; i < 26; i += 1) {
    out = BASE32.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** A delegation id that reads as its name: 'ua' → 'uaaaaaaaaaaaaaaaaaaaaaaaaa'. */
export function delegation(name: string): string {
  return name.toLowerCase().padEnd(26, 'a');
}

export const UA = delegation('ua');
export const UA2 = delegation('uab');
export const DE = delegation('de');
export const FR = delegation('fr');
export const PL = delegation('pl');

/** The n-th record id of `owner`. */
export function rid(owner: string, n: number): string {
  return `${owner}-${encode(n)}`;
}

export function needValues(overrides: Partial<NeedValues> = {}): NeedValues {
  return {
    title: 'Firewalls for substations',
    description: '',
    institution: 'Ukrenergo',
    sector: 'energy',
    category: 'hardware',
    priority: 'high',
    quantity: 10,
    unit: 'item',
    estimatedValue: { amountCents: 100_000_00, currency: 'EUR', eurCents: 100_000_00 },
    deadline: '2025-06-30',
    assessmentScore: 8,
    interAgencyPriority: 3,
    status: 'open',
    ...overrides,
  };
}

export function offerValues(overrides: Partial<OfferValues> = {}): OfferValues {
  return {
    title: 'Next-generation firewalls',
    description: '',
    category: 'hardware',
    quantity: 10,
    unit: 'item',
    value: { amountCents: 100_000_00, currency: 'EUR', eurCents: 100_000_00 },
    channel: 'bilateral',
    expectedDate: null,
    status: 'committed',
    allocations: [],
    ...overrides,
  };
}

/** An allocation of `quantity` at 10 000 EUR a unit. */
export function allocation(need: string, quantity: number, eurPerUnit = 10_000): OfferValues['allocations'][number] {
  const cents = quantity * eurPerUnit * 100;
  return { need, quantity, value: { amountCents: cents, currency: 'EUR', eurCents: cents } };
}

export function deliveryValues(offer: string, overrides: Partial<DeliveryValues> = {}): DeliveryValues {
  return { offer, need: null, quantity: 1, unit: 'item', date: '2025-02-01', note: '', ...overrides };
}

export function acceptanceValues(delivery: string, need: string, overrides: Partial<AcceptanceValues> = {}): AcceptanceValues {
  return { delivery, need, quantityAccepted: 1, date: '2025-02-03', note: '', ...overrides };
}

/** A record as the sync layer's RecordView hands it over. */
export function view(id: string, values: object, options: { tlp?: Tlp; deleted?: boolean } = {}): RecordInput {
  return { id, owner: id.slice(0, 26), tlp: options.tlp ?? 'AMBER', deleted: options.deleted ?? false, values: values as Record<string, unknown> };
}
