/**
 * The hook through which the domain layer (shared/domain, issue #5 onwards) adds per-kind rules to merge
 * without the sync engine knowing any kind: "a delivery is written only by the owner of its offer", "an
 * acceptance only by the owner of its need" (DESIGN.md §3). The engine enforces ownership of the record
 * itself; everything that needs the meaning of a field is a kind rule.
 *
 * `check` runs on every change-set with content before it is applied (imports) or signed (local writes),
 * with the record's displayed values as they would be *after* applying it. It must be pure, fast and
 * deterministic: an import calls it once per change-set, and replicas must agree on what it accepts.
 */
import type { Json } from './json';
import type { Operation } from './changeset';

export interface KindRuleInput {
  readonly kind: string;
  readonly recordId: string;
  /** The delegation that owns the record (from its id). */
  readonly owner: string;
  /** The delegation whose device wrote the change-set (equal to `owner`: the engine checked it). */
  readonly authorDelegation: string;
  /** Displayed values after applying the change-set (tombstone excluded). */
  readonly values: Readonly<Record<string, Json>>;
  readonly ops: readonly Operation[];
}

export interface KindRules {
  /** null to accept; otherwise a short reason (reported as `kind-rule` with this message). */
  check(input: KindRuleInput): string | null;
}
