/** A delegation's key event history and the version vector it last acknowledged. */
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { KeyEventView } from '@shared/ipc/vault-protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { shortId, useFormatters } from '../records';

export function KeyEventsSection({ events }: { readonly events: readonly KeyEventView[] }) {
  const { t } = useTranslation('delegations');
  const format = useFormatters();
  const titleId = useId();
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('detail.keyEvents.title')}
        </Title>
        <Text size="sm" maw="70ch">
          {t('detail.keyEvents.intro')}
        </Text>
        {events.length === 0 ? (
          <Text>{t('detail.keyEvents.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth="40rem">
            <Table withTableBorder striped data-key-events="">
              <Table.Caption>{t('detail.keyEvents.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="5rem">
                    {t('detail.keyEvents.seq')}
                  </Table.Th>
                  <Table.Th scope="col">{t('detail.keyEvents.type')}</Table.Th>
                  <Table.Th scope="col">{t('detail.keyEvents.at')}</Table.Th>
                  <Table.Th scope="col">{t('detail.keyEvents.device')}</Table.Th>
                  <Table.Th scope="col">{t('detail.keyEvents.label')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((event) => (
                  <Table.Tr key={event.seq}>
                    <Table.Td>{format.number(event.seq)}</Table.Td>
                    <Table.Td>{t(`detail.keyEvents.types.${event.type}`)}</Table.Td>
                    <Table.Td>{Number.isNaN(Date.parse(event.at)) ? event.at : format.dateTime(event.at)}</Table.Td>
                    <Table.Td>
                      <Text span ff="monospace" size="sm" title={event.device}>
                        {event.device === '' ? '—' : shortId(event.device)}
                      </Text>
                    </Table.Td>
                    <Table.Td className="td-wrap">{event.label === '' ? '—' : event.label}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

export function AcknowledgedSection({ acknowledged }: { readonly acknowledged: Readonly<Record<string, number>> | null }) {
  const { t } = useTranslation('delegations');
  const format = useFormatters();
  const titleId = useId();
  const entries = acknowledged === null ? [] : Object.entries(acknowledged).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('detail.acknowledged.title')}
        </Title>
        <Text size="sm" maw="70ch">
          {t('detail.acknowledged.intro')}
        </Text>
        {entries.length === 0 ? (
          <Text data-acknowledged="none">{t('detail.acknowledged.none')}</Text>
        ) : (
          <Table withTableBorder striped maw="40rem" data-acknowledged="">
            <Table.Caption>{t('detail.acknowledged.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('detail.acknowledged.device')}</Table.Th>
                <Table.Th scope="col" className="td-cell-right">
                  {t('detail.acknowledged.seq')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map(([device, seq]) => (
                <Table.Tr key={device}>
                  <Table.Td>
                    <Text span ff="monospace" size="sm">
                      {device}
                    </Text>
                  </Table.Td>
                  <Table.Td className="td-cell-right">{format.number(seq)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
