/**
 * Coverage and deconfliction warnings on hand-made cases: none, partial, exact, over, duplicate,
 * cancelled and suspended offers, mismatched units, one offer over several needs, deliveries and
 * acceptances, needs withdrawn, closed, deleted or missing.
 */
import { describe, expect, it } from 'vitest';
import { computeCoverage, type CoverageInput, type CoverageResult, type DeconflictionWarning, type NeedCoverage, type OfferValues } from '@shared/domain';
import { DE, FR, PL, UA, acceptanceValues, allocation, deliveryValues, needValues, offerValues, rid, view } from './helpers';

const N1 = rid(UA, 1);
const N2 = rid(UA, 2);

function input(parts: Partial<CoverageInput>): CoverageInput {
  return { needs: [], offers: [], deliveries: [], acceptances: [], ...parts };
}

function offer(id: string, overrides: Partial<OfferValues>) {
  return view(id, offerValues(overrides));
}

function needOf(result: CoverageResult, id: string): NeedCoverage {
  const need = result.needs.get(id);
  if (need === undefined) throw new Error(`no coverage for ${id}`);
  return need;
}

function summary(warnings: readonly DeconflictionWarning[]): { type: string; records: readonly string[] }[] {
  return warnings.map((w) => ({ type: w.type, records: w.records }));
}

describe('coverage of a need', () => {
  const need = view(N1, needValues({ quantity: 10 }));

  it('none: no offer, uncovered, nothing to warn about', () => {
    const result = computeCoverage(input({ needs: [need] }));
    expect(needOf(result, N1)).toMatchObject({ state: 'uncovered', requestedQty: 10, requestedEurCents: 100_000_00, allocatedQty: 0, committedQty: 0, deliveredQty: 0, acceptedQty: 0, allocatedEurCents: 0, offers: [] });
    expect(result.warnings).toEqual([]);
  });

  it('partial: an offer for part of the quantity', () => {
    const o = rid(DE, 1);
    const result = computeCoverage(input({ needs: [need], offers: [offer(o, { status: 'committed', allocations: [allocation(N1, 4)] })] }));
    expect(needOf(result, N1)).toMatchObject({ state: 'partially-covered', allocatedQty: 4, committedQty: 4, allocatedEurCents: 40_000_00, committedEurCents: 40_000_00, offers: [o] });
    expect(result.warnings).toEqual([]);
  });

  it('exact: a commitment and a pledge add up to the quantity; only the commitment is committed', () => {
    const [a, b] = [rid(DE, 1), rid(FR, 1)];
    const result = computeCoverage(input({ needs: [need], offers: [offer(a, { status: 'contracted', allocations: [allocation(N1, 6)] }), offer(b, { status: 'indicative', allocations: [allocation(N1, 4)] })] }));
    expect(needOf(result, N1)).toMatchObject({ state: 'covered', allocatedQty: 10, committedQty: 6, allocatedEurCents: 100_000_00, committedEurCents: 60_000_00, offers: [a, b] });
    expect(result.warnings).toEqual([]);
  });

  it('over: allocations beyond 100% are flagged with the need and every offer behind them (sorted)', () => {
    const [a, b] = [rid(FR, 1), rid(DE, 1)];
    const result = computeCoverage(input({ needs: [need], offers: [offer(a, { allocations: [allocation(N1, 7)] }), offer(b, { status: 'indicative', allocations: [allocation(N1, 5)] })] }));
    expect(needOf(result, N1)).toMatchObject({ state: 'over-covered', allocatedQty: 12 });
    expect(result.warnings).toEqual([{ type: 'over-coverage', severity: 'high', subject: N1, records: [N1, b, a], params: { requested: 10, allocated: 12, unit: 'item' } }]);
  });

  it('duplicate: two partners each pledging the whole need — one of them is redundant', () => {
    const [a, b] = [rid(DE, 1), rid(FR, 1)];
    const result = computeCoverage(input({ needs: [need], offers: [offer(a, { allocations: [allocation(N1, 10)] }), offer(b, { status: 'indicative', allocations: [allocation(N1, 10)] })] }));
    expect(needOf(result, N1).state).toBe('over-covered');
    expect(result.warnings).toEqual([{ type: 'duplicate-offer', severity: 'high', subject: N1, records: [N1, a, b], params: { basis: 'redundant', partners: 2, requested: 10, allocated: 20, unit: 'item' } }]);
  });

  it('duplicate: one partner entering the same offer twice, even without over-coverage', () => {
    const [a, b] = [rid(DE, 1), rid(DE, 2)];
    const result = computeCoverage(input({ needs: [need], offers: [offer(a, { title: 'Firewalls', allocations: [allocation(N1, 2)] }), offer(b, { title: 'FIREWALLS ', allocations: [allocation(N1, 2)] })] }));
    expect(needOf(result, N1).state).toBe('partially-covered');
    expect(summary(result.warnings)).toEqual([{ type: 'duplicate-offer', records: [N1, a, b] }]);
    expect(result.warnings[0]?.params.basis).toBe('same-partner');
  });

  it('cancelled offers count for nothing; suspended ones are shown beside the need but do not cover it', () => {
    const [cancelled, suspended] = [rid(DE, 1), rid(PL, 1)];
    const result = computeCoverage(input({ needs: [need], offers: [offer(cancelled, { status: 'cancelled', allocations: [allocation(N1, 10)] }), offer(suspended, { status: 'suspended', allocations: [allocation(N1, 5)] })] }));
    expect(needOf(result, N1)).toMatchObject({ state: 'uncovered', allocatedQty: 0, allocatedEurCents: 0, suspendedQty: 5, suspendedOffers: [suspended], offers: [] });
    expect(result.warnings).toEqual([]);
  });

  it('mismatched units: the value counts, the quantity does not, and the allocation is flagged', () => {
    const days = view(N2, needValues({ quantity: 10, unit: 'person-day' }));
    const o = rid(DE, 1);
    const result = computeCoverage(input({ needs: [days], offers: [offer(o, { unit: 'hour', quantity: 80, allocations: [allocation(N2, 80, 100)] })] }));
    expect(needOf(result, N2)).toMatchObject({ state: 'uncovered', allocatedQty: 0, allocatedEurCents: 8_000_00, mismatchedOffers: [o], offers: [] });
    expect(result.warnings).toEqual([{ type: 'unit-mismatch', severity: 'medium', subject: N2, records: [N2, o], params: { needUnit: 'person-day', otherUnit: 'hour' } }]);
    expect(result.offers.get(o)?.allocations).toMatchObject([{ need: N2, quantity: 80, sameUnit: false, marker: 'unit-mismatch', target: needOf(result, N2) }]);
  });

  it('one offer allocated to several needs covers each with its own share and is counted once', () => {
    const second = view(N2, needValues({ quantity: 8 }));
    const o = rid(DE, 1);
    const result = computeCoverage(input({ needs: [need, second], offers: [offer(o, { quantity: 20, value: { amountCents: 200_000_00, currency: 'EUR', eurCents: 200_000_00 }, allocations: [allocation(N1, 10), allocation(N2, 6)] })] }));
    expect(needOf(result, N1)).toMatchObject({ state: 'covered', allocatedQty: 10, allocatedEurCents: 100_000_00 });
    expect(needOf(result, N2)).toMatchObject({ state: 'partially-covered', allocatedQty: 6, allocatedEurCents: 60_000_00 });
    expect(result.offers.get(o)).toMatchObject({ allocatedQty: 16 });
    expect(result.warnings).toEqual([]);
  });

  it('flags an offer whose allocations add up to more than itself', () => {
    const o = rid(DE, 1);
    const result = computeCoverage(input({ needs: [need], offers: [offer(o, { quantity: 5, allocations: [allocation(N1, 7)] })] }));
    expect(summary(result.warnings)).toEqual([{ type: 'allocations-exceed-offer', records: [o, N1] }]);
  });
});

describe('deliveries and acceptances', () => {
  const need = view(N1, needValues({ quantity: 10 }));
  const o = rid(DE, 1);
  const single = offer(o, { allocations: [allocation(N1, 10)] });

  it('attribute a delivery to the need it names, or to the single need of its offer, with its share of the value', () => {
    const [d1, d2] = [rid(DE, 11), rid(DE, 12)];
    const acceptance = rid(UA, 21);
    const result = computeCoverage(input({
      needs: [need],
      offers: [single],
      deliveries: [view(d1, deliveryValues(o, { quantity: 3 })), view(d2, deliveryValues(o, { need: N1, quantity: 2 }))],
      acceptances: [view(acceptance, acceptanceValues(d1, N1, { quantityAccepted: 3 }))],
    }));
    expect(needOf(result, N1)).toMatchObject({ deliveredQty: 5, deliveredEurCents: 50_000_00, acceptedQty: 3, deliveries: [d1, d2], acceptances: [acceptance] });
    expect(result.offers.get(o)).toMatchObject({ deliveredQty: 5, deliveredEurCents: 50_000_00, deliveries: [d1, d2] });
    expect(result.deliveries.get(d1)).toMatchObject({ need: N1, eurCents: 30_000_00, acceptedQty: 3, acceptances: [acceptance] });
    expect(result.warnings).toEqual([]);
  });

  it('cannot attribute a delivery naming no need of an offer spread over several', () => {
    const spread = offer(o, { quantity: 20, allocations: [allocation(N1, 5), allocation(N2, 5)] });
    const d = rid(DE, 11);
    const result = computeCoverage(input({ needs: [need, view(N2, needValues())], offers: [spread], deliveries: [view(d, deliveryValues(o, { quantity: 2 }))] }));
    expect(needOf(result, N1).deliveredQty).toBe(0);
    expect(result.offers.get(o)?.deliveredQty).toBe(2);
    expect(result.warnings).toMatchObject([{ type: 'delivery-unattributed', records: [d, o], params: { allocations: 2 } }]);
  });

  it('flags deliveries beyond the offer, to a need outside it, or in another unit', () => {
    const [d1, d2, d3] = [rid(DE, 11), rid(DE, 12), rid(DE, 13)];
    const other = view(N2, needValues());
    const result = computeCoverage(input({
      needs: [need, other],
      offers: [single],
      deliveries: [view(d1, deliveryValues(o, { quantity: 9 })), view(d2, deliveryValues(o, { need: N2, quantity: 2 })), view(d3, deliveryValues(o, { quantity: 1, unit: 'lot' }))],
    }));
    expect(summary(result.warnings)).toEqual([
      { type: 'delivery-exceeds-offer', records: [o, d1, d2, d3] },
      { type: 'unit-mismatch', records: [d3, o] },
      { type: 'delivery-need-not-allocated', records: [d2, o, N2] },
    ]);
    expect(result.warnings[0]?.params).toEqual({ offered: 10, delivered: 11, unit: 'item' });
    expect(needOf(result, N1).deliveredQty).toBe(9);
    expect(needOf(result, N2).deliveredQty).toBe(2);
  });

  it('still counts what was delivered under an offer cancelled since', () => {
    const d = rid(DE, 11);
    const result = computeCoverage(input({ needs: [need], offers: [offer(o, { status: 'cancelled', allocations: [allocation(N1, 10)] })], deliveries: [view(d, deliveryValues(o, { quantity: 4 }))] }));
    expect(needOf(result, N1)).toMatchObject({ state: 'uncovered', deliveredQty: 4, deliveredEurCents: 40_000_00 });
  });

  it('flags acceptances beyond the delivery and references to records not here', () => {
    const d = rid(DE, 11);
    const [a1, a2, a3] = [rid(UA, 21), rid(UA, 22), rid(UA, 23)];
    const ghost = rid(DE, 99);
    const result = computeCoverage(input({
      needs: [need],
      offers: [single],
      deliveries: [view(d, deliveryValues(o, { quantity: 2 })), view(rid(DE, 12), deliveryValues(ghost, { need: N1 }))],
      acceptances: [view(a1, acceptanceValues(d, N1, { quantityAccepted: 2 })), view(a2, acceptanceValues(d, N1, { quantityAccepted: 1 })), view(a3, acceptanceValues(rid(DE, 98), N1))],
    }));
    expect(summary(result.warnings)).toEqual([
      { type: 'acceptance-exceeds-delivery', records: [d, a1, a2] },
      { type: 'missing-reference', records: [rid(DE, 12), ghost] },
      { type: 'missing-reference', records: [a3, rid(DE, 98)] },
    ]);
    // The delivery whose offer is missing still counts for the need it names.
    expect(needOf(result, N1)).toMatchObject({ deliveredQty: 3, acceptedQty: 4 });
  });
});

describe('needs no longer open', () => {
  const o = rid(DE, 1);

  it('mark and flag allocations to withdrawn, closed and deleted needs, and to needs not here', () => {
    const missing = rid(UA, 9);
    const needs = [view(N1, needValues({ status: 'withdrawn' })), view(N2, needValues({ status: 'closed' })), view(rid(UA, 3), needValues(), { deleted: true })];
    const result = computeCoverage(input({ needs, offers: [offer(o, { quantity: 40, allocations: [allocation(N1, 1), allocation(N2, 1), allocation(rid(UA, 3), 1), allocation(missing, 1)] })] }));
    expect(result.offers.get(o)?.allocations.map((a) => a.marker)).toEqual(['withdrawn', 'closed', 'deleted', 'missing']);
    expect(result.warnings.map((w) => [w.type, w.params.needState ?? '-', w.records[1]])).toEqual([
      ['allocation-to-withdrawn-need', 'withdrawn', N1],
      ['allocation-to-withdrawn-need', 'closed', N2],
      ['allocation-to-withdrawn-need', 'deleted', rid(UA, 3)],
      ['allocation-to-missing-need', '-', missing],
    ]);
    // The withdrawn need is still listed with its coverage; the deleted one is not.
    expect(needOf(result, N1).allocatedQty).toBe(1);
    expect(result.needs.has(rid(UA, 3))).toBe(false);
  });

  it('does not flag a delivered offer to a closed need, nor a cancelled offer to a withdrawn one', () => {
    const needs = [view(N1, needValues({ status: 'closed' })), view(N2, needValues({ status: 'withdrawn' }))];
    const result = computeCoverage(input({ needs, offers: [offer(o, { status: 'delivered', allocations: [allocation(N1, 10)] }), offer(rid(FR, 1), { status: 'cancelled', allocations: [allocation(N2, 10)] })] }));
    expect(result.warnings).toEqual([]);
  });
});

describe('robustness', () => {
  it('reports unreadable records and ignores deleted ones', () => {
    const bad = rid(UA, 5);
    const deletedOffer = rid(FR, 1);
    const result = computeCoverage(input({
      needs: [view(N1, needValues()), view(bad, { ...needValues(), sector: 'space' }), view(rid(UA, 6), { title: 1 }, { deleted: true })],
      offers: [view(deletedOffer, offerValues({ allocations: [allocation(N1, 10)] }), { deleted: true })],
      deliveries: [view(rid(FR, 2), deliveryValues(deletedOffer, { need: N1 }))],
    }));
    expect(summary(result.warnings)).toEqual([
      { type: 'missing-reference', records: [rid(FR, 2), deletedOffer] },
      { type: 'invalid-record', records: [bad] },
    ]);
    expect(result.warnings[0]?.params).toEqual({ field: 'offer', state: 'deleted' });
    // Deleted is deleted, readable or not: a delivery under an unreadable deleted offer says so too.
    const unreadable = computeCoverage(input({
      offers: [view(deletedOffer, { title: 3 }, { deleted: true })],
      deliveries: [view(rid(FR, 2), deliveryValues(deletedOffer))],
    }));
    expect(unreadable.warnings.map((w) => [w.type, w.params])).toEqual([['missing-reference', { field: 'offer', state: 'deleted' }]]);
    // An offer allocated to the unreadable need: the need is "not here", beside its own warning.
    const withOffer = computeCoverage(input({ needs: [view(bad, { ...needValues(), sector: 'space' })], offers: [offer(rid(DE, 1), { allocations: [allocation(bad, 1)] })] }));
    expect(withOffer.warnings.map((w) => w.type)).toEqual(['allocation-to-missing-need', 'invalid-record']);
    expect(needOf(result, N1).allocatedQty).toBe(0);
    expect(result.offers.size).toBe(0);
  });

  it('gives the same warnings whatever order the records come in', () => {
    const records = input({
      needs: [view(N1, needValues()), view(N2, needValues({ unit: 'lot' }))],
      offers: [offer(rid(DE, 1), { allocations: [allocation(N1, 10)] }), offer(rid(FR, 1), { allocations: [allocation(N1, 10), allocation(N2, 2)] }), offer(rid(PL, 1), { allocations: [allocation(rid(UA, 9), 1)] })],
      deliveries: [view(rid(FR, 2), deliveryValues(rid(FR, 1), { quantity: 30 }))],
    });
    const reversed = input({ needs: [...records.needs].reverse(), offers: [...records.offers].reverse(), deliveries: [...records.deliveries].reverse() });
    const a = computeCoverage(records);
    const b = computeCoverage(reversed);
    expect(a.warnings.length).toBeGreaterThan(3);
    expect(b.warnings).toEqual(a.warnings);
  });

  it('lists a need\'s offers, in other units and suspended, in the order the allocations were read', () => {
    const [a, b, c, d, e] = [rid(DE, 1), rid(FR, 1), rid(PL, 1), rid(DE, 2), rid(FR, 2)];
    const result = computeCoverage(input({
      needs: [view(N1, needValues({ quantity: 100 }))],
      offers: [
        offer(a, { allocations: [allocation(N1, 5)] }),
        offer(b, { status: 'suspended', allocations: [allocation(N1, 5)] }),
        offer(c, { unit: 'lot', allocations: [allocation(N1, 5)] }),
        offer(d, { status: 'cancelled', allocations: [allocation(N1, 5)] }),
        offer(e, { status: 'indicative', allocations: [allocation(N1, 5)] }),
      ],
    }));
    const need = needOf(result, N1);
    expect(need).toMatchObject({ offers: [a, e], mismatchedOffers: [c], suspendedOffers: [b], allocatedQty: 10, suspendedQty: 5 });
    // Asked twice, the same lists (a component that compares them by identity does not re-render).
    expect(need.offers).toBe(need.offers);
    expect(need.need).toMatchObject({ id: N1, quantity: 100, unit: 'item', status: 'open', deleted: false });
    // Every allocation of an offer, with its marker and the need's coverage.
    const allocations = result.offers.get(c)?.allocations ?? [];
    expect(allocations.map((x) => [x.need, x.quantity, x.sameUnit, x.marker])).toEqual([[N1, 5, false, 'unit-mismatch']]);
    expect(allocations[0]?.target).toBe(need);
    expect(allocations[0]?.offer).toMatchObject({ id: c, unit: 'lot', status: 'committed', allocations: [{ need: N1, quantity: 5 }] });
  });

  it('takes the later of two records with one id, in the place of the first, as a Map does', () => {
    const [a, b] = [rid(DE, 1), rid(FR, 1)];
    const result = computeCoverage(input({
      needs: [view(N1, needValues({ quantity: 10 })), view(N2, needValues()), view(N1, needValues({ quantity: 20 }))],
      offers: [offer(a, { allocations: [allocation(N1, 4)] }), offer(b, { allocations: [allocation(N1, 6)] }), offer(a, { allocations: [allocation(N1, 1)] })],
    }));
    expect([...result.needs.keys()]).toEqual([N1, N2]);
    expect(result.needList.map((n) => n.id)).toEqual([N1, N2]);
    expect(needOf(result, N1).requestedQty).toBe(20);
    expect(result.offerList.map((o) => [o.id, o.allocatedQty])).toEqual([[a, 1], [b, 6]]);
    expect([...result.offers.values()]).toEqual(result.offerList);
  });
});
