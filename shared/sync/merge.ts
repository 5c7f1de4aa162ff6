/**
 * Merge (DESIGN.md §4, docs/sync.md §6): every field of a record is a multi-value register, and a record
 * is the set of its registers plus what the view needs (kind, owner, TLP, first and last HLC).
 *
 * - An operation replaces the heads named in its `base`, whatever their HLC: causality first.
 * - Concurrent heads are ordered by HLC (latest first, ties by hash) only to pick the displayed value, so
 *   every replica shows the same one.
 * - A field whose heads hold more than one distinct value (canonical JSON) is a **conflict**; resolving
 *   it is an ordinary operation whose base names all heads.
 * - The tombstone `_deleted` is a register like the others (true deletes, false restores), but the base
 *   of a tombstone operation names the heads of *every* field its author saw. A **delete conflict** is a
 *   true-valued tombstone head together with a head of another field that none of the true-valued
 *   tombstone heads saw: an edit concurrent with the delete, which must never be lost silently. It is
 *   resolved by a restore (`false`, base = all heads, unseen ones included) or by deleting again (`true`,
 *   base = all current heads).
 *
 * Everything here is a pure function of the set of change-sets applied (property-tested), which is what
 * lets replicas that received the same change-sets in any order, any number of times, agree byte for byte.
 */
import { canonicalJson } from '../crypto';
import { TOMBSTONE_FIELD } from './changeset';
import { ownerOfRecord } from './ids';
import type { Json } from './json';
import type { FieldRegister, Head, LoggedChangeSet, RecordState, RecordView } from './model';
import { SyncError } from './errors';
import { compareText, registerOf, WorkingRecord } from './working-record';

export { compareHeads } from './working-record';

/** A field in conflict, for the conflict cards (the displayed head first). */
export interface FieldConflict {
  readonly recordId: string;
  readonly kind: string;
  /** The field, or `_deleted` for a delete conflict or concurrent delete/restore. */
  readonly field: string;
  readonly heads: readonly Head[];
  /** `_deleted` only: heads of other fields that no true-valued tombstone head saw. */
  readonly unseenEdits?: readonly { readonly field: string; readonly head: Head }[];
}

/**
 * The record after applying one change-set (with content). Returns a new object; `record` is not
 * changed. Throws SyncError `invalid` for a redacted change-set or one for another record, and
 * `kind-mismatch` when the change-set's kind differs from the record's (fixed by its first change-set).
 */
export function applyChangeSet(record: RecordState | undefined, logged: LoggedChangeSet): RecordState {
  const content = logged.changeSet.content;
  if (content === undefined) throw new SyncError('invalid', 'A redacted change-set (header only) has nothing to merge.');
  if (record !== undefined && record.id !== content.record) {
    throw new SyncError('invalid', `The change-set is for record ${content.record}, not ${record.id}.`);
  }
  if (record !== undefined && record.kind !== content.kind) {
    throw new SyncError('kind-mismatch', `Record ${record.id} is a ${record.kind}; the change-set says ${content.kind}.`, { kind: record.kind });
  }
  const owner = ownerOfRecord(content.record);
  if (owner === null) throw new SyncError('invalid', `${content.record} is not a record id.`);
  const working = record === undefined ? WorkingRecord.empty(content.record, content.kind, owner) : WorkingRecord.from(record);
  working.apply(logged);
  return working.freeze();
}

/** Equality of JSON values as the formats see it (canonical JSON), cheap for primitives. */
export function sameJson(a: Json, b: Json): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

function hasDistinctValues(register: FieldRegister): boolean {
  const [first, ...rest] = register.heads;
  return first !== undefined && rest.some((head) => !sameJson(head.value, first.value));
}

/** Heads of other fields that no true-valued tombstone head saw (empty when nothing is deleted). */
function unseenEdits(record: RecordState): { field: string; head: Head }[] {
  const tombstone = registerOf(record, TOMBSTONE_FIELD);
  if (tombstone === undefined) return [];
  const deletes = tombstone.heads.filter((head) => head.value === true);
  if (deletes.length === 0) return [];
  // A change-set that deletes and edits at once saw its own edits.
  const seen = new Set<string>(deletes.map((head) => head.cs));
  for (const head of deletes) for (const cs of head.base ?? []) seen.add(cs);
  const unseen: { field: string; head: Head }[] = [];
  for (const [field, register] of Object.entries(record.fields)) {
    if (field === TOMBSTONE_FIELD) continue;
    for (const head of register.heads) if (!seen.has(head.cs)) unseen.push({ field, head });
  }
  return unseen;
}

export function isDeleted(record: RecordState): boolean {
  return registerOf(record, TOMBSTONE_FIELD)?.heads[0]?.value === true;
}

/** A delete concurrent with an edit the deleter did not see (DESIGN.md §4). */
export function hasDeleteConflict(record: RecordState): boolean {
  return unseenEdits(record).length > 0;
}

/**
 * What the UI shows: displayed values, conflict markers, deletion. `conflicts` lists the same fields as
 * `conflictsOf` (so `_deleted` appears for a delete conflict as well as for a concurrent delete/restore);
 * `deleteConflict` says which of the two a `_deleted` entry is.
 */
export function viewOf(record: RecordState): RecordView {
  const values: Record<string, Json> = {};
  for (const [field, register] of Object.entries(record.fields)) {
    const head = register.heads[0];
    if (field !== TOMBSTONE_FIELD && head !== undefined) values[field] = head.value;
  }
  const conflicts = conflictFields(record);
  return {
    id: record.id,
    kind: record.kind,
    owner: record.owner,
    tlp: record.tlp,
    deleted: isDeleted(record),
    values,
    conflicts,
    deleteConflict: hasDeleteConflict(record),
    created: record.created,
    updated: record.updated,
  };
}

/**
 * Every conflict of a record, sorted by field: each field whose heads hold distinct values, and one
 * `_deleted` entry when the tombstone's heads disagree (concurrent delete and restore) or a delete did not
 * see an edit (then `unseenEdits` lists those edits; `heads` may hold a single tombstone head).
 */
export function conflictsOf(record: RecordState): FieldConflict[] {
  const out: FieldConflict[] = [];
  const fields = Object.keys(record.fields).sort(compareText);
  for (const field of fields) {
    const register = record.fields[field] as FieldRegister;
    if (field === TOMBSTONE_FIELD) {
      const unseen = unseenEdits(record);
      if (unseen.length > 0) out.push({ recordId: record.id, kind: record.kind, field, heads: register.heads, unseenEdits: unseen });
      else if (hasDistinctValues(register)) out.push({ recordId: record.id, kind: record.kind, field, heads: register.heads });
    } else if (hasDistinctValues(register)) {
      out.push({ recordId: record.id, kind: record.kind, field, heads: register.heads });
    }
  }
  return out;
}

/** Names of the fields in conflict (`_deleted` for a delete conflict), sorted: what conflict counts count. */
export function conflictFields(record: RecordState): string[] {
  return conflictsOf(record).map((conflict) => conflict.field);
}

/**
 * The base a new operation on `field` should name by default: the sorted hashes of its current heads; for
 * the tombstone, of the heads of every field (a delete names everything it saw). Empty for a new record.
 */
export function currentBase(record: RecordState | undefined, field: string): string[] {
  if (record === undefined) return [];
  return WorkingRecord.from(record).currentBase(field);
}
