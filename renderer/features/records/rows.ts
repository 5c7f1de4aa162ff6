/**
 * The rows of the Needs and Offers lists, computed once per working-set snapshot (model.ts): the values
 * each column shows and filters on, read with type guards (a record from another workstation may hold
 * anything), the coverage state of each need, the markers of each offer, and one lowercase NFC search
 * text per record, so a keystroke only runs `includes` over prepared strings.
 */
import type { CoverageState } from '@shared/domain/coverage';
import type { AllocationMarker } from '@shared/domain/coverage';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Tlp } from '@shared/sync/tlp';
import { countOf, dateOf, moneyOf, textOf } from './domain-values';
import type { Coordination } from './model';

export interface BaseRow {
  readonly id: string;
  readonly kind: string;
  readonly view: RecordView;
  readonly owner: string;
  readonly tlp: Tlp;
  readonly deleted: boolean;
  readonly title: string;
  /** Lowercase NFC text searched by the search box. */
  readonly search: string;
}

export interface NeedRow extends BaseRow {
  readonly kind: 'need';
  readonly institution: string;
  readonly sector: string;
  readonly category: string;
  readonly priority: string;
  readonly status: string;
  readonly quantity: number | null;
  readonly unit: string;
  readonly eurCents: number | null;
  readonly deadline: string | null;
  /** Null for a deleted need or one whose values cannot be read (not counted by coverage). */
  readonly coverage: CoverageState | null;
  readonly allocatedQty: number;
}

export interface OfferRow extends BaseRow {
  readonly kind: 'offer';
  readonly category: string;
  readonly status: string;
  readonly quantity: number | null;
  readonly unit: string;
  readonly eurCents: number | null;
  readonly expectedDate: string | null;
  /** Sectors and priorities of the needs it is allocated to (offers are filtered by them too). */
  readonly sectors: readonly string[];
  readonly priorities: readonly string[];
  readonly allocations: number;
  /** Allocation markers other than 'ok': a withdrawn, closed, deleted or missing need, another unit. */
  readonly markers: readonly AllocationMarker[];
}

export interface GenericRow extends BaseRow {
  readonly status: string;
  /** The date the record is about (deadline, expected, delivery, acceptance or meeting date). */
  readonly date: string | null;
  readonly eurCents: number | null;
}

export function searchText(...parts: readonly string[]): string {
  return parts.join('\n').normalize('NFC').toLowerCase();
}

/** The search box's input as terms: every term must occur (in any field, in any order). */
export function searchTerms(query: string): string[] {
  return query
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/u)
    .filter((term) => term !== '');
}

export function matchesTerms(row: BaseRow, terms: readonly string[]): boolean {
  for (const term of terms) if (!row.search.includes(term)) return false;
  return true;
}

const NO_MARKERS: readonly AllocationMarker[] = [];
const NO_STRINGS: readonly string[] = [];

export function needRows(coordination: Coordination): readonly NeedRow[] {
  return coordination.cached('rows:need', () => {
    const coverage = coordination.dashboard.coverage.needs;
    return coordination.needs.map((view): NeedRow => {
      const v = view.values;
      const title = textOf(v, 'title');
      const institution = textOf(v, 'institution');
      const entry = coverage.get(view.id);
      return {
        id: view.id,
        kind: 'need',
        view,
        owner: view.owner,
        tlp: view.tlp,
        deleted: view.deleted,
        title,
        institution,
        sector: textOf(v, 'sector'),
        category: textOf(v, 'category'),
        priority: textOf(v, 'priority'),
        status: textOf(v, 'status'),
        quantity: countOf(v, 'quantity'),
        unit: textOf(v, 'unit'),
        eurCents: moneyOf(v, 'estimatedValue')?.eurCents ?? null,
        deadline: dateOf(v, 'deadline'),
        coverage: entry?.state ?? null,
        allocatedQty: entry?.allocatedQty ?? 0,
        search: searchText(title, textOf(v, 'description'), institution),
      };
    });
  });
}

export function offerRows(coordination: Coordination): readonly OfferRow[] {
  return coordination.cached('rows:offer', () => {
    const coverage = coordination.dashboard.coverage.offers;
    const needs = coordination.dashboard.coverage.needs;
    return coordination.offers.map((view): OfferRow => {
      const v = view.values;
      const title = textOf(v, 'title');
      const entry = coverage.get(view.id);
      let markers: AllocationMarker[] | null = null;
      let sectors: string[] | null = null;
      let priorities: string[] | null = null;
      let institutions = '';
      for (const allocation of entry?.allocations ?? []) {
        if (allocation.marker !== 'ok' && !(markers ??= []).includes(allocation.marker)) markers.push(allocation.marker);
        const need = allocation.target?.need ?? needs.get(allocation.need)?.need;
        if (need !== undefined) {
          if (!(sectors ??= []).includes(need.sector)) sectors.push(need.sector);
          if (!(priorities ??= []).includes(need.priority)) priorities.push(need.priority);
          institutions += `\n${need.institution}`;
        }
      }
      const allocations = v['allocations'];
      return {
        id: view.id,
        kind: 'offer',
        view,
        owner: view.owner,
        tlp: view.tlp,
        deleted: view.deleted,
        title,
        category: textOf(v, 'category'),
        status: textOf(v, 'status'),
        quantity: countOf(v, 'quantity'),
        unit: textOf(v, 'unit'),
        eurCents: moneyOf(v, 'value')?.eurCents ?? null,
        expectedDate: dateOf(v, 'expectedDate'),
        sectors: sectors ?? NO_STRINGS,
        priorities: priorities ?? NO_STRINGS,
        allocations: Array.isArray(allocations) ? allocations.length : 0,
        markers: markers ?? NO_MARKERS,
        search: searchText(title, textOf(v, 'description'), institutions),
      };
    });
  });
}

/** A row for any record (the list of the records behind a dashboard figure). */
export function genericRow(coordination: Coordination, view: RecordView, describe: (view: RecordView) => string): GenericRow {
  const v = view.values;
  let date: string | null = null;
  let eurCents: number | null = null;
  switch (view.kind) {
    case 'need':
      date = dateOf(v, 'deadline');
      eurCents = moneyOf(v, 'estimatedValue')?.eurCents ?? null;
      break;
    case 'offer':
      date = dateOf(v, 'expectedDate');
      eurCents = moneyOf(v, 'value')?.eurCents ?? null;
      break;
    case 'delivery':
      date = dateOf(v, 'date');
      eurCents = coordination.dashboard.coverage.deliveries.get(view.id)?.eurCents ?? null;
      break;
    case 'acceptance':
      date = dateOf(v, 'date');
      break;
    case 'note':
      date = dateOf(v, 'meetingDate');
      break;
    default:
  }
  const title = describe(view);
  return {
    id: view.id,
    kind: view.kind,
    view,
    owner: view.owner,
    tlp: view.tlp,
    deleted: view.deleted,
    title,
    status: textOf(v, 'status'),
    date,
    eurCents,
    search: searchText(title, textOf(v, 'description'), textOf(v, 'note'), textOf(v, 'body')),
  };
}
