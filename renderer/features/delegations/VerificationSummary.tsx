/**
 * A delegation's trust at a glance: verified or not, by whom, when and how (fingerprint read out in
 * person, by phone or video; own; demo data, said plainly), its fingerprint once verified (never
 * before: the ceremony must not show what the user is to type), devices, parked change-sets.
 */
import { Alert, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { DelegationView } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegationNames, useDomainLabels, useFormatters } from '../records';
import { FingerprintGroups } from '../vault';
import { useCountryName } from './country';

export function VerificationBadge({ delegation }: { readonly delegation: DelegationView }) {
  const { t } = useTranslation('delegations');
  const verification = delegation.verification;
  if (verification === null) {
    return (
      <Badge variant="filled" color="red.9" tt="none" data-verification="none">
        {t('unverified')}
      </Badge>
    );
  }
  const demo = verification.method === 'demo-data';
  return (
    <Badge variant={demo ? 'outline' : 'filled'} color={demo ? 'gray.7' : 'teal.9'} tt="none" data-verification={verification.method}>
      {t(`method.${verification.method}`)}
    </Badge>
  );
}

function Row({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="14rem">
        {label}
      </Table.Th>
      <Table.Td className="td-wrap">{children}</Table.Td>
    </Table.Tr>
  );
}

export function VerificationSummary({ delegation, parked }: { readonly delegation: DelegationView; readonly parked: number }) {
  const { t } = useTranslation('delegations');
  const names = useDelegationNames();
  const labels = useDomainLabels();
  const format = useFormatters();
  const country = useCountryName();
  const titleId = useId();
  const verification = delegation.verification;
  const how =
    verification === null
      ? null
      : verification.method === 'fingerprint' && verification.channel !== undefined
        ? t(`detail.channel.${verification.channel}`)
        : t(`method.${verification.method}`);
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId} data-verification-summary="">
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('detail.verificationTitle')}
        </Title>
        {verification === null ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
            {t('detail.unverified')}
          </Alert>
        ) : null}
        {verification?.method === 'demo-data' ? (
          <Alert color="yellow" variant="light" role="note" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
            {t('detail.demoNote')}
          </Alert>
        ) : null}
        {delegation.revoked ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
            {t('detail.revoked')}
          </Alert>
        ) : null}
        <Table withTableBorder variant="vertical" maw="48rem" aria-label={t('detail.verificationTitle')}>
          <Table.Tbody>
            <Row label={t('detail.state')}>
              <VerificationBadge delegation={delegation} />
            </Row>
            {verification === null ? null : (
              <>
                <Row label={t('detail.verifiedBy')}>{verification.by === delegation.id ? t('itself') : names.name(verification.by)}</Row>
                <Row label={t('detail.verifiedAt')}>{format.dateTime(verification.at)}</Row>
                <Row label={t('detail.verifiedHow')}>{how}</Row>
              </>
            )}
            <Row label={t('country')}>{country(delegation.country)}</Row>
            <Row label={t('role')}>{labels.role(delegation.role)}</Row>
            <Row label={t('detail.id')}>
              <Text span ff="monospace" size="sm">
                {delegation.id}
              </Text>
            </Row>
            <Row label={t('devices')}>{format.number(delegation.devices)}</Row>
            <Row label={t('detail.parked')}>{format.number(parked)}</Row>
          </Table.Tbody>
        </Table>
        {verification === null ? null : (
          <Stack gap={4}>
            <Text fw={600}>{t('fingerprint')}</Text>
            <FingerprintGroups groups={delegation.fingerprint} label={t('fingerprint')} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
