/**
 * Why a contact card was refused (`card-refused`, details.reason), in the user's language. The worker's
 * reason names are read generously (the bundle layer's codes as well as the protocol's), and `with`
 * names the known delegation a colliding card was taken for.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultFailure } from '../../app/hooks';
import { useDelegationNames } from '../records';
import { useVaultErrorText } from '../vault';

export type CardRefusalReason = 'invalid' | 'format-newer' | 'key-id-collision' | 'confusable-name' | 'own-card' | 'key-conflict' | 'revoked' | 'unknown';

const ALIASES: Readonly<Record<string, CardRefusalReason>> = {
  invalid: 'invalid',
  'card-invalid': 'invalid',
  'invalid-card': 'invalid',
  'key-event-log': 'invalid',
  'file-empty': 'invalid',
  'file-too-large': 'invalid',
  'format-newer': 'format-newer',
  'newer-format': 'format-newer',
  newer: 'format-newer',
  'key-id-collision': 'key-id-collision',
  'colliding-key-id': 'key-id-collision',
  'key-id': 'key-id-collision',
  'confusable-name': 'confusable-name',
  'name-collision': 'confusable-name',
  confusable: 'confusable-name',
  'own-card': 'own-card',
  own: 'own-card',
  'key-conflict': 'key-conflict',
  revoked: 'revoked',
};

export function cardRefusalReason(failure: VaultFailure): CardRefusalReason {
  const reason = failure.details?.['reason'];
  return typeof reason === 'string' ? (ALIASES[reason] ?? 'unknown') : 'unknown';
}

/**
 * The known delegation a refused card or name was taken for (details.with, a delegation id), by name;
 * "another delegation" when the id is missing or not one this vault knows.
 */
export function useRefusedWith(): (failure: VaultFailure) => string {
  const { t } = useTranslation('delegations');
  const names = useDelegationNames();
  return useCallback(
    (failure: VaultFailure) => {
      const other = failure.details?.['with'];
      return typeof other === 'string' && (names.byId.has(other) || names.isLocal(other)) ? names.plain(other) : t('cardImport.anotherDelegation');
    },
    [names, t],
  );
}

/** A card failure in words: the refusal and its reason, or any other vault failure. */
export function useCardFailureText(): (failure: VaultFailure) => string {
  const { t } = useTranslation('delegations');
  const refusedWith = useRefusedWith();
  const errorText = useVaultErrorText();
  return useCallback(
    (failure: VaultFailure) => {
      if (failure.code !== 'card-refused') return errorText(failure);
      return `${t('cardImport.refused')} ${t(`cardImport.reasons.${cardRefusalReason(failure)}`, { with: refusedWith(failure) })}`;
    },
    [errorText, refusedWith, t],
  );
}
