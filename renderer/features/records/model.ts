/**
 * The coordination picture derived from the working set (DESIGN.md §2: the UI searches the decrypted
 * working set in memory): records by kind and id, coverage and the dashboard's figures
 * (shared/domain), deconfliction warnings by record, allocations by need and notes by linked record.
 *
 * Everything is computed from one snapshot of the working set (an immutable array) and only when first
 * asked for, then kept with that snapshot: the Needs list, a need's detail and the dashboard share one
 * computation of coverage, and a write (which makes a new snapshot) starts afresh. With 100,000 records
 * that is what keeps a keystroke in the search box from recomputing anything but the filter.
 */
import { computeDashboard, type Dashboard } from '@shared/domain/dashboard';
import type { AllocationCoverage } from '@shared/domain/coverage';
import type { DeconflictionWarning } from '@shared/domain/warnings';
import type { RecordView } from '@shared/ipc/vault-protocol';
import { useMemo } from 'react';
import { useClock, useWorkingSet } from '../../app/hooks';
import { localPlainDate } from './format';

/** Performance mark set each time coverage and the dashboard's figures have been computed. */
export const DASHBOARD_COMPUTED_MARK = 'tallinn-desk:dashboard-computed';

const EMPTY: readonly never[] = [];

export class Coordination {
  readonly records: readonly RecordView[];
  /** The local calendar day the figures are computed for (overdue deadlines). */
  readonly today: string;
  readonly needs: readonly RecordView[];
  readonly offers: readonly RecordView[];
  readonly deliveries: readonly RecordView[];
  readonly acceptances: readonly RecordView[];
  readonly notes: readonly RecordView[];
  #byId: Map<string, RecordView> | undefined;
  #dashboard: Dashboard | undefined;
  #dashboardMs = 0;
  #warningsByRecord: Map<string, DeconflictionWarning[]> | undefined;
  #allocationsByNeed: Map<string, AllocationCoverage[]> | undefined;
  #notesByLink: Map<string, RecordView[]> | undefined;
  #acceptancesByDelivery: Map<string, RecordView[]> | undefined;
  #deliveriesByOffer: Map<string, RecordView[]> | undefined;
  /** Per-snapshot caches of other modules (list rows), keyed by what they compute. */
  readonly memo = new Map<string, unknown>();

  constructor(records: readonly RecordView[], today: string) {
    this.records = records;
    this.today = today;
    const needs: RecordView[] = [];
    const offers: RecordView[] = [];
    const deliveries: RecordView[] = [];
    const acceptances: RecordView[] = [];
    const notes: RecordView[] = [];
    for (const record of records) {
      switch (record.kind) {
        case 'need':
          needs.push(record);
          break;
        case 'offer':
          offers.push(record);
          break;
        case 'delivery':
          deliveries.push(record);
          break;
        case 'acceptance':
          acceptances.push(record);
          break;
        case 'note':
          notes.push(record);
          break;
        default:
        // A kind this version does not know: kept in the working set, listed nowhere.
      }
    }
    this.needs = needs;
    this.offers = offers;
    this.deliveries = deliveries;
    this.acceptances = acceptances;
    this.notes = notes;
  }

  get byId(): ReadonlyMap<string, RecordView> {
    this.#byId ??= new Map(this.records.map((record) => [record.id, record]));
    return this.#byId;
  }

  /** Coverage and every figure of the dashboard (computed once per snapshot). */
  get dashboard(): Dashboard {
    if (this.#dashboard === undefined) {
      const started = performance.now();
      this.#dashboard = computeDashboard(
        { needs: this.needs, offers: this.offers, deliveries: this.deliveries, acceptances: this.acceptances },
        { today: this.today },
      );
      this.#dashboardMs = performance.now() - started;
      // What `npm run bench` reads as coord.dashboard.100k.
      performance.mark(DASHBOARD_COMPUTED_MARK, { detail: { ms: this.#dashboardMs, records: this.records.length } });
      document.documentElement.dataset['dashboardMs'] = this.#dashboardMs.toFixed(1);
      document.documentElement.dataset['dashboardRecords'] = String(this.records.length);
    }
    return this.#dashboard;
  }

  get dashboardMs(): number {
    return this.#dashboardMs;
  }

  /** The deconfliction warnings that name `id` (as subject or as one of the records behind them). */
  warningsOf(id: string): readonly DeconflictionWarning[] {
    if (this.#warningsByRecord === undefined) {
      const index = new Map<string, DeconflictionWarning[]>();
      for (const warning of this.dashboard.warnings) {
        for (const record of warning.records) {
          const list = index.get(record);
          if (list === undefined) index.set(record, [warning]);
          else list.push(warning);
        }
      }
      this.#warningsByRecord = index;
    }
    return this.#warningsByRecord.get(id) ?? EMPTY;
  }

  /** Every allocation of every offer (whatever its status) to the need `id`. */
  allocationsTo(needId: string): readonly AllocationCoverage[] {
    if (this.#allocationsByNeed === undefined) {
      const index = new Map<string, AllocationCoverage[]>();
      for (const offer of this.dashboard.coverage.offers.values()) {
        for (const allocation of offer.allocations) {
          const list = index.get(allocation.need);
          if (list === undefined) index.set(allocation.need, [allocation]);
          else list.push(allocation);
        }
      }
      this.#allocationsByNeed = index;
    }
    return this.#allocationsByNeed.get(needId) ?? EMPTY;
  }

  /** Notes and decisions that link to `id`, not deleted. */
  notesLinking(id: string): readonly RecordView[] {
    if (this.#notesByLink === undefined) {
      const index = new Map<string, RecordView[]>();
      for (const note of this.notes) {
        if (note.deleted) continue;
        const links = note.values['links'];
        if (!Array.isArray(links)) continue;
        for (const link of links) {
          if (typeof link !== 'string') continue;
          const list = index.get(link);
          if (list === undefined) index.set(link, [note]);
          else list.push(note);
        }
      }
      this.#notesByLink = index;
    }
    return this.#notesByLink.get(id) ?? EMPTY;
  }

  /** Delivery events of an offer, deleted ones included (shown as retracted). */
  deliveriesOf(offerId: string): readonly RecordView[] {
    if (this.#deliveriesByOffer === undefined) {
      const index = new Map<string, RecordView[]>();
      for (const delivery of this.deliveries) {
        const offer = delivery.values['offer'];
        if (typeof offer !== 'string') continue;
        const list = index.get(offer);
        if (list === undefined) index.set(offer, [delivery]);
        else list.push(delivery);
      }
      this.#deliveriesByOffer = index;
    }
    return this.#deliveriesByOffer.get(offerId) ?? EMPTY;
  }

  /** Acceptance events of a delivery, deleted ones included. */
  acceptancesOf(deliveryId: string): readonly RecordView[] {
    if (this.#acceptancesByDelivery === undefined) {
      const index = new Map<string, RecordView[]>();
      for (const acceptance of this.acceptances) {
        const delivery = acceptance.values['delivery'];
        if (typeof delivery !== 'string') continue;
        const list = index.get(delivery);
        if (list === undefined) index.set(delivery, [acceptance]);
        else list.push(acceptance);
      }
      this.#acceptancesByDelivery = index;
    }
    return this.#acceptancesByDelivery.get(deliveryId) ?? EMPTY;
  }

  /** A value computed once per snapshot under `key`. */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}

/** One Coordination per working-set snapshot and day; the snapshot is immutable, so this never goes stale. */
const snapshots = new WeakMap<readonly RecordView[], Coordination>();

export function coordinationOf(records: readonly RecordView[], today: string): Coordination {
  const known = snapshots.get(records);
  if (known !== undefined && known.today === today) return known;
  const fresh = new Coordination(records, today);
  snapshots.set(records, fresh);
  return fresh;
}

/** The coordination picture of the current working set. */
export function useCoordination(): Coordination {
  const records = useWorkingSet((state) => state.records);
  const clock = useClock();
  const today = localPlainDate(clock.now());
  return useMemo(() => coordinationOf(records, today), [records, today]);
}

/** Whether the working set has been read yet (false while the vault is still answering). */
export function useWorkingSetLoaded(): boolean {
  return useWorkingSet((state) => state.loaded);
}
