/** Options of the list filters, labelled in the UI language. */
import { CATEGORIES, PRIORITIES, SECTORS } from '@shared/domain/classification';
import { COVERAGE_STATES } from '@shared/domain/coverage';
import { TLP_LEVELS } from '@shared/sync/tlp';
import { useMemo } from 'react';
import type { FilterOption } from './RecordList';
import { useDelegationNames } from './delegations';
import { useFormatters } from './format';
import { useDomainLabels } from './labels';
import type { BaseRow } from './rows';

export interface CommonOptions {
  readonly sector: readonly FilterOption[];
  readonly category: readonly FilterOption[];
  readonly priority: readonly FilterOption[];
  readonly tlp: readonly FilterOption[];
  readonly coverage: readonly FilterOption[];
}

export function useCommonOptions(): CommonOptions {
  const labels = useDomainLabels();
  return useMemo(
    () => ({
      sector: SECTORS.map((value) => ({ value, label: labels.sector(value) })),
      category: CATEGORIES.map((value) => ({ value, label: labels.category(value) })),
      priority: PRIORITIES.map((value) => ({ value, label: labels.priority(value) })),
      tlp: TLP_LEVELS.map((value) => ({ value, label: labels.tlp(value) })),
      coverage: COVERAGE_STATES.map((value) => ({ value, label: labels.coverage(value) })),
    }),
    [labels],
  );
}

/** Owners of the rows, by name (ours first). */
export function useOwnerOptions(rows: readonly BaseRow[]): readonly FilterOption[] {
  const names = useDelegationNames();
  const { collator } = useFormatters();
  const owners = useMemo(() => {
    const set = new Set<string>();
    for (const row of rows) set.add(row.owner);
    return [...set];
  }, [rows]);
  return useMemo(
    () =>
      owners
        .map((id) => ({ value: id, label: names.name(id), local: names.isLocal(id) }))
        .sort((a, b) => (a.local === b.local ? collator.compare(a.label, b.label) : a.local ? -1 : 1))
        .map(({ value, label }) => ({ value, label })),
    [owners, names, collator],
  );
}
