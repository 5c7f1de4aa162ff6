/**
 * The exchange history: every bundle sent and received, newest first, with the sizes and SHA-256 of
 * both files (monospace, selectable) so a security officer can match them against the stick, the
 * change-set counts, the outcome and its reason. Read again each time the tab is shown.
 */
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { ExchangeEntry } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useVaultSession, type VaultFailure } from '../../app/hooks';
import { useFormatters } from '../records';
import { useVaultErrorText } from '../vault';
import { useExchangeLabels } from './labels';
import { Sha256 } from './Sha256';

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly failure: VaultFailure } | { readonly status: 'ready'; readonly entries: readonly ExchangeEntry[] };

const OUTCOME_COLOR = { sent: 'blue.9', applied: 'teal.9', duplicate: 'gray.7', refused: 'red.9' } as const;

export function HistoryPanel({ active }: { readonly active: boolean }) {
  const { t } = useTranslation('exchange');
  const session = useVaultSession();
  const errorText = useVaultErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!active) return undefined;
    let current = true;
    session.exchange.exchangeHistory().then(
      (entries) => {
        // The worker returns the entries newest first (exchange-history).
        if (current) setLoad({ status: 'ready', entries });
      },
      (error: unknown) => {
        if (current) setLoad({ status: 'failed', failure: failureOf(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [session, active, generation]);

  return (
    <Stack gap="md" data-history-panel="">
      <Text maw="70ch">{t('history.intro')}</Text>
      <Group gap="sm">
        {load.status === 'loading' ? (
          <Group gap="xs" role="status">
            <Loader size="xs" aria-hidden="true" />
            <Text size="sm">{t('history.loading')}</Text>
          </Group>
        ) : null}
        {load.status === 'ready' ? (
          <Text size="sm" role="status">
            {t('history.count', { count: load.entries.length })}
          </Text>
        ) : null}
        <Button variant="default" size="xs" leftSection={<IconRefresh size={14} aria-hidden="true" />} onClick={() => { setGeneration((value) => value + 1); }}>
          {t('history.refresh')}
        </Button>
      </Group>
      {load.status === 'failed' ? (
        <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {`${t('history.failed')} ${errorText(load.failure)}`}
        </Alert>
      ) : null}
      {load.status === 'ready' && load.entries.length === 0 ? <Text>{t('history.empty')}</Text> : null}
      {load.status === 'ready' && load.entries.length > 0 ? <HistoryTable entries={load.entries} /> : null}
    </Stack>
  );
}

function HistoryTable({ entries }: { readonly entries: readonly ExchangeEntry[] }) {
  const { t } = useTranslation('exchange');
  const format = useFormatters();
  const labels = useExchangeLabels();
  return (
    // Native scrolling, focusable and named: the SHA-256 columns make the table wider than most windows,
    // and a keyboard user must be able to scroll it sideways.
    <Table.ScrollContainer minWidth="80rem" type="native" tabIndex={0} aria-label={t('history.scrollRegion')} role="region">
      <Table withTableBorder striped verticalSpacing="xs" data-history="">
        <Table.Caption>{t('history.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('history.direction')}</Table.Th>
            <Table.Th scope="col">{t('history.time')}</Table.Th>
            <Table.Th scope="col">{t('history.file')}</Table.Th>
            <Table.Th scope="col">{t('history.peers')}</Table.Th>
            <Table.Th scope="col">{t('history.sizes')}</Table.Th>
            <Table.Th scope="col" w="22rem">
              {t('history.sha256')}
            </Table.Th>
            <Table.Th scope="col">{t('history.changeSets')}</Table.Th>
            <Table.Th scope="col">{t('history.outcome')}</Table.Th>
            <Table.Th scope="col">{t('history.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry, index) => (
            <Table.Tr key={`${entry.bundleId ?? entry.name}/${entry.at}/${String(index)}`} data-history-entry={entry.direction}>
              <Table.Td>{t(`history.directions.${entry.direction}`)}</Table.Td>
              <Table.Td>{format.dateTime(entry.at)}</Table.Td>
              <Table.Th scope="row" className="td-file-name" fw={500}>
                {entry.name}
              </Table.Th>
              <Table.Td className="td-wrap">{entry.peers.length === 0 ? '—' : entry.peers.map((peer) => peer.name).join(', ')}</Table.Td>
              <Table.Td>
                <Text size="xs">{t('history.sizeValue', { age: format.number(entry.size.age), minisig: format.number(entry.size.minisig) })}</Text>
              </Table.Td>
              <Table.Td>
                <Sha256 label={t('sha.age')} value={entry.sha256.age} />
                <Sha256 label={t('sha.minisig')} value={entry.sha256.minisig} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.number(entry.changeSets)}</Text>
                {Object.keys(entry.counts).length === 0 ? null : (
                  <Text size="xs" c="dimmed">
                    {Object.entries(entry.counts)
                      .map(([name, count]) => `${labels.count(name)}: ${format.number(count)}`)
                      .join('; ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="filled" color={OUTCOME_COLOR[entry.outcome]} tt="none">
                  {t(`outcome.${entry.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td className="td-wrap">{entry.reason === null || entry.reason.trim() === '' ? '—' : labels.historyReason(entry.reason)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
