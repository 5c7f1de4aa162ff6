/**
 * The local audit log (DESIGN.md §6): every entry with its time in the current language's format, the
 * action in words and its details, newest first, and whether the hash chain that links the entries is
 * intact.
 */
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconRefresh, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVaultSession, type AuditLog } from '../../app/hooks';
import { PageHeader } from '../../ui';

type Load = { readonly status: 'loading' } | { readonly status: 'ready'; readonly log: AuditLog } | { readonly status: 'failed' };

function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
    .join('; ');
}

function ChainBadge({ intact }: { readonly intact: boolean }) {
  const { t } = useTranslation('audit');
  return (
    <Badge
      size="lg"
      variant="filled"
      tt="none"
      color={intact ? 'teal.9' : 'red.9'}
      leftSection={intact ? <IconShieldCheck size={16} aria-hidden="true" /> : <IconShieldX size={16} aria-hidden="true" />}
      data-chain={intact ? 'intact' : 'broken'}
    >
      {intact ? t('chain.intact') : t('chain.broken')}
    </Badge>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation(['audit', 'sections']);
  const session = useVaultSession();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    session.auditLog().then(
      (log) => {
        if (current) setLoad({ status: 'ready', log });
      },
      () => {
        if (current) setLoad({ status: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [session, generation]);

  const reload = useCallback(() => {
    setLoad({ status: 'loading' });
    setGeneration((value) => value + 1);
  }, []);

  const format = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }),
    [i18n.language],
  );
  const entries = load.status === 'ready' ? [...load.log.entries].sort((a, b) => b.seq - a.seq) : [];

  return (
    <Stack gap="lg">
      <PageHeader title={t('sections:audit.title')} description={t('sections:audit.summary')} />
      <Text maw="70ch">{t('audit:intro')}</Text>

      {load.status === 'loading' ? (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('audit:loading')}</Text>
        </Group>
      ) : null}

      {load.status === 'failed' ? (
        <Stack gap="sm">
          <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="48rem">
            {t('audit:loadFailed')}
          </Alert>
          <Button variant="default" w="fit-content" onClick={reload}>
            {t('audit:retry')}
          </Button>
        </Stack>
      ) : null}

      {load.status === 'ready' ? (
        <Stack gap="md">
          <Group gap="md">
            <ChainBadge intact={load.log.chainIntact} />
            <Text size="sm">{t('audit:count', { count: load.log.entries.length })}</Text>
            <Button variant="default" size="xs" leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={reload}>
              {t('audit:refresh')}
            </Button>
          </Group>
          {load.log.chainIntact ? null : (
            <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="48rem">
              {t('audit:chain.brokenHelp')}
            </Alert>
          )}
          {entries.length === 0 ? (
            <Text>{t('audit:empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth="40rem">
              <Table striped withTableBorder aria-label={t('audit:table.label')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w="5rem">
                      {t('audit:table.seq')}
                    </Table.Th>
                    <Table.Th scope="col" w="14rem">
                      {t('audit:table.time')}
                    </Table.Th>
                    <Table.Th scope="col">{t('audit:table.action')}</Table.Th>
                    <Table.Th scope="col">{t('audit:table.details')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => (
                    <Table.Tr key={entry.seq} data-action={entry.action}>
                      <Table.Td>{entry.seq}</Table.Td>
                      <Table.Td>
                        <time dateTime={entry.at}>{format.format(new Date(entry.at))}</time>
                      </Table.Td>
                      <Table.Td>{t(`audit:actions.${entry.action}`)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                          {detailsText(entry.details)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
