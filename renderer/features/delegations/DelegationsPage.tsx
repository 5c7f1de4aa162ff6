/**
 * The Delegations directory (issue #5): every delegation this vault knows, its own first and marked,
 * with country, role, how its fingerprint was verified (method, when, by whom), its devices and its
 * fingerprint in groups (only once verified: the ceremony must not show what the user is to type).
 * Roles and names are the ones assigned here when a delegation was verified. Above it: this
 * delegation's own contact card and fingerprint, and the import of another's card (issue #7).
 */
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { DelegationView } from '@shared/ipc/vault-protocol';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui';
import { useDelegationDirectory, useDelegationNames, useDomainLabels, useFormatters } from '../records';
import { CardImportSection } from './CardImportSection';
import { useCountryName } from './country';
import { OwnCardSection } from './OwnCardSection';
import { delegationPath } from './paths';

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

/** Opens the delegation's page: "Verify" while its fingerprint is unchecked, "Details" otherwise. */
function RowAction({ delegation }: { readonly delegation: DelegationView }) {
  const { t } = useTranslation('delegations');
  const verify = delegation.verification === null && !delegation.revoked && !delegation.local;
  return (
    <Button
      component={Link}
      to={delegationPath(delegation.id)}
      size="xs"
      variant={verify ? 'filled' : 'default'}
      aria-label={verify ? t('verifyOf', { name: delegation.name }) : t('detailsOf', { name: delegation.name })}
    >
      {verify ? t('verifyLink') : t('detailsLink')}
    </Button>
  );
}

export function DelegationsPage() {
  const { t } = useTranslation(['delegations', 'sections']);
  const directory = useDelegationDirectory();
  const labels = useDomainLabels();
  const format = useFormatters();
  const { delegations } = directory;
  const country = useCountryName();

  return (
    <Stack gap="lg">
      <PageHeader title={t('sections:delegations.title')} description={t('sections:delegations.summary')} />
      <Text maw="70ch">{t('sections:delegations.details')}</Text>
      <OwnCardSection />
      <CardImportSection />
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
                <Table.Th scope="col">{t('delegations:actions')}</Table.Th>
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
                    {delegation.verification === null ? (
                      <Text size="sm" c="dimmed" data-fingerprint-hidden="">
                        {t('delegations:fingerprintHidden')}
                      </Text>
                    ) : (
                      <Text ff="monospace" size="sm">
                        {delegation.fingerprint.join(' ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <RowAction delegation={delegation} />
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
