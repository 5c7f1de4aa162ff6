/**
 * What the UI offers a delegation to do, by its role (shared/crypto/formats.ts ROLES) and whether it
 * owns the record (DESIGN.md §3: ownership is the permission model).
 *
 * - beneficiary: files and manages its needs; accepts deliveries made to them (an acceptance is its own
 *   record, so "accept" is offered on a delivery it does not own);
 * - partner: makes and manages offers, allocates them to needs ("allocate" is offered on a need it does
 *   not own: the allocation is written into the partner's own offer) and records deliveries of them;
 * - observer (EU, NATO) and secretariat: read everything they receive and write notes/decisions;
 * - every role may keep notes (meeting notes are each delegation's own account); a note of another
 *   delegation, like any record of another delegation, is read-only.
 *
 * Deliveries and acceptances are append-only events: their owner may record (create) and retract
 * (delete) them but not edit them (kind-rules.ts rejects edits).
 *
 * This is what the UI offers; what is *accepted* is decided by ownership (merge) and kind-rules.ts,
 * which do not depend on roles: a role is assigned locally by whoever verified the delegation, and two
 * workstations may disagree about it.
 */
import type { Role } from '../crypto/formats';
import type { RecordKind } from './kinds';

export const ACTIONS = ['create', 'edit', 'changeStatus', 'allocate', 'recordDelivery', 'accept', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

type Table = Readonly<Record<Role, Readonly<Record<RecordKind, { readonly own: readonly Action[]; readonly other: readonly Action[] }>>>>;

const NONE = { own: [], other: [] } as const;
const NOTES = { own: ['create', 'edit', 'delete'], other: [] } as const;
const EVENTS = { own: ['create', 'delete'], other: [] } as const;

const TABLE: Table = {
  beneficiary: {
    need: { own: ['create', 'edit', 'changeStatus', 'delete'], other: [] },
    offer: NONE,
    delivery: { own: [], other: ['accept'] },
    acceptance: EVENTS,
    note: NOTES,
  },
  partner: {
    need: { own: [], other: ['allocate'] },
    offer: { own: ['create', 'edit', 'changeStatus', 'allocate', 'recordDelivery', 'delete'], other: [] },
    delivery: EVENTS,
    acceptance: NONE,
    note: NOTES,
  },
  observer: { need: NONE, offer: NONE, delivery: NONE, acceptance: NONE, note: NOTES },
  secretariat: { need: NONE, offer: NONE, delivery: NONE, acceptance: NONE, note: NOTES },
};

/**
 * The actions to offer on a record of `kind`. `isOwner`: the local delegation owns the record (for
 * "create", pass true: the new record would be its own). Non-owned records are read-only; the only
 * actions offered on them ("allocate" on a need, "accept" on a delivery) write the actor's own records.
 */
export function allowedActions(role: Role, kind: RecordKind, isOwner: boolean): readonly Action[] {
  const entry = TABLE[role][kind];
  return isOwner ? entry.own : entry.other;
}

export function canCreate(role: Role, kind: RecordKind): boolean {
  return allowedActions(role, kind, true).includes('create');
}
