/**
 * Offers (issue #5): every offer this workstation holds, searchable across title, description and the
 * institutions of the needs it is allocated to, filterable by status, sector and priority (of those
 * needs), category, TLP, owner and allocation markers, sortable, virtualised. An offer allocated to a
 * need that was withdrawn, closed or deleted stays listed with a marker. A partner makes offers here.
 */
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { OFFER_STATUSES } from '@shared/domain/offer';
import { IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui';
import {
  MarkerBadge,
  RecordList,
  offerRows,
  recordHref,
  useCanCreate,
  useCommonOptions,
  useCoordination,
  useDelegationNames,
  useDomainLabels,
  useFormatters,
  useOwnerOptions,
  type Column,
  type FilterAccessors,
  type FilterDefinition,
  type OfferRow,
} from '../records';

const MARKERS = ['withdrawn', 'closed', 'deleted', 'missing', 'unit-mismatch'] as const;

const ACCESSORS: FilterAccessors<OfferRow> = {
  sector: (row) => row.sectors,
  category: (row) => row.category,
  priority: (row) => row.priorities,
  status: (row) => row.status,
  tlp: (row) => row.tlp,
  owner: (row) => row.owner,
  marker: (row) => row.markers,
};

export function OffersPage() {
  const { t } = useTranslation(['records', 'sections', 'domain']);
  const coordination = useCoordination();
  const rows = offerRows(coordination);
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const options = useCommonOptions();
  const owners = useOwnerOptions(rows);
  const canCreate = useCanCreate('offer');

  const filters = useMemo<FilterDefinition[]>(
    () => [
      { key: 'status', label: t('records:field.status'), options: OFFER_STATUSES.map((value) => ({ value, label: labels.offerStatus(value) })) },
      { key: 'sector', label: t('records:offer.needSector'), options: options.sector },
      { key: 'category', label: t('records:field.category'), options: options.category },
      { key: 'priority', label: t('records:offer.needPriority'), options: options.priority },
      { key: 'tlp', label: t('records:field.tlp'), options: options.tlp },
      { key: 'owner', label: t('records:field.owner'), options: owners },
      { key: 'marker', label: t('records:offer.markers'), options: MARKERS.map((value) => ({ value, label: t(`domain:allocationMarker.${value}`) })) },
    ],
    [t, labels, options, owners],
  );

  const columns = useMemo<Column<OfferRow>[]>(
    () => [
      {
        id: 'title',
        header: t('records:field.title'),
        width: '25%',
        sort: 'title',
        render: (row) => (
          <span className="td-cell-line">
            {row.deleted ? <MarkerBadge tone="neutral">{t('records:marker.deleted')}</MarkerBadge> : null}
            {row.markers.some((marker) => marker !== 'unit-mismatch') ? <MarkerBadge>{t('records:marker.attention')}</MarkerBadge> : null}
            <Anchor component={Link} to={recordHref('offer', row.id)} tabIndex={-1} className="td-record-link" fz="sm" title={row.title}>
              {row.title === '' ? t('records:untitled') : row.title}
            </Anchor>
          </span>
        ),
      },
      { id: 'status', header: t('records:field.status'), width: '11%', sort: 'status', render: (row) => labels.offerStatus(row.status) },
      { id: 'category', header: t('records:field.category'), width: '12%', render: (row) => <span title={labels.category(row.category)}>{labels.category(row.category)}</span> },
      {
        id: 'quantity',
        header: t('records:field.quantity'),
        width: '11%',
        align: 'right',
        render: (row) => (row.quantity === null ? '—' : format.quantity(row.quantity, row.unit)),
      },
      {
        id: 'value',
        header: t('records:column.valueEur'),
        width: '9%',
        sort: 'value',
        align: 'right',
        render: (row) => (row.eurCents === null ? '—' : format.eurCompact(row.eurCents)),
      },
      { id: 'expected', header: t('records:field.expectedDate'), width: '10%', sort: 'date', render: (row) => (row.expectedDate === null ? '—' : format.date(row.expectedDate)) },
      { id: 'allocations', header: t('records:column.allocations'), width: '8%', align: 'right', render: (row) => format.number(row.allocations) },
      { id: 'owner', header: t('records:field.owner'), width: '14%', sort: 'owner', render: (row) => <span title={names.name(row.owner)}>{names.plain(row.owner)}</span> },
    ],
    [t, labels, format, names],
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader title={t('sections:offers.title')} description={t('sections:offers.summary')} />
        {canCreate ? (
          <Button component={Link} to="/offers/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
            {t('records:offer.new')}
          </Button>
        ) : null}
      </Group>
      {!canCreate ? (
        <Text size="sm" c="dimmed" maw="70ch">
          {t('records:offer.onlyPartners')}
        </Text>
      ) : null}
      <RecordList
        coordination={coordination}
        rows={rows}
        columns={columns}
        filters={filters}
        accessors={ACCESSORS}
        defaultSort="date"
        label={t('records:offer.listLabel')}
        countText={(shown, total) => t('records:offer.count', { shown: format.number(shown), total: format.number(total), count: total })}
        searchLabel={t('records:list.search')}
        searchPlaceholder={t('records:offer.searchPlaceholder')}
        href={(row) => recordHref('offer', row.id)}
        empty={t('records:list.empty')}
      />
    </Stack>
  );
}
