/** Vault failures in the user's language: one sentence per protocol error code, never a stack trace. */
import { PASSPHRASE_MIN_LENGTH } from '@shared/crypto/passphrase';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultFailure } from '../../app/hooks';

export function useVaultErrorText(): (failure: VaultFailure) => string {
  const { t } = useTranslation('vault');
  return useCallback(
    (failure: VaultFailure) =>
      failure.code === 'passphrase-too-short'
        ? t('errors.passphrase-too-short', { min: PASSPHRASE_MIN_LENGTH })
        : t(`errors.${failure.code}`),
    [t],
  );
}
