/** One note or decision: its text, its action items (who, by when, done), the records it is about, its history. */
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { RecordView } from '@shared/ipc/vault-protocol';
import { IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  DeleteRecord,
  FieldList,
  HistorySection,
  RecordHeader,
  RecordLink,
  RecordNotFound,
  Section,
  TextBlock,
  dateOf,
  textOf,
  useCoordination,
  useDelegationNames,
  useDomainLabels,
  useFormatters,
  useRecordPermissions,
  type Coordination,
} from '../records';

export function NoteDetailPage() {
  const { id } = useParams();
  const coordination = useCoordination();
  const view = id === undefined ? undefined : coordination.byId.get(id);
  if (view === undefined || view.kind !== 'note') return <RecordNotFound kind="note" />;
  return <NoteDetail key={view.id} coordination={coordination} view={view} />;
}

interface ActionItemView {
  readonly text: string;
  readonly owner: string | null;
  readonly due: string | null;
  readonly done: boolean;
}

export function actionItemsOf(view: RecordView): ActionItemView[] {
  const list = view.values['actionItems'];
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const entry = item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {};
    return {
      text: typeof entry['text'] === 'string' ? entry['text'] : '',
      owner: typeof entry['owner'] === 'string' ? entry['owner'] : null,
      due: dateOf(entry, 'due'),
      done: entry['done'] === true,
    };
  });
}

export function linksOf(view: RecordView): string[] {
  const list = view.values['links'];
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

function NoteDetail({ coordination, view }: { readonly coordination: Coordination; readonly view: RecordView }) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const permissions = useRecordPermissions('note', view.owner, view.deleted);
  const v = view.values;
  const meeting = dateOf(v, 'meetingDate');
  const items = actionItemsOf(view);
  const links = linksOf(view);
  return (
    <Stack gap="xl">
      <RecordHeader
        view={view}
        title={textOf(v, 'title') || t('untitled')}
        kindLabel={labels.noteType(textOf(v, 'type'))}
        back={{ to: '/notes', label: t('note.back') }}
        isOwner={permissions.isOwner}
      />
      <Group gap="sm">
        {permissions.can('edit') ? (
          <Button component={Link} to={`/notes/${encodeURIComponent(view.id)}/edit`} leftSection={<IconEdit size={16} aria-hidden="true" />}>
            {t('action.edit')}
          </Button>
        ) : null}
        {permissions.can('delete') ? <DeleteRecord view={view} label={t('note.delete')} /> : null}
      </Group>
      <Section title={t('section.details')}>
        <FieldList
          items={[
            { label: labels.field('type'), value: labels.noteType(textOf(v, 'type')), field: 'type' },
            { label: labels.field('meetingDate'), value: meeting === null ? '—' : format.date(meeting), field: 'meetingDate' },
            { label: labels.field('body'), value: <TextBlock text={textOf(v, 'body')} />, field: 'body' },
          ]}
        />
      </Section>
      <Section title={labels.field('actionItems')}>
        {items.length === 0 ? (
          <Text>{t('note.noItems')}</Text>
        ) : (
          <Table.ScrollContainer minWidth="40rem">
            <Table withTableBorder striped data-action-items="">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('note.item')}</Table.Th>
                  <Table.Th scope="col">{t('note.responsible')}</Table.Th>
                  <Table.Th scope="col">{t('note.due')}</Table.Th>
                  <Table.Th scope="col">{t('note.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item, index) => (
                  <Table.Tr key={index}>
                    <Table.Td className="td-wrap">{item.text}</Table.Td>
                    <Table.Td>{item.owner === null ? t('note.unassigned') : names.plain(item.owner)}</Table.Td>
                    <Table.Td>
                      {item.due === null ? '—' : format.date(item.due)}
                      {item.due !== null && !item.done && item.due < coordination.today ? (
                        <Text span c="red.9" fw={600} size="sm">
                          {' '}
                          {t('overdue')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant={item.done ? 'filled' : 'outline'} color={item.done ? 'teal.9' : 'gray.7'} tt="none">
                        {item.done ? t('note.done') : t('note.open')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title={labels.field('links')}>
        {links.length === 0 ? (
          <Text>{t('note.noLinks')}</Text>
        ) : (
          <Stack gap={4} component="ul" className="td-plain-list">
            {links.map((id) => (
              <li key={id}>
                <RecordLink coordination={coordination} id={id} />
              </li>
            ))}
          </Stack>
        )}
      </Section>
      <HistorySection recordId={view.id} version={view.updated} created={view.created} />
    </Stack>
  );
}
