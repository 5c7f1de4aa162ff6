/**
 * One delegation (`/delegations/:id`): its verification (state, by whom, when, how), the ceremony while
 * it is unverified, its fingerprint once verified, devices, key event history, what it last
 * acknowledged and how many of its change-sets are parked.
 */
import { Alert, Anchor, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import type { VaultResult } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failureOf, useVaultSession, type VaultFailure } from '../../app/hooks';
import { PageHeader } from '../../ui';
import { useDelegationDirectory } from '../records';
import { useVaultErrorText } from '../vault';
import { AcknowledgedSection, KeyEventsSection } from './DetailSections';
import { VerificationSummary } from './VerificationSummary';
import { VerificationCeremony, VerifiedNotice, type VerifiedResult } from './VerificationCeremony';

type Detail = VaultResult<'delegation-detail'>;
type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly failure: VaultFailure } | { readonly status: 'ready'; readonly detail: Detail };

export function DelegationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('delegations');
  const session = useVaultSession();
  const directory = useDelegationDirectory();
  const errorText = useVaultErrorText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [verified, setVerified] = useState<VerifiedResult | null>(null);

  useEffect(() => {
    let current = true;
    session.exchange.delegationDetail(id).then(
      (detail) => {
        if (current) setLoad({ status: 'ready', detail });
      },
      (error: unknown) => {
        if (current) setLoad({ status: 'failed', failure: failureOf(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [session, id, generation]);

  const { reload } = directory;
  const onVerified = useCallback(
    (result: VerifiedResult) => {
      setVerified(result);
      reload();
      setGeneration((value) => value + 1);
    },
    [reload],
  );

  const back = (
    <Anchor component={Link} to="/delegations" w="fit-content">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden="true" />
        {t('detail.back')}
      </Group>
    </Anchor>
  );

  if (load.status === 'loading') {
    return (
      <Stack gap="lg">
        {back}
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('detail.loading')}</Text>
        </Group>
      </Stack>
    );
  }
  if (load.status === 'failed') {
    return (
      <Stack gap="lg">
        {back}
        <PageHeader title={t('detail.unknownTitle')} />
        <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {load.failure.code === 'not-found' || load.failure.code === 'invalid-request' ? t('detail.notFound') : errorText(load.failure)}
        </Alert>
      </Stack>
    );
  }

  const { delegation, keyEvents, acknowledged, parked } = load.detail;
  const unverified = delegation.verification === null;
  return (
    <Stack gap="lg" data-delegation-detail={delegation.id}>
      {back}
      <PageHeader title={delegation.name} />
      <Group gap="xs">
        {delegation.local ? (
          <Badge variant="filled" color="blue.9" tt="none">
            {t('yours')}
          </Badge>
        ) : null}
        {delegation.revoked ? (
          <Badge variant="filled" color="red.9" tt="none">
            {t('revoked')}
          </Badge>
        ) : null}
      </Group>
      <div aria-live="polite">{verified === null ? null : <VerifiedNotice result={verified} />}</div>
      <VerificationSummary delegation={delegation} parked={parked} />
      {unverified && !delegation.revoked && !delegation.local ? <VerificationCeremony delegation={delegation} onVerified={onVerified} /> : null}
      <KeyEventsSection events={keyEvents} />
      {delegation.local ? null : <AcknowledgedSection acknowledged={acknowledged} />}
    </Stack>
  );
}
