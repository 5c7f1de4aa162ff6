/**
 * Sealing, saving and logging an export, as one run the wizard drives: export-seal with progress; then
 * every bundle pair (`.tdesk.age` and its `.minisig`) saved with one DeskApi.saveFiles call; then
 * export-commit with where they went. A save that was cancelled, or found files of the same names, or
 * failed, can be tried again without sealing again; so can a commit that failed.
 */
import type { SaveFile, SaveFilesResult } from '@shared/ipc/desk-api';
import type { ExportOptions, VaultProgress, VaultResult } from '@shared/ipc/vault-protocol';
import { useCallback, useState } from 'react';
import { failureOf, usePlatform, useVaultSession, type VaultFailure } from '../../app/hooks';

export type Sealed = VaultResult<'export-seal'>;

export type RunPhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sealing'; readonly progress: VaultProgress | null }
  | { readonly kind: 'seal-failed'; readonly failure: VaultFailure }
  | { readonly kind: 'saving'; readonly sealed: Sealed }
  | { readonly kind: 'not-saved'; readonly sealed: Sealed; readonly result: Exclude<SaveFilesResult, { status: 'saved' }> | null }
  | { readonly kind: 'committing'; readonly sealed: Sealed; readonly location: string }
  | { readonly kind: 'commit-failed'; readonly sealed: Sealed; readonly location: string; readonly failure: VaultFailure }
  | { readonly kind: 'done'; readonly sealed: Sealed; readonly location: string };

export interface ExportRun {
  readonly phase: RunPhase;
  readonly seal: (options: ExportOptions) => void;
  readonly save: (sealed: Sealed) => void;
  readonly commit: (sealed: Sealed, location: string) => void;
  readonly reset: () => void;
}

/** Both files of every bundle, in bundle order. */
export function filesOf(sealed: Sealed): SaveFile[] {
  return sealed.bundles.flatMap((bundle) => [
    { name: bundle.name, bytes: bundle.age },
    { name: bundle.signatureName, bytes: bundle.minisig },
  ]);
}

export function useExportRun(): ExportRun {
  const session = useVaultSession();
  const platform = usePlatform();
  const [phase, setPhase] = useState<RunPhase>({ kind: 'idle' });

  const commit = useCallback(
    (sealed: Sealed, location: string): void => {
      setPhase({ kind: 'committing', sealed, location });
      session.exchange.commitExport(sealed.exportId, location).then(
        () => {
          setPhase({ kind: 'done', sealed, location });
        },
        (error: unknown) => {
          setPhase({ kind: 'commit-failed', sealed, location, failure: failureOf(error) });
        },
      );
    },
    [session],
  );

  const save = useCallback(
    (sealed: Sealed): void => {
      setPhase({ kind: 'saving', sealed });
      platform.saveFiles({ files: filesOf(sealed) }).then(
        (result) => {
          if (result.status === 'saved') commit(sealed, result.location);
          else setPhase({ kind: 'not-saved', sealed, result });
        },
        () => {
          setPhase({ kind: 'not-saved', sealed, result: null });
        },
      );
    },
    [platform, commit],
  );

  const seal = useCallback(
    (options: ExportOptions): void => {
      setPhase({ kind: 'sealing', progress: null });
      session.exchange
        .sealExport(options, {
          onProgress: (progress) => {
            setPhase((current) => (current.kind === 'sealing' ? { kind: 'sealing', progress } : current));
          },
        })
        .then(save, (error: unknown) => {
          setPhase({ kind: 'seal-failed', failure: failureOf(error) });
        });
    },
    [session, save],
  );

  const reset = useCallback(() => {
    setPhase({ kind: 'idle' });
  }, []);

  return { phase, seal, save, commit, reset };
}
