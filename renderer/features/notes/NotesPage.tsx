/**
 * Notes and decisions (issue #5, DESIGN.md §3): each delegation's account of what a meeting decided and
 * who does what by when. Every role may keep notes; a note of another delegation is read-only.
 */
import { Anchor, Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui';
import {
  MarkerBadge,
  RecordList,
  dateOf,
  recordHref,
  searchText,
  textOf,
  useCanCreate,
  useCommonOptions,
  useCoordination,
  useDelegationNames,
  useDomainLabels,
  useFormatters,
  useOwnerOptions,
  type BaseRow,
  type Column,
  type Coordination,
  type FilterAccessors,
  type FilterDefinition,
} from '../records';

interface NoteRow extends BaseRow {
  readonly type: string;
  readonly date: string | null;
  /** Action items not done. */
  readonly open: number;
}

const ACCESSORS: FilterAccessors<NoteRow> = {
  type: (row) => row.type,
  tlp: (row) => row.tlp,
  owner: (row) => row.owner,
};

function noteRows(coordination: Coordination): readonly NoteRow[] {
  return coordination.cached('rows:note', () =>
    coordination.notes.map((view): NoteRow => {
      const v = view.values;
      const items = Array.isArray(v['actionItems']) ? v['actionItems'] : [];
      const open = items.filter((item) => item !== null && typeof item === 'object' && !Array.isArray(item) && item['done'] !== true).length;
      const title = textOf(v, 'title');
      return {
        id: view.id,
        kind: 'note',
        view,
        owner: view.owner,
        tlp: view.tlp,
        deleted: view.deleted,
        title,
        type: textOf(v, 'type'),
        date: dateOf(v, 'meetingDate'),
        open,
        search: searchText(title, textOf(v, 'body')),
      };
    }),
  );
}

export function NotesPage() {
  const { t } = useTranslation('records');
  const coordination = useCoordination();
  const rows = noteRows(coordination);
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const options = useCommonOptions();
  const owners = useOwnerOptions(rows);
  const canCreate = useCanCreate('note');

  const filters = useMemo<FilterDefinition[]>(
    () => [
      { key: 'type', label: labels.field('type'), options: ['note', 'decision'].map((value) => ({ value, label: labels.noteType(value) })) },
      { key: 'tlp', label: t('field.tlp'), options: options.tlp },
      { key: 'owner', label: t('field.owner'), options: owners },
    ],
    [t, labels, options, owners],
  );

  const columns = useMemo<Column<NoteRow>[]>(
    () => [
      {
        id: 'title',
        header: labels.field('title'),
        width: '44%',
        sort: 'title',
        render: (row) => (
          <span className="td-cell-line">
            {row.deleted ? <MarkerBadge tone="neutral">{t('marker.deleted')}</MarkerBadge> : null}
            <Anchor component={Link} to={recordHref('note', row.id)} tabIndex={-1} className="td-record-link" fz="sm" title={row.title}>
              {row.title === '' ? t('untitled') : row.title}
            </Anchor>
          </span>
        ),
      },
      { id: 'type', header: labels.field('type'), width: '12%', render: (row) => labels.noteType(row.type) },
      { id: 'date', header: labels.field('meetingDate'), width: '14%', sort: 'date', render: (row) => (row.date === null ? '—' : format.date(row.date)) },
      { id: 'open', header: t('note.openItems'), width: '12%', align: 'right', render: (row) => format.number(row.open) },
      { id: 'owner', header: t('field.owner'), width: '18%', sort: 'owner', render: (row) => names.plain(row.owner) },
    ],
    [t, labels, format, names],
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader title={t('note.listTitle')} description={t('note.listSummary')} />
        {canCreate ? (
          <Button component={Link} to="/notes/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
            {t('note.new')}
          </Button>
        ) : null}
      </Group>
      <RecordList
        coordination={coordination}
        rows={rows}
        columns={columns}
        filters={filters}
        accessors={ACCESSORS}
        defaultSort="date"
        label={t('note.listLabel')}
        countText={(shown, total) => t('note.count', { shown: format.number(shown), total: format.number(total), count: total })}
        searchLabel={t('list.search')}
        searchPlaceholder={t('note.searchPlaceholder')}
        href={(row) => recordHref('note', row.id)}
        empty={t('list.empty')}
      />
    </Stack>
  );
}
