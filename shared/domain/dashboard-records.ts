/**
 * The records behind the dashboard's figures (dashboard.ts), listed when a figure is first read: at
 * 100,000 records, filling some thirty id lists on every change cost more than all the sums together,
 * while the user opens one figure at a time.
 */
import type { CoverageInput, CoverageResult, NeedCoverage, OfferCoverage } from './coverage';
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
    private readonly coverage: CoverageResult,
    private readonly input: CoverageInput,
  ) {}

  countedNeeds = once(() => this.needs(() => true));

  needs(test: (entry: NeedCoverage) => boolean): string[] {
    const ids: string[] = [];
    for (const entry of this.coverage.needs.values()) if (COUNTED_NEED_STATUSES.has(entry.need.status) && test(entry)) ids.push(entry.need.id);
    return ids;
  }

  offers(test: (entry: OfferCoverage) => boolean): string[] {
    const ids: string[] = [];
    for (const entry of this.coverage.offers.values()) if (test(entry)) ids.push(entry.offer.id);
    return ids;
  }

  /** Pledged (or committed) offers allocated to a counted need of the group, each listed once. */
  groupOffers(by: GroupBy, key: string, committedOnly: boolean): string[] {
    return this.offers((entry) => {
      const status = entry.offer.status;
      if (!PLEDGED.has(status) || (committedOnly && !COMMITTED.has(status))) return false;
      return entry.allocations.some((allocation) => {
        const need = allocation.target?.need;
        return need !== undefined && COUNTED_NEED_STATUSES.has(need.status) && need[by] === key;
      });
    });
  }

  deliveries(test: (need: NeedCoverage['need'] | undefined) => boolean): string[] {
    const ids: string[] = [];
    for (const entry of this.coverage.deliveries.values()) if (test(entry.target?.need)) ids.push(entry.delivery.id);
    return ids;
  }

  groupDeliveries(by: GroupBy, key: string): string[] {
    return this.deliveries((need) => need !== undefined && COUNTED_NEED_STATUSES.has(need.status) && need[by] === key);
  }

  partnerDeliveries(partner: string): string[] {
    const ids: string[] = [];
    for (const entry of this.coverage.offers.values()) if (entry.offer.owner === partner) for (const id of entry.deliveries) ids.push(id);
    return ids;
  }

  acceptances(): string[] {
    const ids: string[] = [];
    for (const record of this.input.acceptances) if (!record.deleted) ids.push(record.id);
    return ids;
  }
}

