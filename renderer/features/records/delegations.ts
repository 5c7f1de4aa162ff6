/**
 * The delegations this vault knows (`delegations-list`), for naming owners everywhere records are shown.
 * Read from the vault once per session and again whenever the working set changes size (an import or
 * demo data may bring new delegations); until then an owner is shown by its id, shortened.
 */
import type { DelegationView } from '@shared/ipc/vault-protocol';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useProfile, useVaultSession, useWorkingSet } from '../../app/hooks';

type VaultSession = ReturnType<typeof useVaultSession>;

interface DirectoryState {
  readonly delegations: readonly DelegationView[];
  /** The working-set size the list was read for (-1: never read). */
  readonly readFor: number;
  readonly loading: boolean;
  readonly failed: boolean;
}

type Directory = StoreApi<DirectoryState>;

/** One directory per session (a session is one unlocked vault; it is dropped with the page on lock). */
const directories = new WeakMap<VaultSession, Directory>();

function directoryOf(session: VaultSession): Directory {
  let directory = directories.get(session);
  if (directory === undefined) {
    directory = createStore<DirectoryState>()(() => ({ delegations: [], readFor: -1, loading: false, failed: false }));
    directories.set(session, directory);
  }
  return directory;
}

function refresh(session: VaultSession, directory: Directory, size: number): void {
  const state = directory.getState();
  if (state.loading || state.readFor === size) return;
  directory.setState({ loading: true });
  session.listDelegations().then(
    (delegations) => {
      directory.setState({ delegations, readFor: size, loading: false, failed: false });
    },
    () => {
      directory.setState({ readFor: size, loading: false, failed: true });
    },
  );
}

export interface DelegationDirectory {
  readonly delegations: readonly DelegationView[];
  readonly loading: boolean;
  readonly failed: boolean;
  /** Reads the list again now. */
  readonly reload: () => void;
}

/** The known delegations, read from the vault when needed. */
export function useDelegationDirectory(): DelegationDirectory {
  const session = useVaultSession();
  const directory = directoryOf(session);
  const size = useWorkingSet((state) => state.records.length);
  const loaded = useWorkingSet((state) => state.loaded);
  const state = useStore(directory);
  // Runs again when a read finishes, in case the working set changed while it was out.
  useEffect(() => {
    if (loaded && !state.loading) refresh(session, directory, size);
  }, [session, directory, size, loaded, state.loading]);
  const reload = useCallback(() => {
    directory.setState({ readFor: -1 });
    refresh(session, directory, size);
  }, [session, directory, size]);
  return useMemo(() => ({ delegations: state.delegations, loading: state.loading, failed: state.failed, reload }), [state, reload]);
}

/** An opaque id cut to something a person can compare by eye. */
export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

export interface DelegationNames {
  /** The delegation's name, "(your delegation)" added for ours; its id shortened when unknown. */
  readonly name: (id: string) => string;
  /** The name alone, without the "your delegation" remark. */
  readonly plain: (id: string) => string;
  readonly isLocal: (id: string) => boolean;
  readonly byId: ReadonlyMap<string, DelegationView>;
}

export function useDelegationNames(): DelegationNames {
  const { t } = useTranslation('records');
  const { delegations } = useDelegationDirectory();
  const profile = useProfile();
  return useMemo(() => {
    const byId = new Map(delegations.map((delegation) => [delegation.id, delegation]));
    const local = profile?.delegationId;
    const plain = (id: string): string => byId.get(id)?.name ?? (id === local && profile !== undefined ? profile.name : shortId(id));
    return {
      byId,
      plain,
      isLocal: (id) => id === local,
      name: (id) => (id === local ? t('owner.yours', { name: plain(id) }) : plain(id)),
    };
  }, [delegations, profile, t]);
}
