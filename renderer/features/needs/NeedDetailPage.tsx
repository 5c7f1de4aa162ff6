/**
 * One need (issue #5): its values with translated labels, its coverage (allocated, committed, delivered
 * and accepted, in its unit, with EUR values), the offers allocated to it, the deliveries made for it and
 * their acceptances, the deconfliction warnings about it, linked notes and its history from the change
 * log. The actions offered follow the local delegation's role and ownership: the owning beneficiary
 * edits, changes the status, deletes and accepts deliveries; a partner allocates one of its offers.
 * Everything else is read-only, and says so.
 */
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  AllocationForm,
  CoverageSummary,
  DeleteRecord,
  DeliveriesTable,
  FieldList,
  HistorySection,
  NeedAllocations,
  NotesSection,
  PriorityBadge,
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
  useCanCreate,
  useRecordPermissions,
  useRecordTitle,
  type Coordination,
} from '../records';
import type { RecordView } from '@shared/ipc/vault-protocol';

type Panel = 'status' | 'allocate' | null;

export function NeedDetailPage() {
  const { id } = useParams();
  const coordination = useCoordination();
  const view = id === undefined ? undefined : coordination.byId.get(id);
  if (view === undefined || view.kind !== 'need') return <RecordNotFound kind="need" />;
  return <NeedDetail key={view.id} coordination={coordination} view={view} />;
}

function NeedDetail({ coordination, view }: { readonly coordination: Coordination; readonly view: RecordView }) {
  const { t } = useTranslation(['records', 'domain']);
  const labels = useDomainLabels();
  const format = useFormatters();
  const title = useRecordTitle(coordination);
  const permissions = useRecordPermissions('need', view.owner, view.deleted);
  const canOffer = useCanCreate('offer');
  const [panel, setPanel] = useState<Panel>(null);
  const v = view.values;
  const status = textOf(v, 'status');
  const priority = textOf(v, 'priority');
  const coverage = coordination.dashboard.coverage.needs.get(view.id);
  const deadline = dateOf(v, 'deadline');
  const quantity = countOf(v, 'quantity');
  const money = moneyOf(v, 'estimatedValue');
  const score = countOf(v, 'assessmentScore');
  const rank = countOf(v, 'interAgencyPriority');
  const warnings = coordination.warningsOf(view.id);
  const deliveries = (coverage?.deliveries ?? []).map((id) => coordination.byId.get(id)).filter((item): item is RecordView => item !== undefined);
  const toggle = (next: Panel): void => {
    setPanel(panel === next ? null : next);
  };

  return (
    <Stack gap="xl">
      <RecordHeader
        view={view}
        title={title(view)}
        kindLabel={labels.kind('need')}
        back={{ to: '/needs', label: t('records:need.back') }}
        isOwner={permissions.isOwner}
        badges={
          <>
            {status === '' ? null : <StatusBadge kind="need" status={status} />}
            {priority === '' ? null : <PriorityBadge priority={priority} />}
          </>
        }
      />

      <Group gap="sm" data-actions="">
        {permissions.can('edit') ? (
          <Button component={Link} to={`/needs/${encodeURIComponent(view.id)}/edit`} leftSection={<IconEdit size={16} aria-hidden="true" />}>
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
            {t('domain:action.allocate')}
          </Button>
        ) : null}
        {permissions.can('allocate') && canOffer && !view.deleted ? (
          <Button component={Link} to={`/offers/new?need=${encodeURIComponent(view.id)}`} variant="default">
            {t('records:need.makeOffer')}
          </Button>
        ) : null}
        {permissions.can('delete') ? <DeleteRecord view={view} label={t('records:need.delete')} /> : null}
      </Group>
      {panel === 'status' ? (
        <Paper withBorder p="md">
          <StatusChange view={view} />
        </Paper>
      ) : null}
      {panel === 'allocate' ? (
        <Paper withBorder p="md">
          <AllocationForm coordination={coordination} need={view} />
        </Paper>
      ) : null}

      <Section title={t('records:section.details')}>
        <FieldList
          items={[
            { label: labels.field('description'), value: <TextBlock text={textOf(v, 'description')} />, field: 'description' },
            { label: labels.field('institution'), value: textOf(v, 'institution'), field: 'institution' },
            { label: labels.field('sector'), value: labels.sector(textOf(v, 'sector')), field: 'sector' },
            { label: labels.field('category'), value: labels.category(textOf(v, 'category')), field: 'category' },
            { label: labels.field('priority'), value: labels.priority(priority), field: 'priority' },
            { label: labels.field('quantity'), value: quantity === null ? '—' : format.quantity(quantity, textOf(v, 'unit')), field: 'quantity' },
            { label: labels.field('estimatedValue'), value: money === null ? '—' : format.money(money), field: 'estimatedValue' },
            {
              label: labels.field('deadline'),
              value:
                deadline === null ? (
                  t('records:noDeadline')
                ) : (
                  <Group gap="xs" component="span">
                    <span>{format.date(deadline)}</span>
                    {deadline < coordination.today && ['submitted', 'assessed', 'prioritised', 'open'].includes(status) ? (
                      <Text span c="red.9" fw={600} size="sm">
                        {t('records:overdue')}
                      </Text>
                    ) : null}
                  </Group>
                ),
              field: 'deadline',
            },
            { label: labels.field('assessmentScore'), value: score === null ? '—' : format.number(score), field: 'assessmentScore' },
            { label: labels.field('interAgencyPriority'), value: rank === null ? '—' : format.number(rank), field: 'interAgencyPriority' },
            { label: labels.field('status'), value: labels.needStatus(status), field: 'status' },
          ]}
        />
      </Section>

      <Section title={t('records:section.coverage')}>
        {coverage === undefined ? <Text>{view.deleted ? t('records:coverage.deleted') : t('records:coverage.unreadable')}</Text> : <CoverageSummary coverage={coverage} />}
      </Section>

      {warnings.length === 0 ? null : (
        <Section title={t('records:section.warnings', { count: warnings.length })}>
          <WarningsList coordination={coordination} warnings={warnings} />
        </Section>
      )}

      <Section title={t('records:section.offers')}>
        <NeedAllocations coordination={coordination} need={view} />
      </Section>

      <Section title={t('records:section.deliveries')}>
        <DeliveriesTable coordination={coordination} deliveries={deliveries} context="need" need={view} />
      </Section>

      <NotesSection coordination={coordination} recordId={view.id} />
      <HistorySection recordId={view.id} version={view.updated} created={view.created} />
    </Stack>
  );
}
