/**
 * A delete concurrent with edits (DESIGN.md §4: a record-level conflict, never silent loss): who deleted
 * the record and when, the changes the deletion did not see, and the two ways out. Either is an ordinary
 * write of the tombstone whose base names every head of `_deleted` and every unseen edit, so the choice
 * replaces all of them: "Keep deleted" writes true, "Restore the record" writes false (the edits stay).
 */
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Conflict } from '@shared/ipc/vault-protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ResolveStatus } from './FieldConflictCard';
import { useConflictLabels } from './labels';
import type { Resolve } from './resolve';
import { HeadMeta, ValueView } from './values';

export interface DeleteConflictCardProps {
  readonly conflict: Conflict;
  readonly readOnlyOwner: string | null;
  readonly resolve: Resolve;
}

export function DeleteConflictCard({ conflict, readOnlyOwner, resolve }: DeleteConflictCardProps) {
  const { t } = useTranslation('conflicts');
  const labels = useConflictLabels();
  const headingId = useId();
  const edits = conflict.unseenEdits ?? [];
  const base = [...conflict.heads.map((head) => head.cs), ...edits.map((edit) => edit.head.cs)];

  return (
    <Paper component="article" withBorder p="md" radius="md" aria-labelledby={headingId} data-conflict-field={conflict.field}>
      <Stack gap="sm">
        <Title order={3} id={headingId}>
          {t('delete.heading')}
        </Title>
        <Text maw="70ch">{t('delete.explain')}</Text>
        <Stack gap={4} component="ul" className="td-conflict-list">
          {conflict.heads.map((head) => (
            <li key={head.cs} data-head={head.cs}>
              <HeadMeta
                head={head}
                action={(who) => (head.value === true ? t('delete.deletedBy', { who }) : t('delete.keptBy', { who }))}
              />
            </li>
          ))}
        </Stack>
        {edits.length === 0 ? (
          <Text size="sm">{t('delete.noEdits')}</Text>
        ) : (
          <Table.ScrollContainer minWidth="36rem">
            <Table withTableBorder striped captionSide="top">
              <Table.Caption>{t('delete.edits')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('delete.columns.field')}</Table.Th>
                  <Table.Th scope="col">{t('delete.columns.value')}</Table.Th>
                  <Table.Th scope="col">{t('delete.columns.who')}</Table.Th>
                  <Table.Th scope="col">{t('delete.columns.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {edits.map((edit) => (
                  <Table.Tr key={`${edit.field}/${edit.head.cs}`} data-field={edit.field}>
                    <Table.Td>{labels.field(edit.field)}</Table.Td>
                    <Table.Td>
                      <ValueView value={edit.head.value} />
                    </Table.Td>
                    <Table.Td>{labels.who(edit.head)}</Table.Td>
                    <Table.Td>
                      <time dateTime={edit.head.at}>{labels.time(edit.head.at)}</time>
                      {' · '}
                      {labels.device(edit.head.device)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {readOnlyOwner === null ? (
          <Group>
            <Button
              variant="default"
              disabled={resolve.busy}
              onClick={() => {
                resolve.run(true, base);
              }}
            >
              {t('delete.keepDeleted')}
            </Button>
            <Button
              disabled={resolve.busy}
              onClick={() => {
                resolve.run(false, base);
              }}
            >
              {t('delete.restore')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('notOwner', { owner: readOnlyOwner })}</Text>
        )}
        <ResolveStatus resolve={resolve} />
      </Stack>
    </Paper>
  );
}
