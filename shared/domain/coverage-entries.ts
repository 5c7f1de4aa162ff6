/**
 * The objects coverage.ts builds and returns: one per need, one per offer and one per allocation.
 *
 * Why this shape: coverage is recomputed from 100,000 records on every change. The first version built,
 * per need, a copy of its facts, an accumulator and up to four id lists; per offer, a copy of its facts
 * and an accumulator. That was some 20 MB of small objects each time. On the virtual machines this
 * runs on, each fresh page of memory costs tens of microseconds to fault in, and those faults were most
 * of the dashboard's time (issue #5). So:
 * - a need's entry *is* its facts and its coverage (`need` returns the entry itself);
 * - an offer's entry holds the facts coverage reads; the full `OfferFacts` and the array of its
 *   allocations are built when first asked (its allocations are chained: `firstAllocation` → `nextForOffer`);
 * - the offers a need lists (counted, in another unit, suspended) are not stored: each need keeps a chain
 *   of the allocations made to it (`firstAllocation` → `nextForNeed`), and the lists are read from it
 *   when first asked, then kept.
 * Every field is set in the constructor, in one order, so each kind keeps one object shape.
 */
import type { Tlp } from '../sync/tlp';
import type { Category, Priority, Sector } from './classification';
import type { AllocationFacts, NeedFacts, NeedValuesRead, OfferFacts, OfferValuesRead, RecordInput } from './facts';
import type { NeedStatus } from './need';
import { COMMITTED_OFFER_STATUSES, PLEDGED_OFFER_STATUSES, type OfferStatus } from './offer';
import type { Unit } from './units';

export const COVERAGE_STATES = ['uncovered', 'partially-covered', 'covered', 'over-covered'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** How an offer's allocation stands: the marker the offer shows beside it. */
export type AllocationMarker = 'ok' | 'unit-mismatch' | 'missing' | 'withdrawn' | 'closed' | 'deleted';

const PLEDGED = new Set<OfferStatus>(PLEDGED_OFFER_STATUSES);
const COMMITTED = new Set<OfferStatus>(COMMITTED_OFFER_STATUSES);
const NO_ALLOCATIONS: readonly AllocationFacts[] = Object.freeze([]);

/** Shared by every entry that has nothing in a list, until something is appended. */
export const EMPTY: readonly string[] = Object.freeze([]);

/** Appends without allocating an array for the many entries that never get one. */
export function append(list: readonly string[], id: string): string[] {
  if (list === EMPTY) return [id];
  (list as string[]).push(id);
  return list as string[];
}

/** How an offer's status counts: 'pledged' and 'committed' cover needs, 'suspended' is a pending claim. */
export function isPledged(status: OfferStatus): boolean {
  return PLEDGED.has(status);
}
export function isCommitted(status: OfferStatus): boolean {
  return COMMITTED.has(status);
}

/** A need that is here and not deleted: its facts (NeedFacts) and its coverage. */
export class NeedEntry implements NeedFacts {
  readonly id: string;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly deleted: boolean;
  readonly title: string;
  readonly institution: string;
  readonly sector: Sector;
  readonly category: Category;
  readonly priority: Priority;
  readonly quantity: number;
  readonly unit: Unit;
  readonly eurCents: number;
  readonly deadline: string | null;
  readonly interAgencyPriority: number | null;
  readonly status: NeedStatus;
  state: CoverageState = 'uncovered';
  allocatedQty = 0;
  committedQty = 0;
  suspendedQty = 0;
  deliveredQty = 0;
  acceptedQty = 0;
  allocatedEurCents = 0;
  committedEurCents = 0;
  deliveredEurCents = 0;
  deliveries: readonly string[] = EMPTY;
  acceptances: readonly string[] = EMPTY;
  /** Every allocation made to this need, whatever its offer's status, in the order they were read. */
  firstAllocation: AllocationEntry | null = null;
  lastAllocation: AllocationEntry | null = null;
  #lists: { offers: readonly string[]; mismatched: readonly string[]; suspended: readonly string[] } | null = null;

  /** `values` must have passed isNeedValues. */
  constructor(record: RecordInput, values: NeedValuesRead) {
    this.id = record.id;
    this.owner = record.owner;
    this.tlp = record.tlp;
    this.deleted = record.deleted;
    this.title = values.title;
    this.institution = typeof values.institution === 'string' ? values.institution : '';
    this.sector = values.sector;
    this.category = values.category;
    this.priority = values.priority;
    this.quantity = values.quantity;
    this.unit = values.unit;
    this.eurCents = values.estimatedValue.eurCents;
    this.deadline = values.deadline ?? null;
    this.interAgencyPriority = values.interAgencyPriority ?? null;
    this.status = values.status;
  }

  /** The need's facts: this entry holds them. */
  get need(): NeedFacts {
    return this;
  }
  get requestedQty(): number {
    return this.quantity;
  }
  get requestedEurCents(): number {
    return this.eurCents;
  }
  /** Pledged offers whose allocation to this need counts. */
  get offers(): readonly string[] {
    return this.#listed().offers;
  }
  /** Pledged offers allocated in another unit (value counted, quantity not). */
  get mismatchedOffers(): readonly string[] {
    return this.#listed().mismatched;
  }
  get suspendedOffers(): readonly string[] {
    return this.#listed().suspended;
  }

  /** Links an allocation to this need's chain. */
  link(allocation: AllocationEntry): void {
    if (this.lastAllocation === null) this.firstAllocation = allocation;
    else this.lastAllocation.nextForNeed = allocation;
    this.lastAllocation = allocation;
  }

  #listed(): { offers: readonly string[]; mismatched: readonly string[]; suspended: readonly string[] } {
    if (this.#lists !== null) return this.#lists;
    let offers = EMPTY;
    let mismatched = EMPTY;
    let suspended = EMPTY;
    for (let a = this.firstAllocation; a !== null; a = a.nextForNeed) {
      const status = a.offerEntry.status;
      if (status === 'cancelled') continue;
      if (!PLEDGED.has(status)) suspended = append(suspended, a.offerEntry.id);
      else if (a.sameUnit) offers = append(offers, a.offerEntry.id);
      else mismatched = append(mismatched, a.offerEntry.id);
    }
    this.#lists = { offers, mismatched, suspended };
    return this.#lists;
  }
}

/** An offer that is here and not deleted: the facts coverage reads, and its coverage. */
export class OfferEntry {
  readonly id: string;
  readonly owner: string;
  readonly title: string;
  readonly status: OfferStatus;
  readonly unit: Unit;
  readonly quantity: number;
  readonly eurCents: number;
  allocatedQty = 0;
  deliveredQty = 0;
  deliveredEurCents = 0;
  deliveries: readonly string[] = EMPTY;
  /** The offer's allocations in the order it states them, chained (`nextForOffer`). */
  firstAllocation: AllocationEntry | null = null;
  lastAllocation: AllocationEntry | null = null;
  readonly #record: RecordInput;
  readonly #values: OfferValuesRead;
  #facts: OfferFacts | null = null;
  #allocations: readonly AllocationEntry[] | null = null;

  /** `values` must have passed isOfferValues. */
  constructor(record: RecordInput, values: OfferValuesRead) {
    this.id = record.id;
    this.owner = record.owner;
    this.title = values.title;
    this.status = values.status;
    this.unit = values.unit;
    this.quantity = values.quantity;
    this.eurCents = values.value.eurCents;
    this.#record = record;
    this.#values = values;
  }

  /** The offer's facts, built when first asked (the dashboard reads only the fields above). */
  get offer(): OfferFacts {
    if (this.#facts === null) {
      const record = this.#record;
      const v = this.#values;
      this.#facts = {
        id: record.id,
        owner: record.owner,
        tlp: record.tlp,
        deleted: record.deleted,
        title: v.title,
        category: v.category,
        quantity: v.quantity,
        unit: v.unit,
        eurCents: v.value.eurCents,
        status: v.status,
        allocations: v.allocations ?? NO_ALLOCATIONS,
      };
    }
    return this.#facts;
  }

  /** Appends an allocation to the offer's chain. */
  link(allocation: AllocationEntry): void {
    if (this.lastAllocation === null) this.firstAllocation = allocation;
    else this.lastAllocation.nextForOffer = allocation;
    this.lastAllocation = allocation;
  }

  /** Its allocations with their markers, listed when first asked (the chain is what coverage walks). */
  get allocations(): readonly AllocationEntry[] {
    if (this.#allocations === null) {
      const list: AllocationEntry[] = [];
      for (let a = this.firstAllocation; a !== null; a = a.nextForOffer) list.push(a);
      this.#allocations = list;
    }
    return this.#allocations;
  }

  /** The allocations as the offer states them (validated). */
  get stated(): readonly AllocationFacts[] {
    return this.#values.allocations ?? NO_ALLOCATIONS;
  }
}

/** One allocation of an offer to a need. */
export class AllocationEntry {
  nextForNeed: AllocationEntry | null = null;
  nextForOffer: AllocationEntry | null = null;

  constructor(
    readonly offerEntry: OfferEntry,
    /** The need's id. */
    readonly need: string,
    /** In the offer's unit. */
    readonly quantity: number,
    readonly eurCents: number,
    /** The offer's unit is the need's (false when the need is not here). */
    readonly sameUnit: boolean,
    readonly marker: AllocationMarker,
    /** The need's entry, when the need is here and not deleted. */
    readonly target: NeedEntry | null,
  ) {}

  get offer(): OfferFacts {
    return this.offerEntry.offer;
  }
}
