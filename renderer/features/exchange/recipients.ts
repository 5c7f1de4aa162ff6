/**
 * Who may receive a bundle: delegations verified by a fingerprint check, not revoked, not this one.
 * Demo-data delegations were never checked and are left out, as are unverified ones.
 */
import type { DelegationView } from '@shared/ipc/vault-protocol';

export function isEligibleRecipient(delegation: DelegationView): boolean {
  return !delegation.local && !delegation.revoked && delegation.verification?.method === 'fingerprint';
}
