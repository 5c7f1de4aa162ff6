/** `delegations-list`: the delegations this vault knows, its own first (the Delegations directory). */
import { fingerprintDigits, fingerprintGroups, fromBase64, verifyKeyEventLog } from '@shared/crypto';
import type { DelegationView } from '@shared/ipc/vault-protocol';
import type { StoredDelegation } from '../replica-store';
import type { CommandHandler } from './context';

function view(stored: StoredDelegation, local: boolean): DelegationView {
  const keyState = verifyKeyEventLog(stored.keyEventLog, { expectedDelegationId: stored.known.id });
  const digits = fingerprintDigits({ delegationId: stored.known.id, signingKey: fromBase64(stored.known.signingKey), encryptionKey: keyState.encryptionKey });
  return {
    id: stored.known.id,
    name: stored.name,
    country: stored.country,
    role: stored.role,
    local,
    verification: stored.verification,
    revoked: stored.known.revoked,
    devices: stored.known.devices.length,
    fingerprint: fingerprintGroups(digits),
  };
}

export const delegationsList: CommandHandler<'delegations-list'> = async (ctx) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  const local = loaded.delegations.get(loaded.state.localDelegation);
  const others = [...loaded.delegations.values()].filter((stored) => stored !== local).sort((a, b) => a.name.localeCompare(b.name));
  return { delegations: [...(local === undefined ? [] : [view(local, true)]), ...others.map((stored) => view(stored, false))] };
};
