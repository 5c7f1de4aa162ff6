/**
 * Records for the coordination screens' tests (issue #5): needs, offers, deliveries and acceptances
 * whose values pass shared/domain's schemas, owned by delegations of the test's choosing, and a fake
 * vault filled with the demo picture through its own `demo-load`.
 */
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { createFakeVault, fakeRecordView, randomBase32Id, type FakeVault, type FakeVaultOptions } from './fake-vault';

export const TODAY = '2025-03-03';

/** A delegation id for records of "another delegation". */
export const UKRAINE = randomBase32Id();
export const GERMANY = randomBase32Id();

export function needView(owner: string, values: Record<string, Json> = {}, fields: Partial<RecordView> = {}): RecordView {
  return fakeRecordView({
    kind: 'need',
    owner,
    tlp: 'AMBER',
    values: {
      title: 'Satellite terminals for Kharkiv water utility',
      description: 'Backup connectivity for pumping stations.',
      institution: 'Kharkivvodokanal',
      sector: 'water',
      category: 'equipment',
      priority: 'high',
      quantity: 40,
      unit: 'terminal',
      estimatedValue: { amountCents: 2_600_000, currency: 'EUR', eurCents: 2_600_000 },
      deadline: '2025-06-30',
      assessmentScore: 8,
      interAgencyPriority: 3,
      status: 'open',
      ...values,
    },
    ...fields,
  });
}

export function offerView(owner: string, values: Record<string, Json> = {}, fields: Partial<RecordView> = {}): RecordView {
  return fakeRecordView({
    kind: 'offer',
    owner,
    tlp: 'GREEN',
    values: {
      title: 'Satellite terminals with twelve months of service',
      description: '',
      category: 'equipment',
      quantity: 40,
      unit: 'terminal',
      value: { amountCents: 2_400_000, currency: 'EUR', eurCents: 2_400_000 },
      channel: 'bilateral',
      expectedDate: '2025-05-01',
      status: 'committed',
      allocations: [],
      ...values,
    },
    ...fields,
  });
}

export function allocation(need: RecordView, quantity: number, eurCents: number): Json {
  return { need: need.id, quantity, value: { amountCents: eurCents, currency: 'EUR', eurCents } };
}

export function deliveryView(offer: RecordView, need: RecordView | null, quantity: number): RecordView {
  return fakeRecordView({
    kind: 'delivery',
    owner: offer.owner,
    tlp: 'AMBER',
    values: { offer: offer.id, need: need?.id ?? null, quantity, unit: valueText(offer, 'unit'), date: '2025-02-20', note: '' },
  });
}

/** A text field of a record (the tests' own records hold text where they say so). */
export function valueText(view: RecordView, field: string): string {
  const value = view.values[field];
  if (typeof value !== 'string') throw new Error(`${field} of ${view.id} is not text`);
  return value;
}

/** A fake vault holding the demo picture (the worker's generator, with fake delegation ids). */
export async function demoVault(options: FakeVaultOptions = {}): Promise<FakeVault> {
  const vault = createFakeVault(options);
  await vault.request({ cmd: 'demo-load', language: options.settings?.language ?? 'en', today: TODAY });
  return vault;
}

/** The records of one kind the fake vault holds. */
export function recordsOf(vault: FakeVault, kind: string): RecordView[] {
  return [...vault.records.values()].filter((view) => view.kind === kind);
}
