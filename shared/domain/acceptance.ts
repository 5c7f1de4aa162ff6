/**
 * An acceptance (DESIGN.md §3): an append-only event by which the owner of a need confirms what arrived
 * of a delivery ("an acceptance only by the owner of its need", kind-rules.ts). The quantity is in the
 * delivery's unit; 0 records a delivery refused on arrival. Several acceptances of one delivery add up
 * (a shipment checked in two batches).
 */
import { z } from 'zod';
import { PlainDateSchema } from './plain-date';
import { RecordRefSchema } from './record-ref';
import { TEXT_LIMITS, textSchema } from './text';
import { QuantityOrZeroSchema } from './units';

export const AcceptanceValuesSchema = z.strictObject({
  delivery: RecordRefSchema,
  need: RecordRefSchema,
  quantityAccepted: QuantityOrZeroSchema,
  date: PlainDateSchema,
  note: textSchema({ max: TEXT_LIMITS.long, multiline: true, required: false }),
});
export type AcceptanceValues = z.infer<typeof AcceptanceValuesSchema>;
