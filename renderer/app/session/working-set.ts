/**
 * The decrypted working set (DESIGN.md §2): every record the vault holds, opened by the worker and kept
 * on the UI thread in a zustand store, where features read and search it in memory. One store per
 * running app; it is filled on unlock and dropped with the page when the vault locks (the reload).
 */
import type { RecordView } from '@shared/ipc/vault-protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface WorkingSetState {
  /** Every record's view (displayed values and conflict markers), in the order the worker lists them. */
  readonly records: readonly RecordView[];
  /** Number of (record, field) conflicts, for the navigation badge. */
  readonly conflictCount: number;
  /** False until the records of an unlocked vault have been read. */
  readonly loaded: boolean;
}

export type WorkingSetStore = StoreApi<WorkingSetState>;

export function createWorkingSetStore(): WorkingSetStore {
  return createStore<WorkingSetState>()(() => ({ records: [], conflictCount: 0, loaded: false }));
}

/** Conflicts a list of views holds: one per conflicting field (`_deleted` for a delete-versus-edit). */
export function countConflicts(records: readonly RecordView[]): number {
  let count = 0;
  for (const record of records) count += record.conflicts.length;
  return count;
}

/**
 * The working set with `changed` views put in place of the ones with the same id (new ones appended).
 * One pass over the set: a write of a few records into 100,000 stays a few milliseconds.
 */
export function withChangedRecords(records: readonly RecordView[], changed: readonly RecordView[]): RecordView[] {
  if (changed.length === 0) return [...records];
  const byId = new Map(changed.map((view) => [view.id, view]));
  const next = records.map((view) => {
    const replacement = byId.get(view.id);
    if (replacement === undefined) return view;
    byId.delete(view.id);
    return replacement;
  });
  for (const view of byId.values()) next.push(view);
  return next;
}

/** Performance mark set once the first screen after unlocking has been painted with the working set. */
export const WORKING_SET_PAINTED_MARK = 'tallinn-desk:working-set-painted';
