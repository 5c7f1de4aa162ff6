/** When the vault cannot even say what state it is in: what went wrong, in words, and a way to retry. */
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle, type VaultFailure } from '../../app/hooks';
import { useVaultErrorText } from './errors';

export function VaultUnavailable({ failure, onRetry }: { readonly failure: VaultFailure; readonly onRetry: () => void }) {
  const { t } = useTranslation('vault');
  const errorText = useVaultErrorText();
  useDocumentTitle(t('unavailable.title'));
  const details = Object.entries(failure.details ?? {})
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
  return (
    <Stack gap="lg">
      <Title order={1}>{t('unavailable.title')}</Title>
      <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="48rem">
        <Stack gap="xs">
          <Text>{errorText(failure)}</Text>
          {details === '' ? null : <Text size="sm">{t('unavailable.details', { details })}</Text>}
        </Stack>
      </Alert>
      <Button onClick={onRetry} w="fit-content">
        {t('unavailable.retry')}
      </Button>
    </Stack>
  );
}
