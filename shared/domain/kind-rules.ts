/**
 * Ownership rules between kinds (DESIGN.md §3), enforced on imports and on local writes alike by the
 * sync layer, which calls `kindRules.check` with the values the change-set itself writes (never merged
 * values, which depend on what a replica already holds):
 *
 * - a delivery only by the owner of its offer: the delivery's `offer` is owned by the delivery's owner;
 * - an acceptance only by the owner of its need: the acceptance's `need` is owned by its owner;
 * - an allocation only inside its offer: allocations are a field of the offer record, so only the offer's
 *   owner can write them; here each allocation's `need` must at least be a record id;
 * - deliveries and acceptances are append-only events: once written their values do not change (a
 *   wrong event is retracted by deleting it and recording a new one). A change-set edits a field when
 *   its operation replaces earlier heads (a non-empty `base`, shared/sync/changeset.ts); the one that
 *   creates the record has none. The tombstone may still be set and cleared;
 * - whoever writes a record is its owner, and the owner is the one named in the record id.
 *
 * Every rule is a pure function of the record itself: a record's owner is part of every record id, so
 * "owned by" needs no lookup. That keeps the verdict the same on every replica whatever order bundles
 * arrive in (a rule that looked up other records would accept on one workstation what another
 * rejected, and the replicas would never converge). Whether a referenced record exists, has the right
 * kind or is withdrawn is reported by coverage.ts as a warning instead.
 *
 * Full schema validation (parseRecordValues) is deliberately not part of this check: merging concurrent
 * field edits can produce combinations no single author wrote, and a newer version may add fields;
 * rejecting those on import would make replicas diverge. Forms validate before writing.
 */
import { isRecordKind } from './kinds';
import { isRecordRef, ownerOf } from './record-ref';

export const KIND_RULE_REASONS = [
  'unknown-kind',
  'owner-not-in-id',
  'author-not-owner',
  'delivery-offer-invalid',
  'delivery-not-offer-owner',
  'delivery-need-invalid',
  'acceptance-need-invalid',
  'acceptance-not-need-owner',
  'acceptance-delivery-invalid',
  'allocations-invalid',
  'allocation-need-invalid',
  'event-immutable',
] as const;
export type KindRuleReason = (typeof KIND_RULE_REASONS)[number];

export interface KindRuleInput {
  readonly kind: string;
  readonly recordId: string;
  /** The record's owning delegation id. */
  readonly owner: string;
  /** The delegation whose key signed the change. */
  readonly authorDelegation: string;
  /** The values this change-set writes, `{field: value}` for each operation except the tombstone. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The operations of the change-set (shared/sync KindRuleInput); only `field` and `base` are read. */
  readonly ops?: readonly { readonly field: string; readonly base: readonly string[] }[];
}

/** The record tombstone (shared/sync/changeset.ts TOMBSTONE_FIELD), not imported to keep crypto out. */
const TOMBSTONE_FIELD = '_deleted';

/** True when the change-set replaces an earlier value of a field other than the tombstone. */
function editsAField(input: KindRuleInput): boolean {
  return (input.ops ?? []).some((op) => op.field !== TOMBSTONE_FIELD && op.base.length > 0);
}

/** Deleting or restoring an event writes only the tombstone: nothing to check beyond ownership. */
function onlyTombstone(input: KindRuleInput): boolean {
  return Object.keys(input.values).length === 0;
}

/**
 * An event's change-set writes the whole event (its references included), so each one can be judged on
 * its own: a delivery names its offer, an acceptance its need and delivery, every time.
 */
function checkDelivery(input: KindRuleInput): KindRuleReason | null {
  if (onlyTombstone(input)) return null;
  const { offer, need } = input.values;
  if (!isRecordRef(offer)) return 'delivery-offer-invalid';
  if (ownerOf(offer) !== input.owner) return 'delivery-not-offer-owner';
  if (need !== null && need !== undefined && !isRecordRef(need)) return 'delivery-need-invalid';
  return editsAField(input) ? 'event-immutable' : null;
}

function checkAcceptance(input: KindRuleInput): KindRuleReason | null {
  if (onlyTombstone(input)) return null;
  const { need, delivery } = input.values;
  if (!isRecordRef(need)) return 'acceptance-need-invalid';
  if (ownerOf(need) !== input.owner) return 'acceptance-not-need-owner';
  if (!isRecordRef(delivery)) return 'acceptance-delivery-invalid';
  return editsAField(input) ? 'event-immutable' : null;
}

function checkOffer(input: KindRuleInput): KindRuleReason | null {
  const { allocations } = input.values;
  if (allocations === undefined) return null;
  if (!Array.isArray(allocations)) return 'allocations-invalid';
  for (const allocation of allocations as unknown[]) {
    if (allocation === null || typeof allocation !== 'object' || !isRecordRef((allocation as Record<string, unknown>).need)) return 'allocation-need-invalid';
  }
  return null;
}

export const kindRules = {
  /** Null when the change may be applied, else the reason it is rejected. */
  check(input: KindRuleInput): KindRuleReason | null {
    if (!isRecordKind(input.kind)) return 'unknown-kind';
    if (ownerOf(input.recordId) !== input.owner) return 'owner-not-in-id';
    if (input.authorDelegation !== input.owner) return 'author-not-owner';
    switch (input.kind) {
      case 'delivery':
        return checkDelivery(input);
      case 'acceptance':
        return checkAcceptance(input);
      case 'offer':
        return checkOffer(input);
      case 'need':
      case 'note':
        return null;
    }
  },
} as const;
