/**
 * The top of a record's page: the way back to its list, its title (the page's one h1), its markers
 * (deleted, status, TLP, …), who owns it and when it was created and last changed, whether this
 * delegation may change it, and open conflicts on it.
 */
import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import type { RecordView } from '@shared/ipc/vault-protocol';
import { IconArrowLeft, IconGitMerge } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MarkerBadge, TlpBadge } from './badges';
import { useDelegationNames } from './delegations';
import { useFormatters } from './format';
import { ReadOnlyNotice } from './parts';

/** The wall-clock time of an HLC text (`WWWWWWWWWWWWWWW.CCCCC.node`) as an ISO instant. */
export function hlcTime(hlc: string): string {
  const wall = Number(hlc.slice(0, 15));
  return Number.isFinite(wall) ? new Date(wall).toISOString() : '';
}

export interface RecordHeaderProps {
  readonly view: RecordView;
  readonly title: string;
  /** "Need", "Offer", … */
  readonly kindLabel: string;
  readonly back: { readonly to: string; readonly label: string };
  readonly badges?: ReactNode;
  /** The local delegation owns the record. */
  readonly isOwner: boolean;
}

export function RecordHeader({ view, title, kindLabel, back, badges, isOwner }: RecordHeaderProps) {
  const { t } = useTranslation('records');
  const names = useDelegationNames();
  const format = useFormatters();
  const conflicts = view.conflicts.length + (view.deleteConflict ? 1 : 0);
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={back.to} size="sm" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden="true" />
          {back.label}
        </Group>
      </Anchor>
      <Text size="sm" fw={600} c="dimmed" tt="uppercase">
        {kindLabel}
      </Text>
      <Title order={1} className="td-wrap" data-record-title={view.id}>
        {title}
      </Title>
      <Group gap="xs">
        {view.deleted ? <MarkerBadge>{t('marker.deleted')}</MarkerBadge> : null}
        {badges}
        <TlpBadge tlp={view.tlp} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('meta', {
          owner: names.name(view.owner),
          created: format.dateTime(hlcTime(view.created)),
          updated: format.dateTime(hlcTime(view.updated)),
        })}
      </Text>
      {conflicts > 0 ? (
        <Alert color="gray" variant="light" icon={<IconGitMerge size={18} aria-hidden="true" />}>
          <Group gap="sm">
            <Text size="sm">{t('conflictsOpen', { count: conflicts })}</Text>
            <Anchor component={Link} to="/conflicts" size="sm">
              {t('conflictsLink')}
            </Anchor>
          </Group>
        </Alert>
      ) : null}
      {isOwner ? null : <ReadOnlyNotice ownerName={names.plain(view.owner)} />}
    </Stack>
  );
}

/** A record address that matches nothing here (deleted from the list, or not received). */
export function RecordNotFound({ kind }: { readonly kind: 'need' | 'offer' | 'note' | 'record' }) {
  const { t } = useTranslation('records');
  const back = kind === 'need' ? '/needs' : kind === 'offer' ? '/offers' : kind === 'note' ? '/notes' : '/';
  return (
    <Stack gap="md">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text maw="70ch">{t('notFound.body')}</Text>
      <Anchor component={Link} to={back}>
        {t(`notFound.back.${kind}`)}
      </Anchor>
    </Stack>
  );
}
