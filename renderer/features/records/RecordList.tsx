/**
 * A list of records as a page shows it: the search box, the filters, the records behind a dashboard
 * figure, the count and the virtualised table, all kept in the address so a filtered list can be linked
 * to and the Back button returns to it. The search box answers on every keystroke: the rows and their
 * search texts are prepared once per working-set snapshot (rows.ts), sorting once per sort order, and a
 * keystroke only filters (list-query.ts).
 */
import { Alert, Button, Checkbox, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconFilter, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDelegationNames } from './delegations';
import { resolveFigure } from './figures';
import { useFigureLabel } from './figure-label';
import { useFormatters } from './format';
import { useDomainLabels } from './labels';
import { filterRows, readQuery, sortRows, timed, writeQuery, type FilterAccessors, type FilterKey, type ListQuery, type SortKey } from './list-query';
import type { Coordination } from './model';
import { RecordTable, type Column } from './RecordTable';
import type { BaseRow } from './rows';

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

export interface FilterDefinition {
  readonly key: FilterKey;
  readonly label: string;
  readonly options: readonly FilterOption[];
}

export interface RecordListProps<R extends BaseRow> {
  readonly coordination: Coordination;
  readonly rows: readonly R[];
  readonly columns: readonly Column<R>[];
  readonly filters: readonly FilterDefinition[];
  readonly accessors: FilterAccessors<R>;
  readonly defaultSort: SortKey;
  /** The table's accessible name and the noun of the count ("needs"). */
  readonly label: string;
  /** "{{shown}} of {{total}} needs" */
  readonly countText: (shown: number, total: number) => string;
  readonly searchLabel: string;
  readonly searchPlaceholder: string;
  readonly href: (row: R) => string;
  readonly empty: ReactNode;
  /** The rows are already a figure's records: the `figure` parameter names them and filters nothing. */
  readonly rowsAreFigure?: boolean;
}

/** How long the address waits for typing to pause before it takes the search text. */
const SEARCH_URL_DELAY_MS = 400;

export function RecordList<R extends BaseRow>(props: RecordListProps<R>) {
  const { coordination, rows, columns, filters, accessors, defaultSort, label } = props;
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const figureLabel = useFigureLabel();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params, defaultSort), [params, defaultSort]);

  // The search box answers at once; the address follows when typing pauses. A link that changes the
  // address (Back, a dashboard figure) replaces what the box holds.
  const [typed, setTyped] = useState({ fromAddress: query.q, text: query.q });
  const text = typed.fromAddress === query.q ? typed.text : query.q;

  const update = (next: Partial<ListQuery>): void => {
    setParams(writeQuery({ ...query, q: text, ...next }, defaultSort), { replace: true });
  };

  useEffect(() => {
    if (text === query.q) return undefined;
    const timer = setTimeout(() => {
      setTyped({ fromAddress: text, text });
      setParams(writeQuery({ ...query, q: text }, defaultSort), { replace: true });
    }, SEARCH_URL_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [text, query, setParams, defaultSort]);

  const sortContext = useMemo(
    () => ({ collator: format.collator, ownerName: names.plain, kindLabel: labels.kind }),
    [format.collator, names.plain, labels.kind],
  );
  const sorted = useMemo(() => sortRows(rows, query.sort, query.dir, sortContext), [rows, query.sort, query.dir, sortContext]);
  const figure = useMemo(() => {
    if (query.figure === null) return null;
    return resolveFigure(coordination.dashboard, query.figure);
  }, [coordination, query.figure]);
  const rowsAreFigure = props.rowsAreFigure === true;
  const figureSet = useMemo(() => (query.figure === null || rowsAreFigure ? null : new Set(figure?.records ?? [])), [query.figure, figure, rowsAreFigure]);

  const result = useMemo(() => {
    const { value, ms } = timed(() => filterRows(sorted, { ...query, q: text }, accessors, figureSet));
    return { shown: value, ms };
  }, [sorted, query, text, accessors, figureSet]);

  const total = useMemo(() => (query.deleted ? rows.length : rows.reduce((n, row) => (row.deleted ? n : n + 1), 0)), [rows, query.deleted]);

  const onSort = (key: SortKey): void => {
    update({ sort: key, dir: key === query.sort && query.dir === 'asc' ? 'desc' : 'asc' });
  };

  const hasFilters = filters.some((filter) => (query.filters[filter.key]?.length ?? 0) > 0) || query.deleted || (query.figure !== null && !rowsAreFigure) || text !== '';

  return (
    <Stack gap="md">
      <div className="td-filter-bar" role="search" aria-label={t('list.filters')}>
        <TextInput
          className="td-search"
          label={props.searchLabel}
          placeholder={props.searchPlaceholder}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={text}
          name="search"
          type="search"
          autoComplete="off"
          onChange={(event) => {
            setTyped({ fromAddress: query.q, text: event.currentTarget.value });
          }}
        />
        {filters.map((filter) => (
          <MultiSelect
            key={filter.key}
            label={filter.label}
            data={filter.options.map((option) => ({ value: option.value, label: option.label }))}
            value={[...(query.filters[filter.key] ?? [])]}
            onChange={(values) => {
              update({ filters: { ...query.filters, [filter.key]: values } });
            }}
            searchable
            clearable
            hidePickedOptions={false}
            placeholder={(query.filters[filter.key]?.length ?? 0) === 0 ? t('list.any') : undefined}
            comboboxProps={{ withinPortal: true }}
            data-filter={filter.key}
          />
        ))}
      </div>
      <Group gap="md" justify="space-between">
        <Group gap="md">
          <Checkbox
            label={t('list.showDeleted')}
            checked={query.deleted}
            onChange={(event) => {
              update({ deleted: event.currentTarget.checked });
            }}
          />
          {hasFilters ? (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconX size={14} aria-hidden="true" />}
              onClick={() => {
                setTyped({ fromAddress: '', text: '' });
                setParams(writeQuery({ filters: {}, deleted: false, figure: rowsAreFigure ? query.figure : null, q: '', sort: query.sort, dir: query.dir }, defaultSort), { replace: true });
              }}
            >
              {t('list.clear')}
            </Button>
          ) : null}
        </Group>
        <Text role="status" aria-live="polite" fw={500} data-result-count={result.shown.length}>
          {props.countText(result.shown.length, total)}
        </Text>
      </Group>
      {query.figure === null || rowsAreFigure ? null : (
        <Alert variant="light" color="gray" icon={<IconFilter size={18} aria-hidden="true" />} data-figure={query.figure}>
          <Group gap="sm" justify="space-between">
            <Text size="sm">
              {figure === null
                ? t('list.figureUnknown')
                : t('list.figure', { figure: figureLabel(query.figure), count: figure.records.length })}
            </Text>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => {
                update({ figure: null });
              }}
            >
              {t('list.figureClear')}
            </Button>
          </Group>
        </Alert>
      )}
      <div data-query={text} data-result-count={result.shown.length} data-search-ms={result.ms.toFixed(2)} className="td-record-list">
        <RecordTable
          rows={result.shown}
          columns={columns}
          label={label}
          sort={query.sort}
          dir={query.dir}
          onSort={onSort}
          href={props.href}
          empty={props.empty}
        />
      </div>
    </Stack>
  );
}
