/** Notes and decisions that link to a record, and a way to write one about it. */
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconNote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDelegationNames } from './delegations';
import { dateOf, textOf } from './domain-values';
import { useFormatters } from './format';
import { useDomainLabels } from './labels';
import type { Coordination } from './model';
import { Section } from './parts';
import { recordHref } from './paths';

export function NotesSection({ coordination, recordId }: { readonly coordination: Coordination; readonly recordId: string }) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const names = useDelegationNames();
  const notes = coordination.notesLinking(recordId);
  return (
    <Section
      title={t('notes.title')}
      actions={
        <Button
          component={Link}
          to={`/notes/new?link=${encodeURIComponent(recordId)}`}
          variant="default"
          size="xs"
          leftSection={<IconNote size={14} aria-hidden="true" />}
        >
          {t('notes.add')}
        </Button>
      }
    >
      {notes.length === 0 ? (
        <Text>{t('notes.none')}</Text>
      ) : (
        <Stack gap="xs" component="ul" className="td-plain-list">
          {notes.map((note) => {
            const meeting = dateOf(note.values, 'meetingDate');
            return (
              <li key={note.id}>
                <Group gap="xs">
                  <Badge size="sm" variant="outline" color="blue.9" tt="none">
                    {labels.noteType(textOf(note.values, 'type'))}
                  </Badge>
                  <Anchor component={Link} to={recordHref('note', note.id)} className="td-wrap">
                    {textOf(note.values, 'title')}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {meeting === null ? names.plain(note.owner) : `${names.plain(note.owner)}, ${format.date(meeting)}`}
                  </Text>
                </Group>
              </li>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
