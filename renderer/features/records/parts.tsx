/**
 * Pieces every record page is made of: the record's name for links, a link to a record (with a marker
 * when it is not on this workstation, deleted or withdrawn), a section with its heading, the field list,
 * the read-only notice and a write's failure. Record text is always a React text node.
 */
import { Alert, Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { RecordView } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useCallback, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countOf, textOf } from './domain-values';
import { useFormatters } from './format';
import type { Coordination } from './model';
import { recordHref } from './paths';

/** A record's name in lists and links: its title, or what the event records. */
export function useRecordTitle(coordination: Coordination): (view: RecordView) => string {
  const { t } = useTranslation('records');
  const format = useFormatters();
  return useCallback(
    (view: RecordView) => {
      const v = view.values;
      const quantity = countOf(v, view.kind === 'acceptance' ? 'quantityAccepted' : 'quantity');
      switch (view.kind) {
        case 'delivery': {
          const offer = coordination.byId.get(textOf(v, 'offer'));
          return t('delivery.name', {
            quantity: quantity === null ? '?' : format.quantity(quantity, textOf(v, 'unit')),
            offer: offer === undefined ? t('missing') : textOf(offer.values, 'title'),
          });
        }
        case 'acceptance': {
          const need = coordination.byId.get(textOf(v, 'need'));
          return t('acceptance.name', {
            quantity: quantity === null ? '?' : format.number(quantity),
            need: need === undefined ? t('missing') : textOf(need.values, 'title'),
          });
        }
        default: {
          const title = textOf(v, 'title');
          return title === '' ? t('untitled') : title;
        }
      }
    },
    [coordination, format, t],
  );
}

/** A link to a record by id, named by its title; says so when the record is not here or is gone. */
export function RecordLink({ coordination, id }: { readonly coordination: Coordination; readonly id: string }) {
  const { t } = useTranslation('records');
  const title = useRecordTitle(coordination);
  const view = coordination.byId.get(id);
  if (view === undefined) {
    return (
      <Text span c="dimmed" className="td-wrap" data-missing-record={id}>
        {t('missingRecord', { id: `${id.slice(0, 8)}…` })}
      </Text>
    );
  }
  const status = textOf(view.values, 'status');
  return (
    <Group gap={6} wrap="wrap" component="span" display="inline-flex">
      <Anchor component={Link} to={recordHref(view.kind, view.id)} className="td-wrap">
        {title(view)}
      </Anchor>
      {view.deleted ? (
        <Badge size="sm" variant="filled" color="red.9" tt="none">
          {t('marker.deleted')}
        </Badge>
      ) : status === 'withdrawn' ? (
        <Badge size="sm" variant="filled" color="red.9" tt="none">
          {t('marker.withdrawn')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** A titled region of a record page. */
export function Section({ title, children, actions }: { readonly title: string; readonly children: ReactNode; readonly actions?: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="center">
        <Title order={2} id={id} size="h3">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}

export interface FieldItem {
  readonly label: string;
  readonly value: ReactNode;
  readonly field?: string;
}

/** Labelled values as a description list. */
export function FieldList({ items }: { readonly items: readonly FieldItem[] }) {
  return (
    <dl className="td-fields">
      {items.map((item) => (
        <div key={item.label} style={{ display: 'contents' }} data-field={item.field}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Why this delegation cannot change a record it does not own. */
export function ReadOnlyNotice({ ownerName }: { readonly ownerName: string }) {
  const { t } = useTranslation('records');
  return (
    <Alert variant="light" color="gray" icon={<IconLock size={18} aria-hidden="true" />} role="note" data-read-only="">
      {t('readOnly', { owner: ownerName })}
    </Alert>
  );
}

export function WriteError({ error }: { readonly error: string | null }) {
  if (error === null) return null;
  return (
    <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
      {error}
    </Alert>
  );
}

/** Free text of a record, line breaks kept, as text. */
export function TextBlock({ text }: { readonly text: string }) {
  const { t } = useTranslation('records');
  if (text === '') return <Text c="dimmed">{t('none')}</Text>;
  return <Text className="td-text-block">{text}</Text>;
}
