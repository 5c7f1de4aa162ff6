/** Resolving one conflict: the session call, its busy state and its failure in the user's language. */
import type { Conflict } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { useCallback, useState } from 'react';
import { failureOf, useVaultSession, type VaultFailure } from '../../app/hooks';
import { useVaultErrorText } from '../vault';

export interface Resolve {
  readonly busy: boolean;
  /** Why the last attempt failed, in words; null when it did not. */
  readonly error: string | null;
  /** Writes `value` over every change-set named in `base` (the heads the user saw). */
  run(value: Json, base: readonly string[]): void;
}

export function useResolve(conflict: Conflict, onResolved: (conflict: Conflict) => void): Resolve {
  const session = useVaultSession();
  const errorText = useVaultErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<VaultFailure | null>(null);

  const run = useCallback(
    (value: Json, base: readonly string[]) => {
      setBusy(true);
      setFailure(null);
      const heads = [...new Set(base)].sort();
      session.resolveConflict(conflict.recordId, conflict.field, value, heads).then(
        () => {
          setBusy(false);
          onResolved(conflict);
        },
        (error: unknown) => {
          setBusy(false);
          setFailure(failureOf(error));
        },
      );
    },
    [session, conflict, onResolved],
  );

  return { busy, error: failure === null ? null : errorText(failure), run };
}
