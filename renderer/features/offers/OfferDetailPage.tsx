/**
 * One offer (issue #5): its values, its allocations to needs (each marked when the need was withdrawn,
 * closed, deleted or is not here), its delivery events with their acceptances, warnings, linked notes
 * and its history. The owning partner edits it, changes its status, allocates it, records deliveries
 * and deletes it; anyone else reads it.
 */
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { RecordView } from '@shared/ipc/vault-protocol';
import { IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  AllocationForm,
  DeleteRecord,
  DeliveriesTable,
  DeliveryForm,
  FieldList,
  HistorySection,
  NotesSection,
  OfferAllocations,
  RecordHeader,
  RecordNotFound,
  Section,
  StatusBadge,
  StatusChange,
  TextBlock,
  WarningsList,
  countOf,
  dateOf,
  moneyOf,
  textOf,
  useCoordination,
  useDomainLabels,
  useFormatters,
  useRecordPermissions,
  useRecordTitle,
  type Coordination,
} from '../records';

type Panel = 'status' | 'allocate' | 'deliver' | null;

export function OfferDetailPage() {
  const { id } = useParams();
  const coordination = useCoordination();
  const view = id === undefined ? undefined : coordination.byId.get(id);
  if (view === undefined || view.kind !== 'offer') return <RecordNotFound kind="offer" />;
  return <OfferDetail key={view.id} coordination={coordination} view={view} />;
}

function OfferDetail({ coordination, view }: { readonly coordination: Coordination; readonly view: RecordView }) {
  const { t } = useTranslation(['records', 'domain']);
  const labels = useDomainLabels();
  const format = useFormatters();
  const title = useRecordTitle(coordination);
  const permissions = useRecordPermissions('offer', view.owner, view.deleted);
  // Arriving from "Make an offer for this need": the allocation to that need is the next step.
  const [params] = useSearchParams();
  const allocateTo = params.get('allocate');
  const [panel, setPanel] = useState<Panel>(allocateTo !== null && permissions.can('allocate') ? 'allocate' : null);
  const v = view.values;
  const status = textOf(v, 'status');
  const unit = textOf(v, 'unit');
  const quantity = countOf(v, 'quantity');
  const money = moneyOf(v, 'value');
  const expected = dateOf(v, 'expectedDate');
  const coverage = coordination.dashboard.coverage.offers.get(view.id);
  const warnings = coordination.warningsOf(view.id);
  const deliveries = coordination.deliveriesOf(view.id);
  const toggle = (next: Panel): void => {
    setPanel(panel === next ? null : next);
  };

  return (
    <Stack gap="xl">
      <RecordHeader
        view={view}
        title={title(view)}
        kindLabel={labels.kind('offer')}
        back={{ to: '/offers', label: t('records:offer.back') }}
        isOwner={permissions.isOwner}
        badges={status === '' ? null : <StatusBadge kind="offer" status={status} />}
      />

      <Group gap="sm" data-actions="">
        {permissions.can('edit') ? (
          <Button component={Link} to={`/offers/${encodeURIComponent(view.id)}/edit`} leftSection={<IconEdit size={16} aria-hidden="true" />}>
            {t('records:action.edit')}
          </Button>
        ) : null}
        {permissions.can('changeStatus') ? (
          <Button variant={panel === 'status' ? 'filled' : 'default'} aria-expanded={panel === 'status'} onClick={() => { toggle('status'); }}>
            {t('domain:action.changeStatus')}
          </Button>
        ) : null}
        {permissions.can('allocate') ? (
          <Button variant={panel === 'allocate' ? 'filled' : 'default'} aria-expanded={panel === 'allocate'} onClick={() => { toggle('allocate'); }}>
            {t('records:offer.allocate')}
          </Button>
        ) : null}
        {permissions.can('recordDelivery') ? (
          <Button variant={panel === 'deliver' ? 'filled' : 'default'} aria-expanded={panel === 'deliver'} onClick={() => { toggle('deliver'); }}>
            {t('domain:action.recordDelivery')}
          </Button>
        ) : null}
        {permissions.can('delete') ? <DeleteRecord view={view} label={t('records:offer.delete')} /> : null}
      </Group>
      {panel === 'status' ? (
        <Paper withBorder p="md">
          <StatusChange view={view} />
        </Paper>
      ) : null}
      {panel === 'allocate' ? (
        <Paper withBorder p="md">
          <AllocationForm coordination={coordination} offer={view} initialNeed={allocateTo} />
        </Paper>
      ) : null}
      {panel === 'deliver' ? (
        <Paper withBorder p="md">
          <DeliveryForm coordination={coordination} offer={view} today={coordination.today} />
        </Paper>
      ) : null}

      <Section title={t('records:section.details')}>
        <FieldList
          items={[
            { label: labels.field('description'), value: <TextBlock text={textOf(v, 'description')} />, field: 'description' },
            { label: labels.field('category'), value: labels.category(textOf(v, 'category')), field: 'category' },
            { label: labels.field('quantity'), value: quantity === null ? '—' : format.quantity(quantity, unit), field: 'quantity' },
            { label: labels.field('value'), value: money === null ? '—' : format.money(money), field: 'value' },
            { label: labels.field('channel'), value: labels.channel(textOf(v, 'channel')), field: 'channel' },
            { label: labels.field('expectedDate'), value: expected === null ? t('records:notKnownYet') : format.date(expected), field: 'expectedDate' },
            { label: labels.field('status'), value: labels.offerStatus(status), field: 'status' },
          ]}
        />
      </Section>

      <Section title={t('records:section.allocations')}>
        {coverage === undefined || quantity === null ? null : (
          <Text size="sm" data-offer-coverage="">
            {t('records:offer.allocatedOf', {
              allocated: format.quantity(coverage.allocatedQty, unit),
              offered: format.quantity(quantity, unit),
              delivered: format.quantity(coverage.deliveredQty, unit),
            })}
          </Text>
        )}
        <OfferAllocations coordination={coordination} offer={view} editable={permissions.can('allocate')} />
      </Section>

      {warnings.length === 0 ? null : (
        <Section title={t('records:section.warnings', { count: warnings.length })}>
          <WarningsList coordination={coordination} warnings={warnings} />
        </Section>
      )}

      <Section title={t('records:section.deliveries')}>
        <DeliveriesTable coordination={coordination} deliveries={deliveries} context="offer" />
      </Section>

      <NotesSection coordination={coordination} recordId={view.id} />
      <HistorySection recordId={view.id} version={view.updated} created={view.created} />
    </Stack>
  );
}
