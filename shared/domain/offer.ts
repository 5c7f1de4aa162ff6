/**
 * An offer (DESIGN.md §3): assistance a partner delegation mobilises, which alone may change it.
 *
 * Status: indicative → committed → contracted → delivering → delivered, plus cancelled and suspended.
 * An indicative offer is a non-binding pledge; from "committed" on it is a commitment. Suspended means
 * on hold (an export licence, a budget line): it may resume, so it is not cancelled, but while suspended
 * it does not cover anything (coverage.ts).
 *
 * Allocations `{need, quantity, value}` say how much of this offer goes to which need, in the offer's
 * unit. They are part of the offer record, so only the offer's owner can allocate it ("an allocation
 * only inside its offer"), and one offer spread over several needs is counted once: the offer's
 * quantity and value bound the sum of its allocations.
 */
import { z } from 'zod';
import { CategorySchema } from './classification';
import { MoneySchema } from './money';
import { PlainDateSchema } from './plain-date';
import { RecordRefSchema } from './record-ref';
import { TEXT_LIMITS, textSchema } from './text';
import { QuantitySchema, UnitSchema } from './units';

export const OFFER_STATUSES = ['indicative', 'committed', 'contracted', 'delivering', 'delivered', 'cancelled', 'suspended'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const OfferStatusSchema = z.enum(OFFER_STATUSES);

/** Statuses whose allocations cover needs: pledged (indicative) and everything binding. */
export const PLEDGED_OFFER_STATUSES: readonly OfferStatus[] = ['indicative', 'committed', 'contracted', 'delivering', 'delivered'];
/** Binding statuses: a commitment, not a pledge. */
export const COMMITTED_OFFER_STATUSES: readonly OfferStatus[] = ['committed', 'contracted', 'delivering', 'delivered'];

const ANY_BEFORE_DELIVERY: readonly OfferStatus[] = ['indicative', 'committed', 'contracted', 'delivering'];

/** The statuses an offer may move to from `status`; forward skips allowed, delivered and cancelled are final. */
export const OFFER_STATUS_TRANSITIONS: Readonly<Record<OfferStatus, readonly OfferStatus[]>> = {
  indicative: ['committed', 'contracted', 'delivering', 'delivered', 'cancelled', 'suspended'],
  committed: ['contracted', 'delivering', 'delivered', 'cancelled', 'suspended'],
  contracted: ['delivering', 'delivered', 'cancelled', 'suspended'],
  delivering: ['delivered', 'cancelled', 'suspended'],
  delivered: [],
  cancelled: [],
  suspended: [...ANY_BEFORE_DELIVERY, 'cancelled'],
};

/** How the assistance is funded and routed. */
export const CHANNELS = ['bilateral', 'eu', 'nato-trust-fund', 'private-sector'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = z.enum(CHANNELS);

/** An offer spread over more needs than this is better split into several offers. */
export const MAX_ALLOCATIONS = 200;

export const AllocationSchema = z.strictObject({
  need: RecordRefSchema,
  /** In the offer's unit. */
  quantity: QuantitySchema,
  /** In the offer's currency. */
  value: MoneySchema,
});
export type Allocation = z.infer<typeof AllocationSchema>;

export const OfferValuesSchema = z
  .strictObject({
    /** What is offered. */
    title: textSchema({ max: TEXT_LIMITS.short }),
    description: textSchema({ max: TEXT_LIMITS.long, multiline: true, required: false }),
    category: CategorySchema,
    quantity: QuantitySchema,
    unit: UnitSchema,
    value: MoneySchema,
    channel: ChannelSchema,
    /** Null: not known yet. */
    expectedDate: PlainDateSchema.nullable(),
    status: OfferStatusSchema,
    allocations: z.array(AllocationSchema).max(MAX_ALLOCATIONS),
  })
  .superRefine((offer, ctx) => {
    const seen = new Set<string>();
    let quantity = 0;
    let eurCents = 0;
    offer.allocations.forEach((allocation, index) => {
      // One allocation per need: two would be the same thing counted twice.
      if (seen.has(allocation.need)) ctx.addIssue({ code: 'custom', message: 'validation.duplicateReference', path: ['allocations', index, 'need'] });
      seen.add(allocation.need);
      if (allocation.value.currency !== offer.value.currency) {
        ctx.addIssue({ code: 'custom', message: 'validation.currencyMismatch', path: ['allocations', index, 'value', 'currency'], params: { currency: offer.value.currency } });
      }
      quantity += allocation.quantity;
      eurCents += allocation.value.eurCents;
    });
    if (quantity > offer.quantity) {
      ctx.addIssue({ code: 'custom', message: 'validation.allocationsExceedQuantity', path: ['allocations'], params: { max: offer.quantity } });
    }
    if (eurCents > offer.value.eurCents) {
      ctx.addIssue({ code: 'custom', message: 'validation.allocationsExceedValue', path: ['allocations'] });
    }
  });
export type OfferValues = z.infer<typeof OfferValuesSchema>;
