/**
 * What the local delegation may do with a record (DESIGN.md §3: ownership is the permission model; the
 * role decides which actions the UI offers, shared/domain/permissions.ts). The vault enforces
 * ownership whatever the UI offers; this only keeps the UI from offering what would be refused.
 */
import { allowedActions, canCreate, type Action } from '@shared/domain/permissions';
import type { RecordKind } from '@shared/domain/kinds';
import type { Role } from '@shared/crypto/formats';
import { useProfile } from '../../app/hooks';

export interface RecordPermissions {
  readonly role: Role | null;
  /** The local delegation owns the record. */
  readonly isOwner: boolean;
  readonly can: (action: Action) => boolean;
}

const NOTHING: RecordPermissions = { role: null, isOwner: false, can: () => false };

export function permissionsFor(role: Role | null, localDelegation: string | null, kind: RecordKind, owner: string, deleted = false): RecordPermissions {
  if (role === null || localDelegation === null) return NOTHING;
  const isOwner = owner === localDelegation;
  const actions = allowedActions(role, kind, isOwner);
  // A deleted record is kept for the record's history; nothing but reading is offered on it.
  return { role, isOwner, can: (action) => !deleted && actions.includes(action) };
}

export function useRecordPermissions(kind: RecordKind, owner: string, deleted = false): RecordPermissions {
  const profile = useProfile();
  return permissionsFor(profile?.role ?? null, profile?.delegationId ?? null, kind, owner, deleted);
}

/** Whether the local delegation's role creates records of `kind` (a beneficiary files needs, a partner makes offers). */
export function useCanCreate(kind: RecordKind): boolean {
  const profile = useProfile();
  return profile !== undefined && canCreate(profile.role, kind);
}
