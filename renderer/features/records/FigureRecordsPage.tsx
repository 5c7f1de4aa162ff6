/**
 * The records behind a dashboard figure when they are not all needs or all offers (delivered value,
 * deliveries, warnings): every kind in one virtualised list, each row leading to its record.
 */
import { Anchor, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../ui';
import { useDelegationNames } from './delegations';
import { useFigureLabel } from './figure-label';
import { useFormatters } from './format';
import { useDomainLabels } from './labels';
import { useCommonOptions, useOwnerOptions } from './list-options';
import type { FilterAccessors } from './list-query';
import { useCoordination } from './model';
import { useRecordTitle } from './parts';
import { MarkerBadge } from './badges';
import { recordHref } from './paths';
import { RecordList, type FilterDefinition } from './RecordList';
import type { Column } from './RecordTable';
import { genericRow, type GenericRow } from './rows';
import { resolveFigure } from './figures';

const ACCESSORS: FilterAccessors<GenericRow> = {
  kind: (row) => row.kind,
  tlp: (row) => row.tlp,
  owner: (row) => row.owner,
};

const KINDS = ['need', 'offer', 'delivery', 'acceptance', 'note'] as const;

export function FigureRecordsPage() {
  const { t } = useTranslation('records');
  const [params] = useSearchParams();
  const coordination = useCoordination();
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const figureLabel = useFigureLabel();
  const title = useRecordTitle(coordination);
  const options = useCommonOptions();
  const figurePath = params.get('figure');

  // Only the records behind the figure become rows (a figure of 100,000 records is the whole set).
  const rows = useMemo(() => {
    const figure = figurePath === null ? null : resolveFigure(coordination.dashboard, figurePath);
    const ids = figure?.records ?? [];
    const out: GenericRow[] = [];
    for (const id of new Set(ids)) {
      const view = coordination.byId.get(id);
      if (view !== undefined) out.push(genericRow(coordination, view, title));
    }
    return out;
  }, [coordination, figurePath, title]);
  const owners = useOwnerOptions(rows);

  const filters = useMemo<FilterDefinition[]>(
    () => [
      { key: 'kind', label: t('column.kind'), options: KINDS.map((value) => ({ value, label: labels.kind(value) })) },
      { key: 'tlp', label: t('field.tlp'), options: options.tlp },
      { key: 'owner', label: t('field.owner'), options: owners },
    ],
    [t, labels, options, owners],
  );

  const columns = useMemo<Column<GenericRow>[]>(
    () => [
      { id: 'kind', header: t('column.kind'), width: '12%', sort: 'kind', render: (row) => labels.kind(row.kind) },
      {
        id: 'title',
        header: t('column.record'),
        width: '40%',
        sort: 'title',
        render: (row) => (
          <span className="td-cell-line">
            {row.deleted ? <MarkerBadge tone="neutral">{t('marker.deleted')}</MarkerBadge> : null}
            <Anchor component={Link} to={recordHref(row.kind, row.id)} tabIndex={-1} className="td-record-link" fz="sm" title={row.title}>
              {row.title}
            </Anchor>
          </span>
        ),
      },
      { id: 'status', header: t('field.status'), width: '12%', sort: 'status', render: (row) => labels.status(row.kind, row.status) },
      { id: 'date', header: t('column.date'), width: '12%', sort: 'date', render: (row) => (row.date === null ? '—' : format.date(row.date)) },
      { id: 'value', header: t('column.valueEur'), width: '10%', sort: 'value', align: 'right', render: (row) => (row.eurCents === null ? '—' : format.eurCompact(row.eurCents)) },
      { id: 'owner', header: t('field.owner'), width: '14%', sort: 'owner', render: (row) => names.plain(row.owner) },
    ],
    [t, labels, format, names],
  );

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/" size="sm" w="fit-content">
        {t('figureRecords.back')}
      </Anchor>
      <PageHeader
        title={t('figureRecords.title')}
        description={figurePath === null ? t('figureRecords.none') : t('figureRecords.summary', { figure: figureLabel(figurePath) })}
      />
      <RecordList
        coordination={coordination}
        rows={rows}
        columns={columns}
        filters={filters}
        accessors={ACCESSORS}
        defaultSort="kind"
        label={t('figureRecords.title')}
        countText={(shown, total) => t('figureRecords.count', { shown: format.number(shown), total: format.number(total), count: total })}
        searchLabel={t('list.search')}
        searchPlaceholder={t('figureRecords.searchPlaceholder')}
        href={(row) => recordHref(row.kind, row.id)}
        empty={t('list.empty')}
        rowsAreFigure
      />
    </Stack>
  );
}
