/**
 * What a list shows, as it stands in the address (`/needs?sector=energy&coverage=uncovered&sort=deadline`):
 * filters, the records behind a dashboard figure, the search text, the sort. Reading and writing it is
 * pure; sorting happens once per snapshot and sort order, filtering on every keystroke over the sorted
 * rows (order kept), so typing never sorts.
 */
import { PRIORITIES } from '@shared/domain/classification';
import { COVERAGE_STATES } from '@shared/domain/coverage';
import { NEED_STATUSES } from '@shared/domain/need';
import { OFFER_STATUSES } from '@shared/domain/offer';
import { matchesTerms, searchTerms, type BaseRow } from './rows';

export const FILTER_KEYS = ['sector', 'category', 'priority', 'status', 'tlp', 'owner', 'coverage', 'marker', 'kind', 'type'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SORT_KEYS = ['title', 'priority', 'date', 'status', 'value', 'owner', 'coverage', 'kind'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface ListQuery {
  readonly filters: Readonly<Partial<Record<FilterKey, readonly string[]>>>;
  /** Deleted records are listed too (they are hidden by default). */
  readonly deleted: boolean;
  /** The dashboard figure whose records are listed, or null. */
  readonly figure: string | null;
  readonly q: string;
  readonly sort: SortKey;
  readonly dir: SortDirection;
}

const isSortKey = (value: string | null): value is SortKey => value !== null && (SORT_KEYS as readonly string[]).includes(value);

export function readQuery(params: URLSearchParams, defaultSort: SortKey): ListQuery {
  const filters: Partial<Record<FilterKey, readonly string[]>> = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    filters[key] = raw.split(',').filter((value) => value !== '');
  }
  const sort = params.get('sort');
  return {
    filters,
    deleted: params.get('deleted') === '1',
    figure: params.get('figure'),
    q: params.get('q') ?? '',
    sort: isSortKey(sort) ? sort : defaultSort,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

export function writeQuery(query: ListQuery, defaultSort: SortKey): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const values = query.filters[key];
    if (values !== undefined && values.length > 0) params.set(key, values.join(','));
  }
  if (query.figure !== null) params.set('figure', query.figure);
  if (query.deleted) params.set('deleted', '1');
  if (query.q.trim() !== '') params.set('q', query.q);
  if (query.sort !== defaultSort || query.dir !== 'asc') {
    params.set('sort', query.sort);
    if (query.dir !== 'asc') params.set('dir', query.dir);
  }
  return params;
}

export function activeFilterCount(query: ListQuery): number {
  let count = query.deleted ? 1 : 0;
  for (const key of FILTER_KEYS) count += (query.filters[key]?.length ?? 0) > 0 ? 1 : 0;
  return count + (query.figure === null ? 0 : 1);
}

// ---- sorting -------------------------------------------------------------------------------------

type SortValue = string | number | null;

const PRIORITY_RANK = new Map<string, number>(PRIORITIES.map((p, i) => [p, i]));
const STATUS_RANK = new Map<string, number>([...NEED_STATUSES.map((s, i) => [s, i] as const), ...OFFER_STATUSES.map((s, i) => [s, 100 + i] as const)]);
const COVERAGE_RANK = new Map<string, number>(COVERAGE_STATES.map((s, i) => [s, i]));

/** A deadline as a number that sorts in date order (YYYYMMDD), or a value past every date. */
function dayNumber(date: string | null): number {
  return date === null ? 99_999_999 : Number(date.replaceAll('-', ''));
}

export interface SortContext {
  readonly collator: Intl.Collator;
  /** The owner's name as shown (sorting by owner sorts by name). */
  readonly ownerName: (id: string) => string;
  /** A record kind's label (the list of the records behind a figure). */
  readonly kindLabel: (kind: string) => string;
}

interface SortableRow extends BaseRow {
  readonly priority?: string;
  readonly status?: string;
  readonly deadline?: string | null;
  readonly expectedDate?: string | null;
  readonly date?: string | null;
  readonly eurCents?: number | null;
  readonly coverage?: string | null;
}

function sortValue(row: SortableRow, key: SortKey, context: SortContext): SortValue {
  switch (key) {
    case 'title':
      return row.title;
    case 'priority': {
      // Most urgent first, then the earliest deadline: the order a desk officer works in.
      const rank = row.priority === undefined ? undefined : PRIORITY_RANK.get(row.priority);
      return rank === undefined ? null : rank * 100_000_000 + dayNumber(row.deadline ?? null);
    }
    case 'date': {
      const date = row.deadline ?? row.expectedDate ?? row.date ?? null;
      return date === null ? null : dayNumber(date);
    }
    case 'status':
      return row.status === undefined ? null : (STATUS_RANK.get(row.status) ?? null);
    case 'value':
      return row.eurCents ?? null;
    case 'owner':
      return context.ownerName(row.owner);
    case 'coverage':
      return row.coverage === undefined || row.coverage === null ? null : (COVERAGE_RANK.get(row.coverage) ?? null);
    case 'kind':
      return context.kindLabel(row.kind);
  }
}

/** The rows in `key` order (missing values last in both directions), ties by id so the order is stable. */
export function sortRows<R extends SortableRow>(rows: readonly R[], key: SortKey, dir: SortDirection, context: SortContext): R[] {
  const keyed = rows.map((row) => ({ row, value: sortValue(row, key, context) }));
  const sign = dir === 'asc' ? 1 : -1;
  const { collator } = context;
  keyed.sort((a, b) => {
    const x = a.value;
    const y = b.value;
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (order !== 0) return sign * order;
    }
    return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
  });
  return keyed.map((entry) => entry.row);
}

// ---- filtering -----------------------------------------------------------------------------------

/** How a list reads a filter's value(s) from one of its rows. */
export type FilterAccessors<R> = Partial<Record<FilterKey, (row: R) => string | readonly string[] | null>>;

/**
 * The sorted rows that pass every filter, the figure's record set and the search (all terms). One pass,
 * cheapest tests first; order kept.
 */
export function filterRows<R extends BaseRow>(sorted: readonly R[], query: ListQuery, accessors: FilterAccessors<R>, figure: ReadonlySet<string> | null): R[] {
  const tests: ((row: R) => boolean)[] = [];
  if (!query.deleted) tests.push((row) => !row.deleted);
  if (figure !== null) tests.push((row) => figure.has(row.id));
  for (const key of FILTER_KEYS) {
    const wanted = query.filters[key];
    const read = accessors[key];
    if (wanted === undefined || wanted.length === 0 || read === undefined) continue;
    const set = new Set(wanted);
    tests.push((row) => {
      const value = read(row);
      if (value === null) return false;
      if (typeof value === 'string') return set.has(value);
      for (const item of value) if (set.has(item)) return true;
      return false;
    });
  }
  const terms = searchTerms(query.q);
  if (terms.length > 0) tests.push((row) => matchesTerms(row, terms));
  if (tests.length === 0) return [...sorted];
  const out: R[] = [];
  for (const row of sorted) {
    let pass = true;
    for (const test of tests) {
      if (!test(row)) {
        pass = false;
        break;
      }
    }
    if (pass) out.push(row);
  }
  return out;
}

/** `compute()` and how long it took (the search time the list shows for `npm run bench`). */
export function timed<T>(compute: () => T): { readonly value: T; readonly ms: number } {
  const started = performance.now();
  const value = compute();
  return { value, ms: performance.now() - started };
}
