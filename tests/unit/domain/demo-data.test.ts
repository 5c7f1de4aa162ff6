/** Demo and bulk data: deterministic, valid against the schemas and kind rules, and showing every case. */
import { describe, expect, it } from 'vitest';
import {
  DEMO_DELEGATIONS,
  DEMO_DELEGATION_KEYS,
  computeDashboard,
  generateBulkRecords,
  generateDemoData,
  kindRules,
  parseRecordValues,
  resolveDemoValues,
  type DemoRecord,
  type RecordInput,
} from '@shared/domain';
import { ROLES } from '@shared/crypto/formats';
import { delegation, rid } from './helpers';

/** What the worker-side seeding does: a delegation id per key, a record id per ref, in list order. */
function mint(records: readonly DemoRecord[]) {
  const delegationIds = new Map(DEMO_DELEGATION_KEYS.map((key) => [key, delegation(key)]));
  const ids = new Map<string, string>();
  const resolved = records.map((record, index) => {
    const owner = delegationIds.get(record.delegation) as string;
    const id = rid(owner, index + 1);
    ids.set(record.ref, id);
    const values = resolveDemoValues(
      record,
      (ref) => {
        const target = ids.get(ref);
        if (target === undefined) throw new Error(`${record.ref} refers to ${ref}, which is not listed before it`);
        return target;
      },
      (key) => delegationIds.get(key) as string,
    );
    return { record, id, owner, values };
  });
  return resolved;
}

describe('demo data', () => {
  const records = generateDemoData();
  const resolved = mint(records);

  it('is the same for the same seed and date, and different for another seed', () => {
    expect(generateDemoData()).toEqual(records);
    expect(generateDemoData({ seed: 7 })).not.toEqual(records);
    expect(generateDemoData({ today: '2026-01-15' })).not.toEqual(records);
  });

  it('has the founding members, the observers and a secretariat, each with a role', () => {
    expect(DEMO_DELEGATIONS.map((d) => d.key)).toEqual([...DEMO_DELEGATION_KEYS]);
    const byRole = (role: string) => DEMO_DELEGATIONS.filter((d) => d.role === role).map((d) => d.key);
    expect(byRole('beneficiary')).toEqual(['UA']);
    expect(byRole('partner')).toEqual(['CA', 'DK', 'EE', 'FR', 'DE', 'NL', 'PL', 'SE', 'GB', 'US']);
    expect(byRole('observer')).toEqual(['EU', 'NATO']);
    expect(byRole('secretariat')).toEqual(['SEC']);
    for (const d of DEMO_DELEGATIONS) {
      expect(ROLES).toContain(d.role);
      expect(d.nameUk).toMatch(/\p{Script=Cyrillic}/u);
    }
  });

  it('passes its schema and the kind rules once ids are minted, every reference pointing backwards', () => {
    expect(new Set(records.map((r) => r.ref)).size).toBe(records.length);
    for (const { record, id, owner, values } of resolved) {
      const parsed = parseRecordValues(record.kind, values);
      expect(parsed.ok ? null : parsed.errors, record.ref).toBeNull();
      expect(kindRules.check({ kind: record.kind, recordId: id, owner, authorDelegation: owner, values }), record.ref).toBeNull();
    }
  });

  it('is written by the delegations whose role allows it', () => {
    const roleOf = new Map(DEMO_DELEGATIONS.map((d) => [d.key, d.role]));
    const roles = (kind: string) => new Set(records.filter((r) => r.kind === kind).map((r) => roleOf.get(r.delegation)));
    expect(roles('need')).toEqual(new Set(['beneficiary']));
    expect(roles('offer')).toEqual(new Set(['partner']));
    expect(roles('delivery')).toEqual(new Set(['partner']));
    expect(roles('acceptance')).toEqual(new Set(['beneficiary']));
    expect(roles('note')).toEqual(new Set(['secretariat', 'observer']));
  });

  it('mixes English and Ukrainian titles, and shows every deconfliction case', () => {
    const titles = records.filter((r) => r.kind === 'need').map((r) => r.values.title as string);
    const ukrainian = titles.filter((t) => /\p{Script=Cyrillic}/u.test(t)).length;
    expect(ukrainian).toBeGreaterThan(titles.length / 5);
    expect(ukrainian).toBeLessThan((titles.length * 4) / 5);

    const of = (kind: string): RecordInput[] => resolved.filter((r) => r.record.kind === kind).map((r) => ({ id: r.id, owner: r.owner, tlp: r.record.tlp, deleted: false, values: r.values }));
    const dashboard = computeDashboard({ needs: of('need'), offers: of('offer'), deliveries: of('delivery'), acceptances: of('acceptance') });
    const types = new Set(dashboard.warnings.map((w) => w.type));
    for (const type of ['over-coverage', 'duplicate-offer', 'unit-mismatch', 'allocation-to-withdrawn-need'] as const) expect(types, type).toContain(type);
    expect(dashboard.warnings.filter((w) => w.type === 'duplicate-offer').map((w) => w.params.basis).sort()).toEqual(['redundant', 'same-partner']);
    for (const state of ['uncovered', 'partially-covered', 'covered', 'over-covered'] as const) expect(dashboard.totals.byState[state].value, state).toBeGreaterThan(0);
    expect(dashboard.criticalUncovered.length).toBeGreaterThan(0);
    expect(dashboard.totals.delivered.value).toBeGreaterThan(0);
    const statuses = new Set(records.filter((r) => r.kind === 'offer').map((r) => r.values.status));
    for (const status of ['indicative', 'committed', 'cancelled', 'suspended', 'delivering']) expect(statuses, status).toContain(status);
    // An offer spread over several needs.
    expect(records.some((r) => r.kind === 'offer' && (r.values.allocations as unknown[]).length > 1)).toBe(true);
  });
});

describe('bulk records', () => {
  const bulk = generateBulkRecords(2_000);

  it('are deterministic and have the stated mix', () => {
    expect(generateBulkRecords(2_000)).toEqual(bulk);
    expect(generateBulkRecords(2_000, 7)).not.toEqual(bulk);
    expect([bulk.needs.length, bulk.offers.length, bulk.deliveries.length, bulk.acceptances.length]).toEqual([800, 960, 160, 80]);
  });

  it('pass their schemas and the kind rules, with distinct ids', () => {
    const all = [
      ...bulk.needs.map((r) => ['need', r] as const),
      ...bulk.offers.map((r) => ['offer', r] as const),
      ...bulk.deliveries.map((r) => ['delivery', r] as const),
      ...bulk.acceptances.map((r) => ['acceptance', r] as const),
    ];
    expect(new Set(all.map(([, r]) => r.id)).size).toBe(all.length);
    for (const [kind, record] of all) {
      const parsed = parseRecordValues(kind, record.values);
      expect(parsed.ok ? null : parsed.errors, `${kind} ${record.id}`).toBeNull();
      expect(kindRules.check({ kind, recordId: record.id, owner: record.owner, authorDelegation: record.owner, values: record.values }), record.id).toBeNull();
    }
  });
});
