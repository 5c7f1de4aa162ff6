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
 * One pass over each list with Maps: linear in the number of records and allocations.
 */
import { COMMITTED_OFFER_STATUSES, PLEDGED_OFFER_STATUSES, type OfferStatus } from './offer';
import {
  acceptanceFacts,
  deliveryFacts,
  needFacts,
  offerFacts,
  type AllocationFacts,
  type DeliveryFacts,
  type NeedFacts,
  type OfferFacts,
  type RecordInput,
} from './facts';
import { makeWarning, sortWarnings, type DeconflictionWarning } from './warnings';

export const COVERAGE_STATES = ['uncovered', 'partially-covered', 'covered', 'over-covered'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

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

/** How an offer's allocation stands: the marker the offer shows beside it. */
export type AllocationMarker = 'ok' | 'unit-mismatch' | 'missing' | 'withdrawn' | 'closed' | 'deleted';

export interface OfferCoverage {
  readonly offer: OfferFacts;
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

// ---- mutable accumulators; returned as the readonly types above without copying -------------------

const EMPTY: readonly string[] = Object.freeze([]);

/** A pledged offer's allocation to a need, as duplicate detection sees it. */
type Contribution = AllocationCoverage;

interface NeedAcc {
  need: NeedFacts;
  state: CoverageState;
  requestedQty: number;
  requestedEurCents: number;
  allocatedQty: number;
  committedQty: number;
  suspendedQty: number;
  deliveredQty: number;
  acceptedQty: number;
  allocatedEurCents: number;
  committedEurCents: number;
  deliveredEurCents: number;
  offers: readonly string[];
  mismatchedOffers: readonly string[];
  suspendedOffers: readonly string[];
  deliveries: readonly string[];
  acceptances: readonly string[];
  contributions: Contribution[] | null;
}

interface OfferAcc {
  offer: OfferFacts;
  allocatedQty: number;
  deliveredQty: number;
  deliveredEurCents: number;
  deliveries: readonly string[];
  readonly allocations: AllocationCoverage[];
}

interface DeliveryAcc {
  delivery: DeliveryFacts;
  need: string | null;
  target: NeedAcc | null;
  eurCents: number;
  acceptedQty: number;
  acceptances: readonly string[];
}

/** Appends without allocating an array for the many needs that never get one. */
function append(list: readonly string[], id: string): string[] {
  if (list === EMPTY) return [id];
  (list as string[]).push(id);
  return list as string[];
}

/** Records a counted allocation for duplicate detection; most needs get one, so no room is reserved. */
function contribute(need: NeedAcc, entry: Contribution): void {
  if (need.contributions === null) need.contributions = [entry];
  else need.contributions.push(entry);
}

const PLEDGED = new Set<OfferStatus>(PLEDGED_OFFER_STATUSES);
const COMMITTED = new Set<OfferStatus>(COMMITTED_OFFER_STATUSES);

function titleKey(title: string): string {
  return title.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function stateOf(requested: number, allocated: number): CoverageState {
  if (allocated === 0) return 'uncovered';
  if (allocated < requested) return 'partially-covered';
  return allocated === requested ? 'covered' : 'over-covered';
}

export function computeCoverage(input: CoverageInput): CoverageResult {
  const pass: Pass = { warnings: [], needs: new Map(), deletedNeeds: new Set(), offers: new Map(), deletedOffers: new Set(), deliveries: new Map() };
  // One function per phase: each is optimised on its own, and reads as one rule set.
  indexNeeds(pass, input.needs);
  applyOffers(pass, input.offers);
  applyDeliveries(pass, input.deliveries);
  checkDeliveredOffers(pass);
  applyAcceptances(pass, input.acceptances);
  checkAcceptedDeliveries(pass);
  settleNeeds(pass);
  sortWarnings(pass.warnings);
  return { needs: pass.needs, offers: pass.offers, deliveries: pass.deliveries, warnings: pass.warnings };
}

/** What the phases share. */
interface Pass {
  readonly warnings: DeconflictionWarning[];
  readonly needs: Map<string, NeedAcc>;
  /** Needs deleted: referenced, but not shown. */
  readonly deletedNeeds: Set<string>;
  readonly offers: Map<string, OfferAcc>;
  readonly deletedOffers: Set<string>;
  readonly deliveries: Map<string, DeliveryAcc>;
}

/** Every need not deleted, with empty coverage. */
function indexNeeds(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds } = pass;
  for (const record of records) {
    const need = needFacts(record);
    if (need === null) {
      // Unreadable: not shown; allocations to it are then to a need "not here", beside this warning.
      if (record.deleted) deletedNeeds.add(record.id);
      else warnings.push(makeWarning('invalid-record', record.id, [], { kind: 'need' }));
      continue;
    }
    if (need.deleted) {
      deletedNeeds.add(need.id);
      continue;
    }
    needs.set(need.id, {
      need,
      state: 'uncovered',
      requestedQty: need.quantity,
      requestedEurCents: need.eurCents,
      allocatedQty: 0,
      committedQty: 0,
      suspendedQty: 0,
      deliveredQty: 0,
      acceptedQty: 0,
      allocatedEurCents: 0,
      committedEurCents: 0,
      deliveredEurCents: 0,
      offers: EMPTY,
      mismatchedOffers: EMPTY,
      suspendedOffers: EMPTY,
      deliveries: EMPTY,
      acceptances: EMPTY,
      contributions: null,
    });
  }
}

/** Allocations of each offer to the needs they name. */
function applyOffers(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds, offers, deletedOffers } = pass;
  for (const record of records) {
    const offer = offerFacts(record);
    if (offer === null) {
      if (!record.deleted) warnings.push(makeWarning('invalid-record', record.id, [], { kind: 'offer' }));
      continue;
    }
    if (offer.deleted) {
      deletedOffers.add(offer.id);
      continue;
    }
    // Sized once: most offers have one allocation, and an array grown by push reserves room for 17.
    const allocations = new Array<AllocationCoverage>(offer.allocations.length);
    const acc: OfferAcc = { offer, allocatedQty: 0, deliveredQty: 0, deliveredEurCents: 0, deliveries: EMPTY, allocations };
    offers.set(offer.id, acc);
    const cancelled = offer.status === 'cancelled';
    const pledged = PLEDGED.has(offer.status);
    const committed = COMMITTED.has(offer.status);
    for (let index = 0; index < allocations.length; index += 1) {
      const allocation = offer.allocations[index] as AllocationFacts;
      acc.allocatedQty += allocation.quantity;
      const need = needs.get(allocation.need);
      if (need === undefined) {
        const gone = deletedNeeds.has(allocation.need);
        allocations[index] = { offer, need: allocation.need, quantity: allocation.quantity, sameUnit: false, marker: gone ? 'deleted' : 'missing', target: null };
        if (cancelled) continue;
        warnings.push(
          gone
            ? makeWarning('allocation-to-withdrawn-need', offer.id, [allocation.need], { needState: 'deleted' })
            : makeWarning('allocation-to-missing-need', offer.id, [allocation.need]),
        );
        continue;
      }
      const needStatus = need.need.status;
      let marker: AllocationMarker = 'ok';
      if (needStatus === 'withdrawn' || (needStatus === 'closed' && offer.status !== 'delivered')) {
        marker = needStatus;
        if (!cancelled) warnings.push(makeWarning('allocation-to-withdrawn-need', offer.id, [need.need.id], { needState: needStatus }));
      }
      const sameUnit = offer.unit === need.need.unit;
      if (!sameUnit && marker === 'ok') marker = 'unit-mismatch';
      const entry: AllocationCoverage = { offer, need: allocation.need, quantity: allocation.quantity, sameUnit, marker, target: need };
      allocations[index] = entry;
      if (cancelled) continue;
      if (!pledged) {
        // Suspended: a pending claim, shown but not counted.
        need.suspendedOffers = append(need.suspendedOffers, offer.id);
        if (sameUnit) need.suspendedQty += allocation.quantity;
        continue;
      }
      need.allocatedEurCents += allocation.value.eurCents;
      if (committed) need.committedEurCents += allocation.value.eurCents;
      if (!sameUnit) {
        need.mismatchedOffers = append(need.mismatchedOffers, offer.id);
        warnings.push(makeWarning('unit-mismatch', need.need.id, [offer.id], { needUnit: need.need.unit, otherUnit: offer.unit }));
        contribute(need, entry);
        continue;
      }
      need.offers = append(need.offers, offer.id);
      need.allocatedQty += allocation.quantity;
      if (committed) need.committedQty += allocation.quantity;
      contribute(need, entry);
    }
    if (acc.allocatedQty > offer.quantity) {
      warnings.push(makeWarning('allocations-exceed-offer', offer.id, acc.allocations.map((a) => a.need), { offered: offer.quantity, allocated: acc.allocatedQty, unit: offer.unit }));
    }
  }
}

/** Delivery events, attributed to offers and needs. */
function applyDeliveries(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds, offers, deletedOffers, deliveries } = pass;
  for (const record of records) {
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
      if (delivery.unit === offer.offer.unit) {
        offer.deliveredQty += delivery.quantity;
        eurCents = Math.round((delivery.quantity * offer.offer.eurCents) / offer.offer.quantity);
        offer.deliveredEurCents += eurCents;
      } else {
        warnings.push(makeWarning('unit-mismatch', delivery.id, [offer.offer.id], { needUnit: offer.offer.unit, otherUnit: delivery.unit }));
      }
      const allocations = offer.offer.allocations;
      if (needId === null) {
        if (allocations.length === 1) needId = (allocations[0] as { need: string }).need;
        else warnings.push(makeWarning('delivery-unattributed', delivery.id, [offer.offer.id], { allocations: allocations.length }));
      } else if (!allocations.some((a) => a.need === needId)) {
        warnings.push(makeWarning('delivery-need-not-allocated', delivery.id, [offer.offer.id, needId]));
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
    if (delivery.unit === need.need.unit) {
      need.deliveredQty += delivery.quantity;
    } else if (offer === undefined || offer.offer.unit === delivery.unit) {
      // Not already reported against the offer: report against the need.
      warnings.push(makeWarning('unit-mismatch', delivery.id, [need.need.id], { needUnit: need.need.unit, otherUnit: delivery.unit }));
    }
    need.deliveredEurCents += eurCents;
  }
}

/** More delivered than offered. */
function checkDeliveredOffers(pass: Pass): void {
  const { warnings, offers } = pass;
  for (const offer of offers.values()) {
    if (offer.deliveredQty > offer.offer.quantity) {
      warnings.push(makeWarning('delivery-exceeds-offer', offer.offer.id, offer.deliveries, { offered: offer.offer.quantity, delivered: offer.deliveredQty, unit: offer.offer.unit }));
    }
  }
}

/** Acceptance events, counted for deliveries and needs. */
function applyAcceptances(pass: Pass, records: readonly RecordInput[]): void {
  const { warnings, needs, deletedNeeds, deliveries } = pass;
  for (const record of records) {
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
    const unit = delivery?.delivery.unit ?? need.need.unit;
    if (unit === need.need.unit) need.acceptedQty += acceptance.quantity;
    else warnings.push(makeWarning('unit-mismatch', acceptance.id, [need.need.id, acceptance.delivery], { needUnit: need.need.unit, otherUnit: unit }));
  }
}

/** More accepted than delivered. */
function checkAcceptedDeliveries(pass: Pass): void {
  const { warnings, deliveries } = pass;
  for (const delivery of deliveries.values()) {
    if (delivery.acceptedQty > delivery.delivery.quantity) {
      warnings.push(makeWarning('acceptance-exceeds-delivery', delivery.delivery.id, delivery.acceptances, { delivered: delivery.delivery.quantity, accepted: delivery.acceptedQty, unit: delivery.delivery.unit }));
    }
  }
}

/** Each need's state, over-coverage and duplicates. */
function settleNeeds(pass: Pass): void {
  const { warnings, needs } = pass;
  for (const need of needs.values()) {
    need.state = stateOf(need.requestedQty, need.allocatedQty);
    const contributions = need.contributions;
    need.contributions = null;
    if (contributions === null) continue;
    const redundant = redundantOffers(need, contributions);
    if (redundant !== null) {
      warnings.push(redundant);
      continue;
    }
    if (need.state === 'over-covered') {
      warnings.push(makeWarning('over-coverage', need.need.id, need.offers, { requested: need.requestedQty, allocated: need.allocatedQty, unit: need.need.unit }));
    }
    const twice = samePartnerTwice(need, contributions);
    if (twice !== null) warnings.push(twice);
  }
}

/** duplicate-offer when one of two or more counted offers is not needed: the others already cover the need. */
function redundantOffers(need: NeedAcc, contributions: readonly Contribution[]): DeconflictionWarning | null {
  // Counted without building the list first: most needs have one offer or none.
  let countedOffers = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (const c of contributions) {
    if (!c.sameUnit) continue;
    countedOffers += 1;
    if (c.quantity < smallest) smallest = c.quantity;
  }
  if (countedOffers < 2 || need.allocatedQty - smallest < need.requestedQty) return null;
  const counted = contributions.filter((c) => c.sameUnit);
  const partners = new Set(counted.map((c) => c.offer.owner)).size;
  return makeWarning('duplicate-offer', need.need.id, counted.map((c) => c.offer.id), {
    basis: 'redundant',
    partners,
    requested: need.requestedQty,
    allocated: need.allocatedQty,
    unit: need.need.unit,
  });
}

/** duplicate-offer when one partner allocated two offers with the same title to the need: likely entered twice. */
function samePartnerTwice(need: NeedAcc, contributions: readonly Contribution[]): DeconflictionWarning | null {
  if (contributions.length < 2) return null;
  // Titles are compared only between offers of one partner: usually there is none to compare.
  let samePartner = false;
  for (let i = 1; i < contributions.length && !samePartner; i += 1) {
    const owner = (contributions[i] as Contribution).offer.owner;
    for (let j = 0; j < i; j += 1) if ((contributions[j] as Contribution).offer.owner === owner) samePartner = true;
  }
  if (!samePartner) return null;
  const groups = new Map<string, string[]>();
  for (const c of contributions) {
    const key = `${c.offer.owner}\u0000${titleKey(c.offer.title)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [c.offer.id]);
    else group.push(c.offer.id);
  }
  const ids = [...groups.values()].filter((group) => group.length >= 2).flat();
  if (ids.length === 0) return null;
  return makeWarning('duplicate-offer', need.need.id, ids, {
    basis: 'same-partner',
    partners: 1,
    requested: need.requestedQty,
    allocated: need.allocatedQty,
    unit: need.need.unit,
  });
}
