/**
 * The values of a record of each kind, as the sync layer stores them: `{id, kind, owner, tlp, values}`
 * where each top-level field of the kind's schema is one register of `values` (shared/sync/model.ts).
 * The record's TLP is a header property of its change-sets, so it is not a field here.
 *
 * The schemas are strict: a field this version does not know is refused, so a typing mistake in a form
 * or an importer cannot quietly store data nobody sees.
 */
import type { z } from 'zod';
import { AcceptanceValuesSchema, type AcceptanceValues } from './acceptance';
import { DeliveryValuesSchema, type DeliveryValues } from './delivery';
import { isRecordKind, type RecordKind } from './kinds';
import { NeedValuesSchema, type NeedValues } from './need';
import { NoteValuesSchema, type NoteValues } from './note';
import { OfferValuesSchema, type OfferValues } from './offer';
import { fieldErrorsOf, type FieldErrors } from './validation';

export interface RecordValuesByKind {
  readonly need: NeedValues;
  readonly offer: OfferValues;
  readonly delivery: DeliveryValues;
  readonly acceptance: AcceptanceValues;
  readonly note: NoteValues;
}

export const VALUES_SCHEMAS: { readonly [K in RecordKind]: z.ZodType<RecordValuesByKind[K]> } = {
  need: NeedValuesSchema,
  offer: OfferValuesSchema,
  delivery: DeliveryValuesSchema,
  acceptance: AcceptanceValuesSchema,
  note: NoteValuesSchema,
};

/** The top-level field names of each kind (each one register in the sync layer). */
export const KIND_FIELDS: { readonly [K in RecordKind]: readonly (keyof RecordValuesByKind[K] & string)[] } = {
  need: ['title', 'description', 'institution', 'sector', 'category', 'priority', 'quantity', 'unit', 'estimatedValue', 'deadline', 'assessmentScore', 'interAgencyPriority', 'status'],
  offer: ['title', 'description', 'category', 'quantity', 'unit', 'value', 'channel', 'expectedDate', 'status', 'allocations'],
  delivery: ['offer', 'need', 'quantity', 'unit', 'date', 'note'],
  acceptance: ['delivery', 'need', 'quantityAccepted', 'date', 'note'],
  note: ['title', 'body', 'type', 'meetingDate', 'actionItems', 'links'],
};

export type ParsedValues<K extends RecordKind> =
  | { readonly ok: true; readonly kind: K; readonly values: RecordValuesByKind[K] }
  | { readonly ok: false; readonly errors: FieldErrors };

/**
 * Validates the values of a record of `kind`. On failure, `errors` maps each field path to the first
 * message for it (an i18n key with parameters), for the form to show beside the field; an unknown kind
 * is reported at the path ''. Never throws.
 */
export function parseRecordValues<K extends RecordKind>(kind: K, values: unknown): ParsedValues<K>;
export function parseRecordValues(kind: string, values: unknown): ParsedValues<RecordKind>;
export function parseRecordValues(kind: string, values: unknown): ParsedValues<RecordKind> {
  if (!isRecordKind(kind)) return { ok: false, errors: { '': { key: 'validation.unknownKind' } } };
  const result = (VALUES_SCHEMAS[kind] as z.ZodType).safeParse(values);
  if (result.success) return { ok: true, kind, values: result.data as RecordValuesByKind[RecordKind] };
  return { ok: false, errors: fieldErrorsOf(result.error, values) };
}
