/**
 * The hook through which the domain layer (shared/domain, issue #5 onwards) adds per-kind rules to merge
 * without the sync engine knowing any kind: "a delivery is written only by the owner of its offer", "an
 * acceptance only by the owner of its need" (DESIGN.md §3). The engine enforces ownership of the record
 * itself; everything that needs the meaning of a field is a kind rule.
 *
 * `check` runs on every change-set with content before it is applied (imports) or signed (local writes).
 * It must be pure, fast and deterministic, and its verdict must not depend on the order in which a
 * replica received change-sets, or replicas would accept different sets and never converge. So it sees
 * only the change-set itself and the record's immutable facts (id, kind, owner): `values` holds what the
 * change-set's own operations write, never the merged state of the record (a value written with an older
 * clock than an existing head would otherwise be judged against that head on one replica and against
 * nothing on another). A rule that needs a field must therefore accept a change-set that does not write
 * it (e.g. one that only sets the tombstone).
 */
import type { Json } from './json';
import { type Operation, TOMBSTONE_FIELD } from './changeset';

export interface KindRuleInput {
  readonly kind: string;
  readonly recordId: string;
  /** The delegation that owns the record (from its id). */
  readonly owner: string;
  /** The delegation whose device wrote the change-set (equal to `owner`: the engine checked it). */
  readonly authorDelegation: string;
  /**
   * The values the change-set's own operations write, by field: `{op.field: op.value}` for every
   * operation except the tombstone's (`_deleted`, read it from `ops`). A field the change-set does not
   * write is absent, whatever the record holds; an operation that writes `null` gives `null`. Not the
   * record's displayed values: see the module comment.
   */
  readonly values: Readonly<Record<string, Json>>;
  /** The change-set's operations as received (field, value, base), sorted by field. */
  readonly ops: readonly Operation[];
}

export interface KindRules {
  /** null to accept; otherwise a short reason (reported as `kind-rule` with this message). */
  check(input: KindRuleInput): string | null;
}

/** The `values` of a KindRuleInput: what `ops` write, tombstone excluded. O(ops). */
export function writtenValues(ops: readonly Operation[]): Record<string, Json> {
  const values: Record<string, Json> = {};
  for (const op of ops) {
    if (op.field === TOMBSTONE_FIELD) continue;
    values[op.field] = op.value;
  }
  return values;
}
