/**
 * Rebuilding the records from the change log (the vault's `log-rebuild` check, and the property that
 * keeps merge honest): replaying every change-set that carries content into empty records must give
 * exactly the stored records, whatever the order of the log. It does because merge is a function of the
 * set of change-sets (merge.ts) and RecordState is canonical (sorted fields, heads and superseded lists),
 * so "exactly" is canonical-JSON equality.
 *
 * The log only holds accepted change-sets, so ownership and kind rules are not re-checked here; a
 * change-set whose kind differs from its record's (impossible in an accepted log) is skipped, like an
 * import would reject it.
 */
import { canonicalJson } from '../crypto';
import { ownerOfRecord } from './ids';
import type { LoggedChangeSet, RecordState } from './model';
import { WorkingRecord } from './working-record';

export function rebuildRecords(logged: Iterable<LoggedChangeSet>): Map<string, RecordState> {
  const working = new Map<string, WorkingRecord>();
  for (const entry of logged) {
    const content = entry.changeSet.content;
    if (content === undefined) continue;
    let record = working.get(content.record);
    if (record === undefined) {
      const owner = ownerOfRecord(content.record);
      if (owner === null) continue;
      record = WorkingRecord.empty(content.record, content.kind, owner);
      working.set(content.record, record);
    } else if (record.kind !== content.kind) {
      continue;
    }
    record.apply(entry);
  }
  const records = new Map<string, RecordState>();
  for (const [id, record] of working) records.set(id, record.freeze());
  return records;
}

/** Equality of two record states as stored (canonical JSON). */
export function recordStatesEqual(a: RecordState, b: RecordState): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Ids of records that differ between two sets of records (missing on either side included), sorted. */
export function differingRecords(a: ReadonlyMap<string, RecordState>, b: ReadonlyMap<string, RecordState>): string[] {
  const ids = new Set([...a.keys(), ...b.keys()]);
  const differing: string[] = [];
  for (const id of ids) {
    const x = a.get(id);
    const y = b.get(id);
    if (x === undefined || y === undefined || !recordStatesEqual(x, y)) differing.push(id);
  }
  return differing.sort();
}
