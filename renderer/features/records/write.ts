/**
 * Writing records through the vault session (one signed transaction per call), with the busy state and
 * the failure in the user's language: a refusal names its reason (not our record, an event cannot be
 * changed, …), anything else the vault's own message; never a stack trace.
 */
import type { RecordEdit, RecordView } from '@shared/ipc/vault-protocol';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useVaultSession, type VaultFailure } from '../../app/hooks';
import { useVaultErrorText } from '../vault';

const REFUSAL_REASONS = new Set(['not-owner', 'unknown-record', 'kind-mismatch', 'kind-rule', 'chain-frozen', 'invalid', 'not-empty']);
type RefusalReason = 'not-owner' | 'unknown-record' | 'kind-mismatch' | 'kind-rule' | 'chain-frozen' | 'invalid' | 'not-empty';

export function useWriteErrorText(): (failure: VaultFailure) => string {
  const { t } = useTranslation('records');
  const vaultText = useVaultErrorText();
  return useCallback(
    (failure: VaultFailure) => {
      const reason = failure.details?.['reason'];
      if (failure.code === 'write-refused' && typeof reason === 'string' && REFUSAL_REASONS.has(reason)) {
        return t(`writeRefused.${reason as RefusalReason}`);
      }
      return vaultText(failure);
    },
    [t, vaultText],
  );
}

export interface Write {
  readonly busy: boolean;
  /** Why the last write failed, in words; null when it did not. */
  readonly error: string | null;
  /** Writes the edits; resolves with the new views, or null when the vault refused (then `error` says why). */
  readonly run: (edits: readonly RecordEdit[]) => Promise<readonly RecordView[] | null>;
  readonly clearError: () => void;
}

export function useWrite(): Write {
  const session = useVaultSession();
  const errorText = useWriteErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<VaultFailure | null>(null);
  const run = useCallback(
    async (edits: readonly RecordEdit[]) => {
      setBusy(true);
      setFailure(null);
      try {
        return await session.writeRecords(edits);
      } catch (error) {
        setFailure(failureOf(error));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [session],
  );
  const clearError = useCallback(() => {
    setFailure(null);
  }, []);
  return { busy, error: failure === null ? null : errorText(failure), run, clearError };
}
