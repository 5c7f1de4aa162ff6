/**
 * The verification ceremony and a delegation's details (issue #7, DESIGN.md §5).
 *
 * `delegation-verify`: the user typed the fingerprint the other side read out (in person, by phone or
 * video). The name the user assigns is NFC-normalised and refused (`card-refused`, nothing changed) when
 * it holds control or bidi characters (`name-invalid`) or when its skeleton (shared/bundle nameSkeleton)
 * matches the assigned or proposed name of any OTHER delegation, ours included (`confusable-name`, with
 * `details.with` naming it: the same rule as card import). The fingerprint is compared in constant time
 * with the fingerprint of the STORED keys (shared/crypto compareTypedFingerprint: spaces and dashes
 * ignored). A mismatch changes nothing but the audit log
 * (`verification-failed`) and is answered `fingerprint-mismatch`. A match records how, when and by whom,
 * assigns the name and role the user gave, and releases the change-sets parked for the delegation's
 * devices, all in one transaction.
 *
 * `delegation-detail`: the key event history, the version vector the delegation last acknowledged and
 * what is parked for it.
 */
import { hasUnsafeCharacters, nameSkeleton } from '@shared/bundle';
import { compareTypedFingerprint, KeyEventSchema } from '@shared/crypto';
import type { KeyEventView } from '@shared/ipc/vault-protocol';
import { releaseParked } from '@shared/sync';
import { VaultFailure } from '../errors';
import { loadExchange } from '../exchange-store';
import type { LoadedReplica, StoredDelegation } from '../replica-store';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler } from './context';
import { commitReplicaDelta } from './delegation-registry';
import { delegationView } from './delegations';
import { kindRulesFor } from './kind-rules';
import { fingerprintOf, keyStateOf } from './trust';

function refuseName(reason: 'name-invalid' | 'confusable-name', message: string, extra: Record<string, string> = {}): never {
  throw new VaultFailure('card-refused', message, { details: { reason, ...extra } });
}

/** The name the ceremony assigns to `delegationId`: NFC, trimmed, no control or bidi characters, not confusable with another delegation's. */
function ceremonyName(loaded: LoadedReplica, delegationId: string, typed: string): string {
  if (hasUnsafeCharacters(typed)) refuseName('name-invalid', 'The name holds control or bidirectional-text characters, which could make it display differently from what it contains: type it again.');
  const name = typed.normalize('NFC').trim();
  const skeleton = nameSkeleton(name);
  if (skeleton.length === 0) return name;
  for (const other of loaded.delegations.values()) {
    if (other.known.id === delegationId) continue;
    // Both the name assigned to it and the name its card proposed (the local delegation included).
    for (const known of new Set([other.name, keyStateOf(other).inception.name])) {
      if (nameSkeleton(known) === skeleton) {
        refuseName('confusable-name', `The name “${name}” can be confused with ${other.name} (${other.known.id}), a delegation you already know: choose a name that tells them apart.`, { with: other.known.id });
      }
    }
  }
  return name;
}

export const delegationVerify: CommandHandler<'delegation-verify'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.openWithLog(ctx.repo, vault);
  const existing = loaded.delegations.get(request.delegationId);
  if (existing === undefined) throw new VaultFailure('not-found', `No delegation ${request.delegationId} is known: import its contact card first.`);
  if (existing.known.id === loaded.state.localDelegation) throw new VaultFailure('invalid-request', 'Your own delegation needs no verification.');
  if (existing.known.revoked) throw new VaultFailure('invalid-request', `${existing.name} revoked its keys: there is nothing to verify.`);
  const name = ceremonyName(loaded, existing.known.id, request.name);
  const comparison = compareTypedFingerprint(request.fingerprint, fingerprintOf(existing));
  const at = ctx.now().toISOString();
  if (!comparison.match) {
    const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'delegation-verify');
    plan.appendAudit('verification-failed', { delegation: existing.known.id, reason: comparison.reason, channel: request.channel }, at);
    await commitForSession(ctx, vault, plan);
    throw new VaultFailure('fingerprint-mismatch', 'The fingerprint you typed is not the one of this delegation’s keys. Nothing was changed: compare again with the other side, digit by digit.', {
      details: { reason: comparison.reason, digitCount: comparison.digitCount },
    });
  }
  const verified: StoredDelegation = {
    ...existing,
    name,
    role: request.role,
    known: { ...existing.known, verified: true },
    verification: { method: 'fingerprint', at, by: loaded.state.localDelegation, channel: request.channel },
  };
  const delegations = new Map(loaded.delegations);
  delegations.set(verified.known.id, verified);
  const state = { ...loaded.state, delegations: new Map([...delegations].map(([id, stored]) => [id, stored.known])) };
  const { delta, report } = releaseParked(state, verified.known.id, { now: ctx.now().getTime(), kindRules: kindRulesFor() });
  if (report.refused !== null) throw new VaultFailure('internal', `The parked change-sets could not be released: ${report.refused.message}`);
  await commitReplicaDelta(ctx, loaded, delta, delegations, 'delegation-verify', (plan) => {
    plan.appendAudit(
      'delegation-verified',
      { delegation: verified.known.id, name: verified.name.slice(0, 200), role: verified.role, channel: request.channel, released: delta.releasedParked, applied: report.applied },
      at,
    );
  });
  return { delegation: delegationView(verified, false), released: report };
};

/** The signed events of a verified log, as the history shows them. */
function keyEvents(stored: StoredDelegation): KeyEventView[] {
  return stored.keyEventLog.flatMap((signed, seq): KeyEventView[] => {
    const parsed = KeyEventSchema.safeParse((signed as { event?: unknown } | null)?.event);
    if (!parsed.success) return [];
    const event = parsed.data;
    switch (event.type) {
      case 'inception':
        return [{ seq, type: 'inception', at: event.created, device: '', label: event.device.label ?? '' }];
      case 'device-registration':
        return [{ seq, type: 'device', at: event.created, device: event.device.id, label: event.device.label ?? '' }];
      case 'revocation':
        return [{ seq, type: 'revocation', at: event.created, device: '', label: '' }];
    }
  });
}

export const delegationDetail: CommandHandler<'delegation-detail'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const loaded = await ctx.session.replica.open(ctx.repo, vault);
  const stored = loaded.delegations.get(request.delegationId);
  if (stored === undefined) throw new VaultFailure('not-found', `No delegation ${request.delegationId} is known.`);
  const exchange = await loadExchange(ctx.repo, vault);
  const devices = new Set(stored.known.devices);
  const parked = loaded.state.parked.filter((item) => item.delegation === stored.known.id || devices.has(item.device)).length;
  const acknowledged = exchange.peers.get(stored.known.id)?.acknowledged ?? null;
  return {
    delegation: delegationView(stored, stored.known.id === loaded.state.localDelegation),
    keyEvents: keyEvents(stored),
    acknowledged: acknowledged === null ? null : { ...acknowledged },
    parked,
  };
};
