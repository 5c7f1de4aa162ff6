/**
 * A delivery (DESIGN.md §3): an append-only event recorded by the owner of the offer it delivers ("a
 * delivery only by the owner of its offer", kind-rules.ts). Delivered quantity is the sum of these
 * events, never an overwritten counter, so two desk officers recording two shipments on two
 * workstations add up instead of overwriting each other.
 *
 * `need` names the need the shipment is for. It may be null when the offer is allocated to a single
 * need (the delivery is then attributed to that need, coverage.ts); for an offer spread over several
 * needs a delivery without a need cannot be attributed and is flagged.
 */
import { z } from 'zod';
import { PlainDateSchema } from './plain-date';
import { RecordRefSchema } from './record-ref';
import { TEXT_LIMITS, textSchema } from './text';
import { QuantitySchema, UnitSchema } from './units';

export const DeliveryValuesSchema = z.strictObject({
  offer: RecordRefSchema,
  need: RecordRefSchema.nullable(),
  quantity: QuantitySchema,
  /** Must be the offer's unit to count (coverage.ts flags a mismatch); repeated so the event reads alone. */
  unit: UnitSchema,
  date: PlainDateSchema,
  note: textSchema({ max: TEXT_LIMITS.long, multiline: true, required: false }),
});
export type DeliveryValues = z.infer<typeof DeliveryValuesSchema>;
