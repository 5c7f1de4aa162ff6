/**
 * The Delegations directory (issue #5): every delegation this vault knows, its own first and marked,
 * with country, role, how its fingerprint was verified (method, when, by whom), its devices and its
 * fingerprint in groups. Roles and names are the ones assigned here when a delegation was verified.
 */
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { DelegationView } from '@shared/ipc/vault-protocol';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui';
import { useDelegationDirectory, useDelegationNames, useDomainLabels, useFormatters } from '../records';
import { countryName } from '../vault';

function Verification({ delegation }: { readonly delegation: DelegationView }) {
  const { t } = useTranslation('delegations');
  const format = useFormatters();
  const names = useDelegationNames();
  const verification = delegation.verification;
  if (verification === null) {
    return (
      <Badge variant="filled" color="red.9" tt="none">
        {t('unverified')}
      </Badge>
    );
  }
  return (
    <Stack gap={2}>
      <Badge variant={verification.method === 'demo-data' ? 'outline' : 'filled'} color={verification.method === 'demo-data' ? 'gray.7' : 'teal.9'} tt="none" data-verification={verification.method}>
        {t(`method.${verification.method}`)}
      </Badge>
      <Text size="xs">
        {t('verifiedAt', { when: format.dateTime(verification.at), by: verification.by === delegation.id ? t('itself') : names.plain(verification.by) })}
      </Text>
    </Stack>
  );
}

export function DelegationsPage() {
  const { t, i18n } = useTranslation(['delegations', 'sections']);
  const directory = useDelegationDirectory();
  const labels = useDomainLabels();
  const format = useFormatters();
  const { delegations } = directory;
  const country = (code: string): string => (/^[A-Z]{2}$/u.test(code) && code !== 'ZZ' ? countryName(code, i18n.language) : t('delegations:noCountry'));

  return (
    <Stack gap="lg">
      <PageHeader title={t('sections:delegations.title')} description={t('sections:delegations.summary')} />
      <Text maw="70ch">{t('sections:delegations.details')}</Text>
      <Group gap="sm">
        <Text fw={500} role="status" data-delegation-count={delegations.length}>
          {directory.loading && delegations.length === 0 ? t('delegations:loading') : t('delegations:count', { count: delegations.length, formatted: format.number(delegations.length) })}
        </Text>
        {directory.loading ? <Loader size="xs" aria-hidden="true" /> : null}
        <Button variant="default" size="xs" leftSection={<IconRefresh size={14} aria-hidden="true" />} onClick={directory.reload}>
          {t('delegations:refresh')}
        </Button>
      </Group>
      {directory.failed ? (
        <Alert color="red" role="alert">
          {t('delegations:failed')}
        </Alert>
      ) : null}
      {delegations.length === 0 ? null : (
        <Table.ScrollContainer minWidth="60rem">
          <Table withTableBorder striped data-delegations="">
            <Table.Caption>{t('delegations:caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('delegations:name')}</Table.Th>
                <Table.Th scope="col">{t('delegations:country')}</Table.Th>
                <Table.Th scope="col">{t('delegations:role')}</Table.Th>
                <Table.Th scope="col">{t('delegations:verification')}</Table.Th>
                <Table.Th scope="col" className="td-cell-right">
                  {t('delegations:devices')}
                </Table.Th>
                <Table.Th scope="col">{t('delegations:fingerprint')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {delegations.map((delegation) => (
                <Table.Tr key={delegation.id} data-delegation={delegation.id} data-local={delegation.local ? '' : undefined}>
                  <Table.Th scope="row" className="td-wrap">
                    <Stack gap={2}>
                      <Text fw={600} size="sm">
                        {delegation.name}
                      </Text>
                      <Group gap={4}>
                        {delegation.local ? (
                          <Badge variant="filled" color="blue.9" tt="none">
                            {t('delegations:yours')}
                          </Badge>
                        ) : null}
                        {delegation.revoked ? (
                          <Badge variant="filled" color="red.9" tt="none">
                            {t('delegations:revoked')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {delegation.id}
                      </Text>
                    </Stack>
                  </Table.Th>
                  <Table.Td>{country(delegation.country)}</Table.Td>
                  <Table.Td>{labels.role(delegation.role)}</Table.Td>
                  <Table.Td>
                    <Verification delegation={delegation} />
                  </Table.Td>
                  <Table.Td className="td-cell-right">{format.number(delegation.devices)}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {delegation.fingerprint.join(' ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
