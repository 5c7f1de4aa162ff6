/**
 * `/records/:id`: a record of any kind. Needs, offers and notes have pages of their own (the address
 * is replaced by theirs); a delivery or an acceptance is shown here: what it records, for which offer
 * and need, its acceptances, and its history. Events are never edited; their owner may retract them.
 */
import { Stack, Text } from '@mantine/core';
import type { RecordView } from '@shared/ipc/vault-protocol';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { DeleteRecord } from './actions';
import { useDelegationNames } from './delegations';
import { countOf, dateOf, textOf } from './domain-values';
import { acceptedOf } from './events';
import { useFormatters } from './format';
import { HistorySection } from './HistorySection';
import { useDomainLabels } from './labels';
import { useCoordination, type Coordination } from './model';
import { FieldList, RecordLink, Section, TextBlock, useRecordTitle } from './parts';
import { recordHref } from './paths';
import { useRecordPermissions } from './permissions';
import { RecordHeader, RecordNotFound } from './RecordHeader';
import { WarningsList } from './WarningsList';

export function RecordDetailPage() {
  const { id } = useParams();
  const coordination = useCoordination();
  const view = id === undefined ? undefined : coordination.byId.get(id);
  if (view === undefined) return <RecordNotFound kind="record" />;
  if (view.kind === 'need' || view.kind === 'offer' || view.kind === 'note') return <Navigate to={recordHref(view.kind, view.id)} replace />;
  if (view.kind !== 'delivery' && view.kind !== 'acceptance') return <RecordNotFound kind="record" />;
  return <EventDetail key={view.id} coordination={coordination} view={view} kind={view.kind} />;
}

function EventDetail({ coordination, view, kind }: { readonly coordination: Coordination; readonly view: RecordView; readonly kind: 'delivery' | 'acceptance' }) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const title = useRecordTitle(coordination);
  const permissions = useRecordPermissions(kind, view.owner, view.deleted);
  const v = view.values;
  const date = dateOf(v, 'date');
  const link = (field: string) => {
    const id = textOf(v, field);
    return id === '' ? <Text span>{t('delivery.unattributed')}</Text> : <RecordLink coordination={coordination} id={id} />;
  };
  const quantity = countOf(v, kind === 'delivery' ? 'quantity' : 'quantityAccepted');
  const unit = kind === 'delivery' ? textOf(v, 'unit') : textOf(coordination.byId.get(textOf(v, 'delivery'))?.values ?? {}, 'unit');
  const items =
    kind === 'delivery'
      ? [
          { label: labels.field('offer'), value: link('offer'), field: 'offer' },
          { label: labels.field('need'), value: link('need'), field: 'need' },
          { label: labels.field('quantity'), value: quantity === null ? '—' : format.quantity(quantity, unit), field: 'quantity' },
          { label: labels.field('date'), value: date === null ? '—' : format.date(date), field: 'date' },
          {
            label: t('delivery.accepted'),
            value: t('delivery.acceptedOf', { accepted: format.number(acceptedOf(coordination, view.id)), delivered: format.number(quantity ?? 0) }),
            field: 'accepted',
          },
          { label: labels.field('note'), value: <TextBlock text={textOf(v, 'note')} />, field: 'note' },
        ]
      : [
          { label: labels.field('delivery'), value: link('delivery'), field: 'delivery' },
          { label: labels.field('need'), value: link('need'), field: 'need' },
          { label: labels.field('quantityAccepted'), value: quantity === null ? '—' : format.quantity(quantity, unit), field: 'quantityAccepted' },
          { label: labels.field('date'), value: date === null ? '—' : format.date(date), field: 'date' },
          { label: labels.field('note'), value: <TextBlock text={textOf(v, 'note')} />, field: 'note' },
        ];
  const warnings = coordination.warningsOf(view.id);
  return (
    <Stack gap="xl">
      <RecordHeader
        view={view}
        title={title(view)}
        kindLabel={labels.kind(kind)}
        back={{ to: recordHref('offer', kind === 'delivery' ? textOf(v, 'offer') : textOf(coordination.byId.get(textOf(v, 'delivery'))?.values ?? {}, 'offer')), label: t('event.back') }}
        isOwner={permissions.isOwner}
      />
      <Text maw="70ch">{t('event.appendOnly', { owner: names.plain(view.owner) })}</Text>
      {permissions.can('delete') ? <DeleteRecord view={view} label={t(kind === 'delivery' ? 'delivery.retract' : 'acceptance.retract')} /> : null}
      <Section title={t('section.details')}>
        <FieldList items={items} />
      </Section>
      {warnings.length === 0 ? null : (
        <Section title={t('section.warnings', { count: warnings.length })}>
          <WarningsList coordination={coordination} warnings={warnings} />
        </Section>
      )}
      <HistorySection recordId={view.id} version={view.updated} created={view.created} />
    </Stack>
  );
}
