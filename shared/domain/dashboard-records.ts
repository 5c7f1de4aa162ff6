/**
 * The records behind the dashboard's figures (dashboard.ts), listed when a figure is first read: at
 * 100,000 records, filling some thirty id lists on every change cost more than all the sums together,
 * while the user opens one figure at a time.
 */
import type { CoverageEntries, CoverageInput } from './coverage';
import type { NeedEntry, OfferEntry } from './coverage-entries';
import type { Figure } from './dashboard';
import { COMMITTED_OFFER_STATUSES, PLEDGED_OFFER_STATUSES, type OfferStatus } from './offer';
import type { NeedStatus } from './need';

/** Needs that count in the figures: stated and not withdrawn (dashboard.ts says why). */
export const COUNTED_NEED_STATUSES = new Set<NeedStatus>(['submitted', 'assessed', 'prioritised', 'open', 'closed']);
export const PLEDGED = new Set<OfferStatus>(PLEDGED_OFFER_STATUSES);
export const COMMITTED = new Set<OfferStatus>(COMMITTED_OFFER_STATUSES);

/**
 * A figure whose value is computed with the dashboard and whose records are listed on first access
 * (when the figure is clicked): at 100,000 records, filling some thirty id lists on every change cost
 * more than all the sums together. `records` is an own, enumerable property, so a figure still reads
 * (and compares in tests) as a plain `{value, records}`.
 */
export function lazyFigure(value: number, list: () => readonly string[]): Figure {
  const figure = { value } as { value: number; records: readonly string[] };
  Object.defineProperty(figure, 'records', { enumerable: true, get: once(list) });
  return figure;
}

/** A list computed once, whoever asks first. */
export function once(list: () => readonly string[]): () => readonly string[] {
  let cached: readonly string[] | undefined;
  return () => (cached ??= list());
}

/** Which group of needs a figure is about: by sector or by category. */
export type GroupBy = 'sector' | 'category';

/** The records behind the figures; each walks the coverage once, when its figure is opened. */
export class RecordLists {
  constructor(
    private readonly coverage: CoverageEntries,
    private readonly input: CoverageInput,
  ) {}

  countedNeeds = once(() => this.needs(() => true));

  needs(test: (need: NeedEntry) => boolean): string[] {
    const ids: string[] = [];
    for (const need of this.coverage.needList) if (COUNTED_NEED_STATUSES.has(need.status) && test(need)) ids.push(need.id);
    return ids;
  }

  offers(test: (offer: OfferEntry) => boolean): string[] {
    const ids: string[] = [];
    for (const offer of this.coverage.offerList) if (test(offer)) ids.push(offer.id);
    return ids;
  }

  /** Pledged (or committed) offers allocated to a counted need of the group, each listed once. */
  groupOffers(by: GroupBy, key: string, committedOnly: boolean): string[] {
    return this.offers((offer) => {
      const status = offer.status;
      if (!PLEDGED.has(status) || (committedOnly && !COMMITTED.has(status))) return false;
      return offer.allocations.some((allocation) => {
        const need = allocation.target;
        return need !== null && COUNTED_NEED_STATUSES.has(need.status) && need[by] === key;
      });
    });
  }

  deliveries(test: (need: NeedEntry | null) => boolean): string[] {
    const ids: string[] = [];
    for (const entry of this.coverage.deliveryList) if (test(entry.target)) ids.push(entry.delivery.id);
    return ids;
  }

  groupDeliveries(by: GroupBy, key: string): string[] {
    return this.deliveries((need) => need !== null && COUNTED_NEED_STATUSES.has(need.status) && need[by] === key);
  }

  partnerDeliveries(partner: string): string[] {
    const ids: string[] = [];
    for (const offer of this.coverage.offerList) if (offer.owner === partner) for (const id of offer.deliveries) ids.push(id);
    return ids;
  }

  acceptances(): string[] {
    const ids: string[] = [];
    for (const record of this.input.acceptances) if (!record.deleted) ids.push(record.id);
    return ids;
  }
}

