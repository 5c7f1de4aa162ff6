/** Dashboard figures on a small fixture, with the exact numbers and the records behind each. */
import { describe, expect, it } from 'vitest';
import { computeDashboard, type Figure } from '@shared/domain';
import { DE, FR, PL, UA, acceptanceValues, deliveryValues, needValues, offerValues, rid, view } from './helpers';

const eur = (euros: number) => ({ amountCents: euros * 100, currency: 'EUR' as const, eurCents: euros * 100 });
const [N1, N2, N3, N4, N5, N6, N7, N8] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => rid(UA, n)) as [string, string, string, string, string, string, string, string];
const [O1, O4, O6] = [rid(DE, 1), rid(DE, 4), rid(DE, 6)];
const [O2, O5] = [rid(FR, 2), rid(FR, 5)];
const O3 = rid(PL, 3);
const [D1, D2] = [rid(DE, 11), rid(FR, 12)];
const A1 = rid(UA, 21);

const fixture = {
  needs: [
    view(N1, needValues({ sector: 'energy', category: 'hardware', priority: 'critical', quantity: 10, unit: 'item', estimatedValue: eur(100_000), deadline: '2025-04-01' })),
    view(N2, needValues({ sector: 'energy', category: 'software-licences', priority: 'high', quantity: 100, unit: 'licence', estimatedValue: eur(5_000), deadline: '2025-03-15' }), { tlp: 'GREEN' }),
    view(N3, needValues({ sector: 'health', category: 'training', priority: 'medium', quantity: 20, unit: 'seat', estimatedValue: eur(40_000), status: 'submitted', assessmentScore: null, interAgencyPriority: null }), { tlp: 'AMBER+STRICT' }),
    view(N4, needValues({ sector: 'water', category: 'equipment', priority: 'critical', quantity: 5, unit: 'terminal', estimatedValue: eur(10_000), deadline: null })),
    view(N5, needValues({ sector: 'government', category: 'hardware', priority: 'high', quantity: 3, estimatedValue: eur(9_000), status: 'draft' })),
    view(N6, needValues({ sector: 'government', category: 'services', priority: 'low', quantity: 10, unit: 'person-day', estimatedValue: eur(10_000), status: 'withdrawn' })),
    view(N7, needValues({ sector: 'finance', category: 'services', priority: 'critical', quantity: 30, unit: 'person-day', estimatedValue: eur(30_000), status: 'closed' })),
    view(N8, needValues({ priority: 'critical', estimatedValue: eur(1_000_000) }), { tlp: 'RED', deleted: true }),
  ],
  offers: [
    view(O1, offerValues({ status: 'committed', quantity: 10, unit: 'item', value: eur(90_000), allocations: [{ need: N1, quantity: 10, value: eur(90_000) }] })),
    view(O2, offerValues({ status: 'indicative', quantity: 50, unit: 'licence', value: eur(2_000), allocations: [{ need: N2, quantity: 50, value: eur(2_000) }] })),
    view(O3, offerValues({
      status: 'contracted', quantity: 20, unit: 'seat', value: { amountCents: 13_043_478, currency: 'PLN', eurCents: 3_000_000 },
      allocations: [{ need: N3, quantity: 10, value: { amountCents: 6_521_739, currency: 'PLN', eurCents: 1_500_000 } }],
    })),
    view(O4, offerValues({ status: 'cancelled', quantity: 5, unit: 'terminal', value: eur(5_000), allocations: [{ need: N4, quantity: 5, value: eur(5_000) }] })),
    view(O5, offerValues({ status: 'delivered', quantity: 30, unit: 'person-day', value: eur(27_000), allocations: [{ need: N7, quantity: 30, value: eur(27_000) }] })),
    view(O6, offerValues({ status: 'suspended', quantity: 2, unit: 'terminal', value: eur(2_000), allocations: [{ need: N4, quantity: 2, value: eur(2_000) }] })),
  ],
  deliveries: [view(D1, deliveryValues(O1, { quantity: 4 })), view(D2, deliveryValues(O5, { need: N7, quantity: 30, unit: 'person-day' }))],
  acceptances: [view(A1, acceptanceValues(D1, N1, { quantityAccepted: 4 }))],
};

const fig = (value: number, records: string[]): Figure => ({ value, records });

describe('dashboard', () => {
  const dashboard = computeDashboard(fixture, { today: '2025-03-20' });

  it('totals requested, pledged, committed and delivered in EUR cents, with the records behind them', () => {
    expect(dashboard.totals).toEqual({
      // Drafts, withdrawn and deleted needs ask for nothing; closed ones were asked for.
      requested: fig(18_500_000, [N1, N2, N3, N4, N7]),
      // Cancelled and suspended offers are not pledges.
      pledged: fig(14_900_000, [O1, O2, O3, O5]),
      committed: fig(14_700_000, [O1, O3, O5]),
      // D1 is 4 of O1's 10 items: 40% of 90 000 EUR.
      delivered: fig(6_300_000, [D1, D2]),
      needs: fig(5, [N1, N2, N3, N4, N7]),
      offers: fig(6, [O1, O2, O3, O4, O5, O6]),
      deliveries: fig(2, [D1, D2]),
      acceptances: fig(1, [A1]),
      byState: {
        uncovered: fig(1, [N4]),
        'partially-covered': fig(2, [N2, N3]),
        covered: fig(2, [N1, N7]),
        'over-covered': fig(0, []),
      },
    });
  });

  it('gives coverage by sector and by category', () => {
    const bySector = Object.fromEntries(dashboard.bySector.map((g) => [g.key, g]));
    expect(bySector.energy).toEqual({
      key: 'energy',
      needed: fig(10_500_000, [N1, N2]),
      allocated: fig(9_200_000, [O1, O2]),
      committed: fig(9_000_000, [O1]),
      delivered: fig(3_600_000, [D1]),
      allocatedPercent: 87.6,
      deliveredPercent: 34.3,
    });
    expect(bySector.health).toMatchObject({ needed: fig(4_000_000, [N3]), allocated: fig(1_500_000, [O3]), committed: fig(1_500_000, [O3]), delivered: fig(0, []), allocatedPercent: 37.5, deliveredPercent: 0 });
    expect(bySector.water).toMatchObject({ needed: fig(1_000_000, [N4]), allocated: fig(0, []), allocatedPercent: 0 });
    expect(bySector.finance).toMatchObject({ allocated: fig(2_700_000, [O5]), delivered: fig(2_700_000, [D2]), allocatedPercent: 90, deliveredPercent: 90 });
    expect(bySector.government).toMatchObject({ needed: fig(0, []), allocatedPercent: null, deliveredPercent: null });
    expect(dashboard.bySector.map((g) => g.key)).toEqual(['energy', 'telecom', 'finance', 'government', 'health', 'transport', 'water', 'other']);

    const byCategory = Object.fromEntries(dashboard.byCategory.map((g) => [g.key, g]));
    expect(byCategory.hardware).toMatchObject({ needed: fig(10_000_000, [N1]), allocated: fig(9_000_000, [O1]), delivered: fig(3_600_000, [D1]), allocatedPercent: 90, deliveredPercent: 36 });
    expect(byCategory['software-licences']).toMatchObject({ needed: fig(500_000, [N2]), allocated: fig(200_000, [O2]), committed: fig(0, []), allocatedPercent: 40 });
    expect(byCategory.services).toMatchObject({ needed: fig(3_000_000, [N7]), allocated: fig(2_700_000, [O5]) });
    expect(byCategory['threat-intelligence']?.allocatedPercent).toBeNull();
  });

  it('lists offers by partner, most pledged first', () => {
    expect(dashboard.byPartner).toEqual([
      { partner: DE, offers: fig(3, [O1, O4, O6]), pledged: fig(9_000_000, [O1]), committed: fig(9_000_000, [O1]), delivered: fig(3_600_000, [D1]) },
      { partner: PL, offers: fig(1, [O3]), pledged: fig(3_000_000, [O3]), committed: fig(3_000_000, [O3]), delivered: fig(0, []) },
      { partner: FR, offers: fig(2, [O2, O5]), pledged: fig(2_900_000, [O2, O5]), committed: fig(2_700_000, [O5]), delivered: fig(2_700_000, [D2]) },
    ]);
  });

  it('lists critical needs not covered yet by priority, then deadline', () => {
    expect(dashboard.criticalUncovered.map((n) => [n.id, n.priority, n.state, n.deadline, n.overdue])).toEqual([
      [N4, 'critical', 'uncovered', null, false],
      [N2, 'high', 'partially-covered', '2025-03-15', true],
    ]);
    expect(dashboard.criticalUncovered[1]).toMatchObject({ requestedQty: 100, allocatedQty: 50, unit: 'licence', records: [N2, O2] });
    expect(dashboard.criticalUncoveredCount).toBe(2);
    // Deadline breaks ties within a priority; nulls last.
    const more = computeDashboard({ ...fixture, needs: [...fixture.needs, view(rid(UA, 30), needValues({ priority: 'critical', deadline: '2025-03-01' }))] });
    expect(more.criticalUncovered.map((n) => n.id)).toEqual([rid(UA, 30), N4, N2]);
    expect(computeDashboard(fixture, { criticalLimit: 1 }).criticalUncovered.map((n) => n.id)).toEqual([N4]);
  });

  it('has no warnings on this fixture, and reports the highest TLP of the records it counts', () => {
    expect(dashboard.warnings).toEqual([]);
    expect(Object.values(dashboard.warningCounts).every((f) => f.value === 0 && f.records.length === 0)).toBe(true);
    // The deleted RED need is not part of the picture.
    expect(dashboard.highestTlp).toBe('AMBER+STRICT');
  });

  it('counts warnings by type with the records they are about', () => {
    const extra = [
      // N1 was already covered by O1: this one is redundant.
      view(rid(FR, 40), offerValues({ quantity: 5, unit: 'item', allocations: [{ need: N1, quantity: 5, value: eur(10_000) }] })),
      // N2 had 50 of 100 licences: 60 more is over, but neither offer is redundant.
      view(rid(PL, 41), offerValues({ quantity: 60, unit: 'licence', value: eur(3_000), allocations: [{ need: N2, quantity: 60, value: eur(3_000) }] })),
    ];
    const flagged = computeDashboard({ ...fixture, offers: [...fixture.offers, ...extra] });
    expect(flagged.warningCounts['duplicate-offer']).toEqual(fig(1, [N1]));
    expect(flagged.warningCounts['over-coverage']).toEqual(fig(1, [N2]));
    expect(flagged.totals.byState['over-covered']).toEqual(fig(2, [N1, N2]));
    expect(flagged.warnings.map((w) => w.type)).toEqual(['over-coverage', 'duplicate-offer']);
  });
});
