/**
 * The lists' query (renderer/features/records/list-query.ts): the address round-trips, sorting keeps
 * missing values last in both directions and ties in id order, filtering keeps the sorted order and
 * every search term must match (NFC, any case).
 */
import { describe, expect, it } from 'vitest';
import { filterRows, readQuery, sortRows, writeQuery, type ListQuery } from '../../../renderer/features/records/list-query';
import { searchText, type BaseRow } from '../../../renderer/features/records/rows';

interface Row extends BaseRow {
  readonly priority: string;
  readonly deadline: string | null;
  readonly sector: string;
}

function row(id: string, title: string, priority: string, deadline: string | null, sector = 'energy', deleted = false): Row {
  return {
    id,
    kind: 'need',
    view: {} as BaseRow['view'],
    owner: 'o',
    tlp: 'GREEN',
    deleted,
    title,
    priority,
    deadline,
    sector,
    search: searchText(title),
  };
}

const context = { collator: new Intl.Collator('en', { sensitivity: 'base', numeric: true }), ownerName: (id: string) => id, kindLabel: (kind: string) => kind };
const query = (patch: Partial<ListQuery> = {}): ListQuery => ({ filters: {}, deleted: false, figure: null, q: '', sort: 'priority', dir: 'asc', ...patch });

describe('the list query', () => {
  it('round-trips through the address, leaving defaults out', () => {
    const written = writeQuery(query({ filters: { sector: ['energy', 'water'], tlp: ['AMBER+STRICT'] }, q: 'edr', sort: 'title', dir: 'desc', figure: 'total.pledged', deleted: true }), 'priority');
    expect(written.toString()).toBe('sector=energy%2Cwater&tlp=AMBER%2BSTRICT&figure=total.pledged&deleted=1&q=edr&sort=title&dir=desc');
    expect(readQuery(new URLSearchParams(written), 'priority')).toEqual(
      query({ filters: { sector: ['energy', 'water'], tlp: ['AMBER+STRICT'] }, q: 'edr', sort: 'title', dir: 'desc', figure: 'total.pledged', deleted: true }),
    );
    expect(writeQuery(query(), 'priority').toString()).toBe('');
    expect(readQuery(new URLSearchParams('sort=nonsense'), 'priority').sort).toBe('priority');
  });

  it('sorts by urgency: priority, then deadline (none last), missing values last both ways, ties by id', () => {
    const rows = [row('d', 'D', 'low', '2025-01-01'), row('c', 'C', 'critical', null), row('b', 'B', 'critical', '2025-05-01'), row('a', 'A', 'critical', '2025-05-01'), row('e', 'E', '', null)];
    expect(sortRows(rows, 'priority', 'asc', context).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sortRows(rows, 'priority', 'desc', context).map((r) => r.id)).toEqual(['d', 'c', 'a', 'b', 'e']);
    expect(sortRows([row('x', 'item 10', 'low', null), row('y', 'Item 9', 'low', null)], 'title', 'asc', context).map((r) => r.id)).toEqual(['y', 'x']);
  });

  it('filters in sorted order: deleted hidden, each filter, the figure, every search term', () => {
    const rows = [row('a', 'Firewalls for Київ', 'critical', null), row('b', 'EDR licences', 'high', null, 'government'), row('c', 'Firewalls (gone)', 'low', null, 'energy', true)];
    expect(filterRows(rows, query(), {}, null).map((r) => r.id)).toEqual(['a', 'b']);
    expect(filterRows(rows, query({ deleted: true }), {}, null).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(filterRows(rows, query({ filters: { sector: ['government'] } }), { sector: (r) => r.sector }, null).map((r) => r.id)).toEqual(['b']);
    expect(filterRows(rows, query(), {}, new Set(['b'])).map((r) => r.id)).toEqual(['b']);
    expect(filterRows(rows, query({ q: '  КИЇВ   firewalls ' }), {}, null).map((r) => r.id)).toEqual(['a']);
    expect(filterRows(rows, query({ q: 'київ'.normalize('NFD') }), {}, null).map((r) => r.id)).toEqual(['a']);
    expect(filterRows(rows, query({ q: 'firewalls edr' }), {}, null)).toEqual([]);
  });
});
