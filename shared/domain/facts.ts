/**
 * Reading what coverage and the dashboard need from records as the sync layer hands them over
 * (RecordView: `{id, owner, tlp, deleted, values}` with JSON values).
 *
 * Why not parseRecordValues: the dashboard reads 100,000 records on every change and zod costs several
 * microseconds per record; and a record merged from concurrent edits or written by a newer version may
 * not pass the strict schema although every field coverage needs is fine. So each reader checks only the
 * fields it uses, with plain type guards (isNeedValues, isOfferValues, deliveryFacts, acceptanceFacts),
 * and refuses the record when one of them is unusable; coverage.ts reports such records as
 * 'invalid-record' instead of guessing. Needs' and offers' facts are then held by coverage's own entries
 * (coverage-entries.ts).
 */
import type { Tlp } from '../sync/tlp';
import { CATEGORIES, PRIORITIES, SECTORS, type Category, type Priority, type Sector } from './classification';
import { NEED_STATUSES, type NeedStatus } from './need';
import { OFFER_STATUSES, type OfferStatus } from './offer';
import { isPlainDate } from './plain-date';
import { isRecordRef } from './record-ref';
import { UNITS, type Unit } from './units';

/** What the sync layer's RecordView provides (shared/sync/model.ts); kind is implied by the list it is in. */
export interface RecordInput {
  readonly id: string;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly deleted: boolean;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface NeedFacts {
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
}

/**
 * An allocation as stored in the offer's values: the validated objects themselves are used (no copy),
 * so only the fields coverage reads are typed.
 */
export interface AllocationFacts {
  readonly need: string;
  readonly quantity: number;
  readonly value: { readonly eurCents: number };
}

export interface OfferFacts {
  readonly id: string;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly deleted: boolean;
  readonly title: string;
  readonly category: Category;
  readonly quantity: number;
  readonly unit: Unit;
  readonly eurCents: number;
  readonly status: OfferStatus;
  readonly allocations: readonly AllocationFacts[];
}

export interface DeliveryFacts {
  readonly id: string;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly deleted: boolean;
  readonly offer: string;
  readonly need: string | null;
  readonly quantity: number;
  readonly unit: Unit;
  readonly date: string;
}

export interface AcceptanceFacts {
  readonly id: string;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly deleted: boolean;
  readonly delivery: string;
  readonly need: string;
  readonly quantity: number;
}

/**
 * The enumerations, searched as short arrays rather than Sets: a Set hashes each value it is asked about,
 * and every record's strings arrive fresh from the worker (structured clone), unhashed; comparing with a
 * handful of constants (most differ in length) costs half as much over 40,000 needs.
 */
const SECTOR_SET: readonly unknown[] = SECTORS;
const CATEGORY_SET: readonly unknown[] = CATEGORIES;
const PRIORITY_SET: readonly unknown[] = PRIORITIES;
const UNIT_SET: readonly unknown[] = UNITS;
const NEED_STATUS_SET: readonly unknown[] = NEED_STATUSES;
const OFFER_STATUS_SET: readonly unknown[] = OFFER_STATUSES;

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function eurCentsOf(money: unknown): number | null {
  if (money === null || typeof money !== 'object') return null;
  const cents = (money as Record<string, unknown>).eurCents;
  return isCount(cents, 0) ? cents : null;
}

/** The values of a need as coverage reads them, once `isNeedValues` has accepted them. */
export interface NeedValuesRead {
  readonly title: string;
  readonly institution?: unknown;
  readonly sector: Sector;
  readonly category: Category;
  readonly priority: Priority;
  readonly quantity: number;
  readonly unit: Unit;
  readonly status: NeedStatus;
  readonly estimatedValue: { readonly eurCents: number };
  readonly deadline?: string | null;
  readonly interAgencyPriority?: number | null;
}

/** Every field coverage reads from a need is usable (without building anything: coverage.ts reads 40,000 of them). */
export function isNeedValues(v: Readonly<Record<string, unknown>>): v is Readonly<Record<string, unknown>> & NeedValuesRead {
  const deadline = v.deadline ?? null;
  const rank = v.interAgencyPriority ?? null;
  return (
    typeof v.title === 'string' &&
    SECTOR_SET.includes(v.sector) &&
    CATEGORY_SET.includes(v.category) &&
    PRIORITY_SET.includes(v.priority) &&
    isCount(v.quantity, 1) &&
    UNIT_SET.includes(v.unit) &&
    NEED_STATUS_SET.includes(v.status) &&
    eurCentsOf(v.estimatedValue) !== null &&
    (deadline === null || isPlainDate(deadline)) &&
    (rank === null || isCount(rank, 1))
  );
}

/** The values of an offer as coverage reads them, once `isOfferValues` has accepted them. */
export interface OfferValuesRead {
  readonly title: string;
  readonly category: Category;
  readonly quantity: number;
  readonly unit: Unit;
  readonly status: OfferStatus;
  readonly value: { readonly eurCents: number };
  readonly allocations?: readonly AllocationFacts[];
}

/** Every field coverage reads from an offer (its allocations included) is usable, without building anything. */
export function isOfferValues(v: Readonly<Record<string, unknown>>): v is Readonly<Record<string, unknown>> & OfferValuesRead {
  const raw = v.allocations ?? [];
  if (
    typeof v.title !== 'string' ||
    !CATEGORY_SET.includes(v.category) ||
    !isCount(v.quantity, 1) ||
    !UNIT_SET.includes(v.unit) ||
    !OFFER_STATUS_SET.includes(v.status) ||
    eurCentsOf(v.value) === null ||
    !Array.isArray(raw)
  ) {
    return false;
  }
  const items = raw as unknown[];
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (item === null || typeof item !== 'object') return false;
    const { need, quantity, value } = item as Record<string, unknown>;
    if (!isRecordRef(need) || !isCount(quantity, 1) || eurCentsOf(value) === null) return false;
  }
  return true;
}

export function deliveryFacts(record: RecordInput): DeliveryFacts | null {
  const v = record.values;
  const need = v.need ?? null;
  if (!isRecordRef(v.offer) || (need !== null && !isRecordRef(need)) || !isCount(v.quantity, 1) || !UNIT_SET.includes(v.unit) || !isPlainDate(v.date)) return null;
  return { id: record.id, owner: record.owner, tlp: record.tlp, deleted: record.deleted, offer: v.offer, need, quantity: v.quantity, unit: v.unit as Unit, date: v.date };
}

export function acceptanceFacts(record: RecordInput): AcceptanceFacts | null {
  const v = record.values;
  if (!isRecordRef(v.delivery) || !isRecordRef(v.need) || !isCount(v.quantityAccepted, 0)) return null;
  return { id: record.id, owner: record.owner, tlp: record.tlp, deleted: record.deleted, delivery: v.delivery, need: v.need, quantity: v.quantityAccepted };
}
