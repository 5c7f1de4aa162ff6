/**
 * The decrypted working set (DESIGN.md §2): every record the vault holds, opened by the worker and kept
 * on the UI thread in a zustand store, where features read and search it in memory. One store per
 * running app; it is filled on unlock and dropped with the page when the vault locks (the reload).
 */
import type { VaultRecord } from '@shared/ipc/vault-protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface WorkingSetState {
  readonly records: readonly VaultRecord[];
  /** False until the records of an unlocked vault have been read. */
  readonly loaded: boolean;
}

export type WorkingSetStore = StoreApi<WorkingSetState>;

export function createWorkingSetStore(): WorkingSetStore {
  return createStore<WorkingSetState>()(() => ({ records: [], loaded: false }));
}

/** Performance mark set once the first screen after unlocking has been painted with the working set. */
export const WORKING_SET_PAINTED_MARK = 'tallinn-desk:working-set-painted';
