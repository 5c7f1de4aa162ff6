/** `delegations-list`: the delegations this vault knows, its own first (the Delegations directory). */
import { fingerprintGroups } from '@shared/crypto';
import type { DelegationView } from '@shared/ipc/vault-protocol';
import type { StoredDelegation } from '../replica-store';
import type { CommandHandler } from './context';
import { fingerprintOf } from './trust';

export function delegationView(stored: StoredDelegation, local: boolean): DelegationView {
  return {
    id: stored.known.id,
    name: stored.name,
    country: stored.country,
    role: stored.role,
    local,
    verification: stored.verification === null ? null : { ...stored.verification },
    revoked: stored.known.revoked,
    devices: stored.known.devices.length,
    // Withheld until verified: the ceremony is typing what the other side reads out (DESIGN.md §5).
    fingerprint: local || stored.known.verified ? fingerprintGroups(fingerprintOf(stored)) : [],
  };
}

export const delegationsList: CommandHandler<'delegations-list'> = async (ctx) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  const local = loaded.delegations.get(loaded.state.localDelegation);
  const others = [...loaded.delegations.values()].filter((stored) => stored !== local).sort((a, b) => a.name.localeCompare(b.name));
  return { delegations: [...(local === undefined ? [] : [delegationView(local, true)]), ...others.map((stored) => delegationView(stored, false))] };
};
