/**
 * Conflicts (DESIGN.md §4): every field whose register holds more than one value, and every delete
 * concurrent with edits, grouped by record. Each card shows every value with who wrote it and when, and
 * resolving writes an ordinary operation whose base names all the heads. The list is read from the
 * vault on arrival and again after each resolution; the navigation badge follows the working set.
 */
import { Alert, Badge, Button, Group, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { Conflict, RecordView } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useProfile, useVaultSession, useWorkingSet, type VaultFailure } from '../../app/hooks';
import { PageHeader } from '../../ui';
import { useVaultErrorText } from '../vault';
import { DeleteConflictCard } from './DeleteConflictCard';
import { FieldConflictCard } from './FieldConflictCard';
import { shortId, useConflictLabels } from './labels';
import { useResolve } from './resolve';
import './conflicts.css';

type Load =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly failure: VaultFailure }
  | { readonly status: 'ready'; readonly conflicts: readonly Conflict[] };

interface RecordGroup {
  readonly recordId: string;
  readonly kind: string;
  readonly conflicts: readonly Conflict[];
}

const NONE: readonly Conflict[] = [];

const conflictKey = (conflict: Conflict): string => `${conflict.recordId}/${conflict.field}`;

/** Conflicts grouped by record, in the order the vault listed them. */
function groupByRecord(conflicts: readonly Conflict[]): RecordGroup[] {
  const groups = new Map<string, { recordId: string; kind: string; conflicts: Conflict[] }>();
  for (const conflict of conflicts) {
    const group = groups.get(conflict.recordId);
    if (group === undefined) groups.set(conflict.recordId, { recordId: conflict.recordId, kind: conflict.kind, conflicts: [conflict] });
    else group.conflicts.push(conflict);
  }
  return [...groups.values()];
}

/** The views of the records in conflict (one pass over the working set, whatever its size). */
function useViews(recordIds: readonly string[]): ReadonlyMap<string, RecordView> {
  const records = useWorkingSet((state) => state.records);
  return useMemo(() => {
    const wanted = new Set(recordIds);
    const views = new Map<string, RecordView>();
    if (wanted.size === 0) return views;
    for (const view of records) if (wanted.has(view.id)) views.set(view.id, view);
    return views;
  }, [records, recordIds]);
}

/** The record's own name for itself: a `title` or `name` field that holds text. */
function recordTitle(view: RecordView | undefined): string | null {
  for (const field of ['title', 'name']) {
    const value = view?.values[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** The delegation owning a record: its view says so; the id starts with it too. */
function ownerOf(recordId: string, view: RecordView | undefined): string {
  return view?.owner ?? recordId.split('-')[0] ?? recordId;
}

function ConflictCard({
  conflict,
  readOnlyOwner,
  onResolved,
}: {
  readonly conflict: Conflict;
  readonly readOnlyOwner: string | null;
  readonly onResolved: (conflict: Conflict) => void;
}) {
  const resolve = useResolve(conflict, onResolved);
  return conflict.field === '_deleted' ? (
    <DeleteConflictCard conflict={conflict} readOnlyOwner={readOnlyOwner} resolve={resolve} />
  ) : (
    <FieldConflictCard conflict={conflict} readOnlyOwner={readOnlyOwner} resolve={resolve} />
  );
}

function RecordSection({
  group,
  view,
  onResolved,
}: {
  readonly group: RecordGroup;
  readonly view: RecordView | undefined;
  readonly onResolved: (conflict: Conflict) => void;
}) {
  const { t } = useTranslation('conflicts');
  const labels = useConflictLabels();
  const profile = useProfile();
  const headingId = useId();
  const title = recordTitle(view);
  const owner = ownerOf(group.recordId, view);
  const ours = profile !== undefined && owner === profile.delegationId;
  // Whoever wrote the heads of someone else's record is that delegation: their name is on the heads.
  const ownerName =
    group.conflicts.flatMap((conflict) => conflict.heads).find((head) => head.delegation === owner)?.delegationName ?? shortId(owner);

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} data-record={group.recordId}>
      <Group gap="sm" align="baseline">
        <Title order={2} id={headingId} className="td-conflict-record-title">
          {labels.kind(group.kind)}: {title ?? shortId(group.recordId)}
        </Title>
        {view?.deleted === true ? (
          <Badge color="red.9" variant="filled" tt="none">
            {t('record.deleted')}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" ff="monospace" className="td-conflict-id">
        {t('record.id', { id: group.recordId })}
      </Text>
      {group.conflicts.map((conflict) => (
        <ConflictCard
          key={`${conflictKey(conflict)}/${conflict.heads.map((head) => head.cs).join(',')}`}
          conflict={conflict}
          readOnlyOwner={ours ? null : ownerName}
          onResolved={onResolved}
        />
      ))}
    </Stack>
  );
}

export function ConflictsPage() {
  const { t } = useTranslation('conflicts');
  const session = useVaultSession();
  const errorText = useVaultErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const summaryRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let current = true;
    session.listConflicts().then(
      (conflicts) => {
        if (current) setLoad({ status: 'ready', conflicts });
      },
      (error: unknown) => {
        if (current) setLoad({ status: 'failed', failure: failureOf(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [session, generation]);

  const reload = useCallback(() => {
    setLoad({ status: 'loading' });
    setAnnouncement('');
    setGeneration((value) => value + 1);
  }, []);

  const onResolved = useCallback(
    (resolved: Conflict) => {
      // The card goes at once; the list is then read again, in the background, for what else changed.
      setLoad((previous) =>
        previous.status === 'ready'
          ? { status: 'ready', conflicts: previous.conflicts.filter((conflict) => conflictKey(conflict) !== conflictKey(resolved)) }
          : previous,
      );
      setAnnouncement(t('resolved'));
      setGeneration((value) => value + 1);
      // The button that was pressed is gone with its card: keep keyboard focus on the page.
      requestAnimationFrame(() => summaryRef.current?.focus());
    },
    [t],
  );

  const conflicts = load.status === 'ready' ? load.conflicts : NONE;
  const groups = useMemo(() => groupByRecord(conflicts), [conflicts]);
  const recordIds = useMemo(() => groups.map((group) => group.recordId), [groups]);
  const views = useViews(recordIds);

  return (
    <Stack gap="lg">
      <PageHeader title={t('title')} description={t('summary')} />
      <Text maw="70ch">{t('intro')}</Text>

      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>

      {load.status === 'loading' ? (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('loading')}</Text>
        </Group>
      ) : null}

      {load.status === 'failed' ? (
        <Stack gap="sm">
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="48rem" title={t('loadFailed')}>
            {errorText(load.failure)}
          </Alert>
          <Button variant="default" w="fit-content" onClick={reload}>
            {t('retry')}
          </Button>
        </Stack>
      ) : null}

      {load.status === 'ready' ? (
        <Stack gap="xl">
          <Group gap="md">
            <Text ref={summaryRef} tabIndex={-1} fw={500} className="td-conflict-summary" data-conflict-count={conflicts.length}>
              {conflicts.length === 0 ? t('empty') : t('count', { count: conflicts.length })}
            </Text>
            <Button variant="default" size="xs" leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={reload}>
              {t('refresh')}
            </Button>
          </Group>
          {groups.map((group) => (
            <RecordSection key={group.recordId} group={group} view={views.get(group.recordId)} onResolved={onResolved} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
