/**
 * Coverage (DESIGN.md §3): how far offers cover each need, computed from the records and never stored,
 * so no one can type "covered" into a need its offers do not cover, and every replica holding the same
 * records computes the same figures.
 *
 * Rules, per need:
 * - allocated = the quantities of the allocations of offers in a pledged status (indicative, committed,
 *   contracted, delivering, delivered) to this need; committed = the same for binding statuses only
 *   (committed and later). Cancelled offers count for nothing. Suspended offers do not cover the need
 *   while suspended (a need that looks covered by something on hold would not be offered elsewhere),
 *   but their quantity is shown beside it (`suspendedQty`), as a pending claim.
 * - Quantities are added only when the offer's unit is the need's unit: 40 "licence" and 10 "seat" make
 *   no sum. Such allocations are listed (`mismatchedOffers`) and flagged 'unit-mismatch'. Values in EUR
 *   are always comparable and always added.
 * - delivered = the sum of delivery events attributed to the need, in the need's unit. A delivery is
 *   attributed to the need it names; a delivery naming no need is attributed to the one need its offer
 *   is allocated to, and is 'delivery-unattributed' when the offer is allocated to several (or none).
 *   Deliveries count whatever the offer's status: what arrived arrived, even under an offer cancelled
 *   since. A delivery's EUR value is its share of its offer's value (quantity / offer quantity).
 * - accepted = the sum of acceptance events naming the need, in the need's unit (the delivery's unit
 *   when the delivery is known).
 * - state, from allocated against requested: 0 → uncovered, less → partially-covered, equal → covered,
 *   more → over-covered.
 *
 * Warnings (warnings.ts), each listing the records behind it:
 * - over-coverage: a need's allocations exceed its quantity;
 * - duplicate-offer (basis 'redundant'): instead of over-coverage, when at least one of two or more
 *   counted offers is redundant, i.e. the others already cover the need without it (total − smallest
 *   contribution ≥ requested): the same thing was pledged twice, by two partners or by one;
 * - duplicate-offer (basis 'same-partner'): one partner has two pledged offers with the same title
 *   (case and spacing ignored) allocated to the same need — a record likely entered twice — even
 *   without over-coverage (then beside it, if the need is also over-covered);
 * - unit-mismatch: an allocation, delivery or acceptance whose unit differs from the need's or offer's;
 * - allocation-to-withdrawn-need: an offer that is not cancelled still allocates to a need that is
 *   withdrawn, deleted, or closed (closed only while the offer is not yet delivered): the offer stays
 *   visible with that marker on the allocation;
 * - allocation-to-missing-need: the need is not on this workstation (not received, or not shared with
 *   it because of its TLP);
 * - allocations-exceed-offer: an offer's allocations add up to more than the offer (values merged from
 *   concurrent edits, or from a version without the form check);
 * - delivery-exceeds-offer: an offer's deliveries add up to more than the offer;
 * - delivery-need-not-allocated: a delivery names a need its offer is not allocated to;
 * - acceptance-exceeds-delivery: a delivery's acceptances add up to more than was delivered;
 * - missing-reference: a delivery's offer or need, or an acceptance's delivery or need, is not here;
 * - invalid-record: a record whose values cannot be read (not counted anywhere).
 *
 * One pass over each list with Maps: linear in the number of records and allocations. The entries it
 * builds are described in coverage-entries.ts (one object per need, offer and allocation; why).
 */
import { acceptanceFacts, deliveryFacts, isNeedValues, isOfferValues, type AllocationFacts, type DeliveryFacts, type NeedFacts, type OfferFacts, type RecordInput } from './facts';
import {
  AllocationEntry,
  append,
  EMPTY,
  isCommitted,
  isPledged,
  NeedEntry,
  OfferEntry,
  type AllocationMarker,
  type CoverageState,
} from './coverage-entries';
import type { OfferStatus } from './offer';
import type { Unit } from './units';
import { settleNeeds } from './coverage-settle';
import { makeWarning, sortWarnings, type DeconflictionWarning } from './warnings';

export { COVERAGE_STATES, type AllocationMarker, type CoverageState } from './coverage-entries';

export interface CoverageInput {
  readonly needs: readonly RecordInput[];
  readonly offers: readonly RecordInput[];
  readonly deliveries: readonly RecordInput[];
  readonly acceptances: readonly RecordInput[];
}

export interface NeedCoverage {
  readonly need: NeedFacts;
  readonly state: CoverageState;
  /** The need's quantity and estimated value. */
  readonly requestedQty: number;
  readonly requestedEurCents: number;
  /** In the need's unit, from allocations of pledged offers with the same unit. */
  readonly allocatedQty: number;
  readonly committedQty: number;
  readonly suspendedQty: number;
  /** In the need's unit, from delivery and acceptance events. */
  readonly deliveredQty: number;
  readonly acceptedQty: number;
  /** EUR values: allocations of pledged / committed offers (whatever their unit) and deliveries. */
  readonly allocatedEurCents: number;
  readonly committedEurCents: number;
  readonly deliveredEurCents: number;
  /** Pledged offers whose allocation to this need counts. */
  readonly offers: readonly string[];
  /** Pledged offers allocated to this need in another unit (value counted, quantity not). */
  readonly mismatchedOffers: readonly string[];
  readonly suspendedOffers: readonly string[];
  readonly deliveries: readonly string[];
  readonly acceptances: readonly string[];
}

export interface OfferCoverage {
  readonly offer: OfferFacts;
  /** The facts of `offer` read most (the dashboard reads these without building `offer`). */
  readonly id: string;
  readonly owner: string;
  readonly status: OfferStatus;
  readonly unit: Unit;
  readonly quantity: number;
  readonly eurCents: number;
  /** Sum of the offer's allocations, in its unit. */
  readonly allocatedQty: number;
  /** Sum of its deliveries in its unit, and their EUR value. */
  readonly deliveredQty: number;
  readonly deliveredEurCents: number;
  readonly deliveries: readonly string[];
  readonly allocations: readonly AllocationCoverage[];
}

export interface AllocationCoverage {
  readonly offer: OfferFacts;
  readonly need: string;
  /** In the offer's unit. */
  readonly quantity: number;
  /** The offer's unit is the need's (false when the need is not here). */
  readonly sameUnit: boolean;
  readonly marker: AllocationMarker;
  /** The need's coverage, when the need is here and not deleted. */
  readonly target: NeedCoverage | null;
}

export interface DeliveryCoverage {
  readonly delivery: DeliveryFacts;
  /** The need it is attributed to (see the rules above), or null. */
  readonly need: string | null;
  /** That need's coverage, when the need is here and not deleted. */
  readonly target: NeedCoverage | null;
  readonly eurCents: number;
  readonly acceptedQty: number;
  readonly acceptances: readonly string[];
}

export interface CoverageResult {
  /** Needs not deleted whose values could be read, by id. */
  readonly needs: ReadonlyMap<string, NeedCoverage>;
  readonly offers: ReadonlyMap<string, OfferCoverage>;
  readonly deliveries: ReadonlyMap<string, DeliveryCoverage>;
  /** Sorted by compareWarnings. */
  readonly warnings: readonly DeconflictionWarning[];
}

/**
 * The same result, with the entries' own types, and each map's entries also as an array in the map's
 * order: what dashboard.ts reads. Arrays because iterating a Map allocates a result object per entry
 * where the optimiser does not remove it (7 MB per computation at 100,000 records).
 */
export interface CoverageEntries extends CoverageResult {
  readonly needs: ReadonlyMap<string, NeedEntry>;
  readonly offers: ReadonlyMap<string, OfferEntry>;
  readonly deliveries: ReadonlyMap<string, DeliveryAcc>;
  readonly needList: readonly NeedEntry[];
  readonly offerList: readonly OfferEntry[];
  readonly deliveryList: readonly DeliveryAcc[];
}

interface DeliveryAcc {
  delivery: DeliveryFacts;
  need: string | null;
  target: NeedEntry | null;
  eurCents: number;
  acceptedQty: number;
  acceptances: readonly string[];
}

export function computeCoverage(input: CoverageInput): CoverageEntries {
  const pass: Pass = {
    warnings: [],
    needs: new IndexedMap(),
    deletedNeeds: new Set(),
    offers: new IndexedMap(),
    deletedOffers: new Set(),
    deliveries: new IndexedMap(),
  };
  // One function per phase: each is optimised on its own, and reads as one rule set.
  indexNeeds(pass, input.needs);
  applyOffers(pass, input.offers);
  applyDeliveries(pass, input.deliveries);
  checkDeliveredOffers(pass);
  applyAcceptances(pass, input.acceptances);
  checkAcceptedDeliveries(pass);
  settleNeeds(pass.needs.list, pass.warnings);
  sortWarnings(pass.warnings);
  return {
    needs: pass.needs.map,
    offers: pass.offers.map,
    deliveries: pass.deliveries.map,
    needList: pass.needs.list,
    offerList: pass.offers.list,
    deliveryList: pass.deliveries.list,
    warnings: pass.warnings,
  };
}

/** A Map and its values in the Map's order, kept together (CoverageEntries says why). */
class IndexedMap<V> {
  readonly map = new Map<string, V>();
  #list: V[] = [];
  /** An id came twice (not expected from a working set): the list is read again from the Map, once. */
  #stale = false;

  get list(): V[] {
    if (this.#stale) {
      this.#list = [...this.map.values()];
      this.#stale = false;
    }
    return this.#list;
  }

  get(id: string): V | undefined {
    return this.map.get(id);
  }

  set(id: string, value: V): void {
    const size = this.map.size;
    // As in a Map, the later record with an id wins, in the first one's place.
    this.map.set(id, value);
    if (this.map.size > size) this.#list.push(value);
    else this.#stale = true;
  }
}

/** What the phases share. */
interface Pass {
  readonly warnings: DeconflictionWarning[];
  readonly needs: IndexedMap<NeedEntry>;
  /** Needs deleted: referenced, but not shown. */
  readonly deletedNeeds: Set<string>;
  readonly offers: IndexedMap<OfferEntry>;
  readonly deletedOffers: Set<string>;
  readonly deliveries: IndexedMap<DeliveryAcc>;
}

/** Every need not deleted, with empty coverage. */
function indexNeeds(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds } = pass;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] as RecordInput;
    if (record.deleted) {
      // Deleted (readable or not): referenced, but not shown.
      deletedNeeds.add(record.id);
      continue;
    }
    const values = record.values;
    if (!isNeedValues(values)) {
      // Unreadable: not shown; allocations to it are then to a need "not here", beside this warning.
      warnings.push(makeWarning('invalid-record', record.id, [], { kind: 'need' }));
      continue;
    }
    needs.set(record.id, new NeedEntry(record, values));
  }
}

/** Allocations of each offer to the needs they name. */
function applyOffers(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds, offers, deletedOffers } = pass;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] as RecordInput;
    if (record.deleted) {
      deletedOffers.add(record.id);
      continue;
    }
    const values = record.values;
    if (!isOfferValues(values)) {
      warnings.push(makeWarning('invalid-record', record.id, [], { kind: 'offer' }));
      continue;
    }
    const offer = new OfferEntry(record, values);
    offers.set(offer.id, offer);
    const cancelled = offer.status === 'cancelled';
    const pledged = isPledged(offer.status);
    const committed = isCommitted(offer.status);
    const stated = offer.stated;
    for (let index = 0; index < stated.length; index += 1) {
      const allocation = stated[index] as (typeof stated)[number];
      offer.allocatedQty += allocation.quantity;
      const need = needs.get(allocation.need);
      if (need === undefined) {
        const gone = deletedNeeds.has(allocation.need);
        offer.link(new AllocationEntry(offer, allocation.need, allocation.quantity, allocation.value.eurCents, false, gone ? 'deleted' : 'missing', null));
        if (cancelled) continue;
        warnings.push(
          gone
            ? makeWarning('allocation-to-withdrawn-need', offer.id, [allocation.need], { needState: 'deleted' })
            : makeWarning('allocation-to-missing-need', offer.id, [allocation.need]),
        );
        continue;
      }
      const needStatus = need.status;
      let marker: AllocationMarker = 'ok';
      if (needStatus === 'withdrawn' || (needStatus === 'closed' && offer.status !== 'delivered')) {
        marker = needStatus;
        if (!cancelled) warnings.push(makeWarning('allocation-to-withdrawn-need', offer.id, [need.id], { needState: needStatus }));
      }
      const sameUnit = offer.unit === need.unit;
      if (!sameUnit && marker === 'ok') marker = 'unit-mismatch';
      const entry = new AllocationEntry(offer, allocation.need, allocation.quantity, allocation.value.eurCents, sameUnit, marker, need);
      offer.link(entry);
      need.link(entry);
      if (cancelled) continue;
      if (!pledged) {
        // Suspended: a pending claim, shown but not counted.
        if (sameUnit) need.suspendedQty += allocation.quantity;
        continue;
      }
      need.allocatedEurCents += entry.eurCents;
      if (committed) need.committedEurCents += entry.eurCents;
      if (!sameUnit) {
        warnings.push(makeWarning('unit-mismatch', need.id, [offer.id], { needUnit: need.unit, otherUnit: offer.unit }));
        continue;
      }
      need.allocatedQty += allocation.quantity;
      if (committed) need.committedQty += allocation.quantity;
    }
    if (offer.allocatedQty > offer.quantity) {
      warnings.push(makeWarning('allocations-exceed-offer', offer.id, stated.map((a) => a.need), { offered: offer.quantity, allocated: offer.allocatedQty, unit: offer.unit }));
    }
  }
}

/** Delivery events, attributed to offers and needs. */
function applyDeliveries(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds, offers, deletedOffers, deliveries } = pass;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] as RecordInput;
    const delivery = deliveryFacts(record);
    if (delivery === null) {
      if (!record.deleted) warnings.push(makeWarning('invalid-record', record.id, [], { kind: 'delivery' }));
      continue;
    }
    if (delivery.deleted) continue;
    const offer = offers.get(delivery.offer);
    let eurCents = 0;
    let needId = delivery.need;
    if (offer === undefined) {
      warnings.push(makeWarning('missing-reference', delivery.id, [delivery.offer], { field: 'offer', state: deletedOffers.has(delivery.offer) ? 'deleted' : 'missing' }));
    } else {
      offer.deliveries = append(offer.deliveries, delivery.id);
      if (delivery.unit === offer.unit) {
        offer.deliveredQty += delivery.quantity;
        eurCents = Math.round((delivery.quantity * offer.eurCents) / offer.quantity);
        offer.deliveredEurCents += eurCents;
      } else {
        warnings.push(makeWarning('unit-mismatch', delivery.id, [offer.id], { needUnit: offer.unit, otherUnit: delivery.unit }));
      }
      const allocations = offer.stated;
      if (needId === null) {
        if (allocations.length === 1) needId = (allocations[0] as AllocationFacts).need;
        else warnings.push(makeWarning('delivery-unattributed', delivery.id, [offer.id], { allocations: allocations.length }));
      } else if (!allocates(allocations, needId)) {
        warnings.push(makeWarning('delivery-need-not-allocated', delivery.id, [offer.id, needId]));
      }
    }
    const acc: DeliveryAcc = { delivery, need: needId, target: null, eurCents, acceptedQty: 0, acceptances: EMPTY };
    deliveries.set(delivery.id, acc);
    if (needId === null) continue;
    const need = needs.get(needId);
    acc.target = need ?? null;
    if (need === undefined) {
      // Attributed through a single allocation to a need that is not here: the allocation is already flagged.
      if (delivery.need !== null) warnings.push(makeWarning('missing-reference', delivery.id, [needId], { field: 'need', state: deletedNeeds.has(needId) ? 'deleted' : 'missing' }));
      continue;
    }
    need.deliveries = append(need.deliveries, delivery.id);
    if (delivery.unit === need.unit) {
      need.deliveredQty += delivery.quantity;
    } else if (offer === undefined || offer.unit === delivery.unit) {
      // Not already reported against the offer: report against the need.
      warnings.push(makeWarning('unit-mismatch', delivery.id, [need.id], { needUnit: need.unit, otherUnit: delivery.unit }));
    }
    need.deliveredEurCents += eurCents;
  }
}

/** The offer allocates to the need (a loop: a closure per delivery is garbage at 8,000 deliveries). */
function allocates(allocations: readonly AllocationFacts[], needId: string): boolean {
  for (let i = 0; i < allocations.length; i += 1) if ((allocations[i] as AllocationFacts).need === needId) return true;
  return false;
}

/** More delivered than offered. */
function checkDeliveredOffers(pass: Pass): void {
  const { warnings, offers } = pass;
  const list = offers.list;
  for (let i = 0; i < list.length; i += 1) {
    const offer = list[i] as OfferEntry;
    if (offer.deliveredQty > offer.quantity) {
      warnings.push(makeWarning('delivery-exceeds-offer', offer.id, offer.deliveries, { offered: offer.quantity, delivered: offer.deliveredQty, unit: offer.unit }));
    }
  }
}

/** Acceptance events, counted for deliveries and needs. */
function applyAcceptances(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds, deliveries } = pass;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] as RecordInput;
    const acceptance = acceptanceFacts(record);
    if (acceptance === null) {
      if (!record.deleted) warnings.push(makeWarning('invalid-record', record.id, [], { kind: 'acceptance' }));
      continue;
    }
    if (acceptance.deleted) continue;
    const delivery = deliveries.get(acceptance.delivery);
    if (delivery === undefined) {
      warnings.push(makeWarning('missing-reference', acceptance.id, [acceptance.delivery], { field: 'delivery', state: 'missing' }));
    } else {
      delivery.acceptedQty += acceptance.quantity;
      delivery.acceptances = append(delivery.acceptances, acceptance.id);
    }
    const need = needs.get(acceptance.need);
    if (need === undefined) {
      warnings.push(makeWarning('missing-reference', acceptance.id, [acceptance.need], { field: 'need', state: deletedNeeds.has(acceptance.need) ? 'deleted' : 'missing' }));
      continue;
    }
    need.acceptances = append(need.acceptances, acceptance.id);
    const unit = delivery?.delivery.unit ?? need.unit;
    if (unit === need.unit) need.acceptedQty += acceptance.quantity;
    else warnings.push(makeWarning('unit-mismatch', acceptance.id, [need.id, acceptance.delivery], { needUnit: need.unit, otherUnit: unit }));
  }
}

/** More accepted than delivered. */
function checkAcceptedDeliveries(pass: Pass): void {
  const { warnings, deliveries } = pass;
  const list = deliveries.list;
  for (let i = 0; i < list.length; i += 1) {
    const delivery = list[i] as DeliveryAcc;
    if (delivery.acceptedQty > delivery.delivery.quantity) {
      warnings.push(makeWarning('acceptance-exceeds-delivery', delivery.delivery.id, delivery.acceptances, { delivered: delivery.delivery.quantity, accepted: delivery.acceptedQty, unit: delivery.delivery.unit }));
    }
  }
}
