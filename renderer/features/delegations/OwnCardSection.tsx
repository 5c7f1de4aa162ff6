/**
 * This delegation's own contact card: its fingerprint shown large, for reading out to the other side
 * (8 groups of 5 digits), and "Export my contact card", saved through DeskApi.
 */
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { SaveFilesResult } from '@shared/ipc/desk-api';
import { IconAlertTriangle, IconCircleCheck, IconFileExport } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, usePlatform, useProfile, useVaultSession } from '../../app/hooks';
import { FingerprintGroups, useVaultErrorText } from '../vault';

type Outcome =
  | { readonly kind: 'saved'; readonly name: string; readonly result: SaveFilesResult }
  | { readonly kind: 'failed'; readonly message: string };

export function OwnCardSection() {
  const { t } = useTranslation('delegations');
  const session = useVaultSession();
  const platform = usePlatform();
  const profile = useProfile();
  const errorText = useVaultErrorText();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (profile === undefined) return null;

  const exportCard = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    const card = await session.exchange.exportCard().catch((error: unknown) => {
      setOutcome({ kind: 'failed', message: errorText(failureOf(error)) });
      return null;
    });
    if (card === null) {
      setBusy(false);
      return;
    }
    try {
      const result = await platform.saveFiles({ files: [{ name: card.name, bytes: card.bytes }] });
      setOutcome({ kind: 'saved', name: card.name, result });
    } catch {
      setOutcome({ kind: 'failed', message: t('ownCard.saveFailed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId} data-own-card="">
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('ownCard.title')}
        </Title>
        <Text maw="70ch">{t('ownCard.intro')}</Text>
        <Text fw={600}>{t('ownCard.fingerprint')}</Text>
        <FingerprintGroups groups={profile.fingerprint} label={t('ownCard.fingerprint')} />
        <Text size="sm" maw="70ch">
          {t('ownCard.readOut')}
        </Text>
        <Group>
          <Button leftSection={<IconFileExport size={16} aria-hidden="true" />} loading={busy} onClick={() => void exportCard()}>
            {t('ownCard.export')}
          </Button>
        </Group>
        <div aria-live="polite">{outcome === null ? null : <OutcomeAlert outcome={outcome} />}</div>
      </Stack>
    </Paper>
  );
}

function OutcomeAlert({ outcome }: { readonly outcome: Outcome }) {
  const { t } = useTranslation('delegations');
  if (outcome.kind === 'failed') {
    return (
      <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
        {outcome.message}
      </Alert>
    );
  }
  const { result, name } = outcome;
  if (result.status === 'saved') {
    return (
      <Alert color="teal" icon={<IconCircleCheck aria-hidden="true" />} maw="70ch">
        {t('ownCard.saved', { name, location: result.location })}
      </Alert>
    );
  }
  return (
    <Alert color="yellow" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
      {result.status === 'cancelled' ? t('ownCard.cancelled') : t('ownCard.exists', { names: result.names.join(', '), location: result.location })}
    </Alert>
  );
}
