/**
 * A record's history from the change log (`record-history`): who changed it, when, on which
 * workstation, and which fields. A change-set withheld from this workstation (redacted for TLP) is
 * listed as such: something was changed, by whom, but not what or when. Newest first.
 */
import { Alert, Button, Group, Loader, Table, Text } from '@mantine/core';
import type { HistoryEntry } from '@shared/ipc/vault-protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useProfile, useVaultSession, type VaultFailure } from '../../app/hooks';
import { TlpBadge } from './badges';
import { shortId, useDelegationNames } from './delegations';
import { useFormatters } from './format';
import { useDomainLabels } from './labels';
import { Section } from './parts';
import { useWriteErrorText } from './write';

type Load =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly failure: VaultFailure }
  | { readonly status: 'ready'; readonly entries: readonly HistoryEntry[] };

export function HistorySection({ recordId, version, created }: { readonly recordId: string; readonly version: string; readonly created: string }) {
  const { t } = useTranslation('records');
  const session = useVaultSession();
  const profile = useProfile();
  const names = useDelegationNames();
  const labels = useDomainLabels();
  const format = useFormatters();
  const errorText = useWriteErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // Read again whenever the record changes (`version` is its last update).
  useEffect(() => {
    let current = true;
    session.recordHistory(recordId).then(
      (entries) => {
        if (current) setLoad({ status: 'ready', entries: [...entries].reverse() });
      },
      (error: unknown) => {
        if (current) setLoad({ status: 'failed', failure: failureOf(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [session, recordId, version, attempt]);

  const who = (entry: HistoryEntry): string => {
    if (entry.delegation === profile?.delegationId) return names.name(entry.delegation);
    return entry.delegationName ?? names.plain(entry.delegation);
  };
  const device = (id: string): string => (id === profile?.deviceId ? t('history.thisWorkstation') : t('history.workstation', { id: shortId(id) }));

  return (
    <Section title={t('history.title')}>
      {load.status === 'loading' ? (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('history.loading')}</Text>
        </Group>
      ) : null}
      {load.status === 'failed' ? (
        <Alert color="red" role="alert" title={t('history.failed')}>
          <Group gap="sm">
            <Text size="sm">{errorText(load.failure)}</Text>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => {
                setLoad({ status: 'loading' });
                setAttempt((n) => n + 1);
              }}
            >
              {t('retry')}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {load.status === 'ready' ? (
        load.entries.length === 0 ? (
          <Text>{t('history.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth="40rem">
            <Table striped withTableBorder data-history="">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('history.when')}</Table.Th>
                  <Table.Th scope="col">{t('history.who')}</Table.Th>
                  <Table.Th scope="col">{t('history.what')}</Table.Th>
                  <Table.Th scope="col">{t('field.tlp')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {load.entries.map((entry) => (
                  <Table.Tr key={entry.cs} data-history-entry={entry.cs}>
                    <Table.Td>{entry.at === null ? t('history.withheldWhen') : <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{who(entry)}</Text>
                      <Text size="xs" c="dimmed">
                        {device(entry.device)}
                      </Text>
                    </Table.Td>
                    <Table.Td className="td-wrap">
                      {entry.ops === null
                        ? t('history.withheld')
                        : entry.ops.some((op) => op.field === '_deleted')
                          ? entry.ops.find((op) => op.field === '_deleted')?.value === true
                            ? t('history.deleted')
                            : t('history.restored')
                          : entry.hlc === created
                            ? t('history.created', { fields: entry.ops.map((op) => labels.field(op.field)).join(', ') })
                            : t('history.changed', { fields: entry.ops.map((op) => labels.field(op.field)).join(', ') })}
                    </Table.Td>
                    <Table.Td>
                      <TlpBadge tlp={entry.tlp} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : null}
    </Section>
  );
}
