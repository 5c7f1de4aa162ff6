/**
 * Delegations the sync layer knows, as stored in the sync row (replica-store.ts), and the one way a
 * command commits a replica delta together with a changed delegation list (test injection, demo data,
 * later card import and verification).
 */
import { CryptoError, type KeyState, toBase64, verifyKeyEventLog } from '@shared/crypto';
import type { ReplicaDelta } from '@shared/sync';
import { VaultFailure } from '../errors';
import { applyCommitted, type LoadedReplica, planDelta, type StoredDelegation } from '../replica-store';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { VaultContext } from './context';
import { seedKeyState } from './trust';

/** `state`: the key state `keyEventLog` was already verified as (e.g. a read card's), not verified again. */
export function delegationFromLog(
  keyEventLog: readonly unknown[],
  verification: StoredDelegation['verification'],
  role?: StoredDelegation['role'],
  verified?: KeyState,
): StoredDelegation {
  try {
    const state = verified ?? verifyKeyEventLog(keyEventLog);
    const stored: StoredDelegation = {
      known: {
        id: state.delegationId,
        signingKey: toBase64(state.signingKey),
        devices: state.devices.map(({ device }) => device.id),
        verified: verification !== null,
        revoked: state.revoked !== null,
      },
      name: state.inception.name,
      country: state.inception.country,
      role: role ?? state.inception.proposedRole,
      verification,
      keyEventLog: [...keyEventLog],
    };
    seedKeyState(stored, state);
    return stored;
  } catch (error) {
    if (error instanceof CryptoError) throw new VaultFailure('invalid-request', `A key event log does not verify: ${error.message}`);
    throw error;
  }
}

export async function commitReplicaDelta(
  ctx: VaultContext,
  loaded: LoadedReplica,
  delta: ReplicaDelta,
  delegations: Map<string, StoredDelegation>,
  label: string,
  audit?: (plan: WritePlan) => void,
): Promise<void> {
  const vault = ctx.session.current();
  const plan = WritePlan.on(vault.manifest, vault.manifestVersion, label);
  audit?.(plan);
  planDelta(plan, loaded, delta, { delegations });
  await commitForSession(ctx, vault, plan);
  applyCommitted(loaded, delta, delegations);
}

