/**
 * Needs (issue #5): every need this workstation holds, searchable across title, description and
 * institution, filterable by status, sector, category, priority, TLP, owner and coverage, sortable,
 * virtualised for 100,000 records. A beneficiary files new needs from here.
 */
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { NEED_STATUSES } from '@shared/domain/need';
import { IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui';
import {
  CoverageText,
  PriorityText,
  RecordList,
  recordHref,
  useCanCreate,
  useCommonOptions,
  useCoordination,
  useDelegationNames,
  useDomainLabels,
  useFormatters,
  useOwnerOptions,
  needRows,
  type Column,
  type FilterAccessors,
  type FilterDefinition,
  type NeedRow,
  MarkerBadge,
} from '../records';

const ACCESSORS: FilterAccessors<NeedRow> = {
  sector: (row) => row.sector,
  category: (row) => row.category,
  priority: (row) => row.priority,
  status: (row) => row.status,
  tlp: (row) => row.tlp,
  owner: (row) => row.owner,
  coverage: (row) => row.coverage,
};

export function NeedsPage() {
  const { t } = useTranslation(['records', 'sections']);
  const coordination = useCoordination();
  const rows = needRows(coordination);
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const options = useCommonOptions();
  const owners = useOwnerOptions(rows);
  const canCreate = useCanCreate('need');

  const filters = useMemo<FilterDefinition[]>(
    () => [
      { key: 'status', label: t('records:field.status'), options: NEED_STATUSES.map((value) => ({ value, label: labels.needStatus(value) })) },
      { key: 'coverage', label: t('records:column.coverage'), options: options.coverage },
      { key: 'sector', label: t('records:field.sector'), options: options.sector },
      { key: 'category', label: t('records:field.category'), options: options.category },
      { key: 'priority', label: t('records:field.priority'), options: options.priority },
      { key: 'tlp', label: t('records:field.tlp'), options: options.tlp },
      { key: 'owner', label: t('records:field.owner'), options: owners },
    ],
    [t, labels, options, owners],
  );

  const columns = useMemo<Column<NeedRow>[]>(
    () => [
      {
        id: 'title',
        header: t('records:field.title'),
        width: '21%',
        sort: 'title',
        render: (row) => (
          <span className="td-cell-line">
            {row.deleted ? <MarkerBadge tone="neutral">{t('records:marker.deleted')}</MarkerBadge> : null}
            <Anchor component={Link} to={recordHref('need', row.id)} tabIndex={-1} className="td-record-link" fz="sm" title={row.title}>
              {row.title === '' ? t('records:untitled') : row.title}
            </Anchor>
          </span>
        ),
      },
      { id: 'institution', header: t('records:field.institution'), width: '11%', render: (row) => <span title={row.institution}>{row.institution}</span> },
      { id: 'sector', header: t('records:field.sector'), width: '9%', render: (row) => labels.sector(row.sector) },
      { id: 'priority', header: t('records:field.priority'), width: '9%', sort: 'priority', render: (row) => <PriorityText priority={row.priority} /> },
      { id: 'status', header: t('records:field.status'), width: '9%', sort: 'status', render: (row) => labels.needStatus(row.status) },
      { id: 'coverage', header: t('records:column.coverage'), width: '12%', sort: 'coverage', render: (row) => <CoverageText state={row.coverage} /> },
      { id: 'deadline', header: t('records:field.deadline'), width: '10%', sort: 'date', render: (row) => (row.deadline === null ? '—' : format.date(row.deadline)) },
      {
        id: 'value',
        header: t('records:column.valueEur'),
        width: '10%',
        sort: 'value',
        align: 'right',
        render: (row) => (row.eurCents === null ? '—' : format.eurCompact(row.eurCents)),
      },
      { id: 'owner', header: t('records:field.owner'), width: '9%', sort: 'owner', render: (row) => <span title={names.name(row.owner)}>{names.plain(row.owner)}</span> },
    ],
    [t, labels, format, names],
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader title={t('sections:needs.title')} description={t('sections:needs.summary')} />
        {canCreate ? (
          <Button component={Link} to="/needs/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
            {t('records:need.new')}
          </Button>
        ) : null}
      </Group>
      {!canCreate ? (
        <Text size="sm" c="dimmed" maw="70ch">
          {t('records:need.onlyBeneficiaries')}
        </Text>
      ) : null}
      <RecordList
        coordination={coordination}
        rows={rows}
        columns={columns}
        filters={filters}
        accessors={ACCESSORS}
        defaultSort="priority"
        label={t('records:need.listLabel')}
        countText={(shown, total) => t('records:need.count', { shown: format.number(shown), total: format.number(total), count: total })}
        searchLabel={t('records:list.search')}
        searchPlaceholder={t('records:need.searchPlaceholder')}
        href={(row) => recordHref('need', row.id)}
        empty={t('records:list.empty')}
      />
    </Stack>
  );
}
