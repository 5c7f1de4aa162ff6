/**
 * Type guards for the enumerations of shared/domain: record values come from other workstations and
 * may hold anything, so a value is looked up as a label only after it is known to be one of the options.
 */
import { CATEGORIES, PRIORITIES, SECTORS, type Category, type Priority, type Sector } from '@shared/domain/classification';
import { COVERAGE_STATES, type CoverageState } from '@shared/domain/coverage';
import { RECORD_KINDS, type RecordKind } from '@shared/domain/kinds';
import { CURRENCIES, type Currency } from '@shared/domain/money';
import { NEED_STATUSES, type NeedStatus } from '@shared/domain/need';
import { NOTE_TYPES, type NoteType } from '@shared/domain/note';
import { CHANNELS, OFFER_STATUSES, type Channel, type OfferStatus } from '@shared/domain/offer';
import { UNITS, type Unit } from '@shared/domain/units';
import { TLP_LEVELS, type Tlp } from '@shared/sync/tlp';

const member =
  <T extends string>(options: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (options as readonly string[]).includes(value);

export const isSector = member<Sector>(SECTORS);
export const isCategory = member<Category>(CATEGORIES);
export const isPriority = member<Priority>(PRIORITIES);
export const isNeedStatus = member<NeedStatus>(NEED_STATUSES);
export const isOfferStatus = member<OfferStatus>(OFFER_STATUSES);
export const isChannel = member<Channel>(CHANNELS);
export const isUnit = member<Unit>(UNITS);
export const isCurrency = member<Currency>(CURRENCIES);
export const isTlp = member<Tlp>(TLP_LEVELS);
export const isCoverageState = member<CoverageState>(COVERAGE_STATES);
export const isRecordKind = member<RecordKind>(RECORD_KINDS);
export const isNoteType = member<NoteType>(NOTE_TYPES);

/** A text value of a record, or '' when the field holds something else. */
export function textOf(values: Readonly<Record<string, unknown>>, field: string): string {
  const value = values[field];
  return typeof value === 'string' ? value : '';
}

/** A whole number of a record, or null. */
export function countOf(values: Readonly<Record<string, unknown>>, field: string): number | null {
  const value = values[field];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/** A money value of a record, or null when it does not have the shape. */
export function moneyOf(values: Readonly<Record<string, unknown>>, field: string): { amountCents: number; currency: string; eurCents: number } | null {
  const value = values[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { amountCents, currency, eurCents } = value as Record<string, unknown>;
  if (typeof amountCents !== 'number' || typeof eurCents !== 'number' || typeof currency !== 'string') return null;
  return { amountCents, currency, eurCents };
}

/** A plain-date field, or null. */
export function dateOf(values: Readonly<Record<string, unknown>>, field: string): string | null {
  const value = values[field];
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value) ? value : null;
}
